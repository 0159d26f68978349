//! `plugins.quality` (QualityConfig): the data-quality provider and how quality is scored.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::common::{default_int, default_true};

/// Data-quality provider and scoring. Every block is optional and default-filled.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityConfig {
    /// Quality plugin: `great_expectations`, `soda` or `dbt_expectations` (compile rejects
    /// anything else with FLOE-DQ001).
    #[schemars(length(min = 1))]
    pub provider: String,
    /// Minimum coverage, required tests and score per medallion tier. A tier you write replaces
    /// the whole default tier (unspecified keys take the generic defaults, not the tier's).
    #[serde(default)]
    pub quality_gates: Option<QualityGates>,
    /// Weight of each quality dimension in the score, each 0–1. The five weights must sum to
    /// 1.0, and unspecified ones keep their defaults (0.25, 0.25, 0.20, 0.15, 0.15): change
    /// one and you must change another.
    #[serde(default)]
    pub dimension_weights: Option<DimensionWeights>,
    /// How check results move the score.
    #[serde(default)]
    pub calculation: Option<CalculationParameters>,
    /// Score thresholds.
    #[serde(default)]
    pub thresholds: Option<QualityThresholds>,
    /// Timeout of one quality check, 1–3600 seconds. Default 300.
    #[serde(default = "default_int::<300>")]
    #[schemars(range(min = 1, max = 3600))]
    pub check_timeout_seconds: i64,
    /// Run quality checks. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
}

/// Quality gates per medallion tier. Defaults: bronze `{min_test_coverage: 0, required_tests:
/// [], min_score: 0}`, silver `{80, [not_null, unique], 75}`, gold `{100, [not_null, unique,
/// accepted_values, relationships], 90}`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityGates {
    /// Gate of bronze models.
    #[serde(default)]
    pub bronze: Option<GateTier>,
    /// Gate of silver models.
    #[serde(default)]
    pub silver: Option<GateTier>,
    /// Gate of gold models.
    #[serde(default)]
    pub gold: Option<GateTier>,
}

/// The quality gate of one tier.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateTier {
    /// Minimum test coverage in percent, 0–100. Default 0.
    #[serde(default)]
    #[schemars(range(min = 0.0, max = 100.0))]
    pub min_test_coverage: f64,
    /// dbt test types every model of the tier must have (e.g. `not_null`, `unique`).
    #[serde(default)]
    pub required_tests: Vec<String>,
    /// Minimum quality score, 0–100. Default 0.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub min_score: i64,
    /// Whether domain manifests and products may change this gate. Default `true`.
    #[serde(default = "default_true")]
    pub overridable: bool,
}

fn weight<const HUNDREDTHS: u32>() -> f64 {
    f64::from(HUNDREDTHS) / 100.0
}

/// Weight of each quality dimension, 0–1 each, summing to 1.0.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionWeights {
    /// Default 0.25.
    #[serde(default = "weight::<25>")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub completeness: f64,
    /// Default 0.25.
    #[serde(default = "weight::<25>")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub accuracy: f64,
    /// Default 0.20.
    #[serde(default = "weight::<20>")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub validity: f64,
    /// Default 0.15.
    #[serde(default = "weight::<15>")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub consistency: f64,
    /// Default 0.15.
    #[serde(default = "weight::<15>")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub timeliness: f64,
}

/// How check results move the quality score.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalculationParameters {
    /// Score before any check result, 0–100. Default 70.
    #[serde(default = "default_int::<70>")]
    #[schemars(range(min = 0, max = 100))]
    pub baseline_score: i64,
    /// Most that passing checks can add, 0–100. Default 30.
    #[serde(default = "default_int::<30>")]
    #[schemars(range(min = 0, max = 100))]
    pub max_positive_influence: i64,
    /// Most that failing checks can subtract, 0–100. Default 50.
    #[serde(default = "default_int::<50>")]
    #[schemars(range(min = 0, max = 100))]
    pub max_negative_influence: i64,
    /// Weight of each check severity. Default `{critical: 3.0, warning: 1.0, info: 0.5}`.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "enum": ["critical", "warning", "info"] }))]
    pub severity_weights: Option<BTreeMap<String, f64>>,
}

/// Score thresholds (no ordering between them is checked).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityThresholds {
    /// Score below which a product fails, 0–100. Default 70.
    #[serde(default = "default_int::<70>")]
    #[schemars(range(min = 0, max = 100))]
    pub min_score: i64,
    /// Score below which a product warns, 0–100. Default 85.
    #[serde(default = "default_int::<85>")]
    #[schemars(range(min = 0, max = 100))]
    pub warn_score: i64,
}
