//! The check engine: files → documents → diagnostics, for the CLI and the language server alike.
//! Stages, each independent (taplo style): syntax, schema, cross-file, rules; then suppressions.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::background::drop_elsewhere;
use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Span};
use crate::dialect::runtime::constants::DEFAULT_ENVIRONMENT;
use crate::model::{FileKind, validate};
use crate::rules::{self, Context, Environment, Sink, context::Dbt, cross_file};
use crate::syntax::{self, Document, Limits};
use crate::workspace::{
    Project, Selection,
    dbt::{self, dbt_files},
};

mod budget;
mod cache;
mod each;
mod finish;
mod pairing;
pub use crate::parallel::default_threads;
use budget::{Budget, Early};
pub use cache::Cache;
pub use each::{Checked, check_each};
use finish::finish;

/// Where file contents come from: the disk for the CLI, open buffers first for the LSP.
pub trait Sources {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
}

/// Files held in memory (tests, fuzzing, tools that check unsaved text); any other path is not
/// found.
impl Sources for std::collections::HashMap<PathBuf, Vec<u8>> {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        self.get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }
}

/// Reads files from the file system.
pub struct Disk;

impl Sources for Disk {
    /// Regular files only: a FIFO or a device is refused with its cause, never opened.
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        crate::workspace::files::read(path)
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
    pub documents: BTreeMap<Arc<Path>, Arc<Document>>,
    pub diagnostics: Vec<Diagnostic>,
    pub read_errors: Vec<ReadError>,
    /// Spans holding secret values, suppressed findings included: never shown in any output.
    pub masked: Vec<(Arc<Path>, Span)>,
}

impl Report {
    pub fn document(&self, path: &Path) -> Option<&Document> {
        self.documents.get(path).map(Arc::as_ref)
    }
}

/// Options that change what a check reports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// `.floe-lint.toml`: rule selection, severities, per-file ignores, local environments.
    pub settings: Settings,
    /// Reuse of per-file results between checks (the language server keeps one).
    pub cache: Option<Arc<Cache>>,
}

/// Parses and validates one file on its own (syntax + schema stages). `kind` is what the file's
/// name proposes; the content decides ([`FileKind::classify`]: a `floe.yaml` declaring
/// `kind: FloeSpec` is validated as Generation B's).
pub fn check_document(
    kind: FileKind,
    file: &Arc<Path>,
    bytes: &[u8],
    limits: &Limits,
) -> (Document, Vec<Diagnostic>) {
    let document = syntax::parse(file, bytes, limits);
    validated(kind, document)
}

/// As [`check_document`], taking the bytes: they become the document's text.
pub fn check_document_owned(
    kind: FileKind,
    file: &Arc<Path>,
    bytes: Vec<u8>,
    limits: &Limits,
) -> (Document, Vec<Diagnostic>) {
    validated(kind, syntax::parse_owned(file, bytes, limits))
}

/// As [`check_document`], for a file that is being edited, given its previous document: when the
/// edit between the two can be applied by re-parsing one entry ([`syntax::plan`]), the previous
/// tree (and the JSON value kept with it) is patched instead of parsing and converting the whole
/// text again: what keeps a keystroke in a large file fast in the editor.
pub fn check_document_after(
    previous: Option<Arc<Document>>,
    kind: FileKind,
    file: &Arc<Path>,
    bytes: &[u8],
    limits: &Limits,
) -> (Document, Vec<Diagnostic>) {
    let patched = previous.and_then(|previous| {
        let text = std::str::from_utf8(bytes).ok()?;
        let patch = syntax::plan(&previous, text, limits);
        let Some(patch) = patch else {
            drop_elsewhere(previous);
            return None;
        };
        let mut document = Arc::unwrap_or_clone(previous);
        patch.apply(&mut document, text);
        document.file = Arc::clone(file);
        Some(document)
    });
    let mut document = patched.unwrap_or_else(|| syntax::parse(file, bytes, limits));
    if document.loadable {
        document.keep_json_when_made();
    }
    validated(kind, document)
}

/// The syntax stage's findings and the schema stage's, for the kind the content decides.
fn validated(named: FileKind, document: Document) -> (Document, Vec<Diagnostic>) {
    let mut diagnostics = document.diagnostics.clone();
    let kind = FileKind::classify(named, &document);
    diagnostics.extend(validate::validate(kind, &document));
    (document, diagnostics)
}

enum Kind {
    /// A floe configuration file, with the kind its name proposes.
    Config(FileKind),
    /// dbt YAML (dbt_project.yml, profiles.yml): parsed, but not floe-lint's to validate.
    DbtYaml,
    Sql,
}

struct Loader<'a> {
    sources: &'a dyn Sources,
    limits: &'a Limits,
    cache: Option<&'a Cache>,
}

impl Loader<'_> {
    fn load(&self, report: &mut Report, path: &Path, kind: Kind) -> Option<Arc<Path>> {
        let key: Arc<Path> = Arc::from(path);
        if report.documents.contains_key(&key) {
            return Some(key);
        }
        match self.sources.read(path) {
            Ok(bytes) => {
                let document = match kind {
                    Kind::Config(kind) => {
                        let (document, diagnostics) = match self.cache {
                            // Without a cache (the CLI) each document is checked once: no JSON
                            // value is kept with it for edits that will not come.
                            None => {
                                let (document, diagnostics) =
                                    check_document_owned(kind, &key, bytes, self.limits);
                                (Arc::new(document), diagnostics)
                            }
                            Some(cache) => {
                                let hash = Cache::key(&bytes, kind);
                                match cache.get(path, hash) {
                                    Some(hit) => hit,
                                    None => {
                                        let previous = cache.take(path);
                                        let (document, diagnostics) = check_document_after(
                                            previous,
                                            kind,
                                            &key,
                                            &bytes,
                                            self.limits,
                                        );
                                        let document = Arc::new(document);
                                        cache.put(path, hash, &document, &diagnostics);
                                        (document, diagnostics)
                                    }
                                }
                            }
                        };
                        report.diagnostics.extend(diagnostics);
                        document
                    }
                    Kind::DbtYaml => Arc::new(syntax::parse_owned(&key, bytes, self.limits)),
                    Kind::Sql => Arc::new(syntax::plain(&key, &bytes)),
                };
                report.documents.insert(Arc::clone(&key), document);
                Some(key)
            }
            Err(error) => {
                // Found but unreadable: the check is incomplete, whichever file it is.
                report.read_errors.push(ReadError {
                    path: path.to_path_buf(),
                    error,
                });
                None
            }
        }
    }
}

/// Checks every project: each file once, then each floe.yaml against each environment, then
/// the rules, then suppressions.
pub fn check_projects(
    projects: &[Project],
    sources: &dyn Sources,
    selection: &Selection,
    options: &Options,
) -> Report {
    check_group(projects, sources, selection, options).0
}

/// [`check_projects`], also telling how many of the report's read errors each project's loads
/// made (they are pushed project by project, in order).
fn check_group(
    projects: &[Project],
    sources: &dyn Sources,
    selection: &Selection,
    options: &Options,
) -> (Report, Vec<usize>) {
    let mut read_errors_per_project = Vec::with_capacity(projects.len());
    let mut report = Report::default();
    let mut early = Early::default();
    let loader = Loader {
        sources,
        limits: &options.limits,
        cache: options.cache.as_deref(),
    };
    for project in projects {
        let own_manifest = project
            .manifest
            .as_deref()
            .and_then(|m| loader.load(&mut report, m, Kind::Config(FileKind::Manifest)));
        let floe = project
            .floe
            .as_deref()
            .and_then(|p| loader.load(&mut report, p, Kind::Config(FileKind::Floe)));
        let environments: Vec<(String, Arc<Path>)> = project
            .environments
            .iter()
            .filter_map(|e| {
                loader
                    .load(&mut report, &e.platform, Kind::Config(FileKind::Platform))
                    .map(|k| (e.name.clone(), k))
            })
            .collect();
        // The content decides the dialect: the stages below see Generation A's files only.
        let pairing::Partners {
            floe,
            spec,
            manifest,
            environments,
            mut found,
            mixed,
        } = pairing::partners(
            &loader,
            &mut report,
            floe,
            environments,
            selection.manifest.as_deref(),
        );
        let dbt = match (&project.floe, &floe, &spec) {
            (Some(path), Some(key), _) => dbt_files(
                path,
                report.documents.get(key).and_then(|d| d.root.as_ref()),
            ),
            (_, None, Some(spec)) => dbt::product_files(spec),
            _ => Default::default(),
        };
        let dbt_project = dbt
            .project
            .as_deref()
            .and_then(|p| loader.load(&mut report, p, Kind::DbtYaml));
        let dbt_profiles = dbt
            .profiles
            .as_deref()
            .and_then(|p| loader.load(&mut report, p, Kind::DbtYaml));
        let dbt_sql: Vec<Arc<Path>> = dbt
            .sql
            .iter()
            .filter_map(|p| loader.load(&mut report, p, Kind::Sql))
            .collect();

        let floe_document = floe.as_ref().and_then(|k| report.document(k));
        if let Some(floe_document) = floe_document {
            // The mixed-dialect finding says why there is no platform file.
            if project.environments.is_empty() && !mixed {
                let env = selection.env.as_deref().unwrap_or(DEFAULT_ENVIRONMENT);
                found.push(cross_file::platform_not_found(
                    floe_document,
                    &project.searched,
                    env,
                ));
            }
            let targets: Vec<cross_file::Target<'_>> = environments
                .iter()
                .filter_map(|(env, platform)| {
                    Some(cross_file::Target {
                        env,
                        platform: report.documents.get(platform)?,
                    })
                })
                .collect();
            found.extend(cross_file::check_references(floe_document, &targets));
        }
        let is_local = |name: &str| {
            name == DEFAULT_ENVIRONMENT
                || options
                    .settings
                    .config
                    .environments
                    .local
                    .iter()
                    .any(|l| l == name)
        };
        // A manifest checked on its own is one only if its content says so.
        let own_manifest = own_manifest.filter(|key| {
            report
                .document(key)
                .is_some_and(|d| FileKind::classify(FileKind::Manifest, d) == FileKind::Manifest)
        });
        let cx = Context {
            floe: floe_document,
            spec: spec.as_ref().and_then(|k| report.document(k)),
            manifest: manifest
                .or(own_manifest)
                .as_ref()
                .and_then(|k| report.document(k)),
            environments: environments
                .iter()
                .filter_map(|(name, key)| {
                    Some(Environment {
                        name,
                        local: is_local(name),
                        document: report.document(key)?,
                    })
                })
                .collect(),
            dbt: Dbt {
                project: dbt_project.as_ref().and_then(|k| report.document(k)),
                profiles: dbt_profiles.as_ref().and_then(|k| report.document(k)),
                sql: dbt_sql.iter().filter_map(|k| report.document(k)).collect(),
            },
            generated: Default::default(),
        };
        let shared = |path: &Path| report.documents.get(path).cloned();
        let mut budget = Budget {
            early: &mut early,
            documents: &report.documents,
            settings: &options.settings,
            max: options.limits.max_diagnostics_per_file,
        };
        // The language server reuses each document's findings between checks, suppressed ones
        // included: its findings are kept whole until the end.
        let mut sink = match options.cache {
            None => Sink::compacting(&mut budget),
            Some(_) => Sink::new(),
        };
        sink.extend(found);
        rules::run(
            &cx,
            &shared,
            options.cache.as_deref().map(|c| &c.findings),
            &mut sink,
        );
        let mut found = sink.into_vec();
        // In order, copying the smaller list (a rule can find 100,000 things in one file).
        if found.len() > report.diagnostics.len() {
            found.splice(0..0, std::mem::take(&mut report.diagnostics));
            report.diagnostics = found;
        } else {
            report.diagnostics.extend(found);
        }
        let before: usize = read_errors_per_project.iter().sum();
        read_errors_per_project.push(report.read_errors.len() - before);
    }
    finish(
        &mut report,
        &options.settings,
        options.limits.max_diagnostics_per_file,
        early,
    );
    pairing::mask_v1_secrets(&mut report);
    (report, read_errors_per_project)
}
