//! Code actions: every rule fix as a quick fix, "ignore CODE on this line / in this file", and
//! `source.fixAll.floe-lint` (all safe fixes).

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    Diagnostic as LspDiagnostic, NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::request::Request;
use super::{Backend, convert};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::fix;
use crate::syntax::{ColumnUnit, Document};

pub const FIX_ALL: &str = "source.fixAll.floe-lint";

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

pub async fn request(backend: &Backend, params: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = params.text_document.uri;
    let wants_fix_all = params
        .context
        .only
        .as_ref()
        .is_some_and(|o| o.iter().any(|k| k.as_str().starts_with("source")));
    if wants_fix_all {
        backend.queue.settled().await;
    }
    let request = Request::any(backend, &uri)?;
    // Fix-all edits the whole file: only from findings of its current text.
    let current = if wants_fix_all {
        request.snapshot.findings_now(&request.path)
    } else {
        Vec::new()
    };
    // Findings published for an older text: their ranges and edits would land in the wrong place.
    let revision = request.snapshot.revision(&request.path);
    let sent: Vec<LspDiagnostic> = params
        .context
        .diagnostics
        .into_iter()
        .filter(|d| {
            let from = d
                .data
                .as_ref()
                .and_then(|data| data.get("revision")?.as_u64());
            from.is_none() || from == revision
        })
        .collect();
    Some(actions(
        &uri,
        &request.document,
        &sent,
        params.context.only.as_deref(),
        &current,
        request.snapshot.unit,
    ))
}

/// The quick fixes and suppressions for the diagnostics the client sent.
fn actions(
    uri: &Uri,
    document: &Document,
    sent: &[LspDiagnostic],
    only: Option<&[CodeActionKind]>,
    current: &[Diagnostic],
    unit: ColumnUnit,
) -> Vec<CodeActionOrCommand> {
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|o| o.iter().any(|k| kind.as_str().starts_with(k.as_str())))
    };
    let mut out = Vec::new();
    let comment = if document.file.extension().is_some_and(|e| e == "sql") {
        "--"
    } else {
        "#"
    };
    if wants(&CodeActionKind::QUICKFIX) {
        for diagnostic in sent {
            let Some(NumberOrString::String(code)) = &diagnostic.code else {
                continue;
            };
            if diagnostic.source.as_deref() != Some("floe-lint") {
                continue;
            }
            if let Some(fix) = diagnostic.data.as_ref().and_then(|d| d.get("fix")) {
                let edits: Vec<TextEdit> = fix
                    .get("edits")
                    .and_then(|e| serde_json::from_value::<Vec<TextEdit>>(e.clone()).ok())
                    .unwrap_or_default();
                let title = fix
                    .get("title")
                    .and_then(|t| t.as_str())
                    .unwrap_or("Fix")
                    .to_owned();
                let safe = fix.get("safe").and_then(|s| s.as_bool()).unwrap_or(false);
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: if safe {
                        title
                    } else {
                        format!("{title} (unsafe)")
                    },
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit(uri, edits)),
                    is_preferred: Some(safe),
                    ..Default::default()
                }));
            }
            if code.starts_with("FL9") {
                continue;
            }
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Ignore {code} on this line"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(
                    uri,
                    vec![ignore_line(
                        document,
                        diagnostic.range.start.line,
                        code,
                        comment,
                        unit,
                    )],
                )),
                ..Default::default()
            }));
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Ignore {code} in this file"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit {
                        range: Range {
                            start: Position {
                                line: 0,
                                character: 0,
                            },
                            end: Position {
                                line: 0,
                                character: 0,
                            },
                        },
                        new_text: format!("{comment} floe-lint: ignore-file[{code}]\n"),
                    }],
                )),
                ..Default::default()
            }));
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    if only.is_some_and(|o| {
        o.iter()
            .any(|k| FIX_ALL.starts_with(k.as_str()) && k.as_str().starts_with("source"))
    }) && wants(&fix_all)
        && let Some(action) = fix_all_action(uri, document, current, unit)
    {
        out.push(action);
    }
    out
}

/// `# floe-lint: ignore[CODE]` at the end of the line, or on its own line above when the line
/// already ends in a comment.
fn ignore_line(
    document: &Document,
    line: u32,
    code: &str,
    comment: &str,
    unit: ColumnUnit,
) -> TextEdit {
    let index = &document.line_index;
    let start = index.line_start(line as usize);
    let end = index.line_end(&document.text, line as usize);
    let text = document.text.get(start..end).unwrap_or("");
    let has_comment = document
        .comments
        .iter()
        .any(|c| c.span.start >= start && c.span.start < end)
        || (comment == "--" && text.contains("--"));
    if has_comment || text.trim().is_empty() {
        let indent: String = text.chars().take_while(|c| c.is_whitespace()).collect();
        let at = convert::position(document, start, unit);
        TextEdit {
            range: Range { start: at, end: at },
            new_text: format!("{indent}{comment} floe-lint: ignore[{code}]\n"),
        }
    } else {
        let at = convert::position(document, end, unit);
        TextEdit {
            range: Range { start: at, end: at },
            new_text: format!("  {comment} floe-lint: ignore[{code}]"),
        }
    }
}

/// All safe fixes of the document at once.
pub fn fix_all_action(
    uri: &Uri,
    document: &Document,
    current: &[Diagnostic],
    unit: ColumnUnit,
) -> Option<CodeActionOrCommand> {
    if !document.loadable {
        return None;
    }
    let fixes: Vec<_> = current
        .iter()
        .filter(|d| *d.file == *document.file)
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .collect();
    if fixes.is_empty() {
        return None;
    }
    let (text, applied) = fix::apply(&document.text, fixes);
    if applied == 0 || text == document.text {
        return None;
    }
    let whole = convert::range(
        document,
        crate::diagnostic::Span::new(0, document.text.len()),
        unit,
    );
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Fix all safe floe-lint findings ({applied})"),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(edit(
            uri,
            vec![TextEdit {
                range: whole,
                new_text: text,
            }],
        )),
        ..Default::default()
    }))
}
