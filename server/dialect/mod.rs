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

pub mod runtime;
pub mod v1;
