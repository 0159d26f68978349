//! Go to definition (a floe.yaml reference → the profile in each platform.yaml) and find
//! references (a profile → its uses), across floe.yaml and every environment.

use tower_lsp_server::ls_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, ReferenceParams,
    TextDocumentPositionParams,
};

use super::request::Request;
use super::{Backend, convert, navigation};

pub fn definition(
    backend: &Backend,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    profile_locations(backend, &params.text_document_position_params, |o| {
        o.definition
    })
    .filter(|l| !l.is_empty())
    .map(GotoDefinitionResponse::Array)
}

pub fn references(backend: &Backend, params: ReferenceParams) -> Option<Vec<Location>> {
    let include = params.context.include_declaration;
    profile_locations(backend, &params.text_document_position, |o| {
        include || !o.definition
    })
}

/// Where the profile named at `position` is written, across floe.yaml and every environment,
/// keeping the occurrences `keep` accepts (definitions, references or both).
fn profile_locations(
    backend: &Backend,
    position: &TextDocumentPositionParams,
    keep: impl Fn(&navigation::Occurrence) -> bool,
) -> Option<Vec<Location>> {
    let (request, kind) = Request::config(backend, &position.text_document.uri)?;
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
