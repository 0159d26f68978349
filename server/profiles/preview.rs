//! Which floe.yaml and platform.yaml a preview is generated from (CLI and language server).

use std::path::{Path, PathBuf};

use crate::model::FileKind;
use crate::workspace::{Selection, choose_environment, environment_name, load, one_project};

/// The two files of a preview, and the environment's name.
pub struct Inputs {
    pub environment: String,
    pub floe: PathBuf,
    pub platform: PathBuf,
}

/// `path`: a project directory, floe.yaml or platform.yaml. `env` picks the environment
/// (default: the only one, else `local`); `platform` names a platform.yaml directly.
pub fn inputs(
    path: &Path,
    env: Option<&str>,
    platform: Option<&Path>,
    selection: &Selection,
) -> Result<Inputs, String> {
    let project = one_project(path, selection)?;
    let floe = project
        .floe
        .clone()
        .ok_or_else(|| format!("no floe.yaml found in {}", path.display()))?;
    if let Some(platform) = platform {
        return Ok(Inputs {
            environment: environment_name(platform, selection),
            floe,
            platform: platform.to_path_buf(),
        });
    }
    // A platform.yaml given as the path is the environment to use.
    if FileKind::from_path(path) == Some(FileKind::Platform) {
        return Ok(Inputs {
            environment: environment_name(path, selection),
            floe,
            platform: path.to_path_buf(),
        });
    }
    let wanted = env.map(str::to_owned).or_else(|| selection.env.clone());
    let chosen = choose_environment(&project, wanted.as_deref())?;
    Ok(Inputs {
        environment: chosen.name.clone(),
        floe,
        platform: chosen.platform.clone(),
    })
}

/// Generates the preview text for `inputs`.
pub fn render(
    inputs: &Inputs,
    profile: &str,
    target: &str,
    style: super::Style,
) -> Result<super::Generated, String> {
    let floe = load(&inputs.floe)?;
    let platform =
        load(&inputs.platform).map_err(|e| format!("environment '{}': {e}", inputs.environment))?;
    let mut request = super::Request::new(&floe, &platform);
    request.profile = profile;
    request.target = target;
    request.style = style;
    super::generate(&request).map_err(|e| {
        format!(
            "floe cannot generate profiles.yml for environment '{}' ({} with {}): {e}",
            inputs.environment,
            inputs.floe.display(),
            inputs.platform.display()
        )
    })
}
