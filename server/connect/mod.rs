//! `floe-lint connect`: is the catalog in the configuration really reachable with the configured
//! credentials, and can DuckDB (the engine dbt-duckdb uses) attach it? A sequence of steps, each
//! ok / failed / skipped with its duration and, on failure, the cause in plain words and what to
//! change. Credentials and tokens never appear in any output.

#[cfg(feature = "connect")]
mod engine;
mod http;
pub mod plan;
#[cfg(not(feature = "connect"))]
mod python;
pub mod report;
pub mod resolve;
mod sql;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use report::{Report, Status, Step};
pub use resolve::{Resolved, Secret};

use crate::dialect::runtime::constants::{SECRETS_MOUNT, TOKEN_PATH};
use crate::dialect::runtime::vocabulary::Section;
use crate::syntax::Document;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Request {
    /// The environment's name (for the report).
    pub environment: String,
    /// The catalog profile to check.
    pub catalog: String,
    /// Hard limit for each step.
    pub timeout: Duration,
    /// Directory of prepared DuckDB extensions (`<dir>/v1.5.5/<platform>/<name>.duckdb_extension`);
    /// autoinstall is turned off when set.
    pub extension_dir: Option<PathBuf>,
    /// Allow credentials over plain http to a host that is not loopback.
    pub allow_insecure_http: bool,
    /// Builds without the embedded DuckDB: the Python whose `duckdb` package runs the DuckDB step
    /// (default: found as python.rs says).
    pub python: Option<PathBuf>,
    /// Where `secret_ref` files live (upstream: `/var/run/secrets`).
    pub secrets_dir: PathBuf,
}

impl Request {
    pub fn new(environment: impl Into<String>, catalog: impl Into<String>) -> Request {
        Request {
            environment: environment.into(),
            catalog: catalog.into(),
            timeout: Duration::from_secs(10),
            extension_dir: std::env::var_os("FLOE_DUCKDB_EXTENSION_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            allow_insecure_http: false,
            python: std::env::var_os("FLOE_LINT_PYTHON")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            // Upstream's mount point; FLOE_SECRETS_DIR moves it (tests, local runs).
            secrets_dir: std::env::var_os("FLOE_SECRETS_DIR")
                .map_or_else(|| PathBuf::from(SECRETS_MOUNT), PathBuf::from),
        }
    }
}

/// Set to stop a running check between (and, for DuckDB, during) steps.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// A failed step: the cause in plain words and what to change.
#[derive(Debug)]
pub struct Failure {
    pub cause: String,
    pub fix: String,
}

fn fail(cause: impl Into<String>, fix: impl Into<String>) -> Failure {
    Failure {
        cause: cause.into(),
        fix: fix.into(),
    }
}

/// The step names, in order.
pub const STEPS: [&str; 5] = ["resolve", "token", "config", "namespace", "duckdb"];

/// Runs every step against the catalog profile of `platform`. `progress` sees each step as it
/// finishes (the LSP reports it through `$/progress`).
pub fn run(
    platform: &Document,
    request: &Request,
    cancel: &Cancel,
    progress: &mut dyn FnMut(&Step),
) -> Report {
    let mut report = Report::new(&request.environment, &request.catalog);
    let mut finish = |report: &mut Report, step: Step| {
        progress(&step);
        report.steps.push(step);
    };
    let started = Instant::now();
    let resolved = match resolve::resolve(platform, &request.catalog, &request.secrets_dir) {
        Ok(resolved) => resolved,
        Err(failure) => {
            finish(
                &mut report,
                Step::failed("resolve", started, failure.cause, failure.fix),
            );
            skip_rest(&mut report, 1, "the catalog profile could not be resolved");
            return report;
        }
    };
    if let Some(problem) = http::insecure(&resolved.uri, request.allow_insecure_http) {
        finish(
            &mut report,
            Step::failed(
                "resolve",
                started,
                problem,
                "use https://, or pass --allow-insecure-http if this network is trusted",
            ),
        );
        skip_rest(&mut report, 1, "credentials are not sent over plain http");
        return report;
    }
    finish(
        &mut report,
        Step::ok(
            "resolve",
            started,
            format!(
                "catalog `{}` at {}, warehouse `{}`, namespace `{}`",
                request.catalog,
                resolved.shown_uri(),
                resolved.warehouse,
                resolved.namespace
            ),
        ),
    );
    let secrets = resolved.secret_values();
    let scrub = |text: String| report::scrub(&text, &secrets);

    let steps: [(&str, &HttpStep<'_>); 3] = [
        ("token", &|state: &mut State| {
            let token = http::token(&resolved, request.timeout)?;
            state.token = Some(token);
            Ok(format!(
                "OAuth2 token from {}{} (scope {})",
                resolved.shown_uri(),
                TOKEN_PATH,
                resolved
                    .scope
                    .as_deref()
                    .unwrap_or(http::PRINCIPAL_ROLE_ALL)
            ))
        }),
        ("config", &|state: &mut State| {
            let token = state.token.clone().unwrap_or_default();
            let prefix = http::config(&resolved, &token, request.timeout)?;
            let detail = format!(
                "warehouse `{}` known; prefix `{}`",
                resolved.warehouse, prefix
            );
            state.prefix = Some(prefix);
            Ok(detail)
        }),
        ("namespace", &|state: &mut State| {
            let token = state.token.clone().unwrap_or_default();
            let prefix = state.prefix.clone().unwrap_or_default();
            let tables = http::namespace_tables(&resolved, &prefix, &token, request.timeout)?;
            Ok(format!(
                "namespace `{}` exists with {tables} table{}",
                resolved.namespace,
                if tables == 1 { "" } else { "s" }
            ))
        }),
    ];
    let mut state = State::default();
    for (index, (name, step)) in steps.iter().enumerate() {
        if cancel.is_cancelled() {
            skip_rest(&mut report, index + 1, "cancelled");
            return report;
        }
        let started = Instant::now();
        match step(&mut state) {
            Ok(detail) => finish(&mut report, Step::ok(name, started, detail)),
            Err(failure) => {
                finish(
                    &mut report,
                    Step::failed(name, started, scrub(failure.cause), failure.fix),
                );
                skip_rest(&mut report, index + 2, &format!("the {name} step failed"));
                return report;
            }
        }
    }
    if cancel.is_cancelled() {
        skip_rest(&mut report, 4, "cancelled");
        return report;
    }
    let started = Instant::now();
    let step = duckdb_step(&resolved, request, cancel, started, &scrub);
    finish(&mut report, step);
    report
}

/// One REST step: reads and extends the state, returns what it found.
type HttpStep<'a> = dyn Fn(&mut State) -> Result<String, Failure> + 'a;

#[derive(Default)]
struct State {
    token: Option<String>,
    prefix: Option<String>,
}

fn skip_rest(report: &mut Report, from: usize, why: &str) {
    for name in STEPS.iter().skip(from) {
        report.steps.push(Step::skipped(name, why));
    }
}

#[cfg(feature = "connect")]
fn duckdb_step(
    resolved: &Resolved,
    request: &Request,
    cancel: &Cancel,
    started: Instant,
    scrub: &dyn Fn(String) -> String,
) -> Step {
    match engine::attach(resolved, request, cancel) {
        Ok(detail) => Step::ok("duckdb", started, detail),
        Err(failure) => Step::failed("duckdb", started, scrub(failure.cause), failure.fix),
    }
}

/// Without the embedded DuckDB the step runs through the `duckdb` Python package, when there is
/// one (python.rs).
#[cfg(not(feature = "connect"))]
fn duckdb_step(
    resolved: &Resolved,
    request: &Request,
    cancel: &Cancel,
    started: Instant,
    scrub: &dyn Fn(String) -> String,
) -> Step {
    match python::attach(resolved, request, cancel) {
        python::Outcome::Ok(detail) => Step::ok("duckdb", started, detail),
        python::Outcome::Failed(failure) => {
            Step::failed("duckdb", started, scrub(failure.cause), failure.fix)
        }
        python::Outcome::Skipped(why) => Step::skipped("duckdb", &why),
    }
}

/// The finding an editor shows for a failed report, on the catalog profile's key.
pub fn diagnostic(platform: &Document, report: &Report) -> Option<crate::diagnostic::Diagnostic> {
    let step = report.failed_step()?;
    let span = crate::dialect::runtime::access::Platform::of(platform)
        .and_then(|p| p.profile(Section::Catalogs, &report.catalog))
        .map_or(crate::diagnostic::Span::point(0), |e| e.key.span);
    let mut diagnostic = crate::diagnostic::Diagnostic::new(
        &crate::diagnostic::codes::connectivity::UNREACHABLE,
        &platform.file,
        span,
        format!(
            "catalog `{}` ({}): step `{}` failed: {}",
            report.catalog,
            report.environment,
            step.name,
            step.cause.as_deref().unwrap_or("")
        ),
    );
    if let Some(fix) = &step.fix {
        diagnostic = diagnostic.with_help(fix.clone());
    }
    Some(diagnostic)
}
