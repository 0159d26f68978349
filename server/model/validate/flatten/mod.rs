//! jsonschema's errors as pydantic reports them: one issue per offending key or value, unions
//! flattened to the branch that explains the value (see the module documentation of
//! [`super`]). [`flatten`] dispatches on the kind of error; each kind has its own function below,
//! and unions their own module ([`union`]).

mod schema;
mod union;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::Issue;
use super::wording::*;
use crate::diagnostic::codes::schema::*;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::dialect::runtime::vocabulary as key;
use crate::model::suggest::did_you_mean;
use crate::syntax::json_pointer::escape;
use schema::{describe, parent_path, schema_at};

pub(super) fn flatten(error: ValidationError<'static>, schema: &Value, out: &mut Vec<Issue>) {
    let fallback_message = error.to_string();
    let parts = error.into_parts();
    let failure = Failure {
        pointer: parts.instance_path.as_str().to_owned(),
        schema_path: parts.schema_path.as_str().to_owned(),
        instance: parts.instance.into_owned(),
        schema,
    };
    match parts.kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            out.extend(unexpected.iter().map(|key| failure.unknown_key(key)));
        }
        ValidationErrorKind::Required { property } => out.push(failure.missing_field(&property)),
        ValidationErrorKind::Type { kind } => out.extend(failure.wrong_type(&kind)),
        ValidationErrorKind::Enum { options } => out.push(failure.not_a_choice(&options)),
        ValidationErrorKind::Constant { expected_value } => {
            out.push(failure.not_the_constant(&expected_value));
        }
        ValidationErrorKind::Pattern { pattern } => out.extend(failure.pattern_mismatch(&pattern)),
        ValidationErrorKind::PropertyNames { error } => out.push(failure.invalid_key_name(&error)),
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let tags = union::variant_tags(schema_at(schema, &failure.schema_path));
            union::flatten_union(
                &failure.pointer,
                &failure.instance,
                context,
                &tags,
                schema,
                out,
            );
        }
        other => match out_of_range(&other, &failure.instance) {
            Some(message) => out.push(failure.issue(&OUT_OF_RANGE, message)),
            None => out.push(failure.issue(&INVALID_VALUE, fallback_message)),
        },
    }
}

/// One jsonschema error taken apart: the value it is about, where, and the schema keyword that
/// rejected it.
struct Failure<'s> {
    pointer: String,
    schema_path: String,
    instance: Value,
    schema: &'s Value,
}

impl Failure<'_> {
    /// A finding at the value, with a message and nothing else.
    fn issue(&self, rule: &'static RuleMeta, message: String) -> Issue {
        Issue::new(rule, self.pointer.clone(), false, message)
    }

    /// The `properties` of the schema object the failing keyword belongs to.
    fn sibling_properties(&self) -> Option<&Value> {
        schema_at(self.schema, parent_path(&self.schema_path))?.get("properties")
    }

    /// `additionalProperties: false`: one finding per unexpected key, at the key, with the
    /// closest allowed key.
    fn unknown_key(&self, key: &str) -> Issue {
        let allowed: Vec<String> = self
            .sibling_properties()
            .and_then(Value::as_object)
            .map(|props| props.keys().cloned().collect())
            .unwrap_or_default();
        let mut found = self.issue(
            &UNKNOWN_KEY,
            format!(
                "Extra inputs are not permitted: `{key}` is not a field of {}",
                where_(&self.pointer)
            ),
        );
        found.pointer = format!("{}/{}", self.pointer, escape(key));
        found.at_key = true;
        found.help = Some(match did_you_mean(key, &allowed) {
            Some(best) => format!(
                "did you mean `{best}`? Allowed keys: {}",
                allowed.join(", ")
            ),
            None if allowed.is_empty() => "remove this key".into(),
            None => format!("allowed keys: {}", allowed.join(", ")),
        });
        found
    }

    /// `required`: at the mapping's key, with the field's description as help.
    fn missing_field(&self, property: &Value) -> Issue {
        let name = property.as_str().unwrap_or_default();
        let mut found = self.issue(
            &MISSING_FIELD,
            format!(
                "Field required: `{name}` is missing from {}",
                where_(&self.pointer)
            ),
        );
        found.at_key = true;
        if let Some(description) = self
            .sibling_properties()
            .and_then(|p| p.get(name))
            .and_then(|p| describe(self.schema, p))
        {
            found.help = Some(format!("`{name}`: {description}"));
        }
        found
    }

    /// `type`: nothing when pydantic's lax mode would accept the value; upstream's own wording
    /// for a literal where a secret reference belongs.
    fn wrong_type(&self, kind: &TypeKind) -> Option<Issue> {
        let expected = type_names(kind);
        if expected.iter().any(|t| lax_accepts(t, &self.instance)) {
            return None;
        }
        let mut found = self.issue(&WRONG_TYPE, type_message(&expected));
        found.help = type_help(&expected, &self.instance);
        found.quote = wants_quotes(&expected, &self.instance);
        let is_secret_reference = self
            .sibling_properties()
            .is_some_and(|p| p.get(key::SECRET_REF).is_some());
        if is_secret_reference && expected.iter().all(|t| t == "object" || t == "null") {
            // Upstream's wording for `client_secret: "literal"`; the value may be a secret,
            // so the message never repeats it.
            found.message =
                "Input should be a valid dictionary or instance of SecretReference".into();
            let name = self
                .pointer
                .rsplit('/')
                .next()
                .unwrap_or(key::CLIENT_SECRET)
                .to_owned();
            found.help = Some(format!(
                "`{name}` must be a reference, never a literal: `{name}: {{secret_ref: NAME}}`; floe reads NAME from the environment variable NAME (upper-cased, `-` → `_`) or /var/run/secrets/NAME"
            ));
        }
        Some(found)
    }

    /// `enum`: pydantic's list of literals, the closest as help, the choices for a fix.
    fn not_a_choice(&self, options: &Value) -> Issue {
        let values = strings(options);
        let mut found = self.issue(
            &INVALID_ENUM,
            format!("Input should be {}", python_or(&values)),
        );
        if let Some(best) = self
            .instance
            .as_str()
            .and_then(|text| did_you_mean(text, &values))
        {
            found.help = Some(format!("did you mean `{best}`?"));
        }
        found.enum_options = values;
        found
    }

    /// `const`: a literal of one value.
    fn not_the_constant(&self, expected_value: &Value) -> Issue {
        let expected = expected_value
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| expected_value.to_string());
        let mut found = self.issue(&INVALID_ENUM, format!("Input should be '{expected}'"));
        found.enum_options = vec![expected];
        found
    }

    /// `pattern`: only a string is checked against it (another type has its `type` finding).
    fn pattern_mismatch(&self, pattern: &str) -> Option<Issue> {
        self.instance.is_string().then(|| {
            self.issue(
                &PATTERN_MISMATCH,
                format!("String should match pattern '{pattern}'"),
            )
        })
    }

    /// `propertyNames`: at the key, as upstream's name check words it.
    fn invalid_key_name(&self, inner: &ValidationError<'_>) -> Issue {
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
        let mut found = self.issue(rule, message);
        found.pointer = format!("{}/{}", self.pointer, escape(&key));
        found.at_key = true;
        found
    }
}

/// Pydantic's message for a length or bound the value is outside of; `None` for any other kind.
fn out_of_range(kind: &ValidationErrorKind, instance: &Value) -> Option<String> {
    Some(match kind {
        ValidationErrorKind::MinLength { limit } => format!(
            "String should have at least {limit} character{}",
            plural(*limit)
        ),
        ValidationErrorKind::MaxLength { limit } => format!(
            "String should have at most {limit} character{}",
            plural(*limit)
        ),
        ValidationErrorKind::Minimum { limit } => {
            format!("Input should be greater than or equal to {}", number(limit))
        }
        ValidationErrorKind::Maximum { limit } => {
            format!("Input should be less than or equal to {}", number(limit))
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            format!("Input should be greater than {}", number(limit))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            format!("Input should be less than {}", number(limit))
        }
        ValidationErrorKind::MinItems { limit } => {
            let actual = instance.as_array().map_or(0, Vec::len);
            format!(
                "List should have at least {limit} item{} after validation, not {actual}",
                plural(*limit)
            )
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("List should have at most {limit} item{}", plural(*limit))
        }
        _ => return None,
    })
}
