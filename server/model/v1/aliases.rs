//! pydantic's `populate_by_name=True` in JSON Schema.
//!
//! Upstream declares a field by its Python name with a camelCase alias (`api_version` /
//! `apiVersion`) and accepts either spelling. The schema therefore lists both spellings as
//! properties with the same schema, and a required field becomes "the camelCase key is required
//! unless the snake_case one is given" (`if`/`else`), so a missing field is still reported as
//! `apiVersion` missing, as pydantic reports it.
//!
//! Both spellings at once is valid JSON Schema here: pydantic rejects the snake_case key then
//! (`extra_forbidden`), and [`super::semantic`] reports it with that wording at that key.

use schemars::Schema;
use serde_json::{Value, json};

use crate::dialect::v1::keys as key;
use crate::dialect::v1::vocabulary::{API_VERSION_FIELD, API_VERSION_KEY};

/// `(alias, field name)` pairs of FloeSpec.
pub(crate) const FLOE_SPEC: &[(&str, &str)] = &[API_VERSION, key::OUTPUT_PORTS];
/// `(alias, field name)` pairs of TransformSpec.
pub(crate) const TRANSFORM_SPEC: &[(&str, &str)] = &[key::DEPENDS_ON, key::QUALITY_CHECKS];
/// `(alias, field name)` pairs of PlatformManifest.
pub(crate) const MANIFEST: &[(&str, &str)] = &[API_VERSION];

/// `apiVersion` / `api_version`.
const API_VERSION: (&str, &str) = (API_VERSION_KEY, API_VERSION_FIELD);

/// The other spelling of a key Generation B accepts in two (`dependsOn` ↔ `depends_on`,
/// `apiVersion` ↔ `api_version`, …); `None` for any other key.
pub fn other_spelling(key: &str) -> Option<&'static str> {
    FLOE_SPEC
        .iter()
        .chain(TRANSFORM_SPEC)
        .chain(MANIFEST)
        .find_map(|&(alias, name)| match key {
            _ if key == alias => Some(name),
            _ if key == name => Some(alias),
            _ => None,
        })
}

pub(crate) fn floe_spec(schema: &mut Schema) {
    accept_field_names(schema, FLOE_SPEC);
}

pub(crate) fn transform_spec(schema: &mut Schema) {
    accept_field_names(schema, TRANSFORM_SPEC);
}

pub(crate) fn manifest(schema: &mut Schema) {
    accept_field_names(schema, MANIFEST);
}

/// Adds each snake_case field name as a second property beside its alias.
fn accept_field_names(schema: &mut Schema, pairs: &[(&str, &str)]) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let mut conditions = Vec::new();
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        for (alias, name) in pairs {
            let Some(mut property) = properties.get(*alias).cloned() else {
                continue;
            };
            if let Some(property) = property.as_object_mut() {
                let text = format!(
                    "Same as `{alias}` (the field's Python name; either spelling is accepted, not both)."
                );
                property.insert("description".into(), Value::String(text));
            }
            properties.insert((*name).to_owned(), property);
        }
    }
    if let Some(Value::Array(required)) = object.get_mut("required") {
        for (alias, name) in pairs {
            let before = required.len();
            required.retain(|r| r.as_str() != Some(alias));
            if required.len() != before {
                conditions.push(json!({
                    "if": { "required": [name] },
                    "else": { "required": [alias] },
                }));
            }
        }
        if required.is_empty() {
            object.remove("required");
        }
    }
    match conditions.len() {
        0 => {}
        1 => {
            if let Some(Value::Object(condition)) = conditions.pop() {
                object.extend(condition);
            }
        }
        _ => {
            object.insert("allOf".into(), Value::Array(conditions));
        }
    }
}
