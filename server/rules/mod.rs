//! Rules that read the loaded documents and the workspace: one file per rule or small family,
//! and a registry of every rule floe-lint has (including the syntax and schema stages' codes).

pub mod cross_file;
pub mod registry;
