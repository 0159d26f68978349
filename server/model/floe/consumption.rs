//! `consumption`: the Cube semantic layer (pre-aggregations, Cube Store, export bucket, security).

use super::*;

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
