//! Putting a re-parsed region in place: the tree, its JSON value, the comments, the text.

use super::super::LineIndex;
use super::super::tree::{Node, NodeValue};
use super::edit::Edit;
use super::region::Step;
use super::{Change, Document};

/// Puts the region's new node and comments in place and moves everything after it.
pub(super) fn splice(document: &mut Document, change: Change, text: &str) {
    let Change {
        region,
        edit,
        node,
        comments,
    } = change;
    if let Some(json) = document.json.get_mut() {
        let patched = json_at(json, &region.path).map(|at| *at = node.to_json());
        if patched.is_none() {
            document.json = std::sync::OnceLock::new();
        }
    }
    if let Some(root) = document.root.as_mut() {
        replace(root, &region.path, node, &edit);
    }
    let old = std::mem::take(&mut document.comments);
    let mut merged = Vec::with_capacity(old.len() + comments.len());
    let mut inserted = Some(comments);
    for mut comment in old {
        if comment.span.start >= region.start {
            merged.extend(inserted.take().into_iter().flatten());
        }
        if comment.span.start < region.start {
            merged.push(comment);
        } else if comment.span.start >= region.end {
            comment.span.start = edit.moved(comment.span.start);
            comment.span.end = edit.moved(comment.span.end);
            merged.push(comment);
        }
    }
    merged.extend(inserted.into_iter().flatten());
    document.comments = merged;
    document.text = text.to_owned();
    document.line_index = LineIndex::new(text);
}

/// The JSON value at `path`: each entry step is an object key (unique: the document loaded
/// cleanly), each item step an array index.
fn json_at<'a>(
    mut json: &'a mut serde_json::Value,
    path: &[Step],
) -> Option<&'a mut serde_json::Value> {
    for step in path {
        json = match step {
            Step::Entry(_, key) => json.as_object_mut()?.get_mut(key)?,
            Step::Item(i) => json.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(json)
}

/// Replaces the node at `path` under `node`, moves every later sibling along the way, and
/// recomputes the ends of the collections on the way (a block collection ends where
/// its last child ends, as the builder has it).
fn replace(node: &mut Node, path: &[Step], replacement: Node, edit: &Edit) {
    let Some((step, rest)) = path.split_first() else {
        *node = replacement;
        return;
    };
    match (&mut node.value, step) {
        (NodeValue::Mapping(entries), &Step::Entry(i, _)) => {
            let entries = entries.as_mut_slice();
            for later in entries.iter_mut().skip(i + 1) {
                shift(&mut later.key, edit.new_end, edit.old_end);
                shift(&mut later.value, edit.new_end, edit.old_end);
            }
            if let Some(entry) = entries.get_mut(i) {
                replace(&mut entry.value, rest, replacement, edit);
            }
            node.span.end = entries.last().map_or(node.span.start, |e| e.value.span.end);
        }
        (NodeValue::Sequence(items), &Step::Item(i)) => {
            for later in items.iter_mut().skip(i + 1) {
                shift(later, edit.new_end, edit.old_end);
            }
            if let Some(item) = items.get_mut(i) {
                replace(item, rest, replacement, edit);
            }
            node.span.end = items.last().map_or(node.span.start, |n| n.span.end);
        }
        _ => {}
    }
}

/// Moves a subtree: every offset `x` becomes `x - from + to`.
pub(super) fn shift(node: &mut Node, to: usize, from: usize) {
    node.span.start = node.span.start - from + to;
    node.span.end = node.span.end - from + to;
    match &mut node.value {
        NodeValue::Scalar { .. } => {}
        NodeValue::Sequence(items) => items.iter_mut().for_each(|n| shift(n, to, from)),
        NodeValue::Mapping(entries) => {
            for entry in entries.as_mut_slice() {
                shift(&mut entry.key, to, from);
                shift(&mut entry.value, to, from);
            }
        }
    }
}
