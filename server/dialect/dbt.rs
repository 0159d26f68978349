//! dbt's own files, a dialect of their own: the keys of a `profiles.yml` (what floe's two
//! generators write and what floe-lint reads back), of a `dbt_project.yml`, and the project's
//! layout. A compute profile's `properties` are passed on to dbt as the adapter's settings, so
//! their names are the ones here (`model/compute_properties.rs` documents them per target).
//!
//! There is no JSON Schema for these files; the generators' byte-for-byte tests
//! (`server/profiles/tests.rs`, tests/profiles.rs) pin every output key.

/// The files' names, as dbt looks for them.
pub const PROJECT_FILE: &str = "dbt_project.yml";
pub const PROFILES_FILE: &str = "profiles.yml";
/// Every spelling floe-lint recognises (dbt reads only the `.yml` ones).
pub const PROJECT_FILE_NAMES: [&str; 2] = [PROJECT_FILE, "dbt_project.yaml"];
pub const PROFILES_FILE_NAMES: [&str; 2] = [PROFILES_FILE, "profiles.yaml"];

/// The directories of a dbt project that hold SQL.
pub const SQL_DIRS: [&str; 5] = ["models", "macros", "snapshots", "analyses", "tests"];

/// `dbt_project.yml`'s `profile:`, the profiles.yml entry dbt runs with.
pub const PROFILE: &str = "profile";

// profiles.yml: `<profile>: {target: …, outputs: {<target>: {…}}}`
pub const TARGET: &str = "target";
pub const OUTPUTS: &str = "outputs";

// An output's keys: every adapter's…
pub const TYPE: &str = "type";
pub const THREADS: &str = "threads";
// …and the adapters' settings (also `compute.<name>.properties` keys of platform.yaml).
pub const PATH: &str = "path";
pub const EXTENSIONS: &str = "extensions";
pub const MEMORY_LIMIT: &str = "memory_limit";
pub const ACCOUNT: &str = "account";
pub const USER: &str = "user";
pub const PASSWORD: &str = "password";
pub const ROLE: &str = "role";
pub const WAREHOUSE: &str = "warehouse";
pub const DATABASE: &str = "database";
pub const SCHEMA: &str = "schema";
pub const METHOD: &str = "method";
pub const PROJECT: &str = "project";
pub const DATASET: &str = "dataset";
pub const LOCATION: &str = "location";
pub const KEYFILE: &str = "keyfile";
pub const HOST: &str = "host";
pub const PORT: &str = "port";
pub const DBNAME: &str = "dbname";
pub const HTTP_PATH: &str = "http_path";
pub const TOKEN: &str = "token";
pub const CATALOG: &str = "catalog";
pub const CLUSTER: &str = "cluster";
pub const DRIVER: &str = "driver";

/// dbt-duckdb's `vars` and `plugins` (`[{module: …, config: {…}}]`).
pub const VARS: &str = "vars";
pub const PLUGINS: &str = "plugins";
pub const MODULE: &str = "module";
pub const CONFIG: &str = "config";

/// DuckDB extensions floe-runtime's generator loads.
pub const ICEBERG: &str = "iceberg";
pub const HTTPFS: &str = "httpfs";

/// Adapter settings' values the factory chooses between.
pub const BIGQUERY_OAUTH: &str = "oauth";
pub const BIGQUERY_SERVICE_ACCOUNT: &str = "service-account";
pub const SPARK_THRIFT: &str = "thrift";
pub const SPARK_HTTP: &str = "http";
pub const SPARK_ODBC: &str = "odbc";

/// The `vars` floe's dbt macros read: each dbt schema's catalog path and storage.
pub const CATALOG_MAPPINGS: &str = "floe_catalog_mappings";
pub const STORAGE_MAPPINGS: &str = "floe_storage_mappings";

/// The `config` of floe's Polaris plugin (`floe_dbt.plugins.polaris`).
pub mod polaris_plugin {
    pub const CATALOG_URI: &str = "catalog_uri";
    pub const WAREHOUSE: &str = "warehouse";
    pub const CLIENT_ID: &str = "client_id";
    pub const CLIENT_SECRET: &str = "client_secret";
    pub const SCOPE: &str = "scope";
    pub const S3_ENDPOINT: &str = "s3_endpoint";
    pub const S3_REGION: &str = "s3_region";
    pub const S3_ACCESS_KEY_ID: &str = "s3_access_key_id";
    pub const S3_SECRET_ACCESS_KEY: &str = "s3_secret_access_key";
    pub const STORAGE_MAPPING: &str = "storage_mapping";
}

/// An entry of `floe_storage_mappings` and of the plugin's `storage_mapping`: a dbt schema's
/// storage.
pub mod storage_mapping {
    pub const BUCKET: &str = "bucket";
    pub const ENDPOINT: &str = "endpoint";
    pub const REGION: &str = "region";
}
