//! Typed access to a Generation B tree: what a root declares itself to be, and where a floe.yaml
//! says its manifest is, each with its span. Readers never assume a shape: a value of the wrong
//! type reads as absent (the schema stage reports it).

use std::path::Path;

use super::vocabulary::{self as key, DeclaredKind};
use crate::diagnostic::Span;
use crate::syntax::{Document, Node};

/// What a document's root says it is: its `kind` and `apiVersion` (either spelling), as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Declaration<'d> {
    pub kind: Option<(&'d str, Span)>,
    pub api_version: Option<(&'d str, Span)>,
}

impl<'d> Declaration<'d> {
    /// The declaration of a root node (nothing for a non-mapping).
    pub fn of(root: &'d Node) -> Declaration<'d> {
        let api_version = [key::API_VERSION_KEY, key::API_VERSION_FIELD]
            .into_iter()
            .find_map(|name| string(root, name));
        Declaration {
            kind: string(root, key::KIND),
            api_version,
        }
    }

    /// The declaration of a loaded document (nothing when it has no tree).
    pub fn of_document(document: &'d Document) -> Declaration<'d> {
        document
            .root
            .as_ref()
            .map(Declaration::of)
            .unwrap_or_default()
    }

    /// The Generation B kind the root declares, if any.
    pub fn kind(&self) -> Option<DeclaredKind> {
        self.kind
            .and_then(|(value, _)| DeclaredKind::from_value(value))
    }

    /// Whether the document is in floe's Kubernetes-style shape (a Generation B kind, or any
    /// `floe.dev/…` API version): then it is never read as a Generation A file, whose roots
    /// declare neither.
    pub fn is_generation_b(&self) -> bool {
        self.kind().is_some()
            || self
                .api_version
                .is_some_and(|(value, _)| value.starts_with(key::API_GROUP))
    }

    /// Where a finding about the whole file points: the `kind` value, else the `apiVersion`.
    pub fn span(&self) -> Option<Span> {
        self.kind.or(self.api_version).map(|(_, span)| span)
    }
}

/// A Generation B floe.yaml's root.
#[derive(Clone, Copy)]
pub struct Spec<'d> {
    root: &'d Node,
}

impl<'d> Spec<'d> {
    pub fn of(document: &'d Document) -> Option<Spec<'d>> {
        document.root.as_ref().map(|root| Spec { root })
    }

    /// `platform.manifest`, when it is a string.
    pub fn manifest_ref(&self) -> Option<ManifestRef<'d>> {
        let platform = &self.root.get(key::PLATFORM)?.value;
        let (text, span) = string(platform, key::MANIFEST)?;
        Some(ManifestRef { text, span })
    }
}

/// The value of `platform.manifest`: an OCI URI (`oci://registry/platform:1.0`) or a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManifestRef<'d> {
    pub text: &'d str,
    pub span: Span,
}

impl<'d> ManifestRef<'d> {
    /// The path it names when it names a local file (relative to the floe.yaml's directory, as
    /// upstream's examples write it); `None` for a URI (`scheme://…`) or an empty value.
    pub fn local_path(&self) -> Option<&'d Path> {
        let text = self.text.trim();
        (!text.is_empty() && !text.contains("://")).then(|| Path::new(text))
    }
}

fn string<'d>(node: &'d Node, key: &str) -> Option<(&'d str, Span)> {
    let entry = node.get(key)?;
    Some((entry.value.as_str()?, entry.value.span))
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::syntax::test_document;

    #[test]
    fn declarations() {
        let spec = test_document("floe.yaml", "apiVersion: floe.dev/v1\nkind: FloeSpec\n");
        let declared = Declaration::of_document(&spec);
        assert_eq!(declared.kind(), Some(DeclaredKind::FloeSpec));
        assert!(declared.is_generation_b());
        assert_eq!(declared.span(), Some(Span::new(30, 38)));

        let snake = test_document(
            "floe.yaml",
            "api_version: floe.dev/v1alpha1\nkind: Contract\n",
        );
        let declared = Declaration::of_document(&snake);
        assert_eq!(declared.kind(), None);
        assert!(declared.is_generation_b());

        for text in [
            "name: orders\nversion: \"1.0\"\n",
            "apiVersion: apps/v1\nkind: Deployment\n",
            "- kind: FloeSpec\n",
            "kind: 3\n",
            "",
        ] {
            assert!(
                !Declaration::of_document(&test_document("floe.yaml", text)).is_generation_b(),
                "{text}"
            );
        }
    }

    #[test]
    fn manifest_references() {
        let spec = test_document(
            "floe.yaml",
            "platform:\n  manifest: ../../demo/manifest.yaml\n",
        );
        let reference = Spec::of(&spec).and_then(|s| s.manifest_ref());
        assert_eq!(
            reference.and_then(|r| r.local_path()),
            Some(Path::new("../../demo/manifest.yaml"))
        );
        let oci = test_document(
            "floe.yaml",
            "platform:\n  manifest: oci://registry.example.com/platform:1.0\n",
        );
        let reference = Spec::of(&oci).and_then(|s| s.manifest_ref());
        assert!(reference.is_some_and(|r| r.local_path().is_none()));
        let missing = test_document("floe.yaml", "platform: {}\n");
        assert!(Spec::of(&missing).and_then(|s| s.manifest_ref()).is_none());
    }
}
