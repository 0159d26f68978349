//! floe.yaml references resolved against every environment's platform.yaml, with upstream's
//! wording, environment names, did-you-mean, and upstream's ways of finding platform files.

mod common;

use common::{Project, findings, floe_lint, messages};

const PLATFORM_LOCAL: &str = "version: \"1.2.0\"\nstorage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"http://localhost:8181/api/catalog\", warehouse: w}\n  analytics: {uri: \"http://localhost:8181/api/catalog\", warehouse: a}\ncompute:\n  default: {type: duckdb}\n";
const PLATFORM_PROD: &str = "version: \"1.2.0\"\nstorage:\n  default: {bucket: lake}\ncatalogs:\n  default: {uri: \"https://polaris/api/catalog\", warehouse: w}\ncompute:\n  default: {type: duckdb}\n";

#[test]
fn resolves_in_local_but_missing_in_prod_is_caught() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: p\nversion: \"1\"\ncatalog: analytics\n")
        .write("platform/local/platform.yaml", PLATFORM_LOCAL)
        .write("platform/prod/platform.yaml", PLATFORM_PROD);
    let (code, json) = project.check_json(&[]);
    let json = common::upstream_only(json);
    assert_eq!(
        findings(&json),
        vec![("floe.yaml".into(), 3, "FL200".into())]
    );
    assert_eq!(
        messages(&json),
        vec![
            "Catalog profile 'analytics' not found. Available: default (environment `prod`, platform/prod/platform.yaml)"
        ]
    );
    let d = &json["diagnostics"][0];
    assert_eq!(
        d["range"]["start"]["column"], 10,
        "points at the reference value"
    );
    assert_eq!(d["related"][0]["file"], "platform/prod/platform.yaml");
    assert_eq!(
        d["related"][0]["range"]["start"]["line"], 4,
        "related: the catalogs section"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_near_miss_gets_a_suggestion_and_omitted_references_mean_default() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: p\nversion: \"1\"\nstorage: defualt\n")
        .write("platform/local/platform.yaml", "version: \"1.2.0\"\nstorage:\n  default: {bucket: lake}\ncompute:\n  main: {type: duckdb}\n");
    let (_, json) = project.check_json(&[]);
    let json = common::upstream_only(json);
    let all = messages(&json);
    assert_eq!(all.len(), 3, "{all:#?}");
    let storage = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| {
            d["message"].as_str().is_some_and(|m| {
                m.starts_with("Storage profile 'defualt' not found. Available: default")
            })
        })
        .expect("storage finding");
    assert_eq!(storage["help"], "did you mean `default`?");
    assert_eq!(storage["range"]["start"]["line"], 3);
    assert!(all.iter().any(
        |m| m.starts_with("Catalog profile 'default' not found. Available: none")
            && m.ends_with("floe.yaml has no `catalog:`, so it refers to 'default'")
    ));
    assert!(
        all.iter()
            .any(|m| m.starts_with("Compute profile 'default' not found. Available: main"))
    );
}

#[test]
fn floe_platform_file_selects_one_platform_file() {
    let project = Project::new();
    project
        .write(
            "app/floe.yaml",
            "name: p\nversion: \"1\"\ncatalog: analytics\n",
        )
        .write("config/prod/platform.yaml", PLATFORM_PROD);
    let output = floe_lint()
        .current_dir(project.path())
        .env("FLOE_PLATFORM_FILE", "config/prod/platform.yaml")
        .args(["check", "--format", "json", "app"])
        .output()
        .expect("run");
    let json = common::upstream_only(serde_json::from_slice(&output.stdout).expect("JSON"));
    assert_eq!(
        findings(&json),
        vec![("app/floe.yaml".into(), 3, "FL200".into())]
    );
    assert!(messages(&json)[0].contains("(environment `prod`, config/prod/platform.yaml)"));
}

#[test]
fn flat_fallback_and_floe_platform_env() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: p\nversion: \"1\"\ncatalog: analytics\n")
        .write("platform.yaml", PLATFORM_PROD);
    let output = floe_lint()
        .current_dir(project.path())
        .env("FLOE_PLATFORM_ENV", "staging")
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    let json = common::upstream_only(serde_json::from_slice(&output.stdout).expect("JSON"));
    assert!(
        messages(&json)[0].contains("(environment `staging`, platform.yaml)"),
        "{json:#}"
    );
}

#[test]
fn dot_floe_directory_is_searched() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: p\nversion: \"1\"\n")
        .write(".floe/dev/platform.yaml", PLATFORM_PROD);
    let (code, json) = project.check_json(&["floe.yaml"]);
    let json = common::upstream_only(json);
    assert_eq!(findings(&json), vec![]);
    assert_eq!(json["files"].as_array().map(Vec::len), Some(2));
    assert_eq!(code, 0);
}

#[test]
fn missing_platform_is_a_warning_listing_where_floe_looked() {
    let project = Project::new();
    project.write("floe.yaml", "name: p\nversion: \"1\"\n");
    let (code, json) = project.check_json(&[]);
    let json = common::upstream_only(json);
    assert_eq!(
        findings(&json),
        vec![("floe.yaml".into(), 1, "FL201".into())]
    );
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    assert!(messages(&json)[0].starts_with("Platform configuration not found for environment 'local'. Searched: platform/local/platform.yaml"));
    assert_eq!(code, 0);
}

#[test]
fn a_broken_platform_file_does_not_produce_false_reference_errors() {
    let project = Project::new();
    project
        .write("floe.yaml", "name: p\nversion: \"1\"\n")
        .write("platform/local/platform.yaml", "storage: [\n");
    let (_, json) = project.check_json(&[]);
    let json = common::upstream_only(json);
    let codes: Vec<String> = findings(&json).into_iter().map(|(_, _, c)| c).collect();
    assert_eq!(codes, vec!["FL001"]);
}

#[test]
fn skipped_directories_are_not_searched() {
    let project = Project::new();
    project
        .write("node_modules/x/platform.yaml", "version: 1.2\n")
        .write("target/platform.yaml", "version: 1.2\n")
        .write(".git/platform.yaml", "version: 1.2\n");
    let (_, json) = project.check_json(&[]);
    let json = common::upstream_only(json);
    assert_eq!(json["files"], serde_json::json!([]));
}
