//! Code lenses on floe.yaml: "Preview profiles.yml" and "Verify connectivity" (the commands are
//! in `commands`).

use serde_json::Value;
use tower_lsp_server::ls_types::{CodeLens, CodeLensParams, Command, Position, Range};

use super::commands::{PREVIEW_PROFILES, VERIFY_CONNECTIVITY};
use super::uri_path;
use crate::model::FileKind;

pub fn request(params: CodeLensParams) -> Option<Vec<CodeLens>> {
    let uri = params.text_document.uri;
    if FileKind::from_path(&uri_path(&uri)?) != Some(FileKind::Floe) {
        return None;
    }
    let top = Range {
        start: Position::new(0, 0),
        end: Position::new(0, 0),
    };
    Some(
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
        .collect(),
    )
}
