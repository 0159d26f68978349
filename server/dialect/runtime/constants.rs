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
