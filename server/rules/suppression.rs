//! Inline suppressions: `# floe-lint: ignore[FL300, FL402] reason` on the finding's line or the
//! line above, `# floe-lint: ignore-file[FL400]` anywhere in the file (`-- floe-lint: …` in SQL).
//! A suppression that suppresses nothing, or names no rule, is itself reported.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::codes::suppression::{UNKNOWN_CODE, UNUSED};
use crate::diagnostic::{Diagnostic, Span};
use crate::rules::registry;
use crate::syntax::Document;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"floe-lint:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?")
        .expect("static regex compiles")
});

/// One parsed suppression comment.
#[derive(Debug)]
struct Directive {
    file_level: bool,
    /// 0-based line the comment is on.
    line: usize,
    /// The comment is alone on its line (then it covers the next line too).
    own_line: bool,
    codes: Vec<(String, Span)>,
    span: Span,
}

/// Comments of a document as `(span of the text after the marker, text)`: YAML `#` comments
/// from the parser; `--` comments of SQL files by scanning lines.
fn comments(document: &Document) -> Vec<(Span, &str)> {
    if document.root.is_some() || !document.comments.is_empty() {
        return document
            .comments
            .iter()
            .map(|c| {
                (
                    Span::new(c.span.start + 1, c.span.end),
                    c.text(&document.text),
                )
            })
            .collect();
    }
    let mut out = Vec::new();
    for line in 0..document.line_index.line_count() {
        let start = document.line_index.line_start(line);
        let end = document.line_index.line_end(&document.text, line);
        let text = document.text.get(start..end).unwrap_or("");
        if let Some(at) = text.find("--") {
            out.push((Span::new(start + at + 2, end), &text[at + 2..]));
        }
    }
    out
}

fn parse(document: &Document) -> Vec<Directive> {
    let mut out = Vec::new();
    for (span, text) in comments(document) {
        // Every directive starts with this literal: most comments are never searched.
        if !text.contains("floe-lint:") {
            continue;
        }
        for caps in DIRECTIVE.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let file_level = caps.get(1).is_some_and(|k| k.as_str() == "ignore-file");
            let mut codes = Vec::new();
            if let Some(list) = caps.get(2) {
                let mut offset = list.start();
                for part in list.as_str().split(',') {
                    let trimmed = part.trim();
                    let lead = part.len() - part.trim_start().len();
                    if !trimmed.is_empty() {
                        let start = span.start + offset + lead;
                        codes.push((trimmed.to_owned(), Span::new(start, start + trimmed.len())));
                    }
                    offset += part.len() + 1;
                }
            }
            let line = document.line_index.line_of(span.start);
            let line_start = document.line_index.line_start(line);
            let before = document
                .text
                .get(line_start..span.start.saturating_sub(2))
                .unwrap_or("");
            out.push(Directive {
                file_level,
                line,
                own_line: before.trim().is_empty(),
                codes,
                span: Span::new(span.start + whole.start(), span.start + whole.end()),
            });
        }
    }
    out
}

/// The directives of a document that were used: (directive, code) positions.
pub type Used = HashSet<(usize, usize)>;

/// Removes suppressed diagnostics of `document` from `diagnostics` and adds FL900/FL901 findings.
pub fn apply(document: &Document, diagnostics: &mut Vec<Diagnostic>) {
    apply_after(document, diagnostics, Used::new());
}

/// [`apply`], after earlier [`filter`]s of the same document's findings used `used`.
pub fn apply_after(document: &Document, diagnostics: &mut Vec<Diagnostic>, mut used: Used) {
    let directives = parse(document);
    if directives.is_empty() {
        return;
    }
    remove_suppressed(document, &directives, diagnostics, &mut used);
    report_unused(document, &directives, &used, diagnostics);
}

/// Removes the suppressed findings of `document` from `diagnostics`, noting the directives
/// used; unused ones are reported later by [`apply_after`]. For a check that bounds its findings
/// as they are made.
pub fn filter(document: &Document, diagnostics: &mut Vec<Diagnostic>, used: &mut Used) {
    let directives = parse(document);
    if !directives.is_empty() {
        remove_suppressed(document, &directives, diagnostics, used);
    }
}

fn remove_suppressed(
    document: &Document,
    directives: &[Directive],
    diagnostics: &mut Vec<Diagnostic>,
    used: &mut Used,
) {
    diagnostics.retain(|d| {
        if d.file != document.file || d.rule.code.starts_with("FL9") {
            return true;
        }
        let line = document.line_index.line_of(d.span.start);
        for (i, directive) in directives.iter().enumerate() {
            let covers = directive.file_level
                || directive.line == line
                || (directive.own_line && directive.line + 1 == line);
            if !covers {
                continue;
            }
            if let Some(j) = directive
                .codes
                .iter()
                .position(|(code, _)| code.eq_ignore_ascii_case(d.rule.code) || code == d.rule.name)
            {
                used.insert((i, j));
                return false;
            }
        }
        true
    });
}

fn report_unused(
    document: &Document,
    directives: &[Directive],
    used: &Used,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (i, directive) in directives.iter().enumerate() {
        if directive.codes.is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    &UNKNOWN_CODE,
                    &document.file,
                    directive.span,
                    "suppression names no rule",
                )
                .with_help("name the codes it suppresses: `floe-lint: ignore[FL300] reason`"),
            );
        }
        for (j, (code, span)) in directive.codes.iter().enumerate() {
            if registry::find(code).is_none() {
                diagnostics.push(Diagnostic::new(
                    &UNKNOWN_CODE,
                    &document.file,
                    *span,
                    format!("unknown rule code `{code}` in suppression"),
                ));
            } else if !used.contains(&(i, j)) {
                diagnostics.push(
                    Diagnostic::new(
                        &UNUSED,
                        &document.file,
                        *span,
                        format!("unused suppression: no `{code}` finding here"),
                    )
                    .with_help("remove it"),
                );
            }
        }
    }
}
