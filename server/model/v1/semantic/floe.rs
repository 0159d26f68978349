//! floe.yaml (FloeSpec) validators: FR-014 forbidden keys, unique names, the `config` size
//! limit and alias conflicts.

use serde_json::{Map, Value};

use super::{
    UpstreamSeverity, V1Check, V1Finding, array, child, duplicates, object, string, upstream,
};
use crate::dialect::v1::keys as key;
use crate::model::semantic::SemanticError;
use crate::model::v1::aliases;

/// Keys FR-014 forbids anywhere in floe.yaml, compared lower-cased: environment-specific
/// settings that belong in the platform manifest.
pub const FR014_KEYS: [&str; 13] = [
    "database",
    "schema",
    "host",
    "port",
    "username",
    "password",
    "credentials",
    "connection_string",
    "endpoint",
    "access_key",
    "secret_key",
    "token",
    "api_key",
];

/// Most keys a destination's `config` may have.
const MAX_CONFIG_KEYS: usize = 50;

pub(super) fn check(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    check_aliases(root, "", aliases::FLOE_SPEC, out);
    if let Some(transforms) = array(root, key::TRANSFORMS) {
        for (index, transform) in transforms.iter().enumerate() {
            if let Some(transform) = transform.as_object() {
                let pointer = child(&child("", key::TRANSFORMS), &index.to_string());
                check_aliases(transform, &pointer, aliases::TRANSFORM_SPEC, out);
            }
        }
    }
    check_forbidden_keys(root, out);
    check_unique_names(root, key::TRANSFORMS, "transform", out);
    check_unique_names(root, key::DESTINATIONS, "destination", out);
    check_destination_configs(root, out);
}

/// `populate_by_name`: the alias and the field name at once. pydantic takes the alias and
/// rejects the field name as an unknown key.
fn check_aliases(
    map: &Map<String, Value>,
    pointer: &str,
    pairs: &[(&str, &str)],
    out: &mut Vec<V1Finding>,
) {
    for (alias, name) in pairs {
        if map.contains_key(*alias) && map.contains_key(*name) {
            out.push(V1Finding {
                check: V1Check::AliasConflict,
                severity: UpstreamSeverity::Error,
                error: SemanticError {
                    pointer: child(pointer, name),
                    at_key: true,
                    message: format!(
                        "Extra inputs are not permitted: `{name}` is the same field as `{alias}`, which is also given; keep one spelling"
                    ),
                },
                upstream_message: Some("Extra inputs are not permitted".to_owned()),
            });
        }
    }
}

/// One key FR-014 forbids: its JSON pointer and its path as upstream prints it
/// (`transforms[0].database`).
struct ForbiddenKey {
    pointer: String,
    path: String,
}

/// `FloeSpec.validate_no_environment_fields`: any key in [`FR014_KEYS`] (lower-cased), in
/// mappings at any depth and in mappings that are list items. Lists directly inside lists are
/// not searched, as upstream does not.
fn check_forbidden_keys(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let mut found = Vec::new();
    scan_mapping(root, "", "", &mut found);
    if found.is_empty() {
        return;
    }
    let mut all_paths: Vec<&str> = found.iter().map(|f| f.path.as_str()).collect();
    all_paths.sort_unstable();
    all_paths.dedup();
    let full = forbidden_message(&all_paths.join(", "));
    for key in &found {
        out.push(V1Finding {
            check: V1Check::EnvironmentFieldInSpec,
            severity: UpstreamSeverity::Error,
            error: SemanticError {
                pointer: key.pointer.clone(),
                at_key: true,
                message: forbidden_message(&key.path),
            },
            upstream_message: (found.len() > 1).then(|| full.clone()),
        });
    }
}

fn forbidden_message(paths: &str) -> String {
    format!(
        "Environment-specific fields are not allowed in FloeSpec: {paths}. Use platform manifest for environment configuration (FR-014)."
    )
}

fn scan_mapping(
    map: &Map<String, Value>,
    pointer: &str,
    path: &str,
    found: &mut Vec<ForbiddenKey>,
) {
    for (key, value) in map {
        let key_pointer = child(pointer, key);
        let key_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        if FR014_KEYS.contains(&key.to_lowercase().as_str()) {
            found.push(ForbiddenKey {
                pointer: key_pointer.clone(),
                path: key_path.clone(),
            });
        }
        match value {
            Value::Object(inner) => scan_mapping(inner, &key_pointer, &key_path, found),
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if let Value::Object(inner) = item {
                        scan_mapping(
                            inner,
                            &child(&key_pointer, &index.to_string()),
                            &format!("{key_path}[{index}]"),
                            found,
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

/// `validate_unique_transform_names` / `validate_unique_destination_names`. Upstream reports
/// at the list; each repetition is reported here, at its `name`.
fn check_unique_names(root: &Map<String, Value>, list: &str, what: &str, out: &mut Vec<V1Finding>) {
    let Some(items) = array(root, list) else {
        return;
    };
    let names: Vec<(usize, &str)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| Some((i, string(item.as_object()?, key::NAME)?)))
        .collect();
    let (repeated, positions) = duplicates(&names);
    if repeated.is_empty() {
        return;
    }
    let message = format!(
        "Duplicate {what} names are not allowed: {}",
        repeated.join(", ")
    );
    for position in positions {
        let pointer = child(&child(&child("", list), &position.to_string()), key::NAME);
        out.push(upstream(
            V1Check::DuplicateName,
            pointer,
            false,
            message.clone(),
        ));
    }
}

/// `DestinationConfig.validate_config_depth`.
fn check_destination_configs(root: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let Some(destinations) = array(root, key::DESTINATIONS) else {
        return;
    };
    for (index, destination) in destinations.iter().enumerate() {
        let Some(config) = destination.as_object().and_then(|d| object(d, key::CONFIG)) else {
            continue;
        };
        if config.len() > MAX_CONFIG_KEYS {
            out.push(upstream(
                V1Check::ConfigTooLarge,
                child(
                    &child(&child("", key::DESTINATIONS), &index.to_string()),
                    key::CONFIG,
                ),
                false,
                format!(
                    "config has {} keys, max {MAX_CONFIG_KEYS} allowed",
                    config.len()
                ),
            ));
        }
    }
}
