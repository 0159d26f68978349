//! The Generation B anti-pattern rules (FL300, FL302–FL304, FL306, FL408–FL410) from the real
//! binary: on every upstream `floe__*` file at its place in upstream's repository each finding is
//! one its authors would agree with, a project written to avoid them stays clean, and the
//! severities, fixes and suppressions say what the findings mean. Each rule's own bad and good
//! cases are under tests/fixtures/rules/<CODE>/{bad,good}/genb-*.

mod common;

use common::{Project, fixtures_dir, floe_lint, listing, upstream_repository};

/// The anti-pattern families only (security, lakehouse): tests/genb_check.rs pins the stages.
const RULES: &str = "--select=FL3,FL4";

fn severity_of(json: &serde_json::Value, code: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["severity"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Every finding on upstream's files, each true:
/// - the demo manifest's Polaris `client_secret` is a literal (its own comment: "Demo credentials
///   for local development only") that compile copies into the artifacts and the ConfigMap;
/// - it asks for `PRINCIPAL_ROLE:ALL`, which upstream's Polaris guide forbids in production;
/// - its six endpoints are plain http to in-cluster service names (upstream's own Marquez check
///   calls that insecure and needs `allow_insecure_http: true`);
/// - it sets `stale_table_recovery_mode: repair`, which its own comment says production should
///   not;
/// - every product's `schedule` is dropped by compile (a note, not a warning).
///
/// Nothing else: upstream's other files have no finding of these rules (the quickstart
/// manifest's in-memory DuckDB has no storage plugin, so no Iceberg export; its catalog lacks
/// `oauth2` altogether, which is FL108's finding, not FL303's).
#[test]
fn upstream_files_report_only_true_positives() {
    let (code, json) = upstream_repository().check_json(&[RULES]);
    assert_eq!(code, 1, "the demo manifest's literal secret is an error");
    insta::assert_snapshot!(listing(&json), @r#"
    demo/customer-360/floe.yaml:39:1 FL410 `schedule` is validated and then dropped by `floe platform compile`: no orchestrator reads this cron (`*/10 * * * *`), so the product does not run on it
    demo/financial-risk/floe.yaml:39:1 FL410 `schedule` is validated and then dropped by `floe platform compile`: no orchestrator reads this cron (`*/10 * * * *`), so the product does not run on it
    demo/floe.yaml:89:1 FL410 `schedule` is validated and then dropped by `floe platform compile`: no orchestrator reads this cron (`0 6 * * *`), so the product does not run on it
    demo/iot-telemetry/floe.yaml:39:1 FL410 `schedule` is validated and then dropped by `floe platform compile`: no orchestrator reads this cron (`*/10 * * * *`), so the product does not run on it
    demo/manifest.yaml:50:12 FL304 `plugins.catalog.config.uri` uses plain http: http://floe-platform-polaris:8181/api/catalog
    demo/manifest.yaml:56:24 FL300 hardcoded credential (Secret Keyword) in `plugins.catalog.config.oauth2.client_secret`: … (11 chars); compile copies `plugins.catalog.config` verbatim into `target/compiled_artifacts.json` and the `floe-compiled-values` ConfigMap
    demo/manifest.yaml:57:16 FL302 scope='PRINCIPAL_ROLE:ALL' grants the catalog client every principal role (`plugins.catalog.config.oauth2.scope`): a manifest serves every environment, production included
    demo/manifest.yaml:58:20 FL304 `plugins.catalog.config.oauth2.token_url` uses plain http: http://floe-platform-polaris:8181/api/catalog/v1/oauth/tokens
    demo/manifest.yaml:64:17 FL304 `plugins.storage.config.endpoint` uses plain http: http://floe-platform-minio:9000
    demo/manifest.yaml:74:12 FL304 `plugins.lineage_backend.config.url` uses plain http: http://floe-platform-marquez:5000 (allowed by `allow_insecure_http: true`, which the Marquez plugin logs as CRITICAL, "development/test use only", at every start)
    demo/manifest.yaml:88:15 FL304 `observability.tracing.endpoint` uses plain http: http://floe-platform-otel:4317
    demo/manifest.yaml:94:15 FL304 `observability.lineage.endpoint` uses plain http: http://floe-platform-marquez:5000/api/v1/lineage
    demo/manifest.yaml:124:30 FL409 `governance.stale_table_recovery_mode: repair` drops a table whose Iceberg metadata is missing and recreates it from the current run: its snapshots and history are lost and the cause goes unnoticed
    packages/floe-core/tests/fixtures/quickstart/floe.yaml:34:1 FL410 `schedule` is validated and then dropped by `floe platform compile`: no orchestrator reads this cron (`0 6 * * *`), so the product does not run on it
    "#);
    assert_eq!(severity_of(&json, "FL300"), ["error"]);
    assert_eq!(severity_of(&json, "FL302"), ["warning"]);
    assert_eq!(severity_of(&json, "FL409"), ["warning"]);
    assert_eq!(severity_of(&json, "FL410"), ["info"; 5]);
    // A product whose only finding is the ignored schedule passes.
    let (code, _) = upstream_repository().check_json(&[RULES, "demo/customer-360/floe.yaml"]);
    assert_eq!(code, 1, "its manifest is checked with it");
    let (code, json) =
        upstream_repository().check_json(&["--select=FL410", "demo/customer-360/floe.yaml"]);
    assert_eq!((code, severity_of(&json, "FL410").len()), (0, 1));
}

/// The advice the findings give for a manifest used only for local development works: the
/// per-file ignores leave the secret and the recovery mode.
#[test]
fn a_local_manifest_can_ignore_the_production_rules() {
    let project = upstream_repository();
    project.write(
        ".floe-lint.toml",
        "[per-file-ignores]\n\"demo/manifest.yaml\" = [\"FL302\", \"FL304\"]\n",
    );
    let (_, json) = project.check_json(&[RULES, "demo/manifest.yaml"]);
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["FL300", "FL409"]);
}

/// detect-secrets' pragma is named in the help, not obeyed; floe-lint's own comment is.
#[test]
fn the_allowlist_pragma_is_named_but_floe_lints_own_comment_decides() {
    let project = upstream_repository();
    let (_, json) = project.check_json(&["--select=FL300", "demo/manifest.yaml"]);
    let help = json["diagnostics"][0]["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("`# pragma: allowlist secret` silences detect-secrets only")
            && help.contains("`${POLARIS_CLIENT_SECRET}`"),
        "{help}"
    );
    let manifest = project.path().join("demo/manifest.yaml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(
        &manifest,
        text.replace(
            "# pragma: allowlist secret",
            "# pragma: allowlist secret  # floe-lint: ignore[FL300] demo credential",
        ),
    )
    .expect("write");
    let (code, json) = project.check_json(&["--select=FL300", "demo/manifest.yaml"]);
    assert_eq!((code, listing(&json)), (0, String::new()));
}

/// tests/fixtures/genb/hardened: secrets as placeholders or from the environment, a narrow scope,
/// https everywhere, a file-backed DuckDB, strict recovery, registry TLS verified, no schedule.
/// No finding of any rule or stage.
#[test]
fn a_hardened_project_is_clean() {
    let project = Project::new();
    project
        .fixture("manifest.yaml", "genb/hardened/manifest.yaml")
        .fixture("orders/floe.yaml", "genb/hardened/orders/floe.yaml");
    let (code, json) = project.check_json(&["orders"]);
    assert_eq!((code, listing(&json)), (0, String::new()));
    assert_eq!(json["files"].as_array().map(Vec::len), Some(2));
}

/// Where a finding fixes itself, the fix is the value upstream's demo uses.
#[test]
fn unsafe_fixes_write_a_file_database_and_strict_recovery() {
    let project = Project::new();
    project.fixture("manifest.yaml", "rules/FL408/bad/genb-memory/manifest.yaml");
    let output = project.run(&["check", "--diff", "--unsafe-fixes"]);
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.contains(
            "-      path: \":memory:\"\n+      path: \"/tmp/floe/{product_slug}.duckdb\""
        ),
        "{diff}"
    );
    let project = Project::new();
    project.fixture("manifest.yaml", "rules/FL409/bad/genb-repair/manifest.yaml");
    // Only FL409: the fixture's manifest has no plugins (compile's FL210 would fail the run).
    let output = project.run(&["check", "--fix", "--unsafe-fixes", "--select", "FL409"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let fixed = std::fs::read_to_string(project.path().join("manifest.yaml")).expect("fixed");
    assert!(
        fixed.contains("  stale_table_recovery_mode: strict   # \"demo/test runtime recovery\""),
        "{fixed}"
    );
}

/// FL303 is an error in a manifest (the connection fails) and stays a warning in a Generation A
/// platform (floe-runtime then asks for its default scope).
#[test]
fn a_missing_scope_is_an_error_only_where_the_run_fails() {
    let root = fixtures_dir().join("rules/FL303/bad");
    for (case, expected) in [("genb-missing-scope", "error"), ("no-scope", "warning")] {
        let output = floe_lint()
            .current_dir(root.join(case))
            .args(["check", "--format", "json", "--select=FL303"])
            .output()
            .expect("run");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(severity_of(&json, "FL303"), [expected], "{case}");
    }
}

/// The only output port finding a user can act on says why no port can validate, on both of the
/// schema stage's findings (no second finding about the same port).
#[test]
fn an_output_port_says_it_can_never_validate() {
    let project = Project::new();
    project.write(
        "floe.yaml",
        "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: 1.0.0\ntransforms:\n  - name: stg_orders\noutputPorts:\n  - name: with_schema\n    schema:\n      - {name: id, type: string}\n  - name: without_schema\n",
    );
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 1);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    for (code, help) in &found {
        assert!(
            help.contains("can never validate") || help.contains("no port can validate"),
            "{code}: {help}"
        );
    }
}

/// Each new rule's documentation, as `explain` prints it, has its example and its fix.
#[test]
fn the_new_rules_explain_themselves() {
    for code in ["FL306", "FL408", "FL409", "FL410"] {
        let output = floe_lint().args(["explain", code]).output().expect("run");
        let text = String::from_utf8_lossy(&output.stdout);
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Fix",
        ] {
            assert!(text.contains(section), "{code} lacks {section}:\n{text}");
        }
    }
    for code in ["FL300", "FL302", "FL303", "FL304"] {
        let output = floe_lint().args(["explain", code]).output().expect("run");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Generation B"), "{code}:\n{text}");
    }
}

/// Flow style, anchors and CRLF change nothing: a value shared through an alias is one finding,
/// at the place it is written.
#[test]
fn flow_style_anchors_and_crlf_read_the_same() {
    let project = Project::new();
    project.write(
        "manifest.yaml",
        "apiVersion: floe.dev/v1\r\nkind: Manifest\r\nmetadata: {name: acme, version: 1.0.0, owner: x}\r\nx-catalog: &catalog\r\n  uri: \"http://polaris:8181/api/catalog\"\r\n  warehouse: lake\r\n  oauth2: {client_id: a, client_secret: \"flow-s3cret-value\", token_url: \"https://p/t\", scope: PRINCIPAL_ROLE:x}\r\nplugins: {compute: {type: duckdb}, orchestrator: {type: dagster}, catalog: {type: polaris, config: *catalog}, storage: {type: s3, config: {endpoint: \"https://s3\", bucket: b}}}\r\ngovernance: {stale_table_recovery_mode: \"repair\"}\r\nartifacts: {registry: {uri: \"oci://registry.example.com/floe\", auth: {type: anonymous}, tls_verify: off}}\r\n",
    );
    let (_, json) = project.check_json(&[RULES]);
    insta::assert_snapshot!(listing(&json), @r#"
    manifest.yaml:5:8 FL304 `plugins.catalog.config.uri` uses plain http: http://polaris:8181/api/catalog
    manifest.yaml:7:41 FL300 hardcoded credential (Secret Keyword) in `x-catalog.oauth2.client_secret`: fl… (17 chars); compile copies `plugins.catalog.config` verbatim into `target/compiled_artifacts.json` and the `floe-compiled-values` ConfigMap
    manifest.yaml:8:11 FL408 the DuckDB compute plugin has no `path`, so its database is `:memory:`, but `plugins.catalog` and `plugins.storage` make every run export dbt's tables to Iceberg, which fails: "Configured Iceberg export requires a file-backed DuckDB profile path for product …; got ':memory:'."
    manifest.yaml:9:41 FL409 `governance.stale_table_recovery_mode: repair` drops a table whose Iceberg metadata is missing and recreates it from the current run: its snapshots and history are lost and the cause goes unnoticed
    manifest.yaml:10:101 FL306 `artifacts.registry.tls_verify` turns TLS certificate verification off: anyone on the network path can pose as the server and read or alter the OCI registry's artifacts and the credentials sent to it
    "#);
}
