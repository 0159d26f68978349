//! Publishing diagnostics. One worker task takes dirty files off a queue, coalesces everything
//! queued meanwhile (no fixed debounce: latency is the check's own time), checks each affected
//! project from a snapshot of the open buffers, and publishes every file of the project (open or
//! not, so editing platform.yaml re-publishes floe.yaml). A result whose snapshot is older than
//! an open buffer is dropped: stale diagnostics never overwrite newer ones.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic as LspDiagnostic, MessageType};

use super::convert;
use super::state::{Shared, Snapshot, lock};
use crate::check;
use crate::model::FileKind;
use crate::workspace::discover;

/// Sends dirty files to the worker.
#[derive(Clone)]
pub struct Queue(mpsc::UnboundedSender<PathBuf>);

impl Queue {
    pub fn push(&self, path: PathBuf) {
        let _ = self.0.send(path);
    }
}

pub fn start(client: Client, state: Shared) -> Queue {
    let (sender, mut receiver) = mpsc::unbounded_channel::<PathBuf>();
    tokio::spawn(async move {
        while let Some(first) = receiver.recv().await {
            let mut dirty = BTreeSet::from([first]);
            while let Ok(more) = receiver.try_recv() {
                dirty.insert(more);
            }
            let state = state.clone();
            let result = tokio::task::spawn_blocking(move || run(&state, dirty)).await;
            let Ok((published, messages)) = result else {
                continue;
            };
            for message in messages {
                client.log_message(MessageType::WARNING, message).await;
            }
            for (uri, diagnostics, version) in published {
                client.publish_diagnostics(uri, diagnostics, version).await;
            }
        }
    });
    Queue(sender)
}

type Publication = (
    tower_lsp_server::ls_types::Uri,
    Vec<LspDiagnostic>,
    Option<i32>,
);

/// Checks the projects of `dirty` files; returns what to publish (skipping stale results).
fn run(state: &Shared, dirty: BTreeSet<PathBuf>) -> (Vec<Publication>, Vec<String>) {
    let (snapshot, versions, unit, connectivity) = {
        let state = lock(state);
        let texts = state
            .documents
            .paths()
            .into_iter()
            .filter_map(|p| Some((p.clone(), state.documents.text(&p)?)))
            .collect();
        (
            Snapshot { texts },
            state.documents.versions(),
            state.unit(),
            state.connectivity.clone(),
        )
    };
    let mut out = Vec::new();
    let mut messages = Vec::new();
    let mut done: BTreeSet<PathBuf> = BTreeSet::new();
    for path in dirty {
        if done.contains(&path) || FileKind::from_path(&path).is_none() {
            continue;
        }
        let (selection, options, config_error) = lock(state).options_for(&path);
        if let Some(error) = config_error {
            messages.push(format!("floe-lint: {error}"));
        }
        let Ok(projects) = discover(std::slice::from_ref(&path), &selection) else {
            continue;
        };
        let report = check::check_projects(&projects, &snapshot, &selection, &options);
        let lookup = |p: &Path| report.documents.get(p).cloned();
        for (file, document) in &report.documents {
            // Only floe's own files get diagnostics published; dbt files only when they have some.
            let own = FileKind::from_path(file).is_some();
            let extra = connectivity
                .get(&file.to_path_buf())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let list: Vec<LspDiagnostic> = report
                .diagnostics
                .iter()
                .filter(|d| d.file == *file)
                .chain(extra.iter())
                .map(|d| convert::to_lsp(d, &lookup, document, unit))
                .collect();
            if !own && list.is_empty() {
                continue;
            }
            done.insert(file.to_path_buf());
            let Some(uri) = convert::uri(file) else {
                continue;
            };
            out.push((uri, list, versions.get(&file.to_path_buf()).copied()));
        }
    }
    // Drop results computed from a buffer that has changed since the snapshot.
    let current = lock(state).documents.versions();
    out.retain(|(uri, _, version)| {
        let path = uri.to_file_path().map(|p| p.into_owned());
        match (path.and_then(|p| current.get(&p).copied()), version) {
            (Some(now), Some(then)) => now == *then,
            // Opened after the snapshot: its own check is queued.
            (Some(_), None) => false,
            (None, _) => true,
        }
    });
    (out, messages)
}
