//! What step 1 hands the later steps, whichever dialect it came from: where the catalog is, who
//! to be, what to ask for, and how floe's own client for that dialect would ask.

use crate::dialect::runtime::constants::{PRINCIPAL_ROLE_ALL, TOKEN_PATH};
use crate::dialect::runtime::vocabulary::{CREDENTIALS, SCOPE};
use crate::dialect::v1::Category;
use crate::dialect::v1::vocabulary::{self as v1, PYICEBERG_DEFAULT_SCOPE};
use crate::secrets::redact;

/// A credential value. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&redact::secret(&self.0))
    }
}

/// Whose client the check imitates: the two dialects reach the catalog differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    /// floe-runtime's dbt plugin: token at `<uri>/v1/oauth/tokens`, `PRINCIPAL_ROLE:ALL` when no
    /// scope is set, and its inline-credential ATTACH verbatim (no scope in it).
    Runtime,
    /// Generation B's Polaris plugin through PyIceberg: token at the configured `token_url`, a
    /// scope only when one is set (else PyIceberg's own `catalog`).
    V1,
}

/// Which namespace the namespace step looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Namespace {
    /// Generation A's `namespace`: dbt writes into it, so it must exist.
    Required(String),
    /// A Generation B product's (its name with `-` → `_`): the runtime's export creates it on the
    /// product's first run, so a missing one is reported, not failed.
    Product(String),
    /// A manifest on its own: the namespaces are listed.
    Any,
}

/// Object storage settings the runtime hands PyIceberg with the catalog (Generation B's
/// `plugins.storage.config`, S3 only).
#[derive(Debug, Clone)]
pub struct Storage {
    /// As written (`http://minio:9000`, or a bare host).
    pub endpoint: String,
    pub bucket: String,
    pub region: String,
    pub path_style_access: bool,
    /// Both keys, when the config gives them (else the runtime reads `AWS_*` from its
    /// environment).
    pub keys: Option<(Secret, Secret)>,
}

/// Everything the later steps need.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub client: Client,
    /// The catalog API root, without a trailing `/`.
    pub uri: String,
    /// Where the OAuth2 client-credentials request goes.
    pub token_url: String,
    pub warehouse: String,
    pub namespace: Namespace,
    pub client_id: Secret,
    pub client_secret: Secret,
    /// The configured scope, if any.
    pub scope: Option<String>,
    /// Ask the catalog for vended storage credentials (the ATTACH's default).
    pub vended_credentials: bool,
    pub storage: Option<Storage>,
}

impl Resolved {
    /// The URI for display (any `user:password@` masked).
    pub fn shown_uri(&self) -> String {
        redact::url(&self.uri)
    }

    /// The scope the token request sends: the configured one, else the client's default.
    pub fn sent_scope(&self) -> &str {
        self.scope.as_deref().unwrap_or(match self.client {
            Client::Runtime => PRINCIPAL_ROLE_ALL,
            Client::V1 => PYICEBERG_DEFAULT_SCOPE,
        })
    }

    /// Values that must never be printed.
    pub fn secret_values(&self) -> Vec<String> {
        let mut values = vec![self.client_secret.0.clone(), self.client_id.0.clone()];
        if let Some((id, secret)) = self.storage.as_ref().and_then(|s| s.keys.as_ref()) {
            values.extend([secret.0.clone(), id.0.clone()]);
        }
        values
    }

    /// How a fix names a setting: Generation A's key, or its place in the manifest.
    pub fn key(&self, setting: Setting) -> String {
        match self.client {
            Client::Runtime => match setting {
                Setting::Uri => "`uri`".into(),
                Setting::TokenUrl => {
                    format!("`uri` (the token is fetched at <uri>{TOKEN_PATH})")
                }
                Setting::Scope => format!("`{CREDENTIALS}.{SCOPE}`"),
                Setting::Warehouse => "`warehouse`".into(),
                Setting::Credentials => "the client id and secret (the secret_ref values in the environment or /var/run/secrets)".into(),
            },
            Client::V1 => match setting {
                Setting::Uri => catalog_setting(&[v1::POLARIS_URI]),
                Setting::TokenUrl => catalog_setting(&[v1::OAUTH2, v1::OAUTH2_TOKEN_URL]),
                Setting::Scope => catalog_setting(&[v1::OAUTH2, v1::OAUTH2_SCOPE]),
                Setting::Warehouse => catalog_setting(&[v1::POLARIS_WAREHOUSE]),
                Setting::Credentials => format!(
                    "{} and its `{}`",
                    catalog_setting(&[v1::OAUTH2, v1::OAUTH2_CLIENT_ID]),
                    v1::OAUTH2_CLIENT_SECRET
                ),
            },
        }
    }
}

/// `` `plugins.catalog.config.<path>` ``.
pub fn catalog_setting(path: &[&str]) -> String {
    let mut parts = vec![v1::PLUGINS, Category::Catalog.key(), v1::PLUGIN_CONFIG];
    parts.extend_from_slice(path);
    format!("`{}`", parts.join("."))
}

/// A setting a fix may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Uri,
    TokenUrl,
    Scope,
    Warehouse,
    Credentials,
}
