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
// What the editor navigates and completes: a product's transforms, a manifest's plugins.
// ---------------------------------------------------------------------------------------------

/// `metadata` (both files): name, version, owner.
pub const METADATA: &str = "metadata";
/// `name` (`metadata.name`, `transforms[].name`, and the name of other list items).
pub const NAME: &str = "name";
/// `metadata.version`.
pub const VERSION: &str = "version";
/// floe.yaml's `transforms`: the product's dbt models, named by `name`.
pub const TRANSFORMS: &str = "transforms";
/// `transforms[].tier`.
pub const TIER: &str = "tier";
/// A transform's inputs, in both spellings upstream accepts: the alias first (it wins when both
/// are written), then the field name.
pub const DEPENDS_ON: [&str; 2] = ["dependsOn", "depends_on"];
/// manifest.yaml's `plugins`: one selection per category.
pub const PLUGINS: &str = "plugins";
/// `plugins.<category>.type`: which plugin serves the category.
pub const PLUGIN_TYPE: &str = "type";
/// `plugins.quality`: not a selection, its plugin is named by `provider`.
pub const QUALITY: &str = "quality";
/// `plugins.quality.provider`.
pub const QUALITY_PROVIDER: &str = "provider";

/// The plugin types upstream ships for each `plugins` category (the entry-point names of its
/// plugin packages, spec §4.4). Upstream's own hint list (`PLUGIN_REGISTRY`) names types that do
/// not ship (`snowflake`, `airflow`, `k8s-secrets`, …); only these load at run time.
pub const SHIPPED_PLUGINS: [(&str, &[&str]); 11] = [
    ("compute", &["duckdb"]),
    ("orchestrator", &["dagster"]),
    ("catalog", &["polaris"]),
    ("storage", &["s3"]),
    ("semantic_layer", &["cube"]),
    ("ingestion", &["dlt"]),
    ("secrets", &["k8s", "infisical"]),
    ("telemetry_backend", &["console", "jaeger"]),
    ("lineage_backend", &["marquez"]),
    ("identity", &["keycloak"]),
    ("dbt", &["core", "fusion"]),
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
pub const DESTINATIONS: &str = "destinations";
/// `destinations[].sink_type`.
pub const SINK_TYPE: &str = "sink_type";
/// `plugins.<category>.config`: the plugin's settings, validated by the plugin at run time.
pub const PLUGIN_CONFIG: &str = "config";
