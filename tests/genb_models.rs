//! Generation B floe.yaml (`kind: FloeSpec`): upstream's example files get upstream's verdict
//! from the generated schema plus the semantic checks, and one-edit variants fail where and how
//! upstream says.

mod genb_support;

use floe_lint::model::v1::semantic::{V1Check, check_detailed, non_string_keys};
use floe_lint::model::v1::{self, Detected, V1Kind};
use genb_support::{all_errors, document, schema_errors, semantic_errors, upstream, yaml};
use serde_json::{Value, json};

const VALID_SPECS: [&str; 5] = [
    "floe__demo__customer-360__floe.yaml",
    "floe__demo__financial-risk__floe.yaml",
    "floe__demo__iot-telemetry__floe.yaml",
    "floe__examples__hello-orders__floe.yaml",
    // Schema-valid; upstream's compile fails on it only through governance (FLOE-E301).
    "floe__packages__floe-core__tests__fixtures__quickstart__floe.yaml",
];

#[test]
fn upstream_valid_specs_have_no_findings() {
    for name in VALID_SPECS {
        let document = yaml(&upstream(name));
        assert_eq!(
            v1::detect(&document),
            Some(Detected::V1(V1Kind::FloeSpec)),
            "{name}"
        );
        assert_eq!(
            all_errors(V1Kind::FloeSpec, &document),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

/// demo/floe.yaml (an older shape) is invalid upstream with exactly 12 errors: six
/// `transforms.N.description`, `output_ports.0.schema` missing, `output_ports.0.table` and
/// `.format`, and `governance`, `input_ports`, `compute` at the root.
#[test]
fn upstream_demo_spec_fails_with_upstreams_twelve_errors() {
    let document = yaml(&upstream("floe__demo__floe.yaml"));
    let mut expected: Vec<String> = (0..6)
        .map(|i| format!("/transforms/{i}/description: extra"))
        .collect();
    expected.extend(
        [
            "/compute: extra",
            "/governance: extra",
            "/input_ports: extra",
            "/output_ports/0/format: extra",
            "/output_ports/0/schema: missing",
            "/output_ports/0/table: extra",
        ]
        .map(str::to_owned),
    );
    expected.sort();
    assert_eq!(schema_errors(V1Kind::FloeSpec, &document), expected);
    assert_eq!(
        semantic_errors(V1Kind::FloeSpec, &document),
        Vec::<String>::new()
    );
}

fn minimal() -> Value {
    json!({
        "apiVersion": "floe.dev/v1",
        "kind": "FloeSpec",
        "metadata": {"name": "orders", "version": "1.0.0"},
        "transforms": [{"name": "stg_orders"}]
    })
}

/// `minimal()` with one edit at a JSON pointer (`None` removes the key).
fn edited(pointer: &str, value: Option<Value>) -> Value {
    let mut document = minimal();
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    let parent = document.pointer_mut(parent).expect("parent exists");
    match (parent, value) {
        (Value::Object(map), Some(value)) => {
            map.insert(key.to_owned(), value);
        }
        (Value::Object(map), None) => {
            map.remove(key);
        }
        (Value::Array(items), Some(value)) => {
            let index: usize = key.parse().expect("index");
            items[index] = value;
        }
        _ => panic!("cannot edit {pointer}"),
    }
    document
}

#[test]
fn one_edit_schema_variants() {
    let cases: Vec<(&str, Option<Value>, &str)> = vec![
        (
            "/apiVersion",
            Some(json!("floe.dev/v2")),
            "/apiVersion: enum",
        ),
        ("/apiVersion", None, "/apiVersion: missing"),
        ("/kind", Some(json!("Manifest")), "/kind: enum"),
        (
            "/metadata/name",
            Some(json!("Orders")),
            "/metadata/name: pattern",
        ),
        (
            "/metadata/name",
            Some(json!("a".repeat(64))),
            "/metadata/name: range",
        ),
        (
            "/metadata/version",
            Some(json!(1.0)),
            "/metadata/version: type",
        ),
        (
            "/metadata/labels",
            Some(json!({"tier": 1})),
            "/metadata/labels/tier: type",
        ),
        ("/metadata/owner", Some(json!("")), "/metadata/owner: range"),
        ("/transforms", Some(json!([])), "/transforms: range"),
        (
            "/transforms/0",
            Some(json!({"name": "1x"})),
            "/transforms/0/name: pattern",
        ),
        (
            "/transforms/0",
            Some(json!({"name": "a", "tier": "platinum"})),
            "/transforms/0/tier: enum",
        ),
        (
            "/transforms/0",
            Some(json!({"name": "a", "description": "d"})),
            "/transforms/0/description: extra",
        ),
        (
            "/transforms/0",
            Some(
                json!({"name": "a", "qualityChecks": [{"name": "n", "type": "t", "dimension": "speed"}]}),
            ),
            "/transforms/0/qualityChecks/0/dimension: enum",
        ),
        (
            "/transforms/0",
            Some(
                json!({"name": "a", "quality_checks": [{"name": "n", "type": "t", "dimension": "validity", "custom_weight": 20}]}),
            ),
            "/transforms/0/quality_checks/0/custom_weight: range",
        ),
        (
            "/schedule",
            Some(json!({"cron": "x", "tz": "UTC"})),
            "/schedule/tz: extra",
        ),
        (
            "/platform",
            Some(json!({"manifest": ""})),
            "/platform/manifest: range",
        ),
        (
            "/destinations",
            Some(json!([{"name": "d", "sink_type": "pg", "connection_secret_ref": "Bad_Ref"}])),
            "/destinations/0/connection_secret_ref: pattern",
        ),
        (
            "/destinations",
            Some(
                json!([{"name": "d", "sink_type": "pg", "connection_secret_ref": "r", "batch_size": 0}]),
            ),
            "/destinations/0/batch_size: range",
        ),
    ];
    for (pointer, value, expected) in cases {
        let document = edited(pointer, value);
        let errors = schema_errors(V1Kind::FloeSpec, &document);
        assert!(
            errors.iter().any(|e| e == expected),
            "{pointer}: expected {expected:?}, got {errors:?}"
        );
    }
}

#[test]
fn either_alias_spelling_validates_and_both_is_an_error_at_the_field_name() {
    let mut snake = minimal();
    let root = snake.as_object_mut().expect("mapping");
    let version = root.remove("apiVersion").expect("present");
    root.insert("api_version".into(), version);
    root.insert("output_ports".into(), json!([]));
    root.insert(
        "transforms".into(),
        json!([{"name": "a"}, {"name": "b", "depends_on": ["a"], "quality_checks": []}]),
    );
    assert_eq!(all_errors(V1Kind::FloeSpec, &snake), Vec::<String>::new());
    assert_eq!(v1::detect_kind(&snake), Some(V1Kind::FloeSpec));

    let both = edited(
        "/transforms/0",
        Some(json!({"name": "a", "dependsOn": [], "depends_on": []})),
    );
    let mut both = both;
    both["api_version"] = json!("floe.dev/v1");
    let findings = check_detailed(V1Kind::FloeSpec, &both);
    let located: Vec<(&str, bool, V1Check)> = findings
        .iter()
        .map(|f| (f.error.pointer.as_str(), f.error.at_key, f.check))
        .collect();
    assert_eq!(
        located,
        vec![
            ("/api_version", true, V1Check::AliasConflict),
            ("/transforms/0/depends_on", true, V1Check::AliasConflict),
        ]
    );
    assert_eq!(
        findings[0].error.message,
        "Extra inputs are not permitted: `api_version` is the same field as `apiVersion`, which is also given; keep one spelling"
    );
    assert_eq!(
        findings[0].upstream_message.as_deref(),
        Some("Extra inputs are not permitted")
    );
    // Output ports and columns have no populate_by_name: only `schema` / `primaryKey`.
    let port = edited("/transforms/0", Some(json!({"name": "a"})));
    let mut port = port;
    port["outputPorts"] =
        json!([{"name": "p", "schema": [{"name": "c", "type": "string", "primary_key": true}]}]);
    assert!(
        schema_errors(V1Kind::FloeSpec, &port)
            .contains(&"/outputPorts/0/schema/0/primary_key: extra".to_owned())
    );
}

#[test]
fn fr014_reports_each_forbidden_key_at_that_key() {
    let document = yaml(
        "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: p\n  version: 1.0.0\n  labels:\n    Password: x\n    db_password: fine\ntransforms:\n  - name: a\n    database: d\n    qualityChecks:\n      - {name: n, type: t, dimension: validity, parameters: {host: h}}\ndestinations:\n  - {name: d, sink_type: pg, connection_secret_ref: r, config: {token: t, nested: [[{port: 1}]]}}\nschema: s\n",
    );
    let findings = check_detailed(V1Kind::FloeSpec, &document);
    let fr014: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.check == V1Check::EnvironmentFieldInSpec)
        .map(|f| (f.error.pointer.as_str(), f.error.message.as_str()))
        .collect();
    let message = |path: &str| {
        format!(
            "Environment-specific fields are not allowed in FloeSpec: {path}. Use platform manifest for environment configuration (FR-014)."
        )
    };
    // Document order; a list nested directly in a list is not searched (as upstream).
    let expected = [
        ("/metadata/labels/Password", "metadata.labels.Password"),
        ("/transforms/0/database", "transforms[0].database"),
        (
            "/transforms/0/qualityChecks/0/parameters/host",
            "transforms[0].qualityChecks[0].parameters.host",
        ),
        (
            "/destinations/0/config/token",
            "destinations[0].config.token",
        ),
        ("/schema", "schema"),
    ];
    let expected_messages: Vec<String> = expected.iter().map(|(_, path)| message(path)).collect();
    assert_eq!(
        fr014,
        expected
            .iter()
            .zip(&expected_messages)
            .map(|((pointer, _), m)| (*pointer, m.as_str()))
            .collect::<Vec<_>>()
    );
    assert!(
        findings
            .iter()
            .all(|f| f.check != V1Check::EnvironmentFieldInSpec || f.error.at_key)
    );
    // Upstream's single root message, all paths sorted, is kept for a note.
    assert_eq!(
        findings[0].upstream_message.as_deref(),
        Some(message("destinations[0].config.token, metadata.labels.Password, schema, transforms[0].database, transforms[0].qualityChecks[0].parameters.host").as_str())
    );
}

#[test]
fn output_ports_can_only_be_empty() {
    let mut document = minimal();
    document["outputPorts"] = json!([{"name": "p", "schema": [{"name": "c", "type": "string"}]}]);
    assert_eq!(
        schema_errors(V1Kind::FloeSpec, &document),
        Vec::<String>::new()
    );
    assert_eq!(
        semantic_errors(V1Kind::FloeSpec, &document),
        vec![
            "/outputPorts/0/schema: Environment-specific fields are not allowed in FloeSpec: outputPorts[0].schema. Use platform manifest for environment configuration (FR-014)."
        ]
    );
    document["outputPorts"] = json!([]);
    assert_eq!(
        all_errors(V1Kind::FloeSpec, &document),
        Vec::<String>::new()
    );
}

#[test]
fn duplicate_names_and_config_size() {
    let mut document = minimal();
    document["transforms"] =
        json!([{"name": "b"}, {"name": "a"}, {"name": "b"}, {"name": "a"}, {"name": "b"}]);
    let config: serde_json::Map<String, Value> =
        (0..51).map(|i| (format!("k{i}"), json!(i))).collect();
    document["destinations"] = json!([
        {"name": "d", "sink_type": "pg", "connection_secret_ref": "r", "config": config},
        {"name": "d", "sink_type": "pg", "connection_secret_ref": "r"}
    ]);
    let transforms = "Duplicate transform names are not allowed: a, b";
    assert_eq!(
        semantic_errors(V1Kind::FloeSpec, &document),
        vec![
            format!("/transforms/2/name: {transforms}"),
            format!("/transforms/3/name: {transforms}"),
            format!("/transforms/4/name: {transforms}"),
            "/destinations/1/name: Duplicate destination names are not allowed: d".to_owned(),
            "/destinations/0/config: config has 51 keys, max 50 allowed".to_owned(),
        ]
    );
}

#[test]
fn non_string_keys_are_located_errors() {
    let doc = document(
        "apiVersion: floe.dev/v1\n1: x\ntransforms:\n  - {5: a, name: t}\nmetadata:\n  labels: {true: y, null: n, 2024-01-01: d, \"7\": quoted}\n",
    );
    let root = doc.root.as_ref().expect("parsed");
    let found: Vec<(String, bool, String)> = non_string_keys(root)
        .into_iter()
        .map(|e| (e.pointer, e.at_key, e.message))
        .collect();
    let pointers: Vec<&str> = found.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        pointers,
        vec![
            "/1",
            "/transforms/0/5",
            "/metadata/labels/True",
            "/metadata/labels/None",
            "/metadata/labels/2024-01-01"
        ]
    );
    assert!(found.iter().all(|(_, at_key, _)| *at_key));
    assert_eq!(
        found[0].2,
        "Keys should be strings: `1` is read as an integer; quote it (`\"1\"`) if it is meant as a name"
    );
}

#[test]
fn stale_data_product_shape_is_recognised() {
    let document =
        yaml("apiVersion: floe.dev/v1\nkind: DataProduct\nmetadata: {name: x, domain: d}\n");
    assert_eq!(v1::detect(&document), Some(Detected::StaleDataProduct));
    // Generation A files are not Gen B.
    let gen_a = yaml(&upstream("floe-runtime__demo__data_engineering__floe.yaml"));
    assert_eq!(v1::detect(&gen_a), None);
}
