//! The upstream corpus (tests/fixtures/upstream, see SOURCES.md there) gives upstream's results:
//! the demo pair and the test fixtures are clean; the demo dev and prod platform files fail with
//! the 10 and 33 errors upstream's pydantic models report (spec §2.14), at those keys; the invalid
//! floe.yaml fixture gives its three errors.

mod common;

use common::{Project, findings, messages};

const DEMO_FLOE: &str = "upstream/floe-runtime__demo__data_engineering__floe.yaml";
const DEMO_LOCAL: &str =
    "upstream/floe-runtime__demo__platform-config__platform__local__platform.yaml";
const DEMO_DEV: &str = "upstream/floe-runtime__demo__platform-config__platform__dev__platform.yaml";
const DEMO_PROD: &str =
    "upstream/floe-runtime__demo__platform-config__platform__prod__platform.yaml";

fn demo_with(env: &str, fixture: &str) -> Project {
    let project = Project::new();
    project
        .fixture("floe.yaml", DEMO_FLOE)
        .fixture(&format!("platform/{env}/platform.yaml"), fixture);
    project
}

/// Findings of the syntax, schema and cross-file stages: what upstream itself would reject.
fn upstream_findings(json: &serde_json::Value) -> Vec<(String, u64, String)> {
    findings(json)
        .into_iter()
        .filter(|(_, _, code)| code.as_str() < "FL300")
        .collect()
}

#[test]
fn demo_floe_and_local_platform_are_clean() {
    let project = demo_with("local", DEMO_LOCAL);
    let (code, json) = project.check_json(&[]);
    assert_eq!(upstream_findings(&json), vec![], "{json:#}");
    // The demo's layer namespaces repeat the warehouse, which ADR-0002's amendment forbids: warnings.
    // Notes: floe's profiles.yml generator ignores the storage secret_ref (it reads AWS_* variables)
    // and maps schemas to the namespace `demo`, not the catalog's `default`.
    let lints: Vec<(u64, String)> = findings(&json)
        .into_iter()
        .map(|(_, line, code)| (line, code))
        .collect();
    assert_eq!(
        lints,
        vec![
            (235, "FL700".into()),
            (257, "FL403".into()),
            (269, "FL403".into()),
            (281, "FL403".into()),
            (294, "FL700".into())
        ]
    );
    assert_eq!(code, 0, "warnings do not fail the check");
}

#[test]
fn historical_anti_pattern_samples_are_real_positives() {
    // The hand-written profiles.yml (before floe generated it): literal S3 keys and `:memory:`.
    let project = Project::new();
    project
        .write(
            "floe.yaml",
            "name: demo\nversion: \"1.0.0\"\ntransforms:\n  - type: dbt\n    path: dbt\n",
        )
        .write("dbt/dbt_project.yml", "name: demo\n")
        .fixture(
            "dbt/profiles.yml",
            "upstream/floe-runtime__demo__data-engineering__data_engineering__dbt__profiles.yml",
        )
        .fixture(
            "platform/local/platform.yaml",
            "upstream/floe-runtime__platform__local__platform.yaml",
        );
    let (_, json) = project.check_json(&[]);
    let got: Vec<(String, u64, String)> = findings(&json)
        .into_iter()
        .filter(|(_, _, c)| c.as_str() >= "FL300")
        .collect();
    assert_eq!(
        got,
        vec![
            ("dbt/profiles.yml".into(), 1, "FL702".into()), // not what floe generates today
            ("dbt/profiles.yml".into(), 6, "FL400".into()), // path: ':memory:'
            ("dbt/profiles.yml".into(), 16, "FL300".into()), // env_var('AWS_ACCESS_KEY_ID', 'test')
            ("dbt/profiles.yml".into(), 17, "FL300".into()), // env_var('AWS_SECRET_ACCESS_KEY', 'test')
            ("dbt/profiles.yml".into(), 28, "FL300".into()), // s3_access_key_id: 'test'
            ("dbt/profiles.yml".into(), 29, "FL300".into()), // s3_secret_access_key: 'test'
            ("platform/local/platform.yaml".into(), 39, "FL700".into()), // generator ignores the secret_ref
            ("platform/local/platform.yaml".into(), 46, "FL700".into()), // namespace is not `demo`
            ("platform/local/platform.yaml".into(), 63, "FL400".into()), // path: ":memory:"
            ("platform/local/platform.yaml".into(), 73, "FL407".into()), // lineage_endpoint without the path
        ]
    );
}

#[test]
fn cli_fixture_pair_is_clean() {
    let project = Project::new();
    project
        .fixture(
            "floe.yaml",
            "upstream/floe-runtime__packages__floe-cli__tests__fixtures__valid_floe.yaml",
        )
        .fixture(
            "platform/local/platform.yaml",
            "upstream/floe-runtime__packages__floe-cli__tests__fixtures__platform.yaml",
        );
    let (code, json) = project.check_json(&[]);
    assert_eq!(upstream_findings(&json), vec![]);
    assert_eq!(code, 0);
}

#[test]
fn historical_memory_platform_is_schema_valid() {
    let project = Project::new();
    project.fixture(
        "platform/local/platform.yaml",
        "upstream/floe-runtime__platform__local__platform.yaml",
    );
    let (_, json) = project.check_json(&[]);
    let schema_findings: Vec<_> = findings(&json)
        .into_iter()
        .filter(|(_, _, code)| code.starts_with("FL0") || code.starts_with("FL1"))
        .collect();
    assert_eq!(schema_findings, vec![]);
}

/// Upstream's dev errors (spec §2.14) as (line, code, dotted location).
const DEV_ERRORS: &[(u64, &str, &str)] = &[
    (43, "FL100", "infrastructure.cloud.account_id"),
    (54, "FL100", "security.authorization.rbac"),
    (57, "FL103", "security.secret_backends.primary"),
    (58, "FL100", "security.secret_backends.external_secrets"),
    (69, "FL100", "security.encryption.in_transit.tls_version"),
    (72, "FL100", "security.encryption.at_rest.kms_key_id"),
    (
        80,
        "FL100",
        "governance.classifications.default_classification",
    ),
    (83, "FL100", "governance.retention.default_retention_days"),
    (87, "FL102", "governance.compliance.frameworks"),
    (91, "FL100", "governance.data_quality.validation_level"),
];

fn assert_locations(
    text: &str,
    json: &serde_json::Value,
    file: &str,
    expected: &[(u64, &str, &str)],
) {
    let got: Vec<(u64, String)> = upstream_findings(json)
        .into_iter()
        .filter(|(f, _, _)| f == file)
        .map(|(_, line, code)| (line, code))
        .collect();
    let want: Vec<(u64, String)> = expected
        .iter()
        .map(|(l, c, _)| (*l, (*c).to_owned()))
        .collect();
    assert_eq!(got, want, "{json:#}");
    // The reported line holds the key upstream names as the location, or (for a bad block
    // value) the value that starts right under that key.
    let lines: Vec<&str> = text.lines().collect();
    for (line, code, location) in expected {
        let key = location.rsplit('.').next().unwrap_or(location);
        let at = (*line - 1) as usize;
        let source = lines[at];
        let ok = if *code == "FL102" {
            lines[at - 1].trim_start().starts_with(&format!("{key}:"))
                && source.trim_start().starts_with('-')
        } else {
            source.trim_start().starts_with(&format!("{key}:"))
        };
        assert!(ok, "line {line} is `{source}`, expected key `{key}`");
    }
}

#[test]
fn dev_platform_gives_upstreams_ten_errors() {
    let project = demo_with("dev", DEMO_DEV);
    let (code, json) = project.check_json(&[]);
    let text = String::from_utf8(common::read_fixture(DEMO_DEV)).expect("utf8");
    assert_locations(&text, &json, "platform/dev/platform.yaml", DEV_ERRORS);
    assert_eq!(json["summary"]["errors"], 10);
    assert_eq!(code, 1);
    let all = messages(&json);
    assert!(
        all.contains(&"Input should be 'kubernetes', 'vault' or 'aws_secrets_manager'".to_owned())
    );
    assert!(all.contains(&"Input should be a valid dictionary".to_owned()));
}

#[test]
fn prod_platform_gives_upstreams_thirty_three_errors() {
    let project = demo_with("prod", DEMO_PROD);
    let (_, json) = project.check_json(&[]);
    let expected: &[(u64, &str, &str)] = &[
        (42, "FL100", "infrastructure.cloud.account_id"),
        (43, "FL100", "infrastructure.cloud.multi_region"),
        (56, "FL100", "security.authentication.mfa_required"),
        (59, "FL100", "security.authorization.rbac"),
        (61, "FL100", "security.authorization.abac"),
        (64, "FL103", "security.secret_backends.primary"),
        (65, "FL100", "security.secret_backends.external_secrets"),
        (78, "FL100", "security.encryption.in_transit.tls_version"),
        (79, "FL100", "security.encryption.in_transit.cipher_suites"),
        (84, "FL100", "security.encryption.at_rest.kms_key_id"),
        (85, "FL100", "security.encryption.at_rest.multi_region_key"),
        (88, "FL100", "security.audit.log_all_access"),
        (
            97,
            "FL100",
            "governance.classifications.default_classification",
        ),
        (
            98,
            "FL100",
            "governance.classifications.enforce_classification",
        ),
        (101, "FL100", "governance.retention.default_retention_days"),
        (102, "FL100", "governance.retention.enforce_retention"),
        (106, "FL102", "governance.compliance.frameworks"),
        (110, "FL100", "governance.compliance.enforce_compliance"),
        (113, "FL100", "governance.data_quality.validation_level"),
        (114, "FL100", "governance.data_quality.block_on_failure"),
        (115, "FL100", "governance.pii_detection"),
        (130, "FL100", "storage.bronze.replication"),
        (133, "FL100", "storage.bronze.lifecycle"),
        (147, "FL100", "storage.silver.replication"),
        (150, "FL100", "storage.silver.lifecycle"),
        (164, "FL100", "storage.gold.replication"),
        (166, "FL100", "storage.gold.lifecycle"),
        (199, "FL100", "catalogs.default.high_availability"),
        (239, "FL100", "observability.tracing.retention_days"),
        (247, "FL100", "observability.metrics_config.alarms"),
        (252, "FL103", "observability.logging.level"),
        (257, "FL100", "observability.logging.retention_days"),
        (258, "FL100", "observability.logging.log_sampling"),
    ];
    assert_eq!(expected.len(), 33);
    let text = String::from_utf8(common::read_fixture(DEMO_PROD)).expect("utf8");
    assert_locations(&text, &json, "platform/prod/platform.yaml", expected);
    // `WARN` is close to `WARNING`: a did-you-mean and a safe fix.
    let level = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "FL103" && d["range"]["start"]["line"] == 252)
        .expect("level finding");
    assert_eq!(level["help"], "did you mean `WARNING`?");
    assert_eq!(level["fix"]["edits"][0]["replacement"], "WARNING");
    assert_eq!(level["fix"]["applicability"], "safe");
}

#[test]
fn every_environment_is_checked_and_named() {
    let project = Project::new();
    project
        .fixture("floe.yaml", DEMO_FLOE)
        .fixture("platform/local/platform.yaml", DEMO_LOCAL)
        .fixture("platform/dev/platform.yaml", DEMO_DEV)
        .fixture("platform/prod/platform.yaml", DEMO_PROD);
    let (_, json) = project.check_json(&[]);
    assert_eq!(json["summary"]["errors"], 43);
    assert_eq!(json["files"].as_array().map(Vec::len), Some(4));
}

#[test]
fn invalid_floe_fixture_gives_its_three_upstream_errors() {
    let project = Project::new();
    project
        .fixture(
            "floe.yaml",
            "upstream/floe-runtime__packages__floe-cli__tests__fixtures__invalid_floe.yaml",
        )
        .fixture(
            "platform/local/platform.yaml",
            "upstream/floe-runtime__packages__floe-cli__tests__fixtures__platform.yaml",
        );
    let (code, json) = project.check_json(&[]);
    let schema: Vec<_> = findings(&json)
        .into_iter()
        .filter(|(_, _, c)| c.starts_with("FL1"))
        .collect();
    assert_eq!(
        schema,
        vec![
            ("floe.yaml".into(), 7, "FL101".into()), // version: Field required (at the top level)
            ("floe.yaml".into(), 10, "FL104".into()), // compute: String should match pattern
            ("floe.yaml".into(), 14, "FL103".into()), // transforms.0.type: Input should be 'dbt'
        ]
    );
    let all = messages(&json);
    assert!(
        all.iter()
            .any(|m| m.starts_with("Field required: `version`"))
    );
    assert!(all.contains(&"String should match pattern '^[a-zA-Z][a-zA-Z0-9_-]*$'".to_owned()));
    assert!(all.contains(&"Input should be 'dbt'".to_owned()));
    assert_eq!(code, 1);
}
