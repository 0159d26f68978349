//! Go to definition and find references, for the names each dialect links: in Generation A, a
//! floe.yaml reference → the profile in each platform.yaml (and a profile → its uses), across
//! floe.yaml and every environment; in Generation B, a `dependsOn` entry → the transform it
//! names (and a transform → the entries naming it), and `platform.manifest` → the manifest.

use tower_lsp_server::ls_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, Position, Range, ReferenceParams,
    TextDocumentPositionParams,
};

use super::request::Request;
use super::{Backend, convert, navigation, transforms};
use crate::model::{Dialect, FileKind};

pub fn definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let position = &params.text_document_position_params;
    let (request, kind) = Request::config(backend, &position.text_document.uri)?;
    let locations = match kind.dialect() {
        Dialect::Runtime => profile_locations(&request, kind, position, |o| o.definition),
        Dialect::V1 => manifest_location(&request, position)
            .map(|l| vec![l])
            .or_else(|| transform_locations(&request, position, |o| o.definition)),
    };
    locations
        .filter(|l| !l.is_empty())
        .map(GotoDefinitionResponse::Array)
}

pub fn references(backend: &Backend, params: ReferenceParams) -> Option<Vec<Location>> {
    let include = params.context.include_declaration;
    let position = &params.text_document_position;
    let (request, kind) = Request::config(backend, &position.text_document.uri)?;
    match kind.dialect() {
        Dialect::Runtime => {
            profile_locations(&request, kind, position, |o| include || !o.definition)
        }
        Dialect::V1 => transform_locations(&request, position, |o| include || !o.definition),
    }
}

/// Where the profile named at `position` is written, across floe.yaml and every environment,
/// keeping the occurrences `keep` accepts (definitions, references or both).
fn profile_locations(
    request: &Request,
    kind: FileKind,
    position: &TextDocumentPositionParams,
    keep: impl Fn(&navigation::Occurrence) -> bool,
) -> Option<Vec<Location>> {
    let offset = request.offset(position.position);
    let (profile, _) = navigation::profile_at(kind, &request.document, offset)?;
    let unit = request.snapshot.unit;
    Some(request.snapshot.with_environments(&request.path, |env| {
        let (floe, platforms) = navigation::project_files(kind, &request.path, env);
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

/// Where the transform named at `position` is written in its floe.yaml, keeping the occurrences
/// `keep` accepts.
fn transform_locations(
    request: &Request,
    position: &TextDocumentPositionParams,
    keep: impl Fn(&transforms::Occurrence) -> bool,
) -> Option<Vec<Location>> {
    let offset = request.offset(position.position);
    let (name, _) = transforms::transform_at(&request.document, offset)?;
    let uri = position.text_document.uri.clone();
    Some(
        transforms::occurrences(&request.document, &name)
            .into_iter()
            .filter(|o| keep(o))
            .map(|o| Location {
                uri: uri.clone(),
                range: convert::range(&request.document, o.span, request.snapshot.unit),
            })
            .collect(),
    )
}

/// From the value of `platform.manifest`: the start of the manifest the product pairs with.
fn manifest_location(request: &Request, position: &TextDocumentPositionParams) -> Option<Location> {
    let offset = request.offset(position.position);
    let (selection, _) = request.snapshot.options(&request.path);
    let manifest = transforms::manifest_at(
        &request.document,
        offset,
        &request.path,
        selection.manifest.as_deref(),
    )?;
    Some(Location {
        uri: convert::uri(&manifest)?,
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
    })
}
