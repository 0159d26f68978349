//! `anyOf`/`oneOf` errors, flattened as pydantic reports a union: the branch that explains the
//! value reports its own errors. Three steps, each narrowing the branches: a tagged union keeps
//! the variant its `type` names ([`tagged_variant`]), a type-shaped union keeps the branches that
//! accept the value's type ([`fitting_type`]), and of those the closest fit (fewest errors)
//! reports.

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::super::Issue;
use super::super::wording::*;
use super::flatten;
use crate::diagnostic::codes::schema::*;
use crate::dialect::UNION_TAG;
use crate::model::suggest::did_you_mean;

type Branch = Vec<ValidationError<'static>>;

/// Picks the union branch(es) that explain the failure best and reports their errors.
pub(super) fn flatten_union(
    pointer: &str,
    instance: &Value,
    context: Vec<Branch>,
    tags: &[String],
    schema: &Value,
    out: &mut Vec<Issue>,
) {
    let branches = match tagged_variant(pointer, instance, context, tags) {
        Ok(branches) => branches,
        Err(issue) => {
            out.push(issue);
            return;
        }
    };
    let fitting = match fitting_type(pointer, instance, branches) {
        Ok(fitting) => fitting,
        Err(issue) => {
            out.extend(issue);
            return;
        }
    };
    // Report the branch with the fewest errors (the closest fit).
    if let Some(best) = fitting.into_iter().min_by_key(Vec::len) {
        for error in best {
            flatten(error, schema, out);
        }
    }
}

/// Tagged unions: a branch whose only complaint at this level is the `type` tag is the wrong
/// variant; the branch whose tag matches is the one to report. `Err` when no variant's tag
/// matches an entry: the finding is then the tag itself.
fn tagged_variant(
    pointer: &str,
    instance: &Value,
    branches: Vec<Branch>,
    tags: &[String],
) -> Result<Vec<Branch>, Issue> {
    let tag_pointer = format!("{pointer}/{UNION_TAG}");
    let is_tag_error = |e: &ValidationError<'_>| {
        e.instance_path().as_str() == tag_pointer
            && matches!(e.kind(), ValidationErrorKind::Constant { .. })
            || (e.instance_path().as_str() == pointer
                && matches!(e.kind(), ValidationErrorKind::Required { property } if property == UNION_TAG))
    };
    let tagged = branches.len() > 1
        && branches
            .iter()
            .all(|branch| branch.iter().any(&is_tag_error) || branch.is_empty());
    if !tagged && !branches.iter().any(|b| b.iter().any(&is_tag_error)) {
        return Ok(branches);
    }
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
        return Err(variant_issue(pointer, instance, expected));
    }
    Ok(matching)
}

/// Type-shaped unions (`Option<T>`, string or `{secret_ref}`): drop branches that reject the
/// value's type outright. `Err` when every branch does: one type finding naming every type the
/// union accepts (none when pydantic's lax mode accepts the value).
fn fitting_type(
    pointer: &str,
    instance: &Value,
    branches: Vec<Branch>,
) -> Result<Vec<Branch>, Option<Issue>> {
    let rejects_type = |branch: &Branch| {
        branch.iter().any(|e| {
            e.instance_path().as_str() == pointer
                && matches!(e.kind(), ValidationErrorKind::Type { .. })
        })
    };
    let (fitting, unfitting): (Vec<_>, Vec<_>) =
        branches.into_iter().partition(|b| !rejects_type(b));
    if !fitting.is_empty() {
        return Ok(fitting);
    }
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
        return Err(None);
    }
    let mut issue = Issue::new(
        &WRONG_TYPE,
        pointer.to_owned(),
        false,
        type_message(&expected),
    );
    issue.help = type_help(&expected, instance);
    issue.quote = wants_quotes(&expected, instance);
    Err(Some(issue))
}

/// The `type` constants of a `oneOf`/`anyOf` schema's branches (the variants of a tagged union).
pub(super) fn variant_tags(union: Option<&Value>) -> Vec<String> {
    union
        .and_then(Value::as_array)
        .map(|branches| {
            branches
                .iter()
                .filter_map(|b| {
                    b.get("properties")?
                        .get(UNION_TAG)?
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
    let mut issue = Issue::new(&UNKNOWN_VARIANT, pointer.to_owned(), false, String::new());
    match instance.get(UNION_TAG) {
        Some(tag) => {
            let tag = tag.as_str().map_or_else(|| tag.to_string(), str::to_owned);
            issue.pointer = format!("{pointer}/{UNION_TAG}");
            issue.message = format!(
                "Input tag '{tag}' found using '{UNION_TAG}' does not match any of the expected tags: {}",
                quoted.join(", ")
            );
            if let Some(best) = did_you_mean(&tag, &expected) {
                issue.help = Some(format!("did you mean `{best}`?"));
            }
            issue.enum_options = expected;
        }
        None => {
            issue.at_key = true;
            issue.message = format!("Unable to extract tag using discriminator '{UNION_TAG}'");
            issue.help = Some(format!(
                "add `{UNION_TAG}:` with one of {}",
                quoted.join(", ")
            ));
        }
    }
    issue
}
