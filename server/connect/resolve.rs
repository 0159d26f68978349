//! Step 1: the catalog profile and its credentials, with `secret_ref`s resolved as upstream
//! resolves them (spec §2.7): environment variable `REF` upper-cased with `-` → `_` (empty counts
//! as missing), then the file `/var/run/secrets/<ref>`.

use std::path::Path;

use super::{Failure, fail};
use crate::model::suggest::{Listing, available as listed};
use crate::secrets::redact;
use crate::syntax::{Document, Node};

/// A credential value. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact::secret(&self.0))
    }
}

/// Everything the later steps need.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The catalog API root, without a trailing `/`.
    pub uri: String,
    pub warehouse: String,
    pub namespace: String,
    pub client_id: Secret,
    pub client_secret: Secret,
    pub scope: Option<String>,
}

impl Resolved {
    /// The URI for display (any `user:password@` masked).
    pub fn shown_uri(&self) -> String {
        redact::url(&self.uri)
    }

    /// Values that must never be printed.
    pub fn secret_values(&self) -> Vec<String> {
        vec![self.client_secret.0.clone(), self.client_id.0.clone()]
    }
}

/// The environment variable a `secret_ref` is read from.
pub fn env_name(reference: &str) -> String {
    reference.to_uppercase().replace('-', "_")
}

/// Resolves a `secret_ref` like upstream's `SecretReference.resolve()`.
pub fn secret(reference: &str, secrets_dir: &Path) -> Result<Secret, Failure> {
    let variable = env_name(reference);
    if let Some(value) = std::env::var(&variable).ok().filter(|v| !v.is_empty()) {
        return Ok(Secret(value));
    }
    let file = secrets_dir.join(reference);
    // A mounted secret is a regular file; anything else is never opened (a FIFO would block).
    if let Some(text) = crate::workspace::files::read(&file)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
    {
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            return Ok(Secret(trimmed.to_owned()));
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
fn string_or_secret(
    node: &Node,
    field: &str,
    secrets_dir: &Path,
) -> Result<Option<Secret>, Failure> {
    let Some(entry) = node.get(field) else {
        return Ok(None);
    };
    if let Some(text) = entry.value.as_str() {
        return Ok(Some(Secret(text.to_owned())));
    }
    if let Some(reference) = entry.value.get("secret_ref").and_then(|r| r.value.as_str()) {
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
    let catalogs = root.get("catalogs").map(|c| &c.value);
    let available: Vec<String> = catalogs
        .and_then(Node::as_mapping)
        .map(|e| e.iter().filter_map(|e| e.key.key_text()).collect())
        .unwrap_or_default();
    let profile = catalogs
        .and_then(|c| c.get(catalog))
        .map(|e| &e.value)
        .ok_or_else(|| {
            fail(
                format!(
                    "Catalog profile '{catalog}' not found. Available: {}",
                    listed(catalog, &available, Listing::Plain)
                ),
                "use --catalog with one of the available profiles, or add it to platform.yaml",
            )
        })?;
    let kind = profile
        .get("type")
        .and_then(|t| t.value.as_str())
        .unwrap_or("polaris");
    if !matches!(kind, "polaris" | "rest") {
        return Err(fail(
            format!("catalog type `{kind}` is not an Iceberg REST catalog"),
            "connect checks Polaris / Iceberg REST catalogs",
        ));
    }
    let uri = string_or_secret(profile, "uri", secrets_dir)?.ok_or_else(|| {
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
        .get("warehouse")
        .and_then(|w| w.value.as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            fail(
                "the catalog has no `warehouse`",
                "set `warehouse` to the Polaris catalog name",
            )
        })?;
    let namespace = profile
        .get("namespace")
        .and_then(|n| n.value.as_str())
        .unwrap_or("default")
        .to_owned();
    let credentials = profile.get("credentials").map(|c| &c.value);
    let mode = credentials
        .and_then(|c| c.get("mode"))
        .and_then(|m| m.value.as_str())
        .unwrap_or("static");
    if mode != "oauth2" {
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
    let client_id = string_or_secret(credentials, "client_id", secrets_dir)?.ok_or_else(|| {
        fail(
            "OAuth2 mode requires client_id",
            "set credentials.client_id",
        )
    })?;
    let client_secret =
        string_or_secret(credentials, "client_secret", secrets_dir)?.ok_or_else(|| {
            fail(
                "OAuth2 mode requires client_secret",
                "set credentials.client_secret: {secret_ref: …}",
            )
        })?;
    let scope = credentials
        .get("scope")
        .and_then(|s| s.value.as_str())
        .map(str::to_owned);
    Ok(Resolved {
        uri,
        warehouse,
        namespace,
        client_id,
        client_secret,
        scope,
    })
}
