//! The cross-file stage's findings about which files belong together across the two dialects
//! (FL202, FL203). The engine decides which files a product pairs with (`check::pairing`); this
//! says what is wrong with the pairing, at the place that causes it.

use std::path::Path;

use crate::diagnostic::codes::cross_file::{MANIFEST_NOT_FOUND, MIXED_DIALECTS};
use crate::diagnostic::{Diagnostic, Span};
use crate::dialect::v1::{Declaration, DeclaredKind, ManifestRef, vocabulary as v1};
use crate::syntax::Document;

/// A Generation A floe.yaml with Generation B manifests where its platform files would be.
pub fn runtime_product_with_manifests(floe: &Document, manifests: &[&Document]) -> Diagnostic {
    let listed = listing(manifests.iter().map(|m| &*m.file));
    let mut diagnostic = Diagnostic::new(
        &MIXED_DIALECTS,
        &floe.file,
        first_key_span(floe),
        format!(
            "this floe.yaml is a Generation A (floe-runtime) file, but {listed} beside it {} a Generation B manifest (`kind: {}`): the two dialects do not mix",
            if manifests.len() == 1 { "is" } else { "are" },
            DeclaredKind::Manifest.value()
        ),
    )
    .with_help(format!(
        "a product for a manifest declares `{}: {}` and `{}: {}`; a Generation A floe.yaml is checked against platform/<env>/platform.yaml",
        v1::API_VERSION_KEY,
        v1::API_VERSION,
        v1::KIND,
        DeclaredKind::FloeSpec.value()
    ));
    for manifest in manifests {
        let span = Declaration::of_document(manifest)
            .span()
            .unwrap_or_else(|| first_key_span(manifest));
        diagnostic = diagnostic.with_related(&manifest.file, span, "the Generation B manifest");
    }
    diagnostic
}

/// A Generation B floe.yaml with Generation A platform files beside it.
pub fn spec_with_platforms(spec: &Document, platforms: &[&Document]) -> Diagnostic {
    let listed = listing(platforms.iter().map(|p| &*p.file));
    let span = Declaration::of_document(spec)
        .span()
        .unwrap_or_else(|| first_key_span(spec));
    let mut diagnostic = Diagnostic::new(
        &MIXED_DIALECTS,
        &spec.file,
        span,
        format!(
            "this floe.yaml is a Generation B file (`{}: {}`), but {listed} beside it {} Generation A (floe-runtime) platform {}: the two dialects do not mix",
            v1::API_VERSION_KEY,
            v1::API_VERSION,
            if platforms.len() == 1 { "is a" } else { "are" },
            if platforms.len() == 1 { "file" } else { "files" },
        ),
    )
    .with_help(format!(
        "Generation B reads its platform from a manifest.yaml (`kind: {}`), never from platform/<env>/platform.yaml; the platform files are checked on their own",
        DeclaredKind::Manifest.value()
    ));
    for platform in platforms {
        diagnostic = diagnostic.with_related(
            &platform.file,
            first_key_span(platform),
            "a Generation A platform file",
        );
    }
    diagnostic
}

/// `platform.manifest` names a local file that does not exist.
pub fn manifest_not_found(spec: &Document, reference: &ManifestRef<'_>, path: &Path) -> Diagnostic {
    Diagnostic::new(
        &MANIFEST_NOT_FOUND,
        &spec.file,
        reference.span,
        format!(
            "no manifest at `{}` (`{}.{}` is read relative to this floe.yaml's directory): the manifest is not checked with this product",
            path.display(),
            v1::PLATFORM,
            v1::MANIFEST,
        ),
    )
    .with_help("point it at the manifest file, or at its OCI reference (`oci://…`, which is not followed)")
}

fn listing<'a>(files: impl Iterator<Item = &'a Path>) -> String {
    let names: Vec<String> = files.map(|f| format!("`{}`", f.display())).collect();
    names.join(", ")
}

fn first_key_span(document: &Document) -> Span {
    document.span_of("", true)
}
