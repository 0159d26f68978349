//! Obsidian-Owl/floe's dialect ("Generation B", `apiVersion: floe.dev/v1`): a data product's
//! `floe.yaml` (`kind: FloeSpec`) and the platform's `manifest.yaml` (`kind: Manifest`). There are
//! no environment directories: one manifest serves every environment, chosen at run time.
//!
//! A document belongs to this dialect because of what it declares ([`access::Declaration`]),
//! never because of its file name: both generations name the product file `floe.yaml`.

pub mod access;
pub mod keys;
pub mod vocabulary;

pub use access::{Declaration, ManifestRef, Spec};
pub use vocabulary::DeclaredKind;
