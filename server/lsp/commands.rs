//! Code lenses on floe.yaml and the commands behind them. Preview and connectivity arrive with
//! their own features; until then the commands answer a clear error, never a crash.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode};
use tower_lsp_server::ls_types::{CodeLens, Command, Position, Range, Uri};

pub const PREVIEW_PROFILES: &str = "floe-lint.previewProfiles";
pub const VERIFY_CONNECTIVITY: &str = "floe-lint.verifyConnectivity";
pub const ALL: [&str; 2] = [PREVIEW_PROFILES, VERIFY_CONNECTIVITY];

pub fn lenses(uri: &Uri) -> Vec<CodeLens> {
    let top = Range {
        start: Position {
            line: 0,
            character: 0,
        },
        end: Position {
            line: 0,
            character: 0,
        },
    };
    [
        ("Preview profiles.yml", PREVIEW_PROFILES),
        ("Verify connectivity", VERIFY_CONNECTIVITY),
    ]
    .into_iter()
    .map(|(title, command)| CodeLens {
        range: top,
        command: Some(Command {
            title: title.into(),
            command: command.into(),
            arguments: Some(vec![Value::String(uri.as_str().to_owned())]),
        }),
        data: None,
    })
    .collect()
}

/// Cancels a connectivity run when the request that started it is dropped (`$/cancelRequest`).
pub struct CancelOnDrop(pub crate::connect::Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

pub fn execute(command: &str) -> Result<Option<Value>, Error> {
    Err(Error {
        code: ErrorCode::InvalidParams,
        message: format!("unknown command `{command}`").into(),
        data: None,
    })
}

/// The generated profiles.yml for the floe.yaml (or platform.yaml) at `path`, in the
/// environment named in the settings (default: the only one, else `local`).
pub fn preview(
    path: &std::path::Path,
    environment: Option<&str>,
    selection: &crate::workspace::Selection,
) -> Result<Value, Error> {
    let invalid = |message: String| Error {
        code: ErrorCode::InvalidParams,
        message: message.into(),
        data: None,
    };
    let inputs =
        crate::profiles::preview::inputs(path, environment, None, selection).map_err(invalid)?;
    let generated = crate::profiles::preview::render(
        &inputs,
        "default",
        "dev",
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
