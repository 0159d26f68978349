//! `didOpen`, `didChange`, `didClose`, and settings pushed with `didChangeConfiguration`: applied
//! by the transport as each arrives ([`Ingress`]), so edits land in arrival order whatever their
//! version numbers and however the framework schedules handlers, and every request or check after
//! them sees them. `didSave` (only a re-check) and a `didChangeConfiguration` without settings
//! (the server then pulls them, which takes a round trip) stay with the server's handlers.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    MessageType, Uri,
};

use super::diagnostics::Queue;
use super::documents::Changed;
use super::state::{Settings, Shared, lock};
use super::transport::{Ingress, Verdict};
use super::uri_path;

pub struct TextSync {
    pub state: Shared,
    pub queue: Queue,
}

fn log(kind: MessageType, message: String) -> Value {
    json!({"jsonrpc": "2.0", "method": "window/logMessage",
           "params": {"type": kind, "message": message}})
}

fn params<T: DeserializeOwned>(message: &Value) -> Result<T, Value> {
    let method = message["method"].as_str().unwrap_or_default();
    serde_json::from_value(message.get("params").cloned().unwrap_or(Value::Null)).map_err(|e| {
        log(
            MessageType::ERROR,
            format!("floe-lint: ignored {method} with invalid params: {e}"),
        )
    })
}

impl Ingress for TextSync {
    fn inspect(&self, message: &Value) -> Verdict {
        let handled = match message.get("method").and_then(Value::as_str) {
            Some("textDocument/didOpen") => params(message).map(|p| self.open(p)),
            Some("textDocument/didChange") => params(message).map(|p| self.change(p)),
            Some("textDocument/didClose") => params(message).map(|p| self.close(p)),
            Some("workspace/didChangeConfiguration") => match pushed_settings(message) {
                Some(settings) => Ok(self.configure(settings)),
                None => return Verdict::Forward,
            },
            _ => return Verdict::Forward,
        };
        Verdict::Handled(match handled {
            Ok(notice) => notice.into_iter().collect(),
            Err(notice) => vec![notice],
        })
    }
}

/// The `floeLint` section of a `didChangeConfiguration`, when the client pushed it.
fn pushed_settings(message: &Value) -> Option<Settings> {
    let section = message.get("params")?.get("settings")?.get("floeLint")?;
    serde_json::from_value(section.clone()).ok()
}

impl TextSync {
    fn configure(&self, settings: Settings) -> Option<Value> {
        let paths = {
            let mut state = lock(&self.state);
            state.settings = settings;
            state.documents.paths()
        };
        for path in paths {
            self.queue.push(path);
        }
        None
    }

    fn open(&self, params: DidOpenTextDocumentParams) -> Option<Value> {
        let path = uri_path(&params.text_document.uri)?;
        lock(&self.state).documents.open(
            path.clone(),
            &params.text_document.text,
            params.text_document.version,
        );
        self.queue.push(path);
        None
    }

    fn change(&self, params: DidChangeTextDocumentParams) -> Option<Value> {
        let uri: &Uri = &params.text_document.uri;
        let path = uri_path(uri)?;
        let changed = {
            let mut state = lock(&self.state);
            let unit = state.unit();
            state.documents.change(
                &path,
                params.text_document.version,
                params.content_changes,
                unit,
            )
        };
        match changed {
            Changed::NotOpen => Some(log(
                MessageType::WARNING,
                format!(
                    "floe-lint: didChange for {} which is not open; ignored",
                    uri.as_str()
                ),
            )),
            Changed::Applied => {
                self.queue.push(path);
                None
            }
            Changed::VersionNotIncreasing { previous, now } => {
                self.queue.push(path);
                Some(log(
                    MessageType::WARNING,
                    format!(
                        "floe-lint: didChange for {} has version {now} after {previous} (versions must increase); applied in arrival order",
                        uri.as_str()
                    ),
                ))
            }
        }
    }

    fn close(&self, params: DidCloseTextDocumentParams) -> Option<Value> {
        let path = uri_path(&params.text_document.uri)?;
        {
            let mut state = lock(&self.state);
            state.documents.close(&path);
            state.forget(&path);
        }
        // The file on disk is what counts now.
        self.queue.push(path);
        None
    }
}
