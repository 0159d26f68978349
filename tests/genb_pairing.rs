//! Which manifest a Generation B floe.yaml is checked with, from the real binary: its own
//! `platform.manifest`, else the nearest floe manifest.yaml at or above it, else the one the user
//! configured (`--manifest`, else `.floe-lint.toml`'s `manifest`), a default that never overrides
//! what a product's own files say.

mod common;

use common::{Project, findings};

/// A product that names no manifest.
const SPEC: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n  name: orders\n  version: \"1.0.0\"\ntransforms:\n  - name: stg_orders\n";

/// A manifest with one finding (an enforcement level outside the enum), to show it was read.
fn manifest(level: &str) -> String {
    format!(
        "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n  name: acme\n  version: \"1.0.0\"\n  owner: platform-team\nplugins:\n  compute:\n    type: duckdb\n  orchestrator:\n    type: dagster\ngovernance:\n  policy_enforcement_level: {level}\n"
    )
}

/// A repository whose platform manifest lives apart, under a name a search does not take.
fn repository() -> Project {
    let project = Project::new();
    project
        .write(".git/HEAD", "ref: refs/heads/main\n")
        .write("products/orders/floe.yaml", SPEC)
        .write("platform/acme-manifest.yaml", manifest("loud"));
    project
}

fn files(json: &serde_json::Value) -> Vec<String> {
    let mut files: Vec<String> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str().map(str::to_owned))
        .collect();
    files.sort();
    files
}

#[test]
fn without_a_configured_manifest_the_product_is_checked_alone() {
    let project = repository();
    let (code, json) = project.check_json(&["products/orders/floe.yaml"]);
    assert_eq!(
        (code, files(&json)),
        (0, vec!["products/orders/floe.yaml".to_owned()])
    );
}

#[test]
fn manifest_flag_pairs_a_product_that_names_none() {
    let project = repository();
    let (code, json) = project.check_json(&[
        "products/orders/floe.yaml",
        "--manifest",
        "platform/acme-manifest.yaml",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        files(&json),
        ["platform/acme-manifest.yaml", "products/orders/floe.yaml"]
    );
    assert_eq!(
        findings(&json),
        [(
            "platform/acme-manifest.yaml".to_owned(),
            13,
            "FL103".to_owned()
        )]
    );
}

#[test]
fn configuration_names_the_manifest_and_the_flag_overrides_it() {
    let project = repository();
    project
        .write(
            ".floe-lint.toml",
            "manifest = \"platform/acme-manifest.yaml\"\n",
        )
        .write("platform/strict-manifest.yaml", manifest("strict"));
    let (code, json) = project.check_json(&["products/orders/floe.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        files(&json),
        ["platform/acme-manifest.yaml", "products/orders/floe.yaml"]
    );
    let (code, json) = project.check_json(&[
        "products/orders/floe.yaml",
        "--manifest",
        "platform/strict-manifest.yaml",
    ]);
    assert_eq!(
        (code, files(&json)),
        (
            0,
            vec![
                "platform/strict-manifest.yaml".to_owned(),
                "products/orders/floe.yaml".to_owned()
            ]
        )
    );
}

#[test]
fn a_product_s_own_manifest_wins_over_the_configured_one() {
    let project = repository();
    project.write("products/manifest.yaml", manifest("warn"));
    let (code, json) = project.check_json(&[
        "products/orders/floe.yaml",
        "--manifest",
        "platform/acme-manifest.yaml",
    ]);
    assert_eq!(
        (code, files(&json)),
        (
            0,
            vec![
                "products/manifest.yaml".to_owned(),
                "products/orders/floe.yaml".to_owned()
            ]
        )
    );
}

#[test]
fn a_configured_manifest_that_does_not_exist_is_a_usage_error() {
    let project = repository();
    let output = project.run(&[
        "check",
        "products/orders/floe.yaml",
        "--manifest",
        "nope.yaml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "floe-lint: --manifest: no file at `nope.yaml`\n"
    );
    project.write(".floe-lint.toml", "manifest = \"gone.yaml\"\n");
    let output = project.run(&["check", "products/orders/floe.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(".floe-lint.toml")
            && stderr.contains("manifest: no file at")
            && stderr.contains("gone.yaml"),
        "{stderr}"
    );
}

/// pre-commit passes every manifest.yaml of a commit: another tool's is passed over, floe's is
/// checked.
#[test]
fn a_named_manifest_yaml_is_checked_only_when_it_is_floe_s() {
    let project = repository();
    project
        .write(
            "deploy/manifest.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n",
        )
        .write("platform/manifest.yaml", manifest("loud"));
    let (code, json) = project.check_json(&["deploy/manifest.yaml"]);
    assert_eq!((code, files(&json)), (0, Vec::<String>::new()));
    let (code, json) = project.check_json(&["deploy/manifest.yaml", "platform/manifest.yaml"]);
    assert_eq!(
        (code, files(&json)),
        (1, vec!["platform/manifest.yaml".to_owned()])
    );
    let output = project.run(&["check", "deploy/manifest.yaml"]);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "No floe.yaml, platform.yaml or floe manifest.yaml found.\n"
    );
}
