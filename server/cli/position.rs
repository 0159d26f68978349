//! Span → 1-based line/column ranges for the text formats.

use crate::diagnostic::Span;
use crate::syntax::{ColumnUnit, Document};

/// A 1-based inclusive-start, exclusive-end range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub fn range(document: Option<&Document>, span: Span, unit: ColumnUnit) -> Range {
    let Some(document) = document else {
        return Range {
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 1,
        };
    };
    let start = document
        .line_index
        .line_col(&document.text, span.start, unit);
    let end = document.line_index.line_col(&document.text, span.end, unit);
    Range {
        start_line: start.line + 1,
        start_column: start.col + 1,
        end_line: end.line + 1,
        end_column: end.col + 1,
    }
}
