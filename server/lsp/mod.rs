//! The language server: `floe-lint lsp`, LSP over stdio (tower-lsp-server). Everything the CLI
//! knows, live, across floe.yaml and every platform.yaml.
//!
//! This file is only the wiring: one file per request or notification family, each answering
//! from a [`snapshot::Snapshot`] (the prologue in [`request`]); text synchronisation happens in the
//! transport, in arrival order ([`text_sync`]); diagnostics are published by one worker
//! ([`diagnostics`]) whose results the requests read.

mod code_action;
mod code_lens;
mod commands;
mod completion;
mod configuration;
mod connectivity;
mod convert;
mod definition;
mod diagnostics;
mod documents;
mod hover;
mod initialize;
mod lifecycle;
mod locate;
mod message;
mod navigation;
mod preview;
mod profiles;
mod rename;
mod request;
mod served;
mod snapshot;
mod state;
mod symbols;
mod symbols_v1;
mod text_sync;
mod transforms;
// Public for the `lsp_frames` fuzz target (fuzz/): its only way in to the framing reader.
#[doc(hidden)]
pub mod transport;

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use self::diagnostics::Queue;
use self::state::Shared;

pub use self::preview::PreviewParams;

/// Runs the server on stdin/stdout until the client exits. Returns the process exit code.
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("floe-lint lsp: cannot start the runtime: {error}");
            return 2;
        }
    };
    let lifecycle = Arc::new(lifecycle::Lifecycle::default());
    let stages = Arc::clone(&lifecycle);
    runtime.block_on(async {
        let state = Shared::default();
        let (queue, dirty) = Queue::new();
        let (frames, outgoing) = tokio::sync::mpsc::unbounded_channel();
        let stdout = transport::Output::new(std::io::stdout());
        diagnostics::start(Arc::clone(&state), dirty, stdout.clone());
        let sync = text_sync::TextSync {
            state: Arc::clone(&state),
            queue: queue.clone(),
        };
        let (service, socket) = LspService::build(move |client| Backend {
            client,
            state,
            queue,
        })
        .custom_method("floe/previewProfiles", Backend::preview_profiles_request)
        .finish();
        let (to_server, server_input) = tokio::io::duplex(1 << 20);
        let (server_output, from_server) = tokio::io::duplex(1 << 20);
        // stdin and stdout on threads of their own, with std's blocking I/O: a message read is
        // applied (text sync) or handed to the server at once, and a frame is written as soon as
        // it is queued, without tokio's blocking-pool round trips.
        let replies = frames.clone();
        let reader = std::thread::Builder::new()
            .name("floe-lint-stdin".into())
            .spawn(move || {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread().build() {
                    runtime.block_on(transport::pump_input(
                        transport::Blocking(std::io::stdin()),
                        to_server,
                        replies,
                        Arc::new(transport::Chain(vec![stages, Arc::new(sync)])),
                    ));
                }
            });
        let (flushed, written) = std::sync::mpsc::channel();
        let writer = std::thread::Builder::new()
            .name("floe-lint-stdout".into())
            .spawn(move || transport::write_frames(stdout, outgoing, flushed));
        if let Err(error) = reader.and(writer) {
            eprintln!("floe-lint lsp: cannot start the stdio threads: {error}");
            return;
        }
        tokio::spawn(transport::pump_output(from_server, frames.clone()));
        Server::new(server_input, server_output, socket)
            .serve(service)
            .await;
        // Let the last answers (the shutdown response) reach the client: the writer reports the
        // flush marker once everything queued before it is written.
        let _ = frames.send(Vec::new());
        let _ = written.recv_timeout(std::time::Duration::from_millis(500));
    });
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_background();
    lifecycle.exit_code()
}

pub struct Backend {
    client: Client,
    state: Shared,
    queue: Queue,
}

/// The file a URI names (`file:` URIs only).
fn uri_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

fn internal(message: impl Into<String>) -> Error {
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
        message: message.into().into(),
        data: None,
    }
}

impl Backend {
    /// `floe/previewProfiles`: `{uri}` → `{text, environment, floe, platform, quirks}`.
    pub async fn preview_profiles_request(
        &self,
        params: PreviewParams,
    ) -> Result<serde_json::Value> {
        preview::request(self, params)
    }

    fn requeue_all(&self) {
        let paths = state::lock(&self.state).documents.paths();
        for path in paths {
            self.queue.push(path);
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(initialize::initialize(self, params))
    }

    async fn initialized(&self, _: InitializedParams) {
        initialize::initialized(self).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    // didOpen, didChange and didClose are applied by the transport (`text_sync`), in arrival
    // order; the framework never sees them.

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = uri_path(&params.text_document.uri) {
            self.queue.push(path);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        configuration::changed(self, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        configuration::files_changed(self, params);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        Ok(hover::request(self, params).await)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        Ok(completion::request(self, params))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        Ok(definition::definition(self, params))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(definition::references(self, params))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        Ok(rename::prepare(self, params))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        rename::rename(self, params)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(symbols::request(self, params))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(symbols::folding_request(self, params))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(code_action::request(self, params).await)
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        Ok(code_lens::request(params))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(self, params).await
    }
}
