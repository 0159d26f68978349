//! `governance` (floe.yaml flavour): classification.

use super::*;

/// Where column classifications come from: `dbt_meta` or `external`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClassificationSource {
    DbtMeta,
    External,
}

fn default_classification_source() -> ClassificationSource {
    ClassificationSource::DbtMeta
}

/// Pipeline data-governance settings. (platform.yaml has a different, enterprise `governance`
/// block.)
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GovernanceConfig {
    /// Source of column classifications: `dbt_meta` (default, read from dbt `meta`) or
    /// `external`.
    #[serde(default = "default_classification_source")]
    pub classification_source: ClassificationSource,
    /// Free-form governance policies, passed through unchanged.
    #[serde(default)]
    pub policies: Map<String, Value>,
    /// Emit OpenLineage lineage for this pipeline. Default `true`.
    #[serde(default = "default_true")]
    pub emit_lineage: bool,
}

impl Default for GovernanceConfig {
    fn default() -> Self {
        Self {
            classification_source: default_classification_source(),
            policies: Map::new(),
            emit_lineage: true,
        }
    }
}
