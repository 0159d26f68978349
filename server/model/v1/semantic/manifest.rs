//! manifest.yaml (PlatformManifest) validators: root keys, scope rules, reserved names,
//! plugin types, quality weights, governance and observability endpoints (artifacts: see
//! [`super::artifacts`]).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::{
    UpstreamSeverity, V1Check, V1Finding, array, child, object, py_float, py_list, string, upstream,
};
use crate::dialect::v1::keys::{self as key, plugin};
use crate::dialect::v1::vocabulary::{API_VERSION_FIELD, API_VERSION_KEY, KIND};
use crate::model::semantic::SemanticError;
use crate::model::v1::aliases;
use crate::model::v1::governance::POLICY_TYPES;
use crate::syntax::json_pointer;

/// Root keys of the manifest model (either alias spelling).
pub const KNOWN_MANIFEST_KEYS: [&str; 15] = [
    API_VERSION_KEY,
    API_VERSION_FIELD,
    KIND,
    key::METADATA,
    key::SCOPE,
    key::PARENT_MANIFEST,
    key::PLUGINS,
    key::GOVERNANCE,
    key::APPROVED_PLUGINS,
    key::APPROVED_SINKS,
    key::APPROVED_PRODUCTS,
    key::DEFAULTS,
    key::ARTIFACTS,
    key::OBSERVABILITY,
    key::RESOURCE_PRESETS,
];

/// Root keys rejected because a manifest is environment-agnostic (exact spelling).
pub const MANIFEST_ENVIRONMENT_KEYS: [&str; 10] = [
    "env_overrides",
    "environments",
    "environment",
    "env",
    "dev",
    "staging",
    "prod",
    "production",
    "target_env",
    "floe_env",
];

const RESERVED_NAMES: [&str; 5] = ["default", "system", "floe", "admin", "root"];

pub(super) fn check(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    check_root_keys(root, out);
    check_scope(root, out);
    if let Some(metadata) = object(root, key::METADATA) {
        check_reserved_name(metadata, out);
    }
    if let Some(plugins) = object(root, key::PLUGINS) {
        check_plugin_types(plugins, out);
        if let Some(weights) =
            object(plugins, plugin::QUALITY).and_then(|q| object(q, plugin::DIMENSION_WEIGHTS))
        {
            check_dimension_weights(weights, out);
        }
    }
    if let Some(governance) = object(root, key::GOVERNANCE) {
        check_governance(governance, out);
    }
    if let Some(observability) = object(root, key::OBSERVABILITY) {
        check_endpoints(observability, out);
    }
    if let Some(artifacts) = object(root, key::ARTIFACTS) {
        super::artifacts::check(artifacts, out);
    }
}

/// The alias conflict, `reject_environment_specific_fields` and `warn_on_extra_fields`.
fn check_root_keys(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    for (alias, name) in aliases::MANIFEST {
        if root.contains_key(*alias) && root.contains_key(*name) {
            out.push(V1Finding {
                check: V1Check::AliasConflict,
                severity: UpstreamSeverity::Warning,
                error: SemanticError {
                    pointer: child("", name),
                    at_key: true,
                    message: format!(
                        "`{name}` is the same field as `{alias}`, which is also given: upstream uses `{alias}` and ignores `{name}`; keep one spelling"
                    ),
                },
                upstream_message: Some(unknown_keys_message(&[name])),
            });
        }
    }
    let environment: Vec<&str> = root
        .keys()
        .map(String::as_str)
        .filter(|k| MANIFEST_ENVIRONMENT_KEYS.contains(k))
        .collect();
    let mut sorted = environment.clone();
    sorted.sort_unstable();
    let full = environment_message(&sorted.join(", "));
    for key in &environment {
        out.push(V1Finding {
            check: V1Check::EnvironmentFieldInManifest,
            severity: UpstreamSeverity::Error,
            error: SemanticError {
                pointer: child("", key),
                at_key: true,
                message: environment_message(key),
            },
            upstream_message: (environment.len() > 1).then(|| full.clone()),
        });
    }
    let unknown: Vec<&str> = root
        .keys()
        .map(String::as_str)
        .filter(|k| !KNOWN_MANIFEST_KEYS.contains(k) && !MANIFEST_ENVIRONMENT_KEYS.contains(k))
        .collect();
    for key in &unknown {
        out.push(V1Finding {
            check: V1Check::UnknownManifestKey,
            severity: UpstreamSeverity::Warning,
            error: SemanticError {
                pointer: child("", key),
                at_key: true,
                message: unknown_keys_message(&[key]),
            },
            upstream_message: (unknown.len() > 1).then(|| unknown_keys_message(&unknown)),
        });
    }
}

fn environment_message(keys: &str) -> String {
    format!(
        "Environment-specific fields are not allowed in manifests: [{keys}]. Manifests are environment-agnostic by design. Use FLOE_ENV environment variable at runtime to select environment. See quickstart.md for environment resolution patterns."
    )
}

fn unknown_keys_message(keys: &[&str]) -> String {
    format!(
        "Unknown fields in manifest will be ignored: {}. This may indicate a newer manifest version or typos.",
        py_list(keys)
    )
}

/// `validate_scope_constraints` (C001–C006). Upstream reports the first failing rule at the
/// root; each failing rule is reported here, at the key that breaks it. Like upstream, only
/// when `scope` is absent, null or a valid scope (otherwise the schema reports `scope`).
fn check_scope(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let scope = match root.get(key::SCOPE) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == key::SCOPE_ENTERPRISE || s == key::SCOPE_DOMAIN => {
            Some(s.as_str())
        }
        Some(_) => return,
    };
    let scope_repr = match scope {
        None => "None".to_owned(),
        Some(s) => format!("'{s}'"),
    };
    let is_set = |key: &str| !matches!(root.get(key), None | Some(Value::Null));
    let mut rule = |pointer: &str, message: String| {
        out.push(upstream(
            V1Check::ScopeRule,
            pointer.to_owned(),
            true,
            message,
        ));
    };
    if scope != Some(key::SCOPE_DOMAIN) && is_set(key::PARENT_MANIFEST) {
        rule(
            &child("", key::PARENT_MANIFEST),
            format!(
                "parent_manifest must be None for scope={scope_repr}. Only domain-scoped manifests can have a parent."
            ),
        );
    }
    if scope == Some(key::SCOPE_DOMAIN) && !is_set(key::PARENT_MANIFEST) {
        rule(
            &child("", key::SCOPE),
            "parent_manifest is required for scope='domain'. Domain manifests must inherit from an enterprise manifest.".to_owned(),
        );
    }
    for (key, allowed) in [
        (key::APPROVED_PLUGINS, key::SCOPE_ENTERPRISE),
        (key::APPROVED_PRODUCTS, key::SCOPE_DOMAIN),
        (key::APPROVED_SINKS, key::SCOPE_ENTERPRISE),
    ] {
        if is_set(key) && scope != Some(allowed) {
            rule(
                &child("", key),
                format!("{key} is only valid for scope='{allowed}', not scope={scope_repr}."),
            );
        }
    }
}

static MANIFEST_NAME_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(crate::model::v1::SECRET_NAME_PATTERN).ok());

/// `ManifestMetadata.validate_name_not_reserved` (runs only once the name matched its
/// pattern and length).
fn check_reserved_name(metadata: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let Some(name) = string(metadata, key::NAME) else {
        return;
    };
    let valid = name.chars().count() <= 63
        && MANIFEST_NAME_RE
            .as_ref()
            .is_some_and(|re| re.is_match(name));
    if valid && RESERVED_NAMES.contains(&name.to_lowercase().as_str()) {
        out.push(upstream(
            V1Check::Validator,
            json_pointer::of(&[key::METADATA, key::NAME]),
            false,
            format!("Name '{name}' is reserved and cannot be used"),
        ));
    }
}

/// `PluginSelection.validate_type`: a type of only whitespace (an empty one fails its length).
fn check_plugin_types(plugins: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    for category in plugin::SELECTIONS {
        let Some(plugin_type) = object(plugins, category).and_then(|p| string(p, key::TYPE)) else {
            continue;
        };
        if !plugin_type.is_empty() && plugin_type.trim().is_empty() {
            out.push(upstream(
                V1Check::Validator,
                json_pointer::of(&[key::PLUGINS, category, key::TYPE]),
                false,
                "Plugin type cannot be empty or whitespace-only".to_owned(),
            ));
        }
    }
}

/// `DimensionWeights.weights_must_sum_to_one`, with upstream's defaults for unset weights and
/// its summation order. Skipped when a weight is not a number in 0–1 (the schema reports it).
fn check_dimension_weights(weights: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let mut total = 0.0;
    for (dimension, default) in key::DIMENSION_DEFAULTS {
        let weight = match weights.get(dimension) {
            None => default,
            Some(value) => match value.as_f64() {
                Some(w) if (0.0..=1.0).contains(&w) => w,
                _ => return,
            },
        };
        total += weight;
    }
    // math.isclose(total, 1.0, rel_tol=1e-9)
    if (total - 1.0).abs() > 1e-9 * total.abs().max(1.0) {
        out.push(upstream(
            V1Check::Validator,
            json_pointer::of(&[key::PLUGINS, plugin::QUALITY, plugin::DIMENSION_WEIGHTS]),
            false,
            format!("Dimension weights must sum to 1.0, got {}", py_float(total)),
        ));
    }
}

fn check_governance(governance: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    if let Some(naming) = object(governance, key::NAMING)
        && string(naming, key::PATTERN) == Some(key::NAMING_CUSTOM)
    {
        let has_patterns = match naming.get(key::CUSTOM_PATTERNS) {
            Some(Value::Array(patterns)) => !patterns.is_empty(),
            None | Some(Value::Null) => false,
            Some(_) => true,
        };
        if !has_patterns {
            out.push(upstream(
                V1Check::Validator,
                json_pointer::of(&[key::GOVERNANCE, key::NAMING]),
                false,
                "custom_patterns is required when pattern='custom'. Provide a list of regex patterns for model name validation.".to_owned(),
            ));
        }
    }
    if let Some(overrides) = array(governance, key::POLICY_OVERRIDES) {
        for (index, item) in overrides.iter().enumerate() {
            let Some(types) = item.as_object().and_then(|o| array(o, key::POLICY_TYPES)) else {
                continue;
            };
            let Some(types) = all_strings(types) else {
                continue;
            };
            let mut invalid: Vec<&str> = types
                .into_iter()
                .filter(|t| !POLICY_TYPES.contains(t))
                .collect();
            invalid.sort_unstable();
            invalid.dedup();
            if !invalid.is_empty() {
                out.push(upstream(
                    V1Check::Validator,
                    json_pointer::of(&[
                        key::GOVERNANCE,
                        key::POLICY_OVERRIDES,
                        &index.to_string(),
                        key::POLICY_TYPES,
                    ]),
                    false,
                    format!(
                        "Invalid policy_types: {}. Valid values are: {}",
                        py_list(&invalid),
                        py_list(&POLICY_TYPES)
                    ),
                ));
            }
        }
    }
}

/// Every item a string, or `None` (the schema reports the others).
pub(super) fn all_strings(items: &[Value]) -> Option<Vec<&str>> {
    items.iter().map(Value::as_str).collect()
}

static PRIVATE_NETWORK_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"://(?:127\.|192\.168\.|10\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|::1|localhost)")
        .ok()
});

/// `_validate_endpoint` on `tracing.endpoint` and `lineage.endpoint`. Like upstream, the
/// private-network test is a prefix match anywhere after `://` (so `http://localhost-proxy…`
/// is rejected and `http://[::1]` passes).
fn check_endpoints(observability: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    for block in [key::TRACING, key::LINEAGE] {
        let Some(endpoint) = object(observability, block).and_then(|b| string(b, key::ENDPOINT))
        else {
            continue;
        };
        let message = if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            "Endpoint must use http or https scheme"
        } else if PRIVATE_NETWORK_RE
            .as_ref()
            .is_some_and(|re| re.is_match(endpoint))
        {
            "Endpoint cannot target private/internal networks"
        } else {
            continue;
        };
        out.push(upstream(
            V1Check::Validator,
            json_pointer::of(&[key::OBSERVABILITY, block, key::ENDPOINT]),
            false,
            message.to_owned(),
        ));
    }
}
