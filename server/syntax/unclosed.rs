//! Where an unclosed quote started. A quote left open (`endpoint: "http://localhost:4566`)
//! swallows the lines after it until the next quote of the same kind, and the YAML parser only
//! stops there, often many lines below. After a syntax error, this finds the quoted scalar that
//! ran across lines holding `key: value` structure, so the error can point at its start.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::diagnostic::codes::syntax::YAML_SYNTAX;
use crate::diagnostic::{Diagnostic, Span};

/// A mapping entry: what a swallowed line looks like.
static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:- )?[A-Za-z0-9_.-]+:(?:\s|$)"#).expect("static regex compiles")
});

/// A quoted scalar: the offset of its opening quote and of its closing one (`None`: still open
/// at the end of what was read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Quoted {
    open: usize,
    close: Option<usize>,
}

/// The syntax error at `stop`, reported at the unclosed quote that caused it, if one did.
pub fn diagnostic(file: &Arc<Path>, text: &str, stop: Span, info: &str) -> Option<Diagnostic> {
    let open = unclosed_quote(text, stop.start)?;
    let line_of = |at: usize| text.get(..at).unwrap_or(text).matches('\n').count() + 1;
    let (open_line, stop_line) = (line_of(open), line_of(stop.start));
    let quote = text.get(open..open + 1).unwrap_or("\"");
    Some(
        Diagnostic::new(
            &YAML_SYNTAX,
            file,
            Span::new(open, open + 1),
            format!(
                "unclosed quoted string: the {quote} opened here is not closed on line {open_line}, so the lines after it are read as part of the string until the parser stops on line {stop_line} ({info})"
            ),
        )
        .with_help(format!("close the quote on line {open_line}"))
        .with_related(file, stop, format!("the YAML parser gave up here: {info}")),
    )
}

/// The opening quote of a quoted scalar that is not closed on its own line and ran over
/// `key: value` lines up to the syntax error at `error_offset` (or past the end of the text).
fn unclosed_quote(text: &str, error_offset: usize) -> Option<usize> {
    let mut error_offset = error_offset.min(text.len());
    while !text.is_char_boundary(error_offset) {
        error_offset -= 1;
    }
    let error_line_start = text[..error_offset].rfind('\n').map_or(0, |i| i + 1);
    let last = quoted_scalars(text, error_offset)?;
    // Closed before the line of the error: not what stopped the parser.
    if last.close.is_some_and(|c| c < error_line_start) {
        return None;
    }
    let end = last.close.unwrap_or(text.len()).min(text.len());
    let inside = text.get(last.open + 1..end)?;
    let mut lines = inside.split('\n');
    lines.next()?; // the rest of the opening line
    let swallowed = lines.any(|line| ENTRY.is_match(line));
    swallowed.then_some(last.open)
}

/// The last quoted scalar that opens before `until`.
fn quoted_scalars(text: &str, until: usize) -> Option<Quoted> {
    let bytes = text.as_bytes();
    let until = until.min(bytes.len());
    let mut last = None;
    let mut at_scalar_start = true;
    let mut i = 0;
    while i < until {
        match bytes[i] {
            b'\n' => {
                at_scalar_start = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                i = bytes[i..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
            }
            quote @ (b'"' | b'\'') if at_scalar_start => {
                let close = closing(bytes, i, quote);
                last = Some(Quoted { open: i, close });
                i = close.map_or(bytes.len(), |c| c + 1);
                at_scalar_start = false;
            }
            // Indicators after which a scalar may start: `key: `, `- `, `? `, flow punctuation.
            b':' | b'-' | b'?'
                if matches!(bytes.get(i + 1), Some(b' ' | b'\t' | b'\n' | b'\r') | None) =>
            {
                at_scalar_start = true;
                i += 1;
            }
            b'[' | b'{' | b',' => {
                at_scalar_start = true;
                i += 1;
            }
            _ => {
                at_scalar_start = false;
                i += 1;
            }
        }
    }
    last
}

/// The offset of the quote that closes the scalar opened at `open`.
fn closing(bytes: &[u8], open: usize, quote: u8) -> Option<usize> {
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_quote_that_swallowed_lines() {
        let text = "storage:\n  default:\n    endpoint: \"http://localhost:4566\n    region: us-east-1\n    bucket: lake\ncatalogs:\n  default:\n    uri: \"http://x/api\"\n";
        let error = text.find("http://x").expect("error position");
        assert_eq!(unclosed_quote(text, error), text.find("\"http://localhost"));
        let open_to_end = "a: 'it\nb: c\n";
        assert_eq!(unclosed_quote(open_to_end, open_to_end.len()), Some(3));
    }

    #[test]
    fn closed_quotes_and_folded_strings_are_left_alone() {
        let text = "a: \"one\"\nb: \"folded\n  over lines\"\nc: [\n";
        assert_eq!(unclosed_quote(text, text.len()), None);
        let plain = "name: it's fine\nnext: x: y\n";
        assert_eq!(unclosed_quote(plain, plain.find("x: y").expect("x")), None);
        assert_eq!(unclosed_quote("", 0), None);
        assert_eq!(unclosed_quote("a: \"é\n b: c", 99), Some(3));
    }
}
