//! Secret references and credentials: what a profile authenticates with.

use super::*;

/// A reference to a secret held outside the file, written as `{secret_ref: <name>}`.
///
/// At run time floe reads the environment variable named after the reference (upper-cased, `-`
/// replaced by `_`, e.g. `polaris-client-secret` → `POLARIS_CLIENT_SECRET`), then the file
/// `/var/run/secrets/<name>`. The secret value itself never appears in the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SecretReference {
    /// Kubernetes secret name or environment-variable stem: 1–253 letters, digits, `_` or `-`,
    /// starting with a letter or digit. Dots are not allowed (`my.secret` is rejected).
    #[schemars(regex(pattern = K8S_SECRET_PATTERN), length(min = 1, max = 253))]
    pub secret_ref: String,
}

/// A plain string, or a `{secret_ref: <name>}` mapping when the value should come from a secret.
///
/// Its schema is a single object-or-string schema rather than an `anyOf`, so that a mistake
/// inside the mapping (say a bad `secret_ref`) is reported at its own location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StringOrSecretRef {
    /// The value written inline.
    Literal(String),
    /// The value resolved at run time from a secret.
    Secret(SecretReference),
}

impl JsonSchema for StringOrSecretRef {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "StringOrSecretRef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // `properties`, `required` and `additionalProperties` only constrain objects, so this
        // accepts any string, or exactly a `SecretReference` mapping.
        let mut schema = SecretReference::json_schema(generator);
        schema.insert("type".into(), json!(["string", "object"]));
        schema.insert(
            "description".into(),
            json!("A plain string, or `{secret_ref: <name>}` to read the value from a secret."),
        );
        schema
    }
}

impl StringOrSecretRef {
    /// The inline string, if the value is not a secret reference.
    pub fn as_literal(&self) -> Option<&str> {
        match self {
            StringOrSecretRef::Literal(s) => Some(s),
            StringOrSecretRef::Secret(_) => None,
        }
    }
}

/// How a profile obtains its credentials: `static`, `oauth2`, `iam_role` or `service_account`.
///
/// `static` reads a secret (or environment fallback), `oauth2` uses the client-credentials flow
/// and needs `client_id` and `client_secret`, `iam_role` assumes an AWS role and needs
/// `role_arn`, `service_account` uses GCP/Azure workload identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CredentialMode {
    Static,
    Oauth2,
    IamRole,
    ServiceAccount,
}

fn default_credential_mode() -> CredentialMode {
    CredentialMode::Static
}

/// Credentials of a storage, catalog or compute profile. Which fields are needed depends on
/// `mode`; fields that do not belong to the chosen mode are accepted and ignored.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialConfig {
    /// Credential mode: `static` (default), `oauth2`, `iam_role` or `service_account`.
    /// `oauth2` requires `client_id` and `client_secret`; `iam_role` requires `role_arn`.
    #[serde(default = "default_credential_mode")]
    pub mode: CredentialMode,
    /// OAuth2 client id (`oauth2` mode), inline or as `{secret_ref: …}`.
    #[serde(default)]
    pub client_id: Option<StringOrSecretRef>,
    /// OAuth2 client secret (`oauth2` mode). Must be a `{secret_ref: …}` mapping: a plain string
    /// is rejected so that secrets never live in the file.
    #[serde(default)]
    pub client_secret: Option<SecretReference>,
    /// OAuth2 scope, e.g. `PRINCIPAL_ROLE:DATA_ENGINEER`. Not format-checked; avoid
    /// `PRINCIPAL_ROLE:ALL` outside local development.
    #[serde(default)]
    pub scope: Option<String>,
    /// AWS IAM role to assume (`iam_role` mode), e.g. `arn:aws:iam::123456789012:role/Name`.
    #[serde(default)]
    #[schemars(regex(pattern = AWS_IAM_ROLE_PATTERN))]
    pub role_arn: Option<String>,
    /// Secret name holding static credentials (`static` mode); same naming rules as
    /// `secret_ref` (letters, digits, `_`, `-`; no dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub secret_ref: Option<String>,
}

impl Default for CredentialConfig {
    fn default() -> Self {
        Self {
            mode: default_credential_mode(),
            client_id: None,
            client_secret: None,
            scope: None,
            role_arn: None,
            secret_ref: None,
        }
    }
}
