//! Completion items: a key inserts the shape its value takes (a nested block at the file's
//! indentation, a list item, a choice of values, a `{secret_ref: …}`), with its documentation;
//! values replace what was typed of them.

use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, InsertTextFormat,
    InsertTextMode, MarkupContent, MarkupKind, Position, Range, TextEdit,
};

use crate::dialect::runtime::vocabulary::SECRET_REF;
use crate::model::FileKind;
use crate::model::navigate::{self, Field, Shape};
use crate::syntax::ColumnUnit;
use crate::syntax::resolve::{Scalar, resolve_plain};

/// Where on its line an item's text goes.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    pub line: u32,
    pub text: &'a str,
    pub unit: ColumnUnit,
}

impl Place<'_> {
    /// The LSP range between two char columns of the line.
    pub fn range(&self, start: usize, end: usize) -> Range {
        let character = |col: usize| -> u32 {
            let width: usize = self
                .text
                .chars()
                .take(col)
                .map(|c| match self.unit {
                    ColumnUnit::Utf16 => c.len_utf16(),
                    ColumnUnit::Utf8 => c.len_utf8(),
                    ColumnUnit::Char => 1,
                })
                .sum();
            u32::try_from(width).unwrap_or(u32::MAX)
        };
        Range {
            start: Position::new(self.line, character(start)),
            end: Position::new(self.line, character(end)),
        }
    }
}

/// How items are written for this client and file.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The client expands snippets (`$1`, `${1|a,b|}`).
    pub snippets: bool,
    /// Spaces per indentation level in the file.
    pub indent: usize,
}

fn markdown(value: String) -> Option<Documentation> {
    (!value.is_empty()).then_some(Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }))
}

/// Escapes text for a snippet (`$`, `}` and `\`), and inside a choice also `|` and `,`.
fn escape(text: &str, choice: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') || (choice && matches!(c, '|' | ',')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A value as YAML would need it written plain (quoted when it would read as something else).
pub(super) fn yaml_value(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !value.contains(": ")
        && !value.contains(" #")
        && matches!(resolve_plain(value), Scalar::Str);
    if plain {
        value.to_owned()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn field_docs(kind: FileKind, field: &Field) -> String {
    let mut text = field.description.clone().unwrap_or_default();
    if let Shape::Choice(values) = navigate::shape(kind, &field.schema)
        && values.len() <= 12
    {
        text.push_str(&format!(
            "\n\nAllowed: {}",
            values
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(default) = field
        .schema
        .get("default")
        .filter(|d| !d.is_null() && !d.as_object().is_some_and(|o| o.is_empty()))
    {
        text.push_str(&format!("\n\nDefault: `{default}`"));
    }
    text
}

/// A key of a block mapping (`flow`: of a flow mapping), replacing `replace`.
pub fn key(
    kind: FileKind,
    field: &Field,
    replace: Range,
    style: Style,
    flow: bool,
) -> CompletionItem {
    let name = &field.name;
    let shape = navigate::shape(kind, &field.schema);
    let pad = " ".repeat(style.indent);
    let (text, snippet) = match (&shape, flow) {
        (_, _) if !style.snippets => (
            format!(
                "{name}:{}",
                if !flow && matches!(shape, Shape::Mapping | Shape::Sequence) {
                    ""
                } else {
                    " "
                }
            ),
            false,
        ),
        (Shape::Mapping, false) => (format!("{}:\n{pad}$0", escape(name, false)), true),
        (Shape::Sequence, false) => (format!("{}:\n{pad}- $0", escape(name, false)), true),
        (Shape::Mapping, true) => (format!("{}: {{$1}}", escape(name, false)), true),
        (Shape::Sequence, true) => (format!("{}: [$1]", escape(name, false)), true),
        (Shape::Choice(values), _) => (
            format!(
                "{}: ${{1|{}|}}",
                escape(name, false),
                values
                    .iter()
                    .map(|v| escape(&yaml_value(v), true))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            true,
        ),
        (Shape::Boolean, _) => (format!("{}: ${{1|true,false|}}", escape(name, false)), true),
        (Shape::Secret, _) => (
            format!("{}: {{{SECRET_REF}: ${{1:name}}}}", escape(name, false)),
            true,
        ),
        (Shape::Scalar, _) => (format!("{}: $0", escape(name, false)), true),
    };
    CompletionItem {
        label: name.clone(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: Some(
            match (field.required, shape) {
                (true, _) => "required",
                (false, Shape::Mapping) => "mapping",
                (false, Shape::Sequence) => "list",
                _ => "optional",
            }
            .to_owned(),
        ),
        documentation: markdown(field_docs(kind, field)),
        sort_text: Some(format!("{}{name}", u8::from(!field.required))),
        filter_text: Some(name.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: replace,
            new_text: text,
        })),
        insert_text_format: Some(if snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        // Nested lines carry one level of indentation; the client adds the line's own.
        insert_text_mode: Some(InsertTextMode::ADJUST_INDENTATION),
        ..Default::default()
    }
}

/// A string value (an enum member, a profile name), replacing what was typed of it; quoted where
/// YAML would read it as something else.
pub fn value(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    replace: Range,
    space: bool,
) -> CompletionItem {
    literal(label, &yaml_value(label), kind, detail, replace, space)
}

/// A value written as given (`true`, `false`, a one-item flow list).
pub fn literal(
    label: &str,
    written: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    replace: Range,
    space: bool,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail,
        filter_text: Some(label.to_owned()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: replace,
            new_text: if space {
                format!(" {written}")
            } else {
                written.to_owned()
            },
        })),
        insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
        ..Default::default()
    }
}

/// The `{secret_ref: …}` form of a secret field's value.
pub fn secret_ref(replace: Range, space: bool, style: Style) -> CompletionItem {
    let lead = if space { " " } else { "" };
    let (text, format) = if style.snippets {
        (
            format!("{lead}{{{SECRET_REF}: ${{1:name}}}}"),
            InsertTextFormat::SNIPPET,
        )
    } else {
        (
            format!("{lead}{{{SECRET_REF}: }}"),
            InsertTextFormat::PLAIN_TEXT,
        )
    };
    CompletionItem {
        label: format!("{{{SECRET_REF}: …}}"),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some("reference a secret (environment variable or /var/run/secrets)".to_owned()),
        filter_text: Some(SECRET_REF.to_owned()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: replace,
            new_text: text,
        })),
        insert_text_format: Some(format),
        ..Default::default()
    }
}

/// A whole-file skeleton for an empty file.
pub fn skeleton(
    label: &str,
    snippet: &str,
    plain: &str,
    style: Style,
    replace: Range,
) -> CompletionItem {
    let pad = " ".repeat(style.indent);
    let (text, format) = if style.snippets {
        (snippet.replace("\t", &pad), InsertTextFormat::SNIPPET)
    } else {
        (plain.replace("\t", &pad), InsertTextFormat::PLAIN_TEXT)
    };
    CompletionItem {
        label: label.to_owned(),
        kind: Some(CompletionItemKind::SNIPPET),
        detail: Some("a minimal valid file to start from".to_owned()),
        documentation: markdown(format!("```yaml\n{}\n```", plain.replace("\t", &pad))),
        sort_text: Some("!".to_owned()),
        filter_text: Some(String::new()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: replace,
            new_text: text,
        })),
        insert_text_format: Some(format),
        ..Default::default()
    }
}
