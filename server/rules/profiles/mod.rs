//! The profiles family (FL7xx): the dbt `profiles.yml` that floe's runtime generator
//! (`DbtProfilesGenerator`, spec §4.1) will write from floe.yaml and each environment's
//! platform.yaml — what it does that the files' authors may not expect, when it fails, and
//! whether a checked-in copy still matches it.

pub mod drift;
pub mod generator;
pub mod profile_name;
pub mod v1;

use crate::dialect::runtime::vocabulary as key;
use crate::profiles::{self, GenerateError, Generated, Request};
use crate::rules::Context;
use crate::rules::Environment;
use crate::syntax::Document;

/// What upstream's entrypoint runs: runtime style, profile `default`, target `target`. Computed
/// once per environment and target for the three rules of this family.
fn generate_for(
    cx: &Context<'_>,
    floe: &Document,
    env: &Environment<'_>,
    target: &str,
) -> Result<Generated, GenerateError> {
    let key = (env.name.to_owned(), target.to_owned());
    if let Ok(cache) = cx.generated.lock()
        && let Some(found) = cache.get(&key)
    {
        return found.clone();
    }
    let mut request = Request::new(floe, env.document);
    request.target = target;
    let result = profiles::generate(&request);
    if let Ok(mut cache) = cx.generated.lock() {
        cache.insert(key, result.clone());
    }
    result
}

/// Generator results of one check, by environment and target.
pub type Generations =
    std::sync::Mutex<std::collections::HashMap<(String, String), Result<Generated, GenerateError>>>;

/// The loadable floe.yaml of a project that runs dbt (has `transforms`): only then does floe
/// generate a profiles.yml.
fn floe_of<'a>(cx: &Context<'a>) -> Option<&'a Document> {
    cx.floe.filter(|d| d.loadable).filter(|d| {
        d.root
            .as_ref()
            .and_then(|root| root.get(key::TRANSFORMS))
            .and_then(|t| t.value.as_sequence())
            .is_some_and(|items| !items.is_empty())
    })
}
