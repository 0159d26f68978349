//! FL700 and FL701: what floe's runtime generator does with each environment.

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::rule_meta::RuleMeta;
use crate::dialect::runtime::constants::DEFAULT_TARGET;
use crate::profiles::{ErrorKind, Quirk};
use crate::rules::{Context, Environment, Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Reports what floe's runtime generator of dbt's `profiles.yml` (`DbtProfilesGenerator`,
    /// run by floe's container entrypoint) will do with this floe.yaml and platform.yaml that
    /// the files do not say: it looks up the catalog, storage and compute profiles all under the
    /// name `default` whatever floe.yaml refers to; it emits a DuckDB profile for every compute
    /// type; it maps every schema to the hard-coded namespace `demo`; it ignores literal or
    /// `secret_ref` catalog credentials and reads `POLARIS_CLIENT_ID`/`POLARIS_CLIENT_SECRET`;
    /// it falls back to `path: ':memory:'`; it resolves a `secret_ref` catalog `uri` or storage
    /// `endpoint` and writes the secret into profiles.yml in clear.
    ///
    /// ## Why is this bad?
    /// The dbt run uses the generated profile, not what the files appear to configure: a
    /// Snowflake compute runs on DuckDB, a `catalog: lakehouse` reference is silently replaced
    /// by `default`. `floe-lint profiles` shows the exact file.
    ///
    /// ## Example
    /// ```yaml
    /// # platform.yaml
    /// compute:
    ///   default:
    ///     type: snowflake   # the generated profile is `type: duckdb`
    /// ```
    ///
    /// ## Fix
    /// Make the files say what floe will do (name the profiles `default`, use `type: duckdb`,
    /// set `properties.path`), or accept the behaviour and ignore this rule.
    pub struct GeneratorQuirks(QUIRK) = ("FL700", "profiles-generator-quirk", Profiles, Info, "floe's profiles.yml generator will not do what the files say");
}

declare_rule! {
    /// ## What it does
    /// Flags an environment for which floe's runtime generator of dbt's `profiles.yml` raises,
    /// because platform.yaml has no catalog, storage or compute profile named `default`
    /// (upstream: `Profile 'default' not found in platform.yaml: …`).
    ///
    /// ## Why is this bad?
    /// floe's container entrypoint generates profiles.yml before every dbt run and always asks
    /// for the profile `default`, whatever floe.yaml refers to; without it the container stops
    /// before dbt starts.
    ///
    /// ## Example
    /// ```yaml
    /// # platform.yaml
    /// catalogs:
    ///   lakehouse:        # floe.yaml says `catalog: lakehouse`, the generator wants `default`
    ///     type: polaris
    /// ```
    ///
    /// ## Fix
    /// Name one profile of each section `default` (and refer to it from floe.yaml).
    pub struct GenerationFails(FAILS) = ("FL701", "profiles-generation-fails", Profiles, Warning, "floe's profiles.yml generator fails for this environment");
}

/// A finding at `pointer` in floe.yaml or the environment's platform.yaml.
fn diagnostic(
    rule: &'static RuleMeta,
    floe: &Document,
    env: &Environment<'_>,
    in_floe: bool,
    pointer: &str,
    message: String,
) -> Diagnostic {
    let document = if in_floe { floe } else { env.document };
    Diagnostic::new(
        rule,
        &document.file,
        document.span_of(pointer, true),
        message,
    )
}

impl Rule for GeneratorQuirks {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(floe) = super::floe_of(cx) else {
            return;
        };
        for env in cx.environments.iter().filter(|e| e.document.loadable) {
            let Ok(generated) = super::generate_for(cx, floe, env, DEFAULT_TARGET) else {
                continue;
            };
            for Quirk {
                message,
                pointer,
                in_floe,
            } in generated.quirks
            {
                out.push(diagnostic(&QUIRK, floe, env, in_floe, &pointer, message));
            }
        }
    }
}

impl Rule for GenerationFails {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let Some(floe) = super::floe_of(cx) else {
            return;
        };
        for env in cx.environments.iter().filter(|e| e.document.loadable) {
            failure(floe, env, cx, out);
        }
    }
}

/// FL701 for one environment.
fn failure(floe: &Document, env: &Environment<'_>, cx: &Context<'_>, out: &mut Sink<'_>) {
    // Invalid input is the schema stage's to report; only a missing profile is new here.
    if let Err(error) = super::generate_for(cx, floe, env, DEFAULT_TARGET)
        && error.kind == ErrorKind::ProfileNotFound
    {
        out.push(
            diagnostic(
                &FAILS,
                floe,
                env,
                error.in_floe,
                &error.pointer,
                format!(
                    "floe cannot generate dbt's profiles.yml for environment '{}': {}",
                    env.name, error.message
                ),
            )
            .with_help(
                "floe's container entrypoint always generates the profile `default`; name a catalog, storage and compute profile `default`",
            ),
        );
    }
}
