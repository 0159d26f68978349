//! Per-file results kept between checks by the language server.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::background::drop_elsewhere;
use crate::diagnostic::Diagnostic;
use crate::model::FileKind;
use crate::rules;
use crate::syntax::Document;

/// Syntax and schema results per file, keyed by content: a check after an edit re-parses only
/// the edited file, not its floe.yaml and the other environments.
#[derive(Debug, Default)]
pub struct Cache {
    entries: std::sync::Mutex<std::collections::HashMap<PathBuf, CacheEntry>>,
    /// Findings of each document's own rule hooks.
    pub(super) findings: rules::Findings,
}

type CacheEntry = (u64, Arc<Document>, Vec<Diagnostic>);

/// Files kept; past this the cache starts over (a workspace has few floe files).
const CACHE_FILES: usize = 512;

impl Cache {
    pub(super) fn key(bytes: &[u8], kind: FileKind) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        kind.hash(&mut hasher);
        hasher.finish()
    }

    /// Takes the document last stored for `path` (whatever its content) out of the cache.
    pub(super) fn take(&self, path: &Path) -> Option<Arc<Document>> {
        let mut entries = self.entries.lock().ok()?;
        entries.remove(path).map(|(_, document, _)| document)
    }

    pub(super) fn get(&self, path: &Path, key: u64) -> Option<(Arc<Document>, Vec<Diagnostic>)> {
        let entries = self.entries.lock().ok()?;
        let (stored, document, diagnostics) = entries.get(path)?;
        (*stored == key).then(|| (Arc::clone(document), diagnostics.clone()))
    }

    pub(super) fn put(
        &self,
        path: &Path,
        key: u64,
        document: &Arc<Document>,
        diagnostics: &[Diagnostic],
    ) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= CACHE_FILES {
                entries.clear();
            }
            let replaced = entries.insert(
                path.to_path_buf(),
                (key, Arc::clone(document), diagnostics.to_vec()),
            );
            drop(entries);
            // Freeing the previous tree of a large file costs about as much as a third of its
            // parse: do it off the path of the editor waiting for diagnostics.
            if let Some(replaced) = replaced {
                drop_elsewhere(replaced);
            }
        }
    }

    /// Forgets every file.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            drop_elsewhere(std::mem::take(&mut *entries));
        }
        self.findings.clear();
    }

    /// Forgets a file (closed in the editor).
    pub fn forget(&self, path: &Path) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(path);
        }
        self.findings.forget(path);
    }
}
