//! `workspace/executeCommand`: the commands behind the code lenses.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, Uri};

use super::{Backend, connectivity, preview, uri_path};

pub const PREVIEW_PROFILES: &str = "floe-lint.previewProfiles";
pub const VERIFY_CONNECTIVITY: &str = "floe-lint.verifyConnectivity";
pub const ALL: [&str; 2] = [PREVIEW_PROFILES, VERIFY_CONNECTIVITY];

/// The file named by a command's first argument (a URI string).
pub fn file_argument(params: &ExecuteCommandParams) -> Result<std::path::PathBuf> {
    params
        .arguments
        .first()
        .and_then(Value::as_str)
        .and_then(|s| s.parse::<Uri>().ok())
        .as_ref()
        .and_then(uri_path)
        .ok_or_else(|| Error::invalid_params("expected the URI of a floe.yaml or platform.yaml"))
}

pub async fn execute(backend: &Backend, params: ExecuteCommandParams) -> Result<Option<Value>> {
    match params.command.as_str() {
        VERIFY_CONNECTIVITY => connectivity::verify(backend, params).await,
        PREVIEW_PROFILES => {
            let path = file_argument(&params)?;
            // The command answers with the text itself (editors show it in a virtual document).
            preview::preview(backend, &path, None).map(|v| Some(v["text"].clone()))
        }
        other => Err(Error {
            code: ErrorCode::InvalidParams,
            message: format!("unknown command `{other}`").into(),
            data: None,
        }),
    }
}
