//! `security.audit`: backends and events.

use super::*;

/// Audit log backend: `cloudwatch`, `loki` or `elasticsearch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditBackend {
    Cloudwatch,
    Loki,
    Elasticsearch,
}

fn default_audit_backend() -> AuditBackend {
    AuditBackend::Loki
}

/// Security audit logging.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// Record audit events. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Which event types are audited (all by default).
    #[serde(default)]
    pub events: AuditEventsConfig,
    /// Where audit logs go: `cloudwatch`, `loki` (default) or `elasticsearch`.
    #[serde(default = "default_audit_backend")]
    pub backend: AuditBackend,
    /// Audit-log retention in days, 1–3650. Default 90.
    #[serde(default = "default_int::<90>")]
    #[schemars(range(min = 1, max = 3650))]
    pub retention_days: i64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            events: AuditEventsConfig::default(),
            backend: default_audit_backend(),
            retention_days: 90,
        }
    }
}

/// Audited event types.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEventsConfig {
    /// Audit logins and logouts. Default `true`.
    #[serde(default = "default_true")]
    pub authentication: bool,
    /// Audit authorization decisions. Default `true`.
    #[serde(default = "default_true")]
    pub authorization: bool,
    /// Audit data access. Default `true`.
    #[serde(default = "default_true")]
    pub data_access: bool,
    /// Audit configuration changes. Default `true`.
    #[serde(default = "default_true")]
    pub configuration_changes: bool,
}

impl Default for AuditEventsConfig {
    fn default() -> Self {
        Self {
            authentication: true,
            authorization: true,
            data_access: true,
            configuration_changes: true,
        }
    }
}
