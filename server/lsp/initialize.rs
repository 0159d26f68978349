//! `initialize` (position encoding, settings, workspace folders, capabilities) and `initialized`
//! (pull the settings, watch floe-lint's files).

use tower_lsp_server::ls_types::*;

use super::state::{Settings, lock};
use super::{Backend, code_action, commands, configuration, uri_path};
use crate::syntax::ColumnUnit;

pub fn initialize(backend: &Backend, params: InitializeParams) -> InitializeResult {
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    let snippets = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_item.as_ref())
        .and_then(|i| i.snippet_support)
        .unwrap_or(false);
    {
        let mut state = lock(&backend.state);
        state.snippets = snippets;
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
            .filter_map(|f| uri_path(&f.uri))
            .collect();
    }
    InitializeResult {
        server_info: Some(ServerInfo {
            name: "floe-lint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        capabilities: capabilities(if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        }),
        offset_encoding: None,
    }
}

fn capabilities(encoding: PositionEncodingKind) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding),
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
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(code_action::FIX_ALL),
            ]),
            ..Default::default()
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: commands::ALL.iter().map(|c| (*c).to_owned()).collect(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

pub async fn initialized(backend: &Backend) {
    configuration::pull(backend).await;
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
    let _ = tokio::time::timeout(
        configuration::ANSWER,
        backend.client.register_capability(vec![registration]),
    )
    .await;
}
