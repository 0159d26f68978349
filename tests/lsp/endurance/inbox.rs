//! What the server sent back: diagnostics per URI, answers per request; and its memory.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::super::client::Client;
use super::{CATCH_UP, QUIET};

pub(super) struct Sent {
    pub(super) method: &'static str,
    pub(super) cancelled: bool,
}

#[derive(Default)]
pub(super) struct Inbox {
    /// Latest `publishDiagnostics` per URI: `(version, diagnostics)`.
    pub(super) published: HashMap<String, (Option<i64>, Vec<Value>)>,
    pub(super) publishes: usize,
    pub(super) last_publish: Option<Instant>,
    /// Requests sent and not answered yet.
    pub(super) pending: HashMap<i64, Sent>,
    pub(super) answered: usize,
    pub(super) cancelled_errors: usize,
}

impl Inbox {
    pub(super) fn sent(&mut self, id: i64, method: &'static str, cancelled: bool) {
        self.pending.insert(id, Sent { method, cancelled });
    }

    pub(super) fn take(&mut self, message: Value, seed: u64) {
        if message["method"] == "textDocument/publishDiagnostics" {
            let params = &message["params"];
            let uri = params["uri"].as_str().expect("publish uri").to_owned();
            let list = params["diagnostics"]
                .as_array()
                .expect("diagnostics array")
                .clone();
            self.published
                .insert(uri, (params["version"].as_i64(), list));
            self.publishes += 1;
            self.last_publish = Some(Instant::now());
            return;
        }
        if message.get("method").is_some() {
            return; // logMessage and other notifications
        }
        let id = message["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("seed {seed}: response without a request id: {message}"));
        let Some(sent) = self.pending.remove(&id) else {
            panic!("seed {seed}: response to an unknown or already answered request: {message}");
        };
        self.answered += 1;
        if let Some(error) = message.get("error") {
            assert!(
                sent.cancelled && error["code"] == -32800,
                "seed {seed}: {} (cancelled: {}) failed: {message}",
                sent.method,
                sent.cancelled
            );
            self.cancelled_errors += 1;
            return;
        }
        let result = &message["result"];
        let shape = match sent.method {
            "textDocument/hover" => result.is_null() || result["contents"].is_object(),
            "textDocument/completion" => result.is_array() || result["items"].is_array(),
            "textDocument/definition" => result.is_null() || result.is_array(),
            _ => true,
        };
        assert!(
            shape,
            "seed {seed}: unexpected {} result: {message}",
            sent.method
        );
    }

    /// Takes what has already arrived.
    pub(super) fn drain(&mut self, client: &mut Client, seed: u64) {
        while let Some(message) = client.next_within(Duration::ZERO) {
            self.take(message, seed);
        }
    }

    /// Waits until every request is answered, the latest publication for each of `expected` has
    /// the given version, and no diagnostics have come for [`QUIET`].
    pub(super) fn settle(
        &mut self,
        client: &mut Client,
        expected: &[(String, Option<i64>)],
        what: &str,
        seed: u64,
    ) {
        let deadline = Instant::now() + CATCH_UP;
        let started = Instant::now();
        loop {
            if let Some(message) = client.next_within(Duration::from_millis(50)) {
                self.take(message, seed);
            }
            let quiet = self.last_publish.unwrap_or(started).elapsed() >= QUIET;
            let current = expected
                .iter()
                .all(|(uri, v)| self.published.get(uri).is_some_and(|(p, _)| p == v));
            if quiet && current && self.pending.is_empty() {
                return;
            }
            if Instant::now() > deadline {
                let behind: Vec<String> = expected
                    .iter()
                    .filter(|(uri, v)| self.published.get(uri).is_none_or(|(p, _)| p != v))
                    .map(|(uri, v)| {
                        let got = self.published.get(uri).map(|(p, _)| *p);
                        format!("{uri}: expected version {v:?}, latest {got:?}")
                    })
                    .take(10)
                    .collect();
                let unanswered: Vec<i64> = self.pending.keys().copied().take(20).collect();
                panic!(
                    "seed {seed}: {what}: the server did not settle within {CATCH_UP:?}; \
                     unanswered requests {unanswered:?}; documents behind {behind:#?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Memory.

/// A `kB` field of /proc/<pid>/status (`VmRSS`, `VmHWM`), in kB; None off Linux.
pub(super) fn memory_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

pub(super) fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}
