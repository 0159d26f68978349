//! JSON output, version 1. Documented in the README; a new incompatible shape gets version 2.
//!
//! Lines and columns are 1-based; `column` counts Unicode characters, `column_utf16` UTF-16 code
//! units (LSP/SARIF). `offset`/`end_offset` are byte offsets into the file.

use std::path::Path;

use serde_json::{Value, json};

use super::position::range;
use crate::check::Report;
use crate::diagnostic::{Applicability, Span};
use crate::syntax::{ColumnUnit, Document};

fn location(document: Option<&Document>, span: Span) -> Value {
    let chars = range(document, span, ColumnUnit::Char);
    let utf16 = range(document, span, ColumnUnit::Utf16);
    json!({
        "start": {"line": chars.start_line, "column": chars.start_column, "column_utf16": utf16.start_column, "offset": span.start},
        "end": {"line": chars.end_line, "column": chars.end_column, "column_utf16": utf16.end_column, "offset": span.end},
    })
}

pub fn render(report: &Report, shown: &dyn Fn(&Path) -> String) -> String {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let document = report.document(&d.file);
            json!({
                "file": shown(&d.file),
                "code": d.rule.code,
                "name": d.rule.name,
                "severity": d.severity.as_str(),
                "message": d.message,
                "help": d.help,
                "range": location(document, d.span),
                "related": d.related.iter().map(|r| json!({
                    "file": shown(&r.file),
                    "message": r.message,
                    "range": location(report.document(&r.file), r.span),
                })).collect::<Vec<_>>(),
                "fix": d.fix.as_ref().map(|f| json!({
                    "title": f.title,
                    "applicability": match f.applicability { Applicability::Safe => "safe", Applicability::Unsafe => "unsafe" },
                    "edits": f.edits.iter().map(|e| json!({
                        "range": location(document, e.span),
                        "replacement": e.replacement,
                    })).collect::<Vec<_>>(),
                })),
                "url": d.rule.url(),
            })
        })
        .collect();
    let count = |s: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity.as_str() == s)
            .count()
    };
    let out = json!({
        "version": 1,
        "tool": {"name": "floe-lint", "version": env!("CARGO_PKG_VERSION")},
        "files": report.documents.keys().map(|p| shown(p)).collect::<Vec<_>>(),
        "summary": {"errors": count("error"), "warnings": count("warning"), "infos": count("info")},
        "diagnostics": diagnostics,
        "unreadable": report.read_errors.iter().map(|e| json!({
            "file": shown(&e.path),
            "error": e.error.to_string(),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
