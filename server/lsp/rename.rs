//! Rename, for the names each dialect links. Generation A: a profile across floe.yaml and every
//! platform.yaml of the project (its definition, the floe.yaml reference, layers'
//! `storage_ref`/`catalog_ref`, `compute_logs.storage_ref`). Generation B: a transform of a
//! FloeSpec (its `name` and every `dependsOn` / `depends_on` entry naming it). Anywhere else
//! prepareRename answers nothing: there is no name to rename there.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::request::Request;
use super::{Backend, convert, navigation, transforms};
use crate::diagnostic::Span;
use crate::model::common::PROFILE_NAME_PATTERN;
use crate::model::v1::DBT_MODEL_NAME_PATTERN;
use crate::model::{Dialect, FileKind};
use crate::syntax::Document;

pub fn prepare(
    backend: &Backend,
    params: TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    let (request, kind) = Request::config(backend, &params.text_document.uri)?;
    let offset = request.offset(params.position);
    let (name, span) = match kind.dialect() {
        Dialect::Runtime => navigation::profile_at(kind, &request.document, offset)
            .map(|(profile, span)| (profile.name, span))?,
        Dialect::V1 => transforms::transform_at(&request.document, offset)?,
    };
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(&request.document, span, request.snapshot.unit),
        placeholder: name,
    })
}

pub fn rename(backend: &Backend, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let position = &params.text_document_position;
    let Some((request, kind)) = Request::config(backend, &position.text_document.uri) else {
        return Ok(None);
    };
    let changes = match kind.dialect() {
        Dialect::Runtime => rename_profile(&request, kind, &params)?,
        Dialect::V1 => rename_transform(&request, &params)?,
    };
    Ok(changes.map(|changes| WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }))
}

type Changes = HashMap<Uri, Vec<TextEdit>>;

fn rename_profile(
    request: &Request,
    kind: FileKind,
    params: &RenameParams,
) -> Result<Option<Changes>> {
    let offset = request.offset(params.text_document_position.position);
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
        let mut changes = Changes::new();
        for o in navigation::occurrences(&profile, floe.as_deref(), &platforms, env) {
            let Some(uri) = convert::uri(&o.path) else {
                continue;
            };
            changes.entry(uri).or_default().push(TextEdit {
                range: convert::range(&o.document, o.span, unit),
                new_text: renamed(&o.document, o.span, &params.new_name),
            });
        }
        changes
    });
    Ok(Some(changes))
}

fn rename_transform(request: &Request, params: &RenameParams) -> Result<Option<Changes>> {
    let position = &params.text_document_position;
    let document = &request.document;
    let offset = request.offset(position.position);
    let Some((name, _)) = transforms::transform_at(document, offset) else {
        return Ok(None);
    };
    let new_name = &params.new_name;
    let valid = regex::Regex::new(DBT_MODEL_NAME_PATTERN).is_ok_and(|r| r.is_match(new_name))
        && new_name.chars().count() <= 128;
    if !valid {
        return Err(Error::invalid_params(format!(
            "Invalid transform name '{new_name}'. A transform is a dbt model: 1 to 128 letters, digits or `_`, matching {DBT_MODEL_NAME_PATTERN}",
        )));
    }
    if *new_name != name && transforms::is_taken(document, new_name) {
        return Err(Error::invalid_params(format!(
            "A transform named '{new_name}' already exists: transform names must be unique"
        )));
    }
    let edits = transforms::occurrences(document, &name)
        .into_iter()
        .map(|o| TextEdit {
            range: convert::range(document, o.span, request.snapshot.unit),
            new_text: renamed(document, o.span, new_name),
        })
        .collect();
    Ok(Some(Changes::from([(
        position.text_document.uri.clone(),
        edits,
    )])))
}

/// The new name as it replaces the old one at `span`: with the quotes the old one was written
/// with.
fn renamed(document: &Document, span: Span, new_name: &str) -> String {
    let old = document.text.get(span.start..span.end).unwrap_or("");
    match old.chars().next().filter(|c| *c == '"' || *c == '\'') {
        Some(q) => format!("{q}{new_name}{q}"),
        None => new_name.to_owned(),
    }
}
