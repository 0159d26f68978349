//! The custom validators of the plugin config models, with upstream's wording. Pointers are
//! absolute (`/plugins/lineage_backend/config`), like the manifest's.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

use super::{LocatedConfig, PluginConfigKind, error, locate};
use crate::dialect::v1::keys as key;
use crate::loopback::{hostname, is_localhost};
use crate::model::semantic::SemanticError;
use crate::model::v1::semantic::{child, duplicates, py_list};

const SOURCE_TYPES: [&str; 3] = ["filesystem", "rest_api", "sql_database"];
const WRITE_MODES: [&str; 3] = ["append", key::WRITE_MODE_MERGE, "replace"];
const SCHEMA_CONTRACTS: [&str; 3] = ["discard_value", "evolve", "freeze"];

/// Every custom-validator failure of the manifest's plugin configs (the schema of each model,
/// [`super::schema`], covers types, required keys, ranges and unknown keys).
///
/// Marquez's `http://` rule cannot see the runtime's `FLOE_ALLOW_INSECURE_HTTP` environment
/// variable: it is reported unless the config itself sets `allow_insecure_http: true`.
pub fn check(manifest: &Value) -> Vec<SemanticError> {
    let mut out = Vec::new();
    for LocatedConfig {
        kind,
        pointer,
        value,
    } in locate(manifest)
    {
        let Some(config) = value.as_object() else {
            continue;
        };
        match kind {
            PluginConfigKind::Marquez => check_marquez(config, pointer, &mut out),
            PluginConfigKind::Cube => check_cube(config, pointer, &mut out),
            PluginConfigKind::Dlt => check_dlt(config, pointer, &mut out),
            PluginConfigKind::K8sSecrets => check_k8s(config, pointer, &mut out),
            PluginConfigKind::Infisical => check_infisical(config, pointer, &mut out),
            PluginConfigKind::Keycloak => check_keycloak(config, pointer, &mut out),
            PluginConfigKind::Polaris | PluginConfigKind::S3 => {}
        }
    }
    out
}

/// `MarquezConfig.validate_url_security` (model validator: reported at the config).
fn check_marquez(config: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    let url = match config.get(key::URL) {
        None => return, // the default, https://marquez:5000
        Some(Value::String(url)) => url.trim_end_matches('/'),
        Some(_) => return,
    };
    let allow_insecure = config.get(key::ALLOW_INSECURE_HTTP) == Some(&Value::Bool(true));
    if url.starts_with("http://") {
        let host = hostname(url);
        if is_localhost(&host) || allow_insecure {
            return;
        }
        out.push(error(
            pointer.to_owned(),
            format!(
                "HTTP not allowed for '{host}'. url must use HTTPS for non-localhost URLs. HTTP is only allowed for localhost development. Set allow_insecure_http=true in manifest config or FLOE_ALLOW_INSECURE_HTTP=true to override (not recommended)."
            ),
        ));
    } else if !url.starts_with("https://") {
        out.push(error(
            pointer.to_owned(),
            "url must start with https:// or http://localhost".to_owned(),
        ));
    }
}

/// `CubeSemanticConfig.validate_server_url` and `validate_health_check_timeout`.
fn check_cube(config: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    if let Some(url) = config.get(key::SERVER_URL).and_then(Value::as_str) {
        let url = url.trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            out.push(error(
                child(pointer, key::SERVER_URL),
                "server_url must start with http:// or https://".to_owned(),
            ));
        }
    }
    if let Some(timeout) = config
        .get(key::HEALTH_CHECK_TIMEOUT)
        .and_then(Value::as_f64)
        && timeout <= 0.0
    {
        out.push(error(
            child(pointer, key::HEALTH_CHECK_TIMEOUT),
            "health_check_timeout must be positive".to_owned(),
        ));
    }
}

/// `IngestionSourceConfig`'s field and model validators and
/// `DltIngestionConfig.validate_unique_source_names`.
fn check_dlt(config: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    let Some(sources) = config.get(key::SOURCES).and_then(Value::as_array) else {
        return;
    };
    let sources_pointer = child(pointer, key::SOURCES);
    for (index, source) in sources.iter().enumerate() {
        let Some(source) = source.as_object() else {
            continue;
        };
        let at = child(&sources_pointer, &index.to_string());
        if let Some(name) = source.get(key::NAME).and_then(Value::as_str) {
            // `v.replace("_", "").replace("-", "").isalnum()`: empty after removal fails too.
            let rest: String = name.chars().filter(|c| *c != '_' && *c != '-').collect();
            let length = name.chars().count();
            if (1..=100).contains(&length)
                && (rest.is_empty() || !rest.chars().all(char::is_alphanumeric))
            {
                out.push(error(
                    child(&at, key::NAME),
                    format!(
                        "Source name '{name}' contains invalid characters. Only alphanumeric, underscore, and hyphen are allowed."
                    ),
                ));
            }
        }
        for (field, allowed) in [
            (key::SOURCE_TYPE, &SOURCE_TYPES),
            (key::WRITE_MODE, &WRITE_MODES),
            (key::SCHEMA_CONTRACT, &SCHEMA_CONTRACTS),
        ] {
            if let Some(value) = source.get(field).and_then(Value::as_str)
                && !allowed.contains(&value)
            {
                out.push(error(
                    child(&at, field),
                    format!("{field} must be one of {}, got '{value}'", py_list(allowed)),
                ));
            }
        }
        let merge =
            source.get(key::WRITE_MODE).and_then(Value::as_str) == Some(key::WRITE_MODE_MERGE);
        if merge && matches!(source.get(key::PRIMARY_KEY), None | Some(Value::Null)) {
            out.push(error(
                at,
                "primary_key is required when write_mode is 'merge'".to_owned(),
            ));
        }
    }
    let names: Vec<(usize, &str)> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.as_object()?.get(key::NAME)?.as_str()?)))
        .collect();
    let (repeated, _) = duplicates(&names);
    if !repeated.is_empty() {
        out.push(error(
            sources_pointer,
            format!("Duplicate source names found: {}", py_list(&repeated)),
        ));
    }
}

/// `K8sSecretsConfig.validate_labels`. Upstream stops at the first bad label; each is
/// reported here.
fn check_k8s(config: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    let Some(labels) = config.get(key::LABELS).and_then(Value::as_object) else {
        return;
    };
    let labels_pointer = child(pointer, key::LABELS);
    for (key, value) in labels {
        if key.chars().count() > 253 {
            out.push(SemanticError {
                pointer: child(&labels_pointer, key),
                at_key: true,
                message: format!("Label key too long: {key}"),
            });
        } else if let Some(value) = value.as_str()
            && value.chars().count() > 63
        {
            out.push(error(
                child(&labels_pointer, key),
                format!("Label value too long for key {key}: {value}"),
            ));
        }
    }
}

static HTTPS_URL_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^https://[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9](?::\d+)?$").ok());

/// `InfisicalSecretsConfig.validate_site_url`.
fn check_infisical(config: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    let Some(url) = config.get(key::SITE_URL).and_then(Value::as_str) else {
        return;
    };
    let url = url.trim_end_matches('/');
    let message = if !url.starts_with("https://") {
        "site_url must use HTTPS for security".to_owned()
    } else if !HTTPS_URL_RE.as_ref().is_some_and(|re| re.is_match(url)) {
        format!("Invalid site URL format: {url}")
    } else {
        return;
    };
    out.push(error(child(pointer, key::SITE_URL), message));
}

/// `KeycloakIdentityConfig.validate_server_url` and `validate_client_secret`. String values
/// are whitespace-stripped first (`str_strip_whitespace`).
fn check_keycloak(config: &Map<String, Value>, pointer: &str, out: &mut Vec<SemanticError>) {
    if let Some(url) = config.get(key::SERVER_URL).and_then(Value::as_str) {
        let url = url.trim().trim_end_matches('/');
        if url.starts_with("http://") {
            let host = hostname(url);
            if !is_localhost(&host) {
                out.push(error(
                    child(pointer, key::SERVER_URL),
                    format!(
                        "HTTP not allowed for '{host}'. server_url must use HTTPS for non-localhost URLs. HTTP is only allowed for localhost development."
                    ),
                ));
            }
        } else if !url.is_empty() && !url.starts_with("https://") {
            out.push(error(
                child(pointer, key::SERVER_URL),
                "server_url must start with https:// or http://localhost".to_owned(),
            ));
        }
    }
    if config.get(key::CLIENT_SECRET).and_then(Value::as_str) == Some("") {
        out.push(error(
            child(pointer, key::CLIENT_SECRET),
            "client_secret cannot be empty".to_owned(),
        ));
    }
}
