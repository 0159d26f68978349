//! Governance controls beyond naming and quality: data contracts, RBAC, secret scanning and
//! network policies.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::governance::{EnforcementLevel, default_warn};
use crate::model::common::default_true;

/// Data-contract enforcement settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataContractsConfig {
    /// `off`, `warn` (default) or `strict`.
    #[serde(default = "default_warn")]
    pub enforcement: EnforcementLevel,
    /// Contract generation from the dbt models.
    #[serde(default)]
    pub auto_generation: Option<AutoGenerationConfig>,
    /// Schema drift detection between contract and tables.
    #[serde(default)]
    pub drift_detection: Option<DriftDetectionConfig>,
    /// How product contracts combine with platform ones: `merge` (default), `override` or
    /// `strict`.
    #[serde(default = "default_merge")]
    pub inheritance_mode: InheritanceMode,
}

/// `merge`, `override` or `strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InheritanceMode {
    Merge,
    Override,
    Strict,
}

fn default_merge() -> InheritanceMode {
    InheritanceMode::Merge
}

/// Data classification levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    Public,
    Internal,
    Confidential,
    Pii,
    Phi,
    Sensitive,
    Restricted,
}

fn default_internal() -> Classification {
    Classification::Internal
}

/// Contract generation settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutoGenerationConfig {
    /// Generate contracts. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Copy model descriptions into contracts. Default `true`.
    #[serde(default = "default_true")]
    pub include_descriptions: bool,
    /// Classification of generated fields: `public`, `internal` (default), `confidential`,
    /// `pii`, `phi`, `sensitive` or `restricted`.
    #[serde(default = "default_internal")]
    pub default_classification: Classification,
}

/// Schema drift detection settings (every switch defaults to `true`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriftDetectionConfig {
    /// Detect drift. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Fail when a column's type changed. Default `true`.
    #[serde(default = "default_true")]
    pub fail_on_type_mismatch: bool,
    /// Fail when a contract column is missing. Default `true`.
    #[serde(default = "default_true")]
    pub fail_on_missing_column: bool,
    /// Warn about columns the contract lacks. Default `true`.
    #[serde(default = "default_true")]
    pub warn_on_extra_column: bool,
}

/// Role-based access settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RbacConfig {
    /// Check roles at compile. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Role the caller needs.
    #[serde(default)]
    pub required_role: Option<String>,
    /// Accept the principal itself when no role matches. Default `true`.
    #[serde(default = "default_true")]
    pub allow_principal_fallback: bool,
}

/// `error` or `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScanSeverity {
    Error,
    Warning,
}

fn default_error() -> ScanSeverity {
    ScanSeverity::Error
}

/// Secret scanning settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretScanningConfig {
    /// Scan at compile. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Glob patterns of files to skip.
    #[serde(default)]
    pub exclude_patterns: Vec<String>,
    /// Extra secret patterns.
    #[serde(default)]
    pub custom_patterns: Option<Vec<SecretPatternConfig>>,
    /// Severity of findings: `error` (default) or `warning`.
    #[serde(default = "default_error")]
    pub severity: ScanSeverity,
}

/// An extra secret pattern.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretPatternConfig {
    /// Name of the pattern.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Regular expression.
    #[schemars(length(min = 1))]
    pub pattern: String,
    /// `error` (default) or `warning`.
    #[serde(default = "default_error")]
    pub severity: ScanSeverity,
}

/// NetworkPolicy generation settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkPoliciesConfig {
    /// Generate network policies. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Generate a default-deny policy. Default `true`.
    #[serde(default = "default_true")]
    pub default_deny: bool,
    /// Extra egress rules (Kubernetes NetworkPolicy egress entries).
    #[serde(default)]
    pub custom_egress_rules: Vec<BTreeMap<String, Value>>,
}
