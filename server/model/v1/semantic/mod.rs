//! Generation B rules that JSON Schema cannot express: upstream's custom pydantic validators,
//! with their exact wording (minus pydantic's `Value error, ` prefix), addressed by JSON
//! pointer as [`SemanticError`]s.
//!
//! Like the Gen A checks, these work on the raw document as JSON and never assume a shape:
//! anything a rule does not expect is skipped (the schema reports it).
//!
//! # Where floe-lint deliberately differs from upstream
//!
//! - **Every violation, not the first.** Upstream's FR-014 scan runs before everything else
//!   and, when it fails, hides every other floe.yaml error; its manifest model validators stop
//!   at the first failure; its duplicate-name validators run only once every list item
//!   validated. Here every rule runs on every document.
//! - **One finding per place.** Upstream reports FR-014 once at the root listing all paths,
//!   and the manifest's environment keys and unknown keys once each for the whole file. Here
//!   each offending key gets its own finding, at that key, with upstream's sentence narrowed to
//!   that key; upstream's full sentence is kept in [`V1Finding::upstream_message`] for a note.
//! - **Located.** Upstream's model validators report at the model (`""`,
//!   `artifacts.registry.signing`); the scope rules here point at the key that breaks them
//!   (`/parent_manifest`, `/approved_sinks`, …), and a repeated name at its repetition.
//! - **Both alias spellings** (`apiVersion` and `api_version`): pydantic's finding is a bare
//!   `Extra inputs are not permitted` on the snake_case key (floe.yaml), or, in the manifest
//!   whose root allows unknown keys, the "Unknown fields in manifest will be ignored" warning.
//!   The message here names both spellings.
//! - **Non-string keys** crash upstream's FR-014 scan (`AttributeError: 'int' object has no
//!   attribute 'lower'`, which the CLI hides behind its generic failure line): here they are a
//!   located error (see [`non_string_keys`]).
//! - **Python set reprs** (`{'dev'}`) in promotion messages list the values sorted; Python's
//!   order depends on string hashing and varies between runs.
//! - **Enum reprs** in the `credentials_ref` messages use Python 3.11+'s form
//!   (`'AuthType.BASIC'`); Python 3.10 prints `'basic'`.

mod artifacts;
mod floe;
mod manifest;

use serde_json::{Map, Value};

use super::V1Kind;
use crate::model::semantic::SemanticError;
pub(crate) use crate::syntax::json_pointer::child;
use crate::syntax::python;
use crate::syntax::{Node, NodeValue};

pub use floe::FR014_KEYS;
pub use manifest::{KNOWN_MANIFEST_KEYS, MANIFEST_ENVIRONMENT_KEYS};

/// Which upstream rule a finding stems from, so an integration can give each its own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum V1Check {
    /// FR-014 / C004: an environment-specific key (`host`, `password`, …) in floe.yaml.
    EnvironmentFieldInSpec,
    /// A repeated transform or destination name.
    DuplicateName,
    /// `destinations[].config` with more than 50 keys.
    ConfigTooLarge,
    /// Both the camelCase alias and the snake_case name of one field.
    AliasConflict,
    /// A mapping key that YAML reads as a number, boolean, null or date.
    NonStringKey,
    /// An environment-named root key in the manifest (`environments`, `prod`, …).
    EnvironmentFieldInManifest,
    /// A manifest root key upstream does not know (upstream warns and ignores it).
    UnknownManifestKey,
    /// The manifest's `scope` rules (C001–C006).
    ScopeRule,
    /// Any other custom validator of the models, with upstream's wording.
    Validator,
}

/// How upstream treats a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamSeverity {
    /// The file is rejected.
    Error,
    /// Upstream accepts the file and prints a warning (or silently ignores the key).
    Warning,
}

/// A finding with the rule it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct V1Finding {
    pub check: V1Check,
    pub severity: UpstreamSeverity,
    pub error: SemanticError,
    /// Upstream's own full message, when the message in `error` was narrowed or reworded
    /// (see the module documentation); `None` when `error.message` is upstream's text.
    pub upstream_message: Option<String>,
}

/// Every violation of upstream's custom validators in a document of `kind` (any JSON shape),
/// upstream errors only. Upstream's warnings (unknown manifest keys) are left out: see
/// [`check_detailed`].
pub fn check(kind: V1Kind, document: &Value) -> Vec<SemanticError> {
    check_detailed(kind, document)
        .into_iter()
        .filter(|finding| finding.severity == UpstreamSeverity::Error)
        .map(|finding| finding.error)
        .collect()
}

/// [`check`] with each finding's rule, upstream severity and upstream's full wording.
pub fn check_detailed(kind: V1Kind, document: &Value) -> Vec<V1Finding> {
    let mut out = Vec::new();
    let Some(root) = document.as_object() else {
        return out;
    };
    match kind {
        V1Kind::FloeSpec => floe::check(root, &mut out),
        V1Kind::Manifest => manifest::check(root, &mut out),
    }
    out
}

/// Mapping keys that are not strings (`1: x`, `true: y`, `null: z`, `2024-01-01: d`), anywhere
/// in the document. Upstream's floe.yaml loader crashes on them and its manifest root rejects
/// them (`Keys should be strings`); nested free maps would turn them into strings. Either way
/// they are not what the writer meant: each is reported at the key.
///
/// The JSON form of a document has lost this (keys are stringified), so this walks the YAML
/// tree. Keys merged in with `<<` are checked where they are written.
pub fn non_string_keys(root: &Node) -> Vec<SemanticError> {
    let mut out = Vec::new();
    walk_keys(root, "", &mut out);
    out
}

fn walk_keys(node: &Node, pointer: &str, out: &mut Vec<SemanticError>) {
    match &node.value {
        NodeValue::Mapping(entries) => {
            for entry in entries {
                let Some(text) = entry.key.key_text() else {
                    continue;
                };
                let path = child(pointer, &text);
                if !entry.merged
                    && let NodeValue::Scalar { value, .. } = &entry.key.value
                    && !matches!(value, crate::syntax::resolve::Scalar::Str)
                {
                    out.push(SemanticError {
                        pointer: path.clone(),
                        at_key: true,
                        message: format!(
                            "Keys should be strings: `{text}` is read as {}; quote it (`\"{text}\"`) if it is meant as a name",
                            scalar_type_name(value)
                        ),
                    });
                }
                walk_keys(&entry.value, &path, out);
            }
        }
        NodeValue::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                walk_keys(item, &child(pointer, &index.to_string()), out);
            }
        }
        NodeValue::Scalar { .. } => {}
    }
}

fn scalar_type_name(value: &crate::syntax::resolve::Scalar) -> &'static str {
    use crate::syntax::resolve::Scalar;
    match value {
        Scalar::Null => "null",
        Scalar::Bool(_) => "a boolean",
        Scalar::Int(_) | Scalar::BigInt(_) => "an integer",
        Scalar::Float(_) => "a number",
        Scalar::Timestamp => "a date",
        Scalar::Str => "a string",
        Scalar::Unconstructable { .. } => "a value YAML cannot load",
    }
}

// ---------------------------------------------------------------------------------------------
// helpers shared by the rule files
// ---------------------------------------------------------------------------------------------

/// A finding whose message is upstream's own text.
pub(crate) fn upstream(
    check: V1Check,
    pointer: String,
    at_key: bool,
    message: String,
) -> V1Finding {
    V1Finding {
        check,
        severity: UpstreamSeverity::Error,
        error: SemanticError {
            pointer,
            at_key,
            message,
        },
        upstream_message: None,
    }
}

pub(crate) fn object<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Map<String, Value>> {
    map.get(key).and_then(Value::as_object)
}

pub(crate) fn array<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Vec<Value>> {
    map.get(key).and_then(Value::as_array)
}

pub(crate) fn string<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

/// Names that occur more than once, sorted and deduplicated, and the positions of their
/// repetitions (every occurrence after the first).
pub(crate) fn duplicates<'a>(names: &[(usize, &'a str)]) -> (Vec<&'a str>, Vec<usize>) {
    let mut seen = std::collections::HashSet::new();
    let mut repeated = std::collections::BTreeSet::new();
    let mut positions = Vec::new();
    for (position, name) in names {
        if !seen.insert(*name) {
            repeated.insert(*name);
            positions.push(*position);
        }
    }
    (repeated.into_iter().collect(), positions)
}

/// Python's `repr()` of a list of strings: `['a', 'b']`.
pub(crate) fn py_list(items: &[&str]) -> String {
    python::repr_list(items)
}

/// Python's `repr()` of a set of strings, in the order given (callers sort: Python's own order
/// varies between runs).
pub(crate) fn py_set(items: &[&str]) -> String {
    python::repr_set(items)
}

/// Python's `repr()` of a float (`1.0`, `1.2499999999999998`, `1e-05`).
pub(crate) fn py_float(value: f64) -> String {
    python::repr_float(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_float_repr() {
        assert_eq!(py_float(1.0), "1.0");
        assert_eq!(
            py_float(0.5 + 0.25 + 0.20 + 0.15 + 0.15),
            "1.2499999999999998"
        );
        assert_eq!(py_float(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(py_float(0.00001), "1e-05");
        assert_eq!(py_float(-2.5e20), "-2.5e+20");
        assert_eq!(py_float(0.0), "0.0");
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_list(&["a", "it's"]), r#"['a', "it's"]"#);
        assert_eq!(py_set(&["dev"]), "{'dev'}");
    }
}
