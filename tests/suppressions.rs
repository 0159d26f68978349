//! `# floe-lint: ignore[CODE, …] reason` on the line or the line above, `ignore-file[CODE]`, and
//! reports of unused or unknown suppressions.

mod common;

use common::{Project, findings};

fn codes(project: &Project) -> Vec<(u64, String)> {
    let (_, json) = project.check_json(&[]);
    findings(&json)
        .into_iter()
        .map(|(_, line, code)| (line, code))
        .collect()
}

#[test]
fn same_line_and_line_above() {
    let project = Project::new();
    project.write(
        "platform/prod/platform.yaml",
        "version: \"1.2.0\"\ncatalogs:\n  default:\n    # floe-lint: ignore[FL304] internal mesh terminates TLS\n    uri: \"http://polaris.internal:8181/api/catalog\"\n    warehouse: w\n  other:\n    uri: \"http://polaris.other:8181/api/catalog\"  # floe-lint: ignore[insecure-http, FL404]\n    warehouse: w\n",
    );
    assert_eq!(
        codes(&project),
        vec![(8, "FL900".into())],
        "FL404 does not fire there: unused"
    );
}

#[test]
fn file_level_and_unknown_codes() {
    let project = Project::new();
    project.write(
        "platform/prod/platform.yaml",
        "# floe-lint: ignore-file[FL400]\nversion: \"1.2.0\"\ncompute:\n  a: {type: duckdb}\n  b: {type: duckdb}\nstorage:\n  s: {bucket: lake}  # floe-lint: ignore[FL999] typo\n",
    );
    assert_eq!(codes(&project), vec![(7, "FL901".into())]);
}

#[test]
fn a_suppression_without_codes_is_reported_and_suppresses_nothing() {
    let project = Project::new();
    project.write(
        "platform/prod/platform.yaml",
        "compute:\n  a: {type: duckdb}  # floe-lint: ignore\n",
    );
    assert_eq!(
        codes(&project),
        vec![(2, "FL400".into()), (2, "FL901".into())]
    );
}

#[test]
fn sql_comments_suppress_dbt_findings() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: p\nversion: \"1\"\ntransforms:\n  - type: dbt\n    path: dbt\n")
        .write("platform/local/platform.yaml", "storage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"http://localhost:8181/api/catalog\", warehouse: w}\ncompute:\n  default: {properties: {path: /tmp/x.duckdb}}\n")
        .write("dbt/dbt_project.yml", "name: demo\n")
        .write("dbt/models/a.sql", "-- floe-lint: ignore[FL601] migrating next sprint\n{{ config(materialized='external') }}\nselect 1\n");
    // (FL700 notes the scope the generated profile defaults to; not what this test is about.)
    let found: Vec<_> = codes(&project)
        .into_iter()
        .filter(|(_, code)| code != "FL700")
        .collect();
    assert_eq!(found, vec![]);
}
