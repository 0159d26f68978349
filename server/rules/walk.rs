//! Small helpers for walking the spanned tree in rules.

use std::borrow::Cow;

use crate::syntax::resolve::Scalar;
use crate::syntax::{Entry, Node, NodeValue};

/// The entries of a mapping section (`root[key]`), or nothing.
pub fn section<'n>(root: &'n Node, key: &str) -> &'n [Entry] {
    root.get(key)
        .and_then(|e| e.value.as_mapping())
        .unwrap_or(&[])
}

/// `(name, entry)` for each profile of a platform.yaml section (`storage`, `catalogs`, `compute`);
/// the name is borrowed from a string key.
pub fn profiles<'n>(
    root: &'n Node,
    section_key: &str,
) -> impl Iterator<Item = (Cow<'n, str>, &'n Entry)> {
    section(root, section_key)
        .iter()
        .filter_map(|e| Some((e.key.key_name()?, e)))
}

/// The string value of `node[key]`, with its entry.
pub fn string_field<'n>(node: &'n Node, key: &str) -> Option<(&'n str, &'n Entry)> {
    let entry = node.get(key)?;
    Some((entry.value.as_str()?, entry))
}

/// Visits every scalar string in a subtree with its node, depth-first in document order (not
/// collected: a large file has a million of them).
pub fn strings<'n>(node: &'n Node, visit: &mut impl FnMut(&'n str, &'n Node)) {
    if let Some(text) = node.as_str() {
        visit(text, node);
    }
    if let Some(items) = node.as_sequence() {
        for item in items {
            strings(item, visit);
        }
    }
    if let Some(entries) = node.as_mapping() {
        for entry in entries.iter().filter(|e| !e.merged) {
            strings(&entry.value, visit);
        }
    }
}

/// Every `key: scalar` pair in a subtree (key text, entry), depth-first, skipping merged entries
/// (they are reported where they are written).
pub fn pairs<'n>(node: &'n Node, out: &mut Vec<(Cow<'n, str>, &'n Entry)>) {
    if let Some(items) = node.as_sequence() {
        for item in items {
            pairs(item, out);
        }
    }
    if let Some(entries) = node.as_mapping() {
        for entry in entries.iter().filter(|e| !e.merged) {
            if let Some(key) = entry.key.key_name() {
                out.push((key, entry));
            }
            pairs(&entry.value, out);
        }
    }
}

/// Whether a node is YAML's null (`~`, `null`, or no value at all).
pub fn is_null(node: &Node) -> bool {
    matches!(
        node.value,
        NodeValue::Scalar {
            value: Scalar::Null,
            ..
        }
    )
}
