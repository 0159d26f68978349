//! Which files the server serves. Files are proposed by name (floe.yaml, platform.yaml,
//! manifest.yaml); a manifest.yaml is served only when its content is floe's, since other tools
//! (Kubernetes, …) use the name and an editor sends them all.

use std::path::Path;

use super::documents::OpenDocument;
use crate::dialect::v1::{Declaration, DeclaredKind};
use crate::model::FileKind;
use crate::syntax::Document;
use crate::workspace::manifest;

/// The kind a file's name proposes, when the server serves it: the open text (else the file on
/// disk) decides for a manifest.yaml.
pub fn by_text(path: &Path, open: Option<&OpenDocument>) -> Option<FileKind> {
    let named = FileKind::from_path(path)?;
    if named != FileKind::Manifest {
        return Some(named);
    }
    let floe = match open {
        Some(open) => {
            let head: String = open.rope.chars().take(SNIFF_CHARS).collect();
            manifest::declares_floe_text(&head)
        }
        None => manifest::declares_floe(path),
    };
    floe.then_some(named)
}

/// The kind a parsed document's name proposes, when the server serves it.
pub fn by_document(path: &Path, document: &Document) -> Option<FileKind> {
    let named = FileKind::from_path(path)?;
    let declared = Declaration::of_document(document);
    let floe = named != FileKind::Manifest
        || declared.is_generation_b()
        || declared.kind() == Some(DeclaredKind::Manifest);
    floe.then_some(named)
}

/// How much of an open manifest.yaml is read to tell whose it is (the declaration is at the top).
const SNIFF_CHARS: usize = 64 * 1024;
