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

use crate::dialect::runtime::vocabulary::{
    FLOE_FILE, FLOE_FILE_NAMES, PLATFORM_FILE, PLATFORM_FILE_NAMES,
};
use crate::dialect::v1::vocabulary::MANIFEST_FILE_NAMES;
use crate::dialect::v1::{Declaration, DeclaredKind};

/// Which floe configuration file a document is, in either dialect.
///
/// A path's name only proposes a kind ([`FileKind::from_path`]: where discovery looks); what a
/// document is comes from its content ([`FileKind::classify`]): both generations name the product
/// file `floe.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// Generation A `floe.yaml`: the data engineer's pipeline file.
    Floe,
    /// Generation A `platform.yaml`: the platform engineer's per-environment file.
    Platform,
    /// Generation B `floe.yaml` (`apiVersion: floe.dev/v1`, `kind: FloeSpec`): one data product.
    FloeSpec,
    /// Generation B `manifest.yaml` (`kind: Manifest`): the platform, for every environment.
    Manifest,
}

/// The two configuration dialects floe-lint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// floe-runtime: `floe.yaml` + `platform/<env>/platform.yaml` ([`crate::dialect::runtime`]).
    Runtime,
    /// Obsidian-Owl/floe: `floe.yaml` + `manifest.yaml` ([`crate::dialect::v1`]).
    V1,
}

impl FileKind {
    /// The conventional file name.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Floe => FLOE_FILE,
            FileKind::Platform => PLATFORM_FILE,
            FileKind::FloeSpec => v1::V1Kind::FloeSpec.file_name(),
            FileKind::Manifest => v1::V1Kind::Manifest.file_name(),
        }
    }

    /// The kind a path's file name proposes (`floe.yaml`/`floe.yml`, `platform.yaml`/`platform.yml`,
    /// `manifest.yaml`/`manifest.yml`). A `floe.yaml` is proposed as Generation A's; its content
    /// decides ([`FileKind::classify`]).
    pub fn from_path(path: &std::path::Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        match name {
            _ if FLOE_FILE_NAMES.contains(&name) => Some(FileKind::Floe),
            _ if PLATFORM_FILE_NAMES.contains(&name) => Some(FileKind::Platform),
            _ if MANIFEST_FILE_NAMES.contains(&name) => Some(FileKind::Manifest),
            _ => None,
        }
    }

    /// What a document named as `named` is, from its content: a root declaring a Generation B
    /// kind is that kind (`kind: DataProduct`, the stale documentation's shape, is read as the
    /// product file it was meant to be); any other `floe.dev/…` root is the Generation B
    /// counterpart of its name; anything else is what its name says.
    pub fn classify(named: FileKind, document: &crate::syntax::Document) -> FileKind {
        let declared = Declaration::of_document(document);
        match declared.kind() {
            Some(DeclaredKind::FloeSpec | DeclaredKind::DataProduct) => FileKind::FloeSpec,
            Some(DeclaredKind::Manifest) => FileKind::Manifest,
            None if declared.is_generation_b() => match named {
                FileKind::Floe | FileKind::FloeSpec => FileKind::FloeSpec,
                FileKind::Platform | FileKind::Manifest => FileKind::Manifest,
            },
            None => named,
        }
    }

    /// The dialect the kind belongs to.
    pub fn dialect(self) -> Dialect {
        match self {
            FileKind::Floe | FileKind::Platform => Dialect::Runtime,
            FileKind::FloeSpec | FileKind::Manifest => Dialect::V1,
        }
    }

    /// The Generation B kind, for the models of [`v1`].
    pub fn v1(self) -> Option<v1::V1Kind> {
        match self {
            FileKind::FloeSpec => Some(v1::V1Kind::FloeSpec),
            FileKind::Manifest => Some(v1::V1Kind::Manifest),
            FileKind::Floe | FileKind::Platform => None,
        }
    }

    /// Short name used in CLI arguments (`floe-lint schema floe|platform`).
    pub fn short_name(self) -> &'static str {
        match self {
            FileKind::Floe => "floe",
            FileKind::Platform => "platform",
            FileKind::FloeSpec => "floe-v1",
            FileKind::Manifest => "manifest",
        }
    }
}

impl From<v1::V1Kind> for FileKind {
    fn from(kind: v1::V1Kind) -> FileKind {
        match kind {
            v1::V1Kind::FloeSpec => FileKind::FloeSpec,
            v1::V1Kind::Manifest => FileKind::Manifest,
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
        // Generation B's types set their own `$id`.
        FileKind::FloeSpec => return v1::schema(v1::V1Kind::FloeSpec),
        FileKind::Manifest => return v1::schema(v1::V1Kind::Manifest),
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
        FileKind::FloeSpec => v1::embedded_schema(v1::V1Kind::FloeSpec),
        FileKind::Manifest => v1::embedded_schema(v1::V1Kind::Manifest),
    }
}
