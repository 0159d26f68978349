//! `floe.yaml` (Generation A): the data engineer's pipeline file, root model [`FloeSpec`].
//!
//! It holds logical profile names only (`storage`, `catalog`, `compute`), resolved against the
//! environment's `platform.yaml`; endpoints and credentials do not belong here.

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

// ---------------------------------------------------------------------------------------------
// transforms
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// consumption (Cube)
// ---------------------------------------------------------------------------------------------

/// Cube semantic-layer configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsumptionConfig {
    /// Deploy the Cube semantic layer. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Cube API port. Default 4000.
    #[serde(default = "default_int::<4000>")]
    pub port: i64,
    /// Name of the Kubernetes secret holding the Cube API key (letters, digits, `_`, `-`; no
    /// dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub api_secret_ref: Option<String>,
    /// Database driver Cube uses, e.g. `postgres`, `snowflake`, `bigquery` (free text).
    #[serde(default)]
    pub database_type: Option<String>,
    /// Enable the Cube Playground (development only). Default `false`.
    #[serde(default)]
    pub dev_mode: bool,
    /// Pre-aggregation (rollup) settings.
    #[serde(default)]
    pub pre_aggregations: PreAggregationConfig,
    /// Row-level security settings.
    #[serde(default)]
    pub security: CubeSecurityConfig,
}

impl Default for ConsumptionConfig {
    fn default() -> Self {
        Self {
            enabled: false,
            port: 4000,
            api_secret_ref: None,
            database_type: None,
            dev_mode: false,
            pre_aggregations: PreAggregationConfig::default(),
            security: CubeSecurityConfig::default(),
        }
    }
}

fn default_refresh_schedule() -> String {
    "*/30 * * * *".to_owned()
}

/// Cube pre-aggregation settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreAggregationConfig {
    /// Cron expression for refreshing pre-aggregations. Default `"*/30 * * * *"`.
    #[serde(default = "default_refresh_schedule")]
    pub refresh_schedule: String,
    /// Time zone the refresh schedule is evaluated in. Default `"UTC"`.
    #[serde(default = "default_utc")]
    pub timezone: String,
    /// Store pre-aggregations in Cube Store rather than the source database (recommended for
    /// production). Default `true`.
    #[serde(default = "default_true")]
    pub external: bool,
    /// Cube Store settings for external pre-aggregations.
    #[serde(default)]
    pub cube_store: CubeStoreConfig,
    /// Export bucket used for large pre-aggregation builds (Trino, Snowflake, BigQuery).
    #[serde(default)]
    pub export_bucket: ExportBucketConfig,
}

impl Default for PreAggregationConfig {
    fn default() -> Self {
        Self {
            refresh_schedule: default_refresh_schedule(),
            timezone: default_utc(),
            external: true,
            cube_store: CubeStoreConfig::default(),
            export_bucket: ExportBucketConfig::default(),
        }
    }
}

/// Cube Store (pre-aggregation storage) settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CubeStoreConfig {
    /// Use Cube Store for external pre-aggregations. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// S3 bucket for pre-aggregation Parquet files.
    #[serde(default)]
    pub s3_bucket: Option<String>,
    /// AWS region of the bucket.
    #[serde(default)]
    pub s3_region: Option<String>,
    /// Custom S3 endpoint (MinIO, LocalStack, …).
    #[serde(default)]
    pub s3_endpoint: Option<String>,
    /// Name of the Kubernetes secret holding the S3 access key (no dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub s3_access_key_ref: Option<String>,
    /// Name of the Kubernetes secret holding the S3 secret key (no dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub s3_secret_key_ref: Option<String>,
}

/// Cube export-bucket settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportBucketConfig {
    /// Use an export bucket for large pre-aggregation builds. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Bucket type, `s3` or `gcs` (free text).
    #[serde(default)]
    pub bucket_type: Option<String>,
    /// Bucket name.
    #[serde(default)]
    pub name: Option<String>,
    /// AWS region (S3 buckets).
    #[serde(default)]
    pub region: Option<String>,
    /// Name of the Kubernetes secret holding the bucket access key (no dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub access_key_ref: Option<String>,
    /// Name of the Kubernetes secret holding the bucket secret key (no dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub secret_key_ref: Option<String>,
    /// Snowflake storage-integration name (Snowflake only).
    #[serde(default)]
    pub integration: Option<String>,
}

fn default_filter_column() -> String {
    "organization_id".to_owned()
}

/// Cube row-level security settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CubeSecurityConfig {
    /// Filter rows by a JWT claim. Default `true`.
    #[serde(default = "default_true")]
    pub row_level: bool,
    /// Column filtered on; its value comes from the JWT claim of the same name. Default
    /// `"organization_id"`.
    #[serde(default = "default_filter_column")]
    pub filter_column: String,
}

impl Default for CubeSecurityConfig {
    fn default() -> Self {
        Self {
            row_level: true,
            filter_column: default_filter_column(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// governance (floe.yaml flavour)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// orchestration
// ---------------------------------------------------------------------------------------------

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

/// A job, selected by `type`: `batch` (asset selection) or `ops` (a Python function).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum JobDefinition {
    /// Materialises a selection of assets.
    #[serde(rename = "batch")]
    Batch(BatchJob),
    /// Runs a Python function.
    #[serde(rename = "ops")]
    Ops(OpsJob),
}

/// A batch job (`type: batch`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchJob {
    /// Asset selection expressions (at least one, none blank): `group:<name>`, `asset:<name>`,
    /// `tag:<name>`, `+<asset>` (with upstream), `<asset>+` (with downstream).
    #[schemars(length(min = 1))]
    pub selection: Vec<String>,
    /// Job description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
    /// Job tags; values must be strings.
    #[serde(default)]
    pub tags: Option<BTreeMap<String, String>>,
}

/// An ops job (`type: ops`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpsJob {
    /// Function to run, as `module.function` (must be importable).
    #[schemars(regex(pattern = FUNCTION_PATH_PATTERN))]
    pub target_function: String,
    /// Keyword arguments passed to the function (any JSON-compatible values). Must not contain
    /// endpoints or credentials: those belong in platform.yaml.
    #[serde(default)]
    pub args: Option<Map<String, Value>>,
    /// Job description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
    /// Job tags; values must be strings.
    #[serde(default)]
    pub tags: Option<BTreeMap<String, String>>,
}

/// Which partitions a scheduled run targets: `latest` or `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum PartitionSelector {
    Latest,
    All,
}

/// A cron schedule that runs a job.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleDefinition {
    /// Name of the job to run (a key of `orchestration.jobs`).
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub job: String,
    /// When to run, as a 5- or 6-field numeric cron expression such as `"0 6 * * *"`. Macros
    /// (`@daily`), names (`MON`) and `${VAR}` are rejected.
    #[schemars(regex(pattern = CRON_PATTERN))]
    pub cron_schedule: String,
    /// IANA time zone of the schedule. Default `"UTC"`.
    #[serde(default = "default_utc")]
    pub timezone: String,
    /// Whether the schedule is active. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Partitions targeted for partitioned jobs: `latest` or `all`.
    #[serde(default)]
    pub partition_selector: Option<PartitionSelector>,
    /// Schedule description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
}

/// A sensor, selected by `type`: `file_watcher`, `asset_sensor`, `run_status` or `custom`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(tag = "type")]
pub enum SensorDefinition {
    /// Triggers when files appear in a local directory.
    #[serde(rename = "file_watcher")]
    FileWatcher(FileWatcherSensor),
    /// Triggers when watched assets are materialised.
    #[serde(rename = "asset_sensor")]
    AssetSensor(AssetSensor),
    /// Triggers when watched jobs reach a run status.
    #[serde(rename = "run_status")]
    RunStatus(RunStatusSensor),
    /// Triggers when a custom Python function says so.
    #[serde(rename = "custom")]
    Custom(CustomSensor),
}

fn default_poll_interval() -> i64 {
    30
}

/// A file-watcher sensor (`type: file_watcher`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileWatcherSensor {
    /// Name of the job to trigger (a key of `orchestration.jobs`).
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub job: String,
    /// Local directory or file to watch, relative to the project or absolute. Not an S3 or HTTP
    /// location.
    pub path: String,
    /// Regular expression that file names must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Seconds between polls, at least 1. Default 30.
    #[serde(default = "default_poll_interval")]
    #[schemars(range(min = 1))]
    pub poll_interval_seconds: i64,
    /// Sensor description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
}

/// An asset sensor (`type: asset_sensor`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetSensor {
    /// Name of the job to trigger (a key of `orchestration.jobs`).
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub job: String,
    /// Assets whose materialisation triggers the job (at least one, none blank). The Dagster
    /// runtime accepts exactly one.
    #[schemars(length(min = 1))]
    pub watched_assets: Vec<String>,
    /// Seconds between polls, at least 1. Default 30.
    #[serde(default = "default_poll_interval")]
    #[schemars(range(min = 1))]
    pub poll_interval_seconds: i64,
    /// Sensor description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
}

/// Run status watched by a `run_status` sensor: `SUCCESS`, `FAILURE` or `STARTED` (upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum RunStatus {
    Success,
    Failure,
    Started,
}

/// A run-status sensor (`type: run_status`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunStatusSensor {
    /// Name of the job to trigger (a key of `orchestration.jobs`).
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub job: String,
    /// Jobs whose runs are watched (at least one, none blank).
    #[schemars(length(min = 1))]
    pub watched_jobs: Vec<String>,
    /// Status that triggers the sensor: `SUCCESS`, `FAILURE` or `STARTED`.
    pub status: RunStatus,
    /// Seconds between polls, at least 1. Default 30.
    #[serde(default = "default_poll_interval")]
    #[schemars(range(min = 1))]
    pub poll_interval_seconds: i64,
    /// Sensor description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
}

/// A custom sensor (`type: custom`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomSensor {
    /// Name of the job to trigger (a key of `orchestration.jobs`).
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub job: String,
    /// Sensor function, as `module.function`.
    #[schemars(regex(pattern = FUNCTION_PATH_PATTERN))]
    pub target_function: String,
    /// Keyword arguments passed to the function (any JSON-compatible values). Must not contain
    /// endpoints or credentials.
    #[serde(default)]
    pub args: Option<Map<String, Value>>,
    /// Seconds between polls, at least 1. Default 30.
    #[serde(default = "default_poll_interval")]
    #[schemars(range(min = 1))]
    pub poll_interval_seconds: i64,
    /// Sensor description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
}

/// A backfill of historical partitions.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BackfillDefinition {
    /// Name of the job to run (a key of `orchestration.jobs`, over partitioned assets).
    #[schemars(regex(pattern = IDENTIFIER_PATTERN))]
    pub job: String,
    /// First and last partition keys to process.
    pub partition_range: PartitionRange,
    /// Maximum partitions processed per run, at least 1. Default 10.
    #[serde(default = "default_int::<10>")]
    #[schemars(range(min = 1))]
    pub batch_size: i64,
    /// Backfill description, at most 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
    /// Backfill tags; values must be strings.
    #[serde(default)]
    pub tags: Option<BTreeMap<String, String>>,
}

/// Partition range of a backfill.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartitionRange {
    /// First partition key, in the format of the job's partitions (e.g. `"2024-01-01"`).
    pub start: String,
    /// Last partition key (not before `start`).
    pub end: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::common::test_support::yaml_to_json;
    use crate::model::{FileKind, generate_schema};
    use serde_json::json;

    const DEMO: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__demo__data_engineering__floe.yaml"
    );
    const VALID: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__packages__floe-cli__tests__fixtures__valid_floe.yaml"
    );
    const INVALID: &str = include_str!(
        "../../tests/fixtures/upstream/floe-runtime__packages__floe-cli__tests__fixtures__invalid_floe.yaml"
    );

    fn parse(text: &str) -> Value {
        match yaml_to_json(text) {
            Ok(v) => v,
            Err(e) => panic!("fixture is not parseable YAML: {e}"),
        }
    }

    fn error_paths(doc: &Value) -> Vec<String> {
        let schema = generate_schema(FileKind::Floe);
        let validator = match jsonschema::validator_for(&schema) {
            Ok(v) => v,
            Err(e) => panic!("floe schema does not compile: {e}"),
        };
        let mut paths: Vec<String> = validator
            .iter_errors(doc)
            .map(|e| e.instance_path().to_string())
            .collect();
        paths.sort();
        paths
    }

    #[test]
    fn demo_floe_yaml_deserializes() {
        let doc = parse(DEMO);
        let spec: FloeSpec = match serde_json::from_value(doc.clone()) {
            Ok(s) => s,
            Err(e) => panic!("demo floe.yaml rejected: {e}"),
        };
        assert_eq!(spec.name, "floe-demo");
        assert_eq!(spec.version, "1.0.0");
        assert_eq!(spec.catalog, "default");
        assert_eq!(spec.transforms.len(), 1);
        assert_eq!(spec.transforms[0].kind, TransformType::Dbt);
        let orch = spec.orchestration.as_ref().map(|o| o.jobs.len());
        assert_eq!(orch, Some(3));
        let Some(orch) = spec.orchestration else {
            panic!("orchestration missing")
        };
        assert!(matches!(
            orch.jobs.get("maintenance"),
            Some(JobDefinition::Ops(_))
        ));
        assert!(matches!(
            orch.sensors.get("file_arrival_sensor"),
            Some(SensorDefinition::FileWatcher(s)) if s.poll_interval_seconds == 60
        ));
        let schedule = orch.schedules.get("transform_pipeline_schedule");
        assert_eq!(schedule.map(|s| s.timezone.as_str()), Some("UTC"));
        assert_eq!(
            spec.governance.classification_source,
            ClassificationSource::DbtMeta
        );
        assert_eq!(spec.consumption.port, 4000);
        assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
    }

    #[test]
    fn valid_fixture_deserializes_and_validates() {
        let doc = parse(VALID);
        if let Err(e) = serde_json::from_value::<FloeSpec>(doc.clone()) {
            panic!("valid_floe.yaml rejected: {e}");
        }
        assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
    }

    #[test]
    fn invalid_fixture_fails_where_upstream_fails() {
        // Upstream: `version: Field required`, `compute: String should match pattern`,
        // `transforms.0.type: Input should be 'dbt'`.
        let doc = parse(INVALID);
        assert!(serde_json::from_value::<FloeSpec>(doc.clone()).is_err());
        let paths = error_paths(&doc);
        assert!(paths.contains(&String::new()), "{paths:?}");
        assert!(paths.contains(&"/compute".to_owned()), "{paths:?}");
        assert!(
            paths.contains(&"/transforms/0/type".to_owned()),
            "{paths:?}"
        );
    }

    #[test]
    fn generation_b_floe_files_are_not_floe_specs() {
        // Generation B (`apiVersion: floe.dev/v1`) is a different dialect: its top-level keys are
        // unknown to the Generation A model.
        for text in [
            include_str!("../../tests/fixtures/upstream/floe__demo__customer-360__floe.yaml"),
            include_str!("../../tests/fixtures/upstream/floe__examples__hello-orders__floe.yaml"),
            include_str!(
                "../../tests/fixtures/upstream/floe__packages__floe-core__tests__fixtures__quickstart__floe.yaml"
            ),
        ] {
            let doc = parse(text);
            assert_eq!(doc["apiVersion"], json!("floe.dev/v1"));
            assert!(serde_json::from_value::<FloeSpec>(doc.clone()).is_err());
            assert!(!error_paths(&doc).is_empty());
        }
    }

    #[test]
    fn minimal_document_gets_upstream_defaults() {
        let spec: FloeSpec = match serde_json::from_value(json!({"name": "p", "version": "1"})) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(spec.storage, "default");
        assert_eq!(spec.compute, "default");
        assert!(spec.observability.traces);
        assert!(spec.consumption.pre_aggregations.external);
        assert_eq!(
            spec.consumption.pre_aggregations.refresh_schedule,
            "*/30 * * * *"
        );
        assert!(spec.consumption.security.row_level);
        assert!(spec.governance.emit_lineage);
        assert!(spec.orchestration.is_none());
    }

    #[test]
    fn unknown_keys_and_bad_tags_are_rejected() {
        assert!(
            serde_json::from_value::<FloeSpec>(json!({"name": "p", "version": "1", "x": 1}))
                .is_err()
        );
        let bad_variant_field = json!({"name": "p", "version": "1", "orchestration": {
            "jobs": {"j": {"type": "batch", "selection": ["a"], "target_function": "a.b"}}}});
        assert!(serde_json::from_value::<FloeSpec>(bad_variant_field.clone()).is_err());
        assert!(!error_paths(&bad_variant_field).is_empty());
        let no_tag = json!({"name": "p", "version": "1", "orchestration": {
            "partitions": {"p": {"partition_keys": ["a"]}}}});
        assert!(serde_json::from_value::<FloeSpec>(no_tag.clone()).is_err());
        assert!(!error_paths(&no_tag).is_empty());
        let version_float = json!({"name": "p", "version": 1.0});
        assert_eq!(error_paths(&version_float), vec!["/version".to_owned()]);
    }

    #[test]
    fn tagged_unions_round_trip() {
        let doc = json!({"name": "p", "version": "1", "orchestration": {
            "partitions": {
                "daily": {"type": "time_window", "start": "2024-01-01", "cron_schedule": "0 0 * * *"},
                "region": {"type": "static", "partition_keys": ["us", "eu"]},
                "both": {"type": "multi", "partitions": {
                    "d": {"type": "dynamic", "fn": "pkg.mod.keys"},
                    "s": {"type": "static", "partition_keys": ["x"]}}}
            },
            "sensors": {
                "a": {"type": "asset_sensor", "job": "j", "watched_assets": ["x"]},
                "r": {"type": "run_status", "job": "j", "watched_jobs": ["k"], "status": "FAILURE"},
                "c": {"type": "custom", "job": "j", "target_function": "m.f", "args": {"n": 1}}
            },
            "backfills": {"b": {"job": "j", "partition_range": {"start": "a", "end": "b"}}}
        }});
        let spec: FloeSpec = match serde_json::from_value(doc.clone()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let Some(orch) = spec.orchestration else {
            panic!("orchestration missing")
        };
        assert!(
            matches!(orch.partitions.get("both"), Some(PartitionDefinition::Multi(m)) if m.partitions.len() == 2)
        );
        assert_eq!(orch.backfills.get("b").map(|b| b.batch_size), Some(10));
        assert!(error_paths(&doc).is_empty(), "{:?}", error_paths(&doc));
    }
}
