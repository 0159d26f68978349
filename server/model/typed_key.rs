//! Keys that are not strings: YAML 1.1 (PyYAML, as floe loads files) reads an unquoted `on`,
//! `yes`, `off` or `null` as a boolean or null, so `on:` is the key `True`. An unknown-key finding
//! on such a key says so, instead of "`True` is not a field".

use crate::syntax::resolve::Scalar;
use crate::syntax::{Document, NodeValue};

/// Rewrites an unknown-key message and help when the key at `pointer` was written as a plain
/// scalar that does not load as a string.
pub fn explain(
    document: &Document,
    pointer: &str,
    message: &mut String,
    help: &mut Option<String>,
) {
    let Some((written, read)) = typed_key(document, pointer) else {
        return;
    };
    let loaded = pointer.rsplit('/').next().unwrap_or_default();
    let loaded = format!("`{}`", crate::syntax::json_pointer::unescape(loaded));
    *message = message.replacen(
        &loaded,
        &format!("`{written}` (YAML 1.1, as floe reads it, loads this unquoted key as {read})"),
        1,
    );
    *help = Some(format!(
        "quote it (`\"{written}\":`) if you mean the word{}",
        help.as_deref()
            .map(|h| format!("; {h}"))
            .unwrap_or_default()
    ));
}

/// The key's text and what it loads as, in words; `None` for a key that loads as a string.
fn typed_key(document: &Document, pointer: &str) -> Option<(String, String)> {
    let (_, key) = document.root.as_ref()?.lookup(pointer)?;
    let NodeValue::Scalar { value, .. } = &key?.value else {
        return None;
    };
    let read = match value {
        Scalar::Bool(true) => "the boolean true, `True`".to_owned(),
        Scalar::Bool(false) => "the boolean false, `False`".to_owned(),
        Scalar::Null => "null, `None`".to_owned(),
        Scalar::Int(i) => format!("the integer {i}"),
        Scalar::BigInt(i) => format!("the integer {i}"),
        Scalar::Float(f) => format!("the number {f:?}"),
        Scalar::Timestamp => "a date".to_owned(),
        _ => return None,
    };
    let span = key?.span;
    let written = document.text.get(span.start..span.end)?;
    Some((written.to_owned(), read))
}
