//! jsonschema's errors as pydantic reports them: one issue per offending key or value, unions
//! flattened to the branch that explains the value (see the module documentation of
//! [`super`]).

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::Issue;
use super::wording::*;
use crate::diagnostic::codes::schema::*;
use crate::model::suggest::did_you_mean;
use crate::syntax::json_pointer::{self, escape};

pub(super) fn flatten(error: ValidationError<'static>, schema: &Value, out: &mut Vec<Issue>) {
    let fallback_message = error.to_string();
    let parts = error.into_parts();
    let pointer = parts.instance_path.as_str().to_owned();
    let schema_path = parts.schema_path.as_str().to_owned();
    let instance = parts.instance.into_owned();
    let issue = |rule, message: String| Issue {
        rule,
        pointer: pointer.clone(),
        at_key: false,
        message,
        help: None,
        enum_options: Vec::new(),
        quote: false,
    };
    match parts.kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let parent = schema_at(schema, parent_path(&schema_path));
            let allowed: Vec<String> = parent
                .and_then(|p| p.get("properties"))
                .and_then(Value::as_object)
                .map(|props| props.keys().cloned().collect())
                .unwrap_or_default();
            for key in &unexpected {
                let mut found = issue(
                    &UNKNOWN_KEY,
                    format!(
                        "Extra inputs are not permitted: `{key}` is not a field of {}",
                        where_(&pointer)
                    ),
                );
                found.pointer = format!("{pointer}/{}", escape(key));
                found.at_key = true;
                found.help = Some(match did_you_mean(key, &allowed) {
                    Some(best) => format!(
                        "did you mean `{best}`? Allowed keys: {}",
                        allowed.join(", ")
                    ),
                    None if allowed.is_empty() => "remove this key".into(),
                    None => format!("allowed keys: {}", allowed.join(", ")),
                });
                out.push(found);
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let mut found = issue(
                &MISSING_FIELD,
                format!(
                    "Field required: `{name}` is missing from {}",
                    where_(&pointer)
                ),
            );
            found.at_key = true;
            if let Some(description) = schema_at(schema, parent_path(&schema_path))
                .and_then(|p| p.get("properties"))
                .and_then(|p| p.get(name))
                .and_then(|p| describe(schema, p))
            {
                found.help = Some(format!("`{name}`: {description}"));
            }
            out.push(found);
        }
        ValidationErrorKind::Type { kind } => {
            let expected = type_names(&kind);
            if expected.iter().any(|t| lax_accepts(t, &instance)) {
                return;
            }
            let mut found = issue(&WRONG_TYPE, type_message(&expected));
            found.help = type_help(&expected, &instance);
            found.quote = wants_quotes(&expected, &instance);
            let is_secret_reference = schema_at(schema, parent_path(&schema_path))
                .and_then(|s| s.get("properties"))
                .is_some_and(|p| p.get("secret_ref").is_some());
            if is_secret_reference && expected.iter().all(|t| t == "object" || t == "null") {
                // Upstream's wording for `client_secret: "literal"`; the value may be a secret,
                // so the message never repeats it.
                found.message =
                    "Input should be a valid dictionary or instance of SecretReference".into();
                let name = pointer
                    .rsplit('/')
                    .next()
                    .unwrap_or("client_secret")
                    .to_owned();
                found.help = Some(format!(
                    "`{name}` must be a reference, never a literal: `{name}: {{secret_ref: NAME}}`; floe reads NAME from the environment variable NAME (upper-cased, `-` → `_`) or /var/run/secrets/NAME"
                ));
            }
            out.push(found);
        }
        ValidationErrorKind::Enum { options } => {
            let values = strings(&options);
            let mut found = issue(
                &INVALID_ENUM,
                format!("Input should be {}", python_or(&values)),
            );
            if let Some(best) = instance
                .as_str()
                .and_then(|text| did_you_mean(text, &values))
            {
                found.help = Some(format!("did you mean `{best}`?"));
            }
            found.enum_options = values;
            out.push(found);
        }
        ValidationErrorKind::Constant { expected_value } => {
            let expected = expected_value
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| expected_value.to_string());
            let mut found = issue(&INVALID_ENUM, format!("Input should be '{expected}'"));
            found.enum_options = vec![expected];
            out.push(found);
        }
        ValidationErrorKind::Pattern { pattern } => {
            if instance.is_string() {
                out.push(issue(
                    &PATTERN_MISMATCH,
                    format!("String should match pattern '{pattern}'"),
                ));
            }
        }
        ValidationErrorKind::PropertyNames { error: inner } => {
            let key = inner.instance().as_str().unwrap_or_default().to_owned();
            let (rule, message) = match inner.kind() {
                ValidationErrorKind::Pattern { pattern } => (
                    &PATTERN_MISMATCH,
                    format!("Invalid name '{key}'. Names must match pattern: {pattern}"),
                ),
                // A mapping keyed by a literal (Generation B's promotion `gates`): pydantic
                // reports the key as it reports any literal.
                ValidationErrorKind::Enum { options } => (
                    &INVALID_ENUM,
                    format!("Input should be {}", python_or(&strings(options))),
                ),
                _ => (&PATTERN_MISMATCH, format!("Invalid name '{key}'")),
            };
            let mut found = issue(rule, message);
            found.pointer = format!("{pointer}/{}", escape(&key));
            found.at_key = true;
            out.push(found);
        }
        ValidationErrorKind::MinLength { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!(
                "String should have at least {limit} character{}",
                plural(limit)
            ),
        )),
        ValidationErrorKind::MaxLength { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!(
                "String should have at most {limit} character{}",
                plural(limit)
            ),
        )),
        ValidationErrorKind::Minimum { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!(
                "Input should be greater than or equal to {}",
                number(&limit)
            ),
        )),
        ValidationErrorKind::Maximum { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!("Input should be less than or equal to {}", number(&limit)),
        )),
        ValidationErrorKind::ExclusiveMinimum { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!("Input should be greater than {}", number(&limit)),
        )),
        ValidationErrorKind::ExclusiveMaximum { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!("Input should be less than {}", number(&limit)),
        )),
        ValidationErrorKind::MinItems { limit } => {
            let actual = instance.as_array().map_or(0, Vec::len);
            out.push(issue(
                &OUT_OF_RANGE,
                format!(
                    "List should have at least {limit} item{} after validation, not {actual}",
                    plural(limit)
                ),
            ))
        }
        ValidationErrorKind::MaxItems { limit } => out.push(issue(
            &OUT_OF_RANGE,
            format!("List should have at most {limit} item{}", plural(limit)),
        )),
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let tags = variant_tags(schema_at(schema, &schema_path));
            flatten_union(&pointer, &instance, context, &tags, schema, out);
        }
        _ => out.push(issue(&INVALID_VALUE, fallback_message)),
    }
}

/// Picks the union branch(es) that explain the failure best and reports their errors.
fn flatten_union(
    pointer: &str,
    instance: &Value,
    context: Vec<Vec<ValidationError<'static>>>,
    tags: &[String],
    schema: &Value,
    out: &mut Vec<Issue>,
) {
    // Tagged unions: a branch whose only complaint at this level is the `type` tag is the
    // wrong variant; the branch whose tag matches is the one to report.
    let tag_pointer = format!("{pointer}/type");
    let is_tag_error = |e: &ValidationError<'_>| {
        e.instance_path().as_str() == tag_pointer
            && matches!(e.kind(), ValidationErrorKind::Constant { .. })
            || (e.instance_path().as_str() == pointer
                && matches!(e.kind(), ValidationErrorKind::Required { property } if property == "type"))
    };
    let tagged = context.len() > 1
        && context
            .iter()
            .all(|branch| branch.iter().any(&is_tag_error) || branch.is_empty());
    let mut branches: Vec<Vec<ValidationError<'static>>> = context;
    if tagged || branches.iter().any(|b| b.iter().any(&is_tag_error)) {
        let expected: Vec<String> = branches
            .iter()
            .flat_map(|b| b.iter())
            .filter_map(|e| match e.kind() {
                ValidationErrorKind::Constant { expected_value }
                    if e.instance_path().as_str() == tag_pointer =>
                {
                    expected_value.as_str().map(str::to_owned)
                }
                _ => None,
            })
            .collect();
        let (matching, _wrong): (Vec<_>, Vec<_>) = branches
            .into_iter()
            .partition(|b| !b.iter().any(&is_tag_error));
        if matching.is_empty() && instance.is_object() {
            let expected = if tags.is_empty() {
                dedup_strings(expected)
            } else {
                tags.to_vec()
            };
            out.push(variant_issue(pointer, instance, expected));
            return;
        }
        branches = matching;
    }
    // Type-shaped unions (`Option<T>`, string or `{secret_ref}`): drop branches that reject the
    // value's type outright.
    let rejects_type = |branch: &Vec<ValidationError<'static>>| {
        branch.iter().any(|e| {
            e.instance_path().as_str() == pointer
                && matches!(e.kind(), ValidationErrorKind::Type { .. })
        })
    };
    let (fitting, unfitting): (Vec<_>, Vec<_>) =
        branches.into_iter().partition(|b| !rejects_type(b));
    if fitting.is_empty() {
        let expected: Vec<String> = unfitting
            .iter()
            .flat_map(|b| b.iter())
            .filter(|e| e.instance_path().as_str() == pointer)
            .filter_map(|e| match e.kind() {
                ValidationErrorKind::Type { kind } => Some(type_names(kind)),
                _ => None,
            })
            .flatten()
            .filter(|t| t != "null")
            .collect();
        let expected = dedup_strings(expected);
        if expected.iter().any(|t| lax_accepts(t, instance)) {
            return;
        }
        out.push(Issue {
            rule: &WRONG_TYPE,
            pointer: pointer.to_owned(),
            at_key: false,
            message: type_message(&expected),
            help: type_help(&expected, instance),
            enum_options: Vec::new(),
            quote: wants_quotes(&expected, instance),
        });
        return;
    }
    // Report the branch with the fewest errors (the closest fit).
    if let Some(best) = fitting.into_iter().min_by_key(Vec::len) {
        for error in best {
            flatten(error, schema, out);
        }
    }
}

/// The `type` constants of a `oneOf`/`anyOf` schema's branches (the variants of a tagged union).
fn variant_tags(union: Option<&Value>) -> Vec<String> {
    union
        .and_then(Value::as_array)
        .map(|branches| {
            branches
                .iter()
                .filter_map(|b| {
                    b.get("properties")?
                        .get("type")?
                        .get("const")?
                        .as_str()
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The finding for a tagged entry whose `type` is missing or names no variant.
fn variant_issue(pointer: &str, instance: &Value, expected: Vec<String>) -> Issue {
    let quoted: Vec<String> = expected.iter().map(|t| format!("'{t}'")).collect();
    let mut issue = Issue {
        rule: &UNKNOWN_VARIANT,
        pointer: pointer.to_owned(),
        at_key: false,
        message: String::new(),
        help: None,
        enum_options: Vec::new(),
        quote: false,
    };
    match instance.get("type") {
        Some(tag) => {
            let tag = tag.as_str().map_or_else(|| tag.to_string(), str::to_owned);
            issue.pointer = format!("{pointer}/type");
            issue.message = format!(
                "Input tag '{tag}' found using 'type' does not match any of the expected tags: {}",
                quoted.join(", ")
            );
            if let Some(best) = did_you_mean(&tag, &expected) {
                issue.help = Some(format!("did you mean `{best}`?"));
            }
            issue.enum_options = expected;
        }
        None => {
            issue.at_key = true;
            issue.message = "Unable to extract tag using discriminator 'type'".into();
            issue.help = Some(format!("add `type:` with one of {}", quoted.join(", ")));
        }
    }
    issue
}

fn parent_path(schema_path: &str) -> &str {
    schema_path.rfind('/').map_or("", |cut| &schema_path[..cut])
}

/// Follows a keyword location through the schema, resolving local `$ref`s on the way.
fn schema_at<'s>(root: &'s Value, path: &str) -> Option<&'s Value> {
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
            Value::Object(map) => map.get(&segment)?,
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
fn describe(root: &Value, field: &Value) -> Option<String> {
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
