//! Types shared by `floe.yaml` and `platform.yaml`: secret references, credential blocks, the
//! observability section, the upstream regular expressions and the small default helpers the
//! models use.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::dialect::runtime::constants::DEFAULT_PROFILE;

// ---------------------------------------------------------------------------------------------
// Upstream regular expressions (exact text, used both in the schemas and in `semantic`).
// ---------------------------------------------------------------------------------------------

/// Profile names and logical profile references (`storage`, `catalogs`, `compute` keys; floe.yaml
/// `storage`/`catalog`/`compute`; layer `name`/`storage_ref`/`catalog_ref`).
pub const PROFILE_NAME_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_-]*$";
/// floe.yaml pipeline `name`.
pub const PIPELINE_NAME_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_-]{0,99}$";
/// Kubernetes secret names used as `secret_ref` (1–253 chars, no dots).
pub const K8S_SECRET_PATTERN: &str = r"^[a-zA-Z0-9][a-zA-Z0-9_-]{0,252}$";
/// AWS IAM role ARN (`credentials.role_arn`, IRSA service accounts).
pub const AWS_IAM_ROLE_PATTERN: &str = r"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$";
/// AWS KMS key ARN.
pub const AWS_KMS_KEY_PATTERN: &str = r"^arn:aws:kms:[a-z0-9-]+:\d{12}:key/[a-f0-9-]+$";
/// Twelve-digit AWS account id.
pub const AWS_ACCOUNT_ID_PATTERN: &str = r"^\d{12}$";
/// AWS VPC id.
pub const AWS_VPC_ID_PATTERN: &str = r"^vpc-[a-f0-9]+$";
/// DNS domain / host name.
pub const DNS_DOMAIN_PATTERN: &str =
    r"^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$";
/// TLS versions `1.0`–`1.3`.
pub const TLS_VERSION_PATTERN: &str = r"^1\.[0-3]$";
/// platform.yaml `version` (semver).
pub const SEMVER_PATTERN: &str = r"^\d+\.\d+\.\d+$";
/// Prometheus scrape interval such as `15s`, `1m`, `2h`.
pub const SCRAPE_INTERVAL_PATTERN: &str = r"^\d+[smh]$";
/// Orchestration identifiers (no hyphens): partition/job/schedule/sensor/backfill names and refs.
pub const IDENTIFIER_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_]*$";
/// Python module path (`orchestration.asset_modules` entries).
pub const MODULE_PATH_PATTERN: &str = r"^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*$";
/// `module.function` reference (at least one dot).
pub const FUNCTION_PATH_PATTERN: &str =
    r"^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)*\.[a-zA-Z][a-zA-Z0-9_]*$";
/// Cron expression with 5 or 6 numeric fields (`@daily`, `MON` and `${VAR}` are rejected).
pub const CRON_PATTERN: &str = r"^([0-9*,-/]+\s){4,5}[0-9*,-/]+$";
/// `YYYY-MM-DD` date.
pub const DATE_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}$";

// ---------------------------------------------------------------------------------------------
// Default helpers (serde `default = "..."` paths; also used by the `Default` impls).
// ---------------------------------------------------------------------------------------------

pub(crate) fn default_true() -> bool {
    true
}

pub(crate) fn default_int<const N: i64>() -> i64 {
    N
}

pub(crate) fn default_profile_name() -> String {
    DEFAULT_PROFILE.to_owned()
}

pub(crate) fn default_utc() -> String {
    "UTC".to_owned()
}

/// Schema transform that turns the hard-wrapped lines of doc-comment `description`s into flowing
/// text: single line breaks become spaces, blank-line paragraph breaks are kept. Editors show the
/// description verbatim, so wrapped source lines would otherwise show as ragged line breaks.
/// Apply it recursively (`schemars::transform::RecursiveTransform`).
pub fn unwrap_description(schema: &mut Schema) {
    let Some(Value::String(text)) = schema.get_mut("description") else {
        return;
    };
    if !text.contains('\n') {
        return;
    }
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect();
    *text = paragraphs.join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// Secrets and credentials
// ---------------------------------------------------------------------------------------------

/// A reference to a secret held outside the file, written as `{secret_ref: <name>}`.
///
/// At run time floe reads the environment variable named after the reference (upper-cased, `-`
/// replaced by `_`, e.g. `polaris-client-secret` → `POLARIS_CLIENT_SECRET`), then the file
/// `/var/run/secrets/<name>`. The secret value itself never appears in the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SecretReference {
    /// Kubernetes secret name or environment-variable stem: 1–253 letters, digits, `_` or `-`,
    /// starting with a letter or digit. Dots are not allowed (`my.secret` is rejected).
    #[schemars(regex(pattern = K8S_SECRET_PATTERN), length(min = 1, max = 253))]
    pub secret_ref: String,
}

/// A plain string, or a `{secret_ref: <name>}` mapping when the value should come from a secret.
///
/// Its schema is a single object-or-string schema rather than an `anyOf`, so that a mistake
/// inside the mapping (say a bad `secret_ref`) is reported at its own location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StringOrSecretRef {
    /// The value written inline.
    Literal(String),
    /// The value resolved at run time from a secret.
    Secret(SecretReference),
}

impl JsonSchema for StringOrSecretRef {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "StringOrSecretRef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // `properties`, `required` and `additionalProperties` only constrain objects, so this
        // accepts any string, or exactly a `SecretReference` mapping.
        let mut schema = SecretReference::json_schema(generator);
        schema.insert("type".into(), json!(["string", "object"]));
        schema.insert(
            "description".into(),
            json!("A plain string, or `{secret_ref: <name>}` to read the value from a secret."),
        );
        schema
    }
}

impl StringOrSecretRef {
    /// The inline string, if the value is not a secret reference.
    pub fn as_literal(&self) -> Option<&str> {
        match self {
            StringOrSecretRef::Literal(s) => Some(s),
            StringOrSecretRef::Secret(_) => None,
        }
    }
}

/// How a profile obtains its credentials: `static`, `oauth2`, `iam_role` or `service_account`.
///
/// `static` reads a secret (or environment fallback), `oauth2` uses the client-credentials flow
/// and needs `client_id` and `client_secret`, `iam_role` assumes an AWS role and needs
/// `role_arn`, `service_account` uses GCP/Azure workload identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CredentialMode {
    Static,
    Oauth2,
    IamRole,
    ServiceAccount,
}

fn default_credential_mode() -> CredentialMode {
    CredentialMode::Static
}

/// Credentials of a storage, catalog or compute profile. Which fields are needed depends on
/// `mode`; fields that do not belong to the chosen mode are accepted and ignored.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialConfig {
    /// Credential mode: `static` (default), `oauth2`, `iam_role` or `service_account`.
    /// `oauth2` requires `client_id` and `client_secret`; `iam_role` requires `role_arn`.
    #[serde(default = "default_credential_mode")]
    pub mode: CredentialMode,
    /// OAuth2 client id (`oauth2` mode), inline or as `{secret_ref: …}`.
    #[serde(default)]
    pub client_id: Option<StringOrSecretRef>,
    /// OAuth2 client secret (`oauth2` mode). Must be a `{secret_ref: …}` mapping: a plain string
    /// is rejected so that secrets never live in the file.
    #[serde(default)]
    pub client_secret: Option<SecretReference>,
    /// OAuth2 scope, e.g. `PRINCIPAL_ROLE:DATA_ENGINEER`. Not format-checked; avoid
    /// `PRINCIPAL_ROLE:ALL` outside local development.
    #[serde(default)]
    pub scope: Option<String>,
    /// AWS IAM role to assume (`iam_role` mode), e.g. `arn:aws:iam::123456789012:role/Name`.
    #[serde(default)]
    #[schemars(regex(pattern = AWS_IAM_ROLE_PATTERN))]
    pub role_arn: Option<String>,
    /// Secret name holding static credentials (`static` mode); same naming rules as
    /// `secret_ref` (letters, digits, `_`, `-`; no dots).
    #[serde(default)]
    #[schemars(regex(pattern = K8S_SECRET_PATTERN))]
    pub secret_ref: Option<String>,
}

impl Default for CredentialConfig {
    fn default() -> Self {
        Self {
            mode: default_credential_mode(),
            client_id: None,
            client_secret: None,
            scope: None,
            role_arn: None,
            secret_ref: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Observability (same model in floe.yaml and platform.yaml)
// ---------------------------------------------------------------------------------------------

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

#[cfg(test)]
pub(crate) mod test_support {
    //! A minimal YAML → JSON converter for tests, so the upstream fixture files can be fed to the
    //! typed models and the generated schemas. Plain scalars are resolved like YAML 1.2 core
    //! (null, booleans, integers, floats); everything else is a string. Not a general loader.

    use granit_parser::{Event, Parser, ScalarStyle};
    use serde_json::{Map, Number, Value};

    enum Frame {
        Seq(Vec<Value>),
        Map(Map<String, Value>, Option<String>),
    }

    fn resolve_plain(s: &str) -> Value {
        match s {
            "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
            "true" | "True" | "TRUE" => return Value::Bool(true),
            "false" | "False" | "FALSE" => return Value::Bool(false),
            _ => {}
        }
        if let Ok(i) = s.parse::<i64>() {
            return Value::Number(i.into());
        }
        let looks_numeric = s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
            && s.chars().any(|c| c.is_ascii_digit());
        if looks_numeric
            && let Ok(f) = s.parse::<f64>()
            && let Some(n) = Number::from_f64(f)
        {
            return Value::Number(n);
        }
        Value::String(s.to_owned())
    }

    fn push(stack: &mut [Frame], root: &mut Option<Value>, value: Value) -> Result<(), String> {
        match stack.last_mut() {
            None => {
                *root = Some(value);
                Ok(())
            }
            Some(Frame::Seq(items)) => {
                items.push(value);
                Ok(())
            }
            Some(Frame::Map(map, pending)) => match pending.take() {
                Some(key) => {
                    map.insert(key, value);
                    Ok(())
                }
                None => {
                    let key = match value {
                        Value::String(s) => s,
                        Value::Null => "null".to_owned(),
                        other => other.to_string(),
                    };
                    *pending = Some(key);
                    Ok(())
                }
            },
        }
    }

    /// Parses the first YAML document of `text` into a JSON value (`null` for an empty file).
    pub(crate) fn yaml_to_json(text: &str) -> Result<Value, String> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<Value> = None;
        for next in Parser::new_from_str(text) {
            let (event, _span) = next.map_err(|e| e.to_string())?;
            match event {
                Event::Scalar(s, style, _, _) => {
                    let value = if style == ScalarStyle::Plain {
                        resolve_plain(&s)
                    } else {
                        Value::String(s.into_owned())
                    };
                    push(&mut stack, &mut root, value)?;
                }
                Event::SequenceStart(..) => stack.push(Frame::Seq(Vec::new())),
                Event::MappingStart(..) => stack.push(Frame::Map(Map::new(), None)),
                Event::SequenceEnd | Event::MappingEnd => {
                    let value = match stack.pop() {
                        Some(Frame::Seq(items)) => Value::Array(items),
                        Some(Frame::Map(map, _)) => Value::Object(map),
                        None => return Err("unbalanced collection end".to_owned()),
                    };
                    push(&mut stack, &mut root, value)?;
                }
                Event::DocumentEnd => break,
                Event::Alias(_) => return Err("aliases are not supported".to_owned()),
                _ => {}
            }
        }
        Ok(root.unwrap_or(Value::Null))
    }
}
