//! Text edits that keep comments and formatting: replace one scalar, or add one `key: value`
//! line to a block mapping.

use crate::diagnostic::{Applicability, Edit, Fix, Span};
use crate::syntax::{Document, Entry, Node};

/// Replaces a scalar's text, keeping its quote style.
pub fn replace_scalar(document: &Document, node: &Node, value: &str) -> Edit {
    let original = document
        .text
        .get(node.span.start..node.span.end)
        .unwrap_or("");
    let quote = original.chars().next().filter(|c| *c == '"' || *c == '\'');
    let replacement = match quote {
        Some(q) => format!("{q}{value}{q}"),
        None => value.to_owned(),
    };
    Edit {
        span: node.span,
        replacement,
    }
}

/// Adds `key: value` as the last entry of a block mapping, on its own line with the mapping's
/// indentation, after the line the last entry ends on (so a trailing comment stays where it was).
/// `None` for flow mappings (`{…}`), empty mappings, or mappings that share a line.
pub fn append_entry(document: &Document, mapping: &Node, key: &str, value: &str) -> Option<Edit> {
    let entries = mapping.as_mapping()?;
    let first = entries.iter().find(|e| !e.merged)?;
    let last = entries.iter().rev().find(|e| !e.merged)?;
    if document.text.as_bytes().get(mapping.span.start) == Some(&b'{') {
        return None;
    }
    let index = &document.line_index;
    let first_line = index.line_of(first.key.span.start);
    let indent_text = document
        .text
        .get(index.line_start(first_line)..first.key.span.start)?;
    // `- key: v` sequence items: indent to the key, with spaces.
    let indent: String = indent_text
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let last_line = index.line_of(last.value.span.end.max(last.key.span.end));
    let line_end = index.line_end(&document.text, last_line);
    // The line's own break (looking at the whole text would cost its length per edit).
    let break_text = if document.text.as_bytes().get(line_end) == Some(&b'\r') {
        "\r\n"
    } else {
        "\n"
    };
    let replacement = format!("{break_text}{indent}{key}: {value}");
    Some(Edit {
        span: Span::point(line_end),
        replacement,
    })
}

/// Gives an entry written with no value (`key:`) a value, right after its colon.
pub fn fill_empty(document: &Document, entry: &Entry, value: &str) -> Option<Edit> {
    let after_key = entry.key.span.end;
    let rest = document.text.get(after_key..)?;
    let colon = rest.find(':')?;
    // Only blanks may stand between the key and its colon.
    if !rest[..colon].chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    Some(Edit {
        span: Span::point(after_key + colon + 1),
        replacement: format!(" {value}"),
    })
}

pub fn fix(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
    Fix {
        title: title.into(),
        applicability,
        edits,
    }
}
