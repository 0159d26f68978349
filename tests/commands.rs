//! `schema`, `explain` and `rules`: the small commands.

mod common;

use common::floe_lint;

#[test]
fn schema_prints_the_checked_in_schemas() {
    for (kind, file) in [
        ("floe", "schemas/floe.schema.json"),
        ("platform", "schemas/platform.schema.json"),
    ] {
        let output = floe_lint().args(["schema", kind]).output().expect("run");
        assert_eq!(output.status.code(), Some(0));
        let expected = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
            .expect("schema file");
        assert_eq!(output.stdout, expected);
    }
}

#[test]
fn explain_prints_the_rule_documentation() {
    let output = floe_lint()
        .args(["explain", "FL002"])
        .output()
        .expect("run");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.starts_with("# FL002 duplicate-key\n"));
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Fix",
    ] {
        assert!(text.contains(section), "{text}");
    }
    let by_name = floe_lint()
        .args(["explain", "unknown-profile"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&by_name.stdout).contains("FL200"));
    let unknown = floe_lint()
        .args(["explain", "FL999"])
        .output()
        .expect("run");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn readme_rule_table_is_generated_from_the_registry() {
    let output = floe_lint()
        .args(["rules", "--format", "md"])
        .output()
        .expect("run");
    let table = String::from_utf8(output.stdout).expect("UTF-8");
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("README");
    let start = readme.find("<!-- rules:start -->\n").expect("rules marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules end marker");
    assert_eq!(
        &readme[start..end],
        table,
        "README rule table is stale: paste `floe-lint rules --format md`"
    );
}

#[test]
fn rule_documentation_lines_are_not_indented() {
    for rule in floe_lint::rules::registry::ALL.iter() {
        let output = floe_lint()
            .args(["explain", rule.code])
            .output()
            .expect("run");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        let mut in_code = false;
        for line in text.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
                continue;
            }
            assert!(
                in_code || !line.starts_with(' '),
                "{}: a prose line starts with a space: {line:?}",
                rule.code
            );
        }
        assert!(text.contains("\n## What it does\n"), "{text}");
    }
    // SARIF's help carries the same text.
    let dir = tempfile::tempdir().expect("dir");
    let output = floe_lint()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif"])
        .output()
        .expect("run");
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("sarif");
    for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
    {
        let help = rule["help"]["text"].as_str().unwrap_or_default();
        assert!(help.starts_with("## What it does\n"), "{help:?}");
    }
}
