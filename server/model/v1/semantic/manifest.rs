//! manifest.yaml (PlatformManifest) validators: root keys, scope rules, reserved names,
//! plugin types, quality weights, governance, observability endpoints and artifacts.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::{
    UpstreamSeverity, V1Check, V1Finding, array, child, duplicates, object, py_float, py_list,
    py_set, string, upstream,
};
use crate::model::semantic::SemanticError;
use crate::model::v1::aliases;
use crate::model::v1::governance::POLICY_TYPES;
use crate::model::v1::promotion::{SEVERITY_LEVELS, WEBHOOK_EVENTS};

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
    if let Some(registry) = object(root, "artifacts").and_then(|a| object(a, "registry")) {
        check_registry(registry, out);
    }
    if let Some(promotion) = object(root, "artifacts").and_then(|a| object(a, "promotion")) {
        check_promotion(promotion, out);
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
fn all_strings(items: &[Value]) -> Option<Vec<&str>> {
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

fn auth_type_repr(auth_type: &str) -> Option<&'static str> {
    Some(match auth_type {
        "anonymous" => "AuthType.ANONYMOUS",
        "basic" => "AuthType.BASIC",
        "token" => "AuthType.TOKEN",
        "aws-irsa" => "AuthType.AWS_IRSA",
        "azure-managed-identity" => "AuthType.AZURE_MANAGED_IDENTITY",
        "gcp-workload-identity" => "AuthType.GCP_WORKLOAD_IDENTITY",
        _ => return None,
    })
}

fn check_registry(registry: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    // RegistryAuth.validate_credentials_ref: a field validator, so it runs only when
    // `credentials_ref` is written (upstream gap: leaving it out passes for basic/token).
    if let Some(auth) = object(registry, "auth")
        && let Some(auth_type) = string(auth, "type")
        && let Some(repr) = auth_type_repr(auth_type)
        && let Some(reference) = auth.get("credentials_ref")
    {
        let pointer = "/artifacts/registry/auth/credentials_ref".to_owned();
        let needs_reference = matches!(auth_type, "basic" | "token");
        if needs_reference && reference.is_null() {
            let message = format!("credentials_ref required for auth type '{repr}'");
            out.push(upstream(V1Check::Validator, pointer, false, message));
        } else if !needs_reference && !reference.is_null() {
            let message = format!("credentials_ref must be None for auth type '{repr}'");
            out.push(upstream(V1Check::Validator, pointer, false, message));
        }
    }
    if let Some(signing) = object(registry, "signing") {
        check_signing(signing, out);
    }
    if let Some(verification) = object(registry, "verification") {
        check_verification(verification, out);
    }
}

/// Python truthiness of an optional value: absent, null, `""`, `{}`, `[]` are false.
fn truthy(map: &Map<String, Value>, key: &str) -> bool {
    match map.get(key) {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(_)) => true,
    }
}

/// `SigningConfig.validate_mode_requirements` (first failing rule, as upstream).
fn check_signing(signing: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let message = match string(signing, "mode") {
        Some("keyless") if !truthy(signing, "oidc_issuer") => {
            "oidc_issuer required for keyless mode"
        }
        Some("key-based") if !truthy(signing, "private_key_ref") => {
            "private_key_ref required for key-based mode"
        }
        Some("keyless") if truthy(signing, "private_key_ref") => {
            "private_key_ref not allowed for keyless mode"
        }
        _ => return,
    };
    out.push(upstream(
        V1Check::Validator,
        "/artifacts/registry/signing".to_owned(),
        false,
        message.to_owned(),
    ));
}

/// `VerificationPolicy.validate_verification_config` and `TrustedIssuer.validate_subject`.
fn check_verification(verification: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let base = "/artifacts/registry/verification";
    let enabled = verification
        .get("enabled")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    if enabled
        && !truthy(verification, "trusted_issuers")
        && !truthy(verification, "public_key_ref")
    {
        out.push(upstream(
            V1Check::Validator,
            base.to_owned(),
            false,
            "At least one of trusted_issuers or public_key_ref required when enabled".to_owned(),
        ));
    }
    let Some(issuers) = array(verification, "trusted_issuers") else {
        return;
    };
    for (index, issuer) in issuers.iter().enumerate() {
        let Some(issuer) = issuer.as_object() else {
            continue;
        };
        let (subject, regex) = (truthy(issuer, "subject"), truthy(issuer, "subject_regex"));
        let message = match (subject, regex) {
            (false, false) => "Either subject or subject_regex required",
            (true, true) => "subject and subject_regex are mutually exclusive",
            _ => continue,
        };
        out.push(upstream(
            V1Check::Validator,
            format!("{base}/trusted_issuers/{index}"),
            false,
            message.to_owned(),
        ));
    }
}

fn check_promotion(promotion: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let base = "/artifacts/promotion";
    if let Some(environments) = array(promotion, "environments") {
        let names: Vec<(usize, &str)> = environments
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, string(e.as_object()?, "name")?)))
            .collect();
        let (repeated, _) = duplicates(&names);
        if !repeated.is_empty() {
            out.push(upstream(
                V1Check::DuplicateName,
                format!("{base}/environments"),
                false,
                format!(
                    "Environment names must be unique. Duplicates found: {}",
                    py_set(&repeated)
                ),
            ));
        }
        for (index, environment) in environments.iter().enumerate() {
            let Some(gates) = environment.as_object().and_then(|e| object(e, "gates")) else {
                continue;
            };
            let pointer = format!("{base}/environments/{index}/gates");
            if gates.get("policy_compliance") == Some(&Value::Bool(false)) {
                out.push(upstream(
                    V1Check::Validator,
                    pointer.clone(),
                    false,
                    "policy_compliance gate cannot be disabled - it is mandatory for all environments".to_owned(),
                ));
            }
            for (gate, setting) in gates {
                if let Some(setting) = setting.as_object() {
                    check_security_gate(setting, &child(&pointer, gate), out);
                }
            }
        }
    }
    if let Some(commands) = object(promotion, "gate_commands") {
        for (gate, command) in commands {
            if let Some(command) = command.as_object() {
                check_security_gate(command, &child(&format!("{base}/gate_commands"), gate), out);
            }
        }
    }
    if let Some(webhooks) = array(promotion, "webhooks") {
        for (index, webhook) in webhooks.iter().enumerate() {
            let Some(events) = webhook
                .as_object()
                .and_then(|w| array(w, "events"))
                .and_then(|e| all_strings(e))
            else {
                continue;
            };
            let invalid = sorted_invalid(&events, &WEBHOOK_EVENTS);
            if !invalid.is_empty() {
                out.push(upstream(
                    V1Check::Validator,
                    format!("{base}/webhooks/{index}/events"),
                    false,
                    format!(
                        "Invalid event types: {}. Valid types: {}",
                        py_set(&invalid),
                        py_list(&WEBHOOK_EVENTS)
                    ),
                ));
            }
        }
    }
}

fn sorted_invalid<'a>(values: &[&'a str], valid: &[&str]) -> Vec<&'a str> {
    let mut invalid: Vec<&str> = values
        .iter()
        .copied()
        .filter(|v| !valid.contains(v))
        .collect();
    invalid.sort_unstable();
    invalid.dedup();
    invalid
}

/// `SecurityGateConfig.validate_severity_levels`.
fn check_security_gate(gate: &Map<String, Value>, pointer: &str, out: &mut Vec<V1Finding>) {
    let Some(levels) = array(gate, "block_on_severity").and_then(|l| all_strings(l)) else {
        return;
    };
    let invalid = sorted_invalid(&levels, &SEVERITY_LEVELS);
    if !invalid.is_empty() {
        out.push(upstream(
            V1Check::Validator,
            child(pointer, "block_on_severity"),
            false,
            format!(
                "Invalid severity levels: {}. Valid levels: {}",
                py_set(&invalid),
                py_list(&SEVERITY_LEVELS)
            ),
        ));
    }
}
