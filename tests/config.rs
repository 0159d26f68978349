//! `.floe-lint.toml`: found upward, `select`/`ignore`/`severity`/`per-file-ignores`,
//! environments, CLI overrides, and clear errors for a bad file.

mod common;

use common::{Project, findings};

const PROD: &str = "version: \"1.2.0\"\ncatalogs:\n  default:\n    uri: \"http://polaris.internal:8181/api/catalog\"\n    warehouse: w\ncompute:\n  default:\n    type: duckdb\n";

fn codes(project: &Project, args: &[&str]) -> Vec<String> {
    let (_, json) = project.check_json(args);
    findings(&json)
        .into_iter()
        .map(|(_, _, code)| code)
        .collect()
}

#[test]
fn without_configuration_every_rule_runs() {
    let project = Project::new();
    project.write("platform/prod/platform.yaml", PROD);
    assert_eq!(codes(&project, &[]), vec!["FL304", "FL400"]);
}

#[test]
fn select_ignore_and_severity_from_the_nearest_file() {
    let project = Project::new();
    project
        .write("repo/platform/prod/platform.yaml", PROD)
        .write(
            ".floe-lint.toml",
            "ignore = [\"FL304\"]\n[severity]\nduckdb-memory-database = \"error\"\n",
        );
    let (code, json) = project.check_json(&["repo"]);
    assert_eq!(
        findings(&json)
            .into_iter()
            .map(|(_, _, c)| c)
            .collect::<Vec<_>>(),
        vec!["FL400"]
    );
    assert_eq!(json["diagnostics"][0]["severity"], "error");
    assert_eq!(
        code, 1,
        "the severity override makes the warning fail the check"
    );
    // Command-line selection replaces the file's.
    assert_eq!(
        codes(&project, &["repo", "--select", "FL3", "--ignore", ""]),
        vec!["FL304"]
    );
}

#[test]
fn per_file_ignores_and_local_environments() {
    let project = Project::new();
    project
        .write("platform/prod/platform.yaml", PROD)
        .write("platform/laptop/platform.yaml", PROD)
        .write(".floe-lint.toml", "[per-file-ignores]\n\"platform/prod/**\" = [\"FL400\"]\n[environments]\nlocal = [\"laptop\"]\n");
    let (_, json) = project.check_json(&[]);
    let got: Vec<(String, String)> = findings(&json)
        .into_iter()
        .map(|(f, _, c)| (f, c))
        .collect();
    assert_eq!(
        got,
        vec![
            ("platform/laptop/platform.yaml".into(), "FL400".into()),
            ("platform/prod/platform.yaml".into(), "FL304".into())
        ]
    );
}

#[test]
fn environment_directories_pair_a_separate_platform_tree() {
    let project = Project::new();
    project
        .write("pipelines/orders/floe.yaml", "name: orders\nversion: \"1\"\ncatalog: lake\n")
        .write("platform-config/platform/prod/platform.yaml", "version: \"1.2.0\"\nstorage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"https://p/api/catalog\", warehouse: w}\ncompute:\n  default: {properties: {path: /tmp/f.duckdb}}\n")
        .write("pipelines/orders/.floe-lint.toml", "[environments]\ndirectories = [\"../../platform-config/platform\"]\n");
    let (_, json) = project.check_json(&["pipelines/orders"]);
    let json = common::upstream_only(json);
    assert_eq!(
        findings(&json),
        vec![("pipelines/orders/floe.yaml".into(), 3, "FL200".into())],
        "{json:#}"
    );
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("environment `prod`")
    );
    assert_eq!(
        json["files"].as_array().map(Vec::len),
        Some(2),
        "the platform file is checked once"
    );
}

#[test]
fn a_bad_configuration_is_a_clear_error_with_exit_2() {
    let project = Project::new();
    project
        .write("platform/prod/platform.yaml", PROD)
        .write(".floe-lint.toml", "select = [\"FL3\"\nignore = 3\n");
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid configuration")
            && stderr.contains(".floe-lint.toml")
            && stderr.contains("line 2"),
        "{stderr}"
    );

    project.write(".floe-lint.toml", "ignore = [\"FL999\"]\n");
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown rule `FL999`"));

    project.write(".floe-lint.toml", "ignroe = [\"FL400\"]\n");
    let output = project.run(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown field `ignroe`"));

    let output = project.run(&["check", "--select", "FL9999"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn config_schema_is_printed() {
    let output = common::floe_lint()
        .args(["schema", "config"])
        .output()
        .expect("run");
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(schema["properties"]["per-file-ignores"].is_object());
}
