//! Which files a product is checked with, once its content says which dialect it speaks.
//! Discovery finds files by name; only a loaded document can say whether a floe.yaml is
//! Generation A (checked against `platform/<env>/platform.yaml`) or Generation B (checked with the
//! manifest it pairs with), and whether files of the two dialects were put side by side.

use std::path::Path;
use std::sync::Arc;

use super::{Kind, Loader, Report};
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::{Declaration, Spec};
use crate::model::{Dialect, FileKind};
use crate::rules::pairing;
use crate::secrets::scan;
use crate::syntax::Document;
use crate::workspace::manifest::{self, Pairing};

/// What the Generation A stages see of a project once its files' content is known.
pub(super) struct Partners {
    /// The Generation A floe.yaml (none for a Generation B product).
    pub floe: Option<Arc<Path>>,
    /// The Generation B product (`kind: FloeSpec`) and the manifest it pairs with.
    pub spec: Option<Arc<Path>>,
    pub manifest: Option<Arc<Path>>,
    /// The Generation A platform files, by environment.
    pub environments: Vec<(String, Arc<Path>)>,
    /// The pairing's findings (FL202, FL203).
    pub found: Vec<Diagnostic>,
    /// Whether a mix of dialects was reported: it explains a missing platform.yaml.
    pub mixed: bool,
}

/// Sorts a project's loaded files by dialect: a Generation B product pairs with its manifest
/// and is not Generation A's floe.yaml to the stages after this; a Generation A product may sit
/// beside Generation B files; only Generation A platform files are environments.
pub(super) fn partners(
    loader: &Loader<'_>,
    report: &mut Report,
    floe: Option<Arc<Path>>,
    environments: Vec<(String, Arc<Path>)>,
    configured_manifest: Option<&Path>,
) -> Partners {
    let mut found = Vec::new();
    let mut mixed = false;
    let (mut spec, mut manifest) = (None, None);
    let dialect = floe
        .as_ref()
        .and_then(|key| kind_of(report, key, FileKind::Floe))
        .map(FileKind::dialect);
    let floe = match (floe, dialect) {
        (Some(key), Some(Dialect::V1)) => {
            let paired = pair_v1_product(loader, report, &key, &environments, configured_manifest);
            found.extend(paired.found);
            manifest = paired.manifest;
            if kind_of(report, &key, FileKind::Floe) == Some(FileKind::FloeSpec) {
                spec = Some(key);
            }
            None
        }
        (Some(key), _) => {
            if let Some(mix) = runtime_product_mix(loader, report, &key, &environments) {
                found.push(mix);
                mixed = true;
            }
            Some(key)
        }
        (None, _) => None,
    };
    let environments = environments
        .into_iter()
        .filter(|(_, key)| kind_of(report, key, FileKind::Platform) == Some(FileKind::Platform))
        .collect();
    let manifest =
        manifest.filter(|key| kind_of(report, key, FileKind::Manifest) == Some(FileKind::Manifest));
    Partners {
        floe,
        spec,
        manifest,
        environments,
        found,
        mixed,
    }
}

/// What a loaded file is, from its content (`named`: what its name proposes).
fn kind_of(report: &Report, path: &Path, named: FileKind) -> Option<FileKind> {
    report
        .document(path)
        .map(|document| FileKind::classify(named, document))
}

/// What pairing a Generation B product found.
#[derive(Default)]
struct Paired {
    /// The manifest it loaded for the product.
    manifest: Option<Arc<Path>>,
    /// A missing named manifest, Generation A platform files beside it.
    found: Vec<Diagnostic>,
}

/// A Generation B product: loads the manifest it pairs with, and reports a missing named
/// manifest and Generation A platform files beside it. `environments` are the platform files
/// discovery found for it by name.
fn pair_v1_product(
    loader: &Loader<'_>,
    report: &mut Report,
    product: &Arc<Path>,
    environments: &[(String, Arc<Path>)],
    configured_manifest: Option<&Path>,
) -> Paired {
    let Some(document) = report.documents.get(product).cloned() else {
        return Paired::default();
    };
    let mut manifest_key = None;
    let mut found = Vec::new();
    let platforms = of_kind(report, environments, FileKind::Platform, |kind| {
        kind == FileKind::Platform
    });
    if !platforms.is_empty() {
        found.push(pairing::spec_with_platforms(&document, &platforms));
    }
    // A manifest written as floe.yaml pairs with nothing; its own check says what it is.
    if FileKind::classify(FileKind::Floe, &document) != FileKind::FloeSpec {
        return Paired {
            manifest: None,
            found,
        };
    }
    let reference = Spec::of(&document).and_then(|spec| spec.manifest_ref());
    let named = reference.and_then(|r| r.local_path());
    match manifest::pair(product, named, configured_manifest) {
        Pairing::Named(path) | Pairing::Found(path) | Pairing::Configured(path) => {
            manifest_key = loader.load(report, &path, Kind::Config(FileKind::Manifest));
        }
        Pairing::NamedMissing(path) => {
            if let Some(reference) = reference {
                found.push(pairing::manifest_not_found(&document, &reference, &path));
            }
        }
        Pairing::None => {}
    }
    Paired {
        manifest: manifest_key,
        found,
    }
}

/// A Generation A product with Generation B files where its platform files would be: a floe
/// manifest in its directory, or a Generation B document in a `platform/<env>/` file.
fn runtime_product_mix(
    loader: &Loader<'_>,
    report: &mut Report,
    product: &Arc<Path>,
    environments: &[(String, Arc<Path>)],
) -> Option<Diagnostic> {
    let beside = manifest::beside(product)
        .and_then(|path| loader.load(report, &path, Kind::Config(FileKind::Manifest)));
    let is_v1 = |kind: FileKind| kind.dialect() == Dialect::V1;
    let mut manifests: Vec<&Document> = beside
        .iter()
        .filter(|path| kind_of(report, path, FileKind::Manifest).is_some_and(is_v1))
        .filter_map(|path| report.document(path))
        .collect();
    manifests.extend(of_kind(report, environments, FileKind::Platform, is_v1));
    let document = report.document(product)?;
    (!manifests.is_empty()).then(|| pairing::runtime_product_with_manifests(document, &manifests))
}

/// The loaded documents among `files` whose content-decided kind passes `keep`.
fn of_kind<'r>(
    report: &'r Report,
    files: &[(String, Arc<Path>)],
    named: FileKind,
    keep: impl Fn(FileKind) -> bool,
) -> Vec<&'r Document> {
    files
        .iter()
        .filter(|(_, path)| kind_of(report, path, named).is_some_and(&keep))
        .filter_map(|(_, path)| report.document(path))
        .collect()
}

/// Generation B has no secret-reference syntax: a plugin's `client_secret` is a literal in the
/// manifest. FL300 reports such values (its findings mark them secret, as for Generation A);
/// this masks whatever the scan finds in every Generation B document the check loaded even where
/// no FL300 finding stands for it (a document the rules did not run over), so that masking never
/// depends on which rules ran.
pub(super) fn mask_v1_secrets(report: &mut Report) {
    let mut masked = Vec::new();
    for (path, document) in &report.documents {
        if Declaration::of_document(document).is_generation_b() {
            masked.extend(
                scan::scan(document, scan::Scope::of(document))
                    .into_iter()
                    .filter(scan::Found::is_secret)
                    .map(|found| (Arc::clone(path), found.span)),
            );
        }
    }
    report.masked.extend(masked);
}
