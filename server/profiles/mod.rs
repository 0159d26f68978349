//! dbt `profiles.yml` exactly as floe (Generation A, floe-runtime) generates it from a `floe.yaml`
//! and a `platform.yaml` (spec §4).
//!
//! Two upstream generators are reproduced, selected by [`Style`]:
//!
//! - [`Style::Runtime`]: `DbtProfilesGenerator.generate_profiles` (spec §4.1), the one floe's
//!   container entrypoint runs. Same bytes as upstream: the value tree of [`generate`] is written
//!   by [`pyyaml::dump`], a port of PyYAML's emitter. It looks `catalogs`, `storage` and `compute`
//!   up under one profile name ([`Request::profile`]) and always emits a DuckDB output, whatever
//!   the compute type is (§4.1.4).
//! - [`Style::Factory`]: floe-dbt's per-target `ProfileFactory` + `ProfileWriter` (§4.3), a
//!   library nothing in upstream's runtime calls. It resolves the compute profile named by
//!   `floe.yaml`'s `compute:` (as `floe compile` does), picks the generator for its `type`, and
//!   writes the writer's header and `yaml.safe_dump(width=120)`. [`Request::profile`] is not used.
//!
//! Nothing here resolves a secret: every credential is one of upstream's `{{ env_var(...) }}`
//! placeholders. Where upstream itself would resolve one (a `secret_ref` catalog `uri` or storage
//! `endpoint`, which upstream reads and writes into the file in clear), the output names the
//! environment variable instead and a [`Quirk`] says so.
//!
//! What upstream does that is surprising is reported as [`Quirk`]s pointing into the file that
//! causes it. Only the fields the generator reads are checked (with pydantic's wording); full
//! schema validation is the linter's job.

mod factory;
mod generate;
pub mod preview;
pub mod pyyaml;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;

use crate::dialect::runtime::constants::{DEFAULT_PROFILE, DEFAULT_TARGET};
use crate::dialect::runtime::vocabulary::{self as key, FLOE_FILE, PLATFORM_FILE};
use crate::syntax::pattern::LazyRegex;
use crate::syntax::resolve::Scalar;
use crate::syntax::{Document, Entry, Node, NodeValue, ScalarStyle};
use pyyaml::Value;

/// Which upstream generator to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// `DbtProfilesGenerator` (floe-core), used at runtime.
    #[default]
    Runtime,
    /// floe-dbt's `ProfileFactory` + `ProfileWriter`.
    Factory,
}

/// What to generate from.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub floe: &'a Document,
    pub platform: &'a Document,
    /// Runtime style: the platform profile name used for catalog, storage and compute alike
    /// (upstream's `profile_name`, default `"default"`). Factory style ignores it.
    pub profile: &'a str,
    /// The dbt target name (runtime: `target_name`, default `"dev"`; factory: the
    /// `environment`, which is also the target name).
    pub target: &'a str,
    pub style: Style,
}

impl<'a> Request<'a> {
    /// Upstream's defaults: runtime style, profile `default`, target `dev`.
    pub fn new(floe: &'a Document, platform: &'a Document) -> Self {
        Request {
            floe,
            platform,
            profile: DEFAULT_PROFILE,
            target: DEFAULT_TARGET,
            style: Style::Runtime,
        }
    }
}

/// The generated file and what is surprising about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The exact bytes upstream writes.
    pub text: String,
    pub quirks: Vec<Quirk>,
}

/// Something upstream's generator does that the files' authors may not expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quirk {
    pub message: String,
    /// JSON pointer into `floe.yaml` (when `in_floe`) or `platform.yaml`.
    pub pointer: String,
    pub in_floe: bool,
}

/// Why upstream would not produce a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError {
    pub kind: ErrorKind,
    /// Upstream's wording where upstream raises (see [`ErrorKind`]).
    pub message: String,
    /// JSON pointer to the cause (`""` for the whole document).
    pub pointer: String,
    pub in_floe: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file did not load (syntax error, a value PyYAML cannot construct).
    NotLoadable,
    /// A field the generator reads fails upstream's model (pydantic's message).
    InvalidInput,
    /// The profile is missing: runtime style gives `DbtProfilesGenerator`'s `ValueError`,
    /// factory style `floe compile`'s `ProfileNotFoundError`.
    ProfileNotFound,
    /// Factory style: `ProfileFactory.create`'s or `ProfileGeneratorConfig`'s error.
    UnsupportedTarget,
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GenerateError {}

/// The top-level key of the runtime generator's profiles.yml, the dbt profile name: floe.yaml's
/// `name` with `-` replaced by `_` (`floe-demo` → `floe_demo`).
pub fn profile_key(floe_name: &str) -> String {
    floe_name.replace('-', "_")
}

/// Generates `profiles.yml` as upstream would from the two files.
pub fn generate(request: &Request) -> Result<Generated, GenerateError> {
    let floe = File {
        doc: request.floe,
        in_floe: true,
    };
    let platform = File {
        doc: request.platform,
        in_floe: false,
    };
    // Upstream's runtime entrypoint loads platform.yaml first; `floe compile` loads floe.yaml first.
    let order = match request.style {
        Style::Runtime => [&platform, &floe],
        Style::Factory => [&floe, &platform],
    };
    for file in order {
        if !file.doc.loadable {
            return Err(GenerateError {
                kind: ErrorKind::NotLoadable,
                message: format!(
                    "{} does not load (a syntax error, or a value PyYAML cannot construct), so upstream cannot read it",
                    file.name()
                ),
                pointer: String::new(),
                in_floe: file.in_floe,
            });
        }
    }
    match request.style {
        Style::Runtime => generate::runtime(&floe, &platform, request.profile, request.target),
        Style::Factory => factory::generate(&floe, &platform, request.target),
    }
}

// ----- reading the documents as upstream's models do -------------------------------------------

/// One of the two input files.
struct File<'a> {
    doc: &'a Document,
    in_floe: bool,
}

impl<'a> File<'a> {
    fn name(&self) -> &'static str {
        if self.in_floe {
            FLOE_FILE
        } else {
            PLATFORM_FILE
        }
    }

    fn root(&self) -> Option<&'a Node> {
        self.doc.root.as_ref()
    }

    /// A pydantic validation failure at `pointer`.
    fn invalid(&self, pointer: &str, message: &str) -> GenerateError {
        let loc = dotted(pointer);
        GenerateError {
            kind: ErrorKind::InvalidInput,
            message: if loc.is_empty() {
                format!("{} is not valid: {message}", self.name())
            } else {
                format!("{} is not valid: {loc}: {message}", self.name())
            },
            pointer: pointer.to_owned(),
            in_floe: self.in_floe,
        }
    }

    fn quirk(&self, pointer: impl Into<String>, message: impl Into<String>) -> Quirk {
        Quirk {
            message: message.into(),
            pointer: pointer.into(),
            in_floe: self.in_floe,
        }
    }

    /// The entries of the mapping at `pointer`; a missing or top-level-empty value is `{}`,
    /// anything else that is not a mapping fails as pydantic's `dict` does.
    fn mapping(&self, node: Option<&'a Node>, pointer: &str) -> Result<&'a [Entry], GenerateError> {
        match node {
            None => Ok(&[]),
            Some(node) => node
                .as_mapping()
                .ok_or_else(|| self.invalid(pointer, "Input should be a valid dictionary")),
        }
    }

    /// A model-typed mapping (a profile): must be a mapping.
    fn model(&self, node: &'a Node, pointer: &str, model: &str) -> Result<&'a Node, GenerateError> {
        if node.as_mapping().is_some() {
            Ok(node)
        } else {
            Err(self.invalid(
                pointer,
                &format!("Input should be a valid dictionary or instance of {model}"),
            ))
        }
    }

    /// An optional `str` field with a default (`None` when absent).
    fn opt_str(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
    ) -> Result<Option<(&'a str, String)>, GenerateError> {
        let pointer = child_pointer(parent_pointer, key);
        match child(parent, key) {
            None => Ok(None),
            Some(node) => match node.as_str() {
                Some(s) => Ok(Some((s, pointer))),
                None => Err(self.invalid(&pointer, "Input should be a valid string")),
            },
        }
    }

    /// A required `str` field.
    fn req_str(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
    ) -> Result<(&'a str, String), GenerateError> {
        self.opt_str(parent, parent_pointer, key)?
            .ok_or_else(|| self.invalid(&child_pointer(parent_pointer, key), "Field required"))
    }

    /// `str | None` (null allowed).
    fn nullable_str(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
    ) -> Result<Option<&'a str>, GenerateError> {
        match child(parent, key) {
            Some(node) if is_null(node) => Ok(None),
            _ => Ok(self.opt_str(parent, parent_pointer, key)?.map(|(s, _)| s)),
        }
    }

    /// `str | SecretReference` (optionally nullable).
    fn str_or_secret(
        &self,
        node: &'a Node,
        pointer: &str,
    ) -> Result<StrOrSecret<'a>, GenerateError> {
        if let Some(s) = node.as_str() {
            return Ok(StrOrSecret::Literal(s));
        }
        if let Some(entries) = node.as_mapping() {
            let secret_pointer = child_pointer(pointer, key::SECRET_REF);
            for entry in entries {
                let field = entry.key.key_text().unwrap_or_default();
                if field != key::SECRET_REF {
                    return Err(self.invalid(
                        &child_pointer(pointer, &field),
                        "Extra inputs are not permitted",
                    ));
                }
            }
            let (name, _) = self.req_str(node, pointer, key::SECRET_REF)?;
            check_len(self, &secret_pointer, name, 1, 253)?;
            if !SECRET_REF.is_match(name) {
                return Err(self.invalid(
                    &secret_pointer,
                    &format!("String should match pattern '{}'", SECRET_REF.as_str()),
                ));
            }
            return Ok(StrOrSecret::Secret(name));
        }
        Err(self.invalid(pointer, "Input should be a valid string"))
    }

    /// Validates an optional enum-typed `str` field; returns its value or `default`.
    fn enum_field(
        &self,
        parent: &'a Node,
        parent_pointer: &str,
        key: &str,
        allowed: &[&str],
        default: &'a str,
    ) -> Result<(&'a str, Option<String>), GenerateError> {
        let pointer = child_pointer(parent_pointer, key);
        match child(parent, key) {
            None => Ok((default, None)),
            Some(node) => match node.as_str() {
                Some(s) if allowed.contains(&s) => Ok((s, Some(pointer))),
                _ => Err(self.invalid(&pointer, &enum_message(allowed))),
            },
        }
    }
}

/// A field that holds a literal or `{secret_ref: name}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StrOrSecret<'a> {
    Literal(&'a str),
    Secret(&'a str),
}

impl StrOrSecret<'_> {
    /// The environment variable upstream's `SecretReference.resolve()` reads first.
    fn env_name(name: &str) -> String {
        name.to_uppercase().replace('-', "_")
    }
}

static SECRET_REF: NamePattern = NamePattern(LazyRegex::new(r"^[a-zA-Z0-9][a-zA-Z0-9_-]{0,252}$"));

/// `^[a-zA-Z][a-zA-Z0-9_-]*$`, floe's profile-name and profile-reference pattern.
static PROFILE_NAME: NamePattern = NamePattern(LazyRegex::new(r"^[a-zA-Z][a-zA-Z0-9_-]*$"));

/// The name patterns, for the test holding [`LazyRegex`] to the regex crate.
#[cfg(test)]
pub(crate) fn lazy_regexes() -> [&'static LazyRegex; 2] {
    [&SECRET_REF.0, &PROFILE_NAME.0]
}

/// A name pattern, compiled as a regex only for names the pattern engine cannot judge.
struct NamePattern(LazyRegex);

impl NamePattern {
    fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text) == Some(true)
    }

    fn as_str(&self) -> &'static str {
        self.0.as_str()
    }
}

fn check_len(
    file: &File,
    pointer: &str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), GenerateError> {
    let count = value.chars().count();
    if count < min {
        let unit = if min == 1 { "character" } else { "characters" };
        return Err(file.invalid(
            pointer,
            &format!("String should have at least {min} {unit}"),
        ));
    }
    if count > max {
        return Err(file.invalid(
            pointer,
            &format!("String should have at most {max} characters"),
        ));
    }
    Ok(())
}

/// pydantic's enum message: `Input should be 'a', 'b' or 'c'`.
fn enum_message(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("Input should be {} or {last}", rest.join(", "))
        }
        Some((last, _)) => format!("Input should be {last}"),
        None => "Input should be a valid enumeration member".into(),
    }
}

fn is_null(node: &Node) -> bool {
    matches!(
        node.value,
        NodeValue::Scalar {
            value: Scalar::Null,
            ..
        }
    )
}

/// The value of `key` in a mapping node (last one wins, as in PyYAML).
fn child<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.get(key).map(|e| &e.value)
}

use crate::syntax::json_pointer::{child as child_pointer, dotted};

/// A mapping's keys in Python `dict` order: `<<`-merged keys first (PyYAML puts merged pairs
/// before the explicit ones), each key once at its first position.
fn python_keys(entries: &[Entry]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let ordered = entries
        .iter()
        .filter(|e| e.merged)
        .chain(entries.iter().filter(|e| !e.merged));
    for entry in ordered {
        if let Some(key) = entry.key.key_text()
            && !keys.contains(&key)
        {
            keys.push(key);
        }
    }
    keys
}

/// Turns loaded YAML into the Python objects PyYAML builds (for values the generators copy
/// through unchanged, such as `compute.properties.path`). Lists, dicts and dates keep their
/// identity: an alias is the same object, so a value reached twice is anchored on output.
struct Converter<'f, 'a> {
    file: &'f File<'a>,
    ids: HashMap<(usize, usize, usize, u8), usize>,
}

impl<'f, 'a> Converter<'f, 'a> {
    fn new(file: &'f File<'a>) -> Self {
        Converter {
            file,
            ids: HashMap::new(),
        }
    }

    /// An alias is a copy of its anchored node with the same span and size; a parent and its
    /// only child can share a span (`- [a]`), but never a size.
    fn identity(&mut self, node: &Node, kind: u8) -> usize {
        let next = self.ids.len();
        *self
            .ids
            .entry((node.span.start, node.span.end, node.size, kind))
            .or_insert(next)
    }

    fn value(&mut self, node: &Node, pointer: &str) -> Result<Value, GenerateError> {
        match &node.value {
            NodeValue::Scalar { value, .. } => match value {
                Scalar::Null => Ok(Value::Null),
                Scalar::Bool(b) => Ok(Value::Bool(*b)),
                Scalar::Int(i) => Ok(Value::Int(*i)),
                Scalar::Float(f) => Ok(Value::Float(*f)),
                // A plain `<<` is PyYAML's merge tag, which a value cannot be constructed from.
                Scalar::Str(s)
                    if s == "<<"
                        && matches!(
                            node.value,
                            NodeValue::Scalar {
                                style: ScalarStyle::Plain,
                                ..
                            }
                        ) =>
                {
                    Err(self.file.invalid(
                        pointer,
                        "could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
                    ))
                }
                Scalar::Str(s) => Ok(Value::Str(s.clone())),
                Scalar::Timestamp(text) => match pyyaml::python_timestamp(text) {
                    Some(text) => Ok(Value::Timestamp {
                        text,
                        id: Some(self.identity(node, 0)),
                    }),
                    None => Err(self.file.invalid(
                        pointer,
                        &format!("cannot construct a date from '{text}' (PyYAML raises)"),
                    )),
                },
                Scalar::Unconstructable { tag } => Err(self.file.invalid(
                    pointer,
                    &format!("could not determine a constructor for the tag '{tag}'"),
                )),
            },
            NodeValue::Sequence(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    out.push(self.value(item, &format!("{pointer}/{index}"))?);
                }
                Ok(Value::Seq {
                    items: out,
                    id: Some(self.identity(node, 1)),
                })
            }
            NodeValue::Mapping(entries) => {
                let mut out: Vec<(Value, Value)> = Vec::with_capacity(entries.len());
                let ordered = entries
                    .iter()
                    .filter(|e| e.merged)
                    .chain(entries.iter().filter(|e| !e.merged));
                for entry in ordered {
                    let Some(key_name) = entry.key.key_text() else {
                        return Err(self.file.invalid(
                            pointer,
                            "found unhashable key (PyYAML cannot load a collection as a key)",
                        ));
                    };
                    let entry_pointer = child_pointer(pointer, &key_name);
                    if !matches!(entry.key.value, NodeValue::Scalar { .. }) {
                        return Err(self.file.invalid(
                            &entry_pointer,
                            "found unhashable key (PyYAML cannot load a collection as a key)",
                        ));
                    }
                    let key = self.value(&entry.key, &entry_pointer)?;
                    let value = self.value(&entry.value, &entry_pointer)?;
                    match out.iter_mut().find(|(k, _)| python_key_eq(k, &key)) {
                        Some(slot) => slot.1 = value,
                        None => out.push((key, value)),
                    }
                }
                Ok(Value::Map {
                    entries: out,
                    id: Some(self.identity(node, 2)),
                })
            }
        }
    }
}

/// Python `==` between two hashable scalars (`1 == 1.0 == True`).
fn python_key_eq(a: &Value, b: &Value) -> bool {
    fn number(v: &Value) -> Option<f64> {
        match v {
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Null, Value::Null) => true,
        (Value::Timestamp { text: x, .. }, Value::Timestamp { text: y, .. }) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}
