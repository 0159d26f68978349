//! RFC 6901 JSON pointers, the address every stage uses for a place in a document (`/catalogs/x`),
//! written once: escaping a key (`~` → `~0`, `/` → `~1`), reading one back, and pydantic's dotted
//! form of a location.

use std::borrow::Cow;

/// `pointer` followed by one reference token, escaped.
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    out.push_str(&escape(token));
    out
}

/// The pointer of a key path from the root (`["plugins", "quality"]` → `/plugins/quality`).
pub fn of(tokens: &[&str]) -> String {
    tokens
        .iter()
        .fold(String::new(), |pointer, token| child(&pointer, token))
}

/// One reference token, escaped (`a/b~c` → `a~1b~0c`); borrowed when there is nothing to
/// escape, as in almost every key (pointers are built for every field read, in case it is wrong).
pub fn escape(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// One reference token, unescaped (`~1` → `/` first, then `~0` → `~`, as RFC 6901 says);
/// borrowed when it holds no escape.
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The unescaped tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    pointer
        .strip_prefix('/')
        .into_iter()
        .flat_map(|rest| rest.split('/'))
        .map(unescape)
}

/// The pointer as pydantic's dotted `loc` (`/catalogs/x/uri` → `catalogs.x.uri`; `""` → `""`).
pub fn dotted(pointer: &str) -> String {
    tokens(pointer).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_keys_with_slashes_and_tildes() {
        let pointer = child(&child("", "a/b"), "~c");
        assert_eq!(pointer, "/a~1b/~0c");
        assert_eq!(tokens(&pointer).collect::<Vec<_>>(), ["a/b", "~c"]);
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(dotted("/catalogs/x/uri"), "catalogs.x.uri");
        assert_eq!(dotted(""), "");
        assert_eq!(tokens("").count(), 0);
    }
}
