//! `infrastructure`: network, cloud, lifecycle and resource settings (since 1.1.0).

use super::*;

/// Infrastructure settings: time zone, network, cloud provider, lifecycle and resource profiles.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct InfrastructureConfig {
    /// IANA time zone for all pods, e.g. `Australia/Sydney`. Default `"UTC"`. Not validated.
    #[serde(default = "default_utc")]
    pub timezone: String,
    /// DNS, network policies, ingress and local access.
    #[serde(default)]
    pub network: NetworkConfig,
    /// Cloud provider settings (AWS, LocalStack).
    #[serde(default)]
    pub cloud: CloudConfig,
    /// Automatic cleanup of finished jobs and namespace resource quotas.
    #[serde(default)]
    pub lifecycle: Option<LifecycleConfig>,
    /// Named CPU/memory profiles (e.g. `platform`, `storage`, `transform`).
    #[serde(default)]
    pub resource_profiles: Option<BTreeMap<String, ResourceProfile>>,
}
