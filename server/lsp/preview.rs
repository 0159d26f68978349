//! The profiles.yml preview: the request `floe/previewProfiles` (`{uri, environment?}` →
//! `{text, environment, floe, platform, quirks}`; for a Generation B product `{text, floe,
//! manifest, quirks}` with `environment: null`) and the command behind the code lens.

use std::path::Path;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::Uri;

use super::state::lock;
use super::{Backend, uri_path};
use crate::dialect::runtime::constants::{DEFAULT_PROFILE, DEFAULT_TARGET};

/// Parameters of `floe/previewProfiles`.
#[derive(Debug, serde::Deserialize)]
pub struct PreviewParams {
    pub uri: String,
    #[serde(default)]
    pub environment: Option<String>,
}

pub fn request(backend: &Backend, params: PreviewParams) -> Result<Value> {
    let path = params
        .uri
        .parse::<Uri>()
        .ok()
        .as_ref()
        .and_then(uri_path)
        .ok_or_else(|| Error::invalid_params("expected a file URI"))?;
    preview(backend, &path, params.environment)
}

/// The generated profiles.yml for the floe.yaml (or platform.yaml) at `path`, in `environment`
/// (default: the one named in the settings, else the only one, else `local`); for a Generation B
/// floe.yaml, the one its runtime writes with the manifest it pairs with.
pub fn preview(backend: &Backend, path: &Path, environment: Option<String>) -> Result<Value> {
    let (selection, environment) = {
        let state = lock(&backend.state);
        let (selection, _, _) = state.options_for(path);
        (
            selection,
            environment.or_else(|| state.settings.environment.clone()),
        )
    };
    let invalid = |message: String| Error {
        code: ErrorCode::InvalidParams,
        message: message.into(),
        data: None,
    };
    // A Generation B product: floe.yaml and the manifest it pairs with, no environments.
    if let Some(inputs) = crate::profiles::v1::preview::inputs(path, &selection).map_err(invalid)? {
        let generated = crate::profiles::v1::preview::render(&inputs).map_err(invalid)?;
        // A literal credential of the manifest is written into the file: shown redacted.
        let (text, _) = crate::profiles::v1::shown(&generated.text);
        return Ok(serde_json::json!({
            "text": text,
            "environment": null,
            "floe": inputs.spec,
            "manifest": inputs.manifest,
            "quirks": generated.quirks.iter().map(|q| q.message.clone()).collect::<Vec<_>>(),
        }));
    }
    let inputs = crate::profiles::preview::inputs(path, environment.as_deref(), None, &selection)
        .map_err(invalid)?;
    let generated = crate::profiles::preview::render(
        &inputs,
        DEFAULT_PROFILE,
        DEFAULT_TARGET,
        crate::profiles::Style::Runtime,
    )
    .map_err(invalid)?;
    Ok(serde_json::json!({
        "text": generated.text,
        "environment": inputs.environment,
        "floe": inputs.floe,
        "platform": inputs.platform,
        "quirks": generated.quirks.iter().map(|q| q.message.clone()).collect::<Vec<_>>(),
    }))
}
