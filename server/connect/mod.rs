//! `floe-lint connect`: is the catalog in the configuration really reachable with the configured
//! credentials, and can DuckDB (the engine dbt-duckdb uses) attach it? A sequence of steps, each
//! ok / failed / skipped with its duration and, on failure, the cause in plain words and what to
//! change. Credentials and tokens never appear in any output.

#[cfg(feature = "connect")]
mod engine;
mod http;
mod namespace;
pub mod plan;
#[cfg(not(feature = "connect"))]
mod python;
pub mod report;
pub mod resolve;
pub mod resolve_v1;
pub mod resolved;
mod sql;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use report::{Report, Status, Step, Subject};
pub use resolved::{Resolved, Secret};

use crate::dialect::runtime::constants::SECRETS_MOUNT;
use crate::dialect::runtime::vocabulary::Section;
use crate::syntax::Document;

/// How to check.
#[derive(Debug, Clone)]
pub struct Request {
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

impl Default for Request {
    fn default() -> Request {
        Request {
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

/// Step 1 for what `subject` names in `document` (a platform.yaml or a manifest).
fn resolve_subject(
    document: &Document,
    subject: &Subject,
    request: &Request,
) -> Result<Resolved, Failure> {
    match subject {
        Subject::Profile { catalog, .. } => {
            resolve::resolve(document, catalog, &request.secrets_dir)
        }
        Subject::Plugin { product, .. } => resolve_v1::resolve(document, product.as_deref()),
    }
}

/// Runs every step against what `subject` names in `document`: a catalog profile of a
/// platform.yaml, or a manifest's catalog plugin. `progress` sees each step as it finishes (the
/// LSP reports it through `$/progress`).
pub fn run(
    document: &Document,
    subject: &Subject,
    request: &Request,
    cancel: &Cancel,
    progress: &mut dyn FnMut(&Step),
) -> Report {
    let mut report = Report::new(subject.clone());
    let mut finish = |report: &mut Report, step: Step| {
        progress(&step);
        report.steps.push(step);
    };
    let started = Instant::now();
    let resolved = match resolve_subject(document, subject, request) {
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
    let insecure = [&resolved.uri, &resolved.token_url]
        .into_iter()
        .find_map(|url| http::insecure(url, request.allow_insecure_http));
    if let Some(problem) = insecure {
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
        Step::ok("resolve", started, resolved_detail(subject, &resolved)),
    );
    let secrets = resolved.secret_values();
    let scrub = |text: String| report::scrub(&text, &secrets);

    let steps: [(&str, &HttpStep<'_>); 3] = [
        ("token", &|state: &mut State| {
            let token = http::token(&resolved, request.timeout)?;
            state.token = Some(token);
            Ok(format!(
                "OAuth2 token from {} (scope {})",
                crate::secrets::redact::url(&resolved.token_url),
                resolved.sent_scope()
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
            namespace::step(&resolved, &prefix, &token, request.timeout)
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

/// The finding an editor shows for a failed report: on the catalog profile's key
/// (platform.yaml), or on `plugins.catalog` (a manifest).
pub fn diagnostic(document: &Document, report: &Report) -> Option<crate::diagnostic::Diagnostic> {
    let step = report.failed_step()?;
    let key = match &report.subject {
        Subject::Profile { catalog, .. } => crate::dialect::runtime::access::Platform::of(document)
            .and_then(|p| p.profile(Section::Catalogs, catalog))
            .map(|e| e.key.span),
        Subject::Plugin { .. } => crate::dialect::v1::Plugins::of(document)
            .and_then(|p| p.get(crate::dialect::v1::Category::Catalog))
            .map(|p| p.entry.key.span),
    };
    let mut diagnostic = crate::diagnostic::Diagnostic::new(
        &crate::diagnostic::codes::connectivity::UNREACHABLE,
        &document.file,
        key.unwrap_or(crate::diagnostic::Span::point(0)),
        format!(
            "{}: step `{}` failed: {}",
            report.subject.title(),
            step.name,
            step.cause.as_deref().unwrap_or("")
        ),
    );
    if let Some(fix) = &step.fix {
        diagnostic = diagnostic.with_help(fix.clone());
    }
    Some(diagnostic)
}

/// What step 1 found, for its detail.
fn resolved_detail(subject: &Subject, resolved: &Resolved) -> String {
    let namespace = match &resolved.namespace {
        resolved::Namespace::Required(name) => format!(", namespace `{name}`"),
        resolved::Namespace::Product(name) => format!(", product namespace `{name}`"),
        resolved::Namespace::Any => String::new(),
    };
    let storage = resolved.storage.as_ref().map_or(String::new(), |s| {
        format!(
            "; storage s3 at {}, bucket `{}`, region `{}` (set on DuckDB's session, not contacted)",
            crate::secrets::redact::url(&s.endpoint),
            s.bucket,
            s.region
        )
    });
    let catalog = match subject {
        Subject::Profile { catalog, .. } => format!("catalog `{catalog}`"),
        Subject::Plugin { .. } => "catalog plugin polaris".to_owned(),
    };
    format!(
        "{catalog} at {}, warehouse `{}`{namespace}{storage}",
        resolved.shown_uri(),
        resolved.warehouse
    )
}
