//! Build step: floe's two JSON Schemas as Rust tables, for the fast validity check
//! (`server/model/known_valid`). That check needs its schemas on every cold start: read from
//! JSON they cost half a millisecond and half a megabyte of heap per run. As tables of plain
//! data (indices, no pointers: nothing for the loader to relocate) they cost nothing until a
//! page of them is read. The schemas themselves are embedded unchanged (the validator, hover
//! and help read their descriptions).
//!
//! Only the keywords `known_valid` evaluates are written out. A schema using any other keyword
//! (or a known one with a value of an unexpected shape) gets no tables at all: it is `None`,
//! every document of that kind takes the validator's path, and the build says why.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};

/// Keywords that assert nothing: accepted and left out. (`format` is an annotation in draft
/// 2020-12, and floe's `int64`/`double` are formats jsonschema does not know.)
const ANNOTATIONS: [&str; 11] = [
    "description",
    "title",
    "default",
    "examples",
    "format",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$schema",
    "$id",
    "$comment",
];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["floe", "platform"] {
        let source = format!("schemas/{name}.schema.json");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).expect("the embedded schema is readable");
        let schema: Value = serde_json::from_str(&text).expect("the embedded schema is JSON");
        let prefix = name.to_uppercase();
        let mut tables = Tables::default();
        let code = match tables.schema(&schema) {
            Ok(root) => tables.code(&prefix, root),
            Err(why) => {
                println!("cargo::warning={source}: {why}: documents take the validator's path");
                format!("// {why}\npub(super) static {prefix}: Option<Tables> = None;\n")
            }
        };
        let target = Path::new(&out).join(format!("{name}.assertions.rs"));
        std::fs::write(target, code).expect("OUT_DIR is writable");
    }
}

/// The tables being written (`server/model/known_valid/schema.rs` reads them), each entry a
/// Rust expression. A run (`Run(start, length)`) is pushed whole once its members are written,
/// so it stays contiguous however deep they nest.
#[derive(Default)]
struct Tables {
    schemas: Vec<String>,
    text: String,
    texts: HashMap<String, String>,
    names: Vec<String>,
    lists: Vec<String>,
    strings: Vec<String>,
    constants: Vec<String>,
    members: Vec<String>,
    patterns: Vec<String>,
}

impl Tables {
    fn code(&self, prefix: &str, root: String) -> String {
        let list = |items: &[String]| items.join(",\n        ");
        format!(
            "pub(super) static {prefix}: Option<Tables> = Some(Tables {{
    root: {root},
    schemas: &[\n        {}\n    ],
    text: {:?},
    names: &[{}],
    lists: &[{}],
    strings: &[{}],
    constants: &[{}],
    members: &[{}],
    patterns: &{prefix}_PATTERNS,
}});
static {prefix}_PATTERNS: [LazyPattern; {}] = [{}];
",
            list(&self.schemas),
            self.text,
            list(&self.names),
            list(&self.lists),
            list(&self.strings),
            list(&self.constants),
            list(&self.members),
            self.patterns.len(),
            list(&self.patterns),
        )
    }

    /// `Text(offset, length)` of `s` in the text table, each string stored once.
    fn text(&mut self, s: &str) -> String {
        if let Some(text) = self.texts.get(s) {
            return text.clone();
        }
        let text = format!("Text({}, {})", self.text.len(), s.len());
        self.text.push_str(s);
        self.texts.insert(s.to_owned(), text.clone());
        text
    }

    /// Pushes `items` as one run of `table`.
    fn run(table: &mut Vec<String>, items: Vec<String>) -> String {
        let run = format!("Run({}, {})", table.len(), items.len());
        table.extend(items);
        run
    }

    /// Writes `value` (a schema object) and what it contains; returns its `SchemaId`.
    fn schema(&mut self, value: &Value) -> Result<String, String> {
        let Value::Object(keywords) = value else {
            return Err(format!("a schema that is not an object: {value}"));
        };
        let mut fields = String::new();
        for (keyword, value) in keywords {
            if ANNOTATIONS.contains(&keyword.as_str()) {
                continue;
            }
            let (field, expression) = self.keyword(keyword, value)?;
            fields.push_str(&format!("{field}: Some({expression}), "));
        }
        let id = format!("SchemaId({})", self.schemas.len());
        self.schemas
            .push(format!("Schema {{ {fields}..Schema::EMPTY }}"));
        Ok(id)
    }

    /// The field of `Schema` that holds `keyword`, and its value as a Rust expression.
    fn keyword(&mut self, keyword: &str, value: &Value) -> Result<(&'static str, String), String> {
        let unexpected = || format!("`{keyword}` of an unexpected shape: {value}");
        Ok(match keyword {
            "type" => (
                "types",
                match value {
                    Value::String(one) => format!("Types::One({})", self.text(one)),
                    _ => format!(
                        "Types::Many({})",
                        self.strings(value).ok_or_else(unexpected)?
                    ),
                },
            ),
            "required" => ("required", self.strings(value).ok_or_else(unexpected)?),
            "enum" => {
                let values = value.as_array().ok_or_else(unexpected)?;
                let values = values
                    .iter()
                    .map(|value| self.constant(value))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(unexpected)?;
                ("one_of_values", Self::run(&mut self.constants, values))
            }
            "const" => ("constant", self.constant(value).ok_or_else(unexpected)?),
            "$ref" => (
                "reference",
                self.text(value.as_str().ok_or_else(unexpected)?),
            ),
            "pattern" => {
                // One entry per distinct pattern, so each is compiled once however many
                // properties share it.
                let source = self.text(value.as_str().ok_or_else(unexpected)?);
                let pattern = format!("LazyPattern::new({source})");
                let index = match self.patterns.iter().position(|p| *p == pattern) {
                    Some(index) => index,
                    None => {
                        self.patterns.push(pattern);
                        self.patterns.len() - 1
                    }
                };
                ("pattern", index.to_string())
            }
            "properties" | "$defs" => {
                let named = value.as_object().ok_or_else(unexpected)?;
                let field = if keyword == "$defs" {
                    "defs"
                } else {
                    "properties"
                };
                (field, self.named(named)?)
            }
            "additionalProperties" | "items" => {
                let field = if keyword == "items" {
                    "items"
                } else {
                    "additional_properties"
                };
                (
                    field,
                    match value {
                        Value::Bool(b) => format!("SchemaOrBool::Bool({b})"),
                        _ => format!("SchemaOrBool::Schema({})", self.schema(value)?),
                    },
                )
            }
            "propertyNames" => ("property_names", self.schema(value)?),
            "oneOf" | "anyOf" | "allOf" => {
                let field = match keyword {
                    "oneOf" => "one_of",
                    "anyOf" => "any_of",
                    _ => "all_of",
                };
                let branches = value.as_array().ok_or_else(unexpected)?;
                let ids = branches
                    .iter()
                    .map(|branch| self.schema(branch))
                    .collect::<Result<Vec<_>, String>>()?;
                (field, Self::run(&mut self.lists, ids))
            }
            "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties"
            | "maxProperties" => {
                let field = match keyword {
                    "minLength" => "min_length",
                    "maxLength" => "max_length",
                    "minItems" => "min_items",
                    "maxItems" => "max_items",
                    "minProperties" => "min_properties",
                    _ => "max_properties",
                };
                (field, value.as_u64().ok_or_else(unexpected)?.to_string())
            }
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                let field = match keyword {
                    "minimum" => "minimum",
                    "maximum" => "maximum",
                    "exclusiveMinimum" => "exclusive_minimum",
                    _ => "exclusive_maximum",
                };
                let Value::Number(n) = value else {
                    return Err(unexpected());
                };
                (field, number(n).ok_or_else(unexpected)?)
            }
            _ => {
                return Err(format!(
                    "keyword `{keyword}` is not evaluated by known_valid"
                ));
            }
        })
    }

    /// `properties`/`$defs`: a run sorted by name for a binary search (a JSON object read here
    /// keeps one value per name already).
    fn named(&mut self, named: &Map<String, Value>) -> Result<String, String> {
        let mut entries = named
            .iter()
            .map(|(name, schema)| Ok((name.as_str(), self.schema(schema)?)))
            .collect::<Result<Vec<_>, String>>()?;
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let entries = entries
            .into_iter()
            .map(|(name, id)| format!("({}, {id})", self.text(name)))
            .collect();
        Ok(Self::run(&mut self.names, entries))
    }

    /// A list of strings as a run of the strings table, or `None` for anything else.
    fn strings(&mut self, value: &Value) -> Option<String> {
        let items = value
            .as_array()?
            .iter()
            .map(|item| Some(self.text(item.as_str()?)))
            .collect::<Option<Vec<_>>>()?;
        Some(Self::run(&mut self.strings, items))
    }

    /// An `enum`/`const` value as a `Constant` expression.
    fn constant(&mut self, value: &Value) -> Option<String> {
        Some(match value {
            Value::Null => "Constant::Null".to_owned(),
            Value::Bool(b) => format!("Constant::Bool({b})"),
            Value::Number(n) => format!("Constant::Number({})", number(n)?),
            Value::String(s) => format!("Constant::Str({})", self.text(s)),
            Value::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| self.constant(item))
                    .collect::<Option<Vec<_>>>()?;
                format!("Constant::Array({})", Self::run(&mut self.constants, items))
            }
            Value::Object(map) => {
                let members = map
                    .iter()
                    .map(|(key, value)| {
                        Some(format!("({}, {})", self.text(key), self.constant(value)?))
                    })
                    .collect::<Option<Vec<_>>>()?;
                format!(
                    "Constant::Object({})",
                    Self::run(&mut self.members, members)
                )
            }
        })
    }
}

/// A number as `Num`, in the representation serde_json gives it (so equality with a document's
/// number is serde_json's).
fn number(n: &serde_json::Number) -> Option<String> {
    Some(if let Some(u) = n.as_u64() {
        format!("Num::U({u})")
    } else if let Some(i) = n.as_i64() {
        format!("Num::I({i})")
    } else {
        // Debug prints a finite f64 so that it reads back as the same value, always with a `.`
        // or an exponent: a float literal.
        format!("Num::F({:?})", n.as_f64().filter(|f| f.is_finite())?)
    })
}
