//! Outline (document symbols) and folding ranges from the spanned tree. Every key is a symbol,
//! list items are named by their `name`/`type`/`path`; a Generation B file's symbols say more
//! ([`symbols_v1`]).

use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeKind,
    FoldingRangeParams, SymbolKind,
};

use super::request::Request;
use super::symbols_v1::{self, Label};
use super::{Backend, convert};
use crate::dialect::runtime::vocabulary as key;
use crate::model::navigate::Step;
use crate::model::{Dialect, FileKind};
use crate::syntax::resolve::Scalar;
use crate::syntax::{ColumnUnit, Document, Node, NodeValue};

pub fn request(backend: &Backend, params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let (request, kind) = Request::config(backend, &params.text_document.uri)?;
    Some(DocumentSymbolResponse::Nested(symbols(
        &request.document,
        request.snapshot.unit,
        kind,
    )))
}

pub fn folding_request(backend: &Backend, params: FoldingRangeParams) -> Option<Vec<FoldingRange>> {
    let (request, _) = Request::config(backend, &params.text_document.uri)?;
    Some(folding(&request.document))
}

/// Bounds the outline of enormous documents.
const MAX_SYMBOLS: usize = 10_000;

fn kind_of(node: &Node) -> SymbolKind {
    match &node.value {
        NodeValue::Mapping(_) => SymbolKind::OBJECT,
        NodeValue::Sequence(_) => SymbolKind::ARRAY,
        NodeValue::Scalar {
            value: Scalar::Bool(_),
            ..
        } => SymbolKind::BOOLEAN,
        NodeValue::Scalar {
            value: Scalar::Int(_) | Scalar::BigInt(_) | Scalar::Float(_),
            ..
        } => SymbolKind::NUMBER,
        NodeValue::Scalar {
            value: Scalar::Null,
            ..
        } => SymbolKind::NULL,
        NodeValue::Scalar { .. } => SymbolKind::STRING,
    }
}

/// What the outline walks with: the document, the file's kind and the path to the node.
struct Walk<'d> {
    document: &'d Document,
    unit: ColumnUnit,
    kind: FileKind,
    path: Vec<Step>,
    budget: usize,
}

impl Walk<'_> {
    /// The dialect's label of the node at the current path.
    fn label(&self, node: &Node) -> Label {
        match self.kind.dialect() {
            Dialect::Runtime => Label::default(),
            Dialect::V1 => symbols_v1::label(self.kind, &self.path, node),
        }
    }

    /// The symbols of a node's children, the path extended by each child's step.
    fn nested(&mut self, step: Step, node: &Node) -> (Label, Vec<DocumentSymbol>) {
        self.path.push(step);
        let label = self.label(node);
        let nested = children(self, node);
        self.path.pop();
        (label, nested)
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be filled in.
fn children(walk: &mut Walk<'_>, node: &Node) -> Vec<DocumentSymbol> {
    let (document, unit) = (walk.document, walk.unit);
    let mut out = Vec::new();
    if let Some(entries) = node.as_mapping() {
        for entry in entries.iter().filter(|e| !e.merged) {
            if walk.budget == 0 {
                break;
            }
            walk.budget -= 1;
            let Some(name) = entry.key.key_text() else {
                continue;
            };
            let full = crate::diagnostic::Span::new(
                entry.key.span.start,
                entry.value.span.end.max(entry.key.span.end),
            );
            let (label, nested) = walk.nested(Step::Key(name.clone()), &entry.value);
            out.push(DocumentSymbol {
                name: if name.is_empty() { "\"\"".into() } else { name },
                detail: label
                    .detail
                    .or_else(|| entry.value.as_str().map(str::to_owned))
                    .map(|s| s.chars().take(60).collect()),
                kind: label.kind.unwrap_or_else(|| kind_of(&entry.value)),
                tags: None,
                deprecated: None,
                range: convert::range(document, full, unit),
                selection_range: convert::range(document, entry.key.span, unit),
                children: (!nested.is_empty()).then_some(nested),
            });
        }
    } else if let Some(items) = node.as_sequence() {
        for (i, item) in items.iter().enumerate() {
            if walk.budget == 0 || item.as_mapping().is_none() {
                continue;
            }
            walk.budget -= 1;
            let label = [key::NAME, key::TYPE, key::PATH].iter().find_map(|k| {
                item.get(k)
                    .and_then(|e| e.value.as_str().map(str::to_owned))
            });
            let (dialect, nested) = walk.nested(Step::Index(i), item);
            out.push(DocumentSymbol {
                name: dialect.name.unwrap_or_else(|| {
                    label.map_or_else(|| format!("[{i}]"), |l| format!("[{i}] {l}"))
                }),
                detail: dialect.detail,
                kind: dialect.kind.unwrap_or(SymbolKind::OBJECT),
                tags: None,
                deprecated: None,
                range: convert::range(document, item.span, unit),
                selection_range: convert::range(
                    document,
                    dialect.selection.unwrap_or(item.span),
                    unit,
                ),
                children: (!nested.is_empty()).then_some(nested),
            });
        }
    }
    out
}

pub fn symbols(document: &Document, unit: ColumnUnit, kind: FileKind) -> Vec<DocumentSymbol> {
    let mut walk = Walk {
        document,
        unit,
        kind,
        path: Vec::new(),
        budget: MAX_SYMBOLS,
    };
    document
        .root
        .as_ref()
        .map(|r| children(&mut walk, r))
        .unwrap_or_default()
}

pub fn folding(document: &Document) -> Vec<FoldingRange> {
    let mut out = Vec::new();
    if let Some(root) = &document.root {
        fold(document, root, &mut out);
    }
    // Runs of comment lines.
    let mut run: Option<(u32, u32)> = None;
    for comment in &document.comments {
        let line = document.line_index.line_of(comment.span.start) as u32;
        run = match run {
            Some((start, end)) if end + 1 == line => Some((start, line)),
            Some((start, end)) => {
                push_comment(&mut out, start, end);
                Some((line, line))
            }
            None => Some((line, line)),
        };
    }
    if let Some((start, end)) = run {
        push_comment(&mut out, start, end);
    }
    out
}

fn push_comment(out: &mut Vec<FoldingRange>, start: u32, end: u32) {
    if end > start {
        out.push(FoldingRange {
            start_line: start,
            end_line: end,
            kind: Some(FoldingRangeKind::Comment),
            ..Default::default()
        });
    }
}

fn fold(document: &Document, node: &Node, out: &mut Vec<FoldingRange>) {
    if out.len() >= MAX_SYMBOLS {
        return;
    }
    let index = &document.line_index;
    if let Some(entries) = node.as_mapping() {
        for entry in entries.iter().filter(|e| !e.merged) {
            let start = index.line_of(entry.key.span.start);
            let end = index.line_of(
                entry
                    .value
                    .span
                    .end
                    .saturating_sub(1)
                    .max(entry.value.span.start),
            );
            if end > start
                && (entry.value.as_mapping().is_some() || entry.value.as_sequence().is_some())
            {
                out.push(FoldingRange {
                    start_line: start as u32,
                    end_line: end as u32,
                    kind: Some(FoldingRangeKind::Region),
                    ..Default::default()
                });
            }
            fold(document, &entry.value, out);
        }
    } else if let Some(items) = node.as_sequence() {
        for item in items {
            fold(document, item, out);
        }
    }
}
