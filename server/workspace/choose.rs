//! Which environment a one-environment command (`profiles`, `connect`, the editor's preview and
//! verify lenses) works on: decided here once, with one set of messages.

use std::path::Path;
use std::sync::Arc;

use super::{Environment, Project};
use crate::dialect::runtime::constants::DEFAULT_ENVIRONMENT;
use crate::syntax::{self, Document, Limits};

/// The environment named by `wanted` (`--env`, else `FLOE_PLATFORM_ENV`), else the project's only
/// one, else `local`. The error names the project and lists what there is.
pub fn choose_environment<'p>(
    project: &'p Project,
    wanted: Option<&str>,
) -> Result<&'p Environment, String> {
    let subject = project
        .floe
        .as_deref()
        .or_else(|| project.environments.first().map(|e| e.platform.as_path()))
        .map_or_else(|| "the project".to_owned(), |p| p.display().to_string());
    let names: Vec<&str> = project
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    let listed = if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    };
    let chosen = match wanted {
        Some(name) => project.environments.iter().find(|e| e.name == name),
        None if project.environments.len() == 1 => project.environments.first(),
        None => project
            .environments
            .iter()
            .find(|e| e.name == DEFAULT_ENVIRONMENT),
    };
    chosen.ok_or_else(|| match wanted {
        Some(name) => {
            format!("environment `{name}` not found for {subject}; environments: {listed}")
        }
        None if names.is_empty() => {
            format!("no platform.yaml found for {subject} (use --platform FILE)")
        }
        None => format!("{subject} has several environments ({listed}); choose one with --env"),
    })
}

/// Reads and parses one file with the default limits (for commands that need a single document
/// outside a check).
pub fn load(path: &Path) -> Result<Document, String> {
    let bytes =
        super::files::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: Arc<Path> = Arc::from(path);
    Ok(syntax::parse(&file, &bytes, &Limits::default()))
}
