//! `plugins.<category>.config` of the plugins that have a runtime config model (spec §5).
//!
//! Compile never looks inside `config`: the runtime validates it when the plugin starts, so a
//! finding here means "the first run will fail", not "compile fails". An integration should
//! report these under their own rule, separately from the manifest's schema errors:
//!
//! ```text
//! for located in plugin_config::locate(&manifest) {
//!     // 1. validate located.value against plugin_config::schema(located.kind), prefixing
//!     //    every error's instance path with located.pointer;
//!     // 2. plugin_config::check(&manifest) gives the custom validators' findings (absolute
//!     //    pointers already).
//! }
//! ```

pub mod models;
mod rules;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use serde_json::Value;

use crate::dialect::v1::keys::{self as key, plugin, plugin_type};
use crate::model::common::unwrap_description;
use crate::model::semantic::SemanticError;

pub use rules::check;

/// A plugin whose `config` has a runtime model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluginConfigKind {
    /// `catalog: polaris`.
    Polaris,
    /// `storage: s3`.
    S3,
    /// `lineage_backend: marquez`.
    Marquez,
    /// `semantic_layer: cube`.
    Cube,
    /// `ingestion: dlt`.
    Dlt,
    /// `secrets: k8s`.
    K8sSecrets,
    /// `secrets: infisical`.
    Infisical,
    /// `identity: keycloak`.
    Keycloak,
}

impl PluginConfigKind {
    /// Every kind.
    pub const ALL: [PluginConfigKind; 8] = [
        PluginConfigKind::Polaris,
        PluginConfigKind::S3,
        PluginConfigKind::Marquez,
        PluginConfigKind::Cube,
        PluginConfigKind::Dlt,
        PluginConfigKind::K8sSecrets,
        PluginConfigKind::Infisical,
        PluginConfigKind::Keycloak,
    ];

    /// The model for a plugin `type` in a `plugins` category (the type as upstream sees it:
    /// surrounding whitespace stripped). Other plugins (DuckDB, Dagster, dbt, console, jaeger)
    /// have no config model.
    pub fn for_plugin(category: &str, plugin_type: &str) -> Option<PluginConfigKind> {
        Some(match (category, plugin_type.trim()) {
            (plugin::CATALOG, plugin_type::POLARIS) => PluginConfigKind::Polaris,
            (plugin::STORAGE, plugin_type::S3) => PluginConfigKind::S3,
            (plugin::LINEAGE_BACKEND, plugin_type::MARQUEZ) => PluginConfigKind::Marquez,
            (plugin::SEMANTIC_LAYER, plugin_type::CUBE) => PluginConfigKind::Cube,
            (plugin::INGESTION, plugin_type::DLT) => PluginConfigKind::Dlt,
            (plugin::SECRETS, plugin_type::K8S) => PluginConfigKind::K8sSecrets,
            (plugin::SECRETS, plugin_type::INFISICAL) => PluginConfigKind::Infisical,
            (plugin::IDENTITY, plugin_type::KEYCLOAK) => PluginConfigKind::Keycloak,
            _ => return None,
        })
    }

    /// The `plugins` category whose `type` selects the plugin.
    pub fn category(self) -> &'static str {
        match self {
            PluginConfigKind::Polaris => plugin::CATALOG,
            PluginConfigKind::S3 => plugin::STORAGE,
            PluginConfigKind::Marquez => plugin::LINEAGE_BACKEND,
            PluginConfigKind::Cube => plugin::SEMANTIC_LAYER,
            PluginConfigKind::Dlt => plugin::INGESTION,
            PluginConfigKind::K8sSecrets | PluginConfigKind::Infisical => plugin::SECRETS,
            PluginConfigKind::Keycloak => plugin::IDENTITY,
        }
    }

    /// The upstream model's name.
    pub fn model_name(self) -> &'static str {
        match self {
            PluginConfigKind::Polaris => "PolarisCatalogConfig",
            PluginConfigKind::S3 => "S3StorageConfig",
            PluginConfigKind::Marquez => "MarquezConfig",
            PluginConfigKind::Cube => "CubeSemanticConfig",
            PluginConfigKind::Dlt => "DltIngestionConfig",
            PluginConfigKind::K8sSecrets => "K8sSecretsConfig",
            PluginConfigKind::Infisical => "InfisicalSecretsConfig",
            PluginConfigKind::Keycloak => "KeycloakIdentityConfig",
        }
    }
}

/// A `config` block with a runtime model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocatedConfig<'a> {
    pub kind: PluginConfigKind,
    /// JSON pointer of the `config` value, e.g. `/plugins/catalog/config`.
    pub pointer: &'static str,
    pub value: &'a Value,
}

/// The categories whose plugins may have a config model, in the order they are located, each
/// with the pointer of its `config` (`/plugins/catalog/config`).
static CATEGORIES: std::sync::LazyLock<Vec<(&str, String)>> = std::sync::LazyLock::new(|| {
    [
        plugin::CATALOG,
        plugin::STORAGE,
        plugin::LINEAGE_BACKEND,
        plugin::SEMANTIC_LAYER,
        plugin::INGESTION,
        plugin::SECRETS,
        plugin::IDENTITY,
    ]
    .into_iter()
    .map(|category| {
        let pointer = crate::syntax::json_pointer::of(&[key::PLUGINS, category, key::CONFIG]);
        (category, pointer)
    })
    .collect()
});

/// The JSON pointer of the `config` block of `kind`'s category (`/plugins/catalog/config`).
pub fn pointer_of(kind: PluginConfigKind) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(category, _)| *category == kind.category())
        .map_or("", |(_, pointer)| pointer.as_str())
}

/// The plugin `config` blocks of a manifest that the runtime validates. A selection without
/// `config` (or `config: null`) is located with an empty mapping: the runtime then validates
/// `{}`, so the model's required keys are reported (e.g. Polaris's `uri`).
pub fn locate(manifest: &Value) -> Vec<LocatedConfig<'_>> {
    static EMPTY: std::sync::LazyLock<Value> =
        std::sync::LazyLock::new(|| Value::Object(serde_json::Map::new()));
    let Some(plugins) = manifest.get(key::PLUGINS).and_then(Value::as_object) else {
        return Vec::new();
    };
    CATEGORIES
        .iter()
        .filter_map(|(category, pointer)| {
            let selection = plugins.get(*category)?.as_object()?;
            let plugin_type = selection.get(key::TYPE)?.as_str()?;
            let kind = PluginConfigKind::for_plugin(category, plugin_type)?;
            let pointer = pointer.as_str();
            let value = match selection.get(key::CONFIG) {
                None | Some(Value::Null) => &*EMPTY,
                Some(value) => value,
            };
            Some(LocatedConfig {
                kind,
                pointer,
                value,
            })
        })
        .collect()
}

/// The JSON Schema (draft 2020-12) of one plugin config model.
pub fn schema(kind: PluginConfigKind) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(unwrap_description))
        .into_generator();
    let root = match kind {
        PluginConfigKind::Polaris => {
            generator.into_root_schema_for::<models::PolarisCatalogConfig>()
        }
        PluginConfigKind::S3 => generator.into_root_schema_for::<models::S3StorageConfig>(),
        PluginConfigKind::Marquez => generator.into_root_schema_for::<models::MarquezConfig>(),
        PluginConfigKind::Cube => generator.into_root_schema_for::<models::CubeSemanticConfig>(),
        PluginConfigKind::Dlt => generator.into_root_schema_for::<models::DltIngestionConfig>(),
        PluginConfigKind::K8sSecrets => {
            generator.into_root_schema_for::<models::K8sSecretsConfig>()
        }
        PluginConfigKind::Infisical => {
            generator.into_root_schema_for::<models::InfisicalSecretsConfig>()
        }
        PluginConfigKind::Keycloak => {
            generator.into_root_schema_for::<models::KeycloakIdentityConfig>()
        }
    };
    root.to_value()
}

/// Keeps a finding's type for callers that only want [`SemanticError`]s.
pub(crate) fn error(pointer: String, message: String) -> SemanticError {
    SemanticError {
        pointer,
        at_key: false,
        message,
    }
}
