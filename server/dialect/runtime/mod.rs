//! floe-runtime's dialect ("Generation A"): a flat `floe.yaml` that names profiles by logical
//! name (`storage: default`, `catalog: default`, `compute: default`) and one
//! `platform/<env>/platform.yaml` per environment that defines them.

pub mod access;
pub mod constants;
pub mod vocabulary;

pub use vocabulary::Section;
