//! Each name a dialect's vocabulary owns is written once, in `server/dialect/`, and it is a real
//! name of the models.
//!
//! - [`vocabulary_names_are_written_once`]: every name-like string literal of `server/dialect/`
//!   (a key, an upstream constant, a file name) is owned; a consumer that spells one of them as a
//!   literal instead of reading it from the vocabulary fails, unless the file is listed in
//!   [`OTHER_MEANINGS`] for that spelling (the same letters meaning something else there).
//!   Test modules, comments, attributes (serde's `rename`s are the models' definitions) and
//!   documentation may quote them.
//! - [`runtime_keys_are_fields_of_the_schema`], [`v1_keys_are_fields_of_the_schema`],
//!   [`dbt_settings_are_documented_compute_properties`]: every key constant names a field of the
//!   generated schema at a place where it is read, so a renamed field cannot leave a stale
//!   constant; every constant of a key file is listed (a new one must say where it lives, or why
//!   it is no schema key).
//! - [`constants_are_values_of_the_schema`]: upstream's values and defaults that the code
//!   branches on are values (or the defaults) the schema allows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use floe_lint::dialect::{dbt, runtime, v1};
use floe_lint::model::FileKind;
use floe_lint::model::navigate::{self, Step};
use floe_lint::model::v1::plugin_config::{self, PluginConfigKind};
use serde_json::Value;

/// Files where a spelling the vocabulary owns means something else, and what it means there.
const OTHER_MEANINGS: &[(&str, &[&str], &str)] = &[
    // Merged from the Generation B work: the same letters as a Generation B key or value.
    (
        "cli/human.rs",
        &["error"],
        "a severity's name in floe-lint's text output",
    ),
    (
        "cli/github.rs",
        &["error"],
        "GitHub's workflow-command severity",
    ),
    (
        "cli/connect.rs",
        &["version"],
        "a field of connect's JSON report",
    ),
    ("diagnostic/mod.rs", &["error"], "a severity's name"),
    (
        "lsp/message.rs",
        &["error", "message"],
        "JSON-RPC message fields",
    ),
    (
        "lsp/text_sync.rs",
        &["message", "settings"],
        "LSP message fields (didChangeConfiguration's `settings`)",
    ),
    (
        "lsp/connectivity.rs",
        &["version"],
        "a field of connect's JSON report",
    ),
    (
        "connect/report.rs",
        &["manifest", "product"],
        "fields of connect's JSON report (which manifest, for which product)",
    ),
    (
        "connect/namespace.rs",
        &["namespace"],
        "the word in the namespace step's detail (`1 namespace`)",
    ),
    (
        "connect/sql.rs",
        &["http", "path"],
        "an S3 endpoint's URL scheme, and DuckDB's `s3_url_style = 'path'`",
    ),
    (
        "lsp/preview.rs",
        &["floe", "manifest"],
        "fields of the preview command's answer (which files it was generated from)",
    ),
    (
        "secrets/upstream_scan.rs",
        &["version"],
        "a field of detect-secrets' baseline",
    ),
    (
        "syntax/pydantic.rs",
        &["off"],
        "a string pydantic's lax bool reads as false",
    ),
    (
        "model/mod.rs",
        &["floe"],
        "the file kind's name on the command line (`floe-lint schema floe`)",
    ),
    (
        "model/v1/semantic/manifest.rs",
        &["floe"],
        "a manifest name upstream reserves",
    ),
    (
        "model/v1/plugin_config/models.rs",
        &["floe"],
        "the K8s secrets plugin's default `managed-by` label value",
    ),
    (
        "profiles/factory.rs",
        &["floe"],
        "floe-dbt's factory profile name",
    ),
    (
        "model/v1/validate.rs",
        &["schema"],
        "an output port's `schema` key in a FloeSpec's FR-014 path",
    ),
    (
        "model/v1/governance.rs",
        &["rbac"],
        "the model's list of governance sections",
    ),
    (
        "model/v1/aliases.rs",
        &["required"],
        "JSON Schema's `required` keyword",
    ),
    (
        "model/v1/mod.rs",
        &["required"],
        "JSON Schema's `required` keyword",
    ),
    (
        "model/v1/observability.rs",
        &["required"],
        "JSON Schema's `required` keyword",
    ),
    (
        "model/navigate.rs",
        &["required"],
        "JSON Schema's `required` keyword",
    ),
    (
        "lsp/completion/items.rs",
        &["required"],
        "JSON Schema's `required` keyword",
    ),
    (
        "connect/python.rs",
        &["attach"],
        "a field of the DuckDB step's request to Python",
    ),
    (
        "rules/compile/ranges.rs",
        &["snapshots"],
        "a word of the message",
    ),
    (
        "rules/compile/naming.rs",
        &["bronze_", "silver_", "gold_"],
        "upstream's rename suggestions, keyed by the layer prefix a name has",
    ),
    // Output formats and protocols.
    (
        "cli/json.rs",
        &["version", "error", "name"],
        "fields of floe-lint's JSON output",
    ),
    (
        "cli/sarif.rs",
        &[
            "error",
            "message",
            "tags",
            "version",
            "uri",
            "region",
            "name",
            "properties",
            "driver",
        ],
        "SARIF's own fields",
    ),
    (
        "connect/report.rs",
        &["version", "catalog", "name"],
        "fields of connect's JSON report",
    ),
    (
        "connect/http.rs",
        &[
            "error",
            "prefix",
            "client_id",
            "client_secret",
            "scope",
            "warehouse",
            "defaults",
            "token",
            "config",
            "namespace",
        ],
        "the OAuth2 token request's form fields (RFC 6749), the Iceberg REST API's parameters and answers, and connect's step names",
    ),
    (
        "connect/mod.rs",
        &["token", "config", "namespace", "duckdb"],
        "connect's step names",
    ),
    (
        "lsp/diagnostics.rs",
        &["message", "method", "type"],
        "JSON-RPC and LSP message fields",
    ),
    (
        "lsp/text_sync.rs",
        &["method", "type"],
        "JSON-RPC and LSP message fields",
    ),
    ("lsp/lifecycle.rs", &["method"], "the JSON-RPC method field"),
    ("lsp/message.rs", &["method"], "the JSON-RPC method field"),
    (
        "lsp/preview.rs",
        &["platform"],
        "a field of the preview command's answer",
    ),
    (
        "diagnostic/rule_meta.rs",
        &["schema", "security", "dbt"],
        "rule family names",
    ),
    (
        "model/mod.rs",
        &["platform", "manifest"],
        "floe-lint's short names of the file kinds (schema file names)",
    ),
    (
        "workspace/mod.rs",
        &["target"],
        "a build directory skipped by discovery",
    ),
    // JSON Schema's own keywords, where the model builds or reads a schema.
    (
        "model/common/credentials.rs",
        &["type"],
        "the JSON Schema keyword",
    ),
    (
        "model/compute_properties.rs",
        &["type", "aws"],
        "the JSON Schema keyword; a DuckDB extension",
    ),
    (
        "model/navigate.rs",
        &["properties", "type"],
        "JSON Schema keywords",
    ),
    (
        "model/v1/aliases.rs",
        &["properties"],
        "the JSON Schema keyword",
    ),
    (
        "model/v1/mod.rs",
        &["type", "pattern"],
        "JSON Schema keywords",
    ),
    (
        "model/v1/promotion.rs",
        &["type", "tests"],
        "the JSON Schema keyword; a promotion gate (upstream's list)",
    ),
    (
        "model/v1/validate.rs",
        &["type", "properties"],
        "JSON Schema keywords",
    ),
    (
        "model/validate/flatten/mod.rs",
        &["properties"],
        "the JSON Schema keyword",
    ),
    (
        "model/validate/flatten/union.rs",
        &["properties"],
        "the JSON Schema keyword",
    ),
    ("lsp/hover.rs", &["default"], "the JSON Schema keyword"),
    (
        "lsp/completion/items.rs",
        &["default"],
        "the JSON Schema keyword",
    ),
    (
        "model/v1/observability.rs",
        &["type", "properties", "memory_limit", "limits"],
        "the resource preset's schema, written by hand (its definition)",
    ),
    // Upstream's value tables and model defaults, defined once beside their model.
    (
        "model/platform/cloud.rs",
        &["s3"],
        "a default of another thing: LocalStack's AWS services",
    ),
    (
        "model/platform/security.rs",
        &["profile"],
        "a default of another thing: an OIDC scope",
    ),
    (
        "model/v1/plugin_config/models.rs",
        &["dev", "profile"],
        "Generation B plugin configs' defaults (their definition) and an OIDC scope",
    ),
    (
        "model/v1/governance.rs",
        &["custom", "naming"],
        "policy types (upstream's POLICY_TYPES list)",
    ),
    (
        "model/v1/semantic/floe.rs",
        &[
            "database",
            "schema",
            "host",
            "port",
            "password",
            "credentials",
            "endpoint",
            "token",
            "transform",
        ],
        "FR-014's forbidden keys (upstream's list, defined once there) and a message's noun",
    ),
    (
        "model/v1/semantic/manifest.rs",
        &["environments", "env", "dev", "default"],
        "upstream's lists of environment keys and reserved names",
    ),
    (
        "secrets/detect.rs",
        &["password", "token"],
        "detect-secrets' keyword heuristics",
    ),
    (
        "rules/dbt/model_config.rs",
        &["iceberg", "namespace"],
        "words of a dbt model's SQL config",
    ),
];

/// Name-like literals: a literal owned by the vocabulary is one of these (`"catalogs"`,
/// `"PRINCIPAL_ROLE:ALL"`, `"manifest.yaml"`), never a sentence.
fn is_name(text: &str) -> bool {
    text.len() >= 2
        && text.chars().any(|c| c.is_ascii_alphanumeric())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:-".contains(c))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a source file that are code, with their numbers: without `#[cfg(test)]` items,
/// comments and attributes.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let code = lines[i].trim();
        if code == "#[cfg(test)]" {
            // Skip the item: to its `;`, or to the brace that closes it.
            let mut depth = 0i32;
            let mut opened = false;
            i += 1;
            while i < lines.len() {
                let line = lines[i];
                depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                opened |= line.contains('{');
                i += 1;
                if (!opened && line.trim_end().ends_with(';')) || (opened && depth <= 0) {
                    break;
                }
            }
            continue;
        }
        if !(code.starts_with("//") || code.starts_with("#[")) {
            out.push((i + 1, lines[i]));
        }
        i += 1;
    }
    out
}

/// The string literals of a line (escapes kept as written).
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i + 1;
            let mut j = start;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            if j <= bytes.len() {
                out.push(&line[start..j.min(bytes.len())]);
            }
            i = j + 1;
        } else if bytes[i] == b'\'' && bytes.get(i + 2) == Some(&b'\'') {
            i += 3; // a char literal such as '"'
        } else {
            i += 1;
        }
    }
    out
}

fn server() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("server")
}

/// Every name-like literal written in `server/dialect/`.
fn owned() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&server().join("dialect"), &mut files);
    let mut owned = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for (_, line) in code_lines(&text) {
            owned.extend(
                literals(line)
                    .into_iter()
                    .filter(|l| is_name(l))
                    .map(str::to_owned),
            );
        }
    }
    owned
}

#[test]
fn vocabulary_names_are_written_once() {
    let owned = owned();
    // The derivation sees the vocabulary (each kind of name once).
    for name in [
        "catalogs",
        "uri",
        "PRINCIPAL_ROLE:ALL",
        "floe_dbt.plugins.polaris",
        "FloeSpec",
        "manifest.yaml",
        "approved_plugins",
        "outputs",
    ] {
        assert!(owned.contains(name), "{name} is not owned");
    }
    assert!(owned.len() > 250, "{} names owned", owned.len());

    let mut files = Vec::new();
    rust_files(&server(), &mut files);
    let mut strays = Vec::new();
    let mut used_meanings = BTreeSet::new();
    for file in files {
        let relative = file.strip_prefix(server()).expect("under server/");
        let shown = relative.to_string_lossy().replace('\\', "/");
        if relative.starts_with("dialect") || shown.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read source");
        for (number, line) in code_lines(&text) {
            for literal in literals(line) {
                if !owned.contains(literal) {
                    continue;
                }
                let meaning = OTHER_MEANINGS
                    .iter()
                    .position(|(f, words, _)| *f == shown && words.contains(&literal));
                match meaning {
                    Some(index) => {
                        used_meanings.insert((index, literal.to_owned()));
                    }
                    None => strays.push(format!("server/{shown}:{number}: \"{literal}\"")),
                }
            }
        }
    }
    assert!(
        strays.is_empty(),
        "use the dialect's vocabulary (server/dialect/) instead of:\n{}",
        strays.join("\n")
    );
    // An exemption nothing needs any more is removed, so the list stays the truth.
    let mut unused = Vec::new();
    for (index, (file, words, _)) in OTHER_MEANINGS.iter().enumerate() {
        for word in *words {
            if !used_meanings.contains(&(index, (*word).to_owned())) {
                unused.push(format!("{file}: {word}"));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "OTHER_MEANINGS lists spellings these files no longer use:\n{}",
        unused.join("\n")
    );
}

// ----- the key constants against the schema ---------------------------------------------------

/// The `pub const NAME: &str = "…";` of a source file, by their path inside it (`plugin::CATALOG`).
fn str_constants(relative: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(server().join(relative)).expect("read source");
    let mut out = BTreeMap::new();
    let mut modules: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    for (_, line) in code_lines(&text) {
        let code = line.trim();
        if let Some(rest) = code.strip_prefix("pub mod ")
            && let Some(name) = rest.strip_suffix(" {")
        {
            modules.push((name.to_owned(), depth));
        }
        if let Some(rest) = code.strip_prefix("pub const ")
            && let Some((name, value)) = rest.split_once(": &str = \"")
            && let Some(value) = value.strip_suffix("\";")
        {
            let mut path: Vec<&str> = modules.iter().map(|(m, _)| m.as_str()).collect();
            path.push(name);
            out.insert(path.join("::"), value.to_owned());
        }
        depth += line.matches('{').count();
        depth = depth.saturating_sub(line.matches('}').count());
        while modules.last().is_some_and(|(_, at)| depth <= *at) {
            modules.pop();
        }
    }
    out
}

/// Where a key is read: a file kind and a key path (`*` any name, `0` any item, `name=tag` the
/// variant of a tagged union written there).
struct Place {
    kind: FileKind,
    path: &'static str,
}

fn at(kind: FileKind, path: &'static str) -> Place {
    Place { kind, path }
}

/// The fields the schema allows at a place.
fn fields_at(place: &Place) -> Vec<String> {
    let mut steps = Vec::new();
    let mut tags: Vec<Option<String>> = vec![None];
    for segment in place.path.split('.').filter(|s| !s.is_empty()) {
        let (name, tag) = match segment.split_once('=') {
            Some((name, tag)) => (name, Some(tag.to_owned())),
            None => (segment, None),
        };
        steps.push(match name.parse::<usize>() {
            Ok(index) => Step::Index(index),
            Err(_) => Step::Key(name.to_owned()),
        });
        tags.push(tag);
    }
    let tag = |prefix: &[Step]| tags.get(prefix.len()).cloned().flatten();
    navigate::fields(place.kind, &steps, &tag)
        .into_iter()
        .map(|f| f.name)
        .collect()
}

/// Checks every constant of `file` against its places; `not_keys` are the constants that name no
/// schema field, each with why.
fn check_places(file: &str, places: &[(&str, &str, Vec<Place>)], not_keys: &[(&[&str], &str)]) {
    let constants = str_constants(file);
    let mut problems = Vec::new();
    for (name, value, where_) in places {
        let name = &name.replace(' ', "");
        match constants.get(name) {
            Some(written) if written == value => {}
            _ => problems.push(format!("{name}: not a `&str` constant of {file}")),
        }
        for place in where_ {
            if !fields_at(place).iter().any(|f| f == value) {
                problems.push(format!(
                    "{name} = {value:?} is not a field of {:?} at `{}`",
                    place.kind, place.path
                ));
            }
        }
    }
    let excused: BTreeSet<&str> = not_keys
        .iter()
        .flat_map(|(names, _)| names.iter().copied())
        .collect();
    for name in constants.keys() {
        if !places.iter().any(|(n, _, _)| n.replace(' ', "") == *name)
            && !excused.contains(name.as_str())
        {
            problems.push(format!(
                "{file}: {name} says neither where it is read nor why it is no schema key"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

macro_rules! places {
    ($($($name:ident)::+ => [$($place:expr),+ $(,)?]),* $(,)?) => {
        vec![$((
            stringify!($($name)::+),
            $($name)::+,
            vec![$($place),+],
        )),*]
    };
}

#[test]
fn runtime_keys_are_fields_of_the_schema() {
    use FileKind::{Floe, Platform};
    use runtime::vocabulary::*;
    let places = places! {
        STORAGE => [at(Platform, "")],
        CATALOGS => [at(Platform, "")],
        COMPUTE => [at(Platform, "")],
        LAYERS => [at(Platform, "")],
        OBSERVABILITY => [at(Platform, "")],
        INFRASTRUCTURE => [at(Platform, "")],
        SECURITY => [at(Platform, "")],
        NAME => [at(Floe, ""), at(Platform, "layers.*")],
        TRANSFORMS => [at(Floe, "")],
        ORCHESTRATION => [at(Floe, "")],
        FLOE_STORAGE => [at(Floe, "")],
        FLOE_CATALOG => [at(Floe, "")],
        FLOE_COMPUTE => [at(Floe, "")],
        STORAGE_REF => [at(Platform, "layers.*"), at(Platform, "observability.compute_logs")],
        CATALOG_REF => [at(Platform, "layers.*")],
        COMPUTE_LOGS => [at(Platform, "observability")],
        TYPE => [at(Platform, "storage.*"), at(Platform, "catalogs.*"), at(Platform, "compute.*"),
            at(Floe, "orchestration.sensors.*=asset_sensor")],
        URI => [at(Platform, "catalogs.*")],
        WAREHOUSE => [at(Platform, "catalogs.*")],
        NAMESPACE => [at(Platform, "catalogs.*"), at(Platform, "layers.*")],
        ACCESS_DELEGATION => [at(Platform, "catalogs.*")],
        CREDENTIALS => [at(Platform, "catalogs.*"), at(Platform, "storage.*")],
        BUCKET => [at(Platform, "storage.*")],
        ENDPOINT => [at(Platform, "storage.*")],
        REGION => [at(Platform, "storage.*"), at(Platform, "infrastructure.cloud")],
        PATH_STYLE_ACCESS => [at(Platform, "storage.*")],
        PROPERTIES => [at(Platform, "compute.*")],
        MODE => [at(Platform, "catalogs.*.credentials")],
        CLIENT_ID => [at(Platform, "catalogs.*.credentials")],
        CLIENT_SECRET => [at(Platform, "catalogs.*.credentials")],
        SCOPE => [at(Platform, "catalogs.*.credentials")],
        ROLE_ARN => [at(Platform, "storage.*.credentials")],
        SECRET_REF => [at(Platform, "catalogs.*.credentials.client_secret")],
        LINEAGE_ENDPOINT => [at(Platform, "observability")],
        OTLP_ENDPOINT => [at(Platform, "observability")],
        ENABLED => [at(Platform, "observability.compute_logs"), at(Platform, "security.authentication"),
            at(Platform, "security.secret_backends.vault")],
        MANAGER_TYPE => [at(Platform, "observability.compute_logs")],
        CLOUD => [at(Platform, "infrastructure")],
        PROVIDER => [at(Platform, "infrastructure.cloud")],
        RESOURCE_PROFILES => [at(Platform, "infrastructure")],
        ENV => [at(Platform, "infrastructure.resource_profiles.*")],
        LIMITS => [at(Platform, "infrastructure.resource_profiles.*")],
        MEMORY => [at(Platform, "infrastructure.resource_profiles.*.limits")],
        AUTHENTICATION => [at(Platform, "security")],
        METHOD => [at(Platform, "security.authentication")],
        OIDC => [at(Platform, "security.authentication")],
        SECRET_BACKENDS => [at(Platform, "security")],
        VAULT => [at(Platform, "security.secret_backends")],
        SERVER_URL => [at(Platform, "security.secret_backends.vault")],
        AUTH_METHOD => [at(Platform, "security.secret_backends.vault")],
        KUBERNETES_ROLE => [at(Platform, "security.secret_backends.vault")],
        PATH => [at(Floe, "transforms.0")],
        ASSET_MODULES => [at(Floe, "orchestration")],
        ASSETS => [at(Floe, "orchestration")],
        PARTITIONS => [at(Floe, "orchestration"), at(Floe, "orchestration.assets.*"),
            at(Floe, "orchestration.partitions.*=multi")],
        PARTITION_KEYS => [at(Floe, "orchestration.partitions.*=static")],
        JOBS => [at(Floe, "orchestration")],
        SELECTION => [at(Floe, "orchestration.jobs.*=batch")],
        SCHEDULES => [at(Floe, "orchestration")],
        SENSORS => [at(Floe, "orchestration")],
        BACKFILLS => [at(Floe, "orchestration")],
        JOB => [at(Floe, "orchestration.schedules.*"), at(Floe, "orchestration.backfills.*"),
            at(Floe, "orchestration.sensors.*=asset_sensor")],
        WATCHED_JOBS => [at(Floe, "orchestration.sensors.*=run_status")],
        WATCHED_ASSETS => [at(Floe, "orchestration.sensors.*=asset_sensor")],
        DBT => [at(Floe, "orchestration")],
        PROFILES_DIR => [at(Floe, "orchestration.dbt")],
    };
    check_places(
        "dialect/runtime/vocabulary.rs",
        &places,
        &[
            (
                &[
                    "FLOE_FILE",
                    "PLATFORM_FILE",
                    "PLATFORM_DIR",
                    "HIDDEN_PLATFORM_DIR",
                ],
                "file names and the layout of directories",
            ),
            (
                &["TRANSFORM"],
                "the name floe's documentation gives the resource profile dbt runs in (a key of a free map)",
            ),
        ],
    );
}

#[test]
fn v1_keys_are_fields_of_the_schema() {
    use FileKind::{FloeSpec, Manifest};
    use v1::keys::*;
    let places = places! {
        NAME => [at(FloeSpec, "transforms.0"), at(FloeSpec, "destinations.0"),
            at(Manifest, "metadata"), at(Manifest, "artifacts.promotion.environments.0")],
        TYPE => [at(Manifest, "plugins.catalog"), at(Manifest, "artifacts.registry.auth")],
        CONFIG => [at(Manifest, "plugins.catalog"), at(FloeSpec, "destinations.0")],
        ENDPOINT => [at(Manifest, "observability.tracing"), at(Manifest, "observability.lineage")],
        ENABLED => [at(Manifest, "artifacts.registry.verification")],
        MODE => [at(Manifest, "artifacts.registry.signing")],
        METADATA => [at(FloeSpec, ""), at(Manifest, "")],
        TRANSFORMS => [at(FloeSpec, "")],
        DESTINATIONS => [at(FloeSpec, "")],
        SCOPE => [at(Manifest, "")],
        PARENT_MANIFEST => [at(Manifest, "")],
        PLUGINS => [at(Manifest, "")],
        GOVERNANCE => [at(Manifest, "")],
        APPROVED_PLUGINS => [at(Manifest, "")],
        APPROVED_SINKS => [at(Manifest, "")],
        APPROVED_PRODUCTS => [at(Manifest, "")],
        DEFAULTS => [at(Manifest, "")],
        ARTIFACTS => [at(Manifest, "")],
        OBSERVABILITY => [at(Manifest, "")],
        RESOURCE_PRESETS => [at(Manifest, "")],
        plugin::COMPUTE => [at(Manifest, "plugins")],
        plugin::ORCHESTRATOR => [at(Manifest, "plugins")],
        plugin::CATALOG => [at(Manifest, "plugins")],
        plugin::STORAGE => [at(Manifest, "plugins")],
        plugin::SEMANTIC_LAYER => [at(Manifest, "plugins")],
        plugin::INGESTION => [at(Manifest, "plugins")],
        plugin::SECRETS => [at(Manifest, "plugins")],
        plugin::TELEMETRY_BACKEND => [at(Manifest, "plugins")],
        plugin::LINEAGE_BACKEND => [at(Manifest, "plugins")],
        plugin::IDENTITY => [at(Manifest, "plugins")],
        plugin::DBT => [at(Manifest, "plugins")],
        plugin::QUALITY => [at(Manifest, "plugins")],
        plugin::DIMENSION_WEIGHTS => [at(Manifest, "plugins.quality")],
        NAMING => [at(Manifest, "governance")],
        PATTERN => [at(Manifest, "governance.naming")],
        CUSTOM_PATTERNS => [at(Manifest, "governance.naming")],
        POLICY_OVERRIDES => [at(Manifest, "governance")],
        POLICY_TYPES => [at(Manifest, "governance.policy_overrides.0")],
        TRACING => [at(Manifest, "observability")],
        LINEAGE => [at(Manifest, "observability")],
        REGISTRY => [at(Manifest, "artifacts")],
        AUTH => [at(Manifest, "artifacts.registry")],
        CREDENTIALS_REF => [at(Manifest, "artifacts.registry.auth")],
        SIGNING => [at(Manifest, "artifacts.registry")],
        OIDC_ISSUER => [at(Manifest, "artifacts.registry.signing")],
        PRIVATE_KEY_REF => [at(Manifest, "artifacts.registry.signing")],
        VERIFICATION => [at(Manifest, "artifacts.registry")],
        TRUSTED_ISSUERS => [at(Manifest, "artifacts.registry.verification")],
        PUBLIC_KEY_REF => [at(Manifest, "artifacts.registry.verification")],
        SUBJECT => [at(Manifest, "artifacts.registry.verification.trusted_issuers.0")],
        SUBJECT_REGEX => [at(Manifest, "artifacts.registry.verification.trusted_issuers.0")],
        PROMOTION => [at(Manifest, "artifacts")],
        ENVIRONMENTS => [at(Manifest, "artifacts.promotion")],
        GATES => [at(Manifest, "artifacts.promotion.environments.0")],
        GATE_COMMANDS => [at(Manifest, "artifacts.promotion")],
        WEBHOOKS => [at(Manifest, "artifacts.promotion")],
        EVENTS => [at(Manifest, "artifacts.promotion.webhooks.0")],
        BLOCK_ON_SEVERITY => [at(Manifest, "artifacts.promotion.gate_commands.*")],
    };
    check_places(
        "dialect/v1/keys.rs",
        &places,
        &[
            (
                &[
                    "SCOPE_ENTERPRISE",
                    "SCOPE_DOMAIN",
                    "NAMING_CUSTOM",
                    "AUTH_BASIC",
                    "AUTH_TOKEN",
                    "SIGNING_KEYLESS",
                    "SIGNING_KEY_BASED",
                ],
                "values, checked by constants_are_values_of_the_schema",
            ),
            (
                &["POLICY_COMPLIANCE"],
                "a key of the literal-keyed `gates` map: PROMOTION_GATES, its schema's propertyNames, is built from it",
            ),
            (
                &[
                    "plugin_type::POLARIS",
                    "plugin_type::S3",
                    "plugin_type::MARQUEZ",
                    "plugin_type::CUBE",
                    "plugin_type::DLT",
                    "plugin_type::K8S",
                    "plugin_type::INFISICAL",
                    "plugin_type::KEYCLOAK",
                    "plugin_type::CORE",
                ],
                "plugin types: free strings the plugin registry resolves",
            ),
            (
                &[
                    "URL",
                    "ALLOW_INSECURE_HTTP",
                    "SERVER_URL",
                    "HEALTH_CHECK_TIMEOUT",
                    "SOURCES",
                    "SOURCE_TYPE",
                    "WRITE_MODE",
                    "SCHEMA_CONTRACT",
                    "PRIMARY_KEY",
                    "LABELS",
                    "SITE_URL",
                    "CLIENT_SECRET",
                    "CLIENT_ID",
                    "WAREHOUSE",
                    "CREDENTIAL_VENDING_ENABLED",
                    "BUCKET",
                    "REGION",
                    "PATH_STYLE_ACCESS",
                    "WRITE_MODE_MERGE",
                ],
                "plugin config keys, checked by plugin_config_keys_are_fields_of_their_models",
            ),
        ],
    );
    // The alias pairs and the quality dimensions (tuples, not `&str` constants).
    let (alias, field) = OUTPUT_PORTS;
    let root = fields_at(&at(FloeSpec, ""));
    assert!(root.iter().any(|f| f == alias) && root.iter().any(|f| f == field));
    for (alias, field) in [DEPENDS_ON, QUALITY_CHECKS] {
        let transform = fields_at(&at(FloeSpec, "transforms.0"));
        assert!(transform.iter().any(|f| f == alias) && transform.iter().any(|f| f == field));
    }
    let weights = fields_at(&at(Manifest, "plugins.quality.dimension_weights"));
    for (dimension, _) in DIMENSION_DEFAULTS {
        assert!(weights.iter().any(|f| f == dimension), "{dimension}");
    }
}

/// The properties a plugin config model allows at `path` (`0` for an item).
fn config_fields(kind: PluginConfigKind, path: &str) -> Vec<String> {
    fn resolve_in<'a>(root: &'a Value, mut node: &'a Value) -> Value {
        for _ in 0..8 {
            match node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
                .and_then(|p| root.pointer(p))
            {
                Some(target) => node = target,
                None => break,
            }
            if let Some(branch) = node
                .get("anyOf")
                .and_then(Value::as_array)
                .and_then(|b| b.iter().find(|b| b.get("$ref").is_some()))
            {
                node = branch;
            }
        }
        node.clone()
    }
    let root = plugin_config::schema(kind);
    let resolve = |node: &Value| resolve_in(&root, node);
    let mut node = resolve(&root);
    for step in path.split('.').filter(|s| !s.is_empty()) {
        let next = match step {
            "0" => node.get("items").cloned(),
            key => node.get("properties").and_then(|p| p.get(key)).cloned(),
        };
        node = resolve(&next.unwrap_or(Value::Null));
    }
    node.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn plugin_config_keys_are_fields_of_their_models() {
    use PluginConfigKind::*;
    use v1::keys::*;
    for (key, kind, path) in [
        (URL, Marquez, ""),
        (ALLOW_INSECURE_HTTP, Marquez, ""),
        (SERVER_URL, Cube, ""),
        (SERVER_URL, Keycloak, ""),
        (HEALTH_CHECK_TIMEOUT, Cube, ""),
        (SOURCES, Dlt, ""),
        (NAME, Dlt, "sources.0"),
        (SOURCE_TYPE, Dlt, "sources.0"),
        (WRITE_MODE, Dlt, "sources.0"),
        (SCHEMA_CONTRACT, Dlt, "sources.0"),
        (PRIMARY_KEY, Dlt, "sources.0"),
        (LABELS, K8sSecrets, ""),
        (SITE_URL, Infisical, ""),
        (CLIENT_SECRET, Keycloak, ""),
        (CLIENT_SECRET, Polaris, "oauth2"),
        (CLIENT_ID, Polaris, "oauth2"),
        (WAREHOUSE, Polaris, ""),
        (CREDENTIAL_VENDING_ENABLED, Polaris, ""),
        (BUCKET, S3, ""),
        (REGION, S3, ""),
        (PATH_STYLE_ACCESS, S3, ""),
    ] {
        assert!(
            config_fields(kind, path).iter().any(|f| f == key),
            "{key} is not a field of {kind:?} at `{path}`"
        );
    }
}

#[test]
fn dbt_settings_are_documented_compute_properties() {
    use FileKind::Platform;
    use dbt::*;
    let places = places! {
        PATH => [at(Platform, "compute.*=duckdb.properties")],
        THREADS => [at(Platform, "compute.*=duckdb.properties")],
        EXTENSIONS => [at(Platform, "compute.*=duckdb.properties")],
        MEMORY_LIMIT => [at(Platform, "compute.*=duckdb.properties")],
        ACCOUNT => [at(Platform, "compute.*=snowflake.properties")],
        WAREHOUSE => [at(Platform, "compute.*=snowflake.properties")],
        DATABASE => [at(Platform, "compute.*=snowflake.properties"), at(Platform, "compute.*=postgres.properties")],
        SCHEMA => [at(Platform, "compute.*=snowflake.properties"), at(Platform, "compute.*=databricks.properties")],
        ROLE => [at(Platform, "compute.*=snowflake.properties")],
        PROJECT => [at(Platform, "compute.*=bigquery.properties")],
        DATASET => [at(Platform, "compute.*=bigquery.properties")],
        LOCATION => [at(Platform, "compute.*=bigquery.properties")],
        METHOD => [at(Platform, "compute.*=bigquery.properties"), at(Platform, "compute.*=spark.properties")],
        HOST => [at(Platform, "compute.*=redshift.properties"), at(Platform, "compute.*=databricks.properties")],
        PORT => [at(Platform, "compute.*=redshift.properties"), at(Platform, "compute.*=spark.properties")],
        HTTP_PATH => [at(Platform, "compute.*=databricks.properties")],
        CATALOG => [at(Platform, "compute.*=databricks.properties")],
        CLUSTER => [at(Platform, "compute.*=spark.properties")],
        DRIVER => [at(Platform, "compute.*=spark.properties")],
    };
    check_places(
        "dialect/dbt.rs",
        &places,
        &[
            (
                &[
                    "PROJECT_FILE",
                    "PROFILES_FILE",
                    "PROFILE",
                    "TARGET",
                    "OUTPUTS",
                    "TYPE",
                    "USER",
                    "PASSWORD",
                    "KEYFILE",
                    "DBNAME",
                    "TOKEN",
                    "VARS",
                    "PLUGINS",
                    "MODULE",
                    "CONFIG",
                    "CATALOG_MAPPINGS",
                    "STORAGE_MAPPINGS",
                    "polaris_plugin::CATALOG_URI",
                    "polaris_plugin::WAREHOUSE",
                    "polaris_plugin::CLIENT_ID",
                    "polaris_plugin::CLIENT_SECRET",
                    "polaris_plugin::SCOPE",
                    "polaris_plugin::S3_ENDPOINT",
                    "polaris_plugin::S3_REGION",
                    "polaris_plugin::S3_ACCESS_KEY_ID",
                    "polaris_plugin::S3_SECRET_ACCESS_KEY",
                    "polaris_plugin::STORAGE_MAPPING",
                    "storage_mapping::BUCKET",
                    "storage_mapping::ENDPOINT",
                    "storage_mapping::REGION",
                ],
                "dbt's files and what the generators write into profiles.yml: no schema; the generators' byte-for-byte tests pin each",
            ),
            (
                &[
                    "ICEBERG",
                    "HTTPFS",
                    "BIGQUERY_OAUTH",
                    "BIGQUERY_SERVICE_ACCOUNT",
                    "SPARK_THRIFT",
                    "SPARK_HTTP",
                    "SPARK_ODBC",
                ],
                "values, checked by constants_are_values_of_the_schema",
            ),
        ],
    );
}

/// The values the schema allows at a key path (`=tag` as for [`Place`]), and its default.
fn values_at(kind: FileKind, path: &str) -> (Vec<String>, Option<Value>) {
    let mut steps = Vec::new();
    let mut tags: Vec<Option<String>> = vec![None];
    for segment in path.split('.') {
        let (name, tag) = match segment.split_once('=') {
            Some((name, tag)) => (name, Some(tag.to_owned())),
            None => (segment, None),
        };
        steps.push(match name.parse::<usize>() {
            Ok(index) => Step::Index(index),
            Err(_) => Step::Key(name.to_owned()),
        });
        tags.push(tag);
    }
    let tag = |prefix: &[Step]| tags.get(prefix.len()).cloned().flatten();
    let root: Value =
        serde_json::from_str(floe_lint::model::embedded_schema(kind)).expect("schema parses");
    let schema = navigate::schema_at(kind, &steps, &tag).unwrap_or(Value::Null);
    let mut values = Vec::new();
    for node in [Some(&schema), schema.get("items")].into_iter().flatten() {
        values.extend(navigate::allowed_values(node));
        // Optional values are `anyOf: [{$ref}, {type: null}]`.
        for branch in node
            .get("anyOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(target) = branch
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| root.pointer(r.trim_start_matches('#')))
            {
                values.extend(navigate::allowed_values(target));
            }
        }
    }
    // A default sits beside the `$ref` in the parent's `properties`.
    let (last, parent) = steps.split_last().expect("a path");
    let default = match (last, navigate::schema_at(kind, parent, &tag)) {
        (Step::Key(name), Some(parent)) => parent
            .get("properties")
            .and_then(|p| p.get(name))
            .and_then(|p| p.get("default"))
            .cloned(),
        _ => None,
    };
    (values, default)
}

#[test]
fn constants_are_values_of_the_schema() {
    use FileKind::{Floe, Manifest, Platform};
    use runtime::constants::*;
    let values: Vec<(&[&str], FileKind, &str)> = vec![
        (&storage_type::ALL, Platform, "storage.x.type"),
        (&catalog_type::ALL, Platform, "catalogs.x.type"),
        (&compute_type::ALL, Platform, "compute.x.type"),
        (
            &[
                credential_mode::STATIC,
                credential_mode::OAUTH2,
                credential_mode::IAM_ROLE,
            ],
            Platform,
            "catalogs.x.credentials.mode",
        ),
        (
            &[VENDED_CREDENTIALS],
            Platform,
            "catalogs.x.access_delegation",
        ),
        (
            &[
                compute_log_manager::S3,
                compute_log_manager::GCS,
                compute_log_manager::AZURE_BLOB,
            ],
            Platform,
            "observability.compute_logs.manager_type",
        ),
        (&[PROVIDER_AWS], Platform, "infrastructure.cloud.provider"),
        (
            &[AUTH_METHOD_OIDC],
            Platform,
            "security.authentication.method",
        ),
        (
            &[VAULT_AUTH_KUBERNETES],
            Platform,
            "security.secret_backends.vault.auth_method",
        ),
        (&[JOB_BATCH], Floe, "orchestration.jobs.x.type"),
        (
            &[SENSOR_ASSET, SENSOR_RUN_STATUS],
            Floe,
            "orchestration.sensors.x.type",
        ),
        (
            &[PARTITION_STATIC, PARTITION_MULTI],
            Floe,
            "orchestration.partitions.x.type",
        ),
        (
            &[dbt::ICEBERG, dbt::HTTPFS],
            Platform,
            "compute.x=duckdb.properties.extensions",
        ),
        (
            &[dbt::BIGQUERY_OAUTH, dbt::BIGQUERY_SERVICE_ACCOUNT],
            Platform,
            "compute.x=bigquery.properties.method",
        ),
        (
            &[dbt::SPARK_THRIFT, dbt::SPARK_HTTP, dbt::SPARK_ODBC],
            Platform,
            "compute.x=spark.properties.method",
        ),
        (
            &[v1::keys::SCOPE_ENTERPRISE, v1::keys::SCOPE_DOMAIN],
            Manifest,
            "scope",
        ),
        (
            &[v1::keys::NAMING_CUSTOM],
            Manifest,
            "governance.naming.pattern",
        ),
        (
            &[v1::keys::AUTH_BASIC, v1::keys::AUTH_TOKEN],
            Manifest,
            "artifacts.registry.auth.type",
        ),
        (
            &[v1::keys::SIGNING_KEYLESS, v1::keys::SIGNING_KEY_BASED],
            Manifest,
            "artifacts.registry.signing.mode",
        ),
    ];
    let mut problems = Vec::new();
    for (constants, kind, path) in values {
        let (allowed, _) = values_at(kind, path);
        for value in constants {
            if !allowed.iter().any(|a| a == value) {
                problems.push(format!(
                    "{value:?} is not a value of {kind:?} at `{path}`: {allowed:?}"
                ));
            }
        }
    }
    // Upstream's defaults, where the schema states them.
    for (constant, kind, path) in [
        (storage_type::DEFAULT, Platform, "storage.x.type"),
        (catalog_type::DEFAULT, Platform, "catalogs.x.type"),
        (compute_type::DEFAULT, Platform, "compute.x.type"),
        (
            credential_mode::DEFAULT,
            Platform,
            "catalogs.x.credentials.mode",
        ),
        (
            compute_log_manager::DEFAULT,
            Platform,
            "observability.compute_logs.manager_type",
        ),
        (
            DEFAULT_PROFILE,
            Platform,
            "observability.compute_logs.storage_ref",
        ),
        (DEFAULT_PROFILE, Floe, "catalog"),
        (DEFAULT_REGION, Platform, "storage.x.region"),
    ] {
        let (_, default) = values_at(kind, path);
        if default.as_ref().and_then(Value::as_str) != Some(constant) {
            problems.push(format!(
                "{constant:?} is not the default of {kind:?} at `{path}`: {default:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Spellings a dialect defines more than once, each a different name: (dialect folder or file,
/// spelling, why).
const SAME_SPELLING: &[(&str, &str, &str)] = &[
    (
        "runtime",
        "compute",
        "platform.yaml's section and floe.yaml's reference to it",
    ),
    (
        "runtime",
        "storage",
        "platform.yaml's section and floe.yaml's reference to it",
    ),
    (
        "runtime",
        "default",
        "the default profile name and the default namespace",
    ),
    ("runtime", "gcs", "a storage type and a compute-log manager"),
    ("runtime", "s3", "a storage type and a compute-log manager"),
    (
        "runtime",
        "local",
        "the default environment and a storage type",
    ),
    (
        "runtime",
        "oidc",
        "a key (`oidc:`) and an auth method value",
    ),
    (
        "runtime",
        "static",
        "a credential mode and a partition type",
    ),
    (
        "v1",
        "catalog",
        "the plugins category and PyIceberg's default OAuth2 scope",
    ),
];

/// Each key or constant is defined once per dialect: a second `pub const` of the same spelling
/// is a copy (read the first), unless it names something else ([`SAME_SPELLING`]).
#[test]
fn a_dialect_defines_each_spelling_once() {
    let mut copies = Vec::new();
    for dialect in ["runtime", "v1"] {
        let mut files = Vec::new();
        rust_files(&server().join("dialect").join(dialect), &mut files);
        let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read source");
            for (number, line) in code_lines(&text) {
                let Some(rest) = line.trim_start().strip_prefix("pub const ") else {
                    continue;
                };
                let Some((name, value)) = rest.split_once(": &str = \"") else {
                    continue;
                };
                let Some(spelling) = value.strip_suffix("\";") else {
                    continue;
                };
                let shown = file
                    .strip_prefix(server())
                    .expect("under server/")
                    .display();
                seen.entry(spelling.to_owned())
                    .or_default()
                    .push(format!("{name} (server/{shown}:{number})"));
            }
        }
        for (spelling, names) in seen.into_iter().filter(|(_, n)| n.len() > 1) {
            let explained = SAME_SPELLING
                .iter()
                .any(|(d, s, _)| *d == dialect && *s == spelling);
            if !explained {
                copies.push(format!("{dialect}: \"{spelling}\": {}", names.join(", ")));
            }
        }
    }
    assert!(
        copies.is_empty(),
        "defined more than once (make the others refer to the first):\n{}",
        copies.join("\n")
    );
}
