//! SARIF 2.1.0 for GitHub code scanning (spec/anchors.md §D.4): rule metadata for every rule,
//! repo-relative URIs, UTF-16 columns, `results: []` when clean.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::position::range;
use crate::check::{ReadError, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::registry;
use crate::syntax::ColumnUnit;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A stable fingerprint of the finding's line content and rule (GitHub matches results across
/// runs by it).
fn line_hash(text: &str, rule: &str, message: &str) -> String {
    // FNV-1a: stable across platforms and releases, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in rule
        .bytes()
        .chain([0])
        .chain(text.trim().bytes())
        .chain([0])
        .chain(message.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}:1")
}

/// One finding as it appears in the run's `results` array, pretty-printed at that depth.
pub fn finding(report: &Report, d: &Diagnostic, uri: &dyn Fn(&Path) -> String) -> String {
    let document = report.document(&d.file);
    let r = range(document, d.span, ColumnUnit::Utf16);
    let line_text = document
        .map(|doc| {
            let line = doc.line_index.line_of(d.span.start);
            let start = doc.line_index.line_start(line);
            let end = doc.line_index.line_end(&doc.text, line);
            doc.text.get(start..end).unwrap_or("").to_owned()
        })
        .unwrap_or_default();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, rel)| {
            let rr = range(report.document(&rel.file), rel.span, ColumnUnit::Utf16);
            json!({
                "id": i,
                "message": {"text": rel.message},
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&rel.file), "uriBaseId": "%SRCROOT%"},
                    "region": region(rr),
                },
            })
        })
        .collect();
    let index = registry::in_registration_order()
        .position(|rule| rule.code == d.rule.code)
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": d.rule.code,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&d.file), "uriBaseId": "%SRCROOT%"},
                "region": region(r),
            }
        }],
        "partialFingerprints": {"primaryLocationLineHash": line_hash(&line_text, d.rule.code, &d.message)},
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    let text = serde_json::to_string_pretty(&result).unwrap_or_else(|_| "{}".into());
    super::output::indent(&text, RESULT_INDENT)
}

/// A result sits four levels deep: `runs`, its one run, `results`, the item.
const RESULT_INDENT: &str = "        ";

/// The SARIF log: every rule's metadata, every finding rendered by [`finding`] in order, and an
/// invocation that fails when a file could not be read.
pub fn document(
    findings: &mut dyn Iterator<Item = String>,
    read_errors: &[ReadError],
    uri: &dyn Fn(&Path) -> String,
    out: &mut dyn Write,
) {
    let rules: Vec<Value> = registry::in_registration_order()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": r.docs(), "markdown": r.docs()},
                "helpUri": r.url(),
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": [r.family.as_str()], "precision": "very-high", "fixable": r.fix.is_fixable()},
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "floe-lint",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/floe-lint/floe-lint",
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": [],
            "invocations": [{
                "executionSuccessful": read_errors.is_empty(),
                "toolExecutionNotifications": read_errors.iter().map(|e| json!({
                    "level": "error",
                    "message": {"text": format!("cannot read this file: {}", e.error)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path), "uriBaseId": "%SRCROOT%"}}}],
                })).collect::<Vec<_>>(),
            }],
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    super::output::splice_array(&text, "\n      \"results\": []", findings, out);
}

fn region(r: super::position::Range) -> Value {
    json!({
        "startLine": r.start_line,
        "startColumn": r.start_column,
        "endLine": r.end_line,
        "endColumn": r.end_column.max(if r.start_line == r.end_line { r.start_column } else { 1 }),
    })
}
