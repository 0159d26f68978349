//! `governance` (enterprise flavour): classifications, retention, compliance, data quality.

use super::*;

/// Enterprise governance: data classifications, retention, compliance frameworks and data
/// quality. (floe.yaml's `governance` is a different, smaller block.)
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct EnterpriseGovernanceConfig {
    /// Data classification classes.
    #[serde(default)]
    pub classifications: ClassificationsConfig,
    /// Retention policies.
    #[serde(default)]
    pub retention: RetentionConfig,
    /// Compliance frameworks.
    #[serde(default)]
    pub compliance: ComplianceConfig,
    /// Data-quality checks.
    #[serde(default)]
    pub data_quality: DataQualityConfig,
}

/// Data-classification settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationsConfig {
    /// Enforce classifications. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Classification classes by name (e.g. `public`, `pii`).
    #[serde(default)]
    pub classes: BTreeMap<String, ClassificationClass>,
}

/// Sensitivity level: `low`, `medium`, `high` or `critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SensitivityLevel {
    Low,
    Medium,
    High,
    Critical,
}

fn default_sensitivity() -> SensitivityLevel {
    SensitivityLevel::Medium
}

/// Compliance framework: `gdpr`, `ccpa`, `soc2`, `hipaa` or `pci_dss` (lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceFramework {
    Gdpr,
    Ccpa,
    Soc2,
    Hipaa,
    PciDss,
}

/// A classification class and its requirements.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationClass {
    /// Sensitivity: `low`, `medium` (default), `high` or `critical`.
    #[serde(default = "default_sensitivity")]
    pub sensitivity: SensitivityLevel,
    /// Data of this class must be encrypted. Default `false`.
    #[serde(default)]
    pub encryption_required: bool,
    /// Default retention in days, 1–36500.
    #[serde(default)]
    #[schemars(range(min = 1, max = 36500))]
    pub retention_days: Option<i64>,
    /// Access requires approval. Default `false`.
    #[serde(default)]
    pub require_approval: bool,
    /// Frameworks that apply: `gdpr`, `ccpa`, `soc2`, `hipaa`, `pci_dss` (lower case).
    #[serde(default)]
    pub compliance_required: Vec<ComplianceFramework>,
    /// Values must be masked when displayed. Default `false`.
    #[serde(default)]
    pub masking_required: bool,
}

/// Retention settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionConfig {
    /// Enforce retention policies. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Policy applied when no named policy matches. (Put `retention_days` inside it; there is
    /// no `default_retention_days` key.)
    #[serde(default)]
    pub default_policy: RetentionPolicy,
    /// Named retention policies overriding the default.
    #[serde(default)]
    pub policies: BTreeMap<String, RetentionPolicy>,
}

/// A retention policy.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionPolicy {
    /// Days data is kept before deletion, 1–36500. Default 730.
    #[serde(default = "default_int::<730>")]
    #[schemars(range(min = 1, max = 36500))]
    pub retention_days: i64,
    /// Days before data moves to cold storage, 1–36500.
    #[serde(default)]
    #[schemars(range(min = 1, max = 36500))]
    pub archive_after_days: Option<i64>,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self {
            retention_days: 730,
            archive_after_days: None,
        }
    }
}

/// Compliance settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComplianceConfig {
    /// Enforce compliance. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Frameworks as a mapping from name to settings, e.g. `gdpr: {enabled: true}`. A list such
    /// as `[SOC2, GDPR]` is rejected.
    #[serde(default)]
    pub frameworks: BTreeMap<String, FrameworkConfig>,
}

/// Compliance enforcement: `strict`, `moderate` or `permissive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceEnforcement {
    Strict,
    Moderate,
    Permissive,
}

fn default_enforcement() -> ComplianceEnforcement {
    ComplianceEnforcement::Moderate
}

/// Settings of one compliance framework.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkConfig {
    /// Apply this framework. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Enforcement: `strict` (block violations), `moderate` (default, warn) or `permissive`
    /// (log only).
    #[serde(default = "default_enforcement")]
    pub enforcement: ComplianceEnforcement,
}

/// Built-in data-quality check: `schema_validation`, `null_percentage`, `unique_constraints`,
/// `referential_integrity`, `value_ranges` or `freshness`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataQualityCheck {
    SchemaValidation,
    NullPercentage,
    UniqueConstraints,
    ReferentialIntegrity,
    ValueRanges,
    Freshness,
}

fn default_quality_checks() -> Vec<DataQualityCheck> {
    vec![
        DataQualityCheck::SchemaValidation,
        DataQualityCheck::NullPercentage,
    ]
}

/// Data-quality settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataQualityConfig {
    /// Run data-quality checks. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Checks run by default. Default `[schema_validation, null_percentage]`.
    #[serde(default = "default_quality_checks")]
    pub default_checks: Vec<DataQualityCheck>,
    /// Fail the pipeline when a check fails. Default `false`.
    #[serde(default)]
    pub fail_on_error: bool,
}

impl Default for DataQualityConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            default_checks: default_quality_checks(),
            fail_on_error: false,
        }
    }
}
