//! The manifest's `observability` block and its `resource_presets`.

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::model::common::default_true;

/// Tracing, lineage and logging settings. Every block is default-filled.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObservabilityManifestConfig {
    /// OpenTelemetry tracing.
    #[serde(default)]
    pub tracing: Option<TracingManifestConfig>,
    /// OpenLineage events.
    #[serde(default)]
    pub lineage: Option<LineageManifestConfig>,
    /// Log level and format (not used by compile).
    #[serde(default)]
    pub logging: Option<LoggingManifestConfig>,
}

/// `otlp`, `console` or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceExporter {
    Otlp,
    Console,
    None,
}

fn default_otlp() -> TraceExporter {
    TraceExporter::Otlp
}

/// OpenTelemetry tracing.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TracingManifestConfig {
    /// Emit traces. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// `otlp` (default), `console` or `none`. Not used by compile.
    #[serde(default = "default_otlp")]
    pub exporter: TraceExporter,
    /// OTLP collector URL, `http://` or `https://` (e.g. `http://otel-collector:4317`).
    /// Loopback, link-local and private-network addresses (`localhost`, `127.…`, `10.…`,
    /// `192.168.…`, `172.16–31.…`, `169.254.…`) are rejected; in-cluster service names pass.
    /// Compile copies it into the artifacts (default `http://localhost:4317`).
    #[serde(default)]
    pub endpoint: Option<String>,
}

/// `http`, `console` or `noop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineageTransport {
    Http,
    Console,
    Noop,
}

fn default_http() -> LineageTransport {
    LineageTransport::Http
}

/// OpenLineage events.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineageManifestConfig {
    /// Emit lineage events. Default `true`.
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// `http` (default), `console` or `noop`.
    #[serde(default = "default_http")]
    pub transport: LineageTransport,
    /// Lineage API URL, `http://` or `https://`, full path included (e.g.
    /// `http://marquez:5000/api/v1/lineage`). Private-network addresses are rejected, as for
    /// `tracing.endpoint`.
    #[serde(default)]
    pub endpoint: Option<String>,
}

/// `DEBUG`, `INFO`, `WARNING` or `ERROR` (upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum LogLevel {
    Debug,
    Info,
    Warning,
    Error,
}

fn default_info() -> LogLevel {
    LogLevel::Info
}

/// `json` or `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Json,
    Text,
}

fn default_json() -> LogFormat {
    LogFormat::Json
}

/// Logging settings.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoggingManifestConfig {
    /// `DEBUG`, `INFO` (default), `WARNING` or `ERROR`, upper case (no `CRITICAL`).
    #[serde(default = "default_info")]
    pub level: LogLevel,
    /// `json` (default) or `text`. (The key is `format`, not Gen A's `log_format`.)
    #[serde(default = "default_json")]
    pub format: LogFormat,
}

/// A Kubernetes resource preset, either canonical
/// (`{requests: {cpu, memory}, limits: {cpu, memory}}`) or flat (`cpu_request`, `cpu_limit`,
/// `memory_request`, `memory_limit`, all four). Values are Kubernetes quantities as strings
/// (`"500m"`, `"1Gi"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ManifestResourcePreset {
    /// `{requests: {cpu, memory}, limits: {cpu, memory}}`.
    Canonical {
        requests: ResourceSpec,
        limits: ResourceSpec,
    },
    /// The four flat keys.
    Flat {
        cpu_request: String,
        cpu_limit: String,
        memory_request: String,
        memory_limit: String,
    },
}

/// CPU and memory quantities.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceSpec {
    /// CPU quantity, e.g. `"500m"`.
    pub cpu: String,
    /// Memory quantity, e.g. `"512Mi"`.
    pub memory: String,
}

const FLAT_PRESET_KEYS: [&str; 4] = ["cpu_request", "cpu_limit", "memory_request", "memory_limit"];

impl JsonSchema for ManifestResourcePreset {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ManifestResourcePreset".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // Upstream rebuilds a preset from the flat keys only when all four are present (and
        // then drops any other key); otherwise the mapping is validated as the canonical form,
        // where the flat keys are unknown. `if`/`then`/`else` says exactly that and keeps each
        // error at its own key, where an `anyOf` would report one vague failure.
        let resources = generator.subschema_for::<ResourceSpec>();
        let quantity = |what: &str| json!({"type": "string", "description": what});
        let description = "Kubernetes resources of the preset: `{requests: {cpu, memory}, limits: {cpu, memory}}`, or the flat keys `cpu_request`, `cpu_limit`, `memory_request`, `memory_limit` (all four; any other key is then ignored).";
        schemars::json_schema!({
            "type": "object",
            "description": description,
            "if": { "required": FLAT_PRESET_KEYS },
            "then": {
                "properties": {
                    "cpu_request": quantity("CPU request, e.g. `\"100m\"`."),
                    "cpu_limit": quantity("CPU limit, e.g. `\"500m\"`."),
                    "memory_request": quantity("Memory request, e.g. `\"256Mi\"`."),
                    "memory_limit": quantity("Memory limit, e.g. `\"512Mi\"`."),
                },
            },
            "else": {
                "properties": {
                    "requests": resources.clone(),
                    "limits": resources,
                },
                "required": ["requests", "limits"],
                "additionalProperties": false,
            },
        })
    }
}
