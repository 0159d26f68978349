//! Hover: a field's documentation from the schema; on a floe.yaml reference, the profile it
//! resolves to in each environment (secrets redacted); on a finding, the rule's documentation.

use std::path::Path;

use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::Backend;
use super::locate::{self, Located};
use super::profiles::{Environments, resolved_profiles};
use super::request::Request;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::vocabulary::Section;
use crate::model::{FileKind, navigate};
use crate::syntax::Document;

pub async fn request(backend: &Backend, params: HoverParams) -> Option<Hover> {
    // Hover shows the findings under the cursor: those of the text the client sees.
    backend.queue.settled().await;
    let position = params.text_document_position_params;
    let (request, kind) = Request::config(backend, &position.text_document.uri)?;
    let offset = request.offset(position.position);
    let findings = request.snapshot.findings(&request.path).unwrap_or(&[]);
    request.snapshot.with_environments(&request.path, |env| {
        hover(
            kind,
            &request.document,
            offset,
            findings,
            &request.path,
            env,
        )
    })
}

fn hover(
    kind: FileKind,
    document: &Document,
    offset: usize,
    findings: &[Diagnostic],
    path: &Path,
    env: &Environments<'_>,
) -> Option<Hover> {
    let mut sections: Vec<String> = Vec::new();
    let located = locate::at(document, offset);
    if let Some(located) = &located {
        if let Some(text) = reference_hover(kind, located, path, env) {
            sections.push(text);
        }
        if let Some(text) = field_hover(kind, document, located) {
            sections.push(text);
        }
    }
    for finding in findings
        .iter()
        .filter(|d| d.span.start <= offset && offset <= d.span.end)
    {
        sections.push(format!(
            "**{} {}**: {}\n\n{}",
            finding.rule.code,
            finding.rule.name,
            finding.rule.summary,
            finding.rule.docs().trim()
        ));
    }
    if sections.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

fn field_hover(kind: FileKind, document: &Document, located: &Located<'_>) -> Option<String> {
    let tag = |p: &[navigate::Step]| locate::tag_at(document, p);
    let schema = navigate::schema_at(kind, &located.path, &tag)?;
    let name = match located.path.last()? {
        navigate::Step::Key(k) => k.clone(),
        navigate::Step::Index(i) => format!("[{i}]"),
    };
    let mut text = format!("**`{name}`**");
    if let Some(description) = navigate::description(&schema) {
        text.push_str("\n\n");
        text.push_str(&description);
    }
    let allowed = navigate::allowed_values(&schema);
    if !allowed.is_empty() && allowed.len() <= 12 {
        text.push_str(&format!(
            "\n\nAllowed: {}",
            allowed
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(default) = schema
        .get("default")
        .filter(|d| !d.is_null() && !d.as_object().is_some_and(|o| o.is_empty()))
    {
        text.push_str(&format!("\n\nDefault: `{default}`"));
    }
    Some(text)
}

fn reference_hover(
    kind: FileKind,
    located: &Located<'_>,
    floe_path: &Path,
    env: &Environments<'_>,
) -> Option<String> {
    if kind != FileKind::Floe || located.path.len() != 1 || located.on_key {
        return None;
    }
    let navigate::Step::Key(key) = &located.path[0] else {
        return None;
    };
    let section = Section::from_floe_key(key)?;
    let name = located.node.as_str()?;
    let mut text = format!("**{} profile `{name}`**", section.label());
    let resolved = resolved_profiles(floe_path, section, name, env);
    if resolved.is_empty() {
        text.push_str("\n\nNo platform.yaml found for this floe.yaml.");
    }
    for (env, snippet) in resolved {
        match snippet {
            Some(yaml) => text.push_str(&format!("\n\nEnvironment `{env}`:\n```yaml\n{yaml}\n```")),
            None => text.push_str(&format!("\n\nEnvironment `{env}`: **not defined**")),
        }
    }
    Some(text)
}
