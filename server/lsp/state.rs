//! Server state: open documents, negotiated encoding, settings. Behind one mutex; never held
//! across an `.await`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Deserialize;

use super::documents::Documents;
use crate::check::{Options, Sources};
use crate::config;
use crate::syntax::{self, ColumnUnit, Document, Limits};
use crate::workspace::Selection;

/// Settings from `initializationOptions` or `workspace/configuration` (section `floeLint`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Environment used for the flat fallback (`FLOE_PLATFORM_ENV`).
    pub environment: Option<String>,
    /// A platform.yaml to use for every floe.yaml (`FLOE_PLATFORM_FILE`).
    pub platform_file: Option<PathBuf>,
    /// Rules to run (codes, prefixes or names).
    pub select: Option<Vec<String>>,
    /// Rules not to run.
    pub ignore: Option<Vec<String>>,
    /// A `.floe-lint.toml` to use instead of the nearest one.
    pub config_path: Option<PathBuf>,
}

#[derive(Debug, Default)]
pub struct State {
    pub documents: Documents,
    pub unit: Option<ColumnUnit>,
    pub settings: Settings,
    pub roots: Vec<PathBuf>,
    /// Per-file results reused across checks (only the edited file is re-parsed).
    pub cache: Arc<crate::check::Cache>,
    /// Findings of the last failed connectivity check, by platform file (cleared when one passes).
    pub connectivity: std::collections::HashMap<PathBuf, Vec<crate::diagnostic::Diagnostic>>,
}

pub type Shared = Arc<Mutex<State>>;

pub fn lock(state: &Shared) -> MutexGuard<'_, State> {
    // A panic while holding the lock cannot leave the store half-edited in a way we could repair;
    // keep serving with what is there rather than poisoning every later request.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    pub fn unit(&self) -> ColumnUnit {
        self.unit.unwrap_or(ColumnUnit::Utf16)
    }

    /// Environment selection and check options for a file, from settings, the process
    /// environment and the nearest `.floe-lint.toml`.
    pub fn options_for(&self, path: &Path) -> (Selection, Options, Option<String>) {
        let mut selection = Selection::from_env();
        if let Some(env) = &self.settings.environment {
            selection.env = Some(env.clone());
        }
        if let Some(file) = &self.settings.platform_file {
            selection.platform_file = Some(file.clone());
        }
        let config_path = self
            .settings
            .config_path
            .clone()
            .or_else(|| config::find(path));
        let mut error = None;
        let mut settings = match config_path.as_deref().map(config::load) {
            Some(Ok(settings)) => settings,
            Some(Err(e)) => {
                error = Some(e.to_string());
                config::Settings::default()
            }
            None => config::Settings::default(),
        };
        if let Err(e) =
            settings.override_selection(self.settings.select.clone(), self.settings.ignore.clone())
        {
            error = Some(e);
        }
        selection.environment_dirs = settings.environment_directories();
        (
            selection,
            Options {
                limits: Limits::default(),
                settings,
                cache: Some(Arc::clone(&self.cache)),
            },
            error,
        )
    }
}

/// Open buffers first, then the disk: what a check reads.
pub struct Snapshot {
    pub texts: std::collections::HashMap<PathBuf, String>,
}

impl Sources for Snapshot {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.texts.get(path) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => crate::workspace::files::read(path),
        }
    }
}

/// The current text of a file (open buffer, else disk), parsed.
pub fn document(state: &Shared, path: &Path) -> Option<Document> {
    let text = lock(state).documents.text(path);
    let file: Arc<Path> = Arc::from(path);
    match text {
        Some(text) => Some(syntax::parse_text(&file, &text, &Limits::default())),
        None => crate::workspace::files::read(path)
            .ok()
            .map(|bytes| syntax::parse(&file, &bytes, &Limits::default())),
    }
}
