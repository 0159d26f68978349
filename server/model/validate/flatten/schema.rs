//! Reading the JSON Schema an error came from: the keyword's location, local `$ref`s, a field's
//! description.

use serde_json::Value;

use crate::syntax::json_pointer;

/// The location of the schema object a keyword belongs to (`…/properties/x/type` → `…/properties/x`).
pub(super) fn parent_path(schema_path: &str) -> &str {
    schema_path.rfind('/').map_or("", |cut| &schema_path[..cut])
}

/// Follows a keyword location through the schema, resolving local `$ref`s on the way.
pub(super) fn schema_at<'s>(root: &'s Value, path: &str) -> Option<&'s Value> {
    let mut node = root;
    if path.is_empty() {
        return Some(node);
    }
    for raw in path.trim_start_matches('/').split('/') {
        let segment = json_pointer::unescape(raw);
        if segment == "$ref" {
            node = resolve_ref(root, node.get("$ref")?.as_str()?)?;
            continue;
        }
        node = match node {
            Value::Object(map) => map.get(segment.as_ref())?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

fn resolve_ref<'s>(root: &'s Value, reference: &str) -> Option<&'s Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

/// A field's description, looking through `$ref` and `anyOf` wrappers.
pub(super) fn describe(root: &Value, field: &Value) -> Option<String> {
    if let Some(text) = field.get("description").and_then(Value::as_str) {
        // Doc comments wrap lines; a help line should not.
        return Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if let Some(reference) = field.get("$ref").and_then(Value::as_str) {
        return describe(root, resolve_ref(root, reference)?);
    }
    field
        .get("anyOf")?
        .as_array()?
        .iter()
        .find_map(|b| describe(root, b))
}
