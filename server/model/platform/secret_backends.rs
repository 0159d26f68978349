//! `security.secret_backends`: Kubernetes, Vault and AWS Secrets Manager.

use super::*;

/// Secret backend: `kubernetes`, `vault` or `aws_secrets_manager` (`external_secrets` is not
/// supported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SecretBackendType {
    Kubernetes,
    Vault,
    AwsSecretsManager,
}

fn default_secret_backend() -> SecretBackendType {
    SecretBackendType::Kubernetes
}

/// Secret backends.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretBackendsConfig {
    /// Primary backend: `kubernetes` (default), `vault` or `aws_secrets_manager`.
    #[serde(default = "default_secret_backend")]
    pub primary: SecretBackendType,
    /// Kubernetes secrets backend.
    #[serde(default)]
    pub kubernetes: KubernetesSecretBackend,
    /// HashiCorp Vault backend.
    #[serde(default)]
    pub vault: VaultSecretBackend,
    /// AWS Secrets Manager backend.
    #[serde(default)]
    pub aws_secrets_manager: AwsSecretsManagerBackend,
}

impl Default for SecretBackendsConfig {
    fn default() -> Self {
        Self {
            primary: default_secret_backend(),
            kubernetes: KubernetesSecretBackend::default(),
            vault: VaultSecretBackend::default(),
            aws_secrets_manager: AwsSecretsManagerBackend::default(),
        }
    }
}

fn default_secret_mount_path() -> String {
    SECRETS_MOUNT.to_owned()
}

/// Kubernetes secrets backend.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KubernetesSecretBackend {
    /// Use Kubernetes secrets. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Namespace holding the secrets. Default `"default"`.
    #[serde(default = "default_profile_name")]
    pub namespace: String,
    /// Where secrets are mounted in containers. Default `"/var/run/secrets"`.
    #[serde(default = "default_secret_mount_path")]
    pub mount_path: String,
}

impl Default for KubernetesSecretBackend {
    fn default() -> Self {
        Self {
            enabled: true,
            namespace: default_profile_name(),
            mount_path: default_secret_mount_path(),
        }
    }
}

/// Vault authentication method: `kubernetes`, `jwt` or `approle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VaultAuthMethod {
    Kubernetes,
    Jwt,
    Approle,
}

fn default_vault_auth_method() -> VaultAuthMethod {
    VaultAuthMethod::Kubernetes
}

fn default_vault_secret_path() -> String {
    "secret/data/floe".to_owned()
}

/// HashiCorp Vault backend.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VaultSecretBackend {
    /// Use Vault. Default `false`. When enabled, `server_url` is required, and so is
    /// `kubernetes_role` with the `kubernetes` auth method.
    #[serde(default)]
    pub enabled: bool,
    /// Vault server URL, e.g. `https://vault.internal:8200`.
    #[serde(default)]
    pub server_url: Option<String>,
    /// How floe logs in to Vault: `kubernetes` (default), `jwt` or `approle`.
    #[serde(default = "default_vault_auth_method")]
    pub auth_method: VaultAuthMethod,
    /// Vault role for the `kubernetes` auth method.
    #[serde(default)]
    pub kubernetes_role: Option<String>,
    /// Base path of floe's secrets in Vault. Default `"secret/data/floe"`.
    #[serde(default = "default_vault_secret_path")]
    pub secret_path: String,
}

impl Default for VaultSecretBackend {
    fn default() -> Self {
        Self {
            enabled: false,
            server_url: None,
            auth_method: default_vault_auth_method(),
            kubernetes_role: None,
            secret_path: default_vault_secret_path(),
        }
    }
}

fn default_asm_prefix() -> String {
    "floe/".to_owned()
}

/// AWS Secrets Manager backend.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsSecretsManagerBackend {
    /// Use AWS Secrets Manager. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// AWS region of Secrets Manager.
    #[serde(default)]
    pub region: Option<String>,
    /// Prefix of floe's secret names. Default `"floe/"`.
    #[serde(default = "default_asm_prefix")]
    pub prefix: String,
}

impl Default for AwsSecretsManagerBackend {
    fn default() -> Self {
        Self {
            enabled: false,
            region: None,
            prefix: default_asm_prefix(),
        }
    }
}
