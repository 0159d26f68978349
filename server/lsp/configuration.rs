//! Settings and files that change under the server: `workspace/didChangeConfiguration` without
//! settings (a pull through `workspace/configuration`) and `workspace/didChangeWatchedFiles`.

use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeWatchedFilesParams,
};

use super::state::{Settings, lock};
use super::{Backend, uri_path};
use crate::model::FileKind;

/// How long the server waits for the client to answer one of its requests.
pub const ANSWER: std::time::Duration = std::time::Duration::from_secs(5);

/// Asks the client for the `floeLint` section.
pub async fn pull(backend: &Backend) {
    let items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some("floeLint".into()),
    }];
    // A client that never answers must not hold this handler (and so the server's exit) forever.
    let answer = tokio::time::timeout(ANSWER, backend.client.configuration(items)).await;
    if let Ok(Ok(values)) = answer
        && let Some(settings) = values
            .into_iter()
            .next()
            .and_then(|v| serde_json::from_value::<Settings>(v).ok())
    {
        lock(&backend.state).settings = settings;
    }
}

/// A `didChangeConfiguration` without settings (pushed ones are applied in arrival order by
/// `text_sync`): pull them, then re-check.
pub async fn changed(backend: &Backend, _: DidChangeConfigurationParams) {
    pull(backend).await;
    backend.requeue_all();
}

pub fn files_changed(backend: &Backend, params: DidChangeWatchedFilesParams) {
    let mut everything = false;
    for change in params.changes {
        let Some(path) = uri_path(&change.uri) else {
            continue;
        };
        {
            // What requests read of a closed file comes from the disk again.
            let mut state = lock(&backend.state);
            if state.documents.get(&path).is_none() {
                state.changed_on_disk(&path);
            }
        }
        if FileKind::from_path(&path).is_some() {
            backend.queue.push(path);
        } else {
            // Configuration or dbt files: they can affect every open project.
            everything = true;
        }
    }
    if everything {
        backend.requeue_all();
    }
}
