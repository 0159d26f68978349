use super::*;
use crate::model::common::test_support::yaml_to_json;
use crate::model::semantic;
use crate::model::{FileKind, generate_schema};
use serde_json::json;

const LOCAL_DEMO: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml"
);
const CLI_FIXTURE: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__packages__floe-cli__tests__fixtures__platform.yaml"
);
const HISTORICAL_LOCAL: &str =
    include_str!("../../../tests/fixtures/upstream/floe-runtime__platform__local__platform.yaml");
const DEV: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__demo__platform-config__platform__dev__platform.yaml"
);
const PROD: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__demo__platform-config__platform__prod__platform.yaml"
);

fn parse(text: &str) -> Value {
    match yaml_to_json(text) {
        Ok(v) => v,
        Err(e) => panic!("fixture is not parseable YAML: {e}"),
    }
}

fn spec(doc: &Value) -> PlatformSpec {
    match serde_json::from_value(doc.clone()) {
        Ok(s) => s,
        Err(e) => panic!("platform document rejected: {e}"),
    }
}

fn validator(kind: FileKind) -> jsonschema::Validator {
    match jsonschema::validator_for(&generate_schema(kind)) {
        Ok(v) => v,
        Err(e) => panic!("{kind:?} schema does not compile: {e}"),
    }
}

/// Instance paths of the schema errors, sorted and de-duplicated.
fn error_paths(doc: &Value) -> Vec<String> {
    let validator = validator(FileKind::Platform);
    let mut paths: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| e.instance_path().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

#[test]
fn both_schemas_compile() {
    let _ = validator(FileKind::Floe);
    let _ = validator(FileKind::Platform);
}

#[test]
fn local_demo_deserializes_and_validates() {
    let doc = parse(LOCAL_DEMO);
    let spec = spec(&doc);
    assert_eq!(spec.version, "1.2.0");
    assert_eq!(spec.storage.len(), 4);
    assert_eq!(spec.layers.len(), 3);
    let catalog = spec.catalogs.get("default");
    assert_eq!(
        catalog.map(|c| c.access_delegation),
        Some(AccessDelegation::None)
    );
    assert_eq!(
        catalog.map(|c| c.credentials.mode),
        Some(crate::model::common::CredentialMode::Oauth2)
    );
    let infra = spec.infrastructure.as_ref();
    assert_eq!(infra.map(|i| i.timezone.as_str()), Some("Australia/Sydney"));
    assert_eq!(
        infra.map(|i| i.network.local_access.ports.minio_console),
        Some(30901)
    );
    let env = infra
        .and_then(|i| i.resource_profiles.as_ref())
        .and_then(|p| p.get("transform"))
        .and_then(|p| p.env.get("DUCKDB_THREADS"));
    assert_eq!(env.map(String::as_str), Some("4"));
    let obs = spec.observability.as_ref();
    assert_eq!(
        obs.and_then(|o| o.logging.as_ref()).map(|l| l.level),
        Some(crate::model::common::LogLevel::Info)
    );
    assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
    assert!(semantic::check(FileKind::Platform, &doc).is_empty());
}

#[test]
fn other_valid_fixtures_deserialize_and_validate() {
    for text in [CLI_FIXTURE, HISTORICAL_LOCAL] {
        let doc = parse(text);
        let spec = spec(&doc);
        assert_eq!(spec.version, "1.0.0");
        assert_eq!(
            spec.compute.get("default").map(|c| c.r#type),
            Some(ComputeTarget::Duckdb)
        );
        assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
        assert!(semantic::check(FileKind::Platform, &doc).is_empty());
    }
}

#[test]
fn empty_document_is_valid() {
    let spec = spec(&json!({}));
    assert_eq!(spec.version, PLATFORM_SPEC_VERSION);
    assert!(error_paths(&json!({})).is_empty());
}

#[test]
fn dev_demo_fails_where_upstream_fails() {
    // Upstream reports 10 errors; extra keys are one additionalProperties error per object.
    let doc = parse(DEV);
    assert!(serde_json::from_value::<PlatformSpec>(doc.clone()).is_err());
    let expected = [
        "/governance/classifications",
        "/governance/compliance/frameworks",
        "/governance/data_quality",
        "/governance/retention",
        "/infrastructure/cloud",
        "/security/authorization",
        "/security/encryption/at_rest",
        "/security/encryption/in_transit",
        "/security/secret_backends",
        "/security/secret_backends/primary",
    ];
    assert_eq!(error_paths(&doc), expected);
}

#[test]
fn prod_demo_fails_where_upstream_fails() {
    let doc = parse(PROD);
    assert!(serde_json::from_value::<PlatformSpec>(doc.clone()).is_err());
    let paths = error_paths(&doc);
    for expected in [
        "/catalogs/default",
        "/governance",
        "/infrastructure/cloud",
        "/observability/logging",
        "/observability/logging/level",
        "/observability/metrics_config",
        "/observability/tracing",
        "/security/audit",
        "/security/authentication",
        "/storage/bronze",
        "/storage/gold",
        "/storage/silver",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not in {paths:?}"
        );
    }
}

#[test]
fn strings_only_maps_and_secret_refs() {
    let base = || json!({"catalogs": {"c": {"uri": "u", "warehouse": "w"}}});
    let mut doc = base();
    doc["catalogs"]["c"]["properties"] = json!({"flag": true});
    assert_eq!(
        error_paths(&doc),
        vec!["/catalogs/c/properties/flag".to_owned()]
    );
    assert!(serde_json::from_value::<PlatformSpec>(doc).is_err());

    let mut doc = base();
    doc["catalogs"]["c"]["credentials"] =
        json!({"mode": "oauth2", "client_id": "id", "client_secret": "plain"});
    assert_eq!(
        error_paths(&doc),
        vec!["/catalogs/c/credentials/client_secret".to_owned()]
    );
    assert!(serde_json::from_value::<PlatformSpec>(doc).is_err());

    let mut doc = base();
    doc["catalogs"]["c"]["uri"] = json!({"secret_ref": "catalog-uri"});
    doc["catalogs"]["c"]["credentials"] = json!({"client_id": {"secret_ref": "cid"}});
    assert!(error_paths(&doc).is_empty());
    let parsed = spec(&doc);
    assert!(matches!(
        parsed.catalogs.get("c").map(|c| &c.uri),
        Some(StringOrSecretRef::Secret(s)) if s.secret_ref == "catalog-uri"
    ));

    let mut doc = base();
    doc["catalogs"]["c"]["uri"] = json!({"secret_ref": "my.secret"});
    assert!(!error_paths(&doc).is_empty());

    let mut doc = base();
    doc["catalogs"]["c"]["access_delegation"] = json!("vended_credentials");
    assert_eq!(
        error_paths(&doc),
        vec!["/catalogs/c/access_delegation".to_owned()]
    );
}

#[test]
fn profile_names_are_property_names() {
    let doc = json!({"storage": {"1bad": {"bucket": "abc"}}, "layers": {"1ok": {
        "name": "x", "storage_ref": "s", "namespace": "n"}}});
    assert_eq!(error_paths(&doc), vec!["/storage".to_owned()]);
}

#[test]
fn defaults_match_upstream() {
    let doc = json!({
        "storage": {"s": {"bucket": "abc"}},
        "catalogs": {"c": {"uri": "u", "warehouse": "w"}},
        "compute": {"d": {}},
        "infrastructure": {},
        "security": {},
        "governance": {}
    });
    let spec = spec(&doc);
    let storage = &spec.storage["s"];
    assert_eq!(storage.r#type, StorageType::S3);
    assert_eq!(storage.endpoint, StringOrSecretRef::Literal(String::new()));
    assert_eq!(storage.region, "us-east-1");
    assert_eq!(
        storage.credentials.mode,
        crate::model::common::CredentialMode::Static
    );
    let catalog = &spec.catalogs["c"];
    assert_eq!(catalog.r#type, CatalogType::Polaris);
    assert_eq!(catalog.namespace, "default");
    assert!(catalog.token_refresh_enabled);
    assert_eq!(spec.compute["d"].r#type, ComputeTarget::Duckdb);
    let Some(infra) = spec.infrastructure else {
        panic!("infrastructure missing")
    };
    assert!(infra.network.enabled);
    assert_eq!(
        infra.network.network_policies.default_rule,
        NetworkPolicyRule::AllowAll
    );
    assert_eq!(infra.network.ingress.tls.provider, TlsProvider::CertManager);
    assert_eq!(infra.network.ingress.tls.min_version, "1.2");
    assert_eq!(infra.cloud.provider, CloudProvider::Local);
    assert_eq!(infra.cloud.localstack.services, vec!["s3", "sts"]);
    assert!(infra.lifecycle.is_none());
    let Some(security) = spec.security else {
        panic!("security missing")
    };
    assert_eq!(
        security.authentication.session.same_site,
        SameSitePolicy::Lax
    );
    assert_eq!(security.authentication.session.timeout_minutes, 480);
    assert_eq!(
        security.secret_backends.vault.secret_path,
        "secret/data/floe"
    );
    assert_eq!(security.audit.retention_days, 90);
    let Some(governance) = spec.governance else {
        panic!("governance missing")
    };
    assert_eq!(governance.retention.default_policy.retention_days, 730);
    assert_eq!(
        governance.data_quality.default_checks,
        vec![
            DataQualityCheck::SchemaValidation,
            DataQualityCheck::NullPercentage
        ]
    );
}

/// Calls `f` on every schema object in `value`, depth first.
fn walk<'a>(value: &'a Value, path: &str, f: &mut dyn FnMut(&str, &'a Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            f(path, map);
            for (k, v) in map {
                walk(v, &format!("{path}/{k}"), f);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}/{i}"), f);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_shape() {
    for kind in [FileKind::Floe, FileKind::Platform] {
        let schema = generate_schema(kind);
        let mut objects = 0;
        walk(&schema, "", &mut |path, node| {
            // Every object with declared keys forbids unknown keys.
            if node.contains_key("properties") && !path.ends_with("/properties") {
                objects += 1;
                assert_eq!(
                    node.get("additionalProperties"),
                    Some(&json!(false)),
                    "{path}"
                );
            }
            // No `anyOf`: nullable objects and enums are plain `type: [..., "null"]` schemas
            // so that errors inside them keep their own location.
            assert!(
                !node.contains_key("anyOf") || path.ends_with("/properties"),
                "{path}"
            );
            if node.contains_key("oneOf") && !path.ends_with("/properties") {
                assert!(
                    [
                        "/$defs/PartitionDefinition",
                        "/$defs/JobDefinition",
                        "/$defs/SensorDefinition"
                    ]
                    .contains(&path),
                    "{path}"
                );
            }
        });
        assert!(objects > 20, "{kind:?}: {objects}");
    }

    let schema = generate_schema(FileKind::Platform);
    let defs = &schema["$defs"];
    assert_eq!(schema["additionalProperties"], json!(false));
    assert_eq!(
        schema["properties"]["storage"]["propertyNames"],
        json!({"pattern": crate::model::common::PROFILE_NAME_PATTERN})
    );
    assert_eq!(schema["properties"]["version"]["default"], json!("1.2.0"));
    assert_eq!(
        defs["StorageProfile"]["properties"]["type"]["default"],
        json!("s3")
    );
    assert_eq!(
        defs["CatalogProfile"]["properties"]["access_delegation"]["default"],
        json!("none")
    );
    assert_eq!(
        defs["AccessDelegation"]["enum"],
        json!(["vended-credentials", "remote-signing", "none"])
    );
    assert_eq!(
        defs["LogLevel"]["enum"],
        json!(["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"])
    );
    assert_eq!(
        defs["SameSitePolicy"]["enum"],
        json!(["Strict", "Lax", "None"])
    );
    assert!(defs["CredentialConfig"]["description"].is_string());
    assert_eq!(
        defs["CredentialConfig"]["properties"]["client_id"]["type"],
        json!(["string", "object", "null"])
    );
    assert_eq!(
        schema["properties"]["security"]["type"],
        json!(["object", "null"])
    );

    let floe = generate_schema(FileKind::Floe);
    let partitions = &floe["$defs"]["PartitionDefinition"]["oneOf"];
    let tags: Vec<&Value> = partitions
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| &v["properties"]["type"]["const"])
        .collect();
    assert_eq!(
        tags,
        [
            &json!("time_window"),
            &json!("static"),
            &json!("multi"),
            &json!("dynamic")
        ]
    );
    for variant in partitions.as_array().into_iter().flatten() {
        assert_eq!(variant["additionalProperties"], json!(false));
        assert_eq!(variant["required"][0], json!("type"));
    }
    for def in ["JobDefinition", "SensorDefinition"] {
        for variant in floe["$defs"][def]["oneOf"].as_array().into_iter().flatten() {
            assert_eq!(variant["additionalProperties"], json!(false), "{def}");
            assert!(variant["properties"]["type"]["const"].is_string(), "{def}");
        }
    }
}
