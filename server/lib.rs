//! floe-lint: validation, language server and tooling for floe's `floe.yaml` + `platform.yaml`.
//!
//! Layers (each imports only from those before it): `diagnostic`/`rule_meta` → `syntax` →
//! `model` → `workspace` → `rules`/`check` → `cli`/`lsp`.
#![forbid(unsafe_code)]

pub mod check;
pub mod cli;
pub mod config;
pub mod connect;
pub mod diagnostic;
pub mod fix;
pub mod lsp;
pub mod model;
pub mod profiles;
pub mod rules;
pub mod syntax;
pub mod workspace;
