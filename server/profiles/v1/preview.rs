//! Which floe.yaml and manifest a Generation B preview is generated from (CLI and language
//! server): the product the path names, and the manifest it pairs with as `check` pairs it
//! (`platform.manifest`, else the nearest floe manifest at or above it, else the configured one).

use std::path::{Path, PathBuf};

use crate::dialect::v1::Spec;
use crate::model::FileKind;
use crate::workspace::manifest::{Pairing, pair};
use crate::workspace::{Selection, load, one_project};

/// The two files of a Generation B preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub spec: PathBuf,
    pub manifest: PathBuf,
    /// Whether the manifest is the configured one (`selection.manifest`), not the product's own.
    pub configured: bool,
}

/// The Generation B product under `path` (a directory or a floe.yaml) and the manifest it pairs
/// with as `check` pairs it: `selection.manifest` (`--manifest`, the editor's `manifestFile`,
/// `.floe-lint.toml`) only for a product that names none and has none above it. `Ok(None)` when
/// the product is not Generation B's: the Generation A preview takes it.
pub fn inputs(path: &Path, selection: &Selection) -> Result<Option<Inputs>, String> {
    if FileKind::from_path(path) == Some(FileKind::Manifest) {
        return Err(format!(
            "{} is a platform manifest, which serves many products: name a product's floe.yaml (the profile is the product's)",
            path.display()
        ));
    }
    let project = one_project(path, selection)?;
    let Some(spec) = project.floe else {
        return Ok(None);
    };
    let document = load(&spec)?;
    if FileKind::classify(FileKind::Floe, &document) != FileKind::FloeSpec {
        return Ok(None);
    }
    let reference = Spec::of(&document).and_then(|s| s.manifest_ref());
    let configured = selection.manifest.as_deref();
    let (manifest, configured) = match pair(
        &spec,
        reference.and_then(|r| r.local_path()),
        configured,
    ) {
        Pairing::Named(found) | Pairing::Found(found) => (found, false),
        Pairing::Configured(found) => (found, true),
        Pairing::NamedMissing(missing) => {
            return Err(format!(
                "{}'s platform.manifest names {}, which does not exist",
                spec.display(),
                missing.display()
            ));
        }
        Pairing::None => {
            return Err(format!(
                "no manifest found for {}: platform.manifest names no local file, and no floe manifest.yaml is beside it or above it (use --manifest FILE, or `manifest` in .floe-lint.toml)",
                spec.display()
            ));
        }
    };
    Ok(Some(Inputs {
        spec,
        manifest,
        configured,
    }))
}

/// The profiles.yml upstream's runtime writes for `inputs`.
pub fn render(inputs: &Inputs) -> Result<crate::profiles::Generated, String> {
    let spec = load(&inputs.spec)?;
    let manifest = load(&inputs.manifest)?;
    super::generate(&spec, &manifest).map_err(|e| {
        format!(
            "floe cannot write profiles.yml for {} with {}: {e}",
            inputs.spec.display(),
            inputs.manifest.display()
        )
    })
}
