//! The checked-in schemas equal what the model types generate. Regenerate with
//! `UPDATE_SCHEMAS=1 cargo test --test schemas`.

use floe_lint::model::v1::{self, V1Kind};
use floe_lint::model::{FileKind, embedded_schema, generate_schema};

fn check(kind: FileKind, path: &str) {
    let generated =
        serde_json::to_string_pretty(&generate_schema(kind)).expect("schema serializes") + "\n";
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    assert!(
        embedded_schema(kind) == generated,
        "{path} is out of date with the model types: run `UPDATE_SCHEMAS=1 cargo test --test schemas`"
    );
}

#[test]
fn floe_schema_is_current() {
    check(FileKind::Floe, "schemas/floe.schema.json");
}

#[test]
fn platform_schema_is_current() {
    check(FileKind::Platform, "schemas/platform.schema.json");
}

fn check_v1(kind: V1Kind, path: &str) {
    let generated =
        serde_json::to_string_pretty(&v1::schema(kind)).expect("schema serializes") + "\n";
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    assert!(
        v1::embedded_schema(kind) == generated,
        "{path} is out of date with the model types: run `UPDATE_SCHEMAS=1 cargo test --test schemas`"
    );
}

#[test]
fn floe_v1_schema_is_current() {
    check_v1(V1Kind::FloeSpec, "schemas/floe-v1.schema.json");
}

#[test]
fn manifest_schema_is_current() {
    check_v1(V1Kind::Manifest, "schemas/manifest.schema.json");
}

#[test]
fn v1_schemas_are_draft_2020_12_with_ids() {
    for (kind, id) in [
        (
            V1Kind::FloeSpec,
            "https://floe.dev/schemas/floe-v1.schema.json",
        ),
        (
            V1Kind::Manifest,
            "https://floe.dev/schemas/manifest.schema.json",
        ),
    ] {
        let schema: serde_json::Value =
            serde_json::from_str(v1::embedded_schema(kind)).expect("valid JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["$id"], id);
        assert!(jsonschema::validator_for(&schema).is_ok());
    }
}

#[test]
fn schemas_are_draft_2020_12_with_ids() {
    for kind in [FileKind::Floe, FileKind::Platform] {
        let schema: serde_json::Value =
            serde_json::from_str(embedded_schema(kind)).expect("valid JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(
            schema["$id"]
                .as_str()
                .is_some_and(|id| id.ends_with(".schema.json"))
        );
        assert!(jsonschema::validator_for(&schema).is_ok());
    }
}

#[test]
fn config_schema_is_current() {
    let generated = serde_json::to_string_pretty(&floe_lint::config::schema())
        .expect("schema serializes")
        + "\n";
    let path = "schemas/floe-lint.schema.json";
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    assert!(
        std::fs::read_to_string(path).ok() == Some(generated),
        "{path} is stale: run `UPDATE_SCHEMAS=1 cargo test --test schemas`"
    );
}
