//! The keywords evaluated: `Some(true)` valid, `Some(false)` invalid, `None` not decidable here.

use super::*;

/// `$ref` chains deeper than this are not followed (the schemas have none near it).
const MAX_DEPTH: usize = 64;

/// `Some(true)`: valid. `Some(false)`: invalid. `None`: not decidable here.
pub(super) fn valid(t: &Tables, schema: &Schema, value: &Json<'_>, depth: usize) -> Option<bool> {
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
        keep(match *types {
            Types::One(name) => t.text(name).and_then(|name| has_type(name, value)),
            Types::Many(names) => t.strings(names).and_then(|names| {
                any(names
                    .iter()
                    .map(|name| t.text(*name).and_then(|name| has_type(name, value))))
            }),
        });
    }
    if let Some(reference) = schema.reference {
        let target = t
            .text(reference)
            .and_then(|reference| reference.strip_prefix("#/$defs/"))
            .filter(|name| !name.contains(['/', '~', '%']))
            .and_then(|name| t.named(t.schema(t.root)?.defs?, name)?);
        keep(match target {
            Some(target) => valid(t, target, value, depth + 1),
            None => None,
        });
    }
    if let Some(allowed) = schema.one_of_values {
        keep(
            t.constants(allowed)
                .and_then(|allowed| is_one_of(t, allowed, value)),
        );
    }
    if let Some(constant) = &schema.constant {
        keep(is_one_of(t, std::slice::from_ref(constant), value));
    }
    for (branches, rule) in [(schema.one_of, 1), (schema.any_of, 2), (schema.all_of, 3)] {
        if let Some(branches) = branches {
            let Some(branches) = t.list(branches) else {
                keep(None);
                continue;
            };
            let results: Vec<Option<bool>> = branches
                .iter()
                .map(|b| valid(t, t.schema(*b)?, value, depth + 1))
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
        Json::String(s) => keep(string(t, schema, s)),
        Json::Number(n) => keep(number(schema, n)),
        Json::Array(items) => keep(array(t, schema, items, depth)),
        Json::Object(map) => keep(object(t, schema, map, depth)),
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
/// `1.0`), which `==` on serde_json numbers does not do: a number not found is left unsure.
fn is_one_of(t: &Tables, allowed: &[Constant], value: &Json<'_>) -> Option<bool> {
    let mut unreadable = false;
    for a in allowed {
        match equals(t, value, a) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unreadable = true,
        }
    }
    if unreadable {
        return None;
    }
    match value {
        Json::Null | Json::Bool(_) | Json::String(_) => Some(false),
        _ => None,
    }
}

/// `value` is `constant` as serde_json's `==` would say of the two read as JSON values (`None`:
/// a table lookup missed).
fn equals(t: &Tables, value: &Json<'_>, constant: &Constant) -> Option<bool> {
    Some(match (value, *constant) {
        (Json::Null, Constant::Null) => true,
        (Json::Bool(a), Constant::Bool(b)) => *a == b,
        (Json::Number(a), Constant::Number(b)) => *a == b.to_number()?,
        (Json::String(a), Constant::Str(b)) => *a == t.text(b)?,
        (Json::Array(a), Constant::Array(b)) => {
            let b = t.constants(b)?;
            if a.len() != b.len() {
                return Some(false);
            }
            for (x, y) in a.iter().zip(b) {
                if !equals(t, &x, y)? {
                    return Some(false);
                }
            }
            true
        }
        (Json::Object(a), Constant::Object(b)) => {
            let b = t.members(b)?;
            if a.len() != b.len() {
                return Some(false);
            }
            for (key, x) in a.iter() {
                let mut found = None;
                for (name, y) in b {
                    if t.text(*name)? == key {
                        found = Some(y);
                    }
                }
                match found {
                    Some(y) if equals(t, &x, y)? => {}
                    _ => return Some(false),
                }
            }
            true
        }
        _ => false,
    })
}

fn string(t: &Tables, schema: &Schema, s: &str) -> Option<bool> {
    let mut result = Some(true);
    let length = || s.chars().count() as u64;
    if schema.min_length.is_some_and(|min| length() < min)
        || schema.max_length.is_some_and(|max| length() > max)
    {
        return Some(false);
    }
    if let Some(pattern) = schema.pattern {
        match t.pattern_matches(pattern, s) {
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
        (schema.minimum, 0),
        (schema.maximum, 1),
        (schema.exclusive_minimum, 2),
        (schema.exclusive_maximum, 3),
    ];
    if checks.iter().all(|(limit, _)| limit.is_none()) {
        return Some(true);
    }
    let value = exact_f64(n)?;
    for (limit, kind) in checks {
        let Some(limit) = limit else { continue };
        let limit = exact_f64(&limit.to_number()?)?;
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

fn array(t: &Tables, schema: &Schema, items: &Items<'_>, depth: usize) -> Option<bool> {
    let n = items.len() as u64;
    if schema.min_items.is_some_and(|min| n < min) || schema.max_items.is_some_and(|max| n > max) {
        return Some(false);
    }
    match schema.items.as_ref() {
        None | Some(SchemaOrBool::Bool(true)) => Some(true),
        Some(SchemaOrBool::Bool(false)) => Some(items.is_empty()),
        Some(SchemaOrBool::Schema(item)) => {
            let item = t.schema(*item)?;
            all_of(items.iter().map(|v| valid(t, item, &v, depth + 1)))
        }
    }
}

fn object(t: &Tables, schema: &Schema, map: &Object<'_>, depth: usize) -> Option<bool> {
    // Counted only when a bound asks: a tree's mapping counts its distinct keys to answer.
    if schema.min_properties.is_some() || schema.max_properties.is_some() {
        let n = map.len() as u64;
        if schema.min_properties.is_some_and(|min| n < min)
            || schema.max_properties.is_some_and(|max| n > max)
        {
            return Some(false);
        }
    }
    if let Some(required) = schema.required {
        for key in t.strings(required)? {
            if !map.contains_key(t.text(*key)?) {
                return Some(false);
            }
        }
    }
    let checks = map.iter().map(|(key, value)| {
        let name_ok = match schema.property_names {
            Some(names) => valid(t, t.schema(names)?, &Json::String(&key), depth + 1),
            None => Some(true),
        };
        let own = match schema.properties {
            Some(properties) => t.named(properties, &key)?,
            None => None,
        };
        let value_ok = match (own, schema.additional_properties) {
            (Some(own), _) => valid(t, own, &value, depth + 1),
            (None, None | Some(SchemaOrBool::Bool(true))) => Some(true),
            (None, Some(SchemaOrBool::Bool(false))) => Some(false),
            (None, Some(SchemaOrBool::Schema(extra))) => {
                valid(t, t.schema(extra)?, &value, depth + 1)
            }
        };
        all_of([name_ok, value_ok].into_iter())
    });
    all_of(checks)
}

#[cfg(test)]
mod tests {
    use super::super::schema::{Num, Run, SchemaId, Text};
    use super::*;
    use serde_json::{Value, json};

    /// Pools built at run time, as build.rs builds them at compile time, for constants alone.
    #[derive(Default)]
    struct Pools {
        text: String,
        constants: Vec<Constant>,
        members: Vec<(Text, Constant)>,
    }

    impl Pools {
        fn text(&mut self, s: &str) -> Text {
            let text = Text(self.text.len() as u32, s.len() as u32);
            self.text.push_str(s);
            text
        }

        fn constant(&mut self, value: &Value) -> Constant {
            match value {
                Value::Null => Constant::Null,
                Value::Bool(b) => Constant::Bool(*b),
                Value::Number(n) => Constant::Number(if let Some(u) = n.as_u64() {
                    Num::U(u)
                } else if let Some(i) = n.as_i64() {
                    Num::I(i)
                } else {
                    Num::F(n.as_f64().expect("a JSON number is an f64"))
                }),
                Value::String(s) => Constant::Str(self.text(s)),
                Value::Array(items) => {
                    let items: Vec<Constant> = items.iter().map(|i| self.constant(i)).collect();
                    let run = Run(self.constants.len() as u32, items.len() as u32);
                    self.constants.extend(items);
                    Constant::Array(run)
                }
                Value::Object(map) => {
                    let members: Vec<(Text, Constant)> = map
                        .iter()
                        .map(|(k, v)| (self.text(k), self.constant(v)))
                        .collect();
                    let run = Run(self.members.len() as u32, members.len() as u32);
                    self.members.extend(members);
                    Constant::Object(run)
                }
            }
        }

        fn tables(self) -> Tables {
            Tables {
                root: SchemaId(0),
                schemas: &[Schema::EMPTY],
                text: self.text.leak(),
                names: &[],
                lists: &[],
                strings: &[],
                constants: self.constants.leak(),
                members: self.members.leak(),
                patterns: &[],
            }
        }
    }

    /// A document's value equals a constant exactly when serde_json's `==` says the two JSON
    /// values are equal: every kind of constant, nested, members in another order, and numbers
    /// in each representation (`1` is not `1.0` to `==`; `enum` leaves such a number unsure).
    #[test]
    fn constants_compare_as_serde_json_values() {
        let values = [
            json!(null),
            json!(true),
            json!(false),
            json!(1),
            json!(-1),
            json!(1.0),
            json!(2.5),
            json!("a"),
            json!(""),
            json!([]),
            json!([1, "a", null]),
            json!([1, "a"]),
            json!([[true], {"k": -1}]),
            json!({}),
            json!({"a": 1, "b": [null]}),
            json!({"b": [null], "a": 1}),
            json!({"a": 1}),
            json!({"a": 1, "b": [false]}),
        ];
        let mut pools = Pools::default();
        let constants: Vec<Constant> = values.iter().map(|v| pools.constant(v)).collect();
        let tables = pools.tables();
        for value in &values {
            for (constant, as_json) in constants.iter().zip(&values) {
                assert_eq!(
                    equals(&tables, &Json::value(value), constant),
                    Some(value == as_json),
                    "{value} against {as_json}"
                );
            }
        }
    }
}
