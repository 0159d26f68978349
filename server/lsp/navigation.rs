//! Go to definition (floe.yaml reference → the profile in each platform.yaml), find references
//! (a profile → its uses), and rename a profile across every file of the project.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::locate;
use super::profiles::Environments;
use crate::diagnostic::Span;
use crate::dialect::runtime::access::Platform;
use crate::dialect::runtime::vocabulary::{PLATFORM_REFERENCES, Section, platform_reference};
use crate::model::FileKind;
use crate::model::navigate::Step;
use crate::syntax::Document;
use crate::workspace::floe_for_platform;

/// A profile, identified by its platform.yaml section and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub section: Section,
    pub name: String,
}

/// One place a profile name is written.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub path: PathBuf,
    pub document: Arc<Document>,
    pub span: Span,
    pub definition: bool,
}

/// The profile named at `offset`, with the span of that name.
pub fn profile_at(kind: FileKind, document: &Document, offset: usize) -> Option<(Profile, Span)> {
    let located = locate::at(document, offset)?;
    let keys: Vec<&str> = located
        .path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Index(_) => "",
        })
        .collect();
    match (kind, keys.as_slice(), located.on_key) {
        (FileKind::Floe, [key], false) => Some((
            Profile {
                section: Section::from_floe_key(key)?,
                name: located.node.as_str()?.to_owned(),
            },
            located.node.span,
        )),
        (FileKind::Platform, [section, name], true) => Some((
            Profile {
                section: Section::from_key(section)?,
                name: (*name).to_owned(),
            },
            located.entry?.key.span,
        )),
        (FileKind::Platform, keys, false) => Some((
            Profile {
                section: platform_reference(keys)?,
                name: located.node.as_str()?.to_owned(),
            },
            located.node.span,
        )),
        _ => None,
    }
}

/// The floe.yaml and platform files of the project `path` belongs to.
pub fn project_files(
    kind: FileKind,
    path: &Path,
    env: &Environments<'_>,
) -> (Option<PathBuf>, Vec<PathBuf>) {
    let floe = match kind {
        FileKind::Floe => Some(path.to_path_buf()),
        FileKind::Platform => floe_for_platform(path),
        // Generation B has no profiles: a FloeSpec names its platform by manifest, not by name.
        FileKind::FloeSpec | FileKind::Manifest => return (None, Vec::new()),
    };
    let mut platforms: Vec<PathBuf> = floe
        .as_deref()
        .map(|f| env.paths(f).into_iter().map(|(_, p)| p).collect())
        .unwrap_or_default();
    if kind == FileKind::Platform && !platforms.iter().any(|p| same_file(p, path)) {
        platforms.push(path.to_path_buf());
    }
    (floe, platforms)
}

fn same_file(a: &Path, b: &Path) -> bool {
    std::fs::canonicalize(a)
        .ok()
        .zip(std::fs::canonicalize(b).ok())
        .is_some_and(|(x, y)| x == y)
        || a == b
}

/// Every place the profile is defined or referenced in the project.
pub fn occurrences(
    profile: &Profile,
    floe: Option<&Path>,
    platforms: &[PathBuf],
    env: &Environments<'_>,
) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let floe_key = profile.section.floe_key();
    if let Some(floe_path) = floe
        && let Some(document) = (env.read)(floe_path)
        && let Some(entry) = document.root.as_ref().and_then(|r| r.get(floe_key))
        && entry.value.as_str() == Some(profile.name.as_str())
    {
        let span = entry.value.span;
        out.push(Occurrence {
            path: floe_path.to_path_buf(),
            document: Arc::clone(&document),
            span,
            definition: false,
        });
    }
    for platform in platforms {
        let Some(document) = (env.read)(platform) else {
            continue;
        };
        let Some(root) = document.root.as_ref() else {
            continue;
        };
        let mut spans: Vec<(Span, bool)> = Vec::new();
        if let Some(entry) = Platform::from_root(root).profile(profile.section, &profile.name) {
            spans.push((entry.key.span, true));
        }
        references(root, profile, &mut spans);
        for (span, definition) in spans {
            out.push(Occurrence {
                path: platform.clone(),
                document: Arc::clone(&document),
                span,
                definition,
            });
        }
    }
    out
}

/// The platform.yaml references to `profile`: the values at the key paths the vocabulary lists
/// as references into the profile's section ([`PLATFORM_REFERENCES`]), `*` standing for every key
/// of a mapping. Only those paths are followed, not the whole tree.
fn references(root: &crate::syntax::Node, profile: &Profile, spans: &mut Vec<(Span, bool)>) {
    fn follow(
        node: &crate::syntax::Node,
        path: &[&str],
        profile: &Profile,
        spans: &mut Vec<(Span, bool)>,
    ) {
        let Some((first, rest)) = path.split_first() else {
            if node.as_str() == Some(profile.name.as_str()) {
                spans.push((node.span, false));
            }
            return;
        };
        if *first == "*" {
            for entry in node.as_mapping().unwrap_or(&[]) {
                follow(&entry.value, rest, profile, spans);
            }
        } else if let Some(entry) = node.get(first) {
            follow(&entry.value, rest, profile, spans);
        }
    }
    for reference in PLATFORM_REFERENCES
        .iter()
        .filter(|r| r.section == profile.section)
    {
        follow(root, reference.path, profile, spans);
    }
}
