//! pydantic's lax mode, written once: how upstream's models coerce a value they accept (the
//! schema stage, Generation B's compile checks and the rules read values as pydantic would).

use super::resolve::Scalar;
use super::{Node, NodeValue};

/// A string as pydantic's lax `bool` reads it: `true`/`false`, `yes`/`no`, `on`/`off`, `t`/`f`,
/// `y`/`n`, `1`/`0`, in any case. `None` for any other text (pydantic rejects it).
pub fn bool_text(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
        "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// A scalar as pydantic's lax `bool` reads it: YAML booleans, `0`/`1`, and the strings
/// [`bool_text`] takes. `None` for anything pydantic would reject (the schema stage reports it).
pub fn bool_value(node: &Node) -> Option<bool> {
    match &node.value {
        NodeValue::Scalar { value, text, .. } => match value {
            Scalar::Bool(b) => Some(*b),
            Scalar::Int(i @ (0 | 1)) => Some(*i == 1),
            Scalar::Str => bool_text(text),
            _ => None,
        },
        _ => None,
    }
}
