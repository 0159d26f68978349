//! Completion: keys valid at the cursor (not already present) with their documentation, enum
//! values, profile names from platform.yaml for floe.yaml references, and a `secret_ref` snippet
//! for secret fields.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, Documentation, InsertTextFormat, MarkupContent, MarkupKind,
};

use tower_lsp_server::ls_types::{CompletionParams, CompletionResponse};

use super::Backend;
use super::locate;
use super::profiles::{Environments, profile_kind};
use super::request::Request;
use crate::model::FileKind;
use crate::model::navigate::{self, Step};
use crate::syntax::{self, Document, Limits};

fn docs(text: Option<String>) -> Option<Documentation> {
    text.map(|value| {
        Documentation::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        })
    })
}

pub fn request(backend: &Backend, params: CompletionParams) -> Option<CompletionResponse> {
    let position = params.text_document_position;
    let (request, kind) = Request::config(backend, &position.text_document.uri)?;
    let document = &request.document;
    let offset = request.offset(position.position);
    let line = document.line_index.line_of(offset);
    let column = document
        .text
        .get(document.line_index.line_start(line)..offset)
        .map_or(0, |s| s.chars().count());
    let items = request.snapshot.with_environments(&request.path, |env| {
        complete(kind, &request.path, &document.text, line, column, env)
    });
    Some(CompletionResponse::Array(items))
}

/// Completions at `(line, character)` (character counted in chars) of `text`.
fn complete(
    kind: FileKind,
    path: &Path,
    text: &str,
    line: usize,
    column_chars: usize,
    env: &Environments<'_>,
) -> Vec<CompletionItem> {
    let line_text = text.lines().nth(line).unwrap_or("");
    let prefix: String = line_text.chars().take(column_chars).collect();
    // Parse with the line being typed blanked out, so a half-written key does not break the tree.
    let blanked: String = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                l.chars()
                    .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
                    .collect()
            } else {
                l.to_owned()
            }
        })
        .collect();
    let file: Arc<Path> = Arc::from(path);
    let document = syntax::parse_text(&file, &blanked, &Limits::default());
    let body = prefix.trim_start();
    let (indent, body) = match body.strip_prefix("- ") {
        Some(rest) => (prefix.len() - rest.len(), rest),
        None => (prefix.len() - body.len(), body),
    };
    let mapping = locate::mapping_for(&document, line, indent);
    let tag = |p: &[Step]| locate::tag_at(&document, p);
    match body.split_once(':') {
        Some((key, _)) => {
            let mut field_path = mapping.clone();
            field_path.push(Step::Key(key.trim().to_owned()));
            value_items(kind, &document, &field_path, path, env, &tag)
        }
        None => key_items(kind, &document, &mapping, &tag),
    }
}

fn key_items(
    kind: FileKind,
    document: &Document,
    mapping: &[Step],
    tag: &dyn Fn(&[Step]) -> Option<String>,
) -> Vec<CompletionItem> {
    let present: Vec<String> = locate::node_at(document, mapping)
        .and_then(|n| n.as_mapping())
        .map(|entries| entries.iter().filter_map(|e| e.key.key_text()).collect())
        .unwrap_or_default();
    navigate::fields(kind, mapping, tag)
        .into_iter()
        .filter(|f| !present.contains(&f.name))
        .map(|field| {
            let secret = navigate::takes_secret_ref(&field.schema)
                && field.schema.get("type").and_then(|t| t.as_str()) != Some("string");
            let (insert, format) = if secret {
                (
                    format!("{}: {{secret_ref: ${{1:name}}}}", field.name),
                    InsertTextFormat::SNIPPET,
                )
            } else {
                (format!("{}: ", field.name), InsertTextFormat::PLAIN_TEXT)
            };
            CompletionItem {
                label: field.name.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: field.required.then(|| "required".to_owned()),
                documentation: docs(field.description),
                insert_text: Some(insert),
                insert_text_format: Some(format),
                sort_text: Some(format!(
                    "{}{}",
                    if field.required { 0 } else { 1 },
                    field.name
                )),
                ..Default::default()
            }
        })
        .collect()
}

fn value_items(
    kind: FileKind,
    document: &Document,
    field: &[Step],
    path: &Path,
    env: &Environments<'_>,
    tag: &dyn Fn(&[Step]) -> Option<String>,
) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    // floe.yaml logical references: the profile names of every environment.
    if kind == FileKind::Floe
        && field.len() == 1
        && let Some((section, label)) = field.first().and_then(|s| match s {
            Step::Key(k) => profile_kind(k),
            _ => None,
        })
    {
        let mut names: Vec<(String, Vec<String>)> = Vec::new();
        for (env_name, platform) in env.documents(path) {
            let section_node = platform.root.as_ref().and_then(|r| r.get(section));
            for entry in section_node
                .and_then(|s| s.value.as_mapping())
                .unwrap_or(&[])
            {
                let Some(name) = entry.key.key_text() else {
                    continue;
                };
                match names.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, envs)) => envs.push(env_name.clone()),
                    None => names.push((name, vec![env_name.clone()])),
                }
            }
        }
        for (name, envs) in names {
            items.push(CompletionItem {
                label: name,
                kind: Some(CompletionItemKind::REFERENCE),
                detail: Some(format!("{label} profile in {}", envs.join(", "))),
                ..Default::default()
            });
        }
        return items;
    }
    // Same-file references in platform.yaml (layers, compute logs).
    if kind == FileKind::Platform {
        let target = match field.last() {
            Some(Step::Key(k)) if k == "storage_ref" => Some("storage"),
            Some(Step::Key(k)) if k == "catalog_ref" => Some("catalogs"),
            _ => None,
        };
        if let Some(section) = target {
            for entry in document
                .root
                .as_ref()
                .and_then(|r| r.get(section))
                .and_then(|s| s.value.as_mapping())
                .unwrap_or(&[])
            {
                if let Some(name) = entry.key.key_text() {
                    items.push(CompletionItem {
                        label: name,
                        kind: Some(CompletionItemKind::REFERENCE),
                        ..Default::default()
                    });
                }
            }
            return items;
        }
    }
    let Some(schema) = navigate::schema_at(kind, field, tag) else {
        return items;
    };
    for value in navigate::allowed_values(&schema) {
        items.push(CompletionItem {
            label: value,
            kind: Some(CompletionItemKind::ENUM_MEMBER),
            ..Default::default()
        });
    }
    if navigate::takes_secret_ref(&schema) {
        items.push(CompletionItem {
            label: "{secret_ref: …}".to_owned(),
            kind: Some(CompletionItemKind::SNIPPET),
            detail: Some(
                "reference a secret (environment variable or /var/run/secrets)".to_owned(),
            ),
            insert_text: Some("{secret_ref: ${1:name}}".to_owned()),
            insert_text_format: Some(InsertTextFormat::SNIPPET),
            ..Default::default()
        });
    }
    if schema.get("type").and_then(|t| t.as_str()) == Some("boolean")
        || schema
            .get("type")
            .and_then(|t| t.as_array())
            .is_some_and(|a| a.iter().any(|t| t == "boolean"))
    {
        for value in ["true", "false"] {
            items.push(CompletionItem {
                label: value.to_owned(),
                kind: Some(CompletionItemKind::VALUE),
                ..Default::default()
            });
        }
    }
    items
}
