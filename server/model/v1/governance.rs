//! `governance` (GovernanceConfig): security and compliance settings, and the policies compile
//! enforces on each floe.yaml's transforms.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::DateOrDateTime;
use super::governance_controls::{
    DataContractsConfig, NetworkPoliciesConfig, RbacConfig, SecretScanningConfig,
};
use crate::model::common::{default_int, default_true};

/// Security, compliance and policy settings. Violations found at compile are warnings unless
/// `policy_enforcement_level` is `strict`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovernanceConfig {
    /// Whether PII must be encrypted: `required` or `optional`. Recorded in the compiled
    /// artifacts.
    #[serde(default)]
    pub pii_encryption: Option<PiiEncryption>,
    /// `enabled` or `disabled`. Recorded in the compiled artifacts.
    #[serde(default)]
    pub audit_logging: Option<AuditLogging>,
    /// `off`, `warn` or `strict`. Unset means `warn`: violations are reported and compile
    /// passes. `strict` makes every error-severity violation fail compile; `off` skips
    /// enforcement.
    #[serde(default)]
    pub policy_enforcement_level: Option<EnforcementLevel>,
    /// How long data is kept, in days (at least 1).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub data_retention_days: Option<i64>,
    /// Table partition TTL in hours, 1–8760 (compile rejects more than 8760).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub default_ttl_hours: Option<i64>,
    /// Iceberg snapshots kept per table, 1–100 (compile rejects more than 100).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub snapshot_keep_last: Option<i64>,
    /// What the runtime does with a stale catalog registration: `strict` (fail) or `repair`.
    /// Production manifests should normally use `strict`.
    #[serde(default)]
    pub stale_table_recovery_mode: Option<StaleTableRecoveryMode>,
    /// Model naming convention checked on every transform name.
    #[serde(default)]
    pub naming: Option<NamingConfig>,
    /// Test-coverage and documentation gates.
    #[serde(default)]
    pub quality_gates: Option<QualityGatesConfig>,
    /// Custom rules on dbt models, each selected by its `type`.
    #[serde(default)]
    pub custom_rules: Vec<CustomRule>,
    /// Exceptions: downgrade or exclude violations for models matching a pattern.
    #[serde(default)]
    pub policy_overrides: Vec<PolicyOverride>,
    /// Data-contract (ODCS) enforcement settings.
    #[serde(default)]
    pub data_contracts: Option<DataContractsConfig>,
    /// Role-based access checks. With `enabled: true` and `policy_enforcement_level: strict`
    /// compile always fails upstream (no identity plugin is passed to the check).
    #[serde(default)]
    pub rbac: Option<RbacConfig>,
    /// Secret scanning at compile. It scans the directory compile runs in, not the two files.
    #[serde(default)]
    pub secret_scanning: Option<SecretScanningConfig>,
    /// Kubernetes NetworkPolicy generation (needs a network-security plugin installed).
    #[serde(default)]
    pub network_policies: Option<NetworkPoliciesConfig>,
    /// Policy-as-code definitions evaluated on every product.
    #[serde(default)]
    pub policies: Option<Vec<PolicyDefinitionConfig>>,
}

/// `required` or `optional`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PiiEncryption {
    Required,
    Optional,
}

/// `enabled` or `disabled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditLogging {
    Enabled,
    Disabled,
}

/// `off`, `warn` or `strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnforcementLevel {
    Off,
    Warn,
    Strict,
}

pub(crate) fn default_warn() -> EnforcementLevel {
    EnforcementLevel::Warn
}

/// `strict` or `repair`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaleTableRecoveryMode {
    Strict,
    Repair,
}

/// A naming convention: `medallion`, `kimball` or `custom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NamingPattern {
    Medallion,
    Kimball,
    Custom,
}

fn default_medallion() -> NamingPattern {
    NamingPattern::Medallion
}

/// Model naming convention.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamingConfig {
    /// `off`, `warn` (default) or `strict`. `warn` reports naming violations as warnings.
    #[serde(default = "default_warn")]
    pub enforcement: EnforcementLevel,
    /// `medallion` (default: `bronze_*`, `silver_*`, `gold_*`), `kimball` (`dim_*`, `fact_*`,
    /// `bridge_*`, `hub_*`, `link_*`, `sat_*`) or `custom` (then `custom_patterns` is
    /// required). Note that `stg_*`/`int_*`/`mart_*` names fail `medallion`.
    #[serde(default = "default_medallion")]
    pub pattern: NamingPattern,
    /// Python regular expressions for `pattern: custom`; a name passes when one of them matches
    /// at its start.
    #[serde(default)]
    pub custom_patterns: Option<Vec<String>>,
}

/// `report_100_percent` or `report_na`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ZeroColumnCoverageBehavior {
    #[serde(rename = "report_100_percent")]
    Report100Percent,
    ReportNa,
}

fn default_report_na() -> ZeroColumnCoverageBehavior {
    ZeroColumnCoverageBehavior::ReportNa
}

/// Test-coverage and documentation gates.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityGatesConfig {
    /// Minimum column test coverage in percent, 0–100. Default 80.
    #[serde(default = "default_int::<80>")]
    #[schemars(range(min = 0, max = 100))]
    pub minimum_test_coverage: i64,
    /// Require a description on every model. Default `false`. floe.yaml has nowhere to write
    /// one, so `true` reports every transform.
    #[serde(default)]
    pub require_descriptions: bool,
    /// Require a description on every column. Default `false`.
    #[serde(default)]
    pub require_column_descriptions: bool,
    /// Fail when a gate fails. Default `true`.
    #[serde(default = "default_true")]
    pub block_on_failure: bool,
    /// Coverage threshold per medallion layer.
    #[serde(default)]
    pub layer_thresholds: Option<LayerThresholds>,
    /// Coverage of a model without columns: `report_na` (default, skipped) or
    /// `report_100_percent`.
    #[serde(default = "default_report_na")]
    pub zero_column_coverage_behavior: ZeroColumnCoverageBehavior,
}

/// Coverage threshold per medallion layer, each 0–100.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayerThresholds {
    /// Default 50.
    #[serde(default = "default_int::<50>")]
    #[schemars(range(min = 0, max = 100))]
    pub bronze: i64,
    /// Default 80.
    #[serde(default = "default_int::<80>")]
    #[schemars(range(min = 0, max = 100))]
    pub silver: i64,
    /// Default 100.
    #[serde(default = "default_int::<100>")]
    #[schemars(range(min = 0, max = 100))]
    pub gold: i64,
}

fn default_applies_to() -> String {
    "*".to_owned()
}

/// A custom governance rule, selected by `type`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum CustomRule {
    /// Models whose name starts with `prefix` must carry every tag of `required_tags`.
    RequireTagsForPrefix {
        /// Model-name prefix, e.g. `gold_`.
        #[schemars(length(min = 1))]
        prefix: String,
        /// Tags the models must have, at least one.
        #[schemars(length(min = 1))]
        required_tags: Vec<String>,
        /// Glob selecting the models the rule applies to. Default `*`.
        #[serde(default = "default_applies_to")]
        applies_to: String,
    },
    /// Models must set a `meta` field.
    RequireMetaField {
        /// Name of the meta field.
        #[schemars(length(min = 1))]
        field: String,
        /// Whether the field must be non-empty. Default `true`.
        #[serde(default = "default_true")]
        required: bool,
        /// Glob selecting the models the rule applies to. Default `*`.
        #[serde(default = "default_applies_to")]
        applies_to: String,
    },
    /// Models must have tests of the given types on some columns.
    RequireTestsOfType {
        /// dbt test types, at least one (e.g. `not_null`).
        #[schemars(length(min = 1))]
        test_types: Vec<String>,
        /// Columns that must have these tests, at least 1. Default 1.
        #[serde(default = "default_int::<1>")]
        #[schemars(range(min = 1))]
        min_columns: i64,
        /// Glob selecting the models the rule applies to. Default `*`.
        #[serde(default = "default_applies_to")]
        applies_to: String,
    },
}

/// `downgrade` (error → warning) or `exclude` (drop the violation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverrideAction {
    Downgrade,
    Exclude,
}

/// The policy types a `policy_overrides[].policy_types` entry may name.
pub const POLICY_TYPES: [&str; 9] = [
    "coverage",
    "custom",
    "data_contract",
    "documentation",
    "naming",
    "network_policy",
    "rbac",
    "secret_scanning",
    "semantic",
];

/// An exception to governance policies.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyOverride {
    /// Glob of model names the override applies to.
    #[schemars(length(min = 1))]
    pub pattern: String,
    /// `downgrade` or `exclude`.
    pub action: OverrideAction,
    /// Why the exception exists.
    #[schemars(length(min = 1))]
    pub reason: String,
    /// Date the override stops applying (`YYYY-MM-DD`).
    #[serde(default)]
    pub expires: Option<DateOrDateTime>,
    /// Policy types it covers (default: all): `coverage`, `custom`, `data_contract`,
    /// `documentation`, `naming`, `network_policy`, `rbac`, `secret_scanning`, `semantic`.
    #[serde(default)]
    pub policy_types: Option<Vec<String>>,
}

/// `required_tags`, `naming_convention`, `max_transforms` or `custom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolicyType {
    RequiredTags,
    NamingConvention,
    MaxTransforms,
    Custom,
}

/// `warn`, `error` or `block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolicyAction {
    Warn,
    Error,
    Block,
}

/// A policy-as-code definition.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyDefinitionConfig {
    /// Policy name, shown in violations.
    #[schemars(length(min = 1))]
    pub name: String,
    /// `required_tags`, `naming_convention`, `max_transforms` or `custom`.
    #[serde(rename = "type")]
    pub policy_type: PolicyType,
    /// `warn` (a warning), `error` or `block` (errors).
    pub action: PolicyAction,
    /// Message of a violation.
    #[schemars(length(min = 1))]
    pub message: String,
    /// Settings read by the policy type: `required_tags` (list), `pattern` (regex),
    /// `threshold` (int; default 0, so `max_transforms` without it flags every product) and
    /// `condition` (string). Other keys are ignored.
    #[serde(default)]
    pub config: BTreeMap<String, Value>,
}
