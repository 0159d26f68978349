//! Upstream's constants and defaults, each written once: what floe's runtime, its dbt plugin and
//! its profiles generator use when the configuration does not say otherwise. `connect` and the
//! profiles generator must agree on these (the ATTACH that `connect` runs is the one the plugin
//! block that `profiles` emits makes dbt run), so both read them from here.

/// The logical profile name floe.yaml uses when it names none.
pub const DEFAULT_PROFILE: &str = "default";

/// The Iceberg namespace of a catalog profile that names none.
pub const DEFAULT_NAMESPACE: &str = "default";

/// The OAuth2 scope floe's dbt plugin (and DuckDB) ask for when none is configured: every
/// principal role of the client.
pub const PRINCIPAL_ROLE_ALL: &str = "PRINCIPAL_ROLE:ALL";

/// The name the Polaris catalog is attached under in DuckDB (`ATTACH … AS polaris_catalog`), by
/// floe's dbt plugin and so by `connect`'s DuckDB step.
pub const CATALOG_ALIAS: &str = "polaris_catalog";

/// The module of floe's dbt plugin that attaches the catalog.
pub const PLUGIN_MODULE: &str = "floe_dbt.plugins.polaris";

/// The namespace floe's runtime generator maps every dbt schema into (a hard-coded upstream
/// quirk: `polaris_catalog.demo.<schema>`).
pub const GENERATOR_NAMESPACE: &str = "demo";

/// The dbt schemas the runtime generator maps (`bronze`, `silver`, `gold`, `default`).
pub const GENERATOR_SCHEMAS: [&str; 4] = ["bronze", "silver", "gold", "default"];

/// DuckDB's database path when a compute profile gives none: an in-memory database.
pub const DUCKDB_DEFAULT_PATH: &str = ":memory:";

/// DuckDB threads when a compute profile gives none.
pub const DUCKDB_DEFAULT_THREADS: i128 = 4;

/// The region a storage profile that names none is in (`StorageProfile.region`), which the
/// generator also writes into the plugin block.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The environment a one-environment command uses when several exist and none is named: floe's
/// `FLOE_PLATFORM_ENV` default, also the environment where a local-only setting is fine.
pub const DEFAULT_ENVIRONMENT: &str = "local";

/// The dbt target floe-runtime's generator writes when none is given (`target_name`).
pub const DEFAULT_TARGET: &str = "dev";

/// floe's environment variables: a direct path to one platform.yaml, and the environment of the
/// flat `platform/platform.yaml` layout.
pub const PLATFORM_FILE_VARIABLE: &str = "FLOE_PLATFORM_FILE";
pub const PLATFORM_ENV_VARIABLE: &str = "FLOE_PLATFORM_ENV";

/// Where floe reads a `secret_ref` when its environment variable is unset: a file of that name
/// in this directory (Kubernetes mounts secrets there).
pub const SECRETS_MOUNT: &str = "/var/run/secrets";

/// `storage.<name>.type` (`StorageType`), in upstream's order.
pub mod storage_type {
    pub const S3: &str = "s3";
    pub const GCS: &str = "gcs";
    pub const AZURE: &str = "azure";
    pub const LOCAL: &str = "local";
    pub const ALL: [&str; 4] = [S3, GCS, AZURE, LOCAL];
    pub const DEFAULT: &str = S3;
}

/// `catalogs.<name>.type` (`CatalogType`), in upstream's order.
pub mod catalog_type {
    pub const POLARIS: &str = "polaris";
    pub const GLUE: &str = "glue";
    pub const NESSIE: &str = "nessie";
    pub const REST: &str = "rest";
    pub const HIVE: &str = "hive";
    pub const ALL: [&str; 5] = [POLARIS, GLUE, NESSIE, REST, HIVE];
    pub const DEFAULT: &str = POLARIS;
}

/// `compute.<name>.type` (`ComputeTarget`), in upstream's order: each is also the dbt adapter
/// (profiles.yml `type`) the target runs on.
pub mod compute_type {
    pub const DUCKDB: &str = "duckdb";
    pub const SNOWFLAKE: &str = "snowflake";
    pub const BIGQUERY: &str = "bigquery";
    pub const REDSHIFT: &str = "redshift";
    pub const DATABRICKS: &str = "databricks";
    pub const POSTGRES: &str = "postgres";
    pub const SPARK: &str = "spark";
    pub const ALL: [&str; 7] = [
        DUCKDB, SNOWFLAKE, BIGQUERY, REDSHIFT, DATABRICKS, POSTGRES, SPARK,
    ];
    pub const DEFAULT: &str = DUCKDB;
}

/// `credentials.mode` (`CredentialMode`).
pub mod credential_mode {
    pub const STATIC: &str = "static";
    pub const OAUTH2: &str = "oauth2";
    pub const IAM_ROLE: &str = "iam_role";
    pub const DEFAULT: &str = STATIC;
}

/// `catalogs.<name>.access_delegation`: the catalog vends storage credentials.
pub const VENDED_CREDENTIALS: &str = "vended-credentials";

/// `observability.compute_logs.manager_type` (`ComputeLogManagerType`): the managers that write
/// to a storage profile.
pub mod compute_log_manager {
    pub const S3: &str = "s3";
    pub const GCS: &str = "gcs";
    pub const AZURE_BLOB: &str = "azure_blob";
    pub const DEFAULT: &str = S3;
}

/// `infrastructure.cloud.provider` that requires a region.
pub const PROVIDER_AWS: &str = "aws";
/// `security.authentication.method` that requires an `oidc` block.
pub const AUTH_METHOD_OIDC: &str = "oidc";
/// `security.secret_backends.vault.auth_method`'s default, which requires `kubernetes_role`.
pub const VAULT_AUTH_KUBERNETES: &str = "kubernetes";

/// floe.yaml's orchestration variants (`type:` of a job, sensor, partition) that have rules of
/// their own.
pub const JOB_BATCH: &str = "batch";
pub const SENSOR_ASSET: &str = "asset_sensor";
pub const SENSOR_RUN_STATUS: &str = "run_status";
pub const PARTITION_STATIC: &str = "static";
pub const PARTITION_MULTI: &str = "multi";

/// The environment of the container dbt runs in (`infrastructure.resource_profiles.transform.env`)
/// that floe's DuckDB settings read.
pub const DUCKDB_MEMORY_LIMIT_VARIABLE: &str = "DUCKDB_MEMORY_LIMIT";
pub const DUCKDB_THREADS_VARIABLE: &str = "DUCKDB_THREADS";

/// The environment variables the runtime generator's Polaris plugin block reads (`env_var(…)`).
pub mod generator_variable {
    pub const CATALOG_URI: &str = "FLOE_CATALOG_URI";
    pub const CATALOG_WAREHOUSE: &str = "FLOE_CATALOG_WAREHOUSE";
    pub const CLIENT_ID: &str = "POLARIS_CLIENT_ID";
    pub const CLIENT_SECRET: &str = "POLARIS_CLIENT_SECRET";
    pub const SCOPE: &str = "POLARIS_SCOPE";
    pub const STORAGE_ENDPOINT: &str = "FLOE_STORAGE_ENDPOINT";
    pub const REGION: &str = "AWS_REGION";
    pub const ACCESS_KEY_ID: &str = "AWS_ACCESS_KEY_ID";
    pub const SECRET_ACCESS_KEY: &str = "AWS_SECRET_ACCESS_KEY";
}

/// Polaris's catalog API root: a catalog profile's `uri` ends with it.
pub const POLARIS_API_ROOT: &str = "/api/catalog";
/// The Iceberg REST endpoints below the catalog `uri` that floe's clients call: the OAuth2 token
/// and the catalog's config.
pub const TOKEN_PATH: &str = "/v1/oauth/tokens";
pub const CONFIG_PATH: &str = "/v1/config";
/// OpenLineage's collector path, which `observability.lineage_endpoint` must include.
pub const OPENLINEAGE_PATH: &str = "/api/v1/lineage";
