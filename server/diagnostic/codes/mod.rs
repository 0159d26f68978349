//! The codes the stages report themselves (syntax, schema, cross-file, connectivity,
//! suppression), one file per family. Rules run by the engine declare theirs beside their code
//! (`rules/`); `rules::registry` lists both. They live here, below every stage, so that a stage
//! never imports a layer above it to name its own code.

pub mod connectivity;
pub mod cross_file;
pub mod schema;
pub mod suppression;
pub mod syntax;
