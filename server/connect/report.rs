//! The connectivity report: steps, human and JSON renderings, and scrubbing of secrets from any
//! text that came from a server or from DuckDB.

use std::time::Instant;

use serde_json::{Value, json};

use crate::secrets::redact;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Failed,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub name: &'static str,
    pub status: Status,
    pub duration_ms: u64,
    /// What was found (ok), or why it was skipped.
    pub detail: String,
    /// Failed: the cause in plain words.
    pub cause: Option<String>,
    /// Failed: what to change.
    pub fix: Option<String>,
}

fn elapsed(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Step {
    pub fn ok(name: &'static str, started: Instant, detail: impl Into<String>) -> Step {
        Step {
            name,
            status: Status::Ok,
            duration_ms: elapsed(started),
            detail: detail.into(),
            cause: None,
            fix: None,
        }
    }

    pub fn failed(
        name: &'static str,
        started: Instant,
        cause: impl Into<String>,
        fix: impl Into<String>,
    ) -> Step {
        Step {
            name,
            status: Status::Failed,
            duration_ms: elapsed(started),
            detail: String::new(),
            cause: Some(cause.into()),
            fix: Some(fix.into()),
        }
    }

    pub fn skipped(name: &'static str, why: &str) -> Step {
        Step {
            name,
            status: Status::Skipped,
            duration_ms: 0,
            detail: format!("skipped: {why}"),
            cause: None,
            fix: None,
        }
    }
}

/// How the reason starts when the duckdb step is skipped for want of DuckDB: a build without the
/// `connect` feature that found no Python with the `duckdb` package either.
pub const NO_DUCKDB: &str = "this floe-lint has no embedded DuckDB";

/// What a report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Generation A: a catalog profile of an environment's platform.yaml.
    Profile {
        environment: String,
        catalog: String,
    },
    /// Generation B: a manifest's catalog plugin (`plugins.catalog`), for a product (whose
    /// namespace is looked at) or for the manifest alone.
    Plugin {
        /// The manifest's path, as shown.
        manifest: String,
        product: Option<String>,
    },
}

impl Subject {
    /// Short: for progress messages.
    pub fn label(&self) -> String {
        match self {
            Subject::Profile { catalog, .. } => catalog.clone(),
            Subject::Plugin { .. } => format!(
                "{}.{}",
                crate::dialect::v1::vocabulary::PLUGINS,
                crate::dialect::v1::Category::Catalog.key()
            ),
        }
    }

    /// For a diagnostic's message.
    pub fn title(&self) -> String {
        match self {
            Subject::Profile {
                environment,
                catalog,
            } => format!("catalog `{catalog}` ({environment})"),
            Subject::Plugin { product, .. } => format!(
                "catalog plugin `{}`{}",
                self.label(),
                product
                    .as_ref()
                    .map_or(String::new(), |p| format!(" (product `{p}`)"))
            ),
        }
    }

    fn heading(&self) -> String {
        match self {
            Subject::Profile {
                environment,
                catalog,
            } => format!("Catalog `{catalog}` in environment `{environment}`"),
            Subject::Plugin { manifest, product } => format!(
                "Catalog plugin `{}` of manifest {manifest}{}",
                self.label(),
                product
                    .as_ref()
                    .map_or(String::new(), |p| format!(" for product `{p}`"))
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub subject: Subject,
    pub steps: Vec<Step>,
}

impl Report {
    pub fn new(subject: Subject) -> Report {
        Report {
            subject,
            steps: Vec::new(),
        }
    }

    pub fn passed(&self) -> bool {
        !self.steps.is_empty() && self.steps.iter().all(|s| s.status == Status::Ok)
    }

    pub fn failed_step(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.status == Status::Failed)
    }

    /// Documented, versioned JSON (`{"version": 1, ...}`).
    pub fn to_json(&self) -> Value {
        let mut report = json!({
            "version": 1,
            "environment": null,
            "catalog": self.subject.label(),
            "ok": self.passed(),
            "steps": self.steps.iter().map(|s| json!({
                "name": s.name,
                "status": s.status.as_str(),
                "duration_ms": s.duration_ms,
                "detail": s.detail,
                "cause": s.cause,
                "fix": s.fix,
            })).collect::<Vec<_>>(),
        });
        match &self.subject {
            Subject::Profile { environment, .. } => report["environment"] = json!(environment),
            Subject::Plugin { manifest, product } => {
                report["manifest"] = json!(manifest);
                report["product"] = json!(product);
            }
        }
        report
    }

    pub fn to_human(&self) -> String {
        let mut out = format!("{}\n", self.subject.heading());
        for step in &self.steps {
            let mark = match step.status {
                Status::Ok => "ok     ",
                Status::Failed => "FAILED ",
                Status::Skipped => "skipped",
            };
            out.push_str(&format!(
                "  {mark} {:<10} {:>6} ms  ",
                step.name, step.duration_ms
            ));
            match (&step.cause, &step.fix) {
                (Some(cause), Some(fix)) => {
                    out.push_str(&format!("{cause}\n{:>30}fix: {fix}\n", ""))
                }
                _ => out.push_str(&format!("{}\n", step.detail)),
            }
        }
        out.push_str(if self.passed() {
            "Connectivity verified.\n"
        } else if self.only_duckdb_unavailable() {
            "Not fully verified: every other step passed; the duckdb step was skipped because this floe-lint has no embedded DuckDB and found no Python with the `duckdb` package, so ATTACH was not tried.\n"
        } else {
            "Connectivity check failed.\n"
        });
        out
    }

    /// Nothing failed, and the one step not run is DuckDB's, for want of DuckDB in this build.
    pub fn only_duckdb_unavailable(&self) -> bool {
        let mut not_ok = self.steps.iter().filter(|s| s.status != Status::Ok);
        matches!(
            (not_ok.next(), not_ok.next()),
            (Some(step), None) if step.status == Status::Skipped && step.detail.starts_with(&format!("skipped: {NO_DUCKDB}"))
        )
    }
}

/// Replaces every occurrence of a secret value in `text` with its redacted form.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(secret.as_str(), &redact::secret(secret));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(last: Step) -> Report {
        let started = Instant::now();
        let mut report = Report::new(Subject::Profile {
            environment: "local".into(),
            catalog: "lake".into(),
        });
        for name in ["resolve", "token", "config", "namespace"] {
            report.steps.push(Step::ok(name, started, "fine"));
        }
        report.steps.push(last);
        report
    }

    #[test]
    fn a_build_without_duckdb_says_so_instead_of_failed() {
        let text = report(Step::skipped("duckdb", NO_DUCKDB)).to_human();
        assert!(!text.contains("Connectivity check failed."), "{text}");
        assert!(
            text.ends_with("found no Python with the `duckdb` package, so ATTACH was not tried.\n"),
            "{text}"
        );
        let failed = report(Step::failed("duckdb", Instant::now(), "no", "fix")).to_human();
        assert!(failed.ends_with("Connectivity check failed.\n"), "{failed}");
        let skipped_otherwise = report(Step::skipped("duckdb", "the token step failed")).to_human();
        assert!(skipped_otherwise.ends_with("Connectivity check failed.\n"));
    }
}
