//! What a request reads: one snapshot of the server's state, taken when the request starts
//! (ruff's `run_with_snapshot`). Documents come from the last check when it read the current text
//! (no parse at all), else are parsed once (re-parsing only the edited entry when the last
//! check's tree allows it) and kept for the next request; findings are the last published ones,
//! and only when they belong to the current text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::documents::OpenDocument;
use super::profiles::Environments;
use super::state::{Analysis, Shared, lock};
use crate::check::{self, Options};
use crate::diagnostic::Diagnostic;
use crate::syntax::{self, ColumnUnit, Document, Limits};
use crate::workspace::{Selection, discover};

pub struct Snapshot {
    state: Shared,
    open: HashMap<PathBuf, OpenDocument>,
    analysis: HashMap<PathBuf, Arc<Analysis>>,
    pub unit: ColumnUnit,
}

impl Snapshot {
    pub fn take(state: &Shared) -> Snapshot {
        let guard = lock(state);
        Snapshot {
            state: Arc::clone(state),
            open: guard.documents.snapshot(),
            analysis: guard.analysis.clone(),
            unit: guard.unit(),
        }
    }

    /// The revision of an open document's text in this snapshot.
    pub fn revision(&self, path: &Path) -> Option<u64> {
        self.open.get(path).map(|d| d.revision)
    }

    /// The last check's analysis of `path` when it read the text the snapshot holds.
    fn current(&self, path: &Path) -> Option<&Arc<Analysis>> {
        self.analysis
            .get(path)
            .filter(|a| a.revision == self.revision(path))
    }

    /// The current text of a file (open buffer, else disk), parsed.
    pub fn document(&self, path: &Path) -> Option<Arc<Document>> {
        if let Some(document) = self.current(path).and_then(|a| a.document.upgrade()) {
            return Some(document);
        }
        let revision = self.revision(path);
        if let Some((at, document)) = lock(&self.state).parsed.get(path)
            && *at == revision
        {
            return Some(Arc::clone(document));
        }
        let file: Arc<Path> = Arc::from(path);
        let limits = Limits::default();
        let document = match self.open.get(path) {
            Some(open) => {
                let text = open.rope.to_string();
                let previous = self.analysis.get(path).and_then(|a| a.document.upgrade());
                let patch = previous
                    .as_ref()
                    .and_then(|p| syntax::plan(p, &text, &limits));
                match (previous, patch) {
                    (Some(previous), Some(patch)) => {
                        let mut document = Document::clone(&previous);
                        patch.apply(&mut document, &text);
                        document
                    }
                    _ => syntax::parse_text(&file, &text, &limits),
                }
            }
            None => match self.current(path).and_then(|a| a.document.upgrade()) {
                Some(document) => return Some(document),
                None => syntax::parse(&file, &crate::workspace::files::read(path).ok()?, &limits),
            },
        };
        let document = Arc::new(document);
        lock(&self.state)
            .parsed
            .insert(path.to_path_buf(), (revision, Arc::clone(&document)));
        Some(document)
    }

    /// The findings last published for `path`, when they belong to its current text.
    pub fn findings(&self, path: &Path) -> Option<&[Diagnostic]> {
        self.current(path).map(|a| a.findings.as_slice())
    }

    /// The findings for `path`'s current text: the published ones, else a check of its project
    /// now (for a request that must not act on stale findings, such as fix-all).
    pub fn findings_now(&self, path: &Path) -> Vec<Diagnostic> {
        if let Some(found) = self.findings(path) {
            return found.to_vec();
        }
        let (selection, options) = self.options(path);
        let Ok(projects) = discover(&[path.to_path_buf()], &selection) else {
            return Vec::new();
        };
        check::check_projects(&projects, &Texts(&self.open), &selection, &options)
            .diagnostics
            .into_iter()
            .filter(|d| *d.file == *path)
            .collect()
    }

    /// The environment selection and check options for a file.
    pub fn options(&self, path: &Path) -> (Selection, Options) {
        let (selection, options, _) = lock(&self.state).options_for(path);
        (selection, options)
    }

    /// Runs `f` with the environments of `path`, read through this snapshot.
    pub fn with_environments<R>(&self, path: &Path, f: impl FnOnce(&Environments<'_>) -> R) -> R {
        let (selection, _) = self.options(path);
        let read = |p: &Path| self.document(p);
        f(&Environments {
            selection: &selection,
            read: &read,
        })
    }
}

/// Open buffers first, then the disk: what a check reads.
pub struct Texts<'a>(pub &'a HashMap<PathBuf, OpenDocument>);

impl check::Sources for Texts<'_> {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.0.get(path) {
            Some(open) => Ok(open.rope.to_string().into_bytes()),
            None => crate::workspace::files::read(path),
        }
    }
}
