//! floe-compute-duckdb's `generate_dbt_profile` (plugins/compute-duckdb/plugin.py), statement by
//! statement: the keys it writes and their order (`type`, `path`, `threads`, `timeout_seconds`,
//! then `extensions`, `settings`, `attach` when non-empty), what it raises (compile's `E303`,
//! with the exception's text as Python prints it), and the connection keys it never reads.

use super::python::{self, Dict, Expander, hashable, str_of, truthy, type_name};
use super::{Issue, IssueKind};
use crate::diagnostic::Span;
use crate::dialect::v1::compute as key;
use crate::syntax::json_pointer::child as child_pointer;
use crate::syntax::{Node, NodeValue};

use super::super::pyyaml::Value;

/// The two `ComputeConfig` numbers the profile carries.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    pub threads: i128,
    pub timeout_seconds: i128,
}

/// The connection keys the plugin reads; any other is dropped.
const READ: [&str; 4] = [key::PATH, key::EXTENSIONS, key::SETTINGS, key::ATTACH];

/// Where the failures and dropped keys go.
pub(super) struct Out<'i> {
    pub(super) issues: &'i mut Vec<Issue>,
}

impl Out<'_> {
    pub(super) fn fail(&mut self, span: Span, pointer: &str, message: impl Into<String>) {
        self.issues.push(Issue {
            kind: IssueKind::ProfileFailed,
            pointer: pointer.to_owned(),
            span,
            message: message.into(),
        });
    }

    /// `access_mode` lands in the profile's `settings`, which dbt-duckdb applies with `SET` on an
    /// open connection (`initialize_cursor`); DuckDB only takes it when opening a database.
    fn refused(&mut self, at: &Node, pointer: &str) {
        self.issues.push(Issue {
            kind: IssueKind::RefusedByDuckDb,
            pointer: pointer.to_owned(),
            span: at.span,
            message: format!(
                "`{}` ends up in the dbt profile's `settings`, which dbt-duckdb applies with SET on the open database; DuckDB refuses: \"{}\"",
                key::ACCESS_MODE,
                key::ACCESS_MODE_REFUSED
            ),
        });
    }

    pub(super) fn dropped(&mut self, key: &Node, pointer: &str, message: String) {
        self.issues.push(Issue {
            kind: IssueKind::Dropped,
            pointer: pointer.to_owned(),
            span: key.span,
            message,
        });
    }
}

/// The profile for `connection` (the compute config without `threads` and `timeout_seconds`,
/// keys in dict order). `None` when the plugin would raise; every raise is in `issues`.
pub fn profile(
    connection: &[(&Node, &Node)],
    config_pointer: &str,
    tuning: Tuning,
    expander: &mut Expander,
    issues: &mut Vec<Issue>,
) -> Option<Value> {
    let before = issues.len();
    let mut out = Out { issues };
    let get = |name: &str| {
        connection
            .iter()
            .find(|(k, _)| k.as_str() == Some(name))
            .map(|(_, v)| *v)
    };
    let pointer = |name: &str| child_pointer(config_pointer, name);
    for (k, _) in connection {
        let name = str_of(k);
        if !READ.contains(&name.as_str()) && !key::SETTING_KEYS.contains(&name.as_str()) {
            out.dropped(
                k,
                &pointer(&name),
                format!("`{name}` is not read by the DuckDB compute plugin: the dbt profile floe writes leaves it out"),
            );
        }
    }

    let mut profile = Dict::default();
    profile.insert_str(key::TYPE, Value::str(key::DUCKDB));
    let path = match get(key::PATH) {
        None => Some(Value::str(key::MEMORY_PATH)),
        Some(node) => database_path(node, &pointer(key::PATH), expander, &mut out),
    };
    profile.insert_str(key::PATH, path.unwrap_or(Value::Null));
    profile.insert_str(key::THREADS, Value::Int(tuning.threads));
    // `if config.timeout_seconds:` is always true: the field is at least 1.
    profile.insert_str(key::TIMEOUT_SECONDS, Value::Int(tuning.timeout_seconds));
    if let Some(extensions) = get(key::EXTENSIONS).filter(|n| truthy(n)) {
        profile.insert_str(key::EXTENSIONS, expander.value(extensions)?);
    }

    // Settings written at the connection's top level are hoisted, then `settings` merged over.
    let mut settings = Dict::default();
    for (k, v) in connection {
        if k.as_str().is_some_and(|k| key::SETTING_KEYS.contains(&k)) {
            settings.insert(expander.key(k)?, expander.value(v)?);
            if k.as_str() == Some(key::ACCESS_MODE) {
                out.refused(k, &pointer(key::ACCESS_MODE));
            }
        }
    }
    if let Some(explicit) = get(key::SETTINGS).filter(|n| truthy(n)) {
        if let Err((span, message)) = update(&mut settings, explicit, expander) {
            out.fail(span, &pointer(key::SETTINGS), message);
        }
        for (k, _) in python::items(explicit) {
            if k.as_str() == Some(key::ACCESS_MODE) {
                out.refused(k, &child_pointer(&pointer(key::SETTINGS), key::ACCESS_MODE));
            }
        }
    }
    if !settings.is_empty() {
        profile.insert_str(key::SETTINGS, settings.into_value());
    }

    if let Some(attach) = get(key::ATTACH).filter(|n| truthy(n)) {
        let list = super::attach::attachments(attach, &pointer(key::ATTACH), expander, &mut out);
        profile.insert_str(key::ATTACH, Value::seq(list));
    }
    let failed = out.issues[before..].iter().any(|i| i.kind.is_error());
    (!failed).then(|| profile.into_value())
}

/// `_validate_db_path` on the connection's `path`: a string must not contain `..` nor be made
/// of path punctuation only; any other type fails on the first operation Python tries with it.
fn database_path(
    node: &Node,
    pointer: &str,
    expander: &mut Expander,
    out: &mut Out<'_>,
) -> Option<Value> {
    const TRAVERSAL: &str = "Database path must not contain '..' (path traversal)";
    let traversal = |text: &str| text == key::PATH_TRAVERSAL;
    match &node.value {
        NodeValue::Scalar { .. } if node.as_str().is_some() => {
            let path = expander.text(node.as_str().unwrap_or_default());
            if path.contains(key::PATH_TRAVERSAL) {
                out.fail(node.span, pointer, TRAVERSAL);
            } else if path != key::MEMORY_PATH
                && path.chars().all(|c| key::PATH_PUNCTUATION.contains(&c))
            {
                out.fail(
                    node.span,
                    pointer,
                    format!("Invalid database path: '{path}'"),
                );
            }
            Some(Value::str(path))
        }
        // `".." in x` is membership for a list (its items) and a dict (its keys); then
        // `Path(x)` refuses both.
        NodeValue::Sequence(items) => {
            if items
                .iter()
                .any(|i| i.as_str().is_some_and(|s| traversal(&expander.text(s))))
            {
                out.fail(node.span, pointer, TRAVERSAL);
            } else {
                out.fail(
                    node.span,
                    pointer,
                    "expected str, bytes or os.PathLike object, not list",
                );
            }
            None
        }
        NodeValue::Mapping(_) => {
            if python::items(node)
                .iter()
                .any(|(k, _)| k.as_str().is_some_and(traversal))
            {
                out.fail(node.span, pointer, TRAVERSAL);
            } else {
                out.fail(
                    node.span,
                    pointer,
                    "expected str, bytes or os.PathLike object, not dict",
                );
            }
            None
        }
        NodeValue::Scalar { .. } => {
            out.fail(
                node.span,
                pointer,
                format!("argument of type '{}' is not iterable", type_name(node)),
            );
            None
        }
    }
}

/// `dict.update(other)`: a mapping's items, or a sequence of pairs; the error Python raises
/// otherwise, with where it raises.
pub(super) fn update(
    dict: &mut Dict,
    other: &Node,
    expander: &mut Expander,
) -> Result<(), (Span, String)> {
    let length = |index: usize, length: usize| {
        format!("dictionary update sequence element #{index} has length {length}; 2 is required")
    };
    match &other.value {
        NodeValue::Mapping(_) => {
            for (k, v) in python::items(other) {
                let (Some(k), Some(v)) = (expander.key(k), expander.value(v)) else {
                    continue;
                };
                dict.insert(k, v);
            }
            Ok(())
        }
        NodeValue::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                let pair: (Value, Value) = match &item.value {
                    NodeValue::Sequence(pair) => match pair.as_slice() {
                        [k, _] if !hashable(k) => {
                            return Err((k.span, format!("unhashable type: '{}'", type_name(k))));
                        }
                        [k, v] => match (expander.value(k), expander.value(v)) {
                            (Some(k), Some(v)) => (k, v),
                            _ => continue,
                        },
                        _ => return Err((item.span, length(index, pair.len()))),
                    },
                    // A dict is a sequence of its keys.
                    NodeValue::Mapping(_) => match python::items(item).as_slice() {
                        [(k, _), (v, _)] => match (expander.key(k), expander.key(v)) {
                            (Some(k), Some(v)) => (k, v),
                            _ => continue,
                        },
                        keys => return Err((item.span, length(index, keys.len()))),
                    },
                    NodeValue::Scalar { .. } => match item.as_str().map(|s| expander.text(s)) {
                        Some(text) => {
                            let chars: Vec<char> = text.chars().collect();
                            match chars.as_slice() {
                                [k, v] => (Value::str(k.to_string()), Value::str(v.to_string())),
                                _ => return Err((item.span, length(index, chars.len()))),
                            }
                        }
                        None => {
                            return Err((
                                item.span,
                                format!(
                                    "cannot convert dictionary update sequence element #{index} to a sequence"
                                ),
                            ));
                        }
                    },
                };
                dict.insert(pair.0, pair.1);
            }
            Ok(())
        }
        // A (non-empty) string: its first character is a sequence of length 1.
        NodeValue::Scalar { .. } if other.as_str().is_some() => Err((other.span, length(0, 1))),
        NodeValue::Scalar { .. } => Err((
            other.span,
            format!("'{}' object is not iterable", type_name(other)),
        )),
    }
}
