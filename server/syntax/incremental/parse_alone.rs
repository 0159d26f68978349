//! Parsing a region alone, and deciding whether the result is what a full parse would give.

use super::super::builder;
use super::super::tree::{Entry, Node, NodeValue};
use super::edit::Edit;
use super::region::Region;
use super::splice::shift;
use super::{Comment, Document, Limits};

/// Parses the region alone (in the new text) and returns its node and comments, at their
/// offsets in the new text; `None` when the result may differ from a full parse.
pub(super) fn parse_region(
    document: &Document,
    region: &Region,
    edit: &Edit,
    text: &str,
    limits: &Limits,
) -> Option<(Node, Vec<Comment>)> {
    let end = edit.moved(region.end);
    let mut source = String::with_capacity(end - region.start);
    source.extend(std::iter::repeat_n(' ', region.blank));
    source.push_str(text.get(region.start + region.blank..end)?);
    // Stricter than the file's own limit by the levels above the region.
    let limits = Limits {
        max_depth: limits.max_depth.checked_sub(region.path.len())?,
        ..limits.clone()
    };
    let built = builder::build(&document.file, &source, &limits);
    if !built.complete || !built.self_contained || !built.diagnostics.is_empty() {
        return None;
    }
    let mut node = match (built.root?.value, region.key) {
        (NodeValue::Mapping(entries), Some(old_key)) => {
            let [entry]: [Entry; 1] = entries.into_vec().try_into().ok()?;
            let same_key = entry.key.key_text().as_deref() == region.key_text()
                && entry.key.span.start + region.start == old_key.start
                && entry.key.span.end + region.start == old_key.end;
            if entry.merged || !same_key {
                return None;
            }
            entry.value
        }
        (NodeValue::Sequence(items), None) => {
            let [item]: [Node; 1] = items.try_into().ok()?;
            item
        }
        _ => return None,
    };
    // An empty node (a missing value) sits where the next token is: when that token lies past
    // the region, a full parse puts it elsewhere. Likewise a node reaching the region's end (a
    // block scalar's trailing line breaks) may reach further in the whole file.
    let (content_end, last_empty) = extent(&node);
    let at_file_end = edit.moved(region.end) == text.len();
    if last_empty.is_some_and(|at| at >= content_end)
        || (!at_file_end && node.span.end >= source.len())
        || !stays_inside(&source, content_end, region.column)
    {
        return None;
    }
    shift(&mut node, region.start, 0);
    let comments = built
        .comments
        .into_iter()
        .map(|mut c| {
            c.span.start += region.start;
            c.span.end += region.start;
            c
        })
        .collect();
    Some((node, comments))
}

/// The end of the last non-empty node of a subtree, and the position of its last empty one.
fn extent(node: &Node) -> (usize, Option<usize>) {
    fn walk(node: &Node, end: &mut usize, empty: &mut Option<usize>) {
        if node.span.is_empty() {
            *empty = Some(empty.map_or(node.span.start, |e| e.max(node.span.start)));
        } else {
            *end = (*end).max(node.span.end);
        }
        match &node.value {
            NodeValue::Scalar { .. } => {}
            NodeValue::Sequence(items) => items.iter().for_each(|n| walk(n, end, empty)),
            NodeValue::Mapping(entries) => {
                for entry in entries {
                    walk(&entry.key, end, empty);
                    walk(&entry.value, end, empty);
                }
            }
        }
    }
    let (mut end, mut empty) = (0, None);
    walk(node, &mut end, &mut empty);
    (end, empty)
}

/// True when, after the first line, every line up to `content_end` is indented right of
/// `column` (so it belongs to the region's node in the whole file too), and every line after it
/// is blank or a comment (so nothing there can belong to another node).
fn stays_inside(source: &str, content_end: usize, column: usize) -> bool {
    let bytes = source.as_bytes();
    let mut at = 0;
    let mut first = true;
    while at < bytes.len() {
        let mut next = at;
        while next < bytes.len() && bytes[next] != b'\n' && bytes[next] != b'\r' {
            next += 1;
        }
        let line = &source[at..next];
        if !first {
            let rest = line.trim_start_matches(' ');
            let indent = line.len() - rest.len();
            let ok = if at < content_end {
                rest.is_empty() || indent > column
            } else {
                rest.is_empty() || rest.starts_with('#')
            };
            if !ok {
                return false;
            }
        }
        first = false;
        // Past the line break: `\r\n`, `\n` or a lone `\r`.
        at = match bytes.get(next..next + 2) {
            Some(b"\r\n") => next + 2,
            _ => next + 1,
        };
    }
    true
}
