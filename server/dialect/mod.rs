//! What a configuration dialect is made of: its key names, which key refers to which section,
//! upstream's constants and defaults, and typed accessors over the spanned tree. Every consumer
//! (rules, the cross-file stage, profiles, connect, the language server) reads the configuration
//! through a dialect's vocabulary instead of spelling keys itself, so a second dialect is a sibling
//! module here, not an `if` in each consumer.
//!
//! Two dialects exist: [`runtime`], floe-runtime's `floe.yaml` + `platform/<env>/platform.yaml`
//! ("Generation A"), and [`v1`], Obsidian-Owl/floe's `floe.yaml` (`kind: FloeSpec`) +
//! `manifest.yaml` (`kind: Manifest`) ("Generation B"). Which one a document speaks is decided from
//! its content ([`v1::Declaration`]), never from its file name.

pub mod dbt;
pub mod runtime;
pub mod v1;

/// The key that names the variant of a tagged union (pydantic's discriminator) in every dialect's
/// models: `type: batch`, `type: asset_sensor`. The editor reads it to pick the variant it
/// completes and describes; the schema stage to report the variant's own errors.
pub const UNION_TAG: &str = "type";
