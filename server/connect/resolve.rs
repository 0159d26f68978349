//! Step 1: the catalog profile and its credentials, with `secret_ref`s resolved as upstream
//! resolves them (spec §2.7): environment variable `REF` upper-cased with `-` → `_` (empty counts
//! as missing), then the file `/var/run/secrets/<ref>`.

use std::path::Path;

use super::resolved::{Client, Namespace, Resolved, Secret};
use super::{Failure, fail};
use crate::dialect::runtime::access::Platform;
use crate::dialect::runtime::constants::{
    DEFAULT_NAMESPACE, TOKEN_PATH, catalog_type, credential_mode,
};
use crate::dialect::runtime::vocabulary::{SECRET_REF, Section};
use crate::model::suggest::{Listing, available as listed};
use crate::secrets::redact;
use crate::syntax::{Document, Entry};

/// The environment variable a `secret_ref` is read from.
pub fn env_name(reference: &str) -> String {
    reference.to_uppercase().replace('-', "_")
}

/// Resolves a `secret_ref` like upstream's `SecretReference.resolve()`.
pub fn secret(reference: &str, secrets_dir: &Path) -> Result<Secret, Failure> {
    let variable = env_name(reference);
    if let Some(value) = std::env::var(&variable).ok().filter(|v| !v.is_empty()) {
        return Ok(Secret::new(value));
    }
    let file = secrets_dir.join(reference);
    // A mounted secret is a regular file; anything else is never opened (a FIFO would block).
    if let Some(text) = crate::workspace::files::read(&file)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    {
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            return Ok(Secret::new(trimmed));
        }
    }
    Err(fail(
        format!(
            "Secret '{reference}' not found. Expected in environment variable '{variable}' or K8s secret mount at '{}'",
            file.display()
        ),
        format!(
            "set the environment variable {variable} (or mount the secret at {})",
            file.display()
        ),
    ))
}

/// A field that is a string or `{secret_ref: …}`.
fn string_or_secret(entry: Option<&Entry>, secrets_dir: &Path) -> Result<Option<Secret>, Failure> {
    let Some(entry) = entry else {
        return Ok(None);
    };
    if let Some(text) = entry.value.as_str() {
        return Ok(Some(Secret::new(text)));
    }
    if let Some(reference) = entry.value.get(SECRET_REF).and_then(|r| r.value.as_str()) {
        return secret(reference, secrets_dir).map(Some);
    }
    Ok(None)
}

pub fn resolve(
    platform: &Document,
    catalog: &str,
    secrets_dir: &Path,
) -> Result<Resolved, Failure> {
    let root = platform.root.as_ref().ok_or_else(|| {
        fail(
            "platform.yaml is empty or does not load",
            "fix the findings of `floe-lint check` first",
        )
    })?;
    let platform = Platform::from_root(root);
    let profile = platform.catalog(catalog).ok_or_else(|| {
        fail(
            format!(
                "Catalog profile '{catalog}' not found. Available: {}",
                listed(
                    catalog,
                    &platform.profile_names(Section::Catalogs),
                    Listing::Plain
                )
            ),
            "use --catalog with one of the available profiles, or add it to platform.yaml",
        )
    })?;
    let kind = profile
        .kind()
        .map_or(catalog_type::DEFAULT, |(kind, _)| kind);
    if ![catalog_type::POLARIS, catalog_type::REST].contains(&kind) {
        return Err(fail(
            format!("catalog type `{kind}` is not an Iceberg REST catalog"),
            "connect checks Polaris / Iceberg REST catalogs",
        ));
    }
    let uri = string_or_secret(profile.uri(), secrets_dir)?.ok_or_else(|| {
        fail(
            "the catalog has no `uri`",
            "set `uri` to the catalog API root, e.g. https://polaris.example.com/api/catalog",
        )
    })?;
    let uri = uri.expose().trim().trim_end_matches('/').to_owned();
    if !(uri.starts_with("http://") || uri.starts_with("https://")) {
        return Err(fail(
            format!(
                "URI must start with http:// or https://, got: {}",
                redact::url(&uri)
            ),
            "use the catalog's http(s) API root",
        ));
    }
    let warehouse = profile
        .warehouse()
        .map(|(warehouse, _)| warehouse.to_owned())
        .ok_or_else(|| {
            fail(
                "the catalog has no `warehouse`",
                "set `warehouse` to the Polaris catalog name",
            )
        })?;
    let namespace = profile
        .namespace()
        .map_or(DEFAULT_NAMESPACE, |(namespace, _)| namespace)
        .to_owned();
    let credentials = profile.credentials();
    let mode = credentials
        .and_then(|c| c.mode())
        .map_or(credential_mode::DEFAULT, |(mode, _)| mode);
    if mode != credential_mode::OAUTH2 {
        return Err(fail(
            format!(
                "credentials mode is `{mode}`; the catalog check needs OAuth2 client credentials"
            ),
            "use `credentials: {mode: oauth2, client_id: …, client_secret: {secret_ref: …}}`",
        ));
    }
    let Some(credentials) = credentials else {
        return Err(fail(
            "the catalog has no credentials",
            "add oauth2 credentials",
        ));
    };
    let client_id = string_or_secret(credentials.client_id(), secrets_dir)?.ok_or_else(|| {
        fail(
            "OAuth2 mode requires client_id",
            "set credentials.client_id",
        )
    })?;
    let client_secret =
        string_or_secret(credentials.client_secret(), secrets_dir)?.ok_or_else(|| {
            fail(
                "OAuth2 mode requires client_secret",
                "set credentials.client_secret: {secret_ref: …}",
            )
        })?;
    let scope = credentials.scope().map(|(scope, _)| scope.to_owned());
    Ok(Resolved {
        client: Client::Runtime,
        token_url: format!("{uri}{TOKEN_PATH}"),
        uri,
        warehouse,
        namespace: Namespace::Required(namespace),
        client_id,
        client_secret,
        scope,
        vended_credentials: true,
        storage: None,
    })
}
