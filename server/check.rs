//! The check engine: files → documents → diagnostics, for the CLI and the language server alike.
//! Each stage is independent (taplo style): syntax, then schema, then cross-file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{self, Diagnostic};
use crate::model::{FileKind, validate};
use crate::rules::cross_file;
use crate::syntax::{self, Document, Limits};
use crate::workspace::{Project, Selection};

/// Where file contents come from: the disk for the CLI, open buffers first for the LSP.
pub trait Sources {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// Reads files from the file system.
pub struct Disk;

impl Sources for Disk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }
}

/// A file that could not be read at all.
#[derive(Debug)]
pub struct ReadError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

/// Everything one check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every document read, by path (renderers need their text).
    pub documents: BTreeMap<Arc<Path>, Document>,
    pub diagnostics: Vec<Diagnostic>,
    pub read_errors: Vec<ReadError>,
}

impl Report {
    pub fn document(&self, path: &Path) -> Option<&Document> {
        self.documents.get(path)
    }
}

/// Parses and validates one file on its own (syntax + schema stages).
pub fn check_document(
    kind: FileKind,
    file: &Arc<Path>,
    bytes: &[u8],
    limits: &Limits,
) -> (Document, Vec<Diagnostic>) {
    let document = syntax::parse(file, bytes, limits);
    let mut diagnostics = document.diagnostics.clone();
    diagnostics.extend(validate::validate(kind, &document));
    (document, diagnostics)
}

/// Checks every project: each file once, then each floe.yaml against each environment.
pub fn check_projects(
    projects: &[Project],
    sources: &dyn Sources,
    selection: &Selection,
    limits: &Limits,
) -> Report {
    let mut report = Report::default();
    let load = |report: &mut Report, path: &Path, kind: FileKind| -> Option<Arc<Path>> {
        let key: Arc<Path> = Arc::from(path);
        if report.documents.contains_key(&key) {
            return Some(key);
        }
        match sources.read(path) {
            Ok(bytes) => {
                let (document, diagnostics) = check_document(kind, &key, &bytes, limits);
                report.diagnostics.extend(diagnostics);
                report.documents.insert(Arc::clone(&key), document);
                Some(key)
            }
            Err(error) => {
                report.read_errors.push(ReadError {
                    path: path.to_path_buf(),
                    error,
                });
                None
            }
        }
    };
    for project in projects {
        let floe = project
            .floe
            .as_deref()
            .and_then(|p| load(&mut report, p, FileKind::Floe));
        let environments: Vec<(String, Arc<Path>)> = project
            .environments
            .iter()
            .filter_map(|e| {
                load(&mut report, &e.platform, FileKind::Platform).map(|k| (e.name.clone(), k))
            })
            .collect();
        let Some(floe) = floe else { continue };
        let Some(floe_document) = report.documents.get(&floe) else {
            continue;
        };
        let mut found = Vec::new();
        if project.environments.is_empty() {
            let env = selection.env.as_deref().unwrap_or("local");
            found.push(cross_file::platform_not_found(
                floe_document,
                &project.searched,
                env,
            ));
        }
        for (env, platform) in &environments {
            if let Some(platform_document) = report.documents.get(platform) {
                found.extend(cross_file::check_references(
                    floe_document,
                    env,
                    platform_document,
                    platform,
                ));
            }
        }
        report.diagnostics.extend(found);
    }
    diagnostic::sort(&mut report.diagnostics);
    report
}
