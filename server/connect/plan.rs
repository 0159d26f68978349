//! What a connectivity check is about, from a path and options: a platform.yaml and its catalog
//! profile(s) (Generation A), or a manifest's catalog plugin, for a product or on its own
//! (Generation B).

use std::path::{Path, PathBuf};

use super::Subject;
use crate::dialect::runtime::access::Platform;
use crate::dialect::runtime::constants::DEFAULT_PROFILE;
use crate::dialect::runtime::vocabulary::Section;
use crate::dialect::v1::product::Product;
use crate::model::FileKind;
use crate::profiles::v1::preview;
use crate::workspace::{
    Selection, choose_environment, discover, environment_name, load, manifest, one_project,
};

/// The resolved target of a check.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The file the checks read and a failure is reported on: a platform.yaml or a manifest.
    pub file: PathBuf,
    /// What to check in it, in order.
    pub subjects: Vec<Subject>,
}

/// The options that choose a Generation A environment and catalog.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// An environment name.
    pub env: Option<&'a str>,
    /// A platform.yaml to use directly.
    pub platform: Option<&'a Path>,
    /// A catalog profile.
    pub catalog: Option<&'a str>,
}

/// `path`: a project directory, a floe.yaml (either dialect), a platform.yaml or a manifest.
/// Generation A: without a catalog, the one floe.yaml references (default `default`), else every
/// catalog of the platform file. Generation B: the manifest the product pairs with as `check`
/// pairs it (`selection.manifest` included), or the manifest named.
pub fn plan(path: &Path, options: Options<'_>, selection: &Selection) -> Result<Plan, String> {
    if options.platform.is_none()
        && let Some(plan) = generation_b(path, selection)?
    {
        if options.env.is_some() || options.catalog.is_some() {
            return Err(format!(
                "--env and --catalog are for floe-runtime's platform.yaml; {} serves every environment with one catalog plugin",
                plan.file.display()
            ));
        }
        return Ok(plan);
    }
    generation_a(path, options, selection)
}

/// The Generation B check `path` names, if it names one.
fn generation_b(path: &Path, selection: &Selection) -> Result<Option<Plan>, String> {
    let alone = |manifest: PathBuf| {
        Some(Plan {
            subjects: vec![Subject::Plugin {
                manifest: manifest.display().to_string(),
                product: None,
            }],
            file: manifest,
        })
    };
    if FileKind::from_path(path) == Some(FileKind::Manifest) {
        if !manifest::declares_floe(path) {
            return Err(format!(
                "{} is not a floe manifest (no `apiVersion: floe.dev/…` or `kind: Manifest`)",
                path.display()
            ));
        }
        return Ok(alone(path.to_path_buf()));
    }
    if let Some(inputs) = preview::inputs(path, selection)? {
        let spec = load(&inputs.spec)?;
        let product = Product::of(&spec)
            .and_then(|p| p.name())
            .map(|(name, _)| name.to_owned());
        return Ok(Some(Plan {
            subjects: vec![Subject::Plugin {
                manifest: inputs.manifest.display().to_string(),
                product,
            }],
            file: inputs.manifest,
        }));
    }
    // A platform repository: one floe manifest and no product.
    if path.is_dir() {
        let projects = discover(&[path.to_path_buf()], selection).map_err(|e| e.to_string())?;
        if projects
            .iter()
            .all(|p| p.floe.is_none() && p.environments.is_empty())
        {
            let manifests: Vec<PathBuf> = projects.into_iter().filter_map(|p| p.manifest).collect();
            if let [one] = manifests.as_slice() {
                return Ok(alone(one.clone()));
            }
        }
    }
    Ok(None)
}

fn generation_a(path: &Path, options: Options<'_>, selection: &Selection) -> Result<Plan, String> {
    let (environment, platform, reference) = match options.platform {
        Some(platform) => (
            environment_name(platform, selection),
            platform.to_path_buf(),
            None,
        ),
        None => {
            let project = one_project(path, selection)?;
            let reference = project.floe.as_deref().and_then(|floe| {
                let document = load(floe).ok()?;
                let catalog = document
                    .root
                    .as_ref()?
                    .get(Section::Catalogs.floe_key())
                    .and_then(|e| e.value.as_str().map(str::to_owned));
                Some(catalog.unwrap_or_else(|| DEFAULT_PROFILE.into()))
            });
            let wanted = options
                .env
                .map(str::to_owned)
                .or_else(|| selection.env.clone());
            let chosen = choose_environment(&project, wanted.as_deref())?;
            (chosen.name.clone(), chosen.platform.clone(), reference)
        }
    };
    let catalogs = match (options.catalog, reference) {
        (Some(name), _) => vec![name.to_owned()],
        (None, Some(name)) => vec![name],
        (None, None) => {
            let document = load(&platform)?;
            Platform::of(&document).map_or_else(Vec::new, |p| p.profile_names(Section::Catalogs))
        }
    };
    if catalogs.is_empty() {
        return Err(format!("{} defines no catalogs", platform.display()));
    }
    Ok(Plan {
        subjects: catalogs
            .into_iter()
            .map(|catalog| Subject::Profile {
                environment: environment.clone(),
                catalog,
            })
            .collect(),
        file: platform,
    })
}
