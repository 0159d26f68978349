//! `artifacts.promotion` (PromotionConfig): environments an artifact is promoted through, and
//! the gates guarding each step.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use super::DateOrDateTime;
use crate::model::common::{default_int, default_true};

/// Environment names: a lower-case letter, then lower-case letters, digits, `_` or `-`.
pub const ENVIRONMENT_NAME_PATTERN: &str = r"^[a-z][a-z0-9_-]*$";
/// The gates an environment may name.
pub const PROMOTION_GATES: [&str; 5] = [
    crate::dialect::v1::keys::POLICY_COMPLIANCE,
    "tests",
    "security_scan",
    "cost_analysis",
    "performance_baseline",
];
/// Webhook event types.
pub const WEBHOOK_EVENTS: [&str; 4] = ["lock", "promote", "rollback", "unlock"];
/// Vulnerability severities a security gate may block on.
pub const SEVERITY_LEVELS: [&str; 5] = ["CRITICAL", "HIGH", "LOW", "MEDIUM", "UNKNOWN"];

/// Promotion lifecycle.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromotionConfig {
    /// Environments in promotion order, at least one, names unique. Default: `dev`
    /// (policy_compliance), `staging` (+ tests), `prod` (+ security_scan).
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub environments: Option<Vec<EnvironmentConfig>>,
    /// Where promotion records are kept: `oci` (default), `s3` or `database`.
    #[serde(default = "default_oci")]
    pub audit_backend: AuditBackend,
    /// Default gate timeout, 30–3600 seconds. Default 300.
    #[serde(default = "default_int::<300>")]
    #[schemars(range(min = 30, max = 3600))]
    pub default_timeout_seconds: i64,
    /// Webhooks notified of promotion events.
    #[serde(default)]
    pub webhooks: Option<Vec<WebhookConfig>>,
    /// Command run for each gate, by gate name: a command line, or a security-gate mapping.
    #[serde(default)]
    pub gate_commands: Option<BTreeMap<String, GateCommand>>,
    /// Signature check on promotion: `enforce` (default), `warn` or `off`.
    #[serde(default = "default_enforce")]
    pub signature_enforcement: SignatureEnforcement,
    /// Registries the artifact is also copied to.
    #[serde(default)]
    pub secondary_registries: Option<Vec<String>>,
    /// Check digests match across registries after copying. Default `true`.
    #[serde(default = "default_true")]
    pub verify_secondary_digests: bool,
}

/// `oci`, `s3` or `database`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditBackend {
    Oci,
    S3,
    Database,
}

fn default_oci() -> AuditBackend {
    AuditBackend::Oci
}

/// `enforce`, `warn` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignatureEnforcement {
    Enforce,
    Warn,
    Off,
}

fn default_enforce() -> SignatureEnforcement {
    SignatureEnforcement::Enforce
}

/// One promotion environment.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentConfig {
    /// Environment name, 1–50 characters: a lower-case letter, then lower-case letters, digits,
    /// `_` or `-`.
    #[schemars(regex(pattern = ENVIRONMENT_NAME_PATTERN), length(min = 1, max = 50))]
    pub name: String,
    /// Gates to pass before promoting here, by name (`policy_compliance`, `tests`,
    /// `security_scan`, `cost_analysis`, `performance_baseline`): `true`/`false` or a security
    /// gate mapping. `policy_compliance` cannot be `false`.
    pub gates: Gates,
    /// Gate timeout, 30–3600 seconds. Default 300.
    #[serde(default = "default_int::<300>")]
    #[schemars(range(min = 30, max = 3600))]
    pub gate_timeout_seconds: i64,
    /// Who may promote to this environment.
    #[serde(default)]
    pub authorization: Option<AuthorizationConfig>,
    /// Lock preventing promotions.
    #[serde(default)]
    pub lock: Option<EnvironmentLock>,
}

/// Gates by name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Gates(pub BTreeMap<String, GateSetting>);

impl JsonSchema for Gates {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Gates".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let setting = generator.subschema_for::<GateSetting>();
        schemars::json_schema!({
            "type": "object",
            "propertyNames": { "enum": PROMOTION_GATES },
            "additionalProperties": setting,
        })
    }
}

/// A gate switch or a security-gate configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum GateSetting {
    /// Enable (`true`) or disable (`false`) the gate.
    Enabled(bool),
    /// Run a security scanner as the gate.
    Security(SecurityGateConfig),
}

/// A gate command: a command line or a security-gate mapping.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum GateCommand {
    /// Command line to run.
    Command(String),
    /// Security scanner gate.
    Security(SecurityGateConfig),
}

/// `trivy` or `grype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScannerFormat {
    Trivy,
    Grype,
}

fn default_trivy() -> ScannerFormat {
    ScannerFormat::Trivy
}

/// A security-scanner gate.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGateConfig {
    /// Scanner command line.
    #[schemars(length(min = 1))]
    pub command: String,
    /// Severities that block promotion: `CRITICAL`, `HIGH`, `MEDIUM`, `LOW`, `UNKNOWN`.
    #[serde(default)]
    pub block_on_severity: Option<Vec<String>>,
    /// Ignore vulnerabilities without a fix. Default `false`.
    #[serde(default)]
    pub ignore_unfixed: bool,
    /// Scanner output format: `trivy` (default) or `grype`.
    #[serde(default = "default_trivy")]
    pub scanner_format: ScannerFormat,
    /// Scan timeout, 30–3600 seconds. Default 600.
    #[serde(default = "default_int::<600>")]
    #[schemars(range(min = 30, max = 3600))]
    pub timeout_seconds: i64,
}

/// Who may promote.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorizationConfig {
    /// Groups allowed to promote.
    #[serde(default)]
    pub allowed_groups: Option<Vec<String>>,
    /// Individual operators allowed to promote.
    #[serde(default)]
    pub allowed_operators: Option<Vec<String>>,
    /// The operator may not promote their own change. Default `false`.
    #[serde(default)]
    pub separation_of_duties: bool,
}

/// An environment lock.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentLock {
    /// Whether promotions are blocked.
    pub locked: bool,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
    /// Who locked it.
    #[serde(default)]
    pub locked_by: Option<String>,
    /// When (ISO 8601 date-time).
    #[serde(default)]
    pub locked_at: Option<DateOrDateTime>,
}

/// A promotion webhook.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// URL called.
    #[schemars(length(min = 1))]
    pub url: String,
    /// Events sent, at least one of `promote`, `rollback`, `lock`, `unlock`.
    #[schemars(length(min = 1))]
    pub events: Vec<String>,
    /// Extra HTTP headers.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
    /// Timeout, 1–300 seconds. Default 30.
    #[serde(default = "default_int::<30>")]
    #[schemars(range(min = 1, max = 300))]
    pub timeout_seconds: i64,
    /// Retries on failure, 0–10. Default 3.
    #[serde(default = "default_int::<3>")]
    #[schemars(range(min = 0, max = 10))]
    pub retry_count: i64,
}
