//! Publishing diagnostics. One worker thread takes dirty files off a queue, coalesces everything
//! queued meanwhile (no fixed debounce: latency is the check's own time), checks each affected
//! project from a snapshot of the open buffers, and publishes every file of the project (open or
//! not, so editing platform.yaml re-publishes floe.yaml). A result whose snapshot is older than
//! an open buffer is dropped: stale diagnostics never overwrite newer ones. What is published is
//! also kept as each file's [`Analysis`], which requests answer from.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::json;
use tokio::sync::{mpsc, watch};
use tower_lsp_server::ls_types::{
    Diagnostic as LspDiagnostic, MessageType, PublishDiagnosticsParams, Uri,
};

use super::convert;
use super::served;
use super::snapshot::Texts;
use super::state::{Analysis, Shared, lock};
use super::transport::{Output, frame};
use crate::check;
use crate::workspace::discover;

/// Sends dirty files to the worker, numbered, so a request can wait until everything queued
/// before it has been checked ([`Queue::settled`]).
#[derive(Clone)]
pub struct Queue {
    sender: mpsc::UnboundedSender<(u64, PathBuf)>,
    pushed: Arc<AtomicU64>,
    checked: watch::Receiver<u64>,
}

/// The worker's end of the queue.
pub struct Dirty {
    receiver: mpsc::UnboundedReceiver<(u64, PathBuf)>,
    checked: watch::Sender<u64>,
}

/// How long a request waits for the check of the text it is about (a 10 MB file takes seconds).
const SETTLE_TIMEOUT: Duration = Duration::from_secs(10);

impl Queue {
    pub fn new() -> (Queue, Dirty) {
        let (sender, receiver) = mpsc::unbounded_channel();
        let (checked_sender, checked) = watch::channel(0);
        (
            Queue {
                sender,
                pushed: Arc::new(AtomicU64::new(0)),
                checked,
            },
            Dirty {
                receiver,
                checked: checked_sender,
            },
        )
    }

    pub fn push(&self, path: PathBuf) {
        let number = self.pushed.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.sender.send((number, path));
    }

    /// Waits until every file queued so far has been checked and its results kept (or the
    /// timeout passes): then the findings requests read belong to the text they see.
    pub async fn settled(&self) {
        let target = self.pushed.load(Ordering::SeqCst);
        let mut checked = self.checked.clone();
        let _ =
            tokio::time::timeout(SETTLE_TIMEOUT, checked.wait_for(|done| *done >= target)).await;
    }
}

/// Starts the worker on a thread of its own: a check runs as soon as its file is queued, with no
/// hand-off to an async runtime, and the thread writes its publications to the client itself (not
/// through the framework's client, whose frames the transport would read back and re-frame, nor
/// through another thread).
pub fn start(state: Shared, dirty: Dirty, outgoing: Output) {
    let Dirty {
        mut receiver,
        checked,
    } = dirty;
    let spawned = std::thread::Builder::new()
        .name("floe-lint-check".into())
        .spawn(move || {
            while let Some((number, first)) = receiver.blocking_recv() {
                let mut last = number;
                let mut dirty = BTreeSet::from([first]);
                while let Ok((number, more)) = receiver.try_recv() {
                    last = number;
                    dirty.insert(more);
                }
                let (published, messages) = run(&state, dirty);
                checked.send_replace(last);
                for message in messages {
                    let notice = json!({"jsonrpc": "2.0", "method": "window/logMessage",
                        "params": {"type": MessageType::WARNING, "message": message}});
                    send(&outgoing, &notice);
                }
                for publication in published {
                    let params = PublishDiagnosticsParams {
                        uri: publication.uri,
                        diagnostics: publication.diagnostics,
                        version: publication.version,
                    };
                    let notice = json!({"jsonrpc": "2.0",
                        "method": "textDocument/publishDiagnostics", "params": params});
                    send(&outgoing, &notice);
                }
            }
        });
    if let Err(error) = spawned {
        eprintln!("floe-lint lsp: cannot start the check thread: {error}");
    }
}

fn send(outgoing: &Output, message: &serde_json::Value) {
    outgoing.write(&frame(message.to_string().as_bytes()));
}

struct Publication {
    uri: Uri,
    diagnostics: Vec<LspDiagnostic>,
    version: Option<i32>,
}

/// Checks the projects of `dirty` files; returns what to publish (skipping stale results).
fn run(state: &Shared, dirty: BTreeSet<PathBuf>) -> (Vec<Publication>, Vec<String>) {
    let (open, unit, connectivity, shown) = {
        let state = lock(state);
        // Files outside floe's own (dbt's) whose findings the editor shows now: cleared when
        // they have none left.
        let shown: BTreeSet<PathBuf> = state
            .analysis
            .iter()
            .filter(|(_, a)| !a.findings.is_empty())
            .map(|(p, _)| p.clone())
            .collect();
        (
            state.documents.snapshot(),
            state.unit(),
            state.connectivity.clone(),
            shown,
        )
    };
    let mut out: Vec<(Publication, PathBuf, Analysis)> = Vec::new();
    let mut messages = Vec::new();
    let mut done: BTreeSet<PathBuf> = BTreeSet::new();
    for path in dirty {
        if done.contains(&path) {
            continue;
        }
        if served::by_text(&path, open.get(&path)).is_none() {
            // A manifest.yaml edited into another tool's: clear what was shown for it.
            if shown.contains(&path)
                && let Some(uri) = convert::uri(&path)
            {
                let opened = open.get(&path);
                done.insert(path.clone());
                out.push((
                    Publication {
                        uri,
                        diagnostics: Vec::new(),
                        version: opened.map(|o| o.version),
                    },
                    path,
                    Analysis {
                        revision: opened.map(|o| o.revision),
                        document: std::sync::Weak::new(),
                        findings: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let (selection, options, config_error) = lock(state).options_for(&path);
        if let Some(error) = config_error {
            messages.push(format!("floe-lint: {error}"));
        }
        let Ok(projects) = discover(std::slice::from_ref(&path), &selection) else {
            continue;
        };
        let report = check::check_projects(&projects, &Texts(&open), &selection, &options);
        let lookup = |p: &Path| report.documents.get(p).cloned();
        for (file, document) in &report.documents {
            // floe's own files always get diagnostics published; dbt files when they have some, or
            // had some.
            let own = served::by_document(file, document).is_some()
                || shown.contains(&file.to_path_buf());
            let extra = connectivity
                .get(&file.to_path_buf())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let findings: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.file == *file)
                .chain(extra.iter())
                .cloned()
                .collect();
            if (!own && findings.is_empty()) || done.contains(&file.to_path_buf()) {
                continue;
            }
            done.insert(file.to_path_buf());
            let Some(uri) = convert::uri(file) else {
                continue;
            };
            let opened = open.get(&file.to_path_buf());
            let revision = opened.map(|o| o.revision);
            let diagnostics = findings
                .iter()
                .map(|d| convert::to_lsp(d, &lookup, document, unit, revision))
                .collect();
            out.push((
                Publication {
                    uri,
                    diagnostics,
                    version: opened.map(|o| o.version),
                },
                file.to_path_buf(),
                Analysis {
                    revision: opened.map(|o| o.revision),
                    document: Arc::downgrade(document),
                    findings,
                },
            ));
        }
    }
    // Drop results computed from a buffer that has changed (or opened) since the snapshot; keep
    // the rest as what requests answer from.
    let mut state = lock(state);
    let nothing_open = state.documents.paths().is_empty();
    let mut published = Vec::new();
    for (publication, path, analysis) in out {
        if state.documents.get(&path).map(|d| d.revision) != analysis.revision {
            continue;
        }
        if state
            .parsed
            .get(&path)
            .is_some_and(|(at, _)| *at <= analysis.revision)
        {
            state.parsed.remove(&path);
        }
        state.analysis.insert(path, Arc::new(analysis));
        published.push(publication);
    }
    if nothing_open {
        // Nothing is being edited: the trees kept for fast re-checks are dead weight until a
        // file is opened again (what the editor shows is still remembered, to clear it later).
        state.cache.clear();
        state.parsed.clear();
        state.analysis.retain(|_, a| !a.findings.is_empty());
    }
    (published, messages)
}
