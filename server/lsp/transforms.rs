//! Generation B navigation: a transform's name and the `dependsOn` / `depends_on` entries naming
//! it (go to definition, find references, rename), and `platform.manifest` → the manifest the
//! product is checked with. A FloeSpec's transforms are named only inside its own file, so every
//! occurrence is in the one document.

use std::path::{Path, PathBuf};

use super::locate;
use crate::diagnostic::Span;
use crate::dialect::v1::Spec;
use crate::dialect::v1::transforms::{self, is_depends_on};
use crate::dialect::v1::vocabulary::{MANIFEST, NAME, PLATFORM, TRANSFORMS};
use crate::model::navigate::Step;
use crate::syntax::Document;
use crate::workspace::manifest::{Pairing, pair};

/// One place a transform's name is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    /// The transform's own `name:` (else a `dependsOn` entry).
    pub definition: bool,
}

/// The transform named at `offset` (on a transform's `name` value or a `dependsOn` entry), with
/// the span of that name.
pub fn transform_at(document: &Document, offset: usize) -> Option<(String, Span)> {
    let located = locate::at(document, offset)?;
    if located.on_key {
        return None;
    }
    let named = match located.path.as_slice() {
        [Step::Key(list), Step::Index(_), Step::Key(field)] => list == TRANSFORMS && field == NAME,
        [
            Step::Key(list),
            Step::Index(_),
            Step::Key(field),
            Step::Index(_),
        ] => list == TRANSFORMS && is_depends_on(field),
        _ => false,
    };
    let name = located.node.as_str().filter(|_| named)?;
    Some((name.to_owned(), located.node.span))
}

/// Every place `name` is written: the name of each transform called so (one, unless the file
/// repeats it) and each `dependsOn` entry naming it, in document order.
pub fn occurrences(document: &Document, name: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for transform in transforms::transforms(document) {
        if let Some(own) = transform.name.filter(|n| n.text == name) {
            out.push(Occurrence {
                span: own.span,
                definition: true,
            });
        }
        out.extend(
            transform
                .depends_on
                .iter()
                .filter(|entry| entry.text == name)
                .map(|entry| Occurrence {
                    span: entry.span,
                    definition: false,
                }),
        );
    }
    out.sort_by_key(|o| o.span.start);
    out
}

/// Whether a transform of the file is already called `name`.
pub fn is_taken(document: &Document, name: &str) -> bool {
    transforms::transforms(document)
        .iter()
        .any(|t| t.name.is_some_and(|n| n.text == name))
}

/// On the value of `platform.manifest`: the manifest floe-lint checks the product at `path`
/// with (the local file it names; for an OCI URI, the one found above it or configured), if
/// that file exists.
pub fn manifest_at(
    document: &Document,
    offset: usize,
    path: &Path,
    configured: Option<&Path>,
) -> Option<PathBuf> {
    let reference = Spec::of(document)?.manifest_ref()?;
    let on_value = reference.span.start <= offset && offset <= reference.span.end;
    let located = locate::at(document, offset)?;
    let under_platform = matches!(
        located.path.as_slice(),
        [Step::Key(platform), Step::Key(manifest)] if platform == PLATFORM && manifest == MANIFEST
    );
    if !on_value || !under_platform || located.on_key {
        return None;
    }
    match pair(path, reference.local_path(), configured) {
        Pairing::Named(found) | Pairing::Found(found) | Pairing::Configured(found) => Some(found),
        Pairing::NamedMissing(_) | Pairing::None => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::syntax::{Limits, parse_text};

    fn document(text: &str) -> Document {
        let file: Arc<Path> = Arc::from(Path::new("floe.yaml"));
        parse_text(&file, text, &Limits::default())
    }

    const SPEC: &str = "transforms:\n  - name: stg\n  - name: fct\n    dependsOn: [stg]\n    depends_on:\n      - \"stg\"\n    tags: [stg]\n";

    #[test]
    fn names_and_entries_are_found_not_other_strings() {
        let spec = document(SPEC);
        let at = |needle: &str, nth: usize| {
            spec.text
                .match_indices(needle)
                .nth(nth)
                .map(|(i, _)| i + 1)
                .expect("needle")
        };
        assert_eq!(
            transform_at(&spec, at("stg", 0)).map(|(n, _)| n),
            Some("stg".to_owned())
        );
        assert_eq!(
            transform_at(&spec, at("stg", 2)).map(|(n, s)| (n, s.end - s.start)),
            Some(("stg".to_owned(), 5)),
            "a quoted entry's span covers its quotes"
        );
        assert_eq!(
            transform_at(&spec, at("stg", 3)),
            None,
            "a tag is not a name"
        );
        assert_eq!(
            transform_at(&spec, at("name", 0)),
            None,
            "a key is not a name"
        );
        let found = occurrences(&spec, "stg");
        assert_eq!(
            found.iter().map(|o| o.definition).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert!(is_taken(&spec, "fct") && !is_taken(&spec, "agg"));
    }
}
