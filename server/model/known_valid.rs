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

use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Number, Value};

use super::FileKind;
use crate::syntax::pattern::Pattern;

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

fn load(kind: FileKind) -> Option<Schema> {
    serde_json::from_str(super::embedded_schema(kind)).ok()
}

/// Judges `value` as a file of `kind`.
pub fn verdict(kind: FileKind, value: &Value) -> Verdict {
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

/// `$ref` chains deeper than this are not followed (the schemas have none near it).
const MAX_DEPTH: usize = 64;

/// `Some(true)`: valid. `Some(false)`: invalid. `None`: not decidable here.
fn valid(root: &Schema, schema: &Schema, value: &Value, depth: usize) -> Option<bool> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut all = Some(true);
    // Every keyword must hold; one that fails decides, one that cannot be judged makes the whole
    // undecidable unless another fails.
    let mut keep = |result: Option<bool>| match result {
        Some(true) => {}
        Some(false) => all = Some(false),
        None if all == Some(true) => all = None,
        None => {}
    };
    if let Some(types) = &schema.types {
        keep(match types {
            Types::One(t) => has_type(t, value),
            Types::Many(ts) => any(ts.iter().map(|t| has_type(t, value))),
        });
    }
    if let Some(reference) = &schema.reference {
        let target = reference
            .strip_prefix("#/$defs/")
            .filter(|name| !name.contains(['/', '~', '%']))
            .and_then(|name| root.defs.as_ref()?.get(name));
        keep(match target {
            Some(target) => valid(root, target, value, depth + 1),
            None => None,
        });
    }
    if let Some(allowed) = &schema.one_of_values {
        keep(is_one_of(allowed, value));
    }
    if let Some(constant) = &schema.constant {
        keep(is_one_of(std::slice::from_ref(constant), value));
    }
    for (branches, rule) in [
        (&schema.one_of, 1),
        (&schema.any_of, 2),
        (&schema.all_of, 3),
    ] {
        if let Some(branches) = branches {
            let results: Vec<Option<bool>> = branches
                .iter()
                .map(|b| valid(root, b, value, depth + 1))
                .collect();
            keep(match rule {
                1 if results.iter().all(Option::is_some) => {
                    Some(results.iter().filter(|r| **r == Some(true)).count() == 1)
                }
                1 => None,
                2 => any(results.into_iter()),
                _ => all_of(results.into_iter()),
            });
        }
    }
    match value {
        Value::String(s) => keep(string(schema, s)),
        Value::Number(n) => keep(number(schema, n)),
        Value::Array(items) => keep(array(root, schema, items, depth)),
        Value::Object(map) => keep(object(root, schema, map, depth)),
        Value::Null | Value::Bool(_) => {}
    }
    all
}

fn any(results: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unsure = false;
    for result in results {
        match result {
            Some(true) => return Some(true),
            None => unsure = true,
            Some(false) => {}
        }
    }
    if unsure { None } else { Some(false) }
}

fn all_of(results: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unsure = false;
    for result in results {
        match result {
            Some(false) => return Some(false),
            None => unsure = true,
            Some(true) => {}
        }
    }
    if unsure { None } else { Some(true) }
}

fn has_type(name: &str, value: &Value) -> Option<bool> {
    Some(match (name, value) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_))
        | ("number", Value::Number(_))
        | ("array", Value::Array(_))
        | ("object", Value::Object(_)) => true,
        // `1.0` is an integer to jsonschema; only integers stored as such are judged here.
        ("integer", Value::Number(n)) if n.is_f64() => return None,
        ("integer", Value::Number(_)) => true,
        ("null" | "boolean" | "string" | "number" | "array" | "object" | "integer", _) => false,
        _ => return None,
    })
}

/// `enum`/`const`: equal to one of the values. Numbers compare by value in JSON Schema (`1` is
/// `1.0`), which `==` on serde_json values does not do: a number not found is left unsure.
fn is_one_of(allowed: &[Value], value: &Value) -> Option<bool> {
    if allowed.contains(value) {
        return Some(true);
    }
    match value {
        Value::Null | Value::Bool(_) | Value::String(_) => Some(false),
        _ => None,
    }
}

fn string(schema: &Schema, s: &str) -> Option<bool> {
    let mut result = Some(true);
    let length = || s.chars().count() as u64;
    if schema.min_length.is_some_and(|min| length() < min)
        || schema.max_length.is_some_and(|max| length() > max)
    {
        return Some(false);
    }
    if let Some(pattern) = &schema.pattern {
        match pattern.is_match(s) {
            Some(true) => {}
            Some(false) => return Some(false),
            None => result = None,
        }
    }
    result
}

/// Integers and floats compared as f64 when both convert exactly.
fn number(schema: &Schema, n: &Number) -> Option<bool> {
    let checks = [
        (&schema.minimum, 0),
        (&schema.maximum, 1),
        (&schema.exclusive_minimum, 2),
        (&schema.exclusive_maximum, 3),
    ];
    if checks.iter().all(|(limit, _)| limit.is_none()) {
        return Some(true);
    }
    let value = exact_f64(n)?;
    for (limit, kind) in checks {
        let Some(limit) = limit else { continue };
        let limit = exact_f64(limit)?;
        let ok = match kind {
            0 => value >= limit,
            1 => value <= limit,
            2 => value > limit,
            _ => value < limit,
        };
        if !ok {
            return Some(false);
        }
    }
    Some(true)
}

fn exact_f64(n: &Number) -> Option<f64> {
    const EXACT: u64 = 1 << 53;
    if let Some(i) = n.as_i64() {
        return (i.unsigned_abs() <= EXACT).then_some(i as f64);
    }
    if let Some(u) = n.as_u64() {
        return (u <= EXACT).then_some(u as f64);
    }
    n.as_f64().filter(|f| f.is_finite())
}

fn array(root: &Schema, schema: &Schema, items: &[Value], depth: usize) -> Option<bool> {
    let n = items.len() as u64;
    if schema.min_items.is_some_and(|min| n < min) || schema.max_items.is_some_and(|max| n > max) {
        return Some(false);
    }
    match schema.items.as_ref() {
        None | Some(SchemaOrBool::Bool(true)) => Some(true),
        Some(SchemaOrBool::Bool(false)) => Some(items.is_empty()),
        Some(SchemaOrBool::Schema(item)) => {
            all_of(items.iter().map(|v| valid(root, item, v, depth + 1)))
        }
    }
}

fn object(
    root: &Schema,
    schema: &Schema,
    map: &serde_json::Map<String, Value>,
    depth: usize,
) -> Option<bool> {
    let n = map.len() as u64;
    if schema.min_properties.is_some_and(|min| n < min)
        || schema.max_properties.is_some_and(|max| n > max)
    {
        return Some(false);
    }
    if let Some(required) = &schema.required
        && required.iter().any(|key| !map.contains_key(key))
    {
        return Some(false);
    }
    let checks = map.iter().map(|(key, value)| {
        let own = schema.properties.as_ref().and_then(|p| p.get(key));
        let name_ok = match &schema.property_names {
            Some(names) => valid(root, names, &Value::String(key.clone()), depth + 1),
            None => Some(true),
        };
        let value_ok = match (own, schema.additional_properties.as_ref()) {
            (Some(own), _) => valid(root, own, value, depth + 1),
            (None, None | Some(SchemaOrBool::Bool(true))) => Some(true),
            (None, Some(SchemaOrBool::Bool(false))) => Some(false),
            (None, Some(SchemaOrBool::Schema(extra))) => valid(root, extra, value, depth + 1),
        };
        all_of([name_ok, value_ok].into_iter())
    });
    all_of(checks)
}
