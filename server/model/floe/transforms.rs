//! `transforms`: the dbt projects floe runs.

use super::*;

/// Transformation tool; only `dbt` is supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TransformType {
    Dbt,
}

/// One transformation step.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransformConfig {
    /// Transformation type; must be `dbt`.
    #[serde(rename = "type")]
    pub kind: TransformType,
    /// Path of the dbt project, relative to floe.yaml (the directory holding
    /// `dbt_project.yml`).
    pub path: String,
    /// dbt target to use instead of the default one.
    #[serde(default)]
    pub target: Option<String>,
}
