//! floe-lint's byte spans ↔ LSP positions, in the negotiated encoding; Diagnostic → LSP.

use std::path::Path;

use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DiagnosticTag, Location, NumberOrString, Position, Range, Uri,
};

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::syntax::{ColumnUnit, Document, LineCol};

pub fn uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

pub fn position(document: &Document, offset: usize, unit: ColumnUnit) -> Position {
    let LineCol { line, col } = document.line_index.line_col(&document.text, offset, unit);
    Position {
        line,
        character: col,
    }
}

pub fn range(document: &Document, span: Span, unit: ColumnUnit) -> Range {
    Range {
        start: position(document, span.start, unit),
        end: position(document, span.end, unit),
    }
}

/// Byte offset of an LSP position in `document` (clamped).
pub fn offset(document: &Document, position: Position, unit: ColumnUnit) -> usize {
    document.line_index.offset(
        &document.text,
        LineCol {
            line: position.line,
            col: position.character,
        },
        unit,
    )
}

/// A finding as the client gets it. `revision` is the open document's revision it was computed
/// on: a code action asked for with it later is refused once the text has moved on (its ranges
/// and edits would land in the wrong place).
pub fn to_lsp(
    diagnostic: &Diagnostic,
    documents: &dyn Fn(&Path) -> Option<std::sync::Arc<Document>>,
    own: &Document,
    unit: ColumnUnit,
    revision: Option<u64>,
) -> LspDiagnostic {
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|r| {
            let target_range = if *r.file == *own.file {
                range(own, r.span, unit)
            } else {
                documents(&r.file)
                    .map(|d| range(&d, r.span, unit))
                    .unwrap_or_default()
            };
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri(&r.file)?,
                    range: target_range,
                },
                message: r.message.clone(),
            })
        })
        .collect();
    let mut data = serde_json::Map::new();
    if let Some(revision) = revision {
        data.insert("revision".into(), json!(revision));
    }
    if let Some(fix) = &diagnostic.fix {
        data.insert("fix".into(), json!({
            "title": fix.title,
            "safe": fix.applicability == crate::diagnostic::Applicability::Safe,
            "edits": fix.edits.iter().map(|e| json!({"range": range(own, e.span, unit), "newText": e.replacement})).collect::<Vec<_>>(),
        }));
    }
    let data = (!data.is_empty()).then_some(serde_json::Value::Object(data));
    LspDiagnostic {
        range: range(own, diagnostic.span, unit),
        severity: Some(match diagnostic.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(diagnostic.rule.code.to_owned())),
        code_description: diagnostic
            .rule
            .url()
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("floe-lint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (diagnostic.rule.code == "FL900").then(|| vec![DiagnosticTag::UNNECESSARY]),
        data,
    }
}
