//! Rename a profile across floe.yaml and every platform.yaml of the project (its definition, the
//! floe.yaml reference, layers' `storage_ref`/`catalog_ref`, `compute_logs.storage_ref`).

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::request::Request;
use super::{Backend, convert, navigation};
use crate::model::common::PROFILE_NAME_PATTERN;

pub fn prepare(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    let (request, kind) = Request::config(backend, &params.text_document.uri)?;
    let offset = request.offset(params.position);
    let (profile, span) = navigation::profile_at(kind, &request.document, offset)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(&request.document, span, request.snapshot.unit),
        placeholder: profile.name,
    })
}

pub fn rename(backend: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let position = params.text_document_position;
    let Some((request, kind)) = Request::config(backend, &position.text_document.uri) else {
        return Ok(None);
    };
    let offset = request.offset(position.position);
    let Some((profile, _)) = navigation::profile_at(kind, &request.document, offset) else {
        return Ok(None);
    };
    let valid = regex::Regex::new(PROFILE_NAME_PATTERN).is_ok_and(|r| r.is_match(&params.new_name));
    if !valid {
        return Err(Error::invalid_params(format!(
            "Invalid profile name '{}'. Names must match pattern: {PROFILE_NAME_PATTERN}",
            params.new_name,
        )));
    }
    let unit = request.snapshot.unit;
    let changes = request.snapshot.with_environments(&request.path, |env| {
        let (floe, platforms) = navigation::project_files(kind, &request.path, env);
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for o in navigation::occurrences(&profile, floe.as_deref(), &platforms, env) {
            let Some(uri) = convert::uri(&o.path) else {
                continue;
            };
            let node_text = o.document.text.get(o.span.start..o.span.end).unwrap_or("");
            // Keep the quoting the name was written with.
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
