//! `floe.yaml`, Generation B (`apiVersion: floe.dev/v1`, `kind: FloeSpec`): one data product.
//!
//! It is environment-agnostic: connection details, hosts and credentials belong in the
//! platform's manifest.yaml. Upstream rejects any key named like an environment setting
//! (`database`, `schema`, `host`, `password`, … at any depth, see [`super::semantic`]).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    ApiVersion, DBT_MODEL_NAME_PATTERN, PRODUCT_NAME_PATTERN, SECRET_NAME_PATTERN, SEMVER_PATTERN,
};
use crate::model::common::{default_true, default_utc};

/// A floe data product (`floe.yaml`, `kind: FloeSpec`): its identity, its dbt models
/// (`transforms`) and optional schedule, output ports and reverse-ETL destinations. Platform
/// services (compute, catalog, storage, …) come from the platform's manifest.yaml.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::aliases::floe_spec)]
pub struct FloeSpec {
    /// API version: must be `floe.dev/v1`. (`api_version` is accepted as well.)
    #[serde(rename = "apiVersion", alias = "api_version")]
    pub api_version: ApiVersion,
    /// Resource kind: must be `FloeSpec`.
    pub kind: FloeSpecKind,
    /// Name, version and ownership of the data product.
    pub metadata: FloeMetadata,
    /// Reference to the platform manifest this product runs on. Informational: `floe platform
    /// compile` takes the manifest from its `--manifest` option and ignores this.
    #[serde(default)]
    pub platform: Option<PlatformRef>,
    /// The product's dbt models, at least one. Names must be unique.
    #[schemars(length(min = 1))]
    pub transforms: Vec<TransformSpec>,
    /// Schedule of the product. Validated, but not carried into the compiled artifacts:
    /// nothing at compile or run time reads it yet.
    #[serde(default)]
    pub schedule: Option<ScheduleSpec>,
    /// Data the product exposes. Every port needs a `schema`, yet upstream also rejects any
    /// key named `schema` in floe.yaml, so in practice only an empty list validates.
    /// (`output_ports` is accepted as well.)
    #[serde(default, rename = "outputPorts", alias = "output_ports")]
    pub output_ports: Option<Vec<OutputPort>>,
    /// Reverse-ETL destinations. Names must be unique; each `sink_type` must be in the
    /// manifest's `approved_sinks` when that list is set.
    #[serde(default)]
    pub destinations: Option<Vec<DestinationConfig>>,
}

/// The `kind` literal of floe.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FloeSpecKind {
    FloeSpec,
}

/// Identity of the data product.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FloeMetadata {
    /// Product name, DNS-compatible: 1–63 characters, a lower-case letter first, then
    /// lower-case letters, digits or `-` (no `_`, `.` or upper case). It names the dbt profile
    /// and the Iceberg namespace (with `-` turned into `_`).
    #[schemars(regex(pattern = PRODUCT_NAME_PATTERN), length(min = 1, max = 63))]
    pub name: String,
    /// Product version, `MAJOR.MINOR.PATCH` (e.g. `1.0.0`). Quote it if YAML would read it as
    /// a number.
    #[schemars(regex(pattern = SEMVER_PATTERN))]
    pub version: String,
    /// What the product is, up to 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
    /// Owning team or person (e.g. an e-mail address).
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub owner: Option<String>,
    /// Free key/value labels. Values must be strings (quote numbers: `tier: "1"`). Keys are
    /// subject to the environment-field rule (a `password` label is rejected).
    #[serde(default)]
    pub labels: Option<BTreeMap<String, String>>,
}

/// Where the platform manifest lives.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlatformRef {
    /// An OCI URI (`oci://registry/floe/platform:v1`) or a path to manifest.yaml.
    #[schemars(length(min = 1))]
    pub manifest: String,
}

/// Medallion tier of a transform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Bronze,
    Silver,
    Gold,
}

/// One dbt model of the product.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = super::aliases::transform_spec)]
pub struct TransformSpec {
    /// dbt model name: 1–128 letters, digits or `_`, not starting with a digit. Unique within
    /// the product.
    #[schemars(regex(pattern = DBT_MODEL_NAME_PATTERN), length(min = 1, max = 128))]
    pub name: String,
    /// Compute to run this model on instead of the platform default. Not checked against
    /// anything, and ignored at run time: the generated dbt profile always uses the platform's
    /// compute plugin.
    #[serde(default)]
    pub compute: Option<String>,
    /// dbt tags of the model (used by governance custom rules and policies).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Names of the transforms this one reads from. Not checked by the schema; at compile, when
    /// the manifest has `governance`, unknown names and cycles are reported (fatal only with
    /// `policy_enforcement_level: strict`). (`depends_on` is accepted as well.)
    #[serde(default, rename = "dependsOn", alias = "depends_on")]
    pub depends_on: Option<Vec<String>>,
    /// Medallion tier: `bronze`, `silver` or `gold`.
    #[serde(default)]
    pub tier: Option<Tier>,
    /// Data-quality checks of the model. (`quality_checks` is accepted as well.)
    #[serde(default, rename = "qualityChecks", alias = "quality_checks")]
    pub quality_checks: Option<Vec<QualityCheck>>,
}

/// Quality dimension a check scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Completeness,
    Accuracy,
    Validity,
    Consistency,
    Timeliness,
}

/// How much a failing check weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckSeverity {
    Critical,
    Warning,
    Info,
}

fn default_warning() -> CheckSeverity {
    CheckSeverity::Warning
}

/// One data-quality check.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityCheck {
    /// Name of the check.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Check type as the quality provider names it (e.g. `not_null`, `unique`).
    #[serde(rename = "type")]
    #[schemars(length(min = 1))]
    pub check_type: String,
    /// Column the check applies to; none for a table-level check.
    #[serde(default)]
    pub column: Option<String>,
    /// Quality dimension: `completeness`, `accuracy`, `validity`, `consistency` or
    /// `timeliness`.
    pub dimension: Dimension,
    /// `critical`, `warning` (default) or `info`.
    #[serde(default = "default_warning")]
    pub severity: CheckSeverity,
    /// Weight overriding the severity's, from 0.1 to 10.0.
    #[serde(default)]
    #[schemars(range(min = 0.1, max = 10.0))]
    pub custom_weight: Option<f64>,
    /// Provider-specific parameters. Keys are subject to the environment-field rule.
    #[serde(default)]
    pub parameters: BTreeMap<String, Value>,
    /// Run this check. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
}

/// When the product runs.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSpec {
    /// Cron expression. Not validated, and not used yet: the schedule is not carried into the
    /// compiled artifacts.
    #[serde(default)]
    pub cron: Option<String>,
    /// Time zone of the cron expression. Default `UTC`. Not validated.
    #[serde(default = "default_utc")]
    pub timezone: String,
    /// Whether the schedule is active. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
}

/// A dataset the product exposes (ODCS-style).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputPort {
    /// Port name: a dbt model name (1–128 letters, digits or `_`, not starting with a digit).
    #[schemars(regex(pattern = DBT_MODEL_NAME_PATTERN), length(min = 1, max = 128))]
    pub name: String,
    /// What the port offers, up to 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
    /// Owning team or person.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub owner: Option<String>,
    /// Columns of the port, at least one. Upstream also forbids any key named `schema` in
    /// floe.yaml, so a port can never validate: leave `outputPorts` out until that is fixed.
    #[schemars(length(min = 1))]
    pub schema: Vec<OutputPortColumn>,
}

/// One column of an output port.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputPortColumn {
    /// Column name: 1–128 letters, digits or `_`, not starting with a digit.
    #[schemars(regex(pattern = DBT_MODEL_NAME_PATTERN), length(min = 1, max = 128))]
    pub name: String,
    /// ODCS logical type (e.g. `string`, `integer`, `date`); free text.
    #[serde(rename = "type")]
    pub column_type: String,
    /// What the column holds, up to 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
    /// Whether the column must be non-null. Default `false`.
    #[serde(default)]
    pub required: bool,
    /// Whether the column is part of the primary key. Default `false`. Only the camelCase
    /// spelling is accepted here.
    #[serde(default, rename = "primaryKey")]
    pub primary_key: bool,
    /// Data classification (e.g. `pii`); free text.
    #[serde(default)]
    pub classification: Option<String>,
}

/// A reverse-ETL destination.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DestinationConfig {
    /// Destination name, 1–100 characters. Unique within the product.
    #[schemars(length(min = 1, max = 100))]
    pub name: String,
    /// Sink type (e.g. `postgres`, `rest_api`). When the manifest sets `approved_sinks`, it
    /// must be listed there.
    #[schemars(length(min = 1))]
    pub sink_type: String,
    /// Name of the secret holding the connection: lower-case letters, digits and `-`, starting
    /// and ending with a letter or digit, at most 253 characters.
    #[schemars(regex(pattern = SECRET_NAME_PATTERN), length(max = 253))]
    pub connection_secret_ref: String,
    /// Table (or model) the destination reads from.
    #[serde(default)]
    pub source_table: Option<String>,
    /// Sink-specific settings, at most 50 keys. Keys are subject to the environment-field
    /// rule (no `host`, `token`, … here: put those behind the connection secret).
    #[serde(default)]
    pub config: Option<BTreeMap<String, Value>>,
    /// Column renames, source name → destination name.
    #[serde(default)]
    pub field_mapping: Option<BTreeMap<String, String>>,
    /// Rows per write, 1–100000.
    #[serde(default)]
    #[schemars(range(min = 1, max = 100_000))]
    pub batch_size: Option<i64>,
}
