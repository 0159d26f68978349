//! A minimal YAML → JSON converter for tests, so the upstream fixture files can be fed to the
//! typed models and the generated schemas. Plain scalars are resolved like YAML 1.2 core
//! (null, booleans, integers, floats); everything else is a string. Not a general loader.

use granit_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Number, Value};

enum Frame {
    Seq(Vec<Value>),
    Map(Map<String, Value>, Option<String>),
}

fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Ok(i) = s.parse::<i64>() {
        return Value::Number(i.into());
    }
    let looks_numeric = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && s.chars().any(|c| c.is_ascii_digit());
    if looks_numeric
        && let Ok(f) = s.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Value::Number(n);
    }
    Value::String(s.to_owned())
}

fn push(stack: &mut [Frame], root: &mut Option<Value>, value: Value) -> Result<(), String> {
    match stack.last_mut() {
        None => {
            *root = Some(value);
            Ok(())
        }
        Some(Frame::Seq(items)) => {
            items.push(value);
            Ok(())
        }
        Some(Frame::Map(map, pending)) => match pending.take() {
            Some(key) => {
                map.insert(key, value);
                Ok(())
            }
            None => {
                let key = match value {
                    Value::String(s) => s,
                    Value::Null => "null".to_owned(),
                    other => other.to_string(),
                };
                *pending = Some(key);
                Ok(())
            }
        },
    }
}

/// Parses the first YAML document of `text` into a JSON value (`null` for an empty file).
pub(crate) fn yaml_to_json(text: &str) -> Result<Value, String> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Value> = None;
    for next in Parser::new_from_str(text) {
        let (event, _span) = next.map_err(|e| e.to_string())?;
        match event {
            Event::Scalar(s, style, _, _) => {
                let value = if style == ScalarStyle::Plain {
                    resolve_plain(&s)
                } else {
                    Value::String(s.into_owned())
                };
                push(&mut stack, &mut root, value)?;
            }
            Event::SequenceStart(..) => stack.push(Frame::Seq(Vec::new())),
            Event::MappingStart(..) => stack.push(Frame::Map(Map::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match stack.pop() {
                    Some(Frame::Seq(items)) => Value::Array(items),
                    Some(Frame::Map(map, _)) => Value::Object(map),
                    None => return Err("unbalanced collection end".to_owned()),
                };
                push(&mut stack, &mut root, value)?;
            }
            Event::DocumentEnd => break,
            Event::Alias(_) => return Err("aliases are not supported".to_owned()),
            _ => {}
        }
    }
    Ok(root.unwrap_or(Value::Null))
}
