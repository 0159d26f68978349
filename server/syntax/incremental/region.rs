//! The regions an edit falls in: block-mapping entries and block-sequence items, outermost
//! first, each a run of whole lines.

use super::super::tree::{Node, NodeValue};
use super::Document;
use super::edit::Edit;
use crate::diagnostic::Span;

/// How to reach a node from the root: an entry of a mapping (with its key, the JSON object key),
/// or an item of a sequence.
#[derive(Debug, Clone)]
pub(super) enum Step {
    Entry(usize, String),
    Item(usize),
}

/// A run of whole lines holding one entry (or item) and the edit.
#[derive(Debug, Clone)]
pub(super) struct Region {
    pub(super) path: Vec<Step>,
    /// Start of the region's first line (before the edit, so the same in both texts).
    pub(super) start: usize,
    /// Bytes of the first line before the key, blanked to spaces for the region's own parse.
    pub(super) blank: usize,
    /// End of the region in the old text: the next sibling's line, or the enclosing region's end.
    pub(super) end: usize,
    /// Column of the key, or of the item's `-`.
    pub(super) column: usize,
    /// Where the entry's key is (before the edit, so the same in both texts); `None` for a
    /// sequence item. Its text is the last step's.
    pub(super) key: Option<Span>,
}

impl Region {
    /// The entry's key text; `None` for a sequence item.
    pub(super) fn key_text(&self) -> Option<&str> {
        match self.path.last() {
            Some(Step::Entry(_, key)) => Some(key),
            _ => None,
        }
    }
}

/// Every region holding the edit, outermost first.
pub(super) fn regions(document: &Document, edit: &Edit) -> Vec<Region> {
    let (text, lines) = (&document.text, &document.line_index);
    let line_start = |offset: usize| lines.line_start(lines.line_of(offset));
    let mut out = Vec::new();
    let mut path = Vec::new();
    let mut end = text.len();
    let mut node = match &document.root {
        Some(root) => root,
        None => return out,
    };
    loop {
        match &node.value {
            NodeValue::Mapping(entries) if opens_with(text, node) != Some(b'{') => {
                let Some(i) = entries
                    .partition_point(|e| e.key.span.start <= edit.start)
                    .checked_sub(1)
                else {
                    break;
                };
                let entry = &entries[i];
                let Some(key) = entry.key.key_text() else {
                    break;
                };
                let boundary = match entries.get(i + 1) {
                    // An empty key (`?` with nothing after it) is placed at the next token, past
                    // its `?`: where its entry starts is not known from it.
                    Some(next) if next.key.span.is_empty() => break,
                    Some(next) => {
                        let at = line_start(next.key.span.start);
                        if !only(&text[at..next.key.span.start], b" ") {
                            break;
                        }
                        at
                    }
                    None => end,
                };
                let start = line_start(entry.key.span.start);
                let prefix = &text[start..entry.key.span.start];
                let dashes_and_spaces =
                    only(prefix, b" -") && !prefix.contains("--") && !prefix.ends_with('-');
                if entry.merged
                    || entry.key.span.end > edit.start
                    || !reaches(edit, boundary, text.len())
                    || !dashes_and_spaces
                {
                    break;
                }
                path.push(Step::Entry(i, key));
                out.push(Region {
                    path: path.clone(),
                    start,
                    blank: prefix.len(),
                    end: boundary,
                    column: prefix.len(),
                    key: Some(entry.key.span),
                });
                node = &entry.value;
                end = boundary;
            }
            NodeValue::Sequence(items) if opens_with(text, node) == Some(b'-') => {
                let Some(i) = items
                    .partition_point(|n| line_start(n.span.start) <= edit.start)
                    .checked_sub(1)
                else {
                    break;
                };
                // An item whose `-` is alone at the start of its line, before its content.
                let dash = |item: &Node| {
                    let at = line_start(item.span.start);
                    let prefix = &text[at..item.span.start];
                    let indent = prefix.len() - prefix.trim_start_matches(' ').len();
                    let after = prefix[indent..].strip_prefix('-')?;
                    only(after, b" ").then_some((at, indent))
                };
                let Some((start, column)) = dash(&items[i]) else {
                    break;
                };
                let boundary = match items.get(i + 1) {
                    Some(next) => match dash(next) {
                        Some((at, _)) => at,
                        None => break,
                    },
                    None => end,
                };
                if edit.start <= start + column || !reaches(edit, boundary, text.len()) {
                    break;
                }
                path.push(Step::Item(i));
                out.push(Region {
                    path: path.clone(),
                    start,
                    blank: 0,
                    end: boundary,
                    column,
                    key: None,
                });
                node = &items[i];
                end = boundary;
            }
            _ => break,
        }
    }
    out
}

/// True when the edit ends inside a region ending at `boundary`: before the next sibling's line,
/// or anywhere up to the end of the text (typing at the end of the file extends the last entry).
fn reaches(edit: &Edit, boundary: usize, len: usize) -> bool {
    edit.old_end < boundary || (edit.old_end == boundary && boundary == len)
}

/// The first byte of a node's text: `{` or `[` for a flow collection, `-` for a block sequence.
fn opens_with(text: &str, node: &Node) -> Option<u8> {
    text.as_bytes().get(node.span.start).copied()
}

fn only(text: &str, allowed: &[u8]) -> bool {
    text.bytes().all(|b| allowed.contains(&b))
}
