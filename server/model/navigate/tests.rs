//! Schema navigation along document paths, both dialects.

use super::*;

fn no_tag(_: &[Step]) -> Option<String> {
    None
}

#[test]
fn platform_paths() {
    let path = [Step::Key("catalogs".into()), Step::Key("default".into())];
    let names: Vec<String> = fields(FileKind::Platform, &path, &no_tag)
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(
        names.contains(&"warehouse".to_owned()) && names.contains(&"access_delegation".to_owned()),
        "{names:?}"
    );
    let delegation = schema_at(
        FileKind::Platform,
        &[
            path[0].clone(),
            path[1].clone(),
            Step::Key("access_delegation".into()),
        ],
        &no_tag,
    )
    .expect("schema");
    assert_eq!(
        allowed_values(&delegation),
        vec!["vended-credentials", "remote-signing", "none"]
    );
    let secret = schema_at(
        FileKind::Platform,
        &[
            path[0].clone(),
            path[1].clone(),
            Step::Key("credentials".into()),
            Step::Key("client_secret".into()),
        ],
        &no_tag,
    )
    .expect("schema");
    assert!(takes_secret_ref(&secret));
}

#[test]
fn tagged_union_variant_fields() {
    let path = [
        Step::Key("orchestration".into()),
        Step::Key("jobs".into()),
        Step::Key("nightly".into()),
    ];
    let tag = |p: &[Step]| (p.len() == 3).then(|| "ops".to_owned());
    let names: Vec<String> = fields(FileKind::Floe, &path, &tag)
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(
        names.contains(&"target_function".to_owned()) && !names.contains(&"selection".to_owned()),
        "{names:?}"
    );
}

#[test]
fn optional_enums_and_blocks_behind_a_reference() {
    // Generation B writes `Option<Enum>` as an `anyOf` of a `$ref` and `null`.
    let tier = schema_at(
        FileKind::FloeSpec,
        &[
            Step::Key("transforms".into()),
            Step::Index(0),
            Step::Key("tier".into()),
        ],
        &no_tag,
    )
    .expect("schema");
    assert_eq!(
        shape(FileKind::FloeSpec, &tier),
        Shape::Choice(vec!["bronze".into(), "silver".into(), "gold".into()])
    );
    let platform = fields(FileKind::FloeSpec, &[], &no_tag)
        .into_iter()
        .find(|f| f.name == "platform")
        .expect("platform");
    assert_eq!(shape(FileKind::FloeSpec, &platform.schema), Shape::Mapping);
    assert!(platform.description.is_some());
}

#[test]
fn plugin_config_blocks_read_the_plugin_s_model() {
    let config = [
        Step::Key("plugins".into()),
        Step::Key("catalog".into()),
        Step::Key("config".into()),
    ];
    let polaris = |p: &[Step]| (p.len() == 2).then(|| "polaris".to_owned());
    let names: Vec<String> = fields(FileKind::Manifest, &config, &polaris)
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(
        names.contains(&"warehouse".to_owned()) && names.contains(&"oauth2".to_owned()),
        "{names:?}"
    );
    let mut scope = config.to_vec();
    scope.extend([Step::Key("oauth2".into()), Step::Key("scope".into())]);
    let schema = schema_at(FileKind::Manifest, &scope, &polaris).expect("scope");
    assert!(description(&schema).is_some_and(|d| d.contains("PRINCIPAL_ROLE")));
    // A plugin without a runtime model, or no type yet: the block is a free mapping.
    let glue = |p: &[Step]| (p.len() == 2).then(|| "glue".to_owned());
    assert!(fields(FileKind::Manifest, &config, &glue).is_empty());
    assert!(fields(FileKind::Manifest, &config, &no_tag).is_empty());
    // The `config` key itself keeps the manifest's description.
    let schema = schema_at(FileKind::Manifest, &config, &polaris).expect("config");
    assert!(description(&schema).is_some_and(|d| d.contains("copied verbatim")));
}
