//! Just enough of dbt SQL (SQL with Jinja) to tell a statement from a mention: which text is SQL
//! code, which is a string literal or a comment, and where a statement may start.
//!
//! Jinja string literals are read as SQL of their own: in `run_query("CREATE SECRET …")` or a
//! `pre_hook="…"` the string is what dbt runs. A SQL string literal (`'CREATE SECRET is
//! forbidden' as note`) is data, and a comment is nothing.

use regex::Regex;

use crate::diagnostic::Span;

/// Jinja strings holding Jinja strings holding SQL: deeper than this is not read.
const MAX_DEPTH: usize = 4;

/// Matches of `statement` that begin a statement of the SQL in `text`: at the start, after a
/// `;`, after a Jinja tag or expression, or at the start of a Jinja string, with only
/// whitespace and comments between. Offsets are into `text`.
pub fn statements(text: &str, statement: &Regex) -> Vec<Span> {
    let mut found = Vec::new();
    scan(text, 0, text.len(), statement, 0, &mut found);
    found
}

fn scan(text: &str, from: usize, to: usize, statement: &Regex, depth: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut at_start = true;
    let mut i = from;
    while i < to {
        let rest = &bytes[i..to];
        let (skip, starts_statement) = match rest {
            [b'-', b'-', ..] => (line_end(bytes, i, to) - i, at_start),
            [b'/', b'*', ..] => (
                find(bytes, i + 2, to, b"*/").map_or(to, |e| e + 2) - i,
                at_start,
            ),
            [b'{', b'#', ..] => (
                find(bytes, i + 2, to, b"#}").map_or(to, |e| e + 2) - i,
                at_start,
            ),
            [b'{', b'{' | b'%', ..] => {
                let end = jinja(text, i + 2, to, statement, depth, out);
                (end - i, true)
            }
            [b'\'', ..] | [b'"', ..] => (sql_quoted(bytes, i, to) - i, false),
            [b';', ..] => (1, true),
            [c, ..] if c.is_ascii_whitespace() => (1, at_start),
            _ => {
                if at_start
                    && let Some(m) = statement.find_at(&text[..to], i)
                    && m.start() == i
                {
                    out.push(Span::new(m.start(), m.end()));
                }
                (1, false)
            }
        };
        at_start = starts_statement;
        i += skip.max(1);
        // Never stop inside a UTF-8 character (every delimiter above is ASCII).
        while i < to && !text.is_char_boundary(i) {
            i += 1;
        }
    }
}

/// A Jinja tag or expression from just after `{{`/`{%` to just after its `}}`/`%}`; its string
/// literals are scanned as SQL. Returns the end offset.
fn jinja(
    text: &str,
    from: usize,
    to: usize,
    statement: &Regex,
    depth: usize,
    out: &mut Vec<Span>,
) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                let (end, closed) = jinja_quoted(bytes, i, to, quote);
                let inner_end = if closed { end - 1 } else { end };
                if depth < MAX_DEPTH {
                    scan(text, i + 1, inner_end, statement, depth + 1, out);
                }
                i = end;
            }
            b'}' | b'%' if bytes.get(i + 1) == Some(&b'}') => return i + 2,
            _ => i += 1,
        }
    }
    to
}

/// The end (after the closing quote) of a SQL literal or quoted identifier; `''` escapes.
fn sql_quoted(bytes: &[u8], start: usize, to: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < to {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) && i + 1 < to {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    to
}

/// The end (after the closing quote) of a Jinja string literal, and whether it was closed;
/// `\` escapes.
fn jinja_quoted(bytes: &[u8], start: usize, to: usize, quote: u8) -> (usize, bool) {
    let mut i = start + 1;
    while i < to {
        match bytes[i] {
            b'\\' => i += 2,
            c if c == quote => return (i + 1, true),
            _ => i += 1,
        }
    }
    (to, false)
}

fn line_end(bytes: &[u8], from: usize, to: usize) -> usize {
    bytes[from..to]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(to, |p| from + p)
}

fn find(bytes: &[u8], from: usize, to: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..to)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let regex = Regex::new(r"(?i)\bcreate\s+secret\b").expect("regex");
        statements(text, &regex)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn statements_not_mentions() {
        assert_eq!(found("CREATE SECRET x (TYPE S3);"), ["CREATE SECRET"]);
        assert_eq!(found("SET a=1; create secret y ()"), ["create secret"]);
        assert_eq!(
            found("{% macro m() %}\n  CREATE SECRET x ()\n{% endmacro %}"),
            ["CREATE SECRET"]
        );
        assert_eq!(
            found(r#"{% do run_query("CREATE SECRET x ()") %}"#),
            ["CREATE SECRET"]
        );
        assert_eq!(
            found("{{ config(pre_hook='CREATE SECRET x ()') }}"),
            ["CREATE SECRET"]
        );
        assert_eq!(found("/* setup */ CREATE SECRET x ()"), ["CREATE SECRET"]);
        for mention in [
            "select 'CREATE SECRET is forbidden' as note",
            "-- CREATE SECRET x",
            "/* CREATE SECRET x */ select 1",
            "{# CREATE SECRET x #}",
            "select 1 as create_secret",
            "Never use CREATE SECRET in a hook",
            r#"{% do run_query("select 'CREATE SECRET' as note") %}"#,
            "select \"CREATE SECRET\" from t",
        ] {
            assert!(found(mention).is_empty(), "{mention}");
        }
    }

    #[test]
    fn unterminated_and_multibyte_text_is_safe() {
        for text in [
            "'unclosed",
            "{{ \"unclosed",
            "/* open",
            "{# open",
            "é'CREATE SECRET",
            "{%",
            "{{'",
        ] {
            let _ = found(text);
        }
        assert_eq!(found("é; CREATE SECRET x"), ["CREATE SECRET"]);
    }
}
