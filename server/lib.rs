//! floe-lint: validation, language server and tooling for floe's `floe.yaml` + `platform.yaml`.
//!
//! Layers, bottom first; each module imports only from those before it (tests/layers.rs holds
//! it, ARCHITECTURE.md explains it): `background`, `diagnostic` → `syntax` → `dialect` → `fix` → `secrets` →
//! `model` → `workspace` → `profiles` → `connect` → `rules` → `config` → `check` → `lsp` → `cli`.
#![forbid(unsafe_code)]

pub mod background;
pub mod check;
pub mod cli;
pub mod config;
pub mod connect;
pub mod diagnostic;
pub mod dialect;
pub mod fix;
pub mod loopback;
pub mod lsp;
pub mod model;
pub mod parallel;
pub mod profiles;
pub mod rules;
pub mod secrets;
pub mod syntax;
pub mod workspace;
