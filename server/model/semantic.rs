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

use serde_json::{Map, Value};

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
    let mut out = Vec::new();
    let Some(root) = value.as_object() else {
        return out;
    };
    match kind {
        FileKind::Floe => {
            if let Some(orchestration) = root.get(key::ORCHESTRATION).and_then(Value::as_object) {
                check_orchestration(orchestration, &child("", key::ORCHESTRATION), &mut out);
            }
        }
        FileKind::Platform => {
            check_profile_names(root, &mut out);
            check_credentials(root, &mut out);
            check_layers(root, &mut out);
            check_infrastructure(root, &mut out);
            check_security(root, &mut out);
        }
        FileKind::FloeSpec => out = super::v1::semantic::check(super::v1::V1Kind::FloeSpec, value),
        FileKind::Manifest => out = super::v1::semantic::check(super::v1::V1Kind::Manifest, value),
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
fn missing_or_empty(map: &Map<String, Value>, key: &str) -> bool {
    match map.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    }
}

fn is_absent_or_null(map: &Map<String, Value>, key: &str) -> bool {
    matches!(map.get(key), None | Some(Value::Null))
}

fn str_field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

// ---------------------------------------------------------------------------------------------
// platform.yaml
// ---------------------------------------------------------------------------------------------

/// `PlatformSpec.validate_profile_names` (field validator on `storage`, `catalogs`, `compute`).
fn check_profile_names(root: &Map<String, Value>, out: &mut Vec<SemanticError>) {
    for section in Section::ALL.map(Section::key) {
        let Some(profiles) = root.get(section).and_then(Value::as_object) else {
            continue;
        };
        for name in profiles.keys() {
            if !py_match(&PROFILE_NAME_RE, name) {
                push(
                    out,
                    child(&child("", section), name),
                    true,
                    format!(
                        "Invalid profile name '{name}'. Names must match pattern: {PROFILE_NAME_PATTERN}"
                    ),
                );
            }
        }
    }
}

/// `CredentialConfig.validate_mode_requirements` on every storage/catalog/compute profile.
fn check_credentials(root: &Map<String, Value>, out: &mut Vec<SemanticError>) {
    for section in Section::ALL.map(Section::key) {
        let Some(profiles) = root.get(section).and_then(Value::as_object) else {
            continue;
        };
        for (name, profile) in profiles {
            let Some(credentials) = profile
                .as_object()
                .and_then(|p| p.get(key::CREDENTIALS))
                .and_then(Value::as_object)
            else {
                continue;
            };
            let pointer = child(&child(&child("", section), name), key::CREDENTIALS);
            check_credential_block(credentials, &pointer, out);
        }
    }
}

fn check_credential_block(
    credentials: &Map<String, Value>,
    credentials_pointer: &str,
    out: &mut Vec<SemanticError>,
) {
    // The `mode` value is what demands the missing field: point there.
    let pointer = &child(credentials_pointer, key::MODE);
    match str_field(credentials, key::MODE) {
        Some(credential_mode::OAUTH2) => {
            if missing_or_empty(credentials, key::CLIENT_ID) {
                push(
                    out,
                    pointer.to_owned(),
                    false,
                    "OAuth2 mode requires client_id".to_owned(),
                );
            }
            if is_absent_or_null(credentials, key::CLIENT_SECRET) {
                push(
                    out,
                    pointer.to_owned(),
                    false,
                    "OAuth2 mode requires client_secret".to_owned(),
                );
            }
        }
        // An empty role_arn fails its pattern in the schema; only absence is reported here.
        Some(credential_mode::IAM_ROLE) if is_absent_or_null(credentials, key::ROLE_ARN) => {
            push(
                out,
                pointer.to_owned(),
                false,
                "IAM role mode requires role_arn".to_owned(),
            );
        }
        _ => {}
    }
}

/// `LayerConfig.validate_namespace_format` and `PlatformSpec.validate_layer_references`.
fn check_layers(root: &Map<String, Value>, out: &mut Vec<SemanticError>) {
    let Some(layers) = root.get(key::LAYERS).and_then(Value::as_object) else {
        return;
    };
    // A missing section is upstream's default `{}`; a non-mapping one is a schema error, and
    // then no cross reference is checked against it.
    let profile_keys = |section: &str| -> Option<Vec<String>> {
        match root.get(section) {
            None => Some(Vec::new()),
            Some(Value::Object(map)) => Some(map.keys().cloned().collect()),
            Some(_) => None,
        }
    };
    let storage = profile_keys(key::STORAGE);
    let catalogs = profile_keys(key::CATALOGS);

    for (layer_name, layer) in layers {
        let Some(layer) = layer.as_object() else {
            continue;
        };
        let layer_ptr = child(&child("", key::LAYERS), layer_name);

        if let Some(namespace) = str_field(layer, key::NAMESPACE) {
            let len = namespace.chars().count();
            if (1..=255).contains(&len)
                && let Some(message) = namespace_error(namespace)
            {
                push(out, child(&layer_ptr, key::NAMESPACE), false, message);
            }
        }

        if let (Some(storage), Some(storage_ref)) = (&storage, str_field(layer, key::STORAGE_REF))
            && !storage.iter().any(|k| k == storage_ref)
        {
            push(
                out,
                child(&layer_ptr, key::STORAGE_REF),
                false,
                format!(
                    "Layer '{layer_name}' references non-existent storage profile '{storage_ref}'. Available storage profiles: {}",
                    available(storage_ref, storage, Listing::Python)
                ),
            );
        }

        if let Some(catalogs) = &catalogs {
            let (catalog_ref, pointer, at_key) = match layer.get(key::CATALOG_REF) {
                None => (DEFAULT_PROFILE, layer_ptr.clone(), true),
                Some(Value::String(s)) => (s.as_str(), child(&layer_ptr, key::CATALOG_REF), false),
                Some(_) => continue,
            };
            if !catalogs.iter().any(|k| k == catalog_ref) {
                push(
                    out,
                    pointer,
                    at_key,
                    format!(
                        "Layer '{layer_name}' references non-existent catalog profile '{catalog_ref}'. Available catalog profiles: {}",
                        available(catalog_ref, catalogs, Listing::Python)
                    ),
                );
            }
        }
    }
}

/// The first failing rule of `LayerConfig.validate_namespace_format`, if any.
fn namespace_error(v: &str) -> Option<String> {
    if v.starts_with('.') || v.ends_with('.') {
        return Some(format!("Namespace cannot start or end with '.', got '{v}'"));
    }
    if v.contains("..") {
        return Some(format!(
            "Namespace cannot contain consecutive dots, got '{v}'"
        ));
    }
    if !v
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        return Some(format!(
            "Namespace must contain only alphanumeric, underscore, and dot characters, got '{v}'"
        ));
    }
    None
}

/// `CloudConfig.validate_provider_config`.
fn check_infrastructure(root: &Map<String, Value>, out: &mut Vec<SemanticError>) {
    let Some(cloud) = root
        .get(key::INFRASTRUCTURE)
        .and_then(Value::as_object)
        .and_then(|i| i.get(key::CLOUD))
        .and_then(Value::as_object)
    else {
        return;
    };
    if str_field(cloud, key::PROVIDER) == Some(PROVIDER_AWS) && missing_or_empty(cloud, key::REGION)
    {
        push(
            out,
            child(&child("", key::INFRASTRUCTURE), key::CLOUD),
            false,
            "AWS provider requires region to be set".to_owned(),
        );
    }
}

/// `AuthenticationConfig.validate_method_config` and `VaultSecretBackend.validate_vault_config`.
fn check_security(root: &Map<String, Value>, out: &mut Vec<SemanticError>) {
    let Some(security) = root.get(key::SECURITY).and_then(Value::as_object) else {
        return;
    };
    let security_pointer = child("", key::SECURITY);

    if let Some(auth) = security.get(key::AUTHENTICATION).and_then(Value::as_object)
        && auth.get(key::ENABLED) == Some(&Value::Bool(true))
        && str_field(auth, key::METHOD) == Some(AUTH_METHOD_OIDC)
        && is_absent_or_null(auth, key::OIDC)
    {
        push(
            out,
            child(&security_pointer, key::AUTHENTICATION),
            false,
            "OIDC authentication requires oidc configuration".to_owned(),
        );
    }

    if let Some(vault) = security
        .get(key::SECRET_BACKENDS)
        .and_then(Value::as_object)
        .and_then(|b| b.get(key::VAULT))
        .and_then(Value::as_object)
        && vault.get(key::ENABLED) == Some(&Value::Bool(true))
    {
        let pointer = &child(&child(&security_pointer, key::SECRET_BACKENDS), key::VAULT);
        if missing_or_empty(vault, key::SERVER_URL) {
            push(
                out,
                pointer.to_owned(),
                false,
                "Vault backend requires server_url".to_owned(),
            );
        }
        let kubernetes_auth = match vault.get(key::AUTH_METHOD) {
            None => true,
            Some(v) => v.as_str() == Some(VAULT_AUTH_KUBERNETES),
        };
        if kubernetes_auth && missing_or_empty(vault, key::KUBERNETES_ROLE) {
            push(
                out,
                pointer.to_owned(),
                false,
                "Kubernetes auth method requires kubernetes_role".to_owned(),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// floe.yaml orchestration
// ---------------------------------------------------------------------------------------------

/// The orchestration maps whose keys must be identifiers, as upstream names them in messages.
const IDENTIFIER_KEYED: [&str; 5] = [
    key::PARTITIONS,
    key::JOBS,
    key::SCHEDULES,
    key::SENSORS,
    key::BACKFILLS,
];

/// Deepest nesting of `multi` partitions that is followed.
const MAX_PARTITION_DEPTH: usize = 32;

/// `OrchestrationConfig.__init__` plus the custom `__init__` checks of partitions, jobs and
/// sensors.
fn check_orchestration(orch: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    if let Some(modules) = orch.get(key::ASSET_MODULES).and_then(Value::as_array) {
        let base = child(pointer, key::ASSET_MODULES);
        for (i, module) in modules.iter().enumerate() {
            if let Some(module) = module.as_str()
                && !py_match(&MODULE_PATH_RE, module)
            {
                push(
                    out,
                    child(&base, &i.to_string()),
                    false,
                    format!("Invalid module path: {module}"),
                );
            }
        }
    }

    for dict_name in IDENTIFIER_KEYED {
        let Some(dict) = orch.get(dict_name).and_then(Value::as_object) else {
            continue;
        };
        let base = child(pointer, dict_name);
        for key in dict.keys() {
            if !py_match(&IDENTIFIER_RE, key) {
                push(
                    out,
                    child(&base, key),
                    true,
                    format!("Invalid identifier in {dict_name}: {key}"),
                );
            }
        }
    }

    if let Some(partitions) = orch.get(key::PARTITIONS).and_then(Value::as_object) {
        let base = child(pointer, key::PARTITIONS);
        for (name, partition) in partitions {
            check_partition(partition, &child(&base, name), 0, out);
        }
    }

    if let Some(jobs) = orch.get(key::JOBS).and_then(Value::as_object) {
        let base = child(pointer, key::JOBS);
        for (name, job) in jobs {
            let Some(job) = job.as_object() else {
                continue;
            };
            if str_field(job, key::TYPE) == Some(JOB_BATCH) {
                check_blank_entries(
                    job,
                    key::SELECTION,
                    &child(&base, name),
                    "Asset selection expressions cannot be empty",
                    out,
                );
            }
        }
    }

    if let Some(sensors) = orch.get(key::SENSORS).and_then(Value::as_object) {
        let base = child(pointer, key::SENSORS);
        for (name, sensor) in sensors {
            let Some(sensor) = sensor.as_object() else {
                continue;
            };
            let sensor_ptr = child(&base, name);
            match str_field(sensor, key::TYPE) {
                Some(SENSOR_ASSET) => check_blank_entries(
                    sensor,
                    key::WATCHED_ASSETS,
                    &sensor_ptr,
                    "Watched asset names cannot be empty",
                    out,
                ),
                Some(SENSOR_RUN_STATUS) => check_blank_entries(
                    sensor,
                    key::WATCHED_JOBS,
                    &sensor_ptr,
                    "Watched job names cannot be empty",
                    out,
                ),
                _ => {}
            }
        }
    }
}

/// Reports each string entry of `map[key]` that is empty or whitespace only.
fn check_blank_entries(
    map: &Map<String, Value>,
    key: &str,
    pointer: &str,
    message: &str,
    out: &mut Vec<SemanticError>,
) {
    let Some(items) = map.get(key).and_then(Value::as_array) else {
        return;
    };
    let base = child(pointer, key);
    for (i, item) in items.iter().enumerate() {
        if item.as_str().is_some_and(|s| s.trim().is_empty()) {
            push(out, child(&base, &i.to_string()), false, message.to_owned());
        }
    }
}

/// `StaticPartition.__init__` and `MultiPartition.__init__`, recursing into `multi` partitions.
fn check_partition(partition: &Value, pointer: &str, depth: usize, out: &mut Vec<SemanticError>) {
    let Some(partition) = partition.as_object() else {
        return;
    };
    match str_field(partition, key::TYPE) {
        Some(PARTITION_STATIC) => {
            let Some(keys) = partition.get(key::PARTITION_KEYS).and_then(Value::as_array) else {
                return;
            };
            let base = child(pointer, key::PARTITION_KEYS);
            for (i, key) in keys.iter().enumerate() {
                if key.is_string() && keys[..i].contains(key) {
                    push(
                        out,
                        child(&base, &i.to_string()),
                        false,
                        "Partition keys must be unique".to_owned(),
                    );
                }
            }
            for (i, key) in keys.iter().enumerate() {
                if key.as_str().is_some_and(|s| s.trim().is_empty()) {
                    push(
                        out,
                        child(&base, &i.to_string()),
                        false,
                        "Partition keys cannot be empty".to_owned(),
                    );
                }
            }
        }
        Some(PARTITION_MULTI) => {
            let Some(parts) = partition.get(key::PARTITIONS).and_then(Value::as_object) else {
                return;
            };
            let base = child(pointer, key::PARTITIONS);
            for key in parts.keys() {
                if !py_match(&IDENTIFIER_RE, key) {
                    push(
                        out,
                        child(&base, key),
                        true,
                        format!("Partition key must be valid identifier: {key}"),
                    );
                }
            }
            if depth < MAX_PARTITION_DEPTH {
                for (key, sub) in parts {
                    check_partition(sub, &child(&base, key), depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn platform(doc: Value) -> Vec<SemanticError> {
        check(FileKind::Platform, &doc)
    }

    fn floe(doc: Value) -> Vec<SemanticError> {
        check(FileKind::Floe, &doc)
    }

    fn err(pointer: &str, at_key: bool, message: &str) -> SemanticError {
        SemanticError {
            pointer: pointer.to_owned(),
            at_key,
            message: message.to_owned(),
        }
    }

    #[test]
    fn patterns_compile() {
        assert!(PROFILE_NAME_RE.compiles());
        assert!(IDENTIFIER_RE.compiles());
        assert!(MODULE_PATH_RE.compiles());
    }

    #[test]
    fn odd_shapes_never_panic() {
        for doc in [
            json!(null),
            json!(1),
            json!("x"),
            json!([1, 2]),
            json!({"storage": [1], "catalogs": "x", "compute": null, "layers": [1]}),
            json!({"layers": {"a": 1, "b": {"namespace": 5, "storage_ref": [], "catalog_ref": 3}}}),
            json!({"security": {"authentication": [], "secret_backends": {"vault": 1}}}),
            json!({"infrastructure": {"cloud": "aws"}}),
            json!({"storage": {"a": {"credentials": "static"}}}),
        ] {
            let _ = platform(doc.clone());
            let _ = floe(doc);
        }
        for doc in [
            json!({"orchestration": null}),
            json!({"orchestration": {"asset_modules": "x", "partitions": [1], "jobs": 2}}),
            json!({"orchestration": {"asset_modules": [1, null], "partitions": {"p": {"type": "static", "partition_keys": [1, 1, null]}}}}),
            json!({"orchestration": {"partitions": {"p": {"type": "multi", "partitions": [1]}}}}),
            json!({"orchestration": {"jobs": {"j": {"type": "batch", "selection": "x"}}}}),
        ] {
            let _ = floe(doc);
        }
    }

    #[test]
    fn empty_and_valid_platform_docs_are_clean() {
        assert!(platform(json!({})).is_empty());
        let doc = json!({
            "storage": {"default": {"bucket": "abc"}, "bronze-1": {"bucket": "abc"}},
            "catalogs": {"default": {"uri": "x", "warehouse": "w", "credentials": {
                "mode": "oauth2", "client_id": {"secret_ref": "id"}, "client_secret": {"secret_ref": "s"}}}},
            "compute": {"default": {"credentials": {"mode": "iam_role", "role_arn": "arn:aws:iam::123456789012:role/R"}}},
            "layers": {"bronze": {"name": "bronze", "storage_ref": "bronze-1", "namespace": "demo.bronze"}},
            "infrastructure": {"cloud": {"provider": "aws", "region": "eu-west-1"}},
            "security": {
                "authentication": {"enabled": true, "method": "oidc", "oidc": {"provider_url": "u", "client_id": "c"}},
                "secret_backends": {"vault": {"enabled": true, "server_url": "https://v", "kubernetes_role": "r"}}
            }
        });
        assert_eq!(platform(doc), vec![]);
    }

    #[test]
    fn profile_names() {
        let errors = platform(json!({
            "storage": {"1bad": {}, "ok": {}},
            "catalogs": {"with space": {}},
            "compute": {"a/b": {}, "_x": {}},
            "layers": {"1-not-checked": {"storage_ref": "ok", "catalog_ref": "with space"}}
        }));
        let msg = |n: &str| {
            format!(
                "Invalid profile name '{n}'. Names must match pattern: ^[a-zA-Z][a-zA-Z0-9_-]*$"
            )
        };
        assert_eq!(
            errors,
            vec![
                err("/storage/1bad", true, &msg("1bad")),
                err("/catalogs/with space", true, &msg("with space")),
                err("/compute/a~1b", true, &msg("a/b")),
                err("/compute/_x", true, &msg("_x")),
            ]
        );
    }

    #[test]
    fn credential_modes() {
        let errors = platform(json!({
            "storage": {
                "s1": {"credentials": {"mode": "oauth2"}},
                "s2": {"credentials": {"mode": "oauth2", "client_id": "", "client_secret": {"secret_ref": "x"}}},
                "s3": {"credentials": {"mode": "oauth2", "client_id": "id", "client_secret": null}},
                "ok": {"credentials": {"mode": "oauth2", "client_id": "id", "client_secret": {"secret_ref": "x"}}}
            },
            "catalogs": {"c": {"credentials": {"mode": "iam_role"}}},
            "compute": {
                "d": {"credentials": {"mode": "iam_role", "role_arn": ""}},
                "e": {"credentials": {"mode": "static", "role_arn": "anything"}},
                "f": {"credentials": {"mode": "service_account"}},
                "g": {"credentials": {}}
            }
        }));
        assert_eq!(
            errors,
            vec![
                err(
                    "/storage/s1/credentials/mode",
                    false,
                    "OAuth2 mode requires client_id"
                ),
                err(
                    "/storage/s1/credentials/mode",
                    false,
                    "OAuth2 mode requires client_secret"
                ),
                err(
                    "/storage/s2/credentials/mode",
                    false,
                    "OAuth2 mode requires client_id"
                ),
                err(
                    "/storage/s3/credentials/mode",
                    false,
                    "OAuth2 mode requires client_secret"
                ),
                err(
                    "/catalogs/c/credentials/mode",
                    false,
                    "IAM role mode requires role_arn"
                ),
            ]
        );
    }

    #[test]
    fn layer_namespaces() {
        let layer = |ns: &str| json!({"name": "l", "storage_ref": "s", "namespace": ns});
        let errors = platform(json!({
            "storage": {"s": {"bucket": "abc"}},
            "catalogs": {"default": {"uri": "u", "warehouse": "w"}},
            "layers": {
                "a": layer(".bronze"),
                "b": layer("bronze."),
                "c": layer("a..b"),
                "d": layer("my-ns"),
                "e": layer("demo_catalog.bronze"),
                "f": layer("bronze"),
                "g": layer(""),
                "h": layer(".x-y")
            }
        }));
        assert_eq!(
            errors,
            vec![
                err(
                    "/layers/a/namespace",
                    false,
                    "Namespace cannot start or end with '.', got '.bronze'"
                ),
                err(
                    "/layers/b/namespace",
                    false,
                    "Namespace cannot start or end with '.', got 'bronze.'"
                ),
                err(
                    "/layers/c/namespace",
                    false,
                    "Namespace cannot contain consecutive dots, got 'a..b'"
                ),
                err(
                    "/layers/d/namespace",
                    false,
                    "Namespace must contain only alphanumeric, underscore, and dot characters, got 'my-ns'"
                ),
                err(
                    "/layers/h/namespace",
                    false,
                    "Namespace cannot start or end with '.', got '.x-y'"
                ),
            ]
        );
    }

    #[test]
    fn layer_cross_references() {
        let errors = platform(json!({
            "storage": {"a": {"bucket": "abc"}, "b": {"bucket": "abc"}},
            "catalogs": {"main": {"uri": "u", "warehouse": "w"}},
            "layers": {
                "bronze": {"name": "bronze", "storage_ref": "missing", "catalog_ref": "main", "namespace": "n"},
                "silver": {"name": "silver", "storage_ref": "a", "namespace": "n"},
                "gold": {"name": "gold", "storage_ref": "b", "catalog_ref": "nope", "namespace": "n"},
                "ok": {"name": "ok", "storage_ref": "a", "catalog_ref": "main", "namespace": "n"}
            }
        }));
        assert_eq!(
            errors,
            vec![
                err(
                    "/layers/bronze/storage_ref",
                    false,
                    "Layer 'bronze' references non-existent storage profile 'missing'. Available storage profiles: ['a', 'b']"
                ),
                err(
                    "/layers/silver",
                    true,
                    "Layer 'silver' references non-existent catalog profile 'default'. Available catalog profiles: ['main']"
                ),
                err(
                    "/layers/gold/catalog_ref",
                    false,
                    "Layer 'gold' references non-existent catalog profile 'nope'. Available catalog profiles: ['main']"
                ),
            ]
        );
        let empty = platform(
            json!({"layers": {"l": {"storage_ref": "s", "catalog_ref": "c", "namespace": "n"}}}),
        );
        assert_eq!(
            empty,
            vec![
                err(
                    "/layers/l/storage_ref",
                    false,
                    "Layer 'l' references non-existent storage profile 's'. Available storage profiles: []"
                ),
                err(
                    "/layers/l/catalog_ref",
                    false,
                    "Layer 'l' references non-existent catalog profile 'c'. Available catalog profiles: []"
                ),
            ]
        );
    }

    #[test]
    fn python_list_repr() {
        let items = [
            "a".to_owned(),
            "it's".to_owned(),
            "x\\y".to_owned(),
            "q\"'".to_owned(),
        ];
        assert_eq!(
            available("x", &items, Listing::Python),
            r#"['a', "it's", 'x\\y', 'q"\'']"#
        );
        assert_eq!(available("x", &[], Listing::Python), "[]");
    }

    #[test]
    fn infrastructure_aws_region() {
        let bad = platform(json!({"infrastructure": {"cloud": {"provider": "aws"}}}));
        assert_eq!(
            bad,
            vec![err(
                "/infrastructure/cloud",
                false,
                "AWS provider requires region to be set"
            )]
        );
        assert_eq!(
            platform(json!({"infrastructure": {"cloud": {"provider": "aws", "region": ""}}})).len(),
            1
        );
        assert!(
            platform(
                json!({"infrastructure": {"cloud": {"provider": "aws", "region": "us-east-1"}}})
            )
            .is_empty()
        );
        assert!(platform(json!({"infrastructure": {"cloud": {"provider": "local"}}})).is_empty());
        assert!(platform(json!({"infrastructure": {"cloud": {}}})).is_empty());
    }

    #[test]
    fn security_rules() {
        let errors = platform(json!({"security": {
            "authentication": {"enabled": true, "method": "oidc"},
            "secret_backends": {"vault": {"enabled": true}}
        }}));
        assert_eq!(
            errors,
            vec![
                err(
                    "/security/authentication",
                    false,
                    "OIDC authentication requires oidc configuration"
                ),
                err(
                    "/security/secret_backends/vault",
                    false,
                    "Vault backend requires server_url"
                ),
                err(
                    "/security/secret_backends/vault",
                    false,
                    "Kubernetes auth method requires kubernetes_role"
                ),
            ]
        );
        let fine = platform(json!({"security": {
            "authentication": {"enabled": false, "method": "oidc"},
            "secret_backends": {"vault": {"enabled": true, "server_url": "https://v", "auth_method": "approle"}}
        }}));
        assert!(fine.is_empty(), "{fine:?}");
        let disabled =
            platform(json!({"security": {"secret_backends": {"vault": {"enabled": false}}}}));
        assert!(disabled.is_empty());
        let role_only = platform(json!({"security": {"secret_backends": {"vault": {
            "enabled": true, "server_url": "https://v", "auth_method": "kubernetes"}}}}));
        assert_eq!(
            role_only,
            vec![err(
                "/security/secret_backends/vault",
                false,
                "Kubernetes auth method requires kubernetes_role"
            )]
        );
    }

    #[test]
    fn orchestration_identifiers_and_modules() {
        let errors = floe(json!({"orchestration": {
            "asset_modules": ["good.module", "bad-module", "1x", "trailing."],
            "partitions": {"ok": {}, "bad-name": {}},
            "jobs": {"my-job": {}},
            "schedules": {"s 1": {}},
            "sensors": {"_s": {}},
            "backfills": {"b.f": {}},
            "assets": {"bronze_*": {}}
        }}));
        assert_eq!(
            errors,
            vec![
                err(
                    "/orchestration/asset_modules/1",
                    false,
                    "Invalid module path: bad-module"
                ),
                err(
                    "/orchestration/asset_modules/2",
                    false,
                    "Invalid module path: 1x"
                ),
                err(
                    "/orchestration/asset_modules/3",
                    false,
                    "Invalid module path: trailing."
                ),
                err(
                    "/orchestration/partitions/bad-name",
                    true,
                    "Invalid identifier in partitions: bad-name"
                ),
                err(
                    "/orchestration/jobs/my-job",
                    true,
                    "Invalid identifier in jobs: my-job"
                ),
                err(
                    "/orchestration/schedules/s 1",
                    true,
                    "Invalid identifier in schedules: s 1"
                ),
                err(
                    "/orchestration/sensors/_s",
                    true,
                    "Invalid identifier in sensors: _s"
                ),
                err(
                    "/orchestration/backfills/b.f",
                    true,
                    "Invalid identifier in backfills: b.f"
                ),
            ]
        );
        assert!(
            floe(json!({"orchestration": {"asset_modules": ["a.b_c.d"], "jobs": {"j_1": {}}}}))
                .is_empty()
        );
        // Platform rules do not apply to floe.yaml and vice versa.
        assert!(floe(json!({"storage": {"1bad": {}}})).is_empty());
        assert!(platform(json!({"orchestration": {"jobs": {"my-job": {}}}})).is_empty());
    }

    #[test]
    fn static_and_multi_partitions() {
        let errors = floe(json!({"orchestration": {"partitions": {
            "regions": {"type": "static", "partition_keys": ["us", "eu", "us", " "]},
            "grid": {"type": "multi", "partitions": {
                "date": {"type": "time_window", "start": "2024-01-01", "cron_schedule": "0 0 * * *"},
                "bad-dim": {"type": "static", "partition_keys": ["a"]},
                "inner": {"type": "static", "partition_keys": ["", ""]}
            }},
            "fine": {"type": "static", "partition_keys": ["a", "b"]}
        }}}));
        assert_eq!(
            errors,
            vec![
                err(
                    "/orchestration/partitions/regions/partition_keys/2",
                    false,
                    "Partition keys must be unique"
                ),
                err(
                    "/orchestration/partitions/regions/partition_keys/3",
                    false,
                    "Partition keys cannot be empty"
                ),
                err(
                    "/orchestration/partitions/grid/partitions/bad-dim",
                    true,
                    "Partition key must be valid identifier: bad-dim"
                ),
                err(
                    "/orchestration/partitions/grid/partitions/inner/partition_keys/1",
                    false,
                    "Partition keys must be unique"
                ),
                err(
                    "/orchestration/partitions/grid/partitions/inner/partition_keys/0",
                    false,
                    "Partition keys cannot be empty"
                ),
                err(
                    "/orchestration/partitions/grid/partitions/inner/partition_keys/1",
                    false,
                    "Partition keys cannot be empty"
                ),
            ]
        );
    }

    #[test]
    fn blank_selections_and_watch_lists() {
        let errors = floe(json!({"orchestration": {
            "jobs": {
                "b": {"type": "batch", "selection": ["group:bronze", "", "  "]},
                "o": {"type": "ops", "target_function": "a.b", "selection": [""]}
            },
            "sensors": {
                "a": {"type": "asset_sensor", "job": "b", "watched_assets": ["x", "\t"]},
                "r": {"type": "run_status", "job": "b", "watched_jobs": [""], "status": "SUCCESS"},
                "f": {"type": "file_watcher", "job": "b", "path": "", "watched_assets": [""]}
            }
        }}));
        assert_eq!(
            errors,
            vec![
                err(
                    "/orchestration/jobs/b/selection/1",
                    false,
                    "Asset selection expressions cannot be empty"
                ),
                err(
                    "/orchestration/jobs/b/selection/2",
                    false,
                    "Asset selection expressions cannot be empty"
                ),
                err(
                    "/orchestration/sensors/a/watched_assets/1",
                    false,
                    "Watched asset names cannot be empty"
                ),
                err(
                    "/orchestration/sensors/r/watched_jobs/0",
                    false,
                    "Watched job names cannot be empty"
                ),
            ]
        );
    }

    #[test]
    fn python_dollar_allows_one_trailing_newline() {
        assert!(py_match(&IDENTIFIER_RE, "abc\n"));
        assert!(!py_match(&IDENTIFIER_RE, "abc\n\n"));
        assert!(!py_match(&IDENTIFIER_RE, "a-b"));
    }
}
