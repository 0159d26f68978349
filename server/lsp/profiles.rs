//! Profiles that floe.yaml references resolve to, per environment, for hover, definition,
//! references and rename.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Span;
use crate::rules::security::{detect, redact};
use crate::syntax::{Document, Node};
use crate::workspace::{Selection, environments_for};

/// floe.yaml key → (platform.yaml section, label).
pub fn profile_kind(key: &str) -> Option<(&'static str, &'static str)> {
    match key {
        "storage" => Some(("storage", "Storage")),
        "catalog" => Some(("catalogs", "Catalog")),
        "compute" => Some(("compute", "Compute")),
        _ => None,
    }
}

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
    section: &str,
    name: &str,
    env: &Environments<'_>,
) -> Vec<(String, Option<String>)> {
    env.documents(floe_path)
        .into_iter()
        .map(|(env, document)| {
            let entry = document
                .root
                .as_ref()
                .and_then(|r| r.get(section))
                .and_then(|s| s.value.get(name));
            let snippet = entry.map(|e| {
                redacted_text(
                    &document,
                    Span::new(e.key.span.start, e.value.span.end),
                    &e.value,
                )
            });
            (env, snippet)
        })
        .collect()
}

/// The source text of a span with every secret-looking scalar inside replaced by its redacted form.
fn redacted_text(document: &Document, span: Span, node: &Node) -> String {
    let mut secrets: Vec<(Span, String)> = Vec::new();
    collect_secrets(node, None, &mut secrets);
    secrets.sort_by_key(|(s, _)| s.start);
    let mut out = String::new();
    let mut cursor = span.start;
    for (secret, value) in secrets {
        if secret.start < cursor || secret.end > span.end {
            continue;
        }
        out.push_str(document.text.get(cursor..secret.start).unwrap_or(""));
        out.push_str(&format!("\"{}\"", redact::secret(&value)));
        cursor = secret.end;
    }
    out.push_str(document.text.get(cursor..span.end).unwrap_or(""));
    out
}

fn collect_secrets(node: &Node, key: Option<&str>, out: &mut Vec<(Span, String)>) {
    if let Some(text) = node.as_str() {
        let keyword = key.is_some_and(detect::is_secret_key) && !detect::is_placeholder(text);
        if keyword || !detect::patterns(text).is_empty() {
            out.push((node.span, text.to_owned()));
        }
        return;
    }
    for item in node.as_sequence().unwrap_or(&[]) {
        collect_secrets(item, key, out);
    }
    for entry in node.as_mapping().unwrap_or(&[]) {
        let name = entry.key.key_text();
        collect_secrets(&entry.value, name.as_deref(), out);
    }
}
