//! Typed models of floe's two configuration files, the single source of their JSON Schemas.
//!
//! `floe.yaml` (data engineers, spec §1) and `platform.yaml` (platform engineers, spec §2) are
//! mirrored as serde + schemars types. Every upstream model is pydantic `extra="forbid"`, so every
//! struct here is `deny_unknown_fields` and its schema says `additionalProperties: false`.
//! Field doc comments become schema `description`s, which feed hover and completion: they are user
//! documentation, not notes to ourselves.
//!
//! What JSON Schema cannot say (credential-mode rules, in-file cross references, upstream's
//! custom validators with their own wording) lives in [`semantic`].

pub mod common;
pub mod compute_properties;
pub mod floe;
pub mod known_valid;
pub mod navigate;
pub mod platform;
pub mod semantic;
pub mod suggest;
mod typed_key;
pub mod v1;
pub mod validate;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;

/// Which of the two floe configuration files a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// `floe.yaml`: the data engineer's pipeline file.
    Floe,
    /// `platform.yaml`: the platform engineer's per-environment file.
    Platform,
}

impl FileKind {
    /// The conventional file name.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Floe => "floe.yaml",
            FileKind::Platform => "platform.yaml",
        }
    }

    /// Classifies a path by its file name (`floe.yaml`/`floe.yml`, `platform.yaml`/`platform.yml`).
    pub fn from_path(path: &std::path::Path) -> Option<FileKind> {
        match path.file_name()?.to_str()? {
            "floe.yaml" | "floe.yml" => Some(FileKind::Floe),
            "platform.yaml" | "platform.yml" => Some(FileKind::Platform),
            _ => None,
        }
    }

    /// Short name used in CLI arguments (`floe-lint schema floe|platform`).
    pub fn short_name(self) -> &'static str {
        match self {
            FileKind::Floe => "floe",
            FileKind::Platform => "platform",
        }
    }
}

/// Generates the JSON Schema (draft 2020-12) of one file kind from the Rust types.
pub fn generate_schema(kind: FileKind) -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(common::unwrap_description))
        .into_generator();
    let (schema, id) = match kind {
        FileKind::Floe => (
            generator.into_root_schema_for::<floe::FloeSpec>(),
            "https://floe.dev/schemas/floe.schema.json",
        ),
        FileKind::Platform => (
            generator.into_root_schema_for::<platform::PlatformSpec>(),
            "https://floe.dev/schemas/platform.schema.json",
        ),
    };
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("$id".into(), serde_json::Value::String(id.into()));
    }
    value
}

/// The checked-in schema text (`schemas/*.schema.json`), embedded so nothing is read or fetched
/// at run time. A test keeps it equal to [`generate_schema`].
pub fn embedded_schema(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Floe => include_str!("../../schemas/floe.schema.json"),
        FileKind::Platform => include_str!("../../schemas/platform.schema.json"),
    }
}
