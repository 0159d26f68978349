//! `security`: authentication (OIDC, sessions) and authorization.

use super::*;

/// Security settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SecurityConfig {
    /// User authentication.
    #[serde(default)]
    pub authentication: AuthenticationConfig,
    /// Role-based or attribute-based authorization.
    #[serde(default)]
    pub authorization: AuthorizationConfig,
    /// Where secrets are stored.
    #[serde(default)]
    pub secret_backends: SecretBackendsConfig,
    /// Encryption in transit and at rest.
    #[serde(default)]
    pub encryption: EncryptionConfig,
    /// Security audit logging.
    #[serde(default)]
    pub audit: AuditConfig,
}

/// Authentication method: `oidc`, `oauth2`, `saml` or `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    Oidc,
    Oauth2,
    Saml,
    Static,
}

fn default_auth_method() -> AuthMethod {
    AuthMethod::Static
}

/// Authentication settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthenticationConfig {
    /// Require authentication. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Method: `oidc`, `oauth2`, `saml` or `static` (default). An enabled `oidc` method needs an
    /// `oidc` block.
    #[serde(default = "default_auth_method")]
    pub method: AuthMethod,
    /// OpenID Connect provider settings (for `method: oidc`).
    #[serde(default)]
    pub oidc: Option<OidcConfig>,
    /// Session settings.
    #[serde(default)]
    pub session: SessionConfig,
}

impl Default for AuthenticationConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            method: default_auth_method(),
            oidc: None,
            session: SessionConfig::default(),
        }
    }
}

fn default_oidc_scopes() -> Vec<String> {
    vec![
        "openid".to_owned(),
        "profile".to_owned(),
        "email".to_owned(),
    ]
}

/// OpenID Connect settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct OidcConfig {
    /// Issuer URL of the OIDC provider, e.g. `https://auth.company.com`.
    pub provider_url: String,
    /// OAuth2 client id (not empty).
    #[schemars(length(min = 1))]
    pub client_id: String,
    /// OAuth2 client secret, as a `{secret_ref: …}` mapping only.
    #[serde(default)]
    pub client_secret: Option<SecretReference>,
    /// Scopes to request. Default `[openid, profile, email]`.
    #[serde(default = "default_oidc_scopes")]
    pub scopes: Vec<String>,
    /// Which token claims carry the user's email, groups and user name.
    #[serde(default)]
    pub claims_mapping: OidcClaimsMapping,
}

fn default_claim_email() -> String {
    "email".to_owned()
}

fn default_claim_groups() -> String {
    "groups".to_owned()
}

fn default_claim_username() -> String {
    "preferred_username".to_owned()
}

/// Mapping of OIDC claims to user attributes.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OidcClaimsMapping {
    /// Claim holding the email address. Default `"email"`.
    #[serde(default = "default_claim_email")]
    pub email: String,
    /// Claim holding the groups. Default `"groups"`.
    #[serde(default = "default_claim_groups")]
    pub groups: String,
    /// Claim holding the user name. Default `"preferred_username"`.
    #[serde(default = "default_claim_username")]
    pub username: String,
}

impl Default for OidcClaimsMapping {
    fn default() -> Self {
        Self {
            email: default_claim_email(),
            groups: default_claim_groups(),
            username: default_claim_username(),
        }
    }
}

/// Cookie SameSite policy: `Strict`, `Lax` or `None` (capitalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SameSitePolicy {
    Strict,
    Lax,
    None,
}

fn default_same_site() -> SameSitePolicy {
    SameSitePolicy::Lax
}

/// Session settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionConfig {
    /// Session lifetime in minutes, 1–10080 (one week). Default 480.
    #[serde(default = "default_int::<480>")]
    #[schemars(range(min = 1, max = 10080))]
    pub timeout_minutes: i64,
    /// Maximum concurrent sessions per user, 1–100. Default 5.
    #[serde(default = "default_int::<5>")]
    #[schemars(range(min = 1, max = 100))]
    pub max_sessions_per_user: i64,
    /// Require HTTPS-only cookies. Default `true`.
    #[serde(default = "default_true")]
    pub secure_cookies: bool,
    /// Cookie SameSite policy: `Strict`, `Lax` (default) or `None`, capitalised.
    #[serde(default = "default_same_site")]
    pub same_site: SameSitePolicy,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            timeout_minutes: 480,
            max_sessions_per_user: 5,
            secure_cookies: true,
            same_site: default_same_site(),
        }
    }
}

/// Authorization mode: `rbac` or `abac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizationMode {
    Rbac,
    Abac,
}

fn default_authorization_mode() -> AuthorizationMode {
    AuthorizationMode::Rbac
}

/// Authorization settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorizationConfig {
    /// Enforce authorization. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Mode: `rbac` (default) or `abac`. Roles go under `roles`, not under an `rbac` key.
    #[serde(default = "default_authorization_mode")]
    pub mode: AuthorizationMode,
    /// Role definitions by name.
    #[serde(default)]
    pub roles: BTreeMap<String, RoleDefinition>,
    /// Identity-provider group → role name.
    #[serde(default)]
    pub group_mappings: BTreeMap<String, String>,
}

impl Default for AuthorizationConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            mode: default_authorization_mode(),
            roles: BTreeMap::new(),
            group_mappings: BTreeMap::new(),
        }
    }
}

/// An authorization role.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleDefinition {
    /// Role description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: String,
    /// Permissions as `resource:action` strings, e.g. `catalogs:read,write`.
    #[serde(default)]
    pub permissions: Vec<String>,
}
