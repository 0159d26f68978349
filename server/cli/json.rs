//! JSON output, version 1. Documented in the README; a new incompatible shape gets version 2.
//!
//! Lines and columns are 1-based; `column` counts Unicode characters, `column_utf16` UTF-16 code
//! units (LSP/SARIF). `offset`/`end_offset` are byte offsets into the file.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::output::Counts;
use super::position::range;
use crate::check::{ReadError, Report};
use crate::diagnostic::{Applicability, Diagnostic, Span};
use crate::syntax::{ColumnUnit, Document};

/// A span as the output gives it: both ends in characters and UTF-16 units, and as offsets.
#[derive(Serialize)]
struct Location {
    start: Point,
    end: Point,
}

#[derive(Serialize)]
struct Point {
    line: u32,
    column: u32,
    column_utf16: u32,
    offset: usize,
}

fn location(document: Option<&Document>, span: Span) -> Location {
    let chars = range(document, span, ColumnUnit::Char);
    let utf16 = range(document, span, ColumnUnit::Utf16);
    Location {
        start: Point {
            line: chars.start_line,
            column: chars.start_column,
            column_utf16: utf16.start_column,
            offset: span.start,
        },
        end: Point {
            line: chars.end_line,
            column: chars.end_column,
            column_utf16: utf16.end_column,
            offset: span.end,
        },
    }
}

/// One finding of the `diagnostics` array, its fields in output order. Serialized from borrowed
/// fields rather than built as a `serde_json::Value` (a map, and a key string, per object): a
/// thousand projects' findings are rendered with a tenth of the allocations.
#[derive(Serialize)]
struct Finding<'a> {
    file: String,
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    range: Location,
    related: Vec<RelatedOut<'a>>,
    fix: Option<FixOut<'a>>,
    url: String,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    file: String,
    message: &'a str,
    range: Location,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    applicability: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    range: Location,
    replacement: &'a str,
}

/// One finding as it appears in the `diagnostics` array: pretty-printed at that array's depth.
pub fn finding(report: &Report, d: &Diagnostic, shown: &dyn Fn(&Path) -> String) -> String {
    let document = report.document(&d.file);
    let value = Finding {
        file: shown(&d.file),
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        range: location(document, d.span),
        related: d
            .related
            .iter()
            .map(|r| RelatedOut {
                file: shown(&r.file),
                message: &r.message,
                range: location(report.document(&r.file), r.span),
            })
            .collect(),
        fix: d.fix.as_ref().map(|f| FixOut {
            title: &f.title,
            applicability: match f.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            edits: f
                .edits
                .iter()
                .map(|e| EditOut {
                    range: location(document, e.span),
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        url: d.rule.url(),
    };
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
