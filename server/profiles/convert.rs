//! Loaded YAML as the Python objects PyYAML builds, identities kept.

use super::*;

/// Turns loaded YAML into the Python objects PyYAML builds (for values the generators copy
/// through unchanged, such as `compute.properties.path`). Lists, dicts and dates keep their
/// identity: an alias is the same object, so a value reached twice is anchored on output.
pub(super) struct Converter<'f, 'a> {
    file: &'f File<'a>,
    ids: HashMap<(usize, usize, usize, u8), usize>,
}

impl<'f, 'a> Converter<'f, 'a> {
    pub(super) fn new(file: &'f File<'a>) -> Self {
        Converter {
            file,
            ids: HashMap::new(),
        }
    }

    /// An alias is a copy of its anchored node with the same span and size; a parent and its
    /// only child can share a span (`- [a]`), but never a size.
    fn identity(&mut self, node: &Node, kind: u8) -> usize {
        let next = self.ids.len();
        *self
            .ids
            .entry((node.span.start, node.span.end, node.size(), kind))
            .or_insert(next)
    }

    pub(super) fn value(&mut self, node: &Node, pointer: &str) -> Result<Value, GenerateError> {
        match &node.value {
            NodeValue::Scalar { value, text, .. } => match value {
                Scalar::Null => Ok(Value::Null),
                Scalar::Bool(b) => Ok(Value::Bool(*b)),
                Scalar::Int(i) => Ok(Value::Int(i128::from(*i))),
                Scalar::BigInt(i) => Ok(Value::Int(**i)),
                Scalar::Float(f) => Ok(Value::Float(*f)),
                // A plain `<<` is PyYAML's merge tag, which a value cannot be constructed from.
                Scalar::Str
                    if text == "<<"
                        && matches!(
                            node.value,
                            NodeValue::Scalar {
                                style: ScalarStyle::Plain,
                                ..
                            }
                        ) =>
                {
                    Err(self.file.invalid(
                        pointer,
                        "could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
                    ))
                }
                Scalar::Str => Ok(Value::Str(text.clone())),
                Scalar::Timestamp => match pyyaml::python_timestamp(text) {
                    Some(text) => Ok(Value::Timestamp {
                        text,
                        id: Some(self.identity(node, 0)),
                    }),
                    None => Err(self.file.invalid(
                        pointer,
                        &format!("cannot construct a date from '{text}' (PyYAML raises)"),
                    )),
                },
                Scalar::Unconstructable { tag } => Err(self.file.invalid(
                    pointer,
                    &format!("could not determine a constructor for the tag '{tag}'"),
                )),
            },
            NodeValue::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    out.push(self.value(item, &format!("{pointer}/{index}"))?);
                }
                Ok(Value::Seq {
                    items: out,
                    id: Some(self.identity(node, 1)),
                })
            }
            NodeValue::Mapping(entries) => {
                let mut out: Vec<(Value, Value)> = Vec::with_capacity(entries.len());
                let ordered = entries
                    .iter()
                    .filter(|e| e.merged)
                    .chain(entries.iter().filter(|e| !e.merged));
                for entry in ordered {
                    let Some(key_name) = entry.key.key_text() else {
                        return Err(self.file.invalid(
                            pointer,
                            "found unhashable key (PyYAML cannot load a collection as a key)",
                        ));
                    };
                    let entry_pointer = child_pointer(pointer, &key_name);
                    if !matches!(entry.key.value, NodeValue::Scalar { .. }) {
                        return Err(self.file.invalid(
                            &entry_pointer,
                            "found unhashable key (PyYAML cannot load a collection as a key)",
                        ));
                    }
                    let key = self.value(&entry.key, &entry_pointer)?;
                    let value = self.value(&entry.value, &entry_pointer)?;
                    match out.iter_mut().find(|(k, _)| python_key_eq(k, &key)) {
                        Some(slot) => slot.1 = value,
                        None => out.push((key, value)),
                    }
                }
                Ok(Value::Map {
                    entries: out,
                    id: Some(self.identity(node, 2)),
                })
            }
        }
    }
}

/// Python `==` between two hashable scalars (`1 == 1.0 == True`).
fn python_key_eq(a: &Value, b: &Value) -> bool {
    fn number(v: &Value) -> Option<f64> {
        match v {
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Null, Value::Null) => true,
        (Value::Timestamp { text: x, .. }, Value::Timestamp { text: y, .. }) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}
