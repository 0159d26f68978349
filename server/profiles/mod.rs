//! dbt `profiles.yml` exactly as floe (Generation A, floe-runtime) generates it from a `floe.yaml`
//! and a `platform.yaml` (spec §4). Generation B's (a FloeSpec and its manifest) is [`v1`].
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

mod convert;
mod factory;
mod generate;
mod input;
pub mod preview;
pub mod pyyaml;
#[cfg(test)]
mod tests;
pub mod v1;

use std::collections::HashMap;
use std::fmt;

use crate::dialect::runtime::constants::{DEFAULT_PROFILE, DEFAULT_TARGET};
use crate::dialect::runtime::vocabulary::{self as key, FLOE_FILE, PLATFORM_FILE};
use crate::syntax::pattern::LazyRegex;
use crate::syntax::resolve::Scalar;
use crate::syntax::{Document, Entry, Node, NodeValue, ScalarStyle};
use convert::Converter;
use input::{check_len, child, is_null, python_keys};
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

/// One of the two input files.
struct File<'a> {
    doc: &'a Document,
    in_floe: bool,
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

use crate::syntax::json_pointer::{child as child_pointer, dotted};
