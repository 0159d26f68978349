//! What the Python objects PyYAML loads from a manifest do when upstream's compile code touches
//! them: their type names and truthiness, `dict` order and lookups, iteration, and the copies
//! `_expand_product_placeholders` makes (with `{product_name}` / `{product_slug}` replaced in
//! every string). Each is read from the spanned tree so that a failure can be placed.

use std::collections::HashMap;

use super::super::pyyaml::{self, Value};
use crate::dialect::v1::compute as key;
use crate::syntax::resolve::Scalar;
use crate::syntax::{Node, NodeValue};

/// `type(x).__name__` as CPython's messages print it (`tp_name`: `datetime.date`, not `date`).
pub fn type_name(node: &Node) -> &'static str {
    match &node.value {
        NodeValue::Sequence(_) => "list",
        NodeValue::Mapping(_) => "dict",
        NodeValue::Scalar { value, text, .. } => match value {
            Scalar::Null => "NoneType",
            Scalar::Bool(_) => "bool",
            Scalar::Int(_) | Scalar::BigInt(_) => "int",
            Scalar::Float(_) => "float",
            Scalar::Str => "str",
            Scalar::Timestamp if pyyaml::python_timestamp(text).is_some_and(is_date) => {
                "datetime.date"
            }
            Scalar::Timestamp => "datetime.datetime",
            Scalar::Unconstructable { .. } => "object",
        },
    }
}

/// A `date` prints as `2024-01-01`; a `datetime` has a time after a space.
fn is_date(text: String) -> bool {
    !text.contains(' ')
}

/// `bool(x)`.
pub fn truthy(node: &Node) -> bool {
    match &node.value {
        NodeValue::Sequence(items) => !items.is_empty(),
        NodeValue::Mapping(entries) => !entries.is_empty(),
        NodeValue::Scalar { value, text, .. } => match value {
            Scalar::Null => false,
            Scalar::Bool(b) => *b,
            Scalar::Int(i) => *i != 0,
            // Only a value past i64 is boxed: never zero.
            Scalar::BigInt(_) => true,
            Scalar::Float(f) => *f != 0.0,
            Scalar::Str => !text.is_empty(),
            Scalar::Timestamp | Scalar::Unconstructable { .. } => true,
        },
    }
}

/// Whether `x` can be a `dict` key or a `set` member (collections cannot).
pub fn hashable(node: &Node) -> bool {
    matches!(node.value, NodeValue::Scalar { .. })
}

/// `str(x)` of a scalar key, as an f-string prints it (`'{key}'` in upstream's messages).
pub fn str_of(node: &Node) -> String {
    match &node.value {
        NodeValue::Scalar { value, text, .. } => match value {
            Scalar::Null => "None".into(),
            Scalar::Bool(b) => (if *b { "True" } else { "False" }).into(),
            Scalar::Int(i) => i.to_string(),
            Scalar::BigInt(i) => i.to_string(),
            Scalar::Float(f) => crate::syntax::python::repr_float(*f),
            Scalar::Str | Scalar::Unconstructable { .. } => text.to_string(),
            Scalar::Timestamp => pyyaml::python_timestamp(text).unwrap_or_else(|| text.to_string()),
        },
        NodeValue::Sequence(_) | NodeValue::Mapping(_) => String::new(),
    }
}

/// A mapping's `(key, value)` pairs in the order of the `dict` PyYAML builds: keys merged in with
/// `<<` first, each key once at its first place with its last value.
pub fn items(node: &Node) -> Vec<(&Node, &Node)> {
    let Some(entries) = node.as_mapping() else {
        return Vec::new();
    };
    let mut out: Vec<(&Node, &Node)> = Vec::with_capacity(entries.len());
    let mut seen: HashMap<KeyId, usize> = HashMap::with_capacity(entries.len());
    let ordered = entries
        .iter()
        .filter(|e| e.merged)
        .chain(entries.iter().filter(|e| !e.merged));
    for entry in ordered {
        let slot = KeyId::of(&entry.key).and_then(|id| match seen.get(&id) {
            Some(&index) => Some(index),
            None => {
                seen.insert(id, out.len());
                None
            }
        });
        match slot.and_then(|index| out.get_mut(index)) {
            Some(slot) => slot.1 = &entry.value,
            None => out.push((&entry.key, &entry.value)),
        }
    }
    out
}

/// A key's equality class under Python's `==` (`1 == 1.0 == True`); `None` for a key no other key
/// equals (a NaN, or a collection, which PyYAML cannot load as a key).
#[derive(PartialEq, Eq, Hash)]
enum KeyId {
    Null,
    Int(i128),
    Float(u64),
    Str(compact_str::CompactString),
    Date(String),
}

impl KeyId {
    fn of(node: &Node) -> Option<KeyId> {
        KeyId::of_value(&scalar(node)?)
    }

    fn of_value(value: &Value) -> Option<KeyId> {
        Some(match value {
            Value::Null => KeyId::Null,
            Value::Bool(b) => KeyId::Int(i128::from(*b)),
            Value::Int(i) => KeyId::Int(*i),
            Value::Float(f) if f.is_nan() => return None,
            // `-0.0 == 0 == 0.0`; other floats compare by value.
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e30 => KeyId::Int(*f as i128),
            Value::Float(f) => KeyId::Float(f.to_bits()),
            Value::Str(s) => KeyId::Str(s.clone()),
            Value::Timestamp { text, .. } => KeyId::Date(text.clone()),
            Value::Seq { .. } | Value::Map { .. } => return None,
        })
    }
}

/// A Python `dict` being built: insertion order, and `d[k] = v` on a key it has keeps the key's
/// place and takes the new value.
#[derive(Default)]
pub struct Dict {
    entries: Vec<(Value, Value)>,
    index: HashMap<KeyId, usize>,
}

impl Dict {
    pub fn insert(&mut self, key: Value, value: Value) {
        let id = KeyId::of_value(&key);
        if let Some(slot) = id
            .as_ref()
            .and_then(|id| self.index.get(id))
            .and_then(|&i| self.entries.get_mut(i))
        {
            slot.1 = value;
            return;
        }
        if let Some(id) = id {
            self.index.insert(id, self.entries.len());
        }
        self.entries.push((key, value));
    }

    pub fn insert_str(&mut self, key: &str, value: Value) {
        self.insert(Value::str(key), value);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The dict as a fresh object.
    pub fn into_value(self) -> Value {
        Value::map(self.entries)
    }
}

/// `d.get(name)` for a `str` key.
pub fn get<'n>(node: &'n Node, name: &str) -> Option<&'n Node> {
    items(node)
        .into_iter()
        .find(|(k, _)| k.as_str() == Some(name))
        .map(|(_, v)| v)
}

/// A scalar as the Python object it loads as (a date without its identity; a value PyYAML
/// cannot construct, which only an unloadable document holds, as its tag).
fn scalar(node: &Node) -> Option<Value> {
    match &node.value {
        NodeValue::Scalar { value, text, .. } => Some(match value {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Int(i) => Value::Int(i128::from(*i)),
            Scalar::BigInt(i) => Value::Int(**i),
            Scalar::Float(f) => Value::Float(*f),
            Scalar::Str => Value::Str(text.clone()),
            Scalar::Timestamp => Value::Timestamp {
                text: pyyaml::python_timestamp(text).unwrap_or_else(|| text.to_string()),
                id: None,
            },
            Scalar::Unconstructable { tag } => Value::Str((**tag).clone()),
        }),
        NodeValue::Sequence(_) | NodeValue::Mapping(_) => None,
    }
}

/// `_product_slug`: runs of characters other than ASCII letters, digits and `_` become one `_`,
/// then `_` is stripped from both ends; nothing left gives `product`.
pub fn product_slug(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c);
            in_run = false;
        } else if !in_run {
            slug.push('_');
            in_run = true;
        }
    }
    let slug = slug.trim_matches('_');
    if slug.is_empty() {
        key::SLUG_FALLBACK.to_owned()
    } else {
        slug.to_owned()
    }
}

/// `dbt_project_name`: every character other than an ASCII letter, digit or `_` becomes `_`,
/// then `_` is stripped from both ends; nothing left gives `floe`. The runtime adds this name
/// as a second key of profiles.yml when it differs from the product name.
pub fn dbt_project_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = replaced.trim_matches('_');
    if trimmed.is_empty() {
        key::DBT_NAME_FALLBACK.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Copies of the loaded values as `_expand_product_placeholders` returns them: strings with the
/// placeholders replaced, lists and dicts rebuilt (each a new object, so nothing in the profile
/// is shared by them), other values the same object (a `date` reached twice is written once
/// with an anchor, as PyYAML writes one object met twice).
pub struct Expander {
    /// The product name and its slug; `None` leaves strings as written (checks that do not
    /// depend on the product).
    product: Option<(String, String)>,
    /// A `date` object's identity, by the node it was loaded from.
    dates: HashMap<(usize, usize, usize), usize>,
}

/// Object identities from here up are dates; lower ones are the generator's own objects.
pub const FIRST_DATE_ID: usize = 1;

impl Expander {
    pub fn new(product: Option<&str>) -> Expander {
        Expander {
            product: product.map(|name| (name.to_owned(), product_slug(name))),
            dates: HashMap::new(),
        }
    }

    /// A string after expansion.
    pub fn text(&self, text: &str) -> String {
        match &self.product {
            Some((name, slug)) => text
                .replace(key::PRODUCT_NAME_PLACEHOLDER, name)
                .replace(key::PRODUCT_SLUG_PLACEHOLDER, slug),
            None => text.to_owned(),
        }
    }

    /// The expanded copy of a loaded value. `None` for what PyYAML cannot construct (such a
    /// document does not load; the syntax stage reports it).
    pub fn value(&mut self, node: &Node) -> Option<Value> {
        match &node.value {
            NodeValue::Sequence(items) => Some(Value::seq(
                items
                    .iter()
                    .map(|item| self.value(item))
                    .collect::<Option<_>>()?,
            )),
            NodeValue::Mapping(_) => {
                let mut entries = Vec::new();
                for (k, v) in items(node) {
                    entries.push((self.key(k)?, self.value(v)?));
                }
                Some(Value::map(entries))
            }
            NodeValue::Scalar { value, text, .. } => match value {
                Scalar::Str => Some(Value::str(self.text(text))),
                Scalar::Timestamp => {
                    let text = pyyaml::python_timestamp(text)?;
                    let next = FIRST_DATE_ID + self.dates.len();
                    let id = *self
                        .dates
                        .entry((node.span.start, node.span.end, node.size()))
                        .or_insert(next);
                    Some(Value::Timestamp { text, id: Some(id) })
                }
                Scalar::Unconstructable { .. } => None,
                _ => scalar(node),
            },
        }
    }

    /// A dict key: keys are not expanded (`{key: … for key, item in value.items()}`).
    pub fn key(&mut self, node: &Node) -> Option<Value> {
        match &node.value {
            NodeValue::Scalar {
                value: Scalar::Str,
                text,
                ..
            } => Some(Value::Str(text.clone())),
            NodeValue::Scalar { .. } => self.value(node),
            NodeValue::Sequence(_) | NodeValue::Mapping(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_upstream_derives_them() {
        for (name, slug, dbt) in [
            ("customer-360", "customer_360", "customer_360"),
            ("a--b", "a_b", "a__b"),
            ("orders-", "orders", "orders"),
            ("-", "product", "floe"),
            ("plain", "plain", "plain"),
            ("_x_", "x", "x"),
            ("é", "product", "floe"),
        ] {
            assert_eq!(product_slug(name), slug, "{name}");
            assert_eq!(dbt_project_name(name), dbt, "{name}");
        }
    }
}
