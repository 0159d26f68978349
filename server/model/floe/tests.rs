use super::*;
use crate::model::common::test_support::yaml_to_json;
use crate::model::{FileKind, generate_schema};
use serde_json::json;

const DEMO: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__demo__data_engineering__floe.yaml"
);
const VALID: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__packages__floe-cli__tests__fixtures__valid_floe.yaml"
);
const INVALID: &str = include_str!(
    "../../../tests/fixtures/upstream/floe-runtime__packages__floe-cli__tests__fixtures__invalid_floe.yaml"
);

fn parse(text: &str) -> Value {
    match yaml_to_json(text) {
        Ok(v) => v,
        Err(e) => panic!("fixture is not parseable YAML: {e}"),
    }
}

fn error_paths(doc: &Value) -> Vec<String> {
    let schema = generate_schema(FileKind::Floe);
    let validator = match jsonschema::validator_for(&schema) {
        Ok(v) => v,
        Err(e) => panic!("floe schema does not compile: {e}"),
    };
    let mut paths: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| e.instance_path().to_string())
        .collect();
    paths.sort();
    paths
}

#[test]
fn demo_floe_yaml_deserializes() {
    let doc = parse(DEMO);
    let spec: FloeSpec = match serde_json::from_value(doc.clone()) {
        Ok(s) => s,
        Err(e) => panic!("demo floe.yaml rejected: {e}"),
    };
    assert_eq!(spec.name, "floe-demo");
    assert_eq!(spec.version, "1.0.0");
    assert_eq!(spec.catalog, "default");
    assert_eq!(spec.transforms.len(), 1);
    assert_eq!(spec.transforms[0].kind, TransformType::Dbt);
    let orch = spec.orchestration.as_ref().map(|o| o.jobs.len());
    assert_eq!(orch, Some(3));
    let Some(orch) = spec.orchestration else {
        panic!("orchestration missing")
    };
    assert!(matches!(
        orch.jobs.get("maintenance"),
        Some(JobDefinition::Ops(_))
    ));
    assert!(matches!(
        orch.sensors.get("file_arrival_sensor"),
        Some(SensorDefinition::FileWatcher(s)) if s.poll_interval_seconds == 60
    ));
    let schedule = orch.schedules.get("transform_pipeline_schedule");
    assert_eq!(schedule.map(|s| s.timezone.as_str()), Some("UTC"));
    assert_eq!(
        spec.governance.classification_source,
        ClassificationSource::DbtMeta
    );
    assert_eq!(spec.consumption.port, 4000);
    assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
}

#[test]
fn valid_fixture_deserializes_and_validates() {
    let doc = parse(VALID);
    if let Err(e) = serde_json::from_value::<FloeSpec>(doc.clone()) {
        panic!("valid_floe.yaml rejected: {e}");
    }
    assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
}

#[test]
fn invalid_fixture_fails_where_upstream_fails() {
    // Upstream: `version: Field required`, `compute: String should match pattern`,
    // `transforms.0.type: Input should be 'dbt'`.
    let doc = parse(INVALID);
    assert!(serde_json::from_value::<FloeSpec>(doc.clone()).is_err());
    let paths = error_paths(&doc);
    assert!(paths.contains(&String::new()), "{paths:?}");
    assert!(paths.contains(&"/compute".to_owned()), "{paths:?}");
    assert!(
        paths.contains(&"/transforms/0/type".to_owned()),
        "{paths:?}"
    );
}

#[test]
fn generation_b_floe_files_are_not_floe_specs() {
    // Generation B (`apiVersion: floe.dev/v1`) is a different dialect: its top-level keys are
    // unknown to the Generation A model.
    for text in [
        include_str!("../../../tests/fixtures/upstream/floe__demo__customer-360__floe.yaml"),
        include_str!("../../../tests/fixtures/upstream/floe__examples__hello-orders__floe.yaml"),
        include_str!(
            "../../../tests/fixtures/upstream/floe__packages__floe-core__tests__fixtures__quickstart__floe.yaml"
        ),
    ] {
        let doc = parse(text);
        assert_eq!(doc["apiVersion"], json!("floe.dev/v1"));
        assert!(serde_json::from_value::<FloeSpec>(doc.clone()).is_err());
        assert!(!error_paths(&doc).is_empty());
    }
}

#[test]
fn minimal_document_gets_upstream_defaults() {
    let spec: FloeSpec = match serde_json::from_value(json!({"name": "p", "version": "1"})) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(spec.storage, "default");
    assert_eq!(spec.compute, "default");
    assert!(spec.observability.traces);
    assert!(spec.consumption.pre_aggregations.external);
    assert_eq!(
        spec.consumption.pre_aggregations.refresh_schedule,
        "*/30 * * * *"
    );
    assert!(spec.consumption.security.row_level);
    assert!(spec.governance.emit_lineage);
    assert!(spec.orchestration.is_none());
}

#[test]
fn unknown_keys_and_bad_tags_are_rejected() {
    assert!(
        serde_json::from_value::<FloeSpec>(json!({"name": "p", "version": "1", "x": 1})).is_err()
    );
    let bad_variant_field = json!({"name": "p", "version": "1", "orchestration": {
        "jobs": {"j": {"type": "batch", "selection": ["a"], "target_function": "a.b"}}}});
    assert!(serde_json::from_value::<FloeSpec>(bad_variant_field.clone()).is_err());
    assert!(!error_paths(&bad_variant_field).is_empty());
    let no_tag = json!({"name": "p", "version": "1", "orchestration": {
        "partitions": {"p": {"partition_keys": ["a"]}}}});
    assert!(serde_json::from_value::<FloeSpec>(no_tag.clone()).is_err());
    assert!(!error_paths(&no_tag).is_empty());
    let version_float = json!({"name": "p", "version": 1.0});
    assert_eq!(error_paths(&version_float), vec!["/version".to_owned()]);
}

#[test]
fn tagged_unions_round_trip() {
    let doc = json!({"name": "p", "version": "1", "orchestration": {
        "partitions": {
            "daily": {"type": "time_window", "start": "2024-01-01", "cron_schedule": "0 0 * * *"},
            "region": {"type": "static", "partition_keys": ["us", "eu"]},
            "both": {"type": "multi", "partitions": {
                "d": {"type": "dynamic", "fn": "pkg.mod.keys"},
                "s": {"type": "static", "partition_keys": ["x"]}}}
        },
        "sensors": {
            "a": {"type": "asset_sensor", "job": "j", "watched_assets": ["x"]},
            "r": {"type": "run_status", "job": "j", "watched_jobs": ["k"], "status": "FAILURE"},
            "c": {"type": "custom", "job": "j", "target_function": "m.f", "args": {"n": 1}}
        },
        "backfills": {"b": {"job": "j", "partition_range": {"start": "a", "end": "b"}}}
    }});
    let spec: FloeSpec = match serde_json::from_value(doc.clone()) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let Some(orch) = spec.orchestration else {
        panic!("orchestration missing")
    };
    assert!(
        matches!(orch.partitions.get("both"), Some(PartitionDefinition::Multi(m)) if m.partitions.len() == 2)
    );
    assert_eq!(orch.backfills.get("b").map(|b| b.batch_size), Some(10));
    assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
}
