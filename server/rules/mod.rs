//! Rules that read the loaded documents and the workspace (zizmor style: one file per rule or
//! small family, a registry of one line each). A rule never re-parses text and never formats
//! output: it reads trees through [`Context`] and pushes [`Diagnostic`]s.

pub mod compile;
pub mod compute;
pub mod context;
pub mod cross_file;
pub mod dbt;
pub mod edit;
pub mod lakehouse;
pub mod pairing;
pub mod profiles;
pub mod reference;
pub mod registry;
pub mod security;
pub mod sink;
pub mod sql;
pub mod suppression;
pub mod walk;

pub use context::{Context, Environment};
pub use sink::{Compact, Sink};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::rule_meta::Declared;
use crate::syntax::Document;

/// A lint. Implement the narrowest hook the rule needs; the defaults do nothing. The `floe` and
/// `platform` hooks see one document only, so their findings can be kept while that document does
/// not change ([`Findings`]); a rule that reads several files uses `project`.
/// Its code and documentation come from [`declare_rule!`](crate::declare_rule), which defines the
/// struct and implements [`Declared`] for it.
pub trait Rule: Sync + Declared {
    /// Called once for each platform.yaml, with its environment.
    fn platform(&self, _env: &Environment<'_>, _out: &mut Sink<'_>) {}

    /// Called once for the floe.yaml of a project.
    fn floe(&self, _floe: &Document, _out: &mut Sink<'_>) {}

    /// Called once for a Generation B product (`kind: FloeSpec` floe.yaml).
    fn spec(&self, _spec: &Document, _out: &mut Sink<'_>) {}

    /// Called once for a Generation B manifest (`kind: Manifest`), in each project that reads
    /// it (the engine removes the repeats).
    fn manifest(&self, _manifest: &Document, _out: &mut Sink<'_>) {}

    /// Called once per project, for rules that look at several files at once.
    fn project(&self, _cx: &Context<'_>, _out: &mut Sink<'_>) {}
}

/// What a document's own hooks found, by file and environment, kept between checks by the
/// language server: after an edit only the edited document's `floe`/`platform` hooks run again.
/// An entry knows its document by a weak reference: that keeps the allocation's address from
/// being reused by a new document (so identity is a safe key) without sharing the tree itself,
/// which would make the next edit copy it instead of patching it in place.
#[derive(Debug, Default)]
pub struct Findings {
    entries: Mutex<HashMap<(PathBuf, Option<String>), Kept>>,
}

/// The document (weakly), whether its environment is local, and its hooks' findings.
type Kept = (Weak<Document>, bool, Vec<Diagnostic>);

impl Findings {
    fn get(&self, document: &Arc<Document>, env: Option<(&str, bool)>) -> Option<Vec<Diagnostic>> {
        let entries = self.entries.lock().ok()?;
        let key = (
            document.file.to_path_buf(),
            env.map(|(name, _)| name.to_owned()),
        );
        let (kept, local, found) = entries.get(&key)?;
        (std::ptr::eq(kept.as_ptr(), Arc::as_ptr(document))
            && *local == env.is_some_and(|(_, l)| l))
        .then(|| found.clone())
    }

    fn put(&self, document: &Arc<Document>, env: Option<(&str, bool)>, found: &[Diagnostic]) {
        if let Ok(mut entries) = self.entries.lock() {
            let key = (
                document.file.to_path_buf(),
                env.map(|(name, _)| name.to_owned()),
            );
            let local = env.is_some_and(|(_, l)| l);
            entries.insert(key, (Arc::downgrade(document), local, found.to_vec()));
        }
    }

    /// Forgets every file's findings.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    /// Forgets a file's findings (closed in the editor).
    pub fn forget(&self, path: &Path) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(file, _), _| file != path);
        }
    }
}

/// Adds the findings of one document's own hooks to `out`: kept ones when the document has not
/// changed. Without a store to keep them in (the CLI), the hooks write to `out` directly: a
/// document with 100,000 findings is not collected twice.
fn own(
    document: &Arc<Document>,
    env: Option<&Environment<'_>>,
    kept: Option<&Findings>,
    run: impl Fn(&dyn Rule, &mut Sink<'_>),
    out: &mut Sink<'_>,
) {
    let Some(kept) = kept else {
        registry::rules().for_each(|rule| run(rule, out));
        return;
    };
    let key = env.map(|e| (e.name, e.local));
    if let Some(found) = kept.get(document, key) {
        out.extend(found);
        return;
    }
    let mut found = Sink::new();
    for rule in registry::rules() {
        run(rule, &mut found);
    }
    kept.put(document, key, &found);
    out.extend(found.into_vec());
}

/// A rule's hook over one document.
type Hook = fn(&dyn Rule, &Document, &mut Sink<'_>);

/// Runs every registered rule over one project. `documents` gives the shared document of a path
/// (what identifies an unchanged document in `kept`).
pub fn run(
    cx: &Context<'_>,
    documents: &dyn Fn(&Path) -> Option<Arc<Document>>,
    kept: Option<&Findings>,
    out: &mut Sink<'_>,
) {
    let shared = |document: &Document| {
        documents(&document.file).filter(|d| std::ptr::eq(d.as_ref(), document))
    };
    if let Some(floe) = cx.floe.filter(|d| d.loadable) {
        match shared(floe) {
            Some(arc) => own(&arc, None, kept, |rule, out| rule.floe(floe, out), out),
            None => registry::rules().for_each(|r| r.floe(floe, out)),
        }
    }
    let v1: [(Option<&Document>, Hook); 2] = [
        (cx.spec, |rule, spec, out| rule.spec(spec, out)),
        (cx.manifest, |rule, manifest, out| {
            rule.manifest(manifest, out)
        }),
    ];
    for (document, hook) in v1 {
        if let Some(document) = document.filter(|d| d.loadable) {
            match shared(document) {
                Some(arc) => own(&arc, None, kept, |rule, out| hook(rule, document, out), out),
                None => registry::rules().for_each(|r| hook(r, document, out)),
            }
        }
    }
    for env in cx.environments.iter().filter(|e| e.document.loadable) {
        match shared(env.document) {
            Some(arc) => own(
                &arc,
                Some(env),
                kept,
                |rule, out| rule.platform(env, out),
                out,
            ),
            None => registry::rules().for_each(|r| r.platform(env, out)),
        }
    }
    for rule in registry::rules() {
        rule.project(cx, out);
    }
}
