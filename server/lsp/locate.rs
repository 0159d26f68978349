//! Where the cursor is in the tree: the path of keys and indexes to the node under it.

use crate::dialect::UNION_TAG;
use crate::model::navigate::Step;
use crate::syntax::{Document, Entry, Node};

/// What is under the cursor.
pub struct Located<'d> {
    /// Steps from the root to the node (for a key: to its value).
    pub path: Vec<Step>,
    /// The cursor is on a mapping key (else on a value).
    pub on_key: bool,
    pub node: &'d Node,
    /// The entry whose key or value holds the cursor.
    pub entry: Option<&'d Entry>,
}

fn contains(node: &Node, offset: usize) -> bool {
    node.span.start <= offset && offset <= node.span.end
}

/// The deepest key or value at `offset`.
pub fn at(document: &Document, offset: usize) -> Option<Located<'_>> {
    let mut node = document.root.as_ref()?;
    let mut path = Vec::new();
    let mut found: Option<Located<'_>> = None;
    loop {
        let mut next = None;
        if let Some(entries) = node.as_mapping() {
            for entry in entries.iter().filter(|e| !e.merged) {
                let Some(key) = entry.key.key_text() else {
                    continue;
                };
                if contains(&entry.key, offset) {
                    let mut p = path.clone();
                    p.push(Step::Key(key));
                    return Some(Located {
                        path: p,
                        on_key: true,
                        node: &entry.value,
                        entry: Some(entry),
                    });
                }
                if contains(&entry.value, offset) {
                    path.push(Step::Key(key));
                    found = Some(Located {
                        path: path.clone(),
                        on_key: false,
                        node: &entry.value,
                        entry: Some(entry),
                    });
                    next = Some(&entry.value);
                    break;
                }
            }
        } else if let Some(items) = node.as_sequence() {
            for (i, item) in items.iter().enumerate() {
                if contains(item, offset) {
                    path.push(Step::Index(i));
                    found = Some(Located {
                        path: path.clone(),
                        on_key: false,
                        node: item,
                        entry: None,
                    });
                    next = Some(item);
                    break;
                }
            }
        }
        match next {
            Some(n) if n.as_mapping().is_some() || n.as_sequence().is_some() => node = n,
            _ => return found,
        }
    }
}

/// The node at a path.
pub fn node_at<'d>(document: &'d Document, path: &[Step]) -> Option<&'d Node> {
    let mut node = document.root.as_ref()?;
    for step in path {
        node = match step {
            Step::Key(key) => &node.get(key)?.value,
            Step::Index(i) => node.as_sequence()?.get(*i)?,
        };
    }
    Some(node)
}

/// The `type` written in the mapping at `path`, to pick the variant of a tagged union.
pub fn tag_at(document: &Document, path: &[Step]) -> Option<String> {
    node_at(document, path)?
        .get(UNION_TAG)?
        .value
        .as_str()
        .map(str::to_owned)
}
