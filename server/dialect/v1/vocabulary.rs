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
