//! Helpers of the Generation B tests: load YAML as floe-lint does, validate it against the
//! generated schema with the `jsonschema` crate, and list findings as `pointer: what` lines.

#![allow(dead_code)] // each test file uses its own subset

use std::path::Path;
use std::sync::Arc;

use floe_lint::model::v1::{self, V1Kind, plugin_config};
use floe_lint::syntax::{self, Limits};
use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

/// Parses YAML text into the JSON value the engine validates.
pub fn yaml(text: &str) -> Value {
    document(text).to_json()
}

pub fn document(text: &str) -> syntax::Document {
    let file: Arc<Path> = Arc::from(Path::new("test.yaml"));
    syntax::parse_text(&file, text, &Limits::default())
}

/// A file of tests/fixtures/upstream.
pub fn upstream(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/upstream")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Schema findings as `pointer: what`, one per offending key for unknown keys (as pydantic
/// counts them). `what` is `extra`, `missing`, `enum` (a const or enum mismatch), `pattern`, `range`, `type`,
/// or jsonschema's own text.
pub fn schema_findings(schema: &Value, document: &Value, prefix: &str) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let mut out = Vec::new();
    for error in validator.iter_errors(document) {
        describe(&error, prefix, &mut out);
    }
    out.sort();
    out
}

fn describe(error: &ValidationError<'_>, prefix: &str, out: &mut Vec<String>) {
    let pointer = format!("{prefix}{}", error.instance_path().as_str());
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                out.push(format!("{pointer}/{key}: extra"));
            }
        }
        ValidationErrorKind::Required { property } => {
            out.push(format!(
                "{pointer}/{}: missing",
                property.as_str().unwrap_or("?")
            ));
        }
        ValidationErrorKind::Constant { .. } | ValidationErrorKind::Enum { .. } => {
            out.push(format!("{pointer}: enum"))
        }
        ValidationErrorKind::Pattern { .. } => out.push(format!("{pointer}: pattern")),
        ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MaxLength { .. }
        | ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::MinItems { .. } => out.push(format!("{pointer}: range")),
        ValidationErrorKind::Type { .. } => out.push(format!("{pointer}: type")),
        // `Option<T>` is `anyOf: [T, null]`, `custom_rules` a `oneOf` tagged by `type`: report the errors of the branch that fits the
        // value's type, as the engine's flattening does.
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let fitting: Vec<_> = context
                .iter()
                .filter(|branch| {
                    // Wrong type for the value, or (tagged unions) the wrong `type` tag.
                    let tag = format!("{}/type", error.instance_path().as_str());
                    !branch.iter().any(|e| {
                        (e.instance_path() == error.instance_path()
                            && matches!(e.kind(), ValidationErrorKind::Type { .. }))
                            || (e.instance_path().as_str() == tag
                                && matches!(e.kind(), ValidationErrorKind::Constant { .. }))
                    })
                })
                .collect();
            match fitting.as_slice() {
                [branch] => branch.iter().for_each(|e| describe(e, prefix, out)),
                _ => out.push(format!("{pointer}: {error}")),
            }
        }
        _ => out.push(format!("{pointer}: {error}")),
    }
}

/// Schema findings of a Gen B document against its checked-in schema.
pub fn schema_errors(kind: V1Kind, document: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(v1::embedded_schema(kind)).expect("valid schema");
    schema_findings(&schema, document, "")
}

/// Semantic errors as `pointer: message`.
pub fn semantic_errors(kind: V1Kind, document: &Value) -> Vec<String> {
    v1::semantic::check(kind, document)
        .into_iter()
        .map(|e| format!("{}: {}", e.pointer, e.message))
        .collect()
}

/// Every finding of the runtime plugin-config models: schema (prefixed) then custom rules.
pub fn plugin_config_errors(manifest: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for located in plugin_config::locate(manifest) {
        out.extend(schema_findings(
            &plugin_config::schema(located.kind),
            located.value,
            located.pointer,
        ));
    }
    out.extend(
        plugin_config::check(manifest)
            .into_iter()
            .map(|e| format!("{}: {}", e.pointer, e.message)),
    );
    out
}

/// Everything wrong with a document: schema findings, then semantic errors.
pub fn all_errors(kind: V1Kind, document: &Value) -> Vec<String> {
    let mut out = schema_errors(kind, document);
    out.extend(semantic_errors(kind, document));
    out
}
