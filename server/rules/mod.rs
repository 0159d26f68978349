//! Rules that read the loaded documents and the workspace (zizmor style: one file per rule or
//! small family, a registry of one line each). A rule never re-parses text and never formats
//! output: it reads trees through [`Context`] and pushes [`Diagnostic`]s.

pub mod context;
pub mod cross_file;
pub mod dbt;
pub mod edit;
pub mod lakehouse;
pub mod profiles;
pub mod reference;
pub mod registry;
pub mod security;
pub mod sql;
pub mod suppression;
pub mod walk;

pub use context::{Context, Environment};

use crate::diagnostic::Diagnostic;
use crate::rule_meta::RuleMeta;
use crate::syntax::Document;

/// A lint. Implement the narrowest hook the rule needs; the defaults do nothing.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Called once for each platform.yaml, with its environment.
    fn platform(&self, _env: &Environment<'_>, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Called once for the floe.yaml of a project.
    fn floe(&self, _floe: &Document, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Called once per project, for rules that look at several files at once.
    fn project(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// Runs every registered rule over one project.
pub fn run(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in registry::RULES {
        if let Some(floe) = cx.floe.filter(|d| d.loadable) {
            rule.floe(floe, cx, &mut out);
        }
        for env in cx.environments.iter().filter(|e| e.document.loadable) {
            rule.platform(env, cx, &mut out);
        }
        rule.project(cx, &mut out);
    }
    out
}
