//! DuckDB memory sizing against threads and the transform container's limit.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::dbt;
use crate::dialect::runtime::constants::{
    DUCKDB_DEFAULT_THREADS, DUCKDB_MEMORY_LIMIT_VARIABLE, DUCKDB_THREADS_VARIABLE, compute_type,
};
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};
use crate::syntax::resolve::Scalar;
use crate::syntax::{Entry, Node, NodeValue};

declare_rule! {
    /// ## What it does
    /// Flags a DuckDB memory limit that leaves less than 125 MB per thread: a DuckDB compute
    /// profile's `properties.memory_limit`, or else `DUCKDB_MEMORY_LIMIT` in the `transform`
    /// resource profile's `env` (where floe's documentation tunes DuckDB), divided by the
    /// profile's `threads`, else that env's `DUCKDB_THREADS`, else 4.
    ///
    /// ## Why is this bad?
    /// DuckDB needs at least 125 MB per thread to run its operators; below that, queries fail with
    /// out-of-memory errors or spill constantly. About 5 GB per thread is the comfortable size.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   default:
    ///     type: duckdb
    ///     properties: {threads: 16, memory_limit: "1GB"}
    /// ```
    ///
    /// The same in the transform container's environment:
    /// ```yaml
    /// infrastructure:
    ///   resource_profiles:
    ///     transform:
    ///       requests: {cpu: "1", memory: 2Gi}
    ///       limits: {cpu: "4", memory: 4Gi}
    ///       env: {DUCKDB_MEMORY_LIMIT: "1GB", DUCKDB_THREADS: "16"}
    /// ```
    ///
    /// ## Fix
    /// Raise the memory limit or lower the thread count.
    pub struct PerThread(PER_THREAD) = ("FL405", "duckdb-memory-per-thread", Lakehouse, Warning, "DuckDB memory_limit below 125 MB per thread");
}

declare_rule! {
    /// ## What it does
    /// Flags a DuckDB memory limit (compute `properties.memory_limit`, or
    /// `DUCKDB_MEMORY_LIMIT` in the `transform` resource profile's `env`) above about 67% of the
    /// `transform` resource profile's container memory limit in `infrastructure.resource_profiles`.
    ///
    /// ## Why is this bad?
    /// DuckDB's limit covers its buffer manager only; Python, PyArrow and dbt share the same
    /// container. Past roughly two thirds of the container limit the pod is OOM-killed before DuckDB
    /// ever spills to disk (floe's guidance: `8GB` for a `12Gi` limit).
    ///
    /// ## Example
    /// ```yaml
    /// infrastructure:
    ///   resource_profiles:
    ///     transform:
    ///       requests: {cpu: "1", memory: 4Gi}
    ///       limits: {cpu: "4", memory: 12Gi}
    ///       env: {DUCKDB_MEMORY_LIMIT: "12GB"}
    /// ```
    ///
    /// ## Fix
    /// Keep DuckDB's limit at or below 67% of the container limit.
    pub struct OverContainer(OVER_CONTAINER) = ("FL406", "duckdb-memory-over-container", Lakehouse, Warning, "DuckDB memory limit above ~67% of the transform container limit");
}

const MIN_PER_THREAD: f64 = 125e6;
const CONTAINER_SHARE: f64 = 0.67;

/// The threads of a profile that sets none.
const DEFAULT_THREADS: f64 = DUCKDB_DEFAULT_THREADS as f64;
/// Where a thread count came from, when it is not the profile's own `threads`.
const THREADS_FROM_ENV: &str = " (DUCKDB_THREADS)";
const THREADS_BY_DEFAULT: &str = " (DuckDB's default here)";

/// Bytes in a DuckDB or Kubernetes size: `4GB`, `500MiB`, `12Gi`, `1000M`, `1.5 GB`.
pub fn parse_bytes(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "ki" | "kib" => 1024.0,
        "mi" | "mib" => 1024.0f64.powi(2),
        "gi" | "gib" => 1024.0f64.powi(3),
        "ti" | "tib" => 1024.0f64.powi(4),
        _ => return None,
    };
    Some(number * factor)
}

fn human(bytes: f64) -> String {
    if bytes >= 1e9 {
        format!("{:.1} GB", bytes / 1e9)
    } else {
        format!("{:.0} MB", bytes / 1e6)
    }
}

fn number(node: &Node) -> Option<f64> {
    match &node.value {
        NodeValue::Scalar {
            value: value @ (Scalar::Int(_) | Scalar::BigInt(_)),
            ..
        } => value.integer().map(|i| i as f64),
        NodeValue::Scalar {
            value: Scalar::Str,
            text,
            ..
        } => text.trim().parse().ok(),
        _ => None,
    }
}

/// DuckDB profiles with their `memory_limit` entry and thread count.
fn duckdb_limits(root: &Node) -> Vec<(std::borrow::Cow<'_, str>, &Entry, f64, f64)> {
    let mut found = Vec::new();
    for (name, properties) in duckdb_properties(root) {
        let Some(properties) = properties else {
            continue;
        };
        let Some((limit_text, entry)) = string_field(properties, dbt::MEMORY_LIMIT) else {
            continue;
        };
        let Some(limit) = parse_bytes(limit_text) else {
            continue;
        };
        let threads = properties
            .get(dbt::THREADS)
            .and_then(|t| number(&t.value))
            .unwrap_or(DEFAULT_THREADS);
        found.push((name, entry, limit, threads));
    }
    found
}

/// Each DuckDB compute profile (a profile without `type` is one: it is floe's default) and its
/// `properties`, if any.
fn duckdb_properties(root: &Node) -> Vec<(std::borrow::Cow<'_, str>, Option<&Node>)> {
    profiles(root, key::COMPUTE)
        .filter(|(_, profile)| {
            string_field(&profile.value, key::TYPE).is_none_or(|(t, _)| t == compute_type::DUCKDB)
        })
        .map(|(name, profile)| (name, profile.value.get(key::PROPERTIES).map(|p| &p.value)))
        .collect()
}

/// The `env` of the `transform` resource profile, where floe's documentation tunes DuckDB
/// (`DUCKDB_MEMORY_LIMIT`, `DUCKDB_THREADS`).
fn transform_env(root: &Node) -> Option<&Node> {
    transform_profile(root)
        .and_then(|t| t.value.get(key::ENV))
        .map(|e| &e.value)
}

/// `infrastructure.resource_profiles.transform`: the container dbt runs in.
fn transform_profile(root: &Node) -> Option<&Entry> {
    root.get(key::INFRASTRUCTURE)
        .and_then(|i| i.value.get(key::RESOURCE_PROFILES))
        .and_then(|r| r.value.get(key::TRANSFORM))
}

/// A memory limit and the thread count it is shared by, each with where it was set.
struct Sizing<'n> {
    limit: f64,
    limit_entry: &'n Entry,
    limit_from: String,
    threads: f64,
    /// Where the thread count comes from, as a suffix to it (empty: the profile's `threads`).
    threads_from: &'static str,
}

/// Every (limit, threads) pair DuckDB will run with: a profile's `memory_limit` or else the
/// transform env's `DUCKDB_MEMORY_LIMIT`, with the profile's `threads`, else `DUCKDB_THREADS`,
/// else DuckDB's default of 4 here. One pair per limit entry and thread count.
fn sizings<'n>(root: &'n Node) -> Vec<Sizing<'n>> {
    let env = transform_env(root);
    let env_limit = env
        .and_then(|e| string_field(e, DUCKDB_MEMORY_LIMIT_VARIABLE))
        .and_then(|(text, entry)| Some((parse_bytes(text)?, entry)));
    let env_threads = env
        .and_then(|e| e.get(DUCKDB_THREADS_VARIABLE))
        .and_then(|t| number(&t.value));
    let mut found: Vec<Sizing<'_>> = Vec::new();
    let mut push = |sizing: Sizing<'n>| {
        let seen = found.iter().any(|f| {
            std::ptr::eq(f.limit_entry, sizing.limit_entry) && f.threads == sizing.threads
        });
        if !seen {
            found.push(sizing);
        }
    };
    let profiles = duckdb_properties(root);
    for (name, properties) in &profiles {
        let own_limit = properties
            .and_then(|p| string_field(p, dbt::MEMORY_LIMIT))
            .and_then(|(text, entry)| Some((parse_bytes(text)?, entry)));
        let (limit, limit_entry, limit_from) = match (own_limit, env_limit) {
            (Some((limit, entry)), _) => (
                limit,
                entry,
                format!("DuckDB profile `{name}`: {}", dbt::MEMORY_LIMIT),
            ),
            (None, Some((limit, entry))) => (limit, entry, DUCKDB_MEMORY_LIMIT_VARIABLE.to_owned()),
            (None, None) => continue,
        };
        let own_threads = properties
            .and_then(|p| p.get(dbt::THREADS))
            .and_then(|t| number(&t.value));
        let (threads, threads_from) = match (own_threads, env_threads) {
            (Some(t), _) => (t, ""),
            (None, Some(t)) => (t, THREADS_FROM_ENV),
            (None, None) => (DEFAULT_THREADS, THREADS_BY_DEFAULT),
        };
        push(Sizing {
            limit,
            limit_entry,
            limit_from,
            threads,
            threads_from,
        });
    }
    if profiles.is_empty()
        && let Some((limit, limit_entry)) = env_limit
    {
        let (threads, threads_from) = match env_threads {
            Some(t) => (t, THREADS_FROM_ENV),
            None => (DEFAULT_THREADS, THREADS_BY_DEFAULT),
        };
        push(Sizing {
            limit,
            limit_entry,
            limit_from: DUCKDB_MEMORY_LIMIT_VARIABLE.to_owned(),
            threads,
            threads_from,
        });
    }
    found
}

impl Rule for PerThread {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for sizing in sizings(root) {
            let Sizing {
                limit,
                limit_entry,
                limit_from,
                threads,
                threads_from,
            } = sizing;
            if threads >= 1.0 && limit / threads < MIN_PER_THREAD {
                out.push(
                    Diagnostic::new(
                        &PER_THREAD,
                        &document.file,
                        limit_entry.value.span,
                        format!(
                            "{limit_from} leaves {} per thread for {threads} threads{threads_from}; DuckDB needs at least 125 MB per thread",
                            human(limit / threads)
                        ),
                    )
                    .with_help(format!("raise the memory limit to at least {} or use fewer threads", human(MIN_PER_THREAD * threads))),
                );
            }
        }
    }
}

impl Rule for OverContainer {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        let Some(transform) = transform_profile(root) else {
            return;
        };
        let container = transform
            .value
            .get(key::LIMITS)
            .and_then(|l| string_field(&l.value, key::MEMORY))
            .and_then(|(m, e)| Some((parse_bytes(m)?, e)));
        let Some((container, container_entry)) = container else {
            return;
        };
        let container_text = container_entry.value.as_str().unwrap_or_default().trim();
        let mut limits: Vec<(String, &Entry, f64)> = duckdb_limits(root)
            .into_iter()
            .map(|(name, entry, limit, _)| {
                (
                    format!("DuckDB profile `{name}` {}", dbt::MEMORY_LIMIT),
                    entry,
                    limit,
                )
            })
            .collect();
        if let Some((text, entry)) = transform
            .value
            .get(key::ENV)
            .and_then(|e| string_field(&e.value, DUCKDB_MEMORY_LIMIT_VARIABLE))
            && let Some(limit) = parse_bytes(text)
        {
            limits.push((DUCKDB_MEMORY_LIMIT_VARIABLE.into(), entry, limit));
        }
        for (what, entry, limit) in limits {
            if limit > container * CONTAINER_SHARE {
                out.push(
                    Diagnostic::new(
                        &OVER_CONTAINER,
                        &document.file,
                        entry.value.span,
                        format!(
                            "{what} ({}) is {:.0}% of the transform container limit ({container_text}); keep it at or below 67%",
                            entry.value.as_str().unwrap_or_default().trim(),
                            100.0 * limit / container,
                        ),
                    )
                    .with_help(format!("use at most {}", human(container * CONTAINER_SHARE)))
                    .with_related(&document.file, container_entry.value.span, "transform container memory limit"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bytes;

    #[test]
    fn sizes() {
        assert_eq!(parse_bytes("4GB"), Some(4e9));
        assert_eq!(parse_bytes("12Gi"), Some(12.0 * 1024.0 * 1024.0 * 1024.0));
        assert_eq!(parse_bytes("512 MiB"), Some(512.0 * 1024.0 * 1024.0));
        assert_eq!(parse_bytes("1.5GB"), Some(1.5e9));
        assert_eq!(parse_bytes("lots"), None);
    }
}
