//! The JSON-RPC client the `lsp` benchmark drives a language server with (included with
//! `#[path]`): Content-Length framing over the child's stdio, server requests answered at once
//! (`workspace/configuration` by section), every message timestamped on arrival by a reader
//! thread.

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../../tests/support/lsp_wire.rs"]
mod lsp_wire;
use lsp_wire::{frame, read_message};

/// How long one expected message may take before the server is declared stuck.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Server {
    pub program: PathBuf,
    pub args: Vec<String>,
    /// Answers to `workspace/configuration`, by section (others get `null`).
    pub sections: HashMap<String, Value>,
    /// Sent after `initialized`, when set.
    pub did_change_configuration: Option<Value>,
    pub version: String,
}

/// The client capabilities both servers get.
fn capabilities() -> Value {
    json!({
        "workspace": {
            "configuration": true,
            "didChangeConfiguration": {"dynamicRegistration": false},
            "workspaceFolders": true,
        },
        "textDocument": {
            "synchronization": {"dynamicRegistration": false, "didSave": true},
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
        },
    })
}

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    /// Messages from the server, timestamped on arrival by the reader thread.
    incoming: Receiver<(Instant, Value)>,
    pub next_id: i64,
    sections: HashMap<String, Value>,
}

impl Client {
    pub fn spawn(server: &Server, dir: &Path) -> Client {
        let mut child = Command::new(&server.program)
            .args(&server.args)
            .current_dir(dir)
            .env_remove("FLOE_PLATFORM_FILE")
            .env_remove("FLOE_PLATFORM_ENV")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", server.program.display()));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send((Instant::now(), message)).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            sections: server.sections.clone(),
        }
    }

    /// `initialize` (waiting for its result), `initialized`, then the configuration, if any.
    pub fn initialize(&mut self, server: &Server, dir: &Path) -> Result<Value, String> {
        let root = uri(dir);
        let id = self.next_id;
        self.next_id += 1;
        self.send(
            &json!({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {
                "processId": std::process::id(), "rootUri": root, "capabilities": capabilities(),
                "workspaceFolders": [{"uri": root, "name": "bench"}],
            }}),
        );
        let (_, response) = self
            .wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .ok_or("no answer to initialize")?;
        if let Some(error) = response.get("error") {
            return Err(format!("initialize failed: {error}"));
        }
        self.notify("initialized", json!({}));
        if let Some(settings) = &server.did_change_configuration {
            self.notify("workspace/didChangeConfiguration", settings.clone());
        }
        Ok(response["result"].clone())
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        // A server that died shows up as a timeout on the next wait.
        let _ = self.stdin.write_all(&frame(&body));
        let _ = self.stdin.flush();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Answers a server request (configuration by section, anything else with `null`); returns
    /// whether `message` was one.
    fn answer(&mut self, message: &Value) -> bool {
        let (Some(id), Some(method)) = (
            message.get("id"),
            message.get("method").and_then(Value::as_str),
        ) else {
            return false;
        };
        let result = match method {
            "workspace/configuration" => Value::Array(
                message["params"]["items"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|item| {
                        item["section"]
                            .as_str()
                            .and_then(|s| self.sections.get(s))
                            .cloned()
                            .unwrap_or(Value::Null)
                    })
                    .collect(),
            ),
            _ => Value::Null,
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        true
    }

    /// The next message matching `accept` (server requests are answered, others dropped), with
    /// its arrival time; `None` after `TIMEOUT` or when the server has exited.
    pub fn wait(&mut self, accept: impl Fn(&Value) -> bool) -> Option<(Instant, Value)> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((at, message)) => {
                    if self.answer(&message) {
                        continue;
                    }
                    if accept(&message) {
                        return Some((at, message));
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// The next publishDiagnostics for `uri` whose list satisfies `accept`.
    pub fn diagnostics(
        &mut self,
        uri: &str,
        accept: impl Fn(&[Value]) -> bool,
    ) -> Option<(Instant, Vec<Value>)> {
        self.wait(|m| {
            is_publish(m, uri) && accept(m["params"]["diagnostics"].as_array().map_or(&[], |l| l))
        })
        .map(|(at, m)| {
            let list = m["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            (at, list)
        })
    }

    /// Drops (and answers) everything already received.
    pub fn drain(&mut self) {
        while let Ok((_, message)) = self.incoming.try_recv() {
            self.answer(&message);
        }
    }

    /// Sends a request and waits for its answer: (send → arrival, the result or error).
    pub fn request(&mut self, method: &str, params: Value) -> Result<(Duration, Value), String> {
        let id = self.next_id;
        self.next_id += 1;
        let sent = Instant::now();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let (at, response) = self
            .wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .ok_or_else(|| format!("no answer to {method}"))?;
        match response.get("error") {
            Some(error) => Err(format!("{method} failed: {error}")),
            None => Ok((
                at.saturating_duration_since(sent),
                response["result"].clone(),
            )),
        }
    }

    pub fn shutdown(mut self) {
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": "shutdown", "params": null}));
        let _ = self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // Drop kills it.
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn is_publish(message: &Value, uri: &str) -> bool {
    message.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
        && message["params"]["uri"] == uri
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Whether `list` has a diagnostic starting on zero-based `line`.
pub fn on_line(list: &[Value], line: usize) -> bool {
    list.iter()
        .any(|d| d["range"]["start"]["line"].as_u64() == Some(line as u64))
}

/// The message of the first diagnostic on `line`, for the record.
pub fn message_on(list: &[Value], line: usize) -> String {
    list.iter()
        .find(|d| d["range"]["start"]["line"].as_u64() == Some(line as u64))
        .and_then(|d| d["message"].as_str())
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}
