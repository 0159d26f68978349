//! `observability` (the same model in floe.yaml and platform.yaml): tracing, metrics, logging, compute logs.

use super::*;

/// OpenTelemetry tracing, metrics and OpenLineage settings. The same block is accepted in
/// floe.yaml and platform.yaml; endpoints normally live in platform.yaml.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ObservabilityConfig {
    /// Emit OpenTelemetry traces. Default `true`.
    #[serde(default = "default_true")]
    pub traces: bool,
    /// Collect metrics. Default `true`. (Detailed metrics settings go in `metrics_config`.)
    #[serde(default = "default_true")]
    pub metrics: bool,
    /// Emit OpenLineage events. Default `true`.
    #[serde(default = "default_true")]
    pub lineage: bool,
    /// OTLP exporter endpoint, e.g. `http://otel-collector:4317`. Not URL-validated.
    #[serde(default)]
    pub otlp_endpoint: Option<String>,
    /// OpenLineage API endpoint. Include the full path, e.g.
    /// `http://marquez:5000/api/v1/lineage`. Not URL-validated.
    #[serde(default)]
    pub lineage_endpoint: Option<String>,
    /// Extra resource attributes added to traces (e.g. `service.name`). Values must be strings:
    /// quote numbers and booleans.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Extended tracing settings: sampling and exporters.
    #[serde(default)]
    pub tracing: Option<TracingConfig>,
    /// Extended metrics settings: scrape interval, retention, exporters, alerting. Note the key
    /// is `metrics_config`, not `metrics` (which is the on/off switch).
    #[serde(default)]
    pub metrics_config: Option<MetricsConfig>,
    /// Extended logging settings: level, format and backends.
    #[serde(default)]
    pub logging: Option<LoggingConfig>,
    /// Storage of Dagster compute logs (stdout/stderr of runs); platform-managed.
    #[serde(default)]
    pub compute_logs: Option<ComputeLogsConfig>,
}

impl Default for ObservabilityConfig {
    fn default() -> Self {
        Self {
            traces: true,
            metrics: true,
            lineage: true,
            otlp_endpoint: None,
            lineage_endpoint: None,
            attributes: BTreeMap::new(),
            tracing: None,
            metrics_config: None,
            logging: None,
            compute_logs: None,
        }
    }
}

/// Extended tracing configuration.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct TracingConfig {
    /// Which traces are recorded.
    #[serde(default)]
    pub sampling: TraceSamplingConfig,
    /// Which trace exporters are enabled.
    #[serde(default)]
    pub exporters: TraceExportersConfig,
}

/// Trace sampling strategy: `always_on`, `always_off`, `probabilistic` or `rate_limiting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SamplingType {
    AlwaysOn,
    AlwaysOff,
    Probabilistic,
    RateLimiting,
}

fn default_sampling_type() -> SamplingType {
    SamplingType::AlwaysOn
}

fn default_probability() -> f64 {
    1.0
}

/// Trace sampling settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraceSamplingConfig {
    /// Sampling strategy: `always_on` (default), `always_off`, `probabilistic` or
    /// `rate_limiting`.
    #[serde(default = "default_sampling_type")]
    pub sampling_type: SamplingType,
    /// Fraction of traces kept with `probabilistic` sampling, from 0.0 to 1.0. Default 1.0.
    #[serde(default = "default_probability")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub probability: f64,
    /// Maximum traces per second with `rate_limiting` sampling (at least 1).
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub rate_limit: Option<i64>,
}

impl Default for TraceSamplingConfig {
    fn default() -> Self {
        Self {
            sampling_type: default_sampling_type(),
            probability: default_probability(),
            rate_limit: None,
        }
    }
}

/// Trace exporters to enable.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraceExportersConfig {
    /// Export to Jaeger. Default `true`.
    #[serde(default = "default_true")]
    pub jaeger: bool,
    /// Export to AWS X-Ray. Default `false`.
    #[serde(default)]
    pub xray: bool,
    /// Export to a generic OTLP collector. Default `false`.
    #[serde(default)]
    pub otlp: bool,
}

impl Default for TraceExportersConfig {
    fn default() -> Self {
        Self {
            jaeger: true,
            xray: false,
            otlp: false,
        }
    }
}

fn default_scrape_interval() -> String {
    "15s".to_owned()
}

/// Extended metrics configuration (the `metrics_config` block).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct MetricsConfig {
    /// Prometheus scrape interval: a number followed by `s`, `m` or `h`, written as a string
    /// (e.g. `"15s"`; a bare `15` is rejected). Default `"15s"`.
    #[serde(default = "default_scrape_interval")]
    #[schemars(regex(pattern = SCRAPE_INTERVAL_PATTERN))]
    pub scrape_interval: String,
    /// How many days metrics are kept, 1–365. Default 15.
    #[serde(default = "default_int::<15>")]
    #[schemars(range(min = 1, max = 365))]
    pub retention_days: i64,
    /// Which metrics exporters are enabled.
    #[serde(default)]
    pub exporters: MetricsExportersConfig,
    /// Alerting rules evaluated on the metrics.
    #[serde(default)]
    pub alerting: MetricsAlertingConfig,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        Self {
            scrape_interval: default_scrape_interval(),
            retention_days: 15,
            exporters: MetricsExportersConfig::default(),
            alerting: MetricsAlertingConfig::default(),
        }
    }
}

/// Metrics exporters to enable.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricsExportersConfig {
    /// Expose metrics to Prometheus. Default `true`.
    #[serde(default = "default_true")]
    pub prometheus: bool,
    /// Send metrics to AWS CloudWatch. Default `false`.
    #[serde(default)]
    pub cloudwatch: bool,
    /// Send metrics to StatsD. Default `false`.
    #[serde(default)]
    pub statsd: bool,
}

impl Default for MetricsExportersConfig {
    fn default() -> Self {
        Self {
            prometheus: true,
            cloudwatch: false,
            statsd: false,
        }
    }
}

/// Metrics alerting settings.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricsAlertingConfig {
    /// Turn alerting on. Default `false`.
    #[serde(default)]
    pub enabled: bool,
    /// Alert rules by name.
    #[serde(default)]
    pub rules: BTreeMap<String, AlertRule>,
}

/// Alert severity: `info`, `warning` or `critical` (lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertSeverity {
    Info,
    Warning,
    Critical,
}

fn default_alert_severity() -> AlertSeverity {
    AlertSeverity::Warning
}

/// One alerting rule.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlertRule {
    /// Severity of the alert: `info`, `warning` (default) or `critical`.
    #[serde(default = "default_alert_severity")]
    pub severity: AlertSeverity,
    /// Notification channels to alert, e.g. `[slack, pagerduty]`.
    #[serde(default)]
    pub notify: Vec<String>,
}

/// Log level, upper case only: `DEBUG`, `INFO`, `WARNING`, `ERROR` or `CRITICAL`
/// (`info` and `WARN` are rejected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum LogLevel {
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}

fn default_log_level() -> LogLevel {
    LogLevel::Info
}

/// Log output format: `json` or `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Json,
    Text,
}

fn default_log_format() -> LogFormat {
    LogFormat::Json
}

/// Extended logging configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct LoggingConfig {
    /// Default log level, upper case: `DEBUG`, `INFO` (default), `WARNING`, `ERROR` or
    /// `CRITICAL`. `WARN` and lower-case names are rejected.
    #[serde(default = "default_log_level")]
    pub level: LogLevel,
    /// Log output format: `json` (default) or `text`. The key is `log_format`, not `format`.
    #[serde(default = "default_log_format")]
    pub log_format: LogFormat,
    /// Which log backends receive the logs.
    #[serde(default)]
    pub backends: LoggingBackendsConfig,
}

impl Default for LoggingConfig {
    fn default() -> Self {
        Self {
            level: default_log_level(),
            log_format: default_log_format(),
            backends: LoggingBackendsConfig::default(),
        }
    }
}

/// Log backends to enable.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoggingBackendsConfig {
    /// Ship logs to Grafana Loki. Default `true`.
    #[serde(default = "default_true")]
    pub loki: bool,
    /// Ship logs to AWS CloudWatch Logs. Default `false`.
    #[serde(default)]
    pub cloudwatch: bool,
    /// Ship logs to Elasticsearch. Default `false`.
    #[serde(default)]
    pub elasticsearch: bool,
}

impl Default for LoggingBackendsConfig {
    fn default() -> Self {
        Self {
            loki: true,
            cloudwatch: false,
            elasticsearch: false,
        }
    }
}

/// Compute-log storage backend: `s3`, `azure_blob`, `gcs`, `local` or `noop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputeLogManagerType {
    S3,
    AzureBlob,
    Gcs,
    Local,
    Noop,
}

fn default_compute_log_manager() -> ComputeLogManagerType {
    ComputeLogManagerType::S3
}

fn default_compute_logs_storage_ref() -> Option<String> {
    Some(DEFAULT_PROFILE.to_owned())
}

fn default_compute_logs_prefix() -> String {
    "dagster-compute-logs/".to_owned()
}

fn default_compute_logs_local_dir() -> String {
    "/tmp/dagster-compute-logs".to_owned()
}

/// Where Dagster stores the stdout/stderr of runs.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ComputeLogsConfig {
    /// Capture and store compute logs. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// Storage backend: `s3` (default), `azure_blob`, `gcs`, `local` or `noop`.
    #[serde(default = "default_compute_log_manager")]
    pub manager_type: ComputeLogManagerType,
    /// Name of the platform.yaml storage profile to write to. Default `"default"`.
    #[serde(default = "default_compute_logs_storage_ref")]
    pub storage_ref: Option<String>,
    /// Bucket override; by default the storage profile's bucket is used.
    #[serde(default)]
    pub bucket: Option<String>,
    /// Key prefix of the log objects. Default `"dagster-compute-logs/"`.
    #[serde(default = "default_compute_logs_prefix")]
    pub prefix: String,
    /// How many days logs are kept, 1–365. Default 30.
    #[serde(default = "default_int::<30>")]
    #[schemars(range(min = 1, max = 365))]
    pub retention_days: i64,
    /// Local directory where logs are buffered before upload. Default
    /// `"/tmp/dagster-compute-logs"`.
    #[serde(default = "default_compute_logs_local_dir")]
    pub local_dir: String,
    /// Seconds between uploads, 1–300. Default 30.
    #[serde(default = "default_int::<30>")]
    #[schemars(range(min = 1, max = 300))]
    pub upload_interval: i64,
}
