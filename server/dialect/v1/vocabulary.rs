//! Key names and upstream constants of Generation B's two files, written once.

/// The only `apiVersion` Generation B defines.
pub const API_VERSION: &str = "floe.dev/v1";
/// What every floe `apiVersion` starts with (`floe.dev/v1`, and documentation-only shapes such as
/// `floe.dev/v1alpha1`): a root declaring one is not a Generation A file, whatever its `kind`.
pub const API_GROUP: &str = "floe.dev/";

/// The root key declaring the API version (upstream's alias)…
pub const API_VERSION_KEY: &str = "apiVersion";
/// …and its snake-case field name, which upstream accepts as well.
pub const API_VERSION_FIELD: &str = "api_version";
/// The root key declaring what the file is.
pub const KIND: &str = "kind";

/// floe.yaml's `platform:` block (`{manifest: …}`).
pub const PLATFORM: &str = "platform";
/// `platform.manifest`: an OCI URI or a path to the manifest. Upstream's compile never reads it
/// (it takes `--manifest`); floe-lint uses a local path to pair the two files.
pub const MANIFEST: &str = "manifest";

/// The manifest's file names, as upstream's docs and demos spell them.
pub const MANIFEST_FILE_NAMES: [&str; 2] = ["manifest.yaml", "manifest.yml"];

/// A `kind:` value that says which file a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeclaredKind {
    /// `FloeSpec`: a data product's floe.yaml.
    FloeSpec,
    /// `Manifest`: the platform's manifest.yaml.
    Manifest,
    /// `DataProduct`: the shape upstream's stale `docs/reference/floe-yaml-schema.md` documents;
    /// no upstream model accepts it (spec §10).
    DataProduct,
}

impl DeclaredKind {
    pub const ALL: [DeclaredKind; 3] = [
        DeclaredKind::FloeSpec,
        DeclaredKind::Manifest,
        DeclaredKind::DataProduct,
    ];

    /// The `kind:` value.
    pub fn value(self) -> &'static str {
        match self {
            DeclaredKind::FloeSpec => "FloeSpec",
            DeclaredKind::Manifest => "Manifest",
            DeclaredKind::DataProduct => "DataProduct",
        }
    }

    /// The kind a `kind:` value declares, if it is one of Generation B's.
    pub fn from_value(value: &str) -> Option<DeclaredKind> {
        DeclaredKind::ALL.into_iter().find(|k| k.value() == value)
    }
}

// ---------------------------------------------------------------------------------------------
// The manifest's plugins, and the keys of theirs the rules read.
// ---------------------------------------------------------------------------------------------

/// The manifest's `plugins:` block: one selection (`{type, version, config}`) per category.
pub const PLUGINS: &str = super::keys::PLUGINS;
/// A selection's plugin name (an entry point: `duckdb`, `polaris`, …).
pub const PLUGIN_TYPE: &str = super::keys::TYPE;
/// A selection's free `config` map: the runtime validates it with the plugin's own model, and
/// compile copies it verbatim into CompiledArtifacts.
pub const PLUGIN_CONFIG: &str = super::keys::CONFIG;

/// A `plugins` category (upstream's `PluginsConfig` fields, `quality` aside: it is no
/// selection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Compute,
    Orchestrator,
    Catalog,
    Storage,
    SemanticLayer,
    Ingestion,
    Secrets,
    TelemetryBackend,
    LineageBackend,
    Identity,
    Dbt,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::Compute,
        Category::Orchestrator,
        Category::Catalog,
        Category::Storage,
        Category::SemanticLayer,
        Category::Ingestion,
        Category::Secrets,
        Category::TelemetryBackend,
        Category::LineageBackend,
        Category::Identity,
        Category::Dbt,
    ];

    /// The key under `plugins`.
    pub fn key(self) -> &'static str {
        match self {
            Category::Compute => super::keys::plugin::COMPUTE,
            Category::Orchestrator => super::keys::plugin::ORCHESTRATOR,
            Category::Catalog => super::keys::plugin::CATALOG,
            Category::Storage => super::keys::plugin::STORAGE,
            Category::SemanticLayer => super::keys::plugin::SEMANTIC_LAYER,
            Category::Ingestion => super::keys::plugin::INGESTION,
            Category::Secrets => super::keys::plugin::SECRETS,
            Category::TelemetryBackend => super::keys::plugin::TELEMETRY_BACKEND,
            Category::LineageBackend => super::keys::plugin::LINEAGE_BACKEND,
            Category::Identity => super::keys::plugin::IDENTITY,
            Category::Dbt => super::keys::plugin::DBT,
        }
    }

    /// Whether compile copies the selection (its `config` verbatim) into CompiledArtifacts, and
    /// so into the JSON, YAML and ConfigMap it writes (upstream's `resolve_plugins`): secrets,
    /// telemetry, identity and dbt selections are not carried.
    pub fn carried_into_artifacts(self) -> bool {
        matches!(
            self,
            Category::Compute
                | Category::Orchestrator
                | Category::Catalog
                | Category::Storage
                | Category::SemanticLayer
                | Category::Ingestion
                | Category::LineageBackend
        )
    }
}

/// Plugin types (entry-point names upstream ships) the rules recognise.
pub const DUCKDB: &str = "duckdb";
pub const POLARIS: &str = super::keys::plugin_type::POLARIS;
pub const S3: &str = super::keys::plugin_type::S3;
pub const MARQUEZ: &str = super::keys::plugin_type::MARQUEZ;
pub const CUBE: &str = super::keys::plugin_type::CUBE;
pub const KEYCLOAK: &str = super::keys::plugin_type::KEYCLOAK;

/// DuckDB compute `config.path`: the database file dbt-duckdb writes.
pub const DUCKDB_PATH: &str = "path";
/// DuckDB's in-memory database: the compute plugin's `path` when the config gives none.
pub const DUCKDB_MEMORY: &str = ":memory:";
/// The `path` upstream's demo manifest uses: one file per product (`{product_slug}` is expanded
/// at compile), whose directory the runtime creates.
pub const DUCKDB_DEMO_PATH: &str = "/tmp/floe/{product_slug}.duckdb";

/// Polaris `config.uri` (the REST catalog) and `config.oauth2.{scope, token_url}`.
pub const POLARIS_URI: &str = "uri";
pub const OAUTH2: &str = "oauth2";
pub const OAUTH2_SCOPE: &str = super::keys::SCOPE;
pub const OAUTH2_TOKEN_URL: &str = "token_url";
/// Polaris `config.warehouse` and `config.oauth2.{client_id, client_secret}`.
pub const POLARIS_WAREHOUSE: &str = super::keys::WAREHOUSE;
pub const OAUTH2_CLIENT_ID: &str = super::keys::CLIENT_ID;
pub const OAUTH2_CLIENT_SECRET: &str = super::keys::CLIENT_SECRET;
/// Polaris `config.credential_vending_enabled` (default true): ask for vended credentials.
pub const CREDENTIAL_VENDING_ENABLED: &str = super::keys::CREDENTIAL_VENDING_ENABLED;
/// The scope PyIceberg asks for when the Polaris plugin sends none.
pub const PYICEBERG_DEFAULT_SCOPE: &str = "catalog";

/// S3 `config.endpoint` and its optional literal keys (else `AWS_ACCESS_KEY_ID` /
/// `AWS_SECRET_ACCESS_KEY` from the runtime's environment).
pub const S3_ENDPOINT: &str = super::keys::ENDPOINT;
pub const S3_KEYS: [&str; 2] = ["access_key_id", "secret_access_key"];
/// S3 `config.{bucket, region, path_style_access}`, and the region's default.
pub const S3_BUCKET: &str = super::keys::BUCKET;
pub const S3_REGION: &str = super::keys::REGION;
pub const S3_DEFAULT_REGION: &str = "us-east-1";
pub const S3_PATH_STYLE_ACCESS: &str = super::keys::PATH_STYLE_ACCESS;

/// Marquez `config.url`, its `allow_insecure_http` override and `verify_ssl`.
pub const MARQUEZ_URL: &str = super::keys::URL;
pub const ALLOW_INSECURE_HTTP: &str = super::keys::ALLOW_INSECURE_HTTP;
/// `verify_ssl` of the Marquez and Keycloak configs.
pub const VERIFY_SSL: &str = "verify_ssl";
/// Cube `config.server_url`.
pub const CUBE_SERVER_URL: &str = super::keys::SERVER_URL;

/// The ConfigMap `floe platform compile --output-format configmap` writes by default.
pub const COMPILED_CONFIGMAP: &str = "floe-compiled-values";
/// The file `floe platform compile` writes by default.
pub const COMPILED_ARTIFACTS_FILE: &str = "target/compiled_artifacts.json";

// ---------------------------------------------------------------------------------------------
// The manifest's observability, governance and artifacts keys the rules read.
// ---------------------------------------------------------------------------------------------

pub const OBSERVABILITY: &str = super::keys::OBSERVABILITY;
/// `observability.tracing` and `observability.lineage`, each with an `endpoint`.
pub const TRACING: &str = super::keys::TRACING;
pub const LINEAGE: &str = super::keys::LINEAGE;
pub const ENDPOINT: &str = super::keys::ENDPOINT;

pub const GOVERNANCE: &str = super::keys::GOVERNANCE;
/// `governance.stale_table_recovery_mode`: `strict` (the runtime's default) or `repair`.
pub const STALE_TABLE_RECOVERY_MODE: &str = "stale_table_recovery_mode";
pub const RECOVERY_STRICT: &str = "strict";
pub const RECOVERY_REPAIR: &str = "repair";

/// `artifacts.registry.tls_verify`.
pub const ARTIFACTS: &str = super::keys::ARTIFACTS;
pub const REGISTRY: &str = super::keys::REGISTRY;
pub const TLS_VERIFY: &str = "tls_verify";

// ---------------------------------------------------------------------------------------------
// floe.yaml keys the rules read.
// ---------------------------------------------------------------------------------------------

/// `schedule: {cron, timezone, enabled}`: validated, then dropped by compile.
pub const SCHEDULE: &str = "schedule";
pub const CRON: &str = "cron";
pub const ENABLED: &str = super::keys::ENABLED;
/// `outputPorts` (and its snake-case field name): each port's `schema` is both required and an
/// FR-014 forbidden key, so no non-empty list validates upstream.
pub const OUTPUT_PORTS: [&str; 2] = ["outputPorts", "output_ports"];

// ---------------------------------------------------------------------------------------------
// What the editor navigates and completes: a product's transforms, a manifest's plugins.
// ---------------------------------------------------------------------------------------------

/// `metadata` (both files): name, version, owner.
pub const METADATA: &str = super::keys::METADATA;
/// `name` (`metadata.name`, `transforms[].name`, and the name of other list items).
pub const NAME: &str = super::keys::NAME;
/// `metadata.version`.
pub const VERSION: &str = "version";
/// floe.yaml's `transforms`: the product's dbt models, named by `name`.
pub const TRANSFORMS: &str = super::keys::TRANSFORMS;
/// `transforms[].tier`.
pub const TIER: &str = "tier";
/// A transform's dependencies: the alias upstream documents…
pub const DEPENDS_ON_ALIAS: &str = "dependsOn";
/// …and the field name it accepts as well (`populate_by_name`); the alias wins when both are
/// written.
pub const DEPENDS_ON_FIELD: &str = "depends_on";
/// A transform's inputs, in both spellings upstream accepts: the alias first (it wins when both
/// are written), then the field name.
pub const DEPENDS_ON: [&str; 2] = [DEPENDS_ON_ALIAS, DEPENDS_ON_FIELD];
/// `plugins.quality`: not a selection, its plugin is named by `provider`.
pub const QUALITY: &str = super::keys::plugin::QUALITY;
/// `plugins.quality.provider`.
pub const QUALITY_PROVIDER: &str = "provider";

/// The plugin types upstream ships for each `plugins` category (the entry-point names of its
/// plugin packages, spec §4.4). Upstream's own hint list (`PLUGIN_REGISTRY`) names types that do
/// not ship (`snowflake`, `airflow`, `k8s-secrets`, …); only these load at run time.
pub const SHIPPED_PLUGINS: [(&str, &[&str]); 11] = [
    (super::keys::plugin::COMPUTE, &[DUCKDB]),
    (super::keys::plugin::ORCHESTRATOR, &["dagster"]),
    (super::keys::plugin::CATALOG, &[POLARIS]),
    (super::keys::plugin::STORAGE, &[S3]),
    (super::keys::plugin::SEMANTIC_LAYER, &[CUBE]),
    (
        super::keys::plugin::INGESTION,
        &[super::keys::plugin_type::DLT],
    ),
    (
        super::keys::plugin::SECRETS,
        &[
            super::keys::plugin_type::K8S,
            super::keys::plugin_type::INFISICAL,
        ],
    ),
    (
        super::keys::plugin::TELEMETRY_BACKEND,
        &["console", "jaeger"],
    ),
    (super::keys::plugin::LINEAGE_BACKEND, &[MARQUEZ]),
    (super::keys::plugin::IDENTITY, &[KEYCLOAK]),
    (
        super::keys::plugin::DBT,
        &[super::keys::plugin_type::CORE, "fusion"],
    ),
];

/// The `plugins.quality.provider` values upstream ships a plugin for (compile also accepts
/// `soda`, for which no plugin exists).
pub const SHIPPED_QUALITY_PROVIDERS: [&str; 2] = ["great_expectations", "dbt_expectations"];

/// The plugin types upstream ships for a `plugins` category (none for an unknown category).
pub fn shipped_plugins(category: &str) -> &'static [&'static str] {
    SHIPPED_PLUGINS
        .iter()
        .find(|(name, _)| *name == category)
        .map_or(&[], |(_, types)| types)
}

/// floe.yaml's `destinations`: reverse-ETL sinks, named by `name`.
pub const DESTINATIONS: &str = super::keys::DESTINATIONS;
/// `destinations[].sink_type`.
pub const SINK_TYPE: &str = "sink_type";
