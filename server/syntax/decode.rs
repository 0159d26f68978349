//! Bytes → text, refusing exactly what upstream's loader refuses: anything that is not UTF-8, and
//! the control characters PyYAML's reader rejects ("special characters are not allowed").

use crate::diagnostic::Span;

/// Why the bytes cannot be read as a YAML document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

/// Checks that `bytes` are text floe can load.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError {
            span: Span::new(0, 2),
            message: "file is UTF-16 encoded; floe reads configuration as UTF-8".into(),
            help: "re-save the file as UTF-8",
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let at = error.valid_up_to();
            let len = error.error_len().unwrap_or(bytes.len() - at).max(1);
            let shown: Vec<String> = bytes[at..(at + len).min(bytes.len())]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect();
            return Err(DecodeError {
                span: Span::new(at, (at + len).min(bytes.len())),
                message: format!(
                    "invalid UTF-8 (byte {}); the file is not text floe can read",
                    shown.join(" ")
                ),
                help: "re-save the file as UTF-8, or remove the binary content",
            });
        }
    };
    if let Some((at, ch)) = first_unprintable(text) {
        let more = text
            .get(at + ch.len_utf8()..)
            .map_or(0, |rest| rest.chars().filter(|c| !is_printable(*c)).count());
        let suffix = if more > 0 {
            format!(" ({more} more in the file)")
        } else {
            String::new()
        };
        return Err(DecodeError {
            span: Span::new(at, at + ch.len_utf8()),
            message: format!(
                "unacceptable character #x{:04x}: special characters are not allowed{suffix}",
                u32::from(ch)
            ),
            help: "remove the control character (YAML loaders reject NUL and other non-printable characters)",
        });
    }
    Ok(text)
}

/// The bytes that are a printable character on their own: tab, line breaks and printable ASCII
/// (a table: one load per byte where the range tests were several branches).
static PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0x20;
    while b <= 0x7E {
        plain[b] = true;
        b += 1;
    }
    plain[b'\t' as usize] = true;
    plain[b'\n' as usize] = true;
    plain[b'\r' as usize] = true;
    plain
};

/// The first character PyYAML's reader rejects, with its offset. Runs of printable ASCII, most
/// of any configuration, are skipped a byte at a time without decoding characters.
fn first_unprintable(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        let skip = bytes
            .get(at..)?
            .iter()
            .position(|&b| !PLAIN[usize::from(b)])?;
        at += skip;
        // A character boundary: every byte before it was ASCII or a whole character.
        let c = text.get(at..)?.chars().next()?;
        if !is_printable(c) {
            return Some((at, c));
        }
        at += c.len_utf8();
    }
}

/// PyYAML's `Reader.NON_PRINTABLE`, inverted.
fn is_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{85}' | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_bom_tabs_and_crlf() {
        assert!(decode("\u{feff}a:\tb\r\n".as_bytes()).is_ok());
    }

    #[test]
    fn rejects_invalid_utf8_at_its_offset() {
        let error = decode(b"name: x\nbad: \xff\n").expect_err("invalid");
        assert_eq!(error.span, Span::new(13, 14));
        assert!(error.message.contains("0xFF"));
    }

    #[test]
    fn rejects_nul_like_pyyaml() {
        let error = decode(b"a: b\0c\0").expect_err("nul");
        assert_eq!(error.span, Span::new(4, 5));
        assert_eq!(
            error.message,
            "unacceptable character #x0000: special characters are not allowed (1 more in the file)"
        );
    }

    /// The byte-run scan finds what a character-by-character scan finds, past multi-byte
    /// characters and at either end.
    #[test]
    fn the_first_unprintable_character_is_the_one_a_full_scan_finds() {
        for text in [
            "",
            "plain ascii\n",
            "é\u{1}",
            "a → b\u{7f}c",
            "\u{85}\u{a0}\u{fffe}",
            "\u{10000}x\u{0}",
            "tab\there\r\n\u{1b}[31m",
            "\u{feff}bom",
            "\u{d7ff}\u{e000}\u{9f}",
        ] {
            let full = text.char_indices().find(|(_, c)| !is_printable(*c));
            assert_eq!(first_unprintable(text), full, "{text:?}");
        }
    }

    #[test]
    fn rejects_utf16() {
        assert!(decode(&[0xFF, 0xFE, b'a', 0]).is_err());
    }
}
