//! `security.encryption`: in transit and at rest.

use super::*;

/// Encryption settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EncryptionConfig {
    /// TLS for traffic between services.
    #[serde(default)]
    pub in_transit: InTransitEncryption,
    /// Encryption of stored data.
    #[serde(default)]
    pub at_rest: AtRestEncryption,
}

/// In-transit (TLS) encryption.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InTransitEncryption {
    /// Encrypt traffic with TLS. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Minimum TLS version, `"1.0"` to `"1.3"`, quoted. Default `"1.2"`. The key is
    /// `min_tls_version`, not `tls_version`.
    #[serde(default = "default_tls_version")]
    #[schemars(regex(pattern = TLS_VERSION_PATTERN))]
    pub min_tls_version: String,
}

impl Default for InTransitEncryption {
    fn default() -> Self {
        Self {
            enabled: true,
            min_tls_version: default_tls_version(),
        }
    }
}

/// At-rest encryption key provider: `aws_kms`, `gcp_kms` or `local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EncryptionProvider {
    AwsKms,
    GcpKms,
    Local,
}

fn default_encryption_provider() -> EncryptionProvider {
    EncryptionProvider::Local
}

/// At-rest encryption.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AtRestEncryption {
    /// Encrypt stored data. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Key provider: `aws_kms`, `gcp_kms` or `local` (default).
    #[serde(default = "default_encryption_provider")]
    pub provider: EncryptionProvider,
    /// Encryption key, as a `{secret_ref: …}` mapping. (There is no `kms_key_id` key.)
    #[serde(default)]
    pub key_ref: Option<SecretReference>,
}

impl Default for AtRestEncryption {
    fn default() -> Self {
        Self {
            enabled: false,
            provider: default_encryption_provider(),
            key_ref: None,
        }
    }
}
