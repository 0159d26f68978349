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
    let mut bad = text.char_indices().filter(|(_, c)| !is_printable(*c));
    if let Some((at, ch)) = bad.next() {
        let more = bad.count();
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

    #[test]
    fn rejects_utf16() {
        assert!(decode(&[0xFF, 0xFE, b'a', 0]).is_err());
    }
}
