//! What identifies a diagnostic in both the language server's publications and `floe-lint check
//! --format json`, so the two can be compared.

use serde_json::Value;

/// What identifies a diagnostic in both the LSP and the CLI JSON: code, severity, 0-based UTF-16
/// range, message (with help) with the workspace root replaced.
pub type Key = (String, String, [u64; 4], String);

pub fn lsp_key(d: &Value, root: &str) -> Key {
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

pub fn cli_key(d: &Value, root: &str) -> Key {
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
