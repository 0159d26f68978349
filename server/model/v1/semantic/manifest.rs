//! manifest.yaml (PlatformManifest) validators: root keys, scope rules, reserved names,
//! plugin types, quality weights, governance and observability endpoints (artifacts: see
//! [`super::artifacts`]).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::{
    UpstreamSeverity, V1Check, V1Finding, array, child, object, py_float, py_list, string, upstream,
};
use crate::model::semantic::SemanticError;
use crate::model::v1::aliases;
use crate::model::v1::governance::POLICY_TYPES;

/// Root keys of the manifest model (either alias spelling).
pub const KNOWN_MANIFEST_KEYS: [&str; 15] = [
    "apiVersion",
    "api_version",
    "kind",
    "metadata",
    "scope",
    "parent_manifest",
    "plugins",
    "governance",
    "approved_plugins",
    "approved_sinks",
    "approved_products",
    "defaults",
    "artifacts",
    "observability",
    "resource_presets",
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

const PLUGIN_SELECTIONS: [&str; 11] = [
    "compute",
    "orchestrator",
    "catalog",
    "storage",
    "semantic_layer",
    "ingestion",
    "secrets",
    "telemetry_backend",
    "lineage_backend",
    "identity",
    "dbt",
];

pub(super) fn check(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    check_root_keys(root, out);
    check_scope(root, out);
    if let Some(metadata) = object(root, "metadata") {
        check_reserved_name(metadata, out);
    }
    if let Some(plugins) = object(root, "plugins") {
        check_plugin_types(plugins, out);
        if let Some(weights) =
            object(plugins, "quality").and_then(|q| object(q, "dimension_weights"))
        {
            check_dimension_weights(weights, out);
        }
    }
    if let Some(governance) = object(root, "governance") {
        check_governance(governance, out);
    }
    if let Some(observability) = object(root, "observability") {
        check_endpoints(observability, out);
    }
    if let Some(artifacts) = object(root, "artifacts") {
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
    let scope = match root.get("scope") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "enterprise" || s == "domain" => Some(s.as_str()),
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
    if scope != Some("domain") && is_set("parent_manifest") {
        rule(
            "/parent_manifest",
            format!(
                "parent_manifest must be None for scope={scope_repr}. Only domain-scoped manifests can have a parent."
            ),
        );
    }
    if scope == Some("domain") && !is_set("parent_manifest") {
        rule(
            "/scope",
            "parent_manifest is required for scope='domain'. Domain manifests must inherit from an enterprise manifest.".to_owned(),
        );
    }
    for (key, allowed) in [
        ("approved_plugins", "enterprise"),
        ("approved_products", "domain"),
        ("approved_sinks", "enterprise"),
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
    let Some(name) = string(metadata, "name") else {
        return;
    };
    let valid = name.chars().count() <= 63
        && MANIFEST_NAME_RE
            .as_ref()
            .is_some_and(|re| re.is_match(name));
    if valid && RESERVED_NAMES.contains(&name.to_lowercase().as_str()) {
        out.push(upstream(
            V1Check::Validator,
            "/metadata/name".to_owned(),
            false,
            format!("Name '{name}' is reserved and cannot be used"),
        ));
    }
}

/// `PluginSelection.validate_type`: a type of only whitespace (an empty one fails its length).
fn check_plugin_types(plugins: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    for category in PLUGIN_SELECTIONS {
        let Some(plugin_type) = object(plugins, category).and_then(|p| string(p, "type")) else {
            continue;
        };
        if !plugin_type.is_empty() && plugin_type.trim().is_empty() {
            out.push(upstream(
                V1Check::Validator,
                format!("/plugins/{category}/type"),
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
    for (key, default) in [
        ("completeness", 0.25),
        ("accuracy", 0.25),
        ("validity", 0.20),
        ("consistency", 0.15),
        ("timeliness", 0.15),
    ] {
        let weight = match weights.get(key) {
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
            "/plugins/quality/dimension_weights".to_owned(),
            false,
            format!("Dimension weights must sum to 1.0, got {}", py_float(total)),
        ));
    }
}

fn check_governance(governance: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    if let Some(naming) = object(governance, "naming")
        && string(naming, "pattern") == Some("custom")
    {
        let has_patterns = match naming.get("custom_patterns") {
            Some(Value::Array(patterns)) => !patterns.is_empty(),
            None | Some(Value::Null) => false,
            Some(_) => true,
        };
        if !has_patterns {
            out.push(upstream(
                V1Check::Validator,
                "/governance/naming".to_owned(),
                false,
                "custom_patterns is required when pattern='custom'. Provide a list of regex patterns for model name validation.".to_owned(),
            ));
        }
    }
    if let Some(overrides) = array(governance, "policy_overrides") {
        for (index, item) in overrides.iter().enumerate() {
            let Some(types) = item.as_object().and_then(|o| array(o, "policy_types")) else {
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
                    format!("/governance/policy_overrides/{index}/policy_types"),
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
    for block in ["tracing", "lineage"] {
        let Some(endpoint) = object(observability, block).and_then(|b| string(b, "endpoint"))
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
            format!("/observability/{block}/endpoint"),
            false,
            message.to_owned(),
        ));
    }
}
