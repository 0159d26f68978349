//! Storage, catalog and compute profiles: the named sections floe.yaml refers to.

use super::*;

/// Object-storage backend: `s3`, `gcs`, `azure` or `local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StorageType {
    S3,
    Gcs,
    Azure,
    Local,
}

fn default_storage_type() -> StorageType {
    StorageType::S3
}

fn default_storage_endpoint() -> StringOrSecretRef {
    StringOrSecretRef::Literal(String::new())
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

/// An object-storage profile (S3 or S3-compatible such as MinIO and LocalStack).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageProfile {
    /// Storage backend: `s3` (default), `gcs`, `azure` or `local`.
    #[serde(default = "default_storage_type")]
    pub r#type: StorageType,
    /// S3 endpoint URL, inline or as `{secret_ref: …}`. Empty (the default) means AWS S3; set it
    /// for MinIO or LocalStack. Not URL-validated.
    #[serde(default = "default_storage_endpoint")]
    pub endpoint: StringOrSecretRef,
    /// Region of the bucket. Default `"us-east-1"`.
    #[serde(default = "default_region")]
    pub region: String,
    /// Bucket name, 3–63 characters.
    #[schemars(length(min = 3, max = 63))]
    pub bucket: String,
    /// Use path-style S3 URLs. Default `false`; set `true` for MinIO and LocalStack.
    #[serde(default)]
    pub path_style_access: bool,
    /// How the storage credentials are obtained. Default `{mode: static}`.
    #[serde(default)]
    pub credentials: CredentialConfig,
}

/// Iceberg catalog implementation: `polaris`, `glue`, `nessie`, `rest` or `hive`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CatalogType {
    Polaris,
    Glue,
    Nessie,
    Rest,
    Hive,
}

fn default_catalog_type() -> CatalogType {
    CatalogType::Polaris
}

/// Storage credential delegation by the catalog: `vended-credentials`, `remote-signing` or
/// `none` (with hyphens; `vended_credentials` is rejected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AccessDelegation {
    VendedCredentials,
    RemoteSigning,
    None,
}

fn default_access_delegation() -> AccessDelegation {
    AccessDelegation::None
}

/// An Iceberg catalog profile.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogProfile {
    /// Catalog implementation: `polaris` (default), `glue`, `nessie`, `rest` or `hive`.
    #[serde(default = "default_catalog_type")]
    pub r#type: CatalogType,
    /// Catalog endpoint URI, inline or as `{secret_ref: …}`, e.g.
    /// `http://polaris:8181/api/catalog`. Not URL-validated.
    pub uri: StringOrSecretRef,
    /// Warehouse (catalog) name, 1–255 characters.
    #[schemars(length(min = 1, max = 255))]
    pub warehouse: String,
    /// Default namespace, 1–255 characters. Default `"default"`.
    #[serde(default = "default_profile_name")]
    #[schemars(length(min = 1, max = 255))]
    pub namespace: String,
    /// How the catalog credentials are obtained. Default `{mode: static}`.
    #[serde(default)]
    pub credentials: CredentialConfig,
    /// Storage credential delegation: `vended-credentials`, `remote-signing` or `none`
    /// (default). Values use hyphens. Use `none` with LocalStack or MinIO.
    #[serde(default = "default_access_delegation")]
    pub access_delegation: AccessDelegation,
    /// Refresh OAuth2 tokens automatically. Default `true`.
    #[serde(default = "default_true")]
    pub token_refresh_enabled: bool,
    /// Extra catalog properties. Values must be strings: quote `true` or numbers.
    #[serde(default)]
    pub properties: BTreeMap<String, String>,
}

/// dbt compute target: `duckdb`, `snowflake`, `bigquery`, `redshift`, `databricks`, `postgres`
/// or `spark`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputeTarget {
    Duckdb,
    Snowflake,
    Bigquery,
    Redshift,
    Databricks,
    Postgres,
    Spark,
}

fn default_compute_target() -> ComputeTarget {
    ComputeTarget::Duckdb
}

/// A compute (dbt adapter) profile.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComputeProfile {
    /// Compute target: `duckdb` (default), `snowflake`, `bigquery`, `redshift`, `databricks`,
    /// `postgres` or `spark`.
    #[serde(default = "default_compute_target")]
    pub r#type: ComputeTarget,
    /// Target-specific connection properties, not validated (e.g. DuckDB `path`, `threads`,
    /// `memory_limit`; Snowflake `account`, `warehouse`).
    #[serde(default)]
    pub properties: Map<String, Value>,
    /// How the compute credentials are obtained. Default `{mode: static}`.
    #[serde(default)]
    pub credentials: CredentialConfig,
}
