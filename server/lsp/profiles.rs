//! Profiles that floe.yaml references resolve to, per environment, for hover, definition,
//! references and rename.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Span;
use crate::dialect::runtime::access::Platform;
use crate::dialect::runtime::vocabulary::Section;
use crate::secrets::{redact, scan};
use crate::syntax::Document;
use crate::workspace::{Selection, environments_for};

/// How to find and read the environments of a floe.yaml: the server's selection, and a reader
/// that prefers open buffers.
pub struct Environments<'a> {
    pub selection: &'a Selection,
    pub read: &'a dyn Fn(&Path) -> Option<Arc<Document>>,
}

impl Environments<'_> {
    /// The platform.yaml of each environment of a floe.yaml, parsed.
    pub fn documents(&self, floe_path: &Path) -> Vec<(String, Arc<Document>)> {
        self.paths(floe_path)
            .into_iter()
            .filter_map(|(name, path)| Some((name, (self.read)(&path)?)))
            .collect()
    }

    /// Platform files of the environments of a floe.yaml.
    pub fn paths(&self, floe_path: &Path) -> Vec<(String, PathBuf)> {
        let dir = floe_path.parent().unwrap_or(Path::new("."));
        environments_for(dir, self.selection)
            .0
            .into_iter()
            .map(|e| (e.name, e.platform))
            .collect()
    }
}

/// `(environment, profile as redacted YAML text or None when missing)`.
pub fn resolved_profiles(
    floe_path: &Path,
    section: Section,
    name: &str,
    env: &Environments<'_>,
) -> Vec<(String, Option<String>)> {
    env.documents(floe_path)
        .into_iter()
        .map(|(env, document)| {
            let entry = Platform::of(&document).and_then(|p| p.profile(section, name));
            let snippet = entry
                .map(|e| redacted_text(&document, Span::new(e.key.span.start, e.value.span.end)));
            (env, snippet)
        })
        .collect()
}

/// The source text of a span with every secret the credential scan finds in the file (the scan
/// behind `FL300` and every masked snippet) replaced by its redacted form.
fn redacted_text(document: &Document, span: Span) -> String {
    let mut secrets: Vec<scan::Found> = scan::scan(document, scan::Scope::of(document))
        .into_iter()
        .filter(scan::Found::is_secret)
        .collect();
    secrets.sort_by_key(|f| f.span.start);
    let mut out = String::new();
    let mut cursor = span.start;
    for secret in secrets {
        if secret.span.start < cursor || secret.span.end > span.end {
            continue;
        }
        out.push_str(document.text.get(cursor..secret.span.start).unwrap_or(""));
        // A whole scalar becomes a quoted scalar; a piece of a comment stays a piece of text.
        let in_comment = document
            .comments
            .iter()
            .any(|c| c.span.start <= secret.span.start && secret.span.start < c.span.end);
        if in_comment {
            out.push_str(&redact::secret(&secret.value));
        } else {
            out.push_str(&format!("\"{}\"", redact::secret(&secret.value)));
        }
        cursor = secret.span.end;
    }
    out.push_str(document.text.get(cursor..span.end).unwrap_or(""));
    out
}
