//! The spanned YAML tree: what the document says, and where each part of it is.

use std::borrow::Cow;
use std::hash::BuildHasher;

use compact_str::CompactString;
use serde_json::{Map, Value};

use super::resolve::Scalar;
use super::view::Json;
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
        /// The type PyYAML gives it; a string's or a date's value is `text` itself.
        value: Scalar,
        /// The scalar's text after escape processing (what a string field would receive). Held
        /// inline up to 24 bytes: most of a configuration's keys and values need no allocation.
        text: CompactString,
        style: ScalarStyle,
    },
    Sequence(Vec<Node>),
    Mapping(Entries),
}

/// A mapping's entries, in document order, with a key index built on first lookup for large
/// mappings: [`Node::get`] is then O(log n) instead of a scan, so placing findings and running
/// rules over a platform.yaml with 100,000 profiles stays near linear.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    list: Vec<Entry>,
    /// Each key's hash and position, sorted: no copy of the keys (a `HashMap<String, usize>`
    /// would hold every key of a 100,000-profile mapping twice).
    index: std::sync::OnceLock<Box<KeyIndex>>,
}

/// Boxed in [`Entries`] so that a mapping node stays as small as a scalar (most mappings never
/// build one). Hashed with a randomly keyed SipHash, as `HashMap` is: a document cannot be
/// written so that its keys collide and every lookup scans them all.
#[derive(Debug, Clone)]
struct KeyIndex {
    hasher: std::hash::RandomState,
    sorted: Box<[(u64, u32)]>,
    /// No key is written twice.
    distinct: bool,
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
    pub(super) fn find(&self, key: &str) -> Option<&Entry> {
        // From the end: a scan stops at the last duplicate, not the first.
        self.matching(key).next_back()
    }

    /// The first entry whose key is `key`: where a duplicated key stands in the loaded mapping
    /// (a dict keeps the position of a key's first insertion).
    pub(super) fn first(&self, key: &str) -> Option<&Entry> {
        self.matching(key).next()
    }

    /// Whether no key is written twice (then every entry with a scalar key is in the loaded
    /// mapping, where it stands). Known from the index for a large mapping.
    pub(super) fn distinct(&self) -> bool {
        match self.index() {
            Some(index) => index.distinct,
            None => self.list.iter().enumerate().all(|(at, entry)| {
                entry.key.key_name().is_none_or(|name| {
                    !self.list[..at]
                        .iter()
                        .any(|earlier| earlier.key.key_is(&name))
                })
            }),
        }
    }

    /// The entries whose key is `key`, in document order.
    fn matching<'a, 'k>(
        &'a self,
        key: &'k str,
    ) -> impl DoubleEndedIterator<Item = &'a Entry> + use<'a, 'k> {
        let positions = match self.index() {
            None => Positions::All(0..self.list.len()),
            Some(index) => {
                let hash = index.hasher.hash_one(key);
                let from = index.sorted.partition_point(|&(h, _)| h < hash);
                let to = from + index.sorted[from..].partition_point(|&(h, _)| h == hash);
                // Equal hashes are sorted by position.
                Positions::Hashed(index.sorted[from..to].iter())
            }
        };
        let list = &self.list;
        positions.filter_map(move |at| list.get(at).filter(|e| e.key.key_is(key)))
    }

    /// The key index of a large mapping, built on first use; `None` for a small one.
    fn index(&self) -> Option<&KeyIndex> {
        if self.list.len() < INDEXED_FROM || u32::try_from(self.list.len()).is_err() {
            return None;
        }
        let index = self.index.get_or_init(|| {
            let hasher = std::hash::RandomState::new();
            let mut sorted: Vec<(u64, u32)> = self
                .list
                .iter()
                .zip(0u32..)
                .filter_map(|(entry, at)| Some((hasher.hash_one(&*entry.key.key_name()?), at)))
                .collect();
            sorted.sort_unstable();
            let name = |at: u32| self.list.get(at as usize).and_then(|e| e.key.key_name());
            // Keys of equal hash (a handful at most) are compared by name, every pair.
            let distinct = sorted.chunk_by(|a, b| a.0 == b.0).all(|run| {
                run.iter()
                    .enumerate()
                    .all(|(i, &(_, a))| run[..i].iter().all(|&(_, b)| name(a) != name(b)))
            });
            Box::new(KeyIndex {
                hasher,
                sorted: sorted.into_boxed_slice(),
                distinct,
            })
        });
        Some(index)
    }
}

/// Where the entries of one key may be: every position of a small mapping, or the run of equal
/// hashes in a large one's index.
enum Positions<'a> {
    All(std::ops::Range<usize>),
    Hashed(std::slice::Iter<'a, (u64, u32)>),
}

impl Iterator for Positions<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        match self {
            Positions::All(range) => range.next(),
            Positions::Hashed(run) => run.next().map(|&(_, at)| at as usize),
        }
    }
}

impl DoubleEndedIterator for Positions<'_> {
    fn next_back(&mut self) -> Option<usize> {
        match self {
            Positions::All(range) => range.next_back(),
            Positions::Hashed(run) => run.next_back().map(|&(_, at)| at as usize),
        }
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
}

impl Node {
    /// An empty plain scalar (`null`) at `span`: what a missing value loads as.
    pub fn null(span: Span) -> Node {
        Node {
            value: NodeValue::Scalar {
                value: Scalar::Null,
                text: CompactString::default(),
                style: ScalarStyle::Plain,
            },
            span,
        }
    }

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

    /// Number of nodes in this subtree, itself included (alias-expansion budget arithmetic).
    /// Counted when asked rather than stored: every node would carry it.
    pub fn size(&self) -> usize {
        match &self.value {
            NodeValue::Scalar { .. } => 1,
            NodeValue::Sequence(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            NodeValue::Mapping(entries) => {
                1 + entries
                    .iter()
                    .map(|e| e.key.size() + e.value.size())
                    .sum::<usize>()
            }
        }
    }

    /// The key as Python sees it after loading (`on` → `True`, `1` → `1`); `None` for a
    /// collection used as a key.
    pub fn key_text(&self) -> Option<String> {
        self.key_name().map(Cow::into_owned)
    }

    /// [`Node::key_text`], borrowed for a string key (duplicate checks and indexes run this
    /// for every key of the document).
    pub fn key_name(&self) -> Option<Cow<'_, str>> {
        match &self.value {
            NodeValue::Scalar {
                value: Scalar::Str,
                text,
                ..
            } => Some(Cow::Borrowed(text)),
            NodeValue::Scalar { value, text, .. } => Some(Cow::Owned(python_key(value, text))),
            _ => None,
        }
    }

    /// Whether [`Node::key_text`] is `key`, without building that text for a string key (this
    /// runs for every key compared in every lookup).
    pub fn key_is(&self, key: &str) -> bool {
        match &self.value {
            NodeValue::Scalar {
                value: Scalar::Str,
                text,
                ..
            } => text == key,
            NodeValue::Scalar { value, text, .. } => python_key(value, text) == key,
            _ => false,
        }
    }

    /// The string value of a scalar that loads as a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Scalar {
                value: Scalar::Str,
                text,
                ..
            } => Some(text),
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
            NodeValue::Scalar { value, text, .. } => Json::scalar(value, text).to_value(),
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

/// The key under which a YAML date is wrapped in the JSON value given to the schema.
pub const DATE_MARKER: &str = "$date";

/// How a non-string key reads once Python has loaded it (`1` → `1`, `on` → `True`).
fn python_key(value: &Scalar, text: &str) -> String {
    match value {
        Scalar::Null => "None".into(),
        Scalar::Bool(true) => "True".into(),
        Scalar::Bool(false) => "False".into(),
        Scalar::Int(i) => i.to_string(),
        Scalar::BigInt(i) => i.to_string(),
        _ => text.to_owned(),
    }
}

// Every scalar and mapping entry of a document is one of these: a regression in their size is a
// regression in the memory of every large file (rust-analyzer pins its syntax nodes the same way).
const _: () = assert!(std::mem::size_of::<Node>() <= 64);
const _: () = assert!(std::mem::size_of::<Entry>() <= 136);

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    fn root(text: &str) -> Node {
        let file: Arc<Path> = Arc::from(Path::new("t.yaml"));
        crate::syntax::parse(&file, text.as_bytes(), &Default::default())
            .root
            .expect("a root")
    }

    /// A large mapping is looked up through its index, a small one by a scan: both agree with
    /// PyYAML on duplicates (the last wins) and on non-string keys (`on` is `True`).
    #[test]
    fn lookups_agree_with_pyyaml_at_every_size() {
        for filler in [0, 40] {
            let mut text = String::from("dup: first\non: yes\n1: one\n");
            for i in 0..filler {
                text.push_str(&format!("k{i}: {i}\n"));
            }
            text.push_str("dup: last\n");
            let root = root(&text);
            let value = |key: &str| root.get(key).and_then(|e| e.value.as_str());
            assert_eq!(value("dup"), Some("last"), "{filler} fillers");
            assert_eq!(value("1"), Some("one"));
            assert!(root.get("True").is_some() && root.get("on").is_none());
            assert!(root.get("missing").is_none());
            assert_eq!(root.size(), 1 + 2 * (4 + filler));
        }
    }

    /// A string's or a date's value is the scalar's text, held once; an integer past `i64` keeps
    /// its value (boxed) as a key, in JSON and to `integer()`.
    #[test]
    fn scalars_read_the_same_from_their_one_copy_of_the_text() {
        let root = root(
            "name: 'lake'\nwhen: 2024-01-01\n123456789012345678901234: big\nport: 0x1F\non: 1\n",
        );
        assert_eq!(
            root.get("name").and_then(|e| e.value.as_str()),
            Some("lake")
        );
        let json = root.to_json();
        assert_eq!(json["when"][DATE_MARKER], "2024-01-01");
        assert_eq!(json["port"], 31);
        assert_eq!(json["True"], 1);
        let big = root.get("123456789012345678901234").expect("the big key");
        assert_eq!(big.value.as_str(), Some("big"));
        let NodeValue::Scalar { value, .. } = &big.key.value else {
            panic!("a scalar key");
        };
        assert_eq!(value.integer(), Some(123_456_789_012_345_678_901_234));
    }
}
