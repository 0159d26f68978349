//! JSON output, version 1. Documented in the README; a new incompatible shape gets version 2.
//!
//! Lines and columns are 1-based; `column` counts Unicode characters, `column_utf16` UTF-16 code
//! units (LSP/SARIF). `offset`/`end_offset` are byte offsets into the file.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::output::Counts;
use super::position::range;
use crate::check::{ReadError, Report};
use crate::diagnostic::{Applicability, Diagnostic, Span};
use crate::syntax::{ColumnUnit, Document};

fn location(document: Option<&Document>, span: Span) -> Value {
    let chars = range(document, span, ColumnUnit::Char);
    let utf16 = range(document, span, ColumnUnit::Utf16);
    json!({
        "start": {"line": chars.start_line, "column": chars.start_column, "column_utf16": utf16.start_column, "offset": span.start},
        "end": {"line": chars.end_line, "column": chars.end_column, "column_utf16": utf16.end_column, "offset": span.end},
    })
}

/// One finding as it appears in the `diagnostics` array: pretty-printed at that array's depth.
pub fn finding(report: &Report, d: &Diagnostic, shown: &dyn Fn(&Path) -> String) -> String {
    let document = report.document(&d.file);
    let value = json!({
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
    });
    let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    super::output::indent(&text, ARRAY_ITEM_INDENT)
}

/// The `diagnostics` array's items sit two levels deep (two spaces a level).
const ARRAY_ITEM_INDENT: &str = "    ";

/// The whole document: `files` (sorted), the summary, then every finding rendered by [`finding`],
/// in order, and the files that could not be read.
pub fn document(
    files: &[String],
    counts: Counts,
    findings: &mut dyn Iterator<Item = String>,
    read_errors: &[ReadError],
    shown: &dyn Fn(&Path) -> String,
    out: &mut dyn Write,
) {
    let shell = json!({
        "version": 1,
        "tool": {"name": "floe-lint", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "summary": {"errors": counts.errors, "warnings": counts.warnings, "infos": counts.infos},
        "diagnostics": [],
        "unreadable": read_errors.iter().map(|e| json!({
            "file": shown(&e.path),
            "error": e.error.to_string(),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&shell).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    super::output::splice_array(&text, "\n  \"diagnostics\": []", findings, out);
}
