//! Snapshot tests of every output format on a mixed fixture (one finding of each family,
//! non-ASCII text, a related location in another file), from the real binary.

mod common;

use common::{Project, floe_lint};

fn mixed() -> Project {
    let project = Project::new();
    project
        .fixture("floe.yaml", "mixed/floe.yaml")
        .fixture(
            "platform/local/platform.yaml",
            "mixed/platform/local/platform.yaml",
        )
        .fixture(
            "platform/prod/platform.yaml",
            "mixed/platform/prod/platform.yaml",
        );
    project
}

fn stdout(project: &Project, args: &[&str]) -> (i32, String) {
    let output = project.run(args);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn human() {
    let (code, text) = stdout(&mixed(), &["check", "--color", "never"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn human_colour_only_when_asked_or_on_a_tty() {
    let (_, plain) = stdout(&mixed(), &["check"]);
    assert!(
        !plain.contains('\u{1b}'),
        "no ANSI escapes when stdout is not a terminal"
    );
    let (_, forced) = stdout(&mixed(), &["check", "--color", "always"]);
    assert!(forced.contains('\u{1b}'));
}

#[test]
fn json() {
    let (code, text) = stdout(&mixed(), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn github() {
    let (code, text) = stdout(&mixed(), &["check", "--format", "github"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_results() {
    let (code, text) = stdout(&mixed(), &["check", "--format", "sarif"]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), floe_lint::rules::registry::ALL.len());
    for rule in rules {
        for field in ["id", "name"] {
            assert!(rule[field].is_string());
        }
        assert!(
            rule["shortDescription"]["text"].is_string()
                && rule["fullDescription"]["text"].is_string()
        );
        assert!(
            rule["help"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("## What it does"))
        );
    }
    insta::assert_json_snapshot!(run["results"]);
}

#[test]
fn sarif_is_valid_with_empty_results_when_clean() {
    let project = Project::new();
    project.write("platform/local/platform.yaml", "version: \"1.2.0\"\n");
    let output = project.run(&["check", "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(0));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn paths_are_relative_to_the_working_directory() {
    let project = mixed();
    let output = floe_lint()
        .current_dir(project.path().join("platform"))
        .args(["check", "--format", "json", "../floe.yaml"])
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let files: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert_eq!(
        files,
        vec!["../floe.yaml", "local/platform.yaml", "prod/platform.yaml"]
    );
}

#[test]
fn exit_codes() {
    let project = mixed();
    assert_eq!(project.run(&["check"]).status.code(), Some(1));
    assert_eq!(
        project.run(&["check", "--exit-zero"]).status.code(),
        Some(0)
    );
    assert_eq!(project.run(&["check", "nope.yaml"]).status.code(), Some(2));
    assert_eq!(
        project.run(&["check", "--format", "xml"]).status.code(),
        Some(2)
    );
    let clean = Project::new();
    clean.write("platform/local/platform.yaml", "version: \"1.2.0\"\n");
    clean.write(
        "floe.yaml",
        "name: p\nversion: \"1\"\nstorage: s\ncatalog: c\ncompute: d\n",
    );
    // Only warnings (FL200 errors aside, use a floe.yaml without platform files): FL201 warning.
    let lonely = Project::new();
    lonely.write("floe.yaml", "name: p\nversion: \"1\"\n");
    assert_eq!(lonely.run(&["check"]).status.code(), Some(0));
    assert_eq!(
        lonely.run(&["check", "--fail-on", "warning"]).status.code(),
        Some(1)
    );
}

#[test]
fn no_files_found_is_not_an_error() {
    let empty = Project::new();
    let (code, text) = stdout(&empty, &["check"]);
    assert_eq!(code, 0);
    assert_eq!(
        text,
        "No floe.yaml, platform.yaml or floe manifest.yaml found.\n"
    );
}

#[test]
fn one_file_of_a_pair_brings_the_other() {
    let project = mixed();
    let (_, json) = project.check_json(&["platform/prod/platform.yaml"]);
    let files: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(files.contains(&"floe.yaml"), "{files:?}");
    let (_, json) = project.check_json(&["floe.yaml"]);
    assert_eq!(json["files"].as_array().map(Vec::len), Some(3));
}
