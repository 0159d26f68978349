//! Generation B of floe's configuration (`apiVersion: floe.dev/v1`): the data product's
//! `floe.yaml` (`kind: FloeSpec`) and the platform's `manifest.yaml` (`kind: Manifest`), plus the
//! configuration models the runtime applies to `plugins.<category>.config`.
//!
//! Self-contained on purpose: nothing here depends on, or changes, the Generation A engine
//! ([`super::FileKind`], `validate`, `check`). An integration calls four entry points:
//!
//! - [`detect`] tells from a loaded document whether it is a Gen B file (and which), or a stale
//!   documentation-shaped `kind: DataProduct` file;
//! - [`schema`] / [`embedded_schema`] give the JSON Schema (draft 2020-12) of a kind;
//! - [`semantic::check`] (and [`semantic::check_detailed`], which adds a rule and upstream's full
//!   wording) reports what the schema cannot say, as [`super::semantic::SemanticError`]s;
//! - [`semantic::non_string_keys`] works on the YAML tree, because non-string keys are gone
//!   once the document is JSON;
//! - [`plugin_config`] locates `plugins.<category>.config` blocks whose plugin type has a
//!   runtime config model, with that model's schema and checks (runtime errors, not compile
//!   errors: report them under their own rule).
//!
//! Upstream's pydantic models are `extra="forbid"` everywhere except the manifest root
//! (`extra="allow"`) and the Marquez config (`extra="ignore"`); the schemas say so with
//! `additionalProperties`.

mod aliases;
pub mod artifacts;
pub mod floe_spec;
pub mod governance;
pub mod governance_controls;
pub mod manifest;
pub mod observability;
pub mod plugin_config;
pub mod promotion;
pub mod quality;
pub mod semantic;
pub mod validate;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use std::collections::BTreeMap;

use serde_json::Value;

pub use aliases::other_spelling;

use super::common::unwrap_description;
use crate::syntax::DATE_MARKER;

/// The only `apiVersion` Generation B defines.
pub use crate::dialect::v1::vocabulary::API_VERSION;
use crate::dialect::v1::vocabulary::{self as key, DeclaredKind};

// ---------------------------------------------------------------------------------------------
// Upstream regular expressions (exact text).
// ---------------------------------------------------------------------------------------------

/// floe.yaml `metadata.name`: DNS-compatible, a lower-case letter first (1–63 characters).
pub const PRODUCT_NAME_PATTERN: &str = r"^[a-z][a-z0-9-]*$";
/// Semantic version `MAJOR.MINOR.PATCH`.
pub const SEMVER_PATTERN: &str = r"^\d+\.\d+\.\d+$";
/// dbt model names: transforms, output ports and their columns.
pub const DBT_MODEL_NAME_PATTERN: &str = r"^[a-zA-Z_][a-zA-Z0-9_]*$";
/// Kubernetes-style secret names (`connection_secret_ref`, `SecretReference.name`) and the
/// manifest's `metadata.name`.
pub const SECRET_NAME_PATTERN: &str = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$";
/// An `http://` or `https://` URL prefix.
pub const HTTP_URL_PATTERN: &str = r"^https?://";

/// Which Generation B file a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum V1Kind {
    /// `floe.yaml` with `apiVersion: floe.dev/v1`, `kind: FloeSpec`: one data product.
    FloeSpec,
    /// `manifest.yaml` with `apiVersion: floe.dev/v1`, `kind: Manifest`: the platform.
    Manifest,
}

impl V1Kind {
    /// The conventional file name.
    pub fn file_name(self) -> &'static str {
        match self {
            // Both generations name the product file floe.yaml.
            V1Kind::FloeSpec => crate::dialect::runtime::vocabulary::FLOE_FILE,
            V1Kind::Manifest => key::MANIFEST_FILE_NAMES[0],
        }
    }

    /// The `kind:` value that declares it.
    pub fn kind_value(self) -> &'static str {
        self.declared().value()
    }

    /// The vocabulary's name of its `kind:`.
    pub fn declared(self) -> DeclaredKind {
        match self {
            V1Kind::FloeSpec => DeclaredKind::FloeSpec,
            V1Kind::Manifest => DeclaredKind::Manifest,
        }
    }

    /// The `$id` of its JSON Schema.
    pub fn schema_id(self) -> &'static str {
        match self {
            V1Kind::FloeSpec => "https://floe.dev/schemas/floe-v1.schema.json",
            V1Kind::Manifest => "https://floe.dev/schemas/manifest.schema.json",
        }
    }
}

/// What [`detect`] recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// A Generation B file of this kind.
    V1(V1Kind),
    /// `kind: DataProduct`: the shape upstream's stale `docs/reference/floe-yaml-schema.md`
    /// documents (spec §10). No upstream model accepts it; a linter should say so and point at
    /// `kind: FloeSpec` rather than report a pile of schema errors.
    StaleDataProduct,
}

/// Classifies a loaded document by content (upstream has no other way: Gen A and Gen B share
/// the name `floe.yaml`, and a manifest is recognised only by what it declares).
///
/// - `kind: FloeSpec` or `kind: Manifest` with `apiVersion: floe.dev/v1` (or its snake-case
///   spelling `api_version`, which upstream also accepts) is a Gen B file;
/// - `kind: FloeSpec` / `kind: Manifest` with a missing or different `apiVersion` is still
///   classified by its `kind`, so that the wrong `apiVersion` is reported by the schema
///   (`Input should be 'floe.dev/v1'`) rather than the file being treated as Gen A;
/// - `kind: DataProduct` is [`Detected::StaleDataProduct`];
/// - anything else (no `kind`, Gen A's `name`/`version` root, a non-mapping) is `None`.
pub fn detect(document: &Value) -> Option<Detected> {
    let root = document.as_object()?;
    let kind = root.get(key::KIND).and_then(Value::as_str)?;
    Some(match DeclaredKind::from_value(kind)? {
        DeclaredKind::FloeSpec => Detected::V1(V1Kind::FloeSpec),
        DeclaredKind::Manifest => Detected::V1(V1Kind::Manifest),
        DeclaredKind::DataProduct => Detected::StaleDataProduct,
    })
}

/// [`detect`], only for Gen B kinds.
pub fn detect_kind(document: &Value) -> Option<V1Kind> {
    match detect(document)? {
        Detected::V1(kind) => Some(kind),
        Detected::StaleDataProduct => None,
    }
}

/// Generates the JSON Schema (draft 2020-12) of one Gen B file kind from the Rust types.
pub fn schema(kind: V1Kind) -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(unwrap_description))
        .into_generator();
    let root = match kind {
        V1Kind::FloeSpec => generator.into_root_schema_for::<floe_spec::FloeSpec>(),
        V1Kind::Manifest => generator.into_root_schema_for::<manifest::PlatformManifest>(),
    };
    let mut value = root.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("$id".into(), Value::String(kind.schema_id().into()));
    }
    value
}

/// The checked-in schema text (`schemas/floe-v1.schema.json`, `schemas/manifest.schema.json`),
/// embedded so nothing is read at run time. `tests/schemas.rs` keeps it equal to [`schema`].
pub fn embedded_schema(kind: V1Kind) -> &'static str {
    match kind {
        V1Kind::FloeSpec => include_str!("../../../schemas/floe-v1.schema.json"),
        V1Kind::Manifest => include_str!("../../../schemas/manifest.schema.json"),
    }
}

/// The `apiVersion` literal (`floe.dev/v1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ApiVersion {
    #[serde(rename = "floe.dev/v1")]
    V1,
}

impl schemars::JsonSchema for ApiVersion {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ApiVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "const": API_VERSION,
        })
    }
}

/// A date (`2025-12-31`) or date-time. YAML reads an unquoted date as a date, which the
/// document's JSON form carries as `{"$date": "…"}`; a quoted one is a string.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum DateOrDateTime {
    /// Written as a string.
    Text(String),
    /// Read by YAML as a timestamp.
    Timestamp(BTreeMap<String, String>),
}

impl schemars::JsonSchema for DateOrDateTime {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateOrDateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // One object-or-string schema rather than an `anyOf`, so that a wrong type reads as
        // one error. `pattern` constrains only strings, `required` only objects.
        schemars::json_schema!({
            "type": ["string", "object"],
            "pattern": r"^\d{4}-\d{2}-\d{2}([Tt ].*)?$",
            "required": [DATE_MARKER],
            "description": "A date (`YYYY-MM-DD`) or an ISO 8601 date-time.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_by_kind() {
        let floe = json!({"apiVersion": "floe.dev/v1", "kind": "FloeSpec"});
        assert_eq!(detect(&floe), Some(Detected::V1(V1Kind::FloeSpec)));
        let manifest = json!({"api_version": "floe.dev/v1", "kind": "Manifest"});
        assert_eq!(detect_kind(&manifest), Some(V1Kind::Manifest));
        let wrong_version = json!({"apiVersion": "floe.dev/v2", "kind": "Manifest"});
        assert_eq!(detect_kind(&wrong_version), Some(V1Kind::Manifest));
        let docs = json!({"apiVersion": "floe.dev/v1", "kind": "DataProduct"});
        assert_eq!(detect(&docs), Some(Detected::StaleDataProduct));
        assert_eq!(detect_kind(&docs), None);
        // Generation A floe.yaml / platform.yaml have no `kind`.
        assert_eq!(detect(&json!({"name": "p", "version": "1.0.0"})), None);
        assert_eq!(
            detect(&json!({"kind": "PlatformEnvironmentContract"})),
            None
        );
        assert_eq!(detect(&json!({"kind": 3})), None);
        assert_eq!(detect(&json!(["kind", "FloeSpec"])), None);
        assert_eq!(detect(&Value::Null), None);
    }
}
