//! What `floe platform compile` does with the manifest's `plugins.compute` on its way to the dbt
//! profile (spec §6.3, §7.2): the required plugins (`E201`), the compute plugin lookup (`E301`),
//! `ComputeConfig`'s ranges (a bare pydantic error), then DuckDB's `generate_dbt_profile`
//! (`E303`, [`super::duckdb`]). Upstream stops at the first failure; this reports every one, in
//! upstream's order, each at the value that causes it.

use super::duckdb;
use super::python::{self, Expander};
use super::{Issue, IssueKind};
use crate::diagnostic::Span;
use crate::dialect::v1::compute as key;
use crate::syntax::json_pointer::child as child_pointer;
use crate::syntax::resolve::Scalar;
use crate::syntax::{Document, Node, NodeValue};

use super::super::pyyaml::Value;

/// The compute part of a compile, for one product (`product`: its `metadata.name`, which the
/// placeholders expand to) or for any (`None`: the checks do not depend on the name).
pub struct Resolved {
    /// Every failure and every dropped key, in upstream's order.
    pub issues: Vec<Issue>,
    /// The `dev` output of the profile, when nothing failed.
    pub output: Option<Value>,
}

pub fn resolve(manifest: &Document, product: Option<&str>) -> Resolved {
    let mut issues = Vec::new();
    let output = manifest
        .root
        .as_ref()
        .and_then(|root| output(root, product, &mut issues));
    Resolved { issues, output }
}

fn output(root: &Node, product: Option<&str>, issues: &mut Vec<Issue>) -> Option<Value> {
    let plugins = python::get(root, key::PLUGINS);
    let plugins_span = root
        .get(key::PLUGINS)
        .map_or(Span::point(0), |entry| entry.key.span);
    let plugin = |name: &str| {
        plugins
            .and_then(|p| python::get(p, name))
            .filter(|p| !is_null(p))
    };
    let compute = plugin(key::COMPUTE);
    for (name, found) in [
        (key::COMPUTE, compute.is_some()),
        (key::ORCHESTRATOR, plugin(key::ORCHESTRATOR).is_some()),
    ] {
        if !found {
            issues.push(Issue {
                kind: IssueKind::RequiredPlugin,
                pointer: child_pointer("", key::PLUGINS),
                span: plugins_span,
                message: format!("Required plugin '{name}' not found in platform manifest"),
            });
        }
    }
    let compute = compute?;
    let compute_pointer = child_pointer(&child_pointer("", key::PLUGINS), key::COMPUTE);
    if compute.as_mapping().is_none() {
        let message = "Input should be a valid dictionary or instance of PluginSelection";
        return invalid(issues, compute, &compute_pointer, message);
    }
    let Some(type_node) = python::get(compute, key::TYPE) else {
        return invalid(issues, compute, &compute_pointer, "Field required");
    };
    let type_pointer = child_pointer(&compute_pointer, key::TYPE);
    let Some(plugin_type) = type_node.as_str() else {
        return invalid(
            issues,
            type_node,
            &type_pointer,
            "Input should be a valid string",
        );
    };
    // `PluginSelection` strips the type; the registry lookup is exact.
    let plugin_type = plugin_type.trim();
    let found = key::COMPUTE_TYPES.contains(&plugin_type);
    if !found {
        issues.push(Issue {
            kind: IssueKind::PluginNotFound,
            pointer: type_pointer,
            span: type_node.span,
            message: format!("Compute plugin '{plugin_type}' not found"),
        });
    }
    let config_pointer = child_pointer(&compute_pointer, key::CONFIG);
    // `plugin_config or {}`: a null config is an empty one.
    let config = python::get(compute, key::CONFIG).filter(|c| !is_null(c));
    let config_items = match config {
        None => Vec::new(),
        Some(config) if config.as_mapping().is_none() => {
            return invalid(
                issues,
                config,
                &config_pointer,
                "Input should be a valid dictionary",
            );
        }
        Some(config) => python::items(config),
    };
    for (k, _) in &config_items {
        if k.as_str().is_none() {
            let pointer = child_pointer(&config_pointer, &python::str_of(k));
            return invalid(issues, k, &pointer, "Input should be a valid string");
        }
    }
    let number = |name: &str, default: i128, range: (i128, i128), issues: &mut Vec<Issue>| {
        let Some((_, node)) = config_items.iter().find(|(k, _)| k.as_str() == Some(name)) else {
            return Some(default);
        };
        match bounded_int(node, range) {
            Ok(value) => Some(value),
            Err(message) => {
                issues.push(Issue {
                    kind: IssueKind::ComputeConfig,
                    pointer: child_pointer(&config_pointer, name),
                    span: node.span,
                    message,
                });
                None
            }
        }
    };
    // In the model's field order, as pydantic lists its errors.
    let timeout = number(
        key::TIMEOUT_SECONDS,
        key::TIMEOUT_SECONDS_DEFAULT,
        key::TIMEOUT_SECONDS_RANGE,
        issues,
    );
    let threads = number(
        key::THREADS,
        key::THREADS_DEFAULT,
        key::THREADS_RANGE,
        issues,
    );
    // Another plugin would read the connection its own way; only DuckDB's is known.
    if !found {
        return None;
    }
    let connection: Vec<(&Node, &Node)> = config_items
        .into_iter()
        .filter(|(k, _)| !matches!(k.as_str(), Some(key::THREADS | key::TIMEOUT_SECONDS)))
        .collect();
    let mut expander = Expander::new(product);
    let tuning = duckdb::Tuning {
        threads: threads.unwrap_or(key::THREADS_DEFAULT),
        timeout_seconds: timeout.unwrap_or(key::TIMEOUT_SECONDS_DEFAULT),
    };
    let profile = duckdb::profile(&connection, &config_pointer, tuning, &mut expander, issues);
    let failed = issues.iter().any(|issue| issue.kind.is_error());
    profile.filter(|_| !failed && threads.is_some() && timeout.is_some())
}

/// A value of a shape the manifest's own model rejects: the schema stage reports it; compile
/// would stop at loading the manifest.
fn invalid(issues: &mut Vec<Issue>, node: &Node, pointer: &str, message: &str) -> Option<Value> {
    issues.push(Issue {
        kind: IssueKind::Invalid,
        pointer: pointer.to_owned(),
        span: node.span,
        message: message.to_owned(),
    });
    None
}

fn is_null(node: &Node) -> bool {
    matches!(
        node.value,
        NodeValue::Scalar {
            value: Scalar::Null,
            ..
        }
    )
}

/// pydantic's `int` field in lax mode with `ge`/`le` bounds, with pydantic's messages.
fn bounded_int(node: &Node, (min, max): (i128, i128)) -> Result<i128, String> {
    let value = lax_int(node)?;
    if value < min {
        return Err(format!("Input should be greater than or equal to {min}"));
    }
    if value > max {
        return Err(format!("Input should be less than or equal to {max}"));
    }
    Ok(value)
}

const NOT_AN_INTEGER: &str = "Input should be a valid integer";

fn lax_int(node: &Node) -> Result<i128, String> {
    let NodeValue::Scalar { value, text, .. } = &node.value else {
        return Err(NOT_AN_INTEGER.into());
    };
    match value {
        Scalar::Int(i) => Ok(i128::from(*i)),
        Scalar::BigInt(i) => Ok(**i),
        Scalar::Bool(b) => Ok(i128::from(*b)),
        Scalar::Float(f) if !f.is_finite() => Err("Input should be a finite number".into()),
        Scalar::Float(f) if f.fract() != 0.0 => Err(format!(
            "{NOT_AN_INTEGER}, got a number with a fractional part"
        )),
        // Saturates: a value beyond i128 is out of any range anyway.
        Scalar::Float(f) => Ok(*f as i128),
        Scalar::Str => parse_int(text)
            .ok_or_else(|| format!("{NOT_AN_INTEGER}, unable to parse string as an integer")),
        _ => Err(NOT_AN_INTEGER.into()),
    }
}

/// pydantic-core's string-to-int: surrounding whitespace, a sign, ASCII digits with single `_`
/// between them, and optionally `.` with only zeros after it (`"4.00"` is 4, `"4."` is not).
fn parse_int(text: &str) -> Option<i128> {
    let text = text.trim();
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = match rest.split_once('.') {
        Some((digits, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => digits,
        Some(_) => return None,
        None => rest,
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let magnitude = digits
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0i128, |acc, b| {
            acc.saturating_mul(10).saturating_add(i128::from(b - b'0'))
        });
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_parse_as_pydantic_parses_them() {
        for (text, expected) in [
            ("4", Some(4)),
            (" 4 ", Some(4)),
            ("4_0", Some(40)),
            ("+4", Some(4)),
            ("04", Some(4)),
            ("-0", Some(0)),
            ("4.00", Some(4)),
            (" 4.0 ", Some(4)),
            ("4.5", None),
            ("4.", None),
            ("1e1", None),
            ("0x10", None),
            ("", None),
            ("1_", None),
            ("_1", None),
            ("1__0", None),
            ("٤", None),
        ] {
            assert_eq!(parse_int(text), expected, "{text:?}");
        }
    }
}
