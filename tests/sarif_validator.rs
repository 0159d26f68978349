//! SARIF output passes Microsoft's official validator (`sarif-multitool validate`, npm
//! `@microsoft/sarif-multitool`), on a clean run and on a run with findings of every family.
//! `.ci/run` installs the tool and sets `SARIF_MULTITOOL`; with `FLOE_LINT_REQUIRE_EXTERNAL=1`
//! (set by CI) a missing tool fails the test instead of skipping it.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::Project;

fn validator() -> Option<PathBuf> {
    let path = std::env::var_os("SARIF_MULTITOOL").map(PathBuf::from);
    match path {
        Some(p) if p.exists() => Some(p),
        _ => {
            assert!(
                std::env::var_os("FLOE_LINT_REQUIRE_EXTERNAL").is_none(),
                "SARIF_MULTITOOL is not set to an installed sarif-multitool (run .ci/run)"
            );
            eprintln!("skipping: SARIF_MULTITOOL not set (see .ci/run)");
            None
        }
    }
}

/// Runs the validator and returns its findings as `(level, ruleId, message)`.
fn validate(tool: &PathBuf, sarif: &[u8]) -> Vec<(String, String, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("floe-lint.sarif");
    let output = dir.path().join("validation.sarif");
    std::fs::write(&input, sarif).expect("write SARIF");
    let status = Command::new(tool)
        .arg("validate")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .status()
        .expect("run sarif-multitool");
    assert!(status.success(), "sarif-multitool failed: {status}");
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&output).expect("validator output")).expect("JSON");
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["level"].as_str().unwrap_or("warning").to_owned(),
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
                r["message"].to_string(),
            )
        })
        .collect()
}

#[test]
fn sarif_passes_the_official_validator() {
    let Some(tool) = validator() else { return };
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
    let with_findings = project.run(&["check", "--format", "sarif"]).stdout;
    assert_eq!(
        validate(&tool, &with_findings),
        vec![],
        "validator findings on a report with results"
    );

    let clean = Project::new();
    clean.write("platform/local/platform.yaml", "version: \"1.2.0\"\n");
    let empty = clean.run(&["check", "--format", "sarif"]).stdout;
    assert_eq!(
        validate(&tool, &empty),
        vec![],
        "validator findings on a clean report"
    );
}

#[test]
fn the_validator_really_rejects_a_broken_log() {
    let Some(tool) = validator() else { return };
    let broken = br#"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"message": {"text": "x"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]}"#;
    let findings = validate(&tool, broken);
    assert!(
        findings.iter().any(|(level, _, _)| level == "error"),
        "{findings:?}"
    );
}
