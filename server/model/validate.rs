//! Schema stage: validate a loaded document against the generated JSON Schema (jsonschema crate,
//! no network) plus [`super::semantic`], and turn every error into a span-exact Diagnostic with
//! pydantic's wording.
//!
//! Unions are flattened: for `Option<Model>` and string-or-`secret_ref` values the branch that
//! fits the value's type reports its own nested errors, and tagged unions (`type: batch`) report
//! the errors of the variant their tag names. So every nested problem is reported, not a single
//! "is not valid under any of the schemas".

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::FileKind;
use super::known_valid::{self, Verdict};
use super::suggest::{did_you_mean, enum_fix};
use super::typed_key;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::schema::*;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::syntax::json_pointer::{self, escape};
use crate::syntax::{DATE_MARKER, Document};

/// Documents from this size on (bytes of text) have their JSON value freed on another thread.
const DROP_ELSEWHERE_FROM: usize = 64 * 1024;

/// A schema and its validator, compiled once.
pub(in crate::model) struct Compiled {
    pub schema: Value,
    pub validator: Validator,
}

impl Compiled {
    pub fn new(schema: Value) -> Option<Compiled> {
        let validator = jsonschema::options().build(&schema).ok()?;
        Some(Compiled { schema, validator })
    }

    /// Every error of `value`, flattened into issues with pydantic's wording.
    pub fn issues(&self, value: &Value, out: &mut Vec<Issue>) {
        for error in self.validator.iter_errors(value) {
            flatten(error.to_owned(), &self.schema, out);
        }
    }
}

fn compile(kind: FileKind) -> Option<Compiled> {
    Compiled::new(serde_json::from_str(super::embedded_schema(kind)).ok()?)
}

static FLOE: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::Floe));
static PLATFORM: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::Platform));
static FLOE_SPEC: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::FloeSpec));
static MANIFEST: LazyLock<Option<Compiled>> = LazyLock::new(|| compile(FileKind::Manifest));

pub(in crate::model) fn compiled(kind: FileKind) -> Option<&'static Compiled> {
    match kind {
        FileKind::Floe => FLOE.as_ref(),
        FileKind::Platform => PLATFORM.as_ref(),
        FileKind::FloeSpec => FLOE_SPEC.as_ref(),
        FileKind::Manifest => MANIFEST.as_ref(),
    }
}

/// One schema finding before it is placed in the text.
#[derive(Debug, Clone)]
pub(in crate::model) struct Issue {
    pub rule: &'static RuleMeta,
    pub pointer: String,
    pub at_key: bool,
    pub message: String,
    pub help: Option<String>,
    /// Allowed enum values, for a did-you-mean fix.
    enum_options: Vec<String>,
    /// A plain scalar that YAML typed as a number, boolean or date where a string belongs:
    /// quoting it is a safe fix.
    quote: bool,
}

impl Issue {
    /// A finding with a message and nothing else (no fix).
    pub fn new(rule: &'static RuleMeta, pointer: String, at_key: bool, message: String) -> Issue {
        Issue {
            rule,
            pointer,
            at_key,
            message,
            help: None,
            enum_options: Vec::new(),
            quote: false,
        }
    }
}

/// Validates `document` as a file of `kind`. Returns no findings for a document the syntax stage
/// could not load (its problems are already reported, and a partial tree would mislead).
pub fn validate(kind: FileKind, document: &Document) -> Vec<Diagnostic> {
    if let Some(kind) = kind.v1() {
        return super::v1::validate::validate(kind, document);
    }
    if !document.loadable {
        return Vec::new();
    }
    let mut value = document.json();
    // Upstream turns an empty platform.yaml (`None`) into `{}`; an empty floe.yaml stays `None`
    // and fails ("Input should be a valid dictionary").
    if kind == FileKind::Platform && value.is_null() {
        value = std::borrow::Cow::Owned(Value::Object(serde_json::Map::new()));
    }
    let mut issues = Vec::new();
    // A value the fast path finds valid has no schema finding: the validator (compiled on first
    // use, most of a cold start) is only needed to report errors.
    if known_valid::verdict(kind, &value) != Verdict::Valid
        && let Some(compiled) = compiled(kind)
    {
        compiled.issues(&value, &mut issues);
    }
    let semantic = super::semantic::check(kind, &value);
    // Freeing a large document's JSON is not worth the editor's wait; a small one is freed here,
    // where it costs less than starting a thread (a monorepo has thousands of them).
    if let std::borrow::Cow::Owned(value) = value
        && document.text.len() >= DROP_ELSEWHERE_FROM
    {
        crate::background::drop_elsewhere(value);
    }
    // Upstream's own wording for key names wins over the generic propertyNames pattern error.
    issues.retain(|issue| {
        !(issue.rule == &PATTERN_MISMATCH
            && issue.at_key
            && semantic
                .iter()
                .any(|s| s.at_key && s.pointer == issue.pointer))
    });
    issues.extend(semantic.into_iter().map(|s| Issue {
        rule: &INVALID_VALUE,
        pointer: s.pointer,
        at_key: s.at_key,
        message: s.message,
        help: None,
        enum_options: Vec::new(),
        quote: false,
    }));
    dedup(&mut issues);
    issues
        .into_iter()
        .map(|issue| place(issue, document))
        .collect()
}

pub(in crate::model) fn dedup(issues: &mut Vec<Issue>) {
    let mut seen = std::collections::HashSet::new();
    issues.retain(|i| seen.insert((i.rule.code, i.pointer.clone(), i.at_key, i.message.clone())));
}

pub(in crate::model) fn place(mut issue: Issue, document: &Document) -> Diagnostic {
    let span = document.span_of(&issue.pointer, issue.at_key);
    if std::ptr::eq(issue.rule, &UNKNOWN_KEY) && issue.at_key {
        typed_key::explain(
            document,
            &issue.pointer,
            &mut issue.message,
            &mut issue.help,
        );
    }
    let mut diagnostic = Diagnostic::new(issue.rule, &document.file, span, issue.message);
    if let Some(help) = issue.help {
        diagnostic = diagnostic.with_help(help);
    }
    if !issue.enum_options.is_empty()
        && let Some(fix) = enum_fix(document, span, &issue.enum_options)
    {
        diagnostic = diagnostic.with_fix(fix);
    }
    if issue.quote
        && let Some(fix) = quote_fix(document, span)
    {
        diagnostic = diagnostic.with_fix(fix);
    }
    diagnostic
}

/// A JSON pointer as floe prints locations (`catalogs.default.uri`); `<root>` for the root.
pub fn dotted(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the top level".into();
    }
    json_pointer::dotted(pointer)
}

fn flatten(error: ValidationError<'static>, schema: &Value, out: &mut Vec<Issue>) {
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

/// The string values of a JSON array (an `enum`'s options).
fn strings(options: &Value) -> Vec<String> {
    options
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn dedup_strings(items: Vec<String>) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

fn where_(pointer: &str) -> String {
    if pointer.is_empty() {
        "the top level".into()
    } else {
        format!("`{}`", dotted(pointer))
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn number(value: &Value) -> String {
    match value.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Some(f) => f.to_string(),
        None => value.to_string(),
    }
}

/// `'a', 'b' or 'c'`, as pydantic lists literal choices.
fn python_or(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn type_names(kind: &TypeKind) -> Vec<String> {
    match kind {
        TypeKind::Single(t) => vec![t.to_string()],
        TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
    }
}

fn type_message(expected: &[String]) -> String {
    let words: Vec<&str> = expected
        .iter()
        .filter(|t| t.as_str() != "null")
        .map(|t| match t.as_str() {
            "string" => "string",
            "integer" => "integer",
            "number" => "number",
            "boolean" => "boolean",
            "object" => "dictionary",
            "array" => "list",
            other => other,
        })
        .collect();
    match words.as_slice() {
        [] => "Input should be None".into(),
        [one] => format!("Input should be a valid {one}"),
        many => format!("Input should be a valid {}", many.join(" or ")),
    }
}

/// A string field holding an unquoted number, boolean or date.
fn wants_quotes(expected: &[String], instance: &Value) -> bool {
    expected.iter().any(|t| t == "string")
        && (instance.is_number() || instance.is_boolean() || instance.get(DATE_MARKER).is_some())
}

/// Wraps a plain one-line scalar in double quotes, keeping its exact text (`1.0` → `"1.0"`).
fn quote_fix(document: &Document, span: crate::diagnostic::Span) -> Option<crate::diagnostic::Fix> {
    let text = document.text.get(span.start..span.end)?;
    if text.is_empty()
        || text.starts_with(['"', '\'', '|', '>', '!', '&', '*'])
        || text.contains(['\n', '\r', '"', '\\'])
    {
        return None;
    }
    Some(crate::diagnostic::Fix {
        title: format!("Quote `{text}` as a string"),
        applicability: crate::diagnostic::Applicability::Safe,
        edits: vec![crate::diagnostic::Edit {
            span,
            replacement: format!("\"{text}\""),
        }],
    })
}

fn type_help(expected: &[String], instance: &Value) -> Option<String> {
    let wants_string = expected.iter().any(|t| t == "string");
    if wants_string {
        if let Some(date) = instance.get(DATE_MARKER).and_then(Value::as_str) {
            return Some(format!(
                "YAML reads an unquoted {date} as a date; quote it: \"{date}\""
            ));
        }
        if instance.is_number() || instance.is_boolean() {
            return Some(format!(
                "YAML reads this unquoted value as a {}; quote it to make it a string",
                if instance.is_boolean() {
                    "boolean"
                } else {
                    "number"
                }
            ));
        }
    }
    None
}

/// Pydantic's lax mode coerces some inputs instead of rejecting them; so do we.
fn lax_accepts(expected: &str, instance: &Value) -> bool {
    match (expected, instance) {
        ("integer", Value::Number(n)) => n.as_f64().is_some_and(|f| f.fract() == 0.0),
        ("integer", Value::Bool(_)) => true,
        ("integer", Value::String(s)) => s.trim().parse::<i64>().is_ok(),
        ("number", Value::String(s)) => s.trim().parse::<f64>().is_ok(),
        ("number", Value::Bool(_)) => true,
        ("boolean", Value::Number(n)) => n.as_f64().is_some_and(|f| f == 0.0 || f == 1.0),
        ("boolean", Value::String(s)) => matches!(
            s.to_ascii_lowercase().as_str(),
            "0" | "off" | "f" | "false" | "n" | "no" | "1" | "on" | "t" | "true" | "y" | "yes"
        ),
        _ => false,
    }
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
