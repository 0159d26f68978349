//! Diagnostics compared across the long-running server, a fresh one and `floe-lint check`.

use std::collections::HashMap;

use serde_json::Value;

use super::model::{Doc, write_files};

/// What identifies a diagnostic in both the LSP and the CLI JSON: code, severity, 0-based UTF-16
/// range, message (with help) with the workspace root replaced.
pub(super) type Key = (String, String, [u64; 4], String);

pub(super) fn lsp_key(d: &Value, root: &str) -> Key {
    let severity = match d["severity"].as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        _ => "other",
    };
    let at = |end: &str, field: &str| d["range"][end][field].as_u64().unwrap_or(u64::MAX);
    (
        d["code"].as_str().unwrap_or_default().to_owned(),
        severity.to_owned(),
        [
            at("start", "line"),
            at("start", "character"),
            at("end", "line"),
            at("end", "character"),
        ],
        d["message"]
            .as_str()
            .unwrap_or_default()
            .replace(root, "<root>"),
    )
}

pub(super) fn cli_key(d: &Value, root: &str) -> Key {
    let at = |end: &str, field: &str| {
        d["range"][end][field]
            .as_u64()
            .map_or(u64::MAX, |v| v.saturating_sub(1))
    };
    let mut message = d["message"].as_str().unwrap_or_default().to_owned();
    if let Some(help) = d["help"].as_str() {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    (
        d["code"].as_str().unwrap_or_default().to_owned(),
        d["severity"].as_str().unwrap_or_default().to_owned(),
        [
            at("start", "line"),
            at("start", "column_utf16"),
            at("end", "line"),
            at("end", "column_utf16"),
        ],
        message.replace(root, "<root>"),
    )
}

/// `floe-lint check --format json` of the final texts, written to a second directory with the
/// same layout: keys per relative path.
pub(super) fn cli_check(files: &[(String, String)], docs: &[Doc]) -> HashMap<String, Vec<Key>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let finals: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d.relative.as_str(), d.text.as_str()))
        .collect();
    let written: Vec<(String, String)> = files
        .iter()
        .map(|(relative, original)| {
            let text = finals.get(relative.as_str()).copied().unwrap_or(original);
            (relative.clone(), text.to_owned())
        })
        .collect();
    write_files(dir.path(), &written);
    // An absolute path to check: messages then name files absolutely, as the server's do.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_floe-lint"))
        .args(["check", "--format", "json", "--exit-zero"])
        .arg(dir.path())
        .current_dir(dir.path())
        .env_remove("FLOE_PLATFORM_FILE")
        .env_remove("FLOE_PLATFORM_ENV")
        .output()
        .expect("run floe-lint check");
    assert!(
        output.status.success(),
        "floe-lint check failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("check JSON");
    let root = dir.path().display().to_string();
    let mut out: HashMap<String, Vec<Key>> = HashMap::new();
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        let file = d["file"].as_str().expect("file");
        out.entry(file.trim_start_matches("./").to_owned())
            .or_default()
            .push(cli_key(d, &root));
    }
    out
}
