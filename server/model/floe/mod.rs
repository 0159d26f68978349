//! `floe.yaml` (Generation A): the data engineer's pipeline file, root model [`FloeSpec`].
//!
//! It holds logical profile names only (`storage`, `catalog`, `compute`), resolved against the
//! environment's `platform.yaml`; endpoints and credentials do not belong here.

mod consumption;
mod governance;
mod jobs;
mod orchestration;
#[cfg(test)]
mod tests;
mod transforms;

pub use consumption::*;
pub use governance::*;
pub use jobs::*;
pub use orchestration::*;
pub use transforms::*;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{
    CRON_PATTERN, DATE_PATTERN, FUNCTION_PATH_PATTERN, IDENTIFIER_PATTERN, K8S_SECRET_PATTERN,
    ObservabilityConfig, PIPELINE_NAME_PATTERN, PROFILE_NAME_PATTERN, default_int,
    default_profile_name, default_true, default_utc,
};

/// A floe pipeline definition (`floe.yaml`). It names the pipeline, points at the dbt project
/// and refers to infrastructure only through logical profile names defined in `platform.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FloeSpec {
    /// Pipeline name: 1–100 characters, a letter first, then letters, digits, `_` or `-`.
    #[schemars(regex(pattern = PIPELINE_NAME_PATTERN), length(min = 1, max = 100))]
    pub name: String,
    /// Pipeline version, conventionally semver. Quote it (`version: "1.0"`): an unquoted `1.0`
    /// is a YAML number and is rejected because a string is required.
    pub version: String,
    /// Logical storage profile: a key of `storage` in platform.yaml. Default `"default"`.
    #[serde(default = "default_profile_name")]
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub storage: String,
    /// Logical catalog profile: a key of `catalogs` (plural) in platform.yaml. Default
    /// `"default"`.
    #[serde(default = "default_profile_name")]
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub catalog: String,
    /// Logical compute profile: a key of `compute` in platform.yaml. Default `"default"`. It is a
    /// name, not an inline mapping (the old inline `compute: {target: …}` form is rejected).
    #[serde(default = "default_profile_name")]
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub compute: String,
    /// Transformation steps; currently only dbt projects (`type: dbt`).
    #[serde(default)]
    pub transforms: Vec<TransformConfig>,
    /// Cube semantic-layer settings.
    #[serde(default)]
    pub consumption: ConsumptionConfig,
    /// Pipeline data-governance settings (classification source, lineage).
    #[serde(default)]
    pub governance: GovernanceConfig,
    /// Tracing, metrics and lineage switches. Endpoints are allowed but usually live in
    /// platform.yaml.
    #[serde(default)]
    pub observability: ObservabilityConfig,
    /// Declarative Dagster orchestration: asset discovery, partitions, jobs, schedules, sensors
    /// and backfills.
    #[serde(default)]
    pub orchestration: Option<OrchestrationConfig>,
    /// Service-account identity used for catalog RBAC (letters, digits, `_`, `-`; a letter
    /// first).
    #[serde(default)]
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub service_account: Option<String>,
    /// Principal role used for catalog access control (letters, digits, `_`, `-`; a letter
    /// first).
    #[serde(default)]
    #[schemars(regex(pattern = PROFILE_NAME_PATTERN))]
    pub principal_role: Option<String>,
}
