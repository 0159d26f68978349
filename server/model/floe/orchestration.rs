//! `orchestration`: asset modules, dbt settings, partitions and assets.

use super::*;

/// Declarative orchestration (Dagster auto-discovery). Data-engineer settings only: no
/// endpoints, credentials, bucket names or regions.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct OrchestrationConfig {
    /// Python modules scanned for assets, as import paths such as `demo.assets.bronze` (dotted
    /// identifiers).
    #[serde(default)]
    pub asset_modules: Vec<String>,
    /// dbt integration: load dbt models as assets from the dbt manifest.
    #[serde(default)]
    pub dbt: Option<DbtConfig>,
    /// Named partition definitions, referenced from `assets.*.partitions`. Names are
    /// identifiers: a letter, then letters, digits or `_` (no hyphens).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": IDENTIFIER_PATTERN }))]
    pub partitions: BTreeMap<String, PartitionDefinition>,
    /// Settings applied to assets whose name matches the key, a glob pattern (`*`, `?`, `[abc]`,
    /// `{a,b}`).
    #[serde(default)]
    pub assets: BTreeMap<String, AssetConfig>,
    /// Named jobs. Names are identifiers (letters, digits, `_`; no hyphens).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": IDENTIFIER_PATTERN }))]
    pub jobs: BTreeMap<String, JobDefinition>,
    /// Named cron schedules that run jobs. Names are identifiers (no hyphens).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": IDENTIFIER_PATTERN }))]
    pub schedules: BTreeMap<String, ScheduleDefinition>,
    /// Named sensors that trigger jobs on events. Names are identifiers (no hyphens).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": IDENTIFIER_PATTERN }))]
    pub sensors: BTreeMap<String, SensorDefinition>,
    /// Named backfills of historical partitions. Names are identifiers (no hyphens).
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": IDENTIFIER_PATTERN }))]
    pub backfills: BTreeMap<String, BackfillDefinition>,
}

/// How dbt models appear in Dagster: `per_model` or `job_level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObservabilityLevel {
    PerModel,
    JobLevel,
}

fn default_observability_level() -> ObservabilityLevel {
    ObservabilityLevel::PerModel
}

/// dbt integration settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct DbtConfig {
    /// Path to the dbt `manifest.json` (produced by `dbt parse`).
    pub manifest_path: String,
    /// `per_model` (default) makes one asset per dbt model; `job_level` treats the dbt run as a
    /// single job.
    #[serde(default = "default_observability_level")]
    pub observability_level: ObservabilityLevel,
    /// dbt project directory; inferred from the manifest path when omitted.
    #[serde(default)]
    pub project_dir: Option<String>,
    /// Directory holding `profiles.yml`; `.floe/profiles` when omitted.
    #[serde(default)]
    pub profiles_dir: Option<String>,
    /// dbt target name (an identifier: letters, digits, `_`).
    #[serde(default)]
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub target: Option<String>,
}

/// A partition scheme, selected by `type`: `time_window`, `static`, `multi` or `dynamic`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum PartitionDefinition {
    /// Time-based partitions on a cron cadence.
    #[serde(rename = "time_window")]
    TimeWindow(TimeWindowPartition),
    /// A fixed list of partition keys.
    #[serde(rename = "static")]
    Static(StaticPartition),
    /// The product of several named partition definitions.
    #[serde(rename = "multi")]
    Multi(MultiPartition),
    /// Partition keys produced at run time by a function.
    #[serde(rename = "dynamic")]
    Dynamic(DynamicPartition),
}

/// Time-window partitions (`type: time_window`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeWindowPartition {
    /// First partition date, `YYYY-MM-DD`.
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub start: String,
    /// Partition cadence as a 5- or 6-field numeric cron expression, e.g. `"0 0 * * *"`.
    /// Macros such as `@daily`, names such as `MON` and `${VAR}` are rejected.
    #[schemars(regex(pattern = CRON_PATTERN))]
    pub cron_schedule: String,
    /// IANA time zone of the partition boundaries. Default `"UTC"`.
    #[serde(default = "default_utc")]
    pub timezone: String,
    /// Last partition date, `YYYY-MM-DD`; open-ended when omitted.
    #[serde(default)]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub end: Option<String>,
    /// strftime format of the partition keys.
    #[serde(default)]
    pub fmt: Option<String>,
}

/// Static partitions (`type: static`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaticPartition {
    /// The partition keys: at least one, unique, none blank.
    #[schemars(length(min = 1))]
    pub partition_keys: Vec<String>,
}

/// Multi-dimensional partitions (`type: multi`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MultiPartition {
    /// The partition dimensions by name (at least one); names are identifiers (letters, digits,
    /// `_`).
    #[schemars(extend("minProperties" = 1, "propertyNames" = { "pattern": IDENTIFIER_PATTERN }))]
    pub partitions: BTreeMap<String, PartitionDefinition>,
}

/// Dynamic partitions (`type: dynamic`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DynamicPartition {
    /// Function producing the partition keys, as `module.function`.
    #[serde(default)]
    #[schemars(regex(pattern = FUNCTION_PATH_PATTERN))]
    pub r#fn: Option<String>,
}

/// When matching assets are materialised automatically: `eager`, `on_cron` or `on_missing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum AutomationCondition {
    Eager,
    OnCron,
    OnMissing,
}

/// How historical partitions are materialised: `lazy` or `eager`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum BackfillPolicy {
    Lazy,
    Eager,
}

/// Settings applied to the assets matching a glob pattern.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetConfig {
    /// Name of a partition definition in `orchestration.partitions`.
    #[serde(default)]
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub partitions: Option<String>,
    /// Automation: `eager` (as soon as dependencies are ready), `on_cron` or `on_missing`.
    #[serde(default)]
    pub automation_condition: Option<AutomationCondition>,
    /// Backfill policy: `lazy` or `eager`.
    #[serde(default)]
    pub backfill_policy: Option<BackfillPolicy>,
    /// Compute kind label shown in Dagster.
    #[serde(default)]
    pub compute_kind: Option<String>,
    /// Asset group override (an identifier: letters, digits, `_`).
    #[serde(default)]
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub group_name: Option<String>,
}
