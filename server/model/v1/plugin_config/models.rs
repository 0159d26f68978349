//! The configuration models the runtime applies to `plugins.<category>.config` (spec §5).
//! Compile copies `config` verbatim; the Dagster runtime validates it when the plugin starts,
//! so a mistake here fails the first run, not compile.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use crate::model::common::{default_int, default_true};
use crate::model::v1::{HTTP_URL_PATTERN, SECRET_NAME_PATTERN};

// ---------------------------------------------------------------------------------------------
// catalog: polaris
// ---------------------------------------------------------------------------------------------

/// Polaris REST catalog (`plugins.catalog.type: polaris`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolarisCatalogConfig {
    /// Catalog REST endpoint, `http://` or `https://` (e.g.
    /// `http://polaris:8181/api/catalog`).
    #[schemars(regex(pattern = HTTP_URL_PATTERN))]
    pub uri: String,
    /// Polaris catalog (warehouse) name.
    #[schemars(length(min = 1))]
    pub warehouse: String,
    /// OAuth2 client credentials used to get catalog tokens.
    pub oauth2: PolarisOAuth2Config,
    /// Connection timeout, 1–60 seconds. Default 10.
    #[serde(default = "default_int::<10>")]
    #[schemars(range(min = 1, max = 60))]
    pub connect_timeout_seconds: i64,
    /// Read timeout, 1–300 seconds. Default 30.
    #[serde(default = "default_int::<30>")]
    #[schemars(range(min = 1, max = 300))]
    pub read_timeout_seconds: i64,
    /// Connection retries, 0–10. Default 5.
    #[serde(default = "default_int::<5>")]
    #[schemars(range(min = 0, max = 10))]
    pub max_retries: i64,
    /// Ask Polaris for vended storage credentials (`X-Iceberg-Access-Delegation:
    /// vended-credentials`). Default `true`.
    #[serde(default = "default_true")]
    pub credential_vending_enabled: bool,
}

/// OAuth2 client-credentials settings of the Polaris catalog.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolarisOAuth2Config {
    /// OAuth2 client id.
    #[schemars(length(min = 1))]
    pub client_id: String,
    /// OAuth2 client secret. Written here in plain text (there is no secret reference syntax
    /// in plugin configs) and copied into the compiled artifacts.
    pub client_secret: String,
    /// Token endpoint, `http://` or `https://` (for Polaris:
    /// `<uri>/v1/oauth/tokens`). Not derived from `uri`.
    #[schemars(regex(pattern = HTTP_URL_PATTERN))]
    pub token_url: String,
    /// OAuth2 scope, e.g. `PRINCIPAL_ROLE:DATA_ENGINEER`. Without it the client's default
    /// (`catalog`) is sent, which Polaris rejects. Avoid `PRINCIPAL_ROLE:ALL` in production.
    #[serde(default)]
    pub scope: Option<String>,
    /// Refresh the token this many seconds before it expires, 10–300. Default 60.
    #[serde(default = "default_int::<60>")]
    #[schemars(range(min = 10, max = 300))]
    pub refresh_margin_seconds: i64,
}

// ---------------------------------------------------------------------------------------------
// storage: s3
// ---------------------------------------------------------------------------------------------

fn default_region() -> String {
    crate::dialect::v1::vocabulary::S3_DEFAULT_REGION.to_owned()
}

/// S3-compatible object storage (`plugins.storage.type: s3`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct S3StorageConfig {
    /// S3 endpoint URL (e.g. `http://minio:9000`). Not scheme-checked.
    #[schemars(length(min = 1))]
    pub endpoint: String,
    /// Bucket name.
    #[schemars(length(min = 1))]
    pub bucket: String,
    /// Region. Default `us-east-1`.
    #[serde(default = "default_region")]
    #[schemars(length(min = 1))]
    pub region: String,
    /// Path-style addressing (needed by MinIO). Default `true`.
    #[serde(default = "default_true")]
    pub path_style_access: bool,
    /// Access key id; when absent, `AWS_ACCESS_KEY_ID` from the environment.
    #[serde(default)]
    pub access_key_id: Option<String>,
    /// Secret access key; when absent, `AWS_SECRET_ACCESS_KEY` from the environment. Prefer
    /// the environment: a value here is copied into the compiled artifacts.
    #[serde(default)]
    pub secret_access_key: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// lineage_backend: marquez
// ---------------------------------------------------------------------------------------------

fn default_marquez_url() -> String {
    "https://marquez:5000".to_owned()
}

fn default_prod() -> String {
    "prod".to_owned()
}

fn default_drain_timeout() -> f64 {
    30.0
}

/// Marquez lineage backend (`plugins.lineage_backend.type: marquez`). Unknown keys are
/// silently ignored by the runtime (this model does not forbid them).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
pub struct MarquezConfig {
    /// Marquez API base URL. Default `https://marquez:5000`. `http://` is only allowed for
    /// `localhost` or a loopback address, unless `allow_insecure_http` is `true` (or the
    /// runtime has `FLOE_ALLOW_INSECURE_HTTP=true`).
    #[serde(default = "default_marquez_url")]
    pub url: String,
    /// API key for Marquez.
    #[serde(default)]
    pub api_key: Option<String>,
    /// Environment used in the lineage namespace. Default `prod`.
    #[serde(default = "default_prod")]
    pub environment: String,
    /// Verify TLS certificates. Default `true`.
    #[serde(default = "default_true")]
    pub verify_ssl: bool,
    /// Seconds to wait for queued events at shutdown, more than 0. Default 30.0.
    #[serde(default = "default_drain_timeout")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub drain_timeout: f64,
    /// Allow `http://` for a non-localhost URL (in-cluster demo and test deployments only).
    /// Default `false`.
    #[serde(default)]
    pub allow_insecure_http: bool,
}

// ---------------------------------------------------------------------------------------------
// semantic_layer: cube
// ---------------------------------------------------------------------------------------------

fn default_cube_url() -> String {
    "http://cube:4000".to_owned()
}

fn default_analytics() -> String {
    "analytics".to_owned()
}

fn default_health_timeout() -> f64 {
    5.0
}

/// Cube semantic layer (`plugins.semantic_layer.type: cube`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CubeSemanticConfig {
    /// Cube API URL, `http://` or `https://`. Default `http://cube:4000`.
    #[serde(default = "default_cube_url")]
    pub server_url: String,
    /// Cube API secret (plain text here; copied into the compiled artifacts).
    pub api_secret: String,
    /// Logical database name of the Cube data source. Default `analytics`.
    #[serde(default = "default_analytics")]
    pub database_name: String,
    /// Directory of the Cube schema files.
    #[serde(default)]
    pub schema_path: Option<String>,
    /// Health-check timeout in seconds, more than 0. Default 5.0.
    #[serde(default = "default_health_timeout")]
    pub health_check_timeout: f64,
    /// dbt model tags to generate cubes for (all when empty).
    #[serde(default)]
    pub model_filter_tags: Vec<String>,
    /// dbt model schemas to generate cubes for (all when empty).
    #[serde(default)]
    pub model_filter_schemas: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// ingestion: dlt
// ---------------------------------------------------------------------------------------------

/// dlt ingestion (`plugins.ingestion.type: dlt`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DltIngestionConfig {
    /// Sources to ingest, at least one, names unique.
    #[schemars(length(min = 1))]
    pub sources: Vec<IngestionSourceConfig>,
    /// Polaris connection of the destination (`uri`, `warehouse`, …).
    #[serde(default)]
    pub catalog_config: BTreeMap<String, Value>,
    /// Retries of transient failures.
    #[serde(default)]
    pub retry_config: Option<DltRetryConfig>,
}

fn default_one_second() -> f64 {
    1.0
}

/// Retries of transient ingestion failures.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DltRetryConfig {
    /// Retries, 0–10. Default 3.
    #[serde(default = "default_int::<3>")]
    #[schemars(range(min = 0, max = 10))]
    pub max_retries: i64,
    /// First delay in seconds (doubling each attempt), more than 0 and at most 60. Default 1.0.
    #[serde(default = "default_one_second")]
    #[schemars(range(max = 60.0), extend("exclusiveMinimum" = 0))]
    pub initial_delay_seconds: f64,
}

fn default_append() -> String {
    "append".to_owned()
}

fn default_evolve() -> String {
    "evolve".to_owned()
}

/// One ingestion source.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IngestionSourceConfig {
    /// Source name, 1–100 letters, digits, `_` or `-`. Unique.
    #[schemars(length(min = 1, max = 100))]
    pub name: String,
    /// `rest_api`, `sql_database` or `filesystem`.
    pub source_type: String,
    /// Source-specific settings (e.g. `base_url`).
    #[serde(default)]
    pub source_config: BTreeMap<String, Value>,
    /// Target Iceberg table, e.g. `bronze.raw_customers`.
    #[schemars(length(min = 1))]
    pub destination_table: String,
    /// `append` (default), `replace` or `merge` (needs `primary_key`).
    #[serde(default = "default_append")]
    pub write_mode: String,
    /// Schema changes: `evolve` (default), `freeze` or `discard_value`.
    #[serde(default = "default_evolve")]
    pub schema_contract: String,
    /// Cursor column for incremental loading.
    #[serde(default)]
    pub cursor_field: Option<String>,
    /// Primary key column, or columns. Required with `write_mode: merge`.
    #[serde(default)]
    pub primary_key: Option<PrimaryKey>,
    /// Source credentials (plain text here).
    #[serde(default)]
    pub credentials: Option<String>,
}

/// One column or a list of columns.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PrimaryKey {
    /// A single column.
    Column(String),
    /// Several columns.
    Columns(Vec<String>),
}

// ---------------------------------------------------------------------------------------------
// secrets: k8s, infisical
// ---------------------------------------------------------------------------------------------

fn default_floe_jobs() -> String {
    "floe-jobs".to_owned()
}

fn default_labels() -> BTreeMap<String, String> {
    BTreeMap::from([("managed-by".to_owned(), "floe".to_owned())])
}

fn default_secret_prefix() -> String {
    "floe-".to_owned()
}

/// Kubernetes Secrets backend (`plugins.secrets.type: k8s`).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct K8sSecretsConfig {
    /// Namespace of the secrets: 1–63 lower-case letters, digits or `-`, starting and ending
    /// with a letter or digit. Default `floe-jobs`.
    #[serde(default = "default_floe_jobs")]
    #[schemars(regex(pattern = SECRET_NAME_PATTERN), length(min = 1, max = 63))]
    pub namespace: String,
    /// kubeconfig file; none means in-cluster configuration.
    #[serde(default)]
    pub kubeconfig_path: Option<String>,
    /// kubeconfig context; none means the current one.
    #[serde(default)]
    pub context: Option<String>,
    /// Labels put on created secrets (keys up to 253 characters, values up to 63). Default
    /// `{managed-by: floe}`.
    #[serde(default = "default_labels")]
    pub labels: BTreeMap<String, String>,
    /// Prefix of the secret names the plugin manages, up to 50 characters. Default `floe-`.
    #[serde(default = "default_secret_prefix")]
    #[schemars(length(max = 50))]
    pub secret_prefix: String,
}

fn default_infisical_url() -> String {
    "https://app.infisical.com".to_owned()
}

fn default_dev() -> String {
    "dev".to_owned()
}

fn default_root_path() -> String {
    "/".to_owned()
}

/// Infisical secrets backend (`plugins.secrets.type: infisical`), Universal Auth.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InfisicalSecretsConfig {
    /// Universal Auth client id.
    #[schemars(length(min = 1))]
    pub client_id: String,
    /// Universal Auth client secret (plain text here; must not be empty).
    #[schemars(length(min = 1))]
    pub client_secret: String,
    /// Infisical URL, `https://` only (trailing `/` ignored). Default
    /// `https://app.infisical.com`.
    #[serde(default = "default_infisical_url")]
    pub site_url: String,
    /// Infisical project id.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Environment slug (`dev`, `staging`, …). Default `dev`.
    #[serde(default = "default_dev")]
    #[schemars(length(min = 1))]
    pub environment: String,
    /// Path prefix of the secrets (a leading `/` is added if missing). Default `/`.
    #[serde(default = "default_root_path")]
    pub secret_path: String,
}

// ---------------------------------------------------------------------------------------------
// identity: keycloak
// ---------------------------------------------------------------------------------------------

fn default_thirty() -> f64 {
    30.0
}

fn default_scopes() -> Vec<String> {
    ["openid", "profile", "email"].map(str::to_owned).to_vec()
}

/// Keycloak identity provider (`plugins.identity.type: keycloak`). Surrounding whitespace of
/// string values is stripped.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeycloakIdentityConfig {
    /// Keycloak URL, `https://` (`http://` only for `localhost` or a loopback address).
    #[schemars(length(min = 1))]
    pub server_url: String,
    /// Realm name.
    #[schemars(length(min = 1))]
    pub realm: String,
    /// OIDC client id.
    #[schemars(length(min = 1))]
    pub client_id: String,
    /// OIDC client secret (plain text here; must not be empty).
    pub client_secret: String,
    /// Verify TLS certificates. Default `true`.
    #[serde(default = "default_true")]
    pub verify_ssl: bool,
    /// HTTP timeout in seconds, more than 0. Default 30.0.
    #[serde(default = "default_thirty")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub timeout: f64,
    /// OIDC scopes requested. Default `[openid, profile, email]`.
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
}
