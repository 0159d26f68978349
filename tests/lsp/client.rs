//! A small LSP test client: spawns the real `floe-lint lsp`, speaks JSON-RPC over its stdio with
//! Content-Length framing, answers the server's own requests, and collects notifications.

use std::collections::VecDeque;
use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../support/lsp_wire.rs"]
mod lsp_wire;
pub use lsp_wire::frame;
use lsp_wire::read_message;

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications and responses not consumed yet.
    backlog: VecDeque<Value>,
    next_id: i64,
    /// What the server asked with `workspace/configuration` is answered with this.
    pub configuration: Value,
}

impl Client {
    /// Starts the server and performs `initialize` / `initialized`.
    pub fn start(root: &Path, capabilities: Value, options: Value) -> (Client, Value) {
        Client::start_with_env(root, capabilities, options, &[])
    }

    /// Like [`Client::start`], with extra environment variables for the server process.
    pub fn start_with_env(
        root: &Path,
        capabilities: Value,
        options: Value,
        env: &[(&str, &str)],
    ) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_floe-lint"))
            .arg("lsp")
            .envs(env.iter().copied())
            .current_dir(root)
            .env_remove("FLOE_PLATFORM_FILE")
            .env_remove("FLOE_PLATFORM_ENV")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn floe-lint lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            configuration: Value::Null,
        };
        let root_uri = uri(root);
        let result = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": capabilities, "initializationOptions": options,
                   "workspaceFolders": [{"uri": root_uri, "name": "test"}]}),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write to server");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(&frame(&body));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its result (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        let response = self.response(id);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for the response to request `id` (result or error).
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(
            |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
            &format!("response {id}"),
        )
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    // Answer the server's requests (configuration, capability registration).
                    if let (Some(id), Some(method)) = (
                        message.get("id"),
                        message.get("method").and_then(Value::as_str),
                    ) {
                        let result = match method {
                            "workspace/configuration" => json!([self.configuration]),
                            _ => Value::Null,
                        };
                        let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                        self.send(reply);
                        continue;
                    }
                    return Some(message);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Waits for a message matching `accept`; others stay in the backlog.
    pub fn wait_for(&mut self, accept: impl Fn(&Value) -> bool, what: &str) -> Value {
        if let Some(at) = self.backlog.iter().position(&accept) {
            return self.backlog.remove(at).expect("present");
        }
        let deadline = Instant::now() + TIMEOUT;
        while let Some(message) = self.next(deadline) {
            if accept(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
        panic!("timed out waiting for {what}; backlog: {:#?}", self.backlog);
    }

    /// The next `publishDiagnostics` for `uri` satisfying `accept`, skipping older ones.
    pub fn diagnostics_for(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = self.backlog.iter().position(|m| is_publish(m, uri));
            let message = match found {
                Some(at) => self.backlog.remove(at).expect("present"),
                None => match self.next(deadline) {
                    Some(m) if is_publish(&m, uri) => m,
                    Some(m) => {
                        self.backlog.push_back(m);
                        continue;
                    }
                    None => panic!(
                        "timed out waiting for diagnostics of {uri}; backlog: {:#?}",
                        self.backlog
                    ),
                },
            };
            let list = message["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            if accept(&list) {
                return list;
            }
        }
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        uri
    }

    pub fn shutdown(self) {
        let _ = self.shutdown_status();
    }

    /// `shutdown` + `exit`; returns the server's exit status.
    pub fn shutdown_status(mut self) -> ExitStatus {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("server did not exit after shutdown/exit");
    }

    /// Sends a request and, in the same write, `$/cancelRequest` for it; returns its id.
    pub fn request_and_cancel(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        let cancel = json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}});
        let mut bytes = frame(&request.to_string());
        bytes.extend(frame(&cancel.to_string()));
        self.send_raw(&bytes);
        id
    }

    /// Sends `$/cancelRequest` for request `id`.
    pub fn cancel(&mut self, id: i64) {
        self.notify("$/cancelRequest", json!({"id": id}));
    }

    /// The next message (backlog first), waiting at most `timeout` (zero: only what has already
    /// arrived). The server's own requests are answered, not returned.
    pub fn next_within(&mut self, timeout: Duration) -> Option<Value> {
        if let Some(message) = self.backlog.pop_front() {
            return Some(message);
        }
        self.next(Instant::now() + timeout)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_publish(message: &Value, uri: &str) -> bool {
    message.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
        && message["params"]["uri"] == uri
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// `(line, code)` of LSP diagnostics.
pub fn codes(list: &[Value]) -> Vec<(u64, String)> {
    list.iter()
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}
