//! The keywords evaluated: `Some(true)` valid, `Some(false)` invalid, `None` not decidable here.

use super::*;

/// `$ref` chains deeper than this are not followed (the schemas have none near it).
const MAX_DEPTH: usize = 64;

/// `Some(true)`: valid. `Some(false)`: invalid. `None`: not decidable here.
pub(super) fn valid(
    root: &Schema,
    schema: &Schema,
    value: &Json<'_>,
    depth: usize,
) -> Option<bool> {
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
        Json::String(s) => keep(string(schema, s)),
        Json::Number(n) => keep(number(schema, n)),
        Json::Array(items) => keep(array(root, schema, items, depth)),
        Json::Object(map) => keep(object(root, schema, map, depth)),
        Json::Null | Json::Bool(_) => {}
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

fn has_type(name: &str, value: &Json<'_>) -> Option<bool> {
    Some(match (name, value) {
        ("null", Json::Null)
        | ("boolean", Json::Bool(_))
        | ("string", Json::String(_))
        | ("number", Json::Number(_))
        | ("array", Json::Array(_))
        | ("object", Json::Object(_)) => true,
        // `1.0` is an integer to jsonschema; only integers stored as such are judged here.
        ("integer", Json::Number(n)) if n.is_f64() => return None,
        ("integer", Json::Number(_)) => true,
        ("null" | "boolean" | "string" | "number" | "array" | "object" | "integer", _) => false,
        _ => return None,
    })
}

/// `enum`/`const`: equal to one of the values. Numbers compare by value in JSON Schema (`1` is
/// `1.0`), which `==` on serde_json values does not do: a number not found is left unsure.
fn is_one_of(allowed: &[Value], value: &Json<'_>) -> Option<bool> {
    if allowed.iter().any(|a| value.equals(a)) {
        return Some(true);
    }
    match value {
        Json::Null | Json::Bool(_) | Json::String(_) => Some(false),
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

fn array(root: &Schema, schema: &Schema, items: &Items<'_>, depth: usize) -> Option<bool> {
    let n = items.len() as u64;
    if schema.min_items.is_some_and(|min| n < min) || schema.max_items.is_some_and(|max| n > max) {
        return Some(false);
    }
    match schema.items.as_ref() {
        None | Some(SchemaOrBool::Bool(true)) => Some(true),
        Some(SchemaOrBool::Bool(false)) => Some(items.is_empty()),
        Some(SchemaOrBool::Schema(item)) => {
            all_of(items.iter().map(|v| valid(root, item, &v, depth + 1)))
        }
    }
}

fn object(root: &Schema, schema: &Schema, map: &Object<'_>, depth: usize) -> Option<bool> {
    // Counted only when a bound asks: a tree's mapping counts its distinct keys to answer.
    if schema.min_properties.is_some() || schema.max_properties.is_some() {
        let n = map.len() as u64;
        if schema.min_properties.is_some_and(|min| n < min)
            || schema.max_properties.is_some_and(|max| n > max)
        {
            return Some(false);
        }
    }
    if let Some(required) = &schema.required
        && required.iter().any(|key| !map.contains_key(key))
    {
        return Some(false);
    }
    let checks = map.iter().map(|(key, value)| {
        let own = schema.properties.as_ref().and_then(|p| p.get(&key));
        let name_ok = match &schema.property_names {
            Some(names) => valid(root, names, &Json::String(&key), depth + 1),
            None => Some(true),
        };
        let value_ok = match (own, schema.additional_properties.as_ref()) {
            (Some(own), _) => valid(root, own, &value, depth + 1),
            (None, None | Some(SchemaOrBool::Bool(true))) => Some(true),
            (None, Some(SchemaOrBool::Bool(false))) => Some(false),
            (None, Some(SchemaOrBool::Schema(extra))) => valid(root, extra, &value, depth + 1),
        };
        all_of([name_ok, value_ok].into_iter())
    });
    all_of(checks)
}
