//! The spanned YAML tree: what the document says, and where each part of it is.

use serde_json::{Map, Number, Value};

use super::resolve::Scalar;
use crate::diagnostic::Span;

/// How a scalar was written (the type of a plain scalar depends on it; quoting does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    Scalar {
        value: Scalar,
        /// The scalar's text after escape processing (what a string field would receive).
        text: String,
        style: ScalarStyle,
    },
    Sequence(Vec<Node>),
    Mapping(Entries),
}

/// A mapping's entries, in document order, with a key index built on first lookup for large
/// mappings: [`Node::get`] is then O(1) instead of a scan, so placing findings and running rules
/// over a platform.yaml with 100,000 profiles stays linear.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    list: Vec<Entry>,
    /// Boxed: every mapping carries the cell, and only large ones fill it (8 bytes instead of
    /// a `HashMap`'s 48 in each mapping node of the tree).
    #[allow(clippy::box_collection)]
    index: std::sync::OnceLock<Box<std::collections::HashMap<String, usize>>>,
}

/// Mappings up to this size are searched by a scan.
const INDEXED_FROM: usize = 16;

impl Entries {
    pub fn new(list: Vec<Entry>) -> Entries {
        Entries {
            list,
            index: std::sync::OnceLock::new(),
        }
    }

    /// The entries, editable in place. Keys must not change: the lookup index maps their text to
    /// positions.
    pub(super) fn as_mut_slice(&mut self) -> &mut [Entry] {
        &mut self.list
    }

    pub(super) fn into_vec(self) -> Vec<Entry> {
        self.list
    }

    /// The last entry whose key is `key` (PyYAML keeps the last of duplicates).
    fn find(&self, key: &str) -> Option<&Entry> {
        if self.list.len() < INDEXED_FROM {
            return self.list.iter().rev().find(|e| e.key.key_is(key));
        }
        let index = self.index.get_or_init(|| {
            let mut index = std::collections::HashMap::with_capacity(self.list.len());
            for (position, entry) in self.list.iter().enumerate() {
                if let Some(text) = entry.key.key_text() {
                    index.insert(text, position);
                }
            }
            Box::new(index)
        });
        index.get(key).and_then(|&position| self.list.get(position))
    }
}

impl std::ops::Deref for Entries {
    type Target = Vec<Entry>;
    fn deref(&self) -> &Vec<Entry> {
        &self.list
    }
}

impl PartialEq for Entries {
    fn eq(&self, other: &Entries) -> bool {
        self.list == other.list
    }
}

impl<'a> IntoIterator for &'a Entries {
    type Item = &'a Entry;
    type IntoIter = std::slice::Iter<'a, Entry>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// One `key: value` pair, in document order. Keys merged in with `<<` are included after the
/// explicit ones, unless an explicit key shadows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// True for entries brought in by a `<<` merge key.
    pub merged: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    /// Where the node is written. For an alias, the span of the anchored original.
    pub span: Span,
    /// Number of nodes in this subtree, itself included (alias-expansion budget arithmetic).
    pub size: usize,
}

impl Node {
    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.value {
            NodeValue::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            NodeValue::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The key as Python sees it after loading (`on` → `True`, `1` → `1`); `None` for a
    /// collection used as a key.
    pub fn key_text(&self) -> Option<String> {
        match &self.value {
            NodeValue::Scalar { value, text, .. } => Some(python_key(value, text)),
            _ => None,
        }
    }

    /// Whether [`Node::key_text`] is `key`, without building that text for a string key (this
    /// runs for every key compared in every lookup).
    pub fn key_is(&self, key: &str) -> bool {
        match &self.value {
            NodeValue::Scalar {
                value: Scalar::Str(s),
                ..
            } => s == key,
            NodeValue::Scalar { value, text, .. } => python_key(value, text) == key,
            _ => false,
        }
    }

    /// The string value of a scalar that loads as a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar {
                value: Scalar::Str(s),
                ..
            } => Some(s),
            _ => None,
        }
    }

    /// The entry for `key` in a mapping; the last one wins, as when PyYAML loads duplicates.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            NodeValue::Mapping(entries) => entries.find(key),
            _ => None,
        }
    }

    /// Follows an RFC 6901 JSON pointer. Returns the node and, when the last step was a mapping
    /// key, that key's node.
    pub fn lookup(&self, pointer: &str) -> Option<(&Node, Option<&Node>)> {
        let mut node = self;
        let mut key = None;
        if pointer.is_empty() {
            return Some((node, None));
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let segment = super::json_pointer::unescape(raw);
            match &node.value {
                NodeValue::Mapping(_) => {
                    let entry = node.get(&segment)?;
                    key = Some(&entry.key);
                    node = &entry.value;
                }
                NodeValue::Sequence(items) => {
                    node = items.get(segment.parse::<usize>().ok()?)?;
                    key = None;
                }
                NodeValue::Scalar { .. } => return None,
            }
        }
        Some((node, key))
    }

    /// The loaded value as JSON, for schema validation. Timestamps become `{"$date": "…"}` so
    /// that a string field rejects them, as pydantic rejects a `date`.
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Scalar { value, .. } => scalar_to_json(value),
            NodeValue::Sequence(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Mapping(entries) => {
                let mut map = Map::new();
                for entry in entries {
                    let Some(key) = entry.key.key_text() else {
                        continue;
                    };
                    // `insert` on an existing key keeps its position in `preserve_order` maps but
                    // takes the new value: last one wins, like PyYAML.
                    map.insert(key, entry.value.to_json());
                }
                Value::Object(map)
            }
        }
    }
}

fn scalar_to_json(value: &Scalar) -> Value {
    match value {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(*b),
        Scalar::Int(i) => i64::try_from(*i)
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(*i as f64)),
        Scalar::Float(f) if f.is_finite() => {
            Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        Scalar::Float(f) => Value::from(if f.is_nan() {
            0.0
        } else {
            f.signum() * f64::MAX
        }),
        Scalar::Str(s) => Value::String(s.clone()),
        Scalar::Timestamp(s) => {
            let mut map = Map::new();
            map.insert(DATE_MARKER.into(), Value::String(s.clone()));
            Value::Object(map)
        }
        Scalar::Unconstructable { .. } => Value::Null,
    }
}

/// The key under which a YAML date is wrapped in the JSON value given to the schema.
pub const DATE_MARKER: &str = "$date";

/// How a non-string key reads once Python has loaded it (`1` → `1`, `on` → `True`).
fn python_key(value: &Scalar, text: &str) -> String {
    match value {
        Scalar::Str(s) => s.clone(),
        Scalar::Null => "None".into(),
        Scalar::Bool(true) => "True".into(),
        Scalar::Bool(false) => "False".into(),
        Scalar::Int(i) => i.to_string(),
        _ => text.to_owned(),
    }
}
