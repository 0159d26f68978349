//! Completion that follows typing: keys of the mapping the cursor's indentation belongs to (not
//! yet present, filtered by what is typed), values after `key:` and `key: ` (enum members,
//! booleans, profile names for references, `{secret_ref: …}` for secret fields), the same inside
//! flow mappings and sequences, and a skeleton for an empty file. Where the cursor is comes from
//! the text's indentation ([`outline`], [`cursor`]), not from a parse: what is being typed is
//! rarely valid YAML yet.

mod cursor;
mod items;
mod outline;
mod skeleton;
mod v1;

use std::path::Path;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Uri,
};

use self::cursor::{FlowAt, Typed, Typing};
use self::items::{Place, Style};
use self::outline::Frame;
use super::Backend;
use super::profiles::Environments;
use super::request::Request;
use super::state::lock;
use crate::dialect::UNION_TAG;
use crate::dialect::runtime::access::Platform;
use crate::dialect::runtime::vocabulary::Section;
use crate::model::navigate::{self, Shape, Step};
use crate::model::{Dialect, FileKind};
use crate::syntax::Document;

pub fn request(backend: &Backend, params: CompletionParams) -> Option<CompletionResponse> {
    let position = params.text_document_position;
    let uri = &position.text_document.uri;
    let (request, kind) = Request::config(backend, uri).or_else(|| empty_manifest(backend, uri))?;
    let document = &request.document;
    let offset = request.offset(position.position);
    let line = document.line_index.line_of(offset);
    let line_start = document.line_index.line_start(line);
    let column = document
        .text
        .get(line_start..offset)
        .map_or(0, |s| s.chars().count());
    let snippets = lock(&backend.state).snippets;
    let items = request.snapshot.with_environments(&request.path, |env| {
        let lines = outline::lines(&document.text);
        let at = At {
            kind,
            path: &request.path,
            document,
            lines: &lines,
            line,
            starts_item: false,
            place: Place {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                text: lines.get(line).copied().unwrap_or(""),
                unit: request.snapshot.unit,
            },
            style: Style {
                snippets,
                indent: outline::indent_unit(&lines),
            },
            env,
        };
        complete(&at, column)
    });
    Some(CompletionResponse::Array(items))
}

/// An empty manifest.yaml: not served until it says it is floe's (other tools use the name),
/// but offered the manifest skeleton to start from.
fn empty_manifest(backend: &Backend, uri: &Uri) -> Option<(Request, FileKind)> {
    let request = Request::any(backend, uri)?;
    let empty = FileKind::from_path(&request.path) == Some(FileKind::Manifest)
        && request.document.text.trim().is_empty();
    empty.then_some((request, FileKind::Manifest))
}

/// Everything completion at one position reads.
#[derive(Clone, Copy)]
struct At<'a> {
    kind: FileKind,
    path: &'a Path,
    document: &'a Document,
    lines: &'a [&'a str],
    line: usize,
    /// The cursor's line starts a list item (`- `): no key above it belongs to its mapping.
    starts_item: bool,
    place: Place<'a>,
    style: Style,
    env: &'a Environments<'a>,
}

fn steps(frames: &[Frame]) -> Vec<Step> {
    frames.iter().map(|f| f.step.clone()).collect()
}

fn complete(at: &At<'_>, column: usize) -> Vec<CompletionItem> {
    if at.document.text.trim().is_empty() {
        let mut out = skeleton::items(at.kind, at.style, at.place.range(0, column));
        out.extend(keys(at, &[], 0, &[], &Typed::default(), column, false, &[]));
        return out;
    }
    let Some(cursor) = cursor::read(at.place.text, column) else {
        return Vec::new();
    };
    let at = &At {
        starts_item: !cursor.dashes.is_empty(),
        ..*at
    };
    let mut frames = outline::frames_before(at.lines, at.line);
    outline::push_dashes(&mut frames, &cursor.dashes, at.line);
    match cursor.typing {
        Typing::Key { col, prefix } => {
            outline::close_for_key(&mut frames, col);
            let path = steps(&frames);
            let item_of_scalars = !cursor.dashes.is_empty()
                && !prefix.text.contains(' ')
                && navigate::schema_at(at.kind, &path, &tag(at, &frames, col))
                    .is_some_and(|s| navigate::shape(at.kind, &s) != Shape::Mapping);
            if item_of_scalars {
                return values(at, &frames, col, &path, &prefix, column, false);
            }
            let present: Vec<String> = siblings_here(at, col).into_iter().map(|(k, _)| k).collect();
            keys(at, &frames, col, &path, &prefix, column, false, &present)
        }
        Typing::Value {
            col,
            key,
            partial,
            needs_space,
        } => {
            outline::close_for_key(&mut frames, col);
            let mut path = steps(&frames);
            path.push(Step::Key(key));
            values(at, &frames, col, &path, &partial, column, needs_space)
        }
        Typing::Flow {
            col,
            block_key,
            steps: inner,
            at: flow_at,
        } => {
            if block_key.is_some() {
                outline::close_for_key(&mut frames, col);
            }
            let mut path = steps(&frames);
            path.extend(block_key.map(Step::Key));
            path.extend(inner);
            match flow_at {
                FlowAt::Key { prefix, present } => {
                    keys(at, &frames, col, &path, &prefix, column, true, &present)
                }
                FlowAt::Value { key, partial } => {
                    path.push(Step::Key(key));
                    values(at, &frames, col, &path, &partial, column, false)
                }
                FlowAt::Item { index, partial } => {
                    path.push(Step::Index(index));
                    values(at, &frames, col, &path, &partial, column, false)
                }
            }
        }
    }
}

/// Reads the `type` written in the mapping at a path (it picks the variant of a tagged union, or
/// a compute target's properties).
fn tag<'a>(
    at: &'a At<'_>,
    frames: &'a [Frame],
    col: usize,
) -> impl Fn(&[Step]) -> Option<String> + 'a {
    move |path: &[Step]| written(at, frames, col, path.len(), UNION_TAG)
}

/// The value of `key` written in the mapping `depth` steps down the cursor's path: from the
/// lines of the key that path step leads through, or, for the mapping being typed in, around the
/// cursor.
fn written(at: &At<'_>, frames: &[Frame], col: usize, depth: usize, key: &str) -> Option<String> {
    let siblings = match frames.get(depth) {
        Some(frame) if matches!(frame.step, Step::Key(_)) => {
            outline::siblings(at.lines, frame.line, frame.col, true)
        }
        Some(_) => return None,
        None => siblings_here(at, col),
    };
    siblings
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim_matches(['"', '\'']).to_owned())
        .filter(|v| !v.is_empty())
}

/// The keys of the mapping being typed in (keys at `col`) around the cursor's line, that line
/// left out.
fn siblings_here(at: &At<'_>, col: usize) -> Vec<(String, String)> {
    if at.starts_item {
        // Keys above belong to the previous item: only those below are this one's.
        outline::siblings(&at.lines[at.line.min(at.lines.len())..], 0, col, false)
    } else {
        outline::siblings(at.lines, at.line, col, false)
    }
}

/// The keys a mapping at `path` may still take. `col` is the column of the block mapping the
/// cursor's line belongs to; in a flow mapping (`flow`), what is written inside the braces is not
/// read for a `type`.
#[allow(clippy::too_many_arguments)]
fn keys(
    at: &At<'_>,
    frames: &[Frame],
    col: usize,
    path: &[Step],
    prefix: &Typed,
    column: usize,
    flow: bool,
    present: &[String],
) -> Vec<CompletionItem> {
    let replace = at.place.range(prefix.start, column);
    let block_tag = tag(at, frames, col);
    let tag = |p: &[Step]| {
        if flow && p.len() > frames.len() {
            None
        } else {
            block_tag(p)
        }
    };
    navigate::fields(at.kind, path, &tag)
        .into_iter()
        .filter(|f| !present.contains(&f.name))
        .filter(|f| !v1::twin_present(at.kind, &f.name, present))
        .filter(|f| f.name.starts_with(prefix.text.trim()))
        .map(|f| items::key(at.kind, &f, replace, at.style, flow))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn values(
    at: &At<'_>,
    frames: &[Frame],
    col: usize,
    path: &[Step],
    partial: &Typed,
    column: usize,
    needs_space: bool,
) -> Vec<CompletionItem> {
    let replace = at.place.range(partial.start, column);
    let typed = partial.text.trim();
    let keep = |label: &str| label.starts_with(typed);
    let names = match at.kind.dialect() {
        Dialect::Runtime => references(at, path),
        Dialect::V1 => v1::names(at, frames, col, path),
    };
    if let Some(names) = names {
        // Names for a list not yet written (`dependsOn: |`) are written as a one-item list.
        let whole_list = matches!(path.last(), Some(Step::Key(_)))
            && navigate::schema_at(at.kind, path, &tag(at, frames, col))
                .is_some_and(|s| navigate::shape(at.kind, &s) == Shape::Sequence);
        return names
            .into_iter()
            .filter(|(name, _)| keep(name))
            .map(|(name, detail)| {
                let written = items::yaml_value(&name);
                let written = if whole_list {
                    format!("[{written}]")
                } else {
                    written
                };
                let kind = CompletionItemKind::REFERENCE;
                items::literal(&name, &written, kind, detail, replace, needs_space)
            })
            .collect();
    }
    let Some(schema) = navigate::schema_at(at.kind, path, &tag(at, frames, col)) else {
        return Vec::new();
    };
    let detail = match path.last() {
        Some(Step::Key(k)) => Some(k.clone()),
        _ => None,
    };
    let mut out: Vec<CompletionItem> = match navigate::shape(at.kind, &schema) {
        Shape::Choice(values) => values
            .iter()
            .filter(|v| keep(v))
            .map(|v| {
                items::value(
                    v,
                    CompletionItemKind::ENUM_MEMBER,
                    detail.clone(),
                    replace,
                    needs_space,
                )
            })
            .collect(),
        Shape::Boolean => ["true", "false"]
            .into_iter()
            .filter(|v| keep(v))
            .map(|v| {
                items::literal(
                    v,
                    v,
                    CompletionItemKind::VALUE,
                    detail.clone(),
                    replace,
                    needs_space,
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    if navigate::takes_secret_ref(&schema) && typed.is_empty() {
        out.push(items::secret_ref(replace, needs_space, at.style));
    }
    out
}

/// Profile names a reference can take, with where each is defined: floe.yaml's `storage:`,
/// `catalog:` and `compute:` (from every environment), platform.yaml's `storage_ref` and
/// `catalog_ref` (from the same file). `None`: the path is not a reference.
fn references(at: &At<'_>, path: &[Step]) -> Option<Vec<(String, Option<String>)>> {
    match (at.kind, path) {
        (FileKind::Floe, [Step::Key(key)]) => {
            let section = Section::from_floe_key(key)?;
            let label = section.label();
            let mut names: Vec<(String, Vec<String>)> = Vec::new();
            for (env_name, platform) in at.env.documents(at.path) {
                for name in profile_names(&platform, section) {
                    match names.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, envs)) => envs.push(env_name.clone()),
                        None => names.push((name, vec![env_name.clone()])),
                    }
                }
            }
            Some(
                names
                    .into_iter()
                    .map(|(name, envs)| {
                        (
                            name,
                            Some(format!("{label} profile in {}", envs.join(", "))),
                        )
                    })
                    .collect(),
            )
        }
        (FileKind::Platform, [.., Step::Key(field)]) => {
            let section = Section::from_ref_key(field)?;
            Some(
                profile_names(at.document, section)
                    .into_iter()
                    .map(|n| (n, None))
                    .collect(),
            )
        }
        _ => None,
    }
}

fn profile_names(document: &Document, section: Section) -> Vec<String> {
    Platform::of(document).map_or_else(Vec::new, |p| p.profile_names(section))
}
