//! Diagnostics compared across the long-running server, a fresh one and `floe-lint check`.

use std::collections::HashMap;

use serde_json::Value;

use super::model::{Doc, write_files};
use crate::keys::{Key, cli_key};

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
