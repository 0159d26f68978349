//! The profiles family (FL7xx): the dbt `profiles.yml` that floe's runtime generator
//! (`DbtProfilesGenerator`, spec §4.1) will write from floe.yaml and each environment's
//! platform.yaml — what it does that the files' authors may not expect, when it fails, and
//! whether a checked-in copy still matches it.

pub mod drift;
pub mod generator;

use crate::profiles::{self, GenerateError, Generated, Request};
use crate::rules::Context;
use crate::rules::Environment;
use crate::syntax::Document;

/// What upstream's entrypoint runs: runtime style, profile `default`, target `target`.
fn generate_for(
    floe: &Document,
    env: &Environment<'_>,
    target: &str,
) -> Result<Generated, GenerateError> {
    let mut request = Request::new(floe, env.document);
    request.target = target;
    profiles::generate(&request)
}

/// The loadable floe.yaml of a project that runs dbt (has `transforms`): only then does floe
/// generate a profiles.yml.
fn floe_of<'a>(cx: &Context<'a>) -> Option<&'a Document> {
    cx.floe.filter(|d| d.loadable).filter(|d| {
        d.root
            .as_ref()
            .and_then(|root| root.get("transforms"))
            .and_then(|t| t.value.as_sequence())
            .is_some_and(|items| !items.is_empty())
    })
}
