//! `artifacts` (ArtifactsConfig): where compiled artifacts are pushed (an OCI registry), how
//! they are signed and verified, and how they are promoted between environments. Used by the
//! artifact commands, not by compile.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SECRET_NAME_PATTERN;
use super::promotion::PromotionConfig;
use crate::model::common::{default_int, default_true};

/// The OCI registry pattern: `oci://host[:port][/path…]`, the host at least two characters.
pub const OCI_URI_PATTERN: &str =
    r"^oci://[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9](:[0-9]+)?(/[a-zA-Z0-9._-]+)*$";

/// Artifact storage and promotion.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArtifactsConfig {
    /// The OCI registry compiled artifacts are pushed to.
    pub registry: RegistryConfig,
    /// Promotion lifecycle between environments (dev → staging → prod by default).
    #[serde(default)]
    pub promotion: Option<PromotionConfig>,
}

/// An OCI registry.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryConfig {
    /// Registry URI, `oci://host[:port][/path]` (e.g. `oci://harbor.example.com/floe`).
    #[schemars(regex(pattern = OCI_URI_PATTERN), length(min = 1))]
    pub uri: String,
    /// How to authenticate to the registry.
    pub auth: RegistryAuth,
    /// Verify the registry's TLS certificate. Default `true`; disable only for local testing.
    #[serde(default = "default_true")]
    pub tls_verify: bool,
    /// Local pull cache.
    #[serde(default)]
    pub cache: Option<CacheConfig>,
    /// Retries and circuit breaker for registry calls.
    #[serde(default)]
    pub resilience: Option<ResilienceConfig>,
    /// Artifact signing (Sigstore).
    #[serde(default)]
    pub signing: Option<SigningConfig>,
    /// Signature verification on pull.
    #[serde(default)]
    pub verification: Option<VerificationPolicy>,
}

/// Registry authentication types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AuthType {
    Anonymous,
    Basic,
    Token,
    AwsIrsa,
    AzureManagedIdentity,
    GcpWorkloadIdentity,
}

/// Registry authentication.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryAuth {
    /// `anonymous`, `basic`, `token`, `aws-irsa`, `azure-managed-identity` or
    /// `gcp-workload-identity`.
    #[serde(rename = "type")]
    pub auth_type: AuthType,
    /// Secret with the credentials: needed for `basic` and `token`, not allowed for
    /// `anonymous` and the cloud identities.
    #[serde(default)]
    pub credentials_ref: Option<SecretReference>,
}

/// Where a secret is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SecretSource {
    Env,
    Kubernetes,
    Vault,
    ExternalSecrets,
    Infisical,
}

fn default_kubernetes() -> SecretSource {
    SecretSource::Kubernetes
}

/// A reference to a secret held outside the manifest.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretReference {
    /// `env`, `kubernetes` (default), `vault`, `external-secrets` or `infisical`.
    #[serde(default = "default_kubernetes")]
    pub source: SecretSource,
    /// Secret name: 1–253 lower-case letters, digits or `-`, starting and ending with a letter
    /// or digit.
    #[schemars(regex(pattern = SECRET_NAME_PATTERN), length(min = 1, max = 253))]
    pub name: String,
    /// Key inside the secret, when it holds several values.
    #[serde(default)]
    pub key: Option<String>,
}

fn default_cache_path() -> String {
    "/var/cache/floe/oci".to_owned()
}

/// Local pull cache.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CacheConfig {
    /// Cache pulled artifacts. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Cache directory. Default `/var/cache/floe/oci`.
    #[serde(default = "default_cache_path")]
    pub path: String,
    /// Maximum cache size in GB, at least 1. Default 10.
    #[serde(default = "default_int::<10>")]
    #[schemars(range(min = 1))]
    pub max_size_gb: i64,
    /// Lifetime of a cached entry in hours, at least 1. Default 24.
    #[serde(default = "default_int::<24>")]
    #[schemars(range(min = 1))]
    pub ttl_hours: i64,
}

/// Retries and circuit breaker.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResilienceConfig {
    /// Retry with exponential backoff.
    #[serde(default)]
    pub retry: Option<RegistryRetryConfig>,
    /// Stop calling a failing registry for a while.
    #[serde(default)]
    pub circuit_breaker: Option<CircuitBreakerConfig>,
}

fn default_backoff() -> f64 {
    2.0
}

/// Retry with exponential backoff.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryRetryConfig {
    /// Attempts in total, 1–10. Default 3.
    #[serde(default = "default_int::<3>")]
    #[schemars(range(min = 1, max = 10))]
    pub max_attempts: i64,
    /// First delay in milliseconds, at least 100. Default 1000.
    #[serde(default = "default_int::<1000>")]
    #[schemars(range(min = 100))]
    pub initial_delay_ms: i64,
    /// Delay multiplier per attempt, 1.0–5.0. Default 2.0.
    #[serde(default = "default_backoff")]
    #[schemars(range(min = 1.0, max = 5.0))]
    pub backoff_multiplier: f64,
    /// Longest delay in milliseconds, at least 1000. Default 30000.
    #[serde(default = "default_int::<30000>")]
    #[schemars(range(min = 1000))]
    pub max_delay_ms: i64,
    /// Randomise delays. Default `true`.
    #[serde(default = "default_true")]
    pub jitter: bool,
}

/// Circuit breaker.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CircuitBreakerConfig {
    /// Use the circuit breaker. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Failures that open the circuit, at least 1. Default 5.
    #[serde(default = "default_int::<5>")]
    #[schemars(range(min = 1))]
    pub failure_threshold: i64,
    /// Milliseconds before a retry is allowed, at least 1000. Default 60000.
    #[serde(default = "default_int::<60000>")]
    #[schemars(range(min = 1000))]
    pub recovery_timeout_ms: i64,
    /// Trial requests while half open, at least 1. Default 1.
    #[serde(default = "default_int::<1>")]
    #[schemars(range(min = 1))]
    pub half_open_requests: i64,
}

/// An `http(s)://` URL (pydantic `HttpUrl`).
const HTTP_URL: &str = r"^https?://[^\s/?#]+";

/// `keyless` (Sigstore OIDC) or `key-based`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SigningMode {
    Keyless,
    KeyBased,
}

fn default_rekor() -> String {
    "https://rekor.sigstore.io".to_owned()
}

fn default_fulcio() -> String {
    "https://fulcio.sigstore.dev".to_owned()
}

/// Artifact signing.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SigningConfig {
    /// `keyless` (needs `oidc_issuer`, no `private_key_ref`) or `key-based` (needs
    /// `private_key_ref`).
    pub mode: SigningMode,
    /// OIDC issuer URL for keyless signing.
    #[serde(default)]
    #[schemars(regex(pattern = HTTP_URL))]
    pub oidc_issuer: Option<String>,
    /// Rekor transparency log URL. Default `https://rekor.sigstore.io`.
    #[serde(default = "default_rekor")]
    #[schemars(regex(pattern = HTTP_URL))]
    pub rekor_url: String,
    /// Fulcio certificate authority URL. Default `https://fulcio.sigstore.dev`.
    #[serde(default = "default_fulcio")]
    #[schemars(regex(pattern = HTTP_URL))]
    pub fulcio_url: String,
    /// Secret holding the private key, for key-based signing.
    #[serde(default)]
    pub private_key_ref: Option<SecretReference>,
}

/// `enforce`, `warn` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationEnforcement {
    Enforce,
    Warn,
    Off,
}

fn default_enforce() -> VerificationEnforcement {
    VerificationEnforcement::Enforce
}

/// Signature verification on pull. When enabled it needs `trusted_issuers` or
/// `public_key_ref`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerificationPolicy {
    /// Verify signatures. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// `enforce` (default), `warn` or `off`.
    #[serde(default = "default_enforce")]
    pub enforcement: VerificationEnforcement,
    /// Signers accepted for keyless signatures.
    #[serde(default)]
    pub trusted_issuers: Vec<TrustedIssuer>,
    /// Require a Rekor transparency-log entry. Default `true`.
    #[serde(default = "default_true")]
    pub require_rekor: bool,
    /// Require an SBOM attestation. Default `false`.
    #[serde(default)]
    pub require_sbom: bool,
    /// Secret holding the public key for key-based signatures.
    #[serde(default)]
    pub public_key_ref: Option<SecretReference>,
    /// Per-environment overrides, by environment name.
    #[serde(default)]
    pub environments: BTreeMap<String, EnvironmentPolicy>,
    /// Days an expired certificate is still accepted, 0–90. Default 7.
    #[serde(default = "default_int::<7>")]
    #[schemars(range(min = 0, max = 90))]
    pub grace_period_days: i64,
    /// Registry and signing services are private (air-gapped). Default `false`.
    #[serde(default)]
    pub private_infrastructure: bool,
}

/// A trusted keyless signer: the issuer plus exactly one of `subject` or `subject_regex`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    /// OIDC issuer URL, e.g. `https://token.actions.githubusercontent.com`.
    #[schemars(regex(pattern = HTTP_URL))]
    pub issuer: String,
    /// Exact certificate subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Python regular expression the subject must match (up to 1000 characters).
    #[serde(default)]
    #[schemars(length(max = 1000))]
    pub subject_regex: Option<String>,
}

/// Verification settings of one environment.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentPolicy {
    /// `enforce`, `warn` or `off`.
    pub enforcement: VerificationEnforcement,
    /// Overrides `require_sbom` for this environment.
    #[serde(default)]
    pub require_sbom: Option<bool>,
}
