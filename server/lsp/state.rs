//! Server state: open documents, negotiated encoding, settings, and what the last check of each
//! file found. Behind one mutex; never held across an `.await`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use serde::Deserialize;

use super::documents::Documents;
use crate::check::Options;
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::syntax::{ColumnUnit, Document, Limits};
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
    /// The manifest.yaml for Generation B floe.yaml files that name none and have none in their
    /// directory or above (overrides `.floe-lint.toml`'s `manifest`).
    pub manifest_file: Option<PathBuf>,
}

/// What the last published check read and found for one file.
#[derive(Debug)]
pub struct Analysis {
    /// The open document's revision it was computed from (`None`: the file on disk).
    pub revision: Option<u64>,
    /// The document, owned by the check's cache. Weak: a strong reference here would make the
    /// next edit copy the whole tree instead of patching it in place. Requests that find it gone
    /// (an edit is being checked) parse for themselves.
    pub document: Weak<Document>,
    /// The findings published for this file (rule findings, with their fixes).
    pub findings: Vec<Diagnostic>,
}

#[derive(Debug, Default)]
pub struct State {
    pub documents: Documents,
    pub unit: Option<ColumnUnit>,
    /// The client expands snippets in completion items.
    pub snippets: bool,
    pub settings: Settings,
    pub roots: Vec<PathBuf>,
    /// Per-file results reused across checks (only the edited file is re-parsed).
    pub cache: Arc<crate::check::Cache>,
    /// Findings of the last failed connectivity check, by platform file (cleared when one passes).
    pub connectivity: HashMap<PathBuf, Vec<Diagnostic>>,
    /// The last published check of each file: what requests answer from.
    pub analysis: HashMap<PathBuf, Arc<Analysis>>,
    /// Documents a request had to parse because no check had read that text yet, by path, with
    /// the revision they were parsed from (`None`: from disk).
    pub parsed: HashMap<PathBuf, (Option<u64>, Arc<Document>)>,
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

    /// A file changed on disk: nothing read from it is current any more, but what the editor
    /// shows for it is remembered until the re-check replaces it.
    pub fn changed_on_disk(&mut self, path: &Path) {
        self.cache.forget(path);
        self.parsed.remove(path);
        if let Some(analysis) = self.analysis.get_mut(path) {
            *analysis = Arc::new(Analysis {
                revision: Some(0), // no text has revision 0: never current
                document: Weak::new(),
                findings: analysis.findings.clone(),
            });
        }
    }

    /// Drops everything known about a file (closed in the editor).
    pub fn forget(&mut self, path: &Path) {
        self.cache.forget(path);
        self.analysis.remove(path);
        self.parsed.remove(path);
    }

    /// A path from the settings, relative to the workspace folder holding `file` (else the
    /// first one) when it is not absolute.
    fn in_workspace(&self, file: &Path, setting: &Path) -> PathBuf {
        if setting.is_absolute() {
            return setting.to_path_buf();
        }
        self.roots
            .iter()
            .find(|root| file.starts_with(root))
            .or(self.roots.first())
            .map_or_else(|| setting.to_path_buf(), |root| root.join(setting))
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
        selection.manifest = self
            .settings
            .manifest_file
            .as_deref()
            .map(|file| self.in_workspace(path, file))
            .or_else(|| settings.manifest());
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
