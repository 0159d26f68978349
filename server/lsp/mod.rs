//! The language server: `floe-lint lsp`, LSP over stdio (tower-lsp-server). One file per
//! capability; this file wires requests to them. Everything the CLI knows, live, across
//! floe.yaml and every platform.yaml.

mod code_action;
mod commands;
mod completion;
mod convert;
mod diagnostics;
mod documents;
mod hover;
mod locate;
mod navigation;
mod profiles;
mod state;
mod symbols;
// Public for the `lsp_frames` fuzz target (fuzz/): its only way in to the framing reader.
#[doc(hidden)]
pub mod transport;

use std::path::{Path, PathBuf};

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use self::diagnostics::Queue;
use self::profiles::Environments;
use self::state::{Settings, Shared, lock};
use crate::check;
use crate::diagnostic::Diagnostic;
use crate::model::FileKind;
use crate::syntax::{ColumnUnit, Document};
use crate::workspace::discover;

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
    runtime.block_on(async {
        let (service, socket) = LspService::build(Backend::new)
            .custom_method("floe/previewProfiles", Backend::preview_profiles_request)
            .finish();
        let (to_server, server_input) = tokio::io::duplex(1 << 20);
        let (server_output, from_server) = tokio::io::duplex(1 << 20);
        let (frames, outgoing) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(transport::pump_input(
            tokio::io::stdin(),
            to_server,
            frames.clone(),
        ));
        tokio::spawn(transport::pump_output(from_server, frames));
        let writer = tokio::spawn(transport::write_frames(tokio::io::stdout(), outgoing));
        Server::new(server_input, server_output, socket)
            .serve(service)
            .await;
        // Let the last answers (the shutdown response) reach the client.
        let _ = tokio::time::timeout(std::time::Duration::from_millis(500), writer).await;
    });
    // The stdin reader may still be blocked in a read: do not wait for it.
    runtime.shutdown_background();
    0
}

/// Parameters of `floe/previewProfiles`.
#[derive(Debug, serde::Deserialize)]
pub struct PreviewParams {
    pub uri: String,
    #[serde(default)]
    pub environment: Option<String>,
}

pub struct Backend {
    client: Client,
    state: Shared,
    queue: std::sync::OnceLock<Queue>,
}

fn path_of(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

/// Which file a request is about: floe-lint files only.
fn kind_of(path: &Path) -> Option<FileKind> {
    FileKind::from_path(path)
}

fn internal(message: impl Into<String>) -> Error {
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
        message: message.into().into(),
        data: None,
    }
}

impl Backend {
    fn new(client: Client) -> Backend {
        Backend {
            client,
            state: Shared::default(),
            queue: std::sync::OnceLock::new(),
        }
    }

    fn queue(&self) -> &Queue {
        self.queue
            .get_or_init(|| diagnostics::start(self.client.clone(), self.state.clone()))
    }

    fn unit(&self) -> ColumnUnit {
        lock(&self.state).unit()
    }

    fn document(&self, path: &Path) -> Option<Document> {
        state::document(&self.state, path)
    }

    /// Runs `f` with the server's environment selection and an open-buffer-first reader.
    fn with_environments<R>(&self, path: &Path, f: impl FnOnce(&Environments<'_>) -> R) -> R {
        let (selection, _, _) = lock(&self.state).options_for(path);
        let state = self.state.clone();
        let read = move |p: &Path| state::document(&state, p);
        f(&Environments {
            selection: &selection,
            read: &read,
        })
    }

    /// The current findings of the project `path` belongs to (for hover and fix-all).
    fn findings(&self, path: &Path) -> Vec<Diagnostic> {
        let (selection, options, _) = lock(&self.state).options_for(path);
        let snapshot = {
            let state = lock(&self.state);
            state::Snapshot {
                texts: state
                    .documents
                    .paths()
                    .into_iter()
                    .filter_map(|p| Some((p.clone(), state.documents.text(&p)?)))
                    .collect(),
            }
        };
        let Ok(projects) = discover(&[path.to_path_buf()], &selection) else {
            return Vec::new();
        };
        check::check_projects(&projects, &snapshot, &selection, &options).diagnostics
    }

    fn requeue_all(&self) {
        let paths = lock(&self.state).documents.paths();
        for path in paths {
            self.queue().push(path);
        }
    }

    /// Where the profile named at `position` is written, across floe.yaml and every environment,
    /// keeping the occurrences `keep` accepts (definitions, references or both).
    fn profile_locations(
        &self,
        position: &TextDocumentPositionParams,
        keep: impl Fn(&navigation::Occurrence) -> bool,
    ) -> Option<Vec<Location>> {
        let path = path_of(&position.text_document.uri)?;
        let kind = kind_of(&path)?;
        let document = self.document(&path)?;
        let unit = self.unit();
        let offset = convert::offset(&document, position.position, unit);
        let (profile, _) = navigation::profile_at(kind, &document, offset)?;
        Some(self.with_environments(&path, |env| {
            let (floe, platforms) = navigation::project_files(kind, &path, env);
            navigation::occurrences(&profile, floe.as_deref(), &platforms, env)
                .into_iter()
                .filter(|o| keep(o))
                .filter_map(|o| {
                    Some(Location {
                        uri: convert::uri(&o.path)?,
                        range: convert::range(&o.document, o.span, unit),
                    })
                })
                .collect()
        }))
    }

    /// `floe/previewProfiles`: `{uri}` → `{text, environment, floe, platform, quirks}`.
    pub async fn preview_profiles_request(
        &self,
        params: PreviewParams,
    ) -> Result<serde_json::Value> {
        let path = params
            .uri
            .parse::<Uri>()
            .ok()
            .as_ref()
            .and_then(path_of)
            .ok_or_else(|| Error::invalid_params("expected a file URI"))?;
        if let Some(environment) = params.environment {
            let (selection, _, _) = lock(&self.state).options_for(&path);
            return commands::preview(&path, Some(&environment), &selection);
        }
        self.preview(&path)
    }

    fn preview(&self, path: &Path) -> Result<serde_json::Value> {
        let (selection, _, _) = lock(&self.state).options_for(path);
        let environment = lock(&self.state).settings.environment.clone();
        commands::preview(path, environment.as_deref(), &selection)
    }

    /// Runs the connectivity steps off the request path, reporting each through `$/progress`;
    /// cancelling the request stops the run. Failures become FL800 diagnostics on the catalog.
    async fn verify_connectivity(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        let argument = params
            .arguments
            .first()
            .and_then(|a| a.as_str())
            .and_then(|s| s.parse::<Uri>().ok());
        let Some(path) = argument.as_ref().and_then(path_of) else {
            return Err(Error::invalid_params(
                "expected the URI of a floe.yaml or platform.yaml",
            ));
        };
        let (selection, _, _) = lock(&self.state).options_for(&path);
        let environment = lock(&self.state).settings.environment.clone();
        let plan =
            crate::connect::plan::plan(&path, environment.as_deref(), None, None, &selection)
                .map_err(Error::invalid_params)?;
        let platform = crate::connect::plan::load(&plan.platform).map_err(internal)?;
        let token = params
            .work_done_progress_params
            .work_done_token
            .clone()
            .unwrap_or_else(|| {
                NumberOrString::String(format!("floe-lint-connect-{}", std::process::id()))
            });
        if params.work_done_progress_params.work_done_token.is_none() {
            let _ = self.client.create_work_done_progress(token.clone()).await;
        }
        let progress = self
            .client
            .progress(token, "floe-lint: verify connectivity")
            .with_percentage(0)
            .begin()
            .await;
        let cancel = crate::connect::Cancel::default();
        // Dropping this future (a cancelled request) cancels the run.
        let _guard = commands::CancelOnDrop(cancel.clone());
        let mut reports = Vec::new();
        let total = plan.catalogs.len() * crate::connect::STEPS.len();
        let mut done = 0usize;
        for catalog in &plan.catalogs {
            let request = crate::connect::Request::new(&plan.environment, catalog);
            let (steps, mut received) =
                tokio::sync::mpsc::unbounded_channel::<crate::connect::Step>();
            let (document, run_cancel) = (platform.clone(), cancel.clone());
            let mut task = tokio::task::spawn_blocking(move || {
                crate::connect::run(&document, &request, &run_cancel, &mut |step| {
                    let _ = steps.send(step.clone());
                })
            });
            let report = loop {
                tokio::select! {
                    Some(step) = received.recv() => {
                        done += 1;
                        let percent = u32::try_from(100 * done / total.max(1)).unwrap_or(100);
                        progress.report_with_message(format!("{catalog}: {} {}", step.name, step.status.as_str()), percent).await;
                    }
                    result = &mut task => break result.map_err(|e| internal(e.to_string()))?,
                }
            };
            reports.push(report);
        }
        let passed = reports.iter().all(crate::connect::Report::passed);
        progress
            .finish_with_message(if passed {
                "connectivity verified"
            } else {
                "connectivity check failed"
            })
            .await;
        let findings: Vec<Diagnostic> = reports
            .iter()
            .filter_map(|r| crate::connect::diagnostic(&platform, r))
            .collect();
        {
            let mut state = lock(&self.state);
            if findings.is_empty() {
                state.connectivity.remove(&plan.platform);
            } else {
                state.connectivity.insert(plan.platform.clone(), findings);
            }
        }
        self.queue().push(plan.platform.clone());
        let value = match reports.as_slice() {
            [one] => one.to_json(),
            many => {
                serde_json::json!({"version": 1, "reports": many.iter().map(|r| r.to_json()).collect::<Vec<_>>()})
            }
        };
        Ok(Some(value))
    }

    async fn pull_configuration(&self) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("floeLint".into()),
        }];
        if let Ok(values) = self.client.configuration(items).await
            && let Some(settings) = values
                .into_iter()
                .next()
                .and_then(|v| serde_json::from_value::<Settings>(v).ok())
        {
            lock(&self.state).settings = settings;
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        {
            let mut state = lock(&self.state);
            state.unit = Some(if utf8 {
                ColumnUnit::Utf8
            } else {
                ColumnUnit::Utf16
            });
            if let Some(settings) = params
                .initialization_options
                .and_then(|o| serde_json::from_value::<Settings>(o).ok())
            {
                state.settings = settings;
            }
            state.roots = params
                .workspace_folders
                .unwrap_or_default()
                .iter()
                .filter_map(|f| path_of(&f.uri))
                .collect();
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "floe-lint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![":".into(), " ".into()]),
                    ..Default::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(code_action::FIX_ALL),
                        ]),
                        ..Default::default()
                    },
                )),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: commands::ALL.iter().map(|c| (*c).to_owned()).collect(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.pull_configuration().await;
        let watchers = [
            "**/floe.yaml",
            "**/floe.yml",
            "**/platform.yaml",
            "**/platform.yml",
            "**/.floe-lint.toml",
            "**/dbt_project.yml",
            "**/profiles.yml",
            "**/*.sql",
        ]
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
        let registration = Registration {
            id: "floe-lint-watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        // Clients without dynamic registration answer with an error; files are then re-read on open.
        let _ = self.client.register_capability(vec![registration]).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        lock(&self.state).documents.open(
            path.clone(),
            &params.text_document.text,
            params.text_document.version,
        );
        self.queue().push(path);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let applied = {
            let mut state = lock(&self.state);
            let unit = state.unit();
            state.documents.change(
                &path,
                params.text_document.version,
                params.content_changes,
                unit,
            )
        };
        if applied {
            self.queue().push(path);
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = path_of(&params.text_document.uri) {
            let unit = self.unit();
            lock(&self.state).documents.flush(&path, unit);
            self.queue().push(path);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Some(path) = path_of(&params.text_document.uri) else {
            return;
        };
        {
            let mut state = lock(&self.state);
            state.documents.close(&path);
            state.cache.forget(&path);
        }
        // The file on disk is what counts now.
        self.queue().push(path);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match params
            .settings
            .get("floeLint")
            .cloned()
            .and_then(|v| serde_json::from_value::<Settings>(v).ok())
        {
            Some(settings) => lock(&self.state).settings = settings,
            None => self.pull_configuration().await,
        }
        self.requeue_all();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut everything = false;
        for change in params.changes {
            let Some(path) = path_of(&change.uri) else {
                continue;
            };
            if kind_of(&path).is_some() {
                self.queue().push(path);
            } else {
                // Configuration or dbt files: they can affect every open project.
                everything = true;
            }
        }
        if everything {
            self.requeue_all();
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params;
        let Some(path) = path_of(&position.text_document.uri) else {
            return Ok(None);
        };
        let Some(kind) = kind_of(&path) else {
            return Ok(None);
        };
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        let offset = convert::offset(&document, position.position, self.unit());
        let findings = self.findings(&path);
        Ok(self.with_environments(&path, |env| {
            hover::hover(kind, &document, offset, &findings, &path, env)
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let Some(path) = path_of(&position.text_document.uri) else {
            return Ok(None);
        };
        let Some(kind) = kind_of(&path) else {
            return Ok(None);
        };
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        let offset = convert::offset(&document, position.position, self.unit());
        let line = document.line_index.line_of(offset);
        let column = document
            .text
            .get(document.line_index.line_start(line)..offset)
            .map_or(0, |s| s.chars().count());
        let items = self.with_environments(&path, |env| {
            completion::complete(kind, &path, &document.text, line, column, env)
        });
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let locations =
            self.profile_locations(&params.text_document_position_params, |o| o.definition);
        Ok(locations
            .filter(|l| !l.is_empty())
            .map(GotoDefinitionResponse::Array))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let include = params.context.include_declaration;
        Ok(self.profile_locations(&params.text_document_position, |o| include || !o.definition))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(path) = path_of(&params.text_document.uri) else {
            return Ok(None);
        };
        let Some(kind) = kind_of(&path) else {
            return Ok(None);
        };
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        let unit = self.unit();
        let offset = convert::offset(&document, params.position, unit);
        Ok(
            navigation::profile_at(kind, &document, offset).map(|(profile, span)| {
                PrepareRenameResponse::RangeWithPlaceholder {
                    range: convert::range(&document, span, unit),
                    placeholder: profile.name,
                }
            }),
        )
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let position = params.text_document_position;
        let Some(path) = path_of(&position.text_document.uri) else {
            return Ok(None);
        };
        let Some(kind) = kind_of(&path) else {
            return Ok(None);
        };
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        let unit = self.unit();
        let offset = convert::offset(&document, position.position, unit);
        let Some((profile, _)) = navigation::profile_at(kind, &document, offset) else {
            return Ok(None);
        };
        let valid = regex::Regex::new(crate::model::common::PROFILE_NAME_PATTERN)
            .is_ok_and(|r| r.is_match(&params.new_name));
        if !valid {
            return Err(Error::invalid_params(format!(
                "Invalid profile name '{}'. Names must match pattern: {}",
                params.new_name,
                crate::model::common::PROFILE_NAME_PATTERN
            )));
        }
        let changes = self.with_environments(&path, |env| {
            let (floe, platforms) = navigation::project_files(kind, &path, env);
            let mut changes: std::collections::HashMap<Uri, Vec<TextEdit>> =
                std::collections::HashMap::new();
            for o in navigation::occurrences(&profile, floe.as_deref(), &platforms, env) {
                let Some(uri) = convert::uri(&o.path) else {
                    continue;
                };
                let node_text = o.document.text.get(o.span.start..o.span.end).unwrap_or("");
                let quote = node_text.chars().next().filter(|c| *c == '"' || *c == '\'');
                let new_text = match quote {
                    Some(q) => format!("{q}{}{q}", params.new_name),
                    None => params.new_name.clone(),
                };
                changes.entry(uri).or_default().push(TextEdit {
                    range: convert::range(&o.document, o.span, unit),
                    new_text,
                });
            }
            changes
        });
        Ok(Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(path) = path_of(&params.text_document.uri) else {
            return Ok(None);
        };
        if kind_of(&path).is_none() {
            return Ok(None);
        }
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(symbols::symbols(
            &document,
            self.unit(),
        ))))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(path) = path_of(&params.text_document.uri) else {
            return Ok(None);
        };
        if kind_of(&path).is_none() {
            return Ok(None);
        }
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        Ok(Some(symbols::folding(&document)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(path) = path_of(&uri) else {
            return Ok(None);
        };
        let Some(document) = self.document(&path) else {
            return Ok(None);
        };
        let unit = self.unit();
        let wants_fix_all = params
            .context
            .only
            .as_ref()
            .is_some_and(|o| o.iter().any(|k| k.as_str().starts_with("source")));
        let current = if wants_fix_all {
            self.findings(&path)
        } else {
            Vec::new()
        };
        Ok(Some(code_action::actions(
            &uri,
            &document,
            &params.context.diagnostics,
            params.context.only.as_deref(),
            &current,
            unit,
        )))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(path) = path_of(&params.text_document.uri) else {
            return Ok(None);
        };
        if kind_of(&path) != Some(FileKind::Floe) {
            return Ok(None);
        }
        Ok(Some(commands::lenses(&params.text_document.uri)))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        match params.command.as_str() {
            commands::VERIFY_CONNECTIVITY => self.verify_connectivity(params).await,
            commands::PREVIEW_PROFILES => {
                let argument = params
                    .arguments
                    .first()
                    .and_then(|a| a.as_str())
                    .and_then(|s| s.parse::<Uri>().ok());
                let Some(path) = argument.as_ref().and_then(path_of) else {
                    return Err(Error::invalid_params(
                        "expected the URI of a floe.yaml or platform.yaml",
                    ));
                };
                // The command answers with the text itself (editors show it in a virtual document).
                self.preview(&path).map(|v| Some(v["text"].clone()))
            }
            other => commands::execute(other),
        }
    }
}
