//! Key names of floe-runtime's two files, and which floe.yaml or platform.yaml key refers to which
//! platform.yaml section. Written once here; consumers match on [`Section`] instead of strings.

/// A platform.yaml section of named profiles, referred to by floe.yaml and by other sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// `storage`: S3-compatible buckets.
    Storage,
    /// `catalogs` (plural): Iceberg REST catalogs.
    Catalogs,
    /// `compute`: where dbt runs (DuckDB, Spark, Snowflake, …).
    Compute,
}

impl Section {
    /// In the order floe resolves them (`floe compile`: storage, catalog, compute).
    pub const ALL: [Section; 3] = [Section::Storage, Section::Catalogs, Section::Compute];

    /// The section's key in platform.yaml.
    pub fn key(self) -> &'static str {
        match self {
            Section::Storage => STORAGE,
            Section::Catalogs => CATALOGS,
            Section::Compute => COMPUTE,
        }
    }

    /// The section a platform.yaml key names.
    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The floe.yaml key that names one of its profiles (`catalog`, singular, for `catalogs`).
    pub fn floe_key(self) -> &'static str {
        match self {
            Section::Storage => FLOE_STORAGE,
            Section::Catalogs => FLOE_CATALOG,
            Section::Compute => FLOE_COMPUTE,
        }
    }

    /// The section a floe.yaml reference key points into.
    pub fn from_floe_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.floe_key() == key)
    }

    /// The profile kind as upstream's messages name it (`Catalog profile 'x' not found`).
    pub fn label(self) -> &'static str {
        match self {
            Section::Storage => "Storage",
            Section::Catalogs => "Catalog",
            Section::Compute => "Compute",
        }
    }

    /// The key of a layer (`layers.<name>`) that refers to a profile of this section.
    pub fn layer_ref(self) -> Option<&'static str> {
        match self {
            Section::Storage => Some(STORAGE_REF),
            Section::Catalogs => Some(CATALOG_REF),
            Section::Compute => None,
        }
    }

    /// The section a `…_ref` key refers to (`storage_ref`, `catalog_ref`).
    pub fn from_ref_key(key: &str) -> Option<Section> {
        Section::ALL
            .into_iter()
            .find(|s| s.layer_ref() == Some(key))
    }
}

// Key names, grouped by the model that declares them (the serde `rename`s and field names of
// `model/floe.rs`, `model/platform.rs`, `model/common.rs` are their definitions;
// tests/vocabulary.rs holds each constant to the generated schema at the place it is read).

// file names and layout: `floe.yaml` beside `platform/<env>/platform.yaml` (or `.floe/<env>/`)
pub const FLOE_FILE: &str = "floe.yaml";
pub const FLOE_FILE_NAMES: [&str; 2] = [FLOE_FILE, "floe.yml"];
pub const PLATFORM_FILE: &str = "platform.yaml";
pub const PLATFORM_FILE_NAMES: [&str; 2] = [PLATFORM_FILE, "platform.yml"];
pub const PLATFORM_DIR: &str = "platform";
pub const HIDDEN_PLATFORM_DIR: &str = ".floe";

// platform.yaml sections
pub const STORAGE: &str = "storage";
pub const CATALOGS: &str = "catalogs";
pub const COMPUTE: &str = "compute";
pub const LAYERS: &str = "layers";
pub const OBSERVABILITY: &str = "observability";
pub const INFRASTRUCTURE: &str = "infrastructure";
pub const SECURITY: &str = "security";

// floe.yaml's root
pub const NAME: &str = "name";
pub const TRANSFORMS: &str = "transforms";
pub const ORCHESTRATION: &str = "orchestration";

// floe.yaml references
pub const FLOE_STORAGE: &str = "storage";
pub const FLOE_CATALOG: &str = "catalog";
pub const FLOE_COMPUTE: &str = "compute";

// references inside platform.yaml
pub const STORAGE_REF: &str = "storage_ref";
pub const CATALOG_REF: &str = "catalog_ref";
/// `observability.compute_logs`, whose `storage_ref` names a storage profile.
pub const COMPUTE_LOGS: &str = "compute_logs";

// fields of profiles
pub const TYPE: &str = "type";
pub const URI: &str = "uri";
pub const WAREHOUSE: &str = "warehouse";
pub const NAMESPACE: &str = "namespace";
pub const ACCESS_DELEGATION: &str = "access_delegation";
pub const CREDENTIALS: &str = "credentials";
pub const BUCKET: &str = "bucket";
pub const ENDPOINT: &str = "endpoint";
pub const REGION: &str = "region";
pub const PATH_STYLE_ACCESS: &str = "path_style_access";
/// `compute.<name>.properties`: the dbt adapter's settings, passed on as they are (their names
/// are dbt's: [`crate::dialect::dbt`]).
pub const PROPERTIES: &str = "properties";

// credentials (`CredentialConfig`)
pub const MODE: &str = "mode";
pub const CLIENT_ID: &str = "client_id";
pub const CLIENT_SECRET: &str = "client_secret";
pub const SCOPE: &str = "scope";
pub const ROLE_ARN: &str = "role_arn";
/// `{secret_ref: NAME}`: a `SecretReference`, wherever a secret may stand.
pub const SECRET_REF: &str = "secret_ref";

// observability
pub const LINEAGE_ENDPOINT: &str = "lineage_endpoint";
pub const OTLP_ENDPOINT: &str = "otlp_endpoint";
/// `observability.compute_logs.enabled`, and `security.authentication.enabled`, …
pub const ENABLED: &str = "enabled";
pub const MANAGER_TYPE: &str = "manager_type";

// infrastructure
pub const CLOUD: &str = "cloud";
pub const PROVIDER: &str = "provider";
pub const RESOURCE_PROFILES: &str = "resource_profiles";
/// `infrastructure.resource_profiles.transform`: the container dbt runs in.
pub const TRANSFORM: &str = "transform";
pub const ENV: &str = "env";
pub const LIMITS: &str = "limits";
pub const MEMORY: &str = "memory";

// security
pub const AUTHENTICATION: &str = "authentication";
pub const METHOD: &str = "method";
pub const OIDC: &str = "oidc";
pub const SECRET_BACKENDS: &str = "secret_backends";
pub const VAULT: &str = "vault";
pub const SERVER_URL: &str = "server_url";
pub const AUTH_METHOD: &str = "auth_method";
pub const KUBERNETES_ROLE: &str = "kubernetes_role";

// floe.yaml's transforms and orchestration
/// `transforms[].path`: the dbt project's directory.
pub const PATH: &str = "path";
pub const ASSET_MODULES: &str = "asset_modules";
pub const ASSETS: &str = "assets";
pub const PARTITIONS: &str = "partitions";
pub const PARTITION_KEYS: &str = "partition_keys";
pub const JOBS: &str = "jobs";
pub const SELECTION: &str = "selection";
pub const SCHEDULES: &str = "schedules";
pub const SENSORS: &str = "sensors";
pub const BACKFILLS: &str = "backfills";
/// A schedule's, sensor's or backfill's job.
pub const JOB: &str = "job";
pub const WATCHED_JOBS: &str = "watched_jobs";
pub const WATCHED_ASSETS: &str = "watched_assets";
/// `orchestration.dbt`, whose `profiles_dir` is where dbt finds profiles.yml.
pub const DBT: &str = "dbt";
pub const PROFILES_DIR: &str = "profiles_dir";

/// The keys that hold a platform.yaml reference to a profile, by where they sit: a layer's
/// `storage_ref`/`catalog_ref` and `observability.compute_logs.storage_ref`. `path` is the key
/// path from the root with `*` for any key.
pub struct PlatformReference {
    pub path: &'static [&'static str],
    pub section: Section,
}

pub const PLATFORM_REFERENCES: [PlatformReference; 3] = [
    PlatformReference {
        path: &[LAYERS, "*", STORAGE_REF],
        section: Section::Storage,
    },
    PlatformReference {
        path: &[LAYERS, "*", CATALOG_REF],
        section: Section::Catalogs,
    },
    PlatformReference {
        path: &[OBSERVABILITY, COMPUTE_LOGS, STORAGE_REF],
        section: Section::Storage,
    },
];

/// The section the platform.yaml key path `keys` refers into, if it is a reference.
pub fn platform_reference(keys: &[&str]) -> Option<Section> {
    PLATFORM_REFERENCES
        .iter()
        .find(|r| {
            r.path.len() == keys.len() && r.path.iter().zip(keys).all(|(p, k)| *p == "*" || p == k)
        })
        .map(|r| r.section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_section_round_trips_through_its_keys() {
        for section in Section::ALL {
            assert_eq!(Section::from_key(section.key()), Some(section));
            assert_eq!(Section::from_floe_key(section.floe_key()), Some(section));
            if let Some(key) = section.layer_ref() {
                assert_eq!(Section::from_ref_key(key), Some(section));
            }
        }
        assert_eq!(Section::from_key("catalog"), None);
        assert_eq!(Section::from_floe_key("catalogs"), None);
    }

    #[test]
    fn platform_references_by_path() {
        assert_eq!(
            platform_reference(&["layers", "bronze", "catalog_ref"]),
            Some(Section::Catalogs)
        );
        assert_eq!(
            platform_reference(&["observability", "compute_logs", "storage_ref"]),
            Some(Section::Storage)
        );
        assert_eq!(platform_reference(&["layers", "bronze", "name"]), None);
    }
}
