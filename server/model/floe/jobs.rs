//! `orchestration` jobs, schedules, sensors and backfills.

use super::*;

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
