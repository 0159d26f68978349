//! `infrastructure.lifecycle` and `resource_profiles`: cleanup, quotas and CPU/memory profiles.

use super::*;

/// Lifecycle management of ephemeral resources.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct LifecycleConfig {
    /// Automatic cleanup of finished jobs.
    #[serde(default)]
    pub cleanup: CleanupConfig,
    /// Namespace resource quotas.
    #[serde(default)]
    pub resource_quotas: ResourceQuotasConfig,
}

/// Cleanup settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CleanupConfig {
    /// Delete finished resources automatically. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Cleanup of Kubernetes jobs.
    #[serde(default)]
    pub jobs: JobCleanupConfig,
}

impl Default for CleanupConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            jobs: JobCleanupConfig::default(),
        }
    }
}

fn default_history_limits() -> BTreeMap<String, i64> {
    BTreeMap::from([("successful".to_owned(), 3), ("failed".to_owned(), 5)])
}

/// Cleanup of finished Kubernetes jobs.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JobCleanupConfig {
    /// Seconds after completion before a job is deleted, at least 0. Default 300.
    #[serde(default = "default_int::<300>")]
    #[schemars(range(min = 0))]
    pub ttl_seconds: i64,
    /// How many finished jobs to keep, by outcome. Default `{successful: 3, failed: 5}`.
    #[serde(default = "default_history_limits")]
    pub history_limits: BTreeMap<String, i64>,
}

impl Default for JobCleanupConfig {
    fn default() -> Self {
        Self {
            ttl_seconds: 300,
            history_limits: default_history_limits(),
        }
    }
}

/// Namespace resource-quota settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceQuotasConfig {
    /// Apply resource quotas. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Namespace-wide limits.
    #[serde(default)]
    pub namespace_limits: ResourceQuotaLimits,
}

impl Default for ResourceQuotasConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            namespace_limits: ResourceQuotaLimits::default(),
        }
    }
}

fn default_requests_cpu() -> String {
    "8".to_owned()
}

fn default_requests_memory() -> String {
    "8Gi".to_owned()
}

fn default_limits_cpu() -> String {
    "12".to_owned()
}

fn default_limits_memory() -> String {
    "20Gi".to_owned()
}

/// Namespace-wide resource limits. CPU and memory values are Kubernetes quantities written as
/// strings (quote plain numbers such as `"8"`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceQuotaLimits {
    /// Maximum number of pods, at least 1. Default 50.
    #[serde(default = "default_int::<50>")]
    #[schemars(range(min = 1))]
    pub pods: i64,
    /// Total CPU requests. Default `"8"`.
    #[serde(default = "default_requests_cpu")]
    pub requests_cpu: String,
    /// Total memory requests. Default `"8Gi"`.
    #[serde(default = "default_requests_memory")]
    pub requests_memory: String,
    /// Total CPU limits. Default `"12"`.
    #[serde(default = "default_limits_cpu")]
    pub limits_cpu: String,
    /// Total memory limits. Default `"20Gi"`.
    #[serde(default = "default_limits_memory")]
    pub limits_memory: String,
}

impl Default for ResourceQuotaLimits {
    fn default() -> Self {
        Self {
            pods: 50,
            requests_cpu: default_requests_cpu(),
            requests_memory: default_requests_memory(),
            limits_cpu: default_limits_cpu(),
            limits_memory: default_limits_memory(),
        }
    }
}

/// CPU/memory requests and limits for a class of services, plus environment variables.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceProfile {
    /// Guaranteed resources.
    pub requests: ResourceRequests,
    /// Maximum resources.
    pub limits: ResourceLimits,
    /// Environment variables for the pods, e.g. `DUCKDB_MEMORY_LIMIT: "8GB"`. Values must be
    /// strings: quote numbers (`DUCKDB_THREADS: "4"`).
    #[serde(default)]
    pub env: BTreeMap<String, String>,
}

/// Kubernetes resource requests.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceRequests {
    /// CPU request as a string, e.g. `"100m"` or `"1"` (an unquoted `1` is rejected).
    pub cpu: String,
    /// Memory request, e.g. `"256Mi"`.
    pub memory: String,
}

/// Kubernetes resource limits.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceLimits {
    /// CPU limit as a string, e.g. `"500m"` or `"2"` (an unquoted `2` is rejected).
    pub cpu: String,
    /// Memory limit, e.g. `"512Mi"`.
    pub memory: String,
}
