//! Obsidian-Owl/floe's dialect ("Generation B", `apiVersion: floe.dev/v1`): a data product's
//! `floe.yaml` (`kind: FloeSpec`) and the platform's `manifest.yaml` (`kind: Manifest`). There are
//! no environment directories: one manifest serves every environment, chosen at run time.
//!
//! A document belongs to this dialect because of what it declares ([`access::Declaration`]),
//! never because of its file name: both generations name the product file `floe.yaml`.

pub mod access;
pub mod compile;
pub mod compute;
pub mod governance;
pub mod keys;
pub mod platform;
pub mod plugins;
pub mod product;
pub mod transforms;
pub mod vocabulary;

pub use access::{Declaration, ManifestRef, Spec};
pub use plugins::{Plugin, Plugins};
pub use vocabulary::{Category, DeclaredKind};
