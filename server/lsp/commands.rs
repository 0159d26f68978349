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

pub fn execute(command: &str) -> Result<Option<Value>, Error> {
    let feature = match command {
        PREVIEW_PROFILES => "profiles.yml preview",
        VERIFY_CONNECTIVITY => "connectivity verification",
        other => {
            return Err(Error {
                code: ErrorCode::InvalidParams,
                message: format!("unknown command `{other}`").into(),
                data: None,
            });
        }
    };
    Err(Error {
        code: ErrorCode::ServerError(-32001),
        message: format!("{feature} is not available in this version of floe-lint yet").into(),
        data: None,
    })
}
