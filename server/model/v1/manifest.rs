//! `manifest.yaml` (`apiVersion: floe.dev/v1`, `kind: Manifest`): the platform every data
//! product compiles against. One manifest serves every environment; the environment is chosen
//! at run time (`FLOE_ENV`), so environment-named root keys are rejected.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::artifacts::ArtifactsConfig;
use super::governance::GovernanceConfig;
use super::observability::{ManifestResourcePreset, ObservabilityManifestConfig};
use super::quality::QualityConfig;
use super::{ApiVersion, SECRET_NAME_PATTERN, SEMVER_PATTERN};

/// The platform manifest (`manifest.yaml`, `kind: Manifest`): plugin selections, governance,
/// observability, resource presets and artifact settings shared by every data product.
///
/// Unknown top-level keys are accepted (upstream only warns: "Unknown fields in manifest will
/// be ignored"), except environment-named keys such as `environments` or `prod`, which are
/// errors.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(transform = super::aliases::manifest)]
pub struct PlatformManifest {
    /// API version: must be `floe.dev/v1`. (`api_version` is accepted as well.)
    #[serde(rename = "apiVersion", alias = "api_version")]
    pub api_version: ApiVersion,
    /// Resource kind: must be `Manifest`.
    pub kind: ManifestKind,
    /// Name, version and owner of the platform.
    pub metadata: ManifestMetadata,
    /// Configuration tier. Leave it out for the usual single platform manifest; `enterprise`
    /// and `domain` are the two levels of a 3-tier setup (a domain manifest names its
    /// enterprise parent in `parent_manifest`).
    #[serde(default)]
    pub scope: Option<ManifestScope>,
    /// OCI URI of the enterprise manifest a `scope: domain` manifest inherits from. Required
    /// for, and only allowed with, `scope: domain`. Not fetched yet: inheritance is not wired
    /// up upstream.
    #[serde(default)]
    pub parent_manifest: Option<String>,
    /// The plugin chosen for each platform capability. `compute` and `orchestrator` are
    /// required to compile a data product; `{}` is valid here.
    pub plugins: PluginsConfig,
    /// Security, compliance and policy settings enforced on data products at compile time.
    #[serde(default)]
    pub governance: Option<GovernanceConfig>,
    /// Enterprise whitelist of plugin types per category (`scope: enterprise` only). Not
    /// enforced yet.
    #[serde(default)]
    pub approved_plugins: Option<BTreeMap<String, Vec<String>>>,
    /// Enterprise whitelist of reverse-ETL sink types (`scope: enterprise` only). Every
    /// floe.yaml `destinations[].sink_type` must be listed.
    #[serde(default)]
    pub approved_sinks: Option<Vec<String>>,
    /// Data products a domain may host (`scope: domain` only). Not enforced yet.
    #[serde(default)]
    pub approved_products: Option<Vec<String>>,
    /// Default settings. Only `compute` is read: the compute a transform gets when it names
    /// none (it does not replace `plugins.compute`, which is still required).
    #[serde(default)]
    pub defaults: Option<BTreeMap<String, String>>,
    /// OCI registry, signing, verification and promotion settings for compiled artifacts.
    /// Used by the artifact commands, not by compile.
    #[serde(default)]
    pub artifacts: Option<ArtifactsConfig>,
    /// Tracing, lineage and logging settings.
    #[serde(default)]
    pub observability: Option<ObservabilityManifestConfig>,
    /// Named Kubernetes resource presets (`small`, `large`, …) used by `floe platform deploy`.
    #[serde(default)]
    pub resource_presets: Option<BTreeMap<String, ManifestResourcePreset>>,
    /// Keys upstream does not know: kept and warned about, not errors.
    #[serde(flatten)]
    #[schemars(skip)]
    pub unknown: BTreeMap<String, Value>,
}

/// The `kind` literal of manifest.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ManifestKind {
    Manifest,
}

/// Manifest configuration tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ManifestScope {
    Enterprise,
    Domain,
}

/// Identity of the platform manifest.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManifestMetadata {
    /// Platform name: 1–63 lower-case letters, digits or `-`, starting and ending with a letter
    /// or digit. `default`, `system`, `floe`, `admin` and `root` are reserved.
    #[schemars(regex(pattern = SECRET_NAME_PATTERN), length(min = 1, max = 63))]
    pub name: String,
    /// Manifest version, `MAJOR.MINOR.PATCH`.
    #[schemars(regex(pattern = SEMVER_PATTERN))]
    pub version: String,
    /// Owning team (e.g. an e-mail address).
    #[schemars(length(min = 1))]
    pub owner: String,
    /// What the platform is, up to 500 characters.
    #[serde(default)]
    #[schemars(length(max = 500))]
    pub description: Option<String>,
}

fn default_dbt_plugin() -> PluginSelection {
    PluginSelection {
        plugin_type: crate::dialect::v1::keys::plugin_type::CORE.to_owned(),
        version: None,
        config: None,
        connection_secret_ref: None,
    }
}

/// The plugin chosen for each capability. Only these 12 keys are allowed.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluginsConfig {
    /// Compute engine running the dbt models. Required to compile; upstream ships only
    /// `duckdb` (any other type fails compile). Its `config` holds the DuckDB settings (`path`,
    /// `threads` 1–64, `timeout_seconds`, `memory_limit`, `extensions`, `settings`, `attach`).
    #[serde(default)]
    pub compute: Option<PluginSelection>,
    /// Orchestrator, e.g. `dagster`. Required to compile.
    #[serde(default)]
    pub orchestrator: Option<PluginSelection>,
    /// Iceberg catalog, e.g. `polaris` (config: `uri`, `warehouse`, `oauth2`, …).
    #[serde(default)]
    pub catalog: Option<PluginSelection>,
    /// Object storage, e.g. `s3` (config: `endpoint`, `bucket`, `region`, …).
    #[serde(default)]
    pub storage: Option<PluginSelection>,
    /// Semantic layer, e.g. `cube`.
    #[serde(default)]
    pub semantic_layer: Option<PluginSelection>,
    /// Ingestion tool, e.g. `dlt`.
    #[serde(default)]
    pub ingestion: Option<PluginSelection>,
    /// Secrets backend: upstream ships `k8s` and `infisical`.
    #[serde(default)]
    pub secrets: Option<PluginSelection>,
    /// Telemetry backend: upstream ships `console` and `jaeger`.
    #[serde(default)]
    pub telemetry_backend: Option<PluginSelection>,
    /// OpenLineage backend, e.g. `marquez`.
    #[serde(default)]
    pub lineage_backend: Option<PluginSelection>,
    /// Identity provider: upstream ships `keycloak`.
    #[serde(default)]
    pub identity: Option<PluginSelection>,
    /// dbt runtime: `core` (default) or `fusion`.
    #[serde(default = "default_dbt_plugin")]
    pub dbt: PluginSelection,
    /// Data-quality provider and scoring (not a plugin selection: it has its own settings).
    #[serde(default)]
    pub quality: Option<QualityConfig>,
}

/// One plugin choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PluginSelection {
    /// Plugin type, e.g. `duckdb`, `dagster`, `polaris`. Surrounding spaces are stripped; it
    /// must not be blank. Only the compute type is checked at compile; other types fail when
    /// the runtime loads them.
    #[serde(rename = "type")]
    #[schemars(length(min = 1))]
    pub plugin_type: String,
    /// Plugin version, `MAJOR.MINOR.PATCH`. Recorded in the compiled artifacts, not compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = SEMVER_PATTERN))]
    pub version: Option<String>,
    /// Plugin settings, copied verbatim into the compiled artifacts (so any secret written here
    /// ends up there too). The runtime validates them against the plugin's own model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<BTreeMap<String, Value>>,
    /// Name of a secret with the plugin's credentials: 1–253 lower-case letters, digits or `-`,
    /// starting and ending with a letter or digit. Accepted but not used: compile drops it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = SECRET_NAME_PATTERN), length(min = 1, max = 253))]
    pub connection_secret_ref: Option<String>,
}
