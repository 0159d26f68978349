//! dbt `profiles.yml` exactly as Generation B (Obsidian-Owl/floe, `apiVersion: floe.dev/v1`)
//! writes it, from a product's floe.yaml (`kind: FloeSpec`) and the platform's manifest.yaml.
//!
//! Two upstream steps (spec §7.2, §7.3):
//!
//! 1. `floe platform compile` builds `dbt_profiles` (`generate_dbt_profiles`): the manifest's
//!    `plugins.compute.config` with `{product_name}` / `{product_slug}` expanded, `threads` and
//!    `timeout_seconds` taken out into `ComputeConfig`, the rest handed to the compute plugin's
//!    `generate_dbt_profile` (only DuckDB exists upstream, [`duckdb`]), under
//!    `{<metadata.name>: {target: dev, outputs: {dev: …}}}`.
//! 2. The Dagster runtime (`prepare_compiled_profiles_dir`) writes that with
//!    `yaml.safe_dump(payload, sort_keys=False)` to a temporary directory, adding the dbt-safe
//!    name ([`dbt_project_name`]) as a second key for **the same dict** when it differs, so
//!    PyYAML writes `customer-360: &id001` … `customer_360: *id001`. It never reads a
//!    checked-in profiles.yml.
//!
//! The compile checks on the way ([`compute::resolve`]) are reported all at once as
//! [`Issue`]s, for the rules; the generator fails at the first, as upstream does.

mod attach;
mod compute;
mod duckdb;
pub mod preview;
mod python;
#[cfg(test)]
mod tests;

pub use compute::{Resolved, resolve};
pub use python::{dbt_project_name, product_slug};

use super::pyyaml::{self, DumpOptions, Value};
use super::{ErrorKind, GenerateError, Generated, Quirk};
use crate::diagnostic::Span;
use crate::dialect::v1::compute as key;
use crate::dialect::v1::vocabulary::MANIFEST_FILE_NAMES;
use crate::secrets::{redact, scan};
use crate::syntax::json_pointer::{child as child_pointer, dotted};
use crate::syntax::{Document, Limits, Node, parse_text};

/// `yaml.safe_dump(payload, sort_keys=False)`: block style, ASCII only (`allow_unicode` is
/// off), width 80.
const SAFE_DUMP: DumpOptions = DumpOptions {
    width: None,
    allow_unicode: false,
};

/// The identity of the one profile dict both keys of the payload point at.
const PROFILE_ID: usize = 0;

/// Something compile does with `plugins.compute`, at a value of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub kind: IssueKind,
    /// JSON pointer into the manifest.
    pub pointer: String,
    pub span: Span,
    /// Upstream's own words: the exception's text, pydantic's message, compile's error.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// A value of a shape the manifest's model rejects (the schema stage reports it).
    Invalid,
    /// `E201`: no `plugins.compute` or `plugins.orchestrator`.
    RequiredPlugin,
    /// `E301`: a compute type with no plugin (anything but `duckdb`).
    PluginNotFound,
    /// `ComputeConfig`'s ranges (`threads` 1–64, `timeout_seconds` 1–86400).
    ComputeConfig,
    /// `E303`: DuckDB's `generate_dbt_profile` raises.
    ProfileFailed,
    /// A key the DuckDB plugin never reads (not a failure).
    Dropped,
    /// A setting the profile carries that DuckDB refuses when dbt applies it (`access_mode`):
    /// compile passes, dbt cannot connect.
    RefusedByDuckDb,
}

impl IssueKind {
    /// Whether compile fails on it.
    pub fn is_error(self) -> bool {
        !matches!(self, IssueKind::Dropped | IssueKind::RefusedByDuckDb)
    }
}

/// `profiles.yml` as upstream's runtime writes it for the product `spec` with `manifest`.
pub fn generate(spec: &Document, manifest: &Document) -> Result<Generated, GenerateError> {
    // Compile loads floe.yaml, then the manifest.
    for (document, in_floe) in [(spec, true), (manifest, false)] {
        if !document.loadable {
            return Err(GenerateError {
                kind: ErrorKind::NotLoadable,
                message: format!(
                    "{} does not load (a syntax error, or a value PyYAML cannot construct), so upstream cannot read it",
                    file_name(in_floe)
                ),
                pointer: String::new(),
                in_floe,
            });
        }
    }
    let name = product_name(spec)?;
    let resolved = resolve(manifest, Some(name));
    if let Some(issue) = resolved.issues.iter().find(|i| i.kind.is_error()) {
        return Err(failure(issue));
    }
    let Some(output) = resolved.output else {
        return Err(GenerateError {
            kind: ErrorKind::InvalidInput,
            message: "the manifest's compute plugin gives no dbt profile".into(),
            pointer: child_pointer("", key::PLUGINS),
            in_floe: false,
        });
    };
    let quirks = resolved
        .issues
        .into_iter()
        .map(|issue| Quirk {
            message: issue.message,
            pointer: issue.pointer,
            in_floe: false,
        })
        .collect();
    Ok(Generated {
        text: pyyaml::dump(&payload(name, output), SAFE_DUMP),
        quirks,
    })
}

/// `{name: profile}` plus `{dbt_project_name(name): profile}` (the same dict) when it differs.
fn payload(name: &str, output: Value) -> Value {
    let profile = Value::Map {
        entries: vec![
            (Value::str(key::TARGET), Value::str(key::DEV)),
            (
                Value::str(key::OUTPUTS),
                Value::str_map([(key::DEV, output)]),
            ),
        ],
        id: Some(PROFILE_ID),
    };
    let mut entries = vec![(Value::str(name), profile.clone())];
    let safe = dbt_project_name(name);
    if safe != name {
        entries.push((Value::str(safe), profile));
    }
    Value::map(entries)
}

/// floe.yaml's `metadata.name`, as `FloeSpec` requires it.
pub fn product_name(spec: &Document) -> Result<&str, GenerateError> {
    let invalid = |pointer: String, message: &str| GenerateError {
        kind: ErrorKind::InvalidInput,
        message: format!("floe.yaml is not valid: {}: {message}", dotted(&pointer)),
        pointer,
        in_floe: true,
    };
    let metadata_pointer = child_pointer("", key::METADATA);
    let metadata = spec
        .root
        .as_ref()
        .and_then(|root| root.get(key::METADATA))
        .map(|entry| &entry.value)
        .ok_or_else(|| invalid(metadata_pointer.clone(), "Field required"))?;
    if metadata.as_mapping().is_none() {
        return Err(invalid(
            metadata_pointer,
            "Input should be a valid dictionary or instance of FloeMetadata",
        ));
    }
    let name_pointer = child_pointer(&metadata_pointer, key::NAME);
    let name: &Node = metadata
        .get(key::NAME)
        .map(|entry| &entry.value)
        .ok_or_else(|| invalid(name_pointer.clone(), "Field required"))?;
    name.as_str()
        .ok_or_else(|| invalid(name_pointer, "Input should be a valid string"))
}

/// The generator's error for compile's first failure.
fn failure(issue: &Issue) -> GenerateError {
    let (kind, message) = match issue.kind {
        IssueKind::Invalid => (
            ErrorKind::InvalidInput,
            format!(
                "{} is not valid: {}: {}",
                file_name(false),
                dotted(&issue.pointer),
                issue.message
            ),
        ),
        IssueKind::RequiredPlugin => (
            ErrorKind::ProfileNotFound,
            format!("E201 {}", issue.message),
        ),
        IssueKind::PluginNotFound => (
            ErrorKind::UnsupportedTarget,
            format!(
                "E301 {} (upstream ships only the '{}' compute plugin)",
                issue.message,
                key::DUCKDB
            ),
        ),
        IssueKind::ComputeConfig => (
            ErrorKind::InvalidInput,
            format!(
                "validation error for ComputeConfig: {}: {}",
                dotted(&issue.pointer)
                    .rsplit('.')
                    .next()
                    .unwrap_or_default(),
                issue.message
            ),
        ),
        IssueKind::ProfileFailed | IssueKind::Dropped | IssueKind::RefusedByDuckDb => (
            ErrorKind::UnsupportedTarget,
            format!(
                "E303 Failed to generate dbt profile for '{}': {}",
                key::DUCKDB,
                issue.message
            ),
        ),
    };
    GenerateError {
        kind,
        message,
        pointer: issue.pointer.clone(),
        in_floe: false,
    }
}

fn file_name(in_floe: bool) -> &'static str {
    if in_floe {
        crate::dialect::runtime::vocabulary::FLOE_FILE
    } else {
        MANIFEST_FILE_NAMES[0]
    }
}

/// The secret values the profiles.yml scan finds in a generated file, each with the form it is
/// shown in (`AK… (20 chars)`). Generation B has no secret references: a credential written in
/// the manifest's compute config (a DuckDB `s3_secret_access_key` setting) is written into the
/// file as is, so a view of the file must hide it.
pub fn secrets(text: &str) -> Vec<(Span, String)> {
    let file: std::sync::Arc<std::path::Path> =
        std::sync::Arc::from(std::path::Path::new(key::PROFILES_FILE));
    let document = parse_text(&file, text, &Limits::default());
    scan::scan(&document, scan::Scope::Profiles)
        .into_iter()
        .filter(scan::Found::is_secret)
        .map(|found| (found.span, redact::secret(&found.value)))
        .collect()
}

/// `text` as it may be shown: every secret replaced by its redacted form; and how many there were.
pub fn shown(text: &str) -> (String, usize) {
    let mut secrets = secrets(text);
    secrets.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let count = secrets.len();
    let mut out = text.to_owned();
    let mut last_start = usize::MAX;
    for (span, form) in secrets {
        if span.end <= last_start
            && span.end <= out.len()
            && out.is_char_boundary(span.start)
            && out.is_char_boundary(span.end)
        {
            out.replace_range(span.start..span.end, &form);
            last_start = span.start;
        }
    }
    (out, count)
}
