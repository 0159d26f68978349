//! platform.yaml's custom validators: profile names, credential modes, layers, cloud, security.

use std::borrow::Cow;

use super::*;

/// `PlatformSpec.validate_profile_names` (field validator on `storage`, `catalogs`, `compute`).
pub(super) fn check_profile_names(root: &Object<'_>, out: &mut Vec<SemanticError>) {
    for section in Section::ALL.map(Section::key) {
        let Some(profiles) = root.get(section).and_then(|v| v.as_object()) else {
            continue;
        };
        for name in profiles.keys() {
            if !py_match(&PROFILE_NAME_RE, &name) {
                push(
                    out,
                    child(&child("", section), &name),
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
pub(super) fn check_credentials(root: &Object<'_>, out: &mut Vec<SemanticError>) {
    for section in Section::ALL.map(Section::key) {
        let Some(profiles) = root.get(section).and_then(|v| v.as_object()) else {
            continue;
        };
        for (name, profile) in profiles.iter() {
            let Some(credentials) = profile
                .as_object()
                .and_then(|p| p.get(key::CREDENTIALS))
                .and_then(|v| v.as_object())
            else {
                continue;
            };
            // Pointers are written only for a finding: most profiles have none.
            let pointer = || child(&child(&child("", section), &name), key::CREDENTIALS);
            check_credential_block(&credentials, &pointer, out);
        }
    }
}

fn check_credential_block(
    credentials: &Object<'_>,
    credentials_pointer: &dyn Fn() -> String,
    out: &mut Vec<SemanticError>,
) {
    // The `mode` value is what demands the missing field: point there.
    let pointer = || child(&credentials_pointer(), key::MODE);
    match str_field(credentials, key::MODE) {
        Some(credential_mode::OAUTH2) => {
            if missing_or_empty(credentials, key::CLIENT_ID) {
                push(
                    out,
                    pointer(),
                    false,
                    "OAuth2 mode requires client_id".to_owned(),
                );
            }
            if is_absent_or_null(credentials, key::CLIENT_SECRET) {
                push(
                    out,
                    pointer(),
                    false,
                    "OAuth2 mode requires client_secret".to_owned(),
                );
            }
        }
        // An empty role_arn fails its pattern in the schema; only absence is reported here.
        Some(credential_mode::IAM_ROLE) if is_absent_or_null(credentials, key::ROLE_ARN) => {
            push(
                out,
                pointer(),
                false,
                "IAM role mode requires role_arn".to_owned(),
            );
        }
        _ => {}
    }
}

/// `LayerConfig.validate_namespace_format` and `PlatformSpec.validate_layer_references`.
pub(super) fn check_layers(root: &Object<'_>, out: &mut Vec<SemanticError>) {
    let Some(layers) = root.get(key::LAYERS).and_then(|v| v.as_object()) else {
        return;
    };
    // A missing section is upstream's default `{}`; a non-mapping one is a schema error, and
    // then no cross reference is checked against it.
    let profile_keys = |section: &str| -> Option<Vec<String>> {
        match root.get(section) {
            None => Some(Vec::new()),
            Some(Json::Object(map)) => Some(map.keys().map(Cow::into_owned).collect()),
            Some(_) => None,
        }
    };
    let storage = profile_keys(key::STORAGE);
    let catalogs = profile_keys(key::CATALOGS);

    for (layer_name, layer) in layers.iter() {
        let Some(layer) = layer.as_object() else {
            continue;
        };
        let layer_ptr = || child(&child("", key::LAYERS), &layer_name);

        if let Some(namespace) = str_field(&layer, key::NAMESPACE) {
            let len = namespace.chars().count();
            if (1..=255).contains(&len)
                && let Some(message) = namespace_error(namespace)
            {
                push(out, child(&layer_ptr(), key::NAMESPACE), false, message);
            }
        }

        if let (Some(storage), Some(storage_ref)) = (&storage, str_field(&layer, key::STORAGE_REF))
            && !storage.iter().any(|k| k == storage_ref)
        {
            push(
                out,
                child(&layer_ptr(), key::STORAGE_REF),
                false,
                format!(
                    "Layer '{layer_name}' references non-existent storage profile '{storage_ref}'. Available storage profiles: {}",
                    available(storage_ref, storage, Listing::Python)
                ),
            );
        }

        if let Some(catalogs) = &catalogs {
            let (catalog_ref, at_key) = match layer.get(key::CATALOG_REF) {
                None => (DEFAULT_PROFILE, true),
                Some(Json::String(s)) => (s, false),
                Some(_) => continue,
            };
            if !catalogs.iter().any(|k| k == catalog_ref) {
                let pointer = if at_key {
                    layer_ptr()
                } else {
                    child(&layer_ptr(), key::CATALOG_REF)
                };
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
pub(super) fn check_infrastructure(root: &Object<'_>, out: &mut Vec<SemanticError>) {
    let Some(cloud) = root
        .get(key::INFRASTRUCTURE)
        .and_then(|v| v.as_object())
        .and_then(|i| i.get(key::CLOUD))
        .and_then(|v| v.as_object())
    else {
        return;
    };
    if str_field(&cloud, key::PROVIDER) == Some(PROVIDER_AWS)
        && missing_or_empty(&cloud, key::REGION)
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
pub(super) fn check_security(root: &Object<'_>, out: &mut Vec<SemanticError>) {
    let Some(security) = root.get(key::SECURITY).and_then(|v| v.as_object()) else {
        return;
    };
    let security_pointer = child("", key::SECURITY);

    if let Some(auth) = security
        .get(key::AUTHENTICATION)
        .and_then(|v| v.as_object())
        && auth.get(key::ENABLED).and_then(|v| v.as_bool()) == Some(true)
        && str_field(&auth, key::METHOD) == Some(AUTH_METHOD_OIDC)
        && is_absent_or_null(&auth, key::OIDC)
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
        .and_then(|v| v.as_object())
        .and_then(|b| b.get(key::VAULT))
        .and_then(|v| v.as_object())
        && vault.get(key::ENABLED).and_then(|v| v.as_bool()) == Some(true)
    {
        let pointer = &child(&child(&security_pointer, key::SECRET_BACKENDS), key::VAULT);
        if missing_or_empty(&vault, key::SERVER_URL) {
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
        if kubernetes_auth && missing_or_empty(&vault, key::KUBERNETES_ROLE) {
            push(
                out,
                pointer.to_owned(),
                false,
                "Kubernetes auth method requires kubernetes_role".to_owned(),
            );
        }
    }
}
