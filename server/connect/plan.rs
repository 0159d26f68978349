//! Which platform.yaml and catalog(s) a connectivity check is about, from a path and options.

use std::path::{Path, PathBuf};

use crate::dialect::runtime::access::Platform;
use crate::dialect::runtime::constants::DEFAULT_PROFILE;
use crate::dialect::runtime::vocabulary::Section;
use crate::workspace::{Selection, choose_environment, environment_name, load, one_project};

/// The resolved target of a check.
#[derive(Debug, Clone)]
pub struct Plan {
    pub environment: String,
    pub platform: PathBuf,
    /// Catalog profiles to check, in order.
    pub catalogs: Vec<String>,
}

/// `path`: a project directory, floe.yaml or platform.yaml. `env`: an environment name;
/// `platform`: a platform.yaml to use directly; `catalog`: a catalog profile. Without a catalog,
/// the one floe.yaml references (default `default`), else every catalog of the platform file.
pub fn plan(
    path: &Path,
    env: Option<&str>,
    platform: Option<&Path>,
    catalog: Option<&str>,
    selection: &Selection,
) -> Result<Plan, String> {
    let (environment, platform, reference) = match platform {
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
            let wanted = env.map(str::to_owned).or_else(|| selection.env.clone());
            let chosen = choose_environment(&project, wanted.as_deref())?;
            (chosen.name.clone(), chosen.platform.clone(), reference)
        }
    };
    let catalogs = match (catalog, reference) {
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
        environment,
        platform,
        catalogs,
    })
}
