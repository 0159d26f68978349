//! Build step: a copy of floe's two JSON Schemas with their annotations removed, for the fast
//! validity check (`server/model/known_valid`). That check reads its schema on every cold start,
//! and descriptions, titles and examples are two thirds of the text while asserting nothing: the
//! copy is 33 KB where the schemas are 120 KB. The schemas themselves are embedded unchanged
//! (the validator, hover and help read their descriptions).

use std::path::Path;

use serde_json::{Map, Value};

/// Keywords that assert nothing: what `known_valid` accepts and ignores.
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

/// Keywords whose value is one schema, a list of them, or an object of named ones.
const ONE: [&str; 8] = [
    "items",
    "additionalProperties",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contains",
];
const LIST: [&str; 4] = ["oneOf", "anyOf", "allOf", "prefixItems"];
const NAMED: [&str; 5] = [
    "properties",
    "$defs",
    "definitions",
    "patternProperties",
    "dependentSchemas",
];

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["floe", "platform"] {
        let source = format!("schemas/{name}.schema.json");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).expect("the embedded schema is readable");
        let mut schema: Value = serde_json::from_str(&text).expect("the embedded schema is JSON");
        strip(&mut schema);
        let target = Path::new(&out).join(format!("{name}.assertions.json"));
        std::fs::write(target, schema.to_string()).expect("OUT_DIR is writable");
    }
}

/// Removes the annotations of `schema` and of every schema inside it. Values that are data
/// (`enum`, `const`) and names (`properties`' keys) are left as they are.
fn strip(schema: &mut Value) {
    let Value::Object(keywords) = schema else {
        return;
    };
    keywords.retain(|keyword, _| !ANNOTATIONS.contains(&keyword.as_str()));
    for (keyword, value) in keywords.iter_mut() {
        match keyword.as_str() {
            k if ONE.contains(&k) => strip(value),
            k if LIST.contains(&k) => value.as_array_mut().into_iter().flatten().for_each(strip),
            k if NAMED.contains(&k) => value
                .as_object_mut()
                .into_iter()
                .flat_map(Map::values_mut)
                .for_each(strip),
            _ => {}
        }
    }
}
