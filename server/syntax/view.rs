//! The loaded value as JSON, read in place: a view of the spanned tree (or of a `serde_json`
//! value) that answers what [`Node::to_json`] would hold, without building it. The schema's fast
//! path and upstream's custom validators read a document through it, so a valid file is never
//! converted: a 10 MB platform.yaml's JSON copy was as large as its tree (60 MB).
//!
//! Every answer is the converted value's: non-string keys read as Python prints them, the last
//! of duplicated keys wins (at the first one's place), a collection used as a key is absent, and
//! a date is `{"$date": "…"}`.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::resolve::Scalar;
use super::tree::{DATE_MARKER, Entries, Entry, Node, NodeValue};

/// One value, as its JSON would be.
#[derive(Debug, Clone)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(&'a str),
    Array(Items<'a>),
    Object(Object<'a>),
}

/// A sequence's items.
#[derive(Debug, Clone, Copy)]
pub enum Items<'a> {
    Nodes(&'a [Node]),
    Values(&'a [Value]),
}

/// A mapping's entries, as the converted object holds them.
#[derive(Debug, Clone, Copy)]
pub enum Object<'a> {
    Entries(&'a Entries),
    /// A YAML date: `{"$date": text}`.
    Date(&'a str),
    Map(&'a Map<String, Value>),
}

impl<'a> Json<'a> {
    /// The tree node's value.
    pub fn of(node: &'a Node) -> Json<'a> {
        match &node.value {
            NodeValue::Scalar { value, text, .. } => Json::scalar(value, text),
            NodeValue::Sequence(items) => Json::Array(Items::Nodes(items)),
            NodeValue::Mapping(entries) => Json::Object(Object::Entries(entries)),
        }
    }

    /// A scalar's value: numbers past what JSON holds are clamped, as the conversion does.
    pub fn scalar(value: &Scalar, text: &'a str) -> Json<'a> {
        let float = |f: f64| Number::from_f64(f).map_or(Json::Null, Json::Number);
        match value {
            Scalar::Null | Scalar::Unconstructable { .. } => Json::Null,
            Scalar::Bool(b) => Json::Bool(*b),
            Scalar::Int(i) => Json::Number(Number::from(*i)),
            Scalar::BigInt(i) => float(**i as f64),
            Scalar::Float(f) if f.is_finite() => float(*f),
            Scalar::Float(f) if f.is_nan() => float(0.0),
            Scalar::Float(f) => float(f.signum() * f64::MAX),
            Scalar::Str => Json::String(text),
            Scalar::Timestamp => Json::Object(Object::Date(text)),
        }
    }

    pub fn value(value: &'a Value) -> Json<'a> {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(Items::Values(items)),
            Value::Object(map) => Json::Object(Object::Map(map)),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub fn as_str(&self) -> Option<&'a str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<Object<'a>> {
        match self {
            Json::Object(object) => Some(*object),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<Items<'a>> {
        match self {
            Json::Array(items) => Some(*items),
            _ => None,
        }
    }

    /// The value converted (what [`Node::to_json`] gives for a tree node).
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String((*s).to_owned()),
            Json::Array(items) => Value::Array(items.iter().map(|item| item.to_value()).collect()),
            Json::Object(object) => Value::Object(
                object
                    .iter()
                    .map(|(key, value)| (key.into_owned(), value.to_value()))
                    .collect(),
            ),
        }
    }
}

impl<'a> Items<'a> {
    pub fn len(&self) -> usize {
        match self {
            Items::Nodes(nodes) => nodes.len(),
            Items::Values(values) => values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = Json<'a>> + 'a {
        let (nodes, values): (&[Node], &[Value]) = match *self {
            Items::Nodes(nodes) => (nodes, &[]),
            Items::Values(values) => (&[], values),
        };
        nodes
            .iter()
            .map(Json::of)
            .chain(values.iter().map(Json::value))
    }
}

impl<'a> Object<'a> {
    /// The value of `key`: the last one written, for a duplicated key.
    pub fn get(&self, key: &str) -> Option<Json<'a>> {
        match *self {
            Object::Entries(entries) => entries.find(key).map(|e| Json::of(&e.value)),
            Object::Date(text) => (key == DATE_MARKER).then_some(Json::String(text)),
            Object::Map(map) => map.get(key).map(Json::value),
        }
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The keys and values, in the converted object's order.
    pub fn iter(&self) -> impl Iterator<Item = (Cow<'a, str>, Json<'a>)> + 'a {
        let (entries, distinct, date, map) = match *self {
            Object::Entries(entries) => (Some(entries), entries.distinct(), None, None),
            Object::Date(text) => (None, true, Some(text), None),
            Object::Map(map) => (None, true, None, Some(map)),
        };
        let entries = entries.into_iter().flat_map(move |entries| {
            entries
                .iter()
                .filter_map(move |entry| loaded(entries, entry, distinct))
        });
        let date = date
            .into_iter()
            .map(|text| (Cow::Borrowed(DATE_MARKER), Json::String(text)));
        let map = map
            .into_iter()
            .flat_map(|map| map.iter())
            .map(|(key, value)| (Cow::Borrowed(key.as_str()), Json::value(value)));
        entries.chain(date).chain(map)
    }

    pub fn keys(&self) -> impl Iterator<Item = Cow<'a, str>> + 'a {
        self.iter().map(|(key, _)| key)
    }

    pub fn len(&self) -> usize {
        match *self {
            Object::Entries(entries) if entries.distinct() => entries
                .iter()
                .filter(|entry| matches!(entry.key.value, NodeValue::Scalar { .. }))
                .count(),
            Object::Entries(_) => self.iter().count(),
            Object::Date(_) => 1,
            Object::Map(map) => map.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `entry` as the loaded mapping holds it: its key's text and the last value written for that
/// key, at the key's first place; `None` for a later duplicate or a collection key.
fn loaded<'a>(
    entries: &'a Entries,
    entry: &'a Entry,
    distinct: bool,
) -> Option<(Cow<'a, str>, Json<'a>)> {
    let key = entry.key.key_name()?;
    if distinct {
        return Some((key, Json::of(&entry.value)));
    }
    if !entries
        .first(&key)
        .is_some_and(|first| std::ptr::eq(first, entry))
    {
        return None;
    }
    let last = entries.find(&key)?;
    Some((key, Json::of(&last.value)))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;

    fn document(text: &str) -> crate::syntax::Document {
        let file: Arc<Path> = Arc::from(Path::new("t.yaml"));
        crate::syntax::parse(&file, text.as_bytes(), &Default::default())
    }

    /// The view reads, for every kind of value, what the converted JSON holds: duplicates (small
    /// and indexed mappings), non-string and collection keys, dates, big and special numbers.
    #[test]
    fn the_view_is_the_converted_value() {
        let mut large = String::from("dup: first\n");
        for i in 0..40 {
            large.push_str(&format!("k{i}: {i}\n"));
        }
        large.push_str("dup: last\n");
        let texts = [
            "a: 1\nb: [x, 2.5, null, true]\nc: {d: 2024-01-01}\n",
            "dup: 1\nother: 2\ndup: 3\n",
            "on: yes\n1: one\n~: none\n? [a, b]\n: skipped\n",
            "big: 123456789012345678901234\ninf: .inf\nnan: .nan\nneg: -.inf\n",
            "- 1\n- {a: b}\n- [[]]\n",
            "just a string\n",
            &large,
        ];
        for text in texts {
            let document = document(text);
            let root = document.root.as_ref().expect("a root");
            let view = Json::of(root);
            assert_eq!(view.to_value(), root.to_json(), "{text}");
            if let Some(object) = view.as_object() {
                assert_eq!(object.len(), root.to_json().as_object().map_or(0, Map::len));
                for (key, value) in root.to_json().as_object().into_iter().flatten() {
                    assert!(
                        object.get(key).is_some_and(|v| v.to_value() == *value),
                        "{key} in {text}"
                    );
                }
            }
        }
    }
}
