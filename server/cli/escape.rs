//! Control characters from a file never reach the terminal raw: an ESC sequence in a YAML value
//! would be executed (window title, colours, clearing the screen). Everything shown from a file
//! (snippets, messages quoting its keys and values, paths, diffs) is escaped first, as ruff and
//! rustc do: C0 controls become their Unicode control pictures (`␛` for ESC), DEL `␡`, C1
//! controls and bidirectional overrides a visible `<U+009B>`.

use std::borrow::Cow;

use crate::diagnostic::Span;

/// The visible form of a character that must not be printed raw; `None` for the others.
fn visible(c: char, next: Option<char>) -> Option<String> {
    match c {
        '\n' | '\t' => None,
        // CRLF stays a line break; a lone CR would move the cursor back over the line.
        '\r' if next == Some('\n') => None,
        '\r' => Some("\u{240D}".to_owned()),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).map(String::from),
        '\u{7f}' => Some("\u{2421}".to_owned()),
        '\u{80}'..='\u{9f}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(format!("<U+{:04X}>", c as u32)),
        _ => None,
    }
}

/// A text with its control characters made visible, and a map from offsets in the original
/// text to offsets in the escaped one (so spans keep pointing at the same characters).
pub struct Escaped {
    pub text: String,
    /// `(original offset of an escaped character, bytes added up to and including it)`.
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    /// For a file's text: a lone CR becomes the line break it is in YAML.
    pub fn new(text: &str) -> Escaped {
        Escaped::build(text, true)
    }

    fn build(text: &str, lone_cr_breaks: bool) -> Escaped {
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut added = 0;
        for (run, suspect) in pieces(text) {
            out.push_str(run);
            let Some((offset, c, next)) = suspect else {
                continue;
            };
            // A lone CR ends a line in YAML (and in floe-lint's line numbers): show it as one.
            if lone_cr_breaks && c == '\r' && next != Some('\n') {
                out.push('\n');
                continue;
            }
            match visible(c, next) {
                Some(shown) => {
                    added += shown.len() - c.len_utf8();
                    shifts.push((offset, added));
                    out.push_str(&shown);
                }
                None => out.push(c),
            }
        }
        Escaped { text: out, shifts }
    }

    /// Where an offset of the original text is in the escaped text.
    pub fn offset(&self, original: usize) -> usize {
        // Characters escaped strictly before `original` shift it.
        let before = self.shifts.partition_point(|(at, _)| *at < original);
        match before.checked_sub(1) {
            Some(i) => original + self.shifts[i].1,
            None => original,
        }
    }

    pub fn span(&self, span: Span) -> Span {
        Span::new(self.offset(span.start), self.offset(span.end))
    }
}

/// A line of text (a message, a path) with its control characters made visible.
pub fn text(text: &str) -> Cow<'_, str> {
    let needs = pieces(text)
        .filter_map(|(_, suspect)| suspect)
        .any(|(_, c, next)| visible(c, next).is_some());
    if needs {
        Cow::Owned(Escaped::build(text, false).text)
    } else {
        Cow::Borrowed(text)
    }
}

/// A character that may need escaping: its offset, itself, and the character after it.
type Suspect = (usize, char, Option<char>);

/// A byte that is printed as it is: printable ASCII, a line feed or a tab.
fn plain(byte: u8) -> bool {
    matches!(byte, b' '..=b'~' | b'\n' | b'\t')
}

/// `text` as runs of [`plain`] bytes, each followed by the character after it that may need
/// escaping (with its offset and the character after that), if any: a file is almost all plain,
/// and is not read one character at a time.
fn pieces(text: &str) -> impl Iterator<Item = (&str, Option<Suspect>)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = text.get(at..).filter(|rest| !rest.is_empty())?;
        let run = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
        // A plain run is ASCII: it ends at a character boundary.
        let offset = at + run;
        let mut chars = text.get(offset..).unwrap_or("").chars();
        let suspect = chars.next().map(|c| (offset, c, chars.next()));
        at = offset + suspect.map_or(0, |(_, c, _)| c.len_utf8());
        Some((&rest[..run], suspect))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_visible_and_spans_follow() {
        let original = "a: \"\u{1b}]0;x\u{7}\"\nb: ok\r\nc: \u{9b}2J\u{202e}z\rd\n";
        let escaped = Escaped::new(original);
        assert_eq!(
            escaped.text,
            "a: \"␛]0;x␇\"\nb: ok\r\nc: <U+009B>2J<U+202E>z\nd\n"
        );
        let b = original.find("ok").expect("ok");
        assert_eq!(
            &escaped.text[escaped.offset(b)..escaped.offset(b) + 2],
            "ok"
        );
        let z = original.find('z').expect("z");
        assert_eq!(&escaped.text[escaped.offset(z)..escaped.offset(z) + 1], "z");
        assert_eq!(escaped.offset(0), 0);
        assert_eq!(escaped.offset(original.len()), escaped.text.len());
        assert_eq!(text("plain\n"), "plain\n");
        assert!(matches!(text("café ☕\tok"), Cow::Borrowed(_)));
        assert_eq!(text(""), "");
        assert_eq!(text("\u{1b}"), "␛");
        assert_eq!(Escaped::new("é\u{1b}é\r").text, "é␛é\n");
        assert_eq!(Escaped::new("\r\n\r").text, "\r\n\n");
        let mixed = "ü\u{202e}x";
        let escaped = Escaped::new(mixed);
        assert_eq!(escaped.text, "ü<U+202E>x");
        let x = mixed.find('x').expect("x");
        assert_eq!(&escaped.text[escaped.offset(x)..escaped.offset(x) + 1], "x");
        assert_eq!(text("bell\u{7} cr\r"), "bell␇ cr␍");
    }
}
