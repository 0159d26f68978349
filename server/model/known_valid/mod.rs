//! Whether a document is valid against its JSON Schema, decided without building the jsonschema
//! validator: compiling it (both schemas, their patterns and the meta-schema check) is most of a
//! cold start, and a valid file, the common case, needs none of its error reporting.
//!
//! The answer is one-sided: [`Verdict::Valid`] only when every keyword involved is one this
//! module knows and the value satisfies it; anything else (an error, an unknown keyword, a
//! pattern or number it cannot judge exactly) is [`Verdict::Unsure`], and the caller runs the
//! real validator, which reports the errors. So a wrong answer here could only hide a finding
//! if it said `Valid` for an invalid value; tests/known_valid.rs holds it to jsonschema's
//! answer on every fixture.

mod evaluate;

use evaluate::valid;

use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Number, Value};

use super::FileKind;
use crate::syntax::pattern::Pattern;
use crate::syntax::view::{Items, Json, Object};

/// What the fast path found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The value satisfies the schema: jsonschema reports nothing.
    Valid,
    /// Invalid, or not decidable here: ask jsonschema.
    Unsure,
}

/// A schema object with the keywords floe's schemas use. Any other keyword fails the parse
/// (`deny_unknown_fields`), and then no document is judged here.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
// The annotation fields are there to be accepted, never read.
#[allow(dead_code)]
struct Schema {
    #[serde(rename = "type")]
    types: Option<Types>,
    properties: Option<Named>,
    additional_properties: Option<SchemaOrBool>,
    required: Option<Vec<String>>,
    #[serde(rename = "enum")]
    one_of_values: Option<Vec<Value>>,
    #[serde(rename = "const")]
    constant: Option<Value>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<LazyPattern>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    exclusive_minimum: Option<Number>,
    exclusive_maximum: Option<Number>,
    items: Option<SchemaOrBool>,
    #[serde(rename = "$ref")]
    reference: Option<String>,
    property_names: Option<Box<Schema>>,
    one_of: Option<Vec<Schema>>,
    any_of: Option<Vec<Schema>>,
    all_of: Option<Vec<Schema>>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    min_properties: Option<u64>,
    max_properties: Option<u64>,
    #[serde(rename = "$defs")]
    defs: Option<Named>,
    // Annotations: they assert nothing (`format` is an annotation in draft 2020-12, and floe's
    // `int64`/`double` are formats jsonschema does not know).
    description: Option<IgnoredAny>,
    title: Option<IgnoredAny>,
    default: Option<IgnoredAny>,
    examples: Option<IgnoredAny>,
    format: Option<IgnoredAny>,
    deprecated: Option<IgnoredAny>,
    read_only: Option<IgnoredAny>,
    write_only: Option<IgnoredAny>,
    #[serde(rename = "$schema")]
    dialect: Option<IgnoredAny>,
    #[serde(rename = "$id")]
    id: Option<IgnoredAny>,
    #[serde(rename = "$comment")]
    comment: Option<IgnoredAny>,
}

#[derive(Debug)]
enum Types {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug)]
enum SchemaOrBool {
    Bool(bool),
    Schema(Box<Schema>),
}

// Hand-written rather than `#[serde(untagged)]`, which buffers the whole value (a nested schema)
// before trying each form.
impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Types, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Types;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a type name or a list of them")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Types, E> {
                Ok(Types::One(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Types, A::Error> {
                Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Types::Many)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl<'de> Deserialize<'de> for SchemaOrBool {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SchemaOrBool, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SchemaOrBool;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a schema or a boolean")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<SchemaOrBool, E> {
                Ok(SchemaOrBool::Bool(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SchemaOrBool, A::Error> {
                Schema::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|schema| SchemaOrBool::Schema(Box::new(schema)))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A schema's `pattern`, turned into a [`Pattern`] the first time a string is matched against it
/// (most of a schema's patterns are never needed by one run).
#[derive(Debug)]
struct LazyPattern {
    source: String,
    compiled: OnceLock<Option<Pattern>>,
}

impl LazyPattern {
    /// `None` for a pattern or a string [`Pattern`] cannot judge exactly.
    fn is_match(&self, text: &str) -> Option<bool> {
        self.compiled
            .get_or_init(|| Pattern::new(&self.source))
            .as_ref()?
            .is_match(text)
    }
}

impl<'de> Deserialize<'de> for LazyPattern {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LazyPattern, D::Error> {
        Ok(LazyPattern {
            source: String::deserialize(d)?,
            compiled: OnceLock::new(),
        })
    }
}

/// Named subschemas (`properties`, `$defs`), sorted by name: found by binary search, built
/// without hashing every name of both schemas at start-up.
#[derive(Debug, Default)]
struct Named(Vec<(String, Schema)>);

impl Named {
    fn get(&self, name: &str) -> Option<&Schema> {
        let at = self
            .0
            .binary_search_by(|(key, _)| key.as_str().cmp(name))
            .ok()?;
        Some(&self.0[at].1)
    }
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Named, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Named;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of schemas")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Named, A::Error> {
                let mut entries: Vec<(String, Schema)> =
                    Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                // A name given twice keeps its last schema, as a JSON object does.
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                entries.dedup_by(|later, kept| {
                    let same = later.0 == kept.0;
                    if same {
                        std::mem::swap(later, kept);
                    }
                    same
                });
                Ok(Named(entries))
            }
        }
        d.deserialize_map(Visitor)
    }
}

static FLOE: LazyLock<Option<Schema>> = LazyLock::new(|| load(FileKind::Floe));
static PLATFORM: LazyLock<Option<Schema>> = LazyLock::new(|| load(FileKind::Platform));

/// The schema without its annotations (build.rs): the same assertions, a third of the text to
/// read on a cold start.
fn load(kind: FileKind) -> Option<Schema> {
    let text = match kind {
        FileKind::Floe => include_str!(concat!(env!("OUT_DIR"), "/floe.assertions.json")),
        FileKind::Platform => include_str!(concat!(env!("OUT_DIR"), "/platform.assertions.json")),
        FileKind::FloeSpec | FileKind::Manifest => return None,
    };
    serde_json::from_str(text).ok()
}

/// Judges `value` (a document's tree read as JSON, or a JSON value) as a file of `kind`.
pub fn verdict(kind: FileKind, value: &Json<'_>) -> Verdict {
    let root = match kind {
        FileKind::Floe => FLOE.as_ref(),
        FileKind::Platform => PLATFORM.as_ref(),
        // Generation B's schemas use `if`/`else`, which this fast path does not evaluate; its
        // files are small (no monorepo of thousands), so the validator alone is fast enough.
        FileKind::FloeSpec | FileKind::Manifest => None,
    };
    match root {
        Some(root) if valid(root, root, value, 0) == Some(true) => Verdict::Valid,
        _ => Verdict::Unsure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The annotation-free copies parse: were one rejected, every file would silently take the
    /// slow path (correct, but the point of this module lost).
    #[test]
    fn both_schemas_load() {
        assert!(FLOE.is_some());
        assert!(PLATFORM.is_some());
    }
}
