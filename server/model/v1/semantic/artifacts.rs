//! manifest.yaml `artifacts` validators: registry auth, signing, verification and promotion.

use serde_json::{Map, Value};

use super::manifest::all_strings;
use super::{
    V1Check, V1Finding, array, child, duplicates, object, py_list, py_set, string, upstream,
};
use crate::dialect::v1::keys as key;
use crate::model::v1::promotion::{SEVERITY_LEVELS, WEBHOOK_EVENTS};
use crate::syntax::json_pointer;

pub(super) fn check(artifacts: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    if let Some(registry) = object(artifacts, key::REGISTRY) {
        check_registry(registry, out);
    }
    if let Some(promotion) = object(artifacts, key::PROMOTION) {
        check_promotion(promotion, out);
    }
}

fn auth_type_repr(auth_type: &str) -> Option<&'static str> {
    Some(match auth_type {
        "anonymous" => "AuthType.ANONYMOUS",
        key::AUTH_BASIC => "AuthType.BASIC",
        key::AUTH_TOKEN => "AuthType.TOKEN",
        "aws-irsa" => "AuthType.AWS_IRSA",
        "azure-managed-identity" => "AuthType.AZURE_MANAGED_IDENTITY",
        "gcp-workload-identity" => "AuthType.GCP_WORKLOAD_IDENTITY",
        _ => return None,
    })
}

fn check_registry(registry: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    // RegistryAuth.validate_credentials_ref: a field validator, so it runs only when
    // `credentials_ref` is written (upstream gap: leaving it out passes for basic/token).
    if let Some(auth) = object(registry, key::AUTH)
        && let Some(auth_type) = string(auth, key::TYPE)
        && let Some(repr) = auth_type_repr(auth_type)
        && let Some(reference) = auth.get(key::CREDENTIALS_REF)
    {
        let pointer = json_pointer::of(&[
            key::ARTIFACTS,
            key::REGISTRY,
            key::AUTH,
            key::CREDENTIALS_REF,
        ]);
        let needs_reference = [key::AUTH_BASIC, key::AUTH_TOKEN].contains(&auth_type);
        if needs_reference && reference.is_null() {
            let message = format!("credentials_ref required for auth type '{repr}'");
            out.push(upstream(V1Check::Validator, pointer, false, message));
        } else if !needs_reference && !reference.is_null() {
            let message = format!("credentials_ref must be None for auth type '{repr}'");
            out.push(upstream(V1Check::Validator, pointer, false, message));
        }
    }
    if let Some(signing) = object(registry, key::SIGNING) {
        check_signing(signing, out);
    }
    if let Some(verification) = object(registry, key::VERIFICATION) {
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
    let message = match string(signing, key::MODE) {
        Some(key::SIGNING_KEYLESS) if !truthy(signing, key::OIDC_ISSUER) => {
            "oidc_issuer required for keyless mode"
        }
        Some(key::SIGNING_KEY_BASED) if !truthy(signing, key::PRIVATE_KEY_REF) => {
            "private_key_ref required for key-based mode"
        }
        Some(key::SIGNING_KEYLESS) if truthy(signing, key::PRIVATE_KEY_REF) => {
            "private_key_ref not allowed for keyless mode"
        }
        _ => return,
    };
    out.push(upstream(
        V1Check::Validator,
        json_pointer::of(&[key::ARTIFACTS, key::REGISTRY, key::SIGNING]),
        false,
        message.to_owned(),
    ));
}

/// `VerificationPolicy.validate_verification_config` and `TrustedIssuer.validate_subject`.
fn check_verification(verification: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let base = json_pointer::of(&[key::ARTIFACTS, key::REGISTRY, key::VERIFICATION]);
    let enabled = verification
        .get(key::ENABLED)
        .and_then(Value::as_bool)
        .unwrap_or(true);
    if enabled
        && !truthy(verification, key::TRUSTED_ISSUERS)
        && !truthy(verification, key::PUBLIC_KEY_REF)
    {
        out.push(upstream(
            V1Check::Validator,
            base.clone(),
            false,
            "At least one of trusted_issuers or public_key_ref required when enabled".to_owned(),
        ));
    }
    let Some(issuers) = array(verification, key::TRUSTED_ISSUERS) else {
        return;
    };
    for (index, issuer) in issuers.iter().enumerate() {
        let Some(issuer) = issuer.as_object() else {
            continue;
        };
        let (subject, regex) = (
            truthy(issuer, key::SUBJECT),
            truthy(issuer, key::SUBJECT_REGEX),
        );
        let message = match (subject, regex) {
            (false, false) => "Either subject or subject_regex required",
            (true, true) => "subject and subject_regex are mutually exclusive",
            _ => continue,
        };
        out.push(upstream(
            V1Check::Validator,
            child(&child(&base, key::TRUSTED_ISSUERS), &index.to_string()),
            false,
            message.to_owned(),
        ));
    }
}

fn check_promotion(promotion: &Map<String, Value>, out: &mut Vec<V1Finding>) {
    let base = json_pointer::of(&[key::ARTIFACTS, key::PROMOTION]);
    if let Some(environments) = array(promotion, key::ENVIRONMENTS) {
        let names: Vec<(usize, &str)> = environments
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, string(e.as_object()?, key::NAME)?)))
            .collect();
        let (repeated, _) = duplicates(&names);
        if !repeated.is_empty() {
            out.push(upstream(
                V1Check::DuplicateName,
                child(&base, key::ENVIRONMENTS),
                false,
                format!(
                    "Environment names must be unique. Duplicates found: {}",
                    py_set(&repeated)
                ),
            ));
        }
        for (index, environment) in environments.iter().enumerate() {
            let Some(gates) = environment.as_object().and_then(|e| object(e, key::GATES)) else {
                continue;
            };
            let pointer = child(
                &child(&child(&base, key::ENVIRONMENTS), &index.to_string()),
                key::GATES,
            );
            if gates.get(key::POLICY_COMPLIANCE) == Some(&Value::Bool(false)) {
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
    if let Some(commands) = object(promotion, key::GATE_COMMANDS) {
        for (gate, command) in commands {
            if let Some(command) = command.as_object() {
                check_security_gate(
                    command,
                    &child(&child(&base, key::GATE_COMMANDS), gate),
                    out,
                );
            }
        }
    }
    if let Some(webhooks) = array(promotion, key::WEBHOOKS) {
        for (index, webhook) in webhooks.iter().enumerate() {
            let Some(events) = webhook
                .as_object()
                .and_then(|w| array(w, key::EVENTS))
                .and_then(|e| all_strings(e))
            else {
                continue;
            };
            let invalid = sorted_invalid(&events, &WEBHOOK_EVENTS);
            if !invalid.is_empty() {
                out.push(upstream(
                    V1Check::Validator,
                    child(
                        &child(&child(&base, key::WEBHOOKS), &index.to_string()),
                        key::EVENTS,
                    ),
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
    let Some(levels) = array(gate, key::BLOCK_ON_SEVERITY).and_then(|l| all_strings(l)) else {
        return;
    };
    let invalid = sorted_invalid(&levels, &SEVERITY_LEVELS);
    if !invalid.is_empty() {
        out.push(upstream(
            V1Check::Validator,
            child(pointer, key::BLOCK_ON_SEVERITY),
            false,
            format!(
                "Invalid severity levels: {}. Valid levels: {}",
                py_set(&invalid),
                py_list(&SEVERITY_LEVELS)
            ),
        ));
    }
}
