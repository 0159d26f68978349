//! Secret values are never printed whole: not in messages, help, hover, JSON, SARIF or logs.

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
}
