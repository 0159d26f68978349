//! Secret values are never printed whole: not in messages, help, hover, JSON, SARIF or logs.

use crate::diagnostic::Span;

/// A redacted form of a secret: at most its first two characters (none for short values), an
/// ellipsis, and its length: `AK… (20 chars)`.
pub fn secret(value: &str) -> String {
    let count = value.chars().count();
    let shown: String = if count >= 12 {
        value.chars().take(2).collect()
    } else {
        String::new()
    };
    format!("{shown}… ({count} chars)")
}

/// A URL with any `user:password@` part masked: `https://***@host/path`.
pub fn url(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_owned();
    };
    let rest = &text[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}***@{}", &text[..scheme_end + 3], &rest[at + 1..]),
        None => text.to_owned(),
    }
}

/// The text with every secret span overwritten by `*` (byte for byte, so every other span still
/// points at the same text). Surrounding quotes stay, so the snippet still reads as YAML. Every
/// view of a file's text goes through this: snippets in each output format, hover, diffs.
pub fn mask(text: &str, spans: &[Span]) -> String {
    let quote = |offset: usize| matches!(text.as_bytes().get(offset), Some(b'"' | b'\''));
    // The hidden ranges, without their quotes, in order (one pass over the text).
    let mut hidden: Vec<(usize, usize)> = spans
        .iter()
        .map(|s| {
            let start = if quote(s.start) { s.start + 1 } else { s.start };
            let end = if s.end > start && quote(s.end - 1) {
                s.end - 1
            } else {
                s.end
            };
            (start, end)
        })
        .filter(|(start, end)| start < end)
        .collect();
    hidden.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut next = 0;
    let mut covered_to = 0;
    for (offset, ch) in text.char_indices() {
        while let Some(&(start, end)) = hidden.get(next)
            && start <= offset
        {
            covered_to = covered_to.max(end);
            next += 1;
        }
        if offset < covered_to {
            out.extend(std::iter::repeat_n('*', ch.len_utf8()));
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_more_than_two_characters() {
        assert_eq!(secret("AKIAIOSFODNN7EXAMPLE"), "AK… (20 chars)");
        assert_eq!(secret("hunter2"), "… (7 chars)");
        assert_eq!(url("https://bob:pw@host:1/x@y"), "https://***@host:1/x@y");
        assert_eq!(url("http://host/a"), "http://host/a");
    }

    #[test]
    fn masks_inside_quotes_byte_for_byte() {
        let text = "a: \"secret\"\nb: plain\nc: 'x€y'\n";
        let spans = [Span::new(3, 11), Span::new(24, 31)];
        assert_eq!(mask(text, &spans), "a: \"******\"\nb: plain\nc: '*****'\n");
        assert_eq!(mask(text, &[]), text);
    }
}
