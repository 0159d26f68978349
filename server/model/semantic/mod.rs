//! Upstream rules that JSON Schema cannot express.
//!
//! These mirror floe's custom pydantic validators (model validators, field validators and custom
//! `__init__` checks) with their exact wording, minus pydantic's `Value error, ` prefix. Rules
//! that the JSON Schema already states with pydantic's generic wording (types, enums, patterns,
//! required keys, unknown keys) are not repeated here.
//!
//! Upstream stops at the first failing validator; [`check`] reports every violation it finds.
//! It works on the raw document as JSON and never assumes a shape: anything that is not what a
//! rule expects is skipped (the schema reports it).

mod orchestration;
mod platform;
#[cfg(test)]
mod tests;

use orchestration::check_orchestration;
use platform::{
    check_credentials, check_infrastructure, check_layers, check_profile_names, check_security,
};

use serde_json::Value;

use super::FileKind;
use super::common::{IDENTIFIER_PATTERN, MODULE_PATH_PATTERN, PROFILE_NAME_PATTERN};
use super::suggest::{Listing, available};
use crate::dialect::runtime::constants::{
    AUTH_METHOD_OIDC, DEFAULT_PROFILE, JOB_BATCH, PARTITION_MULTI, PARTITION_STATIC, PROVIDER_AWS,
    SENSOR_ASSET, SENSOR_RUN_STATUS, VAULT_AUTH_KUBERNETES, credential_mode,
};
use crate::dialect::runtime::vocabulary::{self as key, Section};
use crate::syntax::json_pointer::child;
use crate::syntax::pattern::LazyRegex;
use crate::syntax::view::{Json, Object};

/// A violation of an upstream rule that JSON Schema cannot express, addressed by JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct SemanticError {
    /// RFC 6901 JSON pointer of the node the error is about, e.g. "/catalogs/default/credentials".
    pub pointer: String,
    /// Point at the mapping key of that node (its name) rather than at its value.
    pub at_key: bool,
    /// Upstream's message, exact wording, WITHOUT pydantic's "Value error, " prefix.
    pub message: String,
}

/// Checks one whole document (`value`, any JSON shape) of the given kind and returns every
/// violation of the upstream custom validators, in document order per rule.
pub fn check(kind: FileKind, value: &Value) -> Vec<SemanticError> {
    match kind.v1() {
        Some(v1) => super::v1::semantic::check(v1, value),
        None => check_view(kind, &Json::value(value)),
    }
}

/// [`check`], reading a document in place ([`Json`]). Generation B's documents are small and
/// their checks read JSON values: they are converted.
pub fn check_view(kind: FileKind, value: &Json<'_>) -> Vec<SemanticError> {
    let mut out = Vec::new();
    if let Some(v1) = kind.v1() {
        return super::v1::semantic::check(v1, &value.to_value());
    }
    let Some(root) = value.as_object() else {
        return out;
    };
    let root = &root;
    match kind {
        FileKind::Floe => {
            if let Some(orchestration) = root.get(key::ORCHESTRATION).and_then(|v| v.as_object()) {
                check_orchestration(&orchestration, &child("", key::ORCHESTRATION), &mut out);
            }
        }
        FileKind::Platform => {
            check_profile_names(root, &mut out);
            check_credentials(root, &mut out);
            check_layers(root, &mut out);
            check_infrastructure(root, &mut out);
            check_security(root, &mut out);
        }
        FileKind::FloeSpec | FileKind::Manifest => {}
    }
    out
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

static PROFILE_NAME_RE: LazyRegex = LazyRegex::new(PROFILE_NAME_PATTERN);
static IDENTIFIER_RE: LazyRegex = LazyRegex::new(IDENTIFIER_PATTERN);
static MODULE_PATH_RE: LazyRegex = LazyRegex::new(MODULE_PATH_PATTERN);

/// The name patterns, for the test holding [`LazyRegex`] to the regex crate.
#[cfg(test)]
pub(crate) fn lazy_regexes() -> [&'static LazyRegex; 3] {
    [&PROFILE_NAME_RE, &IDENTIFIER_RE, &MODULE_PATH_RE]
}

/// Python `re.match(pattern, s)` for a `^…$` pattern: `$` also matches before one trailing
/// newline. A pattern that failed to compile (impossible for the constants) matches everything,
/// so no false error is reported.
fn py_match(re: &LazyRegex, s: &str) -> bool {
    let matches = |text: &str| re.is_match(text).unwrap_or(true);
    matches(s) || s.strip_suffix('\n').is_some_and(matches)
}

fn push(out: &mut Vec<SemanticError>, pointer: String, at_key: bool, message: String) {
    out.push(SemanticError {
        pointer,
        at_key,
        message,
    });
}

/// A field that Python would see as falsy for an optional string: absent, `null` or `""`.
/// Other values (objects, numbers) are left to the schema and count as present.
fn missing_or_empty(map: &Object<'_>, key: &str) -> bool {
    match map.get(key) {
        None | Some(Json::Null) => true,
        Some(Json::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

fn is_absent_or_null(map: &Object<'_>, key: &str) -> bool {
    matches!(map.get(key), None | Some(Json::Null))
}

fn str_field<'a>(map: &Object<'a>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(|v| v.as_str())
}
