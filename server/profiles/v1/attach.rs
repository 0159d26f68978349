//! The `attach` entries of DuckDB's `generate_dbt_profile`: each becomes `{path, alias?, type?,
//! **options}`, with the option keys checked against `_ALLOWED_ATTACH_OPTION_KEYS` first; what
//! Python raises on the way (compile's `E303`), and the entry keys the plugin never reads.

use super::duckdb::{Out, update};
use super::python::{self, Dict, Expander, hashable, str_of, truthy, type_name};
use crate::dialect::v1::compute as key;
use crate::syntax::json_pointer::child as child_pointer;
use crate::syntax::python::repr_list;
use crate::syntax::{Node, NodeValue};

use super::super::pyyaml::Value;

/// The keys of an `attach[]` entry the plugin reads.
const ATTACH_READ: [&str; 4] = [key::PATH, key::ALIAS, key::TYPE, key::OPTIONS];

/// The `attach` list the plugin builds: one `{path, alias?, type?, **options}` per item.
pub(super) fn attachments(
    attach: &Node,
    pointer: &str,
    expander: &mut Expander,
    out: &mut Out<'_>,
) -> Vec<Value> {
    // `for attach in attach_configs`: a list's items, a dict's keys, a string's characters.
    let items: Vec<(&Node, String)> = match &attach.value {
        NodeValue::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (item, child_pointer(pointer, &i.to_string())))
            .collect(),
        NodeValue::Mapping(_) => python::items(attach)
            .into_iter()
            .map(|(k, _)| (k, child_pointer(pointer, &str_of(k))))
            .collect(),
        NodeValue::Scalar { .. } if attach.as_str().is_some() => {
            out.fail(
                attach.span,
                pointer,
                "string indices must be integers, not 'str'",
            );
            Vec::new()
        }
        NodeValue::Scalar { .. } => {
            let message = format!("'{}' object is not iterable", type_name(attach));
            out.fail(attach.span, pointer, message);
            Vec::new()
        }
    };
    items
        .into_iter()
        .filter_map(|(item, pointer)| attachment(item, &pointer, expander, out))
        .collect()
}

fn attachment(
    item: &Node,
    pointer: &str,
    expander: &mut Expander,
    out: &mut Out<'_>,
) -> Option<Value> {
    let not_subscriptable = match &item.value {
        NodeValue::Mapping(_) => None,
        NodeValue::Sequence(_) => Some("list indices must be integers or slices, not str".into()),
        NodeValue::Scalar { .. } if item.as_str().is_some() => {
            Some("string indices must be integers, not 'str'".into())
        }
        NodeValue::Scalar { .. } => {
            Some(format!("'{}' object is not subscriptable", type_name(item)))
        }
    };
    if let Some(message) = not_subscriptable {
        out.fail(item.span, pointer, message);
        return None;
    }
    for (k, _) in python::items(item) {
        let name = str_of(k);
        if !ATTACH_READ.contains(&name.as_str()) {
            out.dropped(
                k,
                &child_pointer(pointer, &name),
                format!("`{name}` of an attach entry is not read by the DuckDB compute plugin: the dbt profile floe writes leaves it out"),
            );
        }
    }
    let Some(path) = python::get(item, key::PATH) else {
        // `attach["path"]` raises KeyError, printed as its repr.
        out.fail(item.span, pointer, format!("'{}'", key::PATH));
        return None;
    };
    let mut entry = Dict::default();
    entry.insert_str(key::PATH, expander.value(path)?);
    for name in [key::ALIAS, key::TYPE] {
        if let Some(value) = python::get(item, name) {
            entry.insert_str(name, expander.value(value)?);
        }
    }
    let options = python::get(item, key::OPTIONS).filter(|n| truthy(n));
    if let Some(options) = options {
        let options_pointer = child_pointer(pointer, key::OPTIONS);
        if !option_keys_allowed(options, &options_pointer, out) {
            return None;
        }
        if let Err((span, message)) = update(&mut entry, options, expander) {
            out.fail(span, &options_pointer, message);
            return None;
        }
    }
    Some(entry.into_value())
}

/// The option keys against `_ALLOWED_ATTACH_OPTION_KEYS`, as `for key in attach["options"]`
/// meets them: every key of a mapping is reported at its place; in anything else, iteration
/// stops at the first failure as upstream's does.
fn option_keys_allowed(options: &Node, pointer: &str, out: &mut Out<'_>) -> bool {
    let invalid = |key: &str| {
        format!(
            "Invalid attach option key: '{key}'. Allowed keys: {}",
            repr_list(&key::ATTACH_OPTION_KEYS)
        )
    };
    let allowed = |node: &Node| {
        node.as_str()
            .is_some_and(|k| key::ATTACH_OPTION_KEYS.contains(&k))
    };
    match &options.value {
        NodeValue::Mapping(_) => {
            let mut ok = true;
            for (k, _) in python::items(options) {
                if !allowed(k) {
                    out.fail(
                        k.span,
                        &child_pointer(pointer, &str_of(k)),
                        invalid(&str_of(k)),
                    );
                    ok = false;
                }
            }
            ok
        }
        NodeValue::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                let at = child_pointer(pointer, &index.to_string());
                if !hashable(item) {
                    let message = format!("unhashable type: '{}'", type_name(item));
                    out.fail(item.span, &at, message);
                    return false;
                }
                if !allowed(item) {
                    out.fail(item.span, &at, invalid(&str_of(item)));
                    return false;
                }
            }
            true
        }
        NodeValue::Scalar { .. } => match options.as_str().and_then(|s| s.chars().next()) {
            // A string's first character is never an allowed key.
            Some(first) => {
                out.fail(options.span, pointer, invalid(&first.to_string()));
                false
            }
            None => {
                let message = format!("'{}' object is not iterable", type_name(options));
                out.fail(options.span, pointer, message);
                false
            }
        },
    }
}
