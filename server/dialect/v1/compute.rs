//! The compute part of Generation B: the keys `floe platform compile` reads to build the dbt
//! profile (spec §6.3, §7.2), the DuckDB compute plugin's constants (upstream's only one), and the
//! names of the profiles.yml the runtime writes (§7.3). Upstream's code is cited beside each.

// Names compile's other checks and the editor read too, written once in the vocabulary:
// floe.yaml's `metadata.name` (the product name, the dbt profile's key), the manifest's
// `plugins`, the two plugins compile requires (`E201`), a plugin's `type` and `config`.
pub use super::compile::{COMPUTE, ORCHESTRATOR, TYPE};
pub use super::vocabulary::{
    DUCKDB, DUCKDB_MEMORY as MEMORY_PATH, DUCKDB_PATH as PATH, METADATA, NAME,
    PLUGIN_CONFIG as CONFIG, PLUGINS,
};

/// The compute plugins upstream ships (entry points `floe.computes`): DuckDB only, so any other
/// `plugins.compute.type` fails compile with `E301`.
pub const COMPUTE_TYPES: [&str; 1] = [DUCKDB];

/// `ComputeConfig` fields taken out of the plugin config (FL:core/compute_config.py), with their
/// defaults and the ranges pydantic enforces; every other key is the `connection`.
pub const THREADS: &str = "threads";
pub const TIMEOUT_SECONDS: &str = "timeout_seconds";
pub const THREADS_DEFAULT: i128 = 4;
pub const THREADS_RANGE: (i128, i128) = (1, 64);
pub const TIMEOUT_SECONDS_DEFAULT: i128 = 3600;
pub const TIMEOUT_SECONDS_RANGE: (i128, i128) = (1, 86400);

/// The connection keys DuckDB's `generate_dbt_profile` reads (plugins/compute-duckdb/plugin.py),
/// besides [`PATH`]; any other key is dropped without a word.
pub const EXTENSIONS: &str = "extensions";
pub const SETTINGS: &str = "settings";
pub const ATTACH: &str = "attach";
/// Settings the plugin hoists from the connection into `settings` (`_DUCKDB_SETTING_KEYS`),
/// before an explicit `settings` mapping is merged over them.
pub const SETTING_KEYS: [&str; 2] = ["memory_limit", ACCESS_MODE];
/// A DuckDB setting that can only be given when the database is opened: dbt-duckdb runs `SET`
/// for each of the profile's `settings` on an open connection, and DuckDB refuses this one.
pub const ACCESS_MODE: &str = "access_mode";
/// DuckDB's refusal (DuckDB 1.5.5, through dbt-duckdb 1.11).
pub const ACCESS_MODE_REFUSED: &str = "Cannot change access_mode setting while database is running - it must be set when opening or attaching the database";
/// The characters a database path may not be made of only (`_validate_db_path`).
pub const PATH_PUNCTUATION: [char; 6] = ['/', '\\', '.', '_', '-', ':'];
/// What a database path may not contain (`_validate_db_path`, "path traversal").
pub const PATH_TRAVERSAL: &str = "..";

/// An `attach[]` entry's keys the plugin reads.
pub const ALIAS: &str = "alias";
pub const OPTIONS: &str = "options";
/// `_ALLOWED_ATTACH_OPTION_KEYS`, sorted as upstream's message prints them.
pub const ATTACH_OPTION_KEYS: [&str; 5] =
    ["access_mode", "catalog_uri", "read_only", "schema", "type"];

/// Placeholders compile expands in every string of the compute config
/// (`_expand_product_placeholders`): the product name, and its slug (`[^a-zA-Z0-9_]+` → `_`,
/// `_` stripped, else [`SLUG_FALLBACK`]).
pub const PRODUCT_NAME_PLACEHOLDER: &str = "{product_name}";
pub const PRODUCT_SLUG_PLACEHOLDER: &str = "{product_slug}";
pub const SLUG_FALLBACK: &str = "product";
/// `dbt_project_name`'s answer for a name with nothing left (FL:core/compilation/naming.py).
pub const DBT_NAME_FALLBACK: &str = "floe";

/// The profile compile writes: one target, `dev` (`DEFAULT_ENVIRONMENTS`).
pub const TARGET: &str = "target";
pub const OUTPUTS: &str = "outputs";
pub const DEV: &str = "dev";

/// The dbt files beside a product's floe.yaml (the runtime's `project_dir`), and the
/// `dbt_project.yml` key naming the profile dbt looks up.
pub const DBT_PROJECT_FILE: &str = "dbt_project.yml";
pub const PROFILES_FILE: &str = "profiles.yml";
pub const PROFILE: &str = "profile";
