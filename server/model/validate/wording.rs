//! Pydantic's wording: how it names types, lists literal choices, prints numbers; and what its
//! lax mode accepts.

use jsonschema::error::TypeKind;
use serde_json::Value;

use super::dotted;
use crate::syntax::DATE_MARKER;

/// The string values of a JSON array (an `enum`'s options).
pub(super) fn strings(options: &Value) -> Vec<String> {
    options
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn dedup_strings(items: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

pub(super) fn where_(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".into()
    } else {
        format!("`{}`", dotted(pointer))
    }
}

pub(super) fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub(super) fn number(value: &Value) -> String {
    match value.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => f.to_string(),
        None => value.to_string(),
    }
}

/// `'a', 'b' or 'c'`, as pydantic lists literal choices.
pub(super) fn python_or(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

pub(super) fn type_names(kind: &TypeKind) -> Vec<String> {
    match kind {
        TypeKind::Single(t) => vec![t.to_string()],
        TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
    }
}

pub(super) fn type_message(expected: &[String]) -> String {
    let words: Vec<&str> = expected
        .iter()
        .filter(|t| t.as_str() != "null")
        .map(|t| match t.as_str() {
            "string" => "string",
            "integer" => "integer",
            "number" => "number",
            "boolean" => "boolean",
            "object" => "dictionary",
            "array" => "list",
            other => other,
        })
        .collect();
    match words.as_slice() {
        [] => "Input should be None".into(),
        [one] => format!("Input should be a valid {one}"),
        many => format!("Input should be a valid {}", many.join(" or ")),
    }
}

/// A string field holding an unquoted number, boolean or date.
pub(super) fn wants_quotes(expected: &[String], instance: &Value) -> bool {
    expected.iter().any(|t| t == "string")
        && (instance.is_number() || instance.is_boolean() || instance.get(DATE_MARKER).is_some())
}

pub(super) fn type_help(expected: &[String], instance: &Value) -> Option<String> {
    let wants_string = expected.iter().any(|t| t == "string");
    if wants_string {
        if let Some(date) = instance.get(DATE_MARKER).and_then(Value::as_str) {
            return Some(format!(
                "YAML reads an unquoted {date} as a date; quote it: \"{date}\""
            ));
        }
        if instance.is_number() || instance.is_boolean() {
            return Some(format!(
                "YAML reads this unquoted value as a {}; quote it to make it a string",
                if instance.is_boolean() {
                    "boolean"
                } else {
                    "number"
                }
            ));
        }
    }
    None
}

/// Pydantic's lax mode coerces some inputs instead of rejecting them; so do we.
pub(super) fn lax_accepts(expected: &str, instance: &Value) -> bool {
    match (expected, instance) {
        ("integer", Value::Number(n)) => n.as_f64().is_some_and(|f| f.fract() == 0.0),
        ("integer", Value::Bool(_)) => true,
        ("integer", Value::String(s)) => s.trim().parse::<i64>().is_ok(),
        ("number", Value::String(s)) => s.trim().parse::<f64>().is_ok(),
        ("number", Value::Bool(_)) => true,
        ("boolean", Value::Number(n)) => n.as_f64().is_some_and(|f| f == 0.0 || f == 1.0),
        ("boolean", Value::String(s)) => crate::syntax::pydantic::bool_text(s).is_some(),
        _ => false,
    }
}
