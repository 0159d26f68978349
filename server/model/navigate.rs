//! Walking the generated JSON Schema along a document path, for hover and completion: what a key
//! means, which keys a mapping may hold, which values a field allows.

use std::sync::LazyLock;

use serde_json::Value;

use super::v1::plugin_config::{self, PluginConfigKind};
use super::{FileKind, compute_properties};
use crate::dialect::UNION_TAG;
use crate::dialect::runtime::vocabulary as key;
use crate::dialect::v1::vocabulary as v1_key;

static FLOE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(super::embedded_schema(FileKind::Floe)).unwrap_or(Value::Null)
});
static PLATFORM: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(super::embedded_schema(FileKind::Platform)).unwrap_or(Value::Null)
});
static FLOE_SPEC: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(super::embedded_schema(FileKind::FloeSpec)).unwrap_or(Value::Null)
});
static MANIFEST: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(super::embedded_schema(FileKind::Manifest)).unwrap_or(Value::Null)
});

/// One step of a document path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A field the schema allows in a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub description: Option<String>,
    pub required: bool,
    /// The field's schema, resolved through `$ref`.
    pub schema: Value,
}

fn root(kind: FileKind) -> &'static Value {
    match kind {
        FileKind::Floe => &FLOE,
        FileKind::Platform => &PLATFORM,
        FileKind::FloeSpec => &FLOE_SPEC,
        FileKind::Manifest => &MANIFEST,
    }
}

fn resolve<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    for _ in 0..16 {
        match node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => match root.pointer(pointer) {
                Some(target) => node = target,
                None => return node,
            },
            None => return node,
        }
    }
    node
}

/// The branches of a schema: `oneOf`/`anyOf` alternatives, or the schema itself.
fn branches<'s>(root: &'s Value, node: &'s Value) -> Vec<&'s Value> {
    let node = resolve(root, node);
    let mut out = Vec::new();
    for key in ["oneOf", "anyOf"] {
        if let Some(items) = node.get(key).and_then(Value::as_array) {
            for item in items {
                out.extend(branches(root, item));
            }
        }
    }
    if out.is_empty() {
        out.push(node);
    }
    out
}

/// The schema of the value at `path`. `tag` picks the variant of a tagged union (`type: batch`)
/// at each depth: it receives the path so far and returns the `type` written there, if any.
pub fn schema_at(
    kind: FileKind,
    path: &[Step],
    tag: &dyn Fn(&[Step]) -> Option<String>,
) -> Option<Value> {
    if let Some((profile, [Step::Key(name), below @ ..])) = compute_properties_at(kind, path) {
        let target = tag(profile);
        let mut schema = compute_properties::find(target.as_deref(), name)?.schema();
        for step in below {
            schema = match step {
                Step::Index(_) => schema.get("items")?.clone(),
                Step::Key(key) => schema.get("properties")?.get(key)?.clone(),
            };
        }
        return Some(schema);
    }
    match plugin_config_at(kind, path, tag) {
        Some(config) if path.len() > PLUGIN_CONFIG_DEPTH => {
            walk(config, path, PLUGIN_CONFIG_DEPTH, tag)
        }
        _ => walk(root(kind), path, 0, tag),
    }
}

/// The schema at `path`, walking `root` from step `from` of the path (the steps before lead to
/// the value `root` describes).
fn walk(
    root: &Value,
    path: &[Step],
    from: usize,
    tag: &dyn Fn(&[Step]) -> Option<String>,
) -> Option<Value> {
    let mut node = resolve(root, root);
    for (depth, step) in path.iter().enumerate().skip(from) {
        let written = tag(&path[..depth]);
        // The last key of a union whose variant is not written yet (typing `type:` itself): what
        // every variant allows there.
        if let (None, Step::Key(key), true) = (&written, step, depth + 1 == path.len()) {
            let each: Vec<Value> = branches(root, node)
                .into_iter()
                .filter_map(|b| b.get("properties")?.get(key))
                .map(|s| resolve(root, s).clone())
                .collect();
            if each.len() > 1 {
                return Some(serde_json::json!({ "anyOf": each }));
            }
        }
        let choice = pick(root, node, written.as_deref());
        node = match step {
            Step::Key(key) => choice
                .get("properties")
                .and_then(|p| p.get(key))
                .or_else(|| choice.get("additionalProperties").filter(|a| a.is_object()))?,
            Step::Index(_) => choice.get("items")?,
        };
        node = resolve(root, node);
    }
    Some(inline(root, pick(root, node, tag(path).as_deref()), 0))
}

/// Steps from a manifest's root to a `plugins.<category>.config` block.
const PLUGIN_CONFIG_DEPTH: usize = 3;

/// For a path at or under a manifest's `plugins.<category>.config` whose `type` names a plugin
/// with a runtime config model (Polaris, S3, …): that model's schema, which describes the block
/// (the manifest's own schema says only "a mapping").
fn plugin_config_at(
    kind: FileKind,
    path: &[Step],
    tag: &dyn Fn(&[Step]) -> Option<String>,
) -> Option<&'static Value> {
    static CONFIGS: LazyLock<Vec<(PluginConfigKind, Value)>> = LazyLock::new(|| {
        PluginConfigKind::ALL
            .into_iter()
            .map(|k| (k, plugin_config::schema(k)))
            .collect()
    });
    let (
        FileKind::Manifest,
        [
            Step::Key(plugins),
            Step::Key(category),
            Step::Key(config),
            ..,
        ],
    ) = (kind, path)
    else {
        return None;
    };
    if plugins != v1_key::PLUGINS || config != v1_key::PLUGIN_CONFIG {
        return None;
    }
    let plugin = tag(&path[..PLUGIN_CONFIG_DEPTH - 1])?;
    let model = PluginConfigKind::for_plugin(category, &plugin)?;
    CONFIGS.iter().find(|(k, _)| *k == model).map(|(_, s)| s)
}

/// A schema with the `$ref`s of its union branches replaced by their targets, so that its
/// allowed values and types can be read without the root (`tier: Tier | null` is an
/// `anyOf` of a `$ref` and `null`).
fn inline(root: &Value, node: &Value, depth: usize) -> Value {
    let node = resolve(root, node);
    let mut out = node.clone();
    if depth >= 8 {
        return out;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(items)) = out.get_mut(key) {
            for item in items.iter_mut() {
                *item = inline(root, item, depth + 1);
            }
        }
    }
    out
}

/// The `const` of a union branch's tag property (`type: {const: batch}`).
fn variant_tag(branch: &Value) -> Option<&str> {
    branch
        .get("properties")?
        .get(UNION_TAG)?
        .get("const")?
        .as_str()
}

/// The branch of a union that holds objects, preferring the one whose `type` const is `tag`.
fn pick<'s>(root: &'s Value, node: &'s Value, tag: Option<&str>) -> &'s Value {
    let all = branches(root, node);
    if let Some(tag) = tag
        && let Some(hit) = all.iter().find(|b| variant_tag(b) == Some(tag))
    {
        return hit;
    }
    all.iter()
        .find(|b| {
            b.get("properties").is_some()
                || b.get("additionalProperties").is_some_and(Value::is_object)
        })
        .copied()
        .unwrap_or(node)
}

/// The description of a schema node, looking into union branches.
pub fn description(node: &Value) -> Option<String> {
    node.get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// For a path under `compute.<name>.properties` of platform.yaml: the profile's path and the
/// steps below `properties`.
fn compute_properties_at(kind: FileKind, path: &[Step]) -> Option<(&[Step], &[Step])> {
    match (kind, path) {
        (FileKind::Platform, [Step::Key(compute), Step::Key(_), Step::Key(properties), ..])
            if compute == key::COMPUTE && properties == key::PROPERTIES =>
        {
            Some((&path[..2], &path[3..]))
        }
        _ => None,
    }
}

/// The fields a mapping at `path` may hold.
pub fn fields(
    kind: FileKind,
    path: &[Step],
    tag: &dyn Fn(&[Step]) -> Option<String>,
) -> Vec<Field> {
    if let Some((profile, [])) = compute_properties_at(kind, path) {
        let target = tag(profile);
        return compute_properties::of(target.as_deref())
            .map(|p| Field {
                name: p.name.to_owned(),
                description: Some(p.description.to_owned()),
                required: p.required,
                schema: p.schema(),
            })
            .collect();
    }
    let (root, node) = match plugin_config_at(kind, path, tag) {
        Some(config) => (config, walk(config, path, PLUGIN_CONFIG_DEPTH, tag)),
        None => (root(kind), schema_at(kind, path, tag)),
    };
    let Some(node) = node else {
        return Vec::new();
    };
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (name, schema) in props {
            let schema = inline(root, schema, 0);
            out.push(Field {
                name: name.clone(),
                description: description(&schema)
                    .or_else(|| description(props.get(name).unwrap_or(&Value::Null))),
                required: required.contains(&name.as_str()),
                schema,
            });
        }
    }
    // Tagged unions: offer the keys of every variant when the tag is not written yet.
    if out.is_empty() {
        for branch in branches(root, &node) {
            if let Some(props) = branch.get("properties").and_then(Value::as_object) {
                for (name, schema) in props {
                    if !out.iter().any(|f: &Field| &f.name == name) {
                        out.push(Field {
                            name: name.clone(),
                            description: description(resolve(root, schema)),
                            required: false,
                            schema: resolve(root, schema).clone(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// The values an enumerated field allows (`enum`, `const`, and those of union branches).
pub fn allowed_values(node: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    if let Some(value) = node.get("const").and_then(Value::as_str) {
        out.push(value.to_owned());
    }
    for key in ["oneOf", "anyOf"] {
        for branch in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(allowed_values(branch));
        }
    }
    out
}

/// What a field's value looks like, for what completion inserts after its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A block mapping.
    Mapping,
    /// A block sequence.
    Sequence,
    /// One of these values.
    Choice(Vec<String>),
    Boolean,
    /// A `{secret_ref: …}` reference (only).
    Secret,
    /// Any other scalar (a string that may also be a `{secret_ref: …}` among them).
    Scalar,
}

/// The JSON types a schema allows (through `oneOf`/`anyOf`), `null` left out.
fn types(node: &Value) -> Vec<String> {
    let mut out: Vec<String> = match node.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    if out.is_empty()
        && (node.get("properties").is_some()
            || node
                .get("additionalProperties")
                .is_some_and(Value::is_object))
    {
        out.push("object".into());
    }
    for key in ["oneOf", "anyOf"] {
        for branch in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(types(branch));
        }
    }
    out.retain(|t| t != "null");
    out
}

/// The shape of a field's value (its schema resolved, as [`Field::schema`] is).
pub fn shape(kind: FileKind, node: &Value) -> Shape {
    let node = resolve(root(kind), node);
    let values = allowed_values(node);
    if !values.is_empty() {
        return Shape::Choice(values);
    }
    let types = types(node);
    let has = |t: &str| types.iter().any(|x| x == t);
    if takes_secret_ref(node) {
        return if has("string") {
            Shape::Scalar
        } else {
            Shape::Secret
        };
    }
    if has("object") {
        Shape::Mapping
    } else if has("array") {
        Shape::Sequence
    } else if has("boolean") && types.len() == 1 {
        Shape::Boolean
    } else {
        Shape::Scalar
    }
}

/// Whether the field's schema is a `{secret_ref: …}` reference (alone or as an alternative).
pub fn takes_secret_ref(node: &Value) -> bool {
    // A `SecretReference`: an object whose only field is `secret_ref` (a credentials block that
    // also has a `secret_ref` field is not one).
    node.get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| p.len() == 1 && p.contains_key(key::SECRET_REF))
        || ["oneOf", "anyOf"].iter().any(|k| {
            node.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|b| b.iter().any(takes_secret_ref))
        })
}

#[cfg(test)]
mod tests;
