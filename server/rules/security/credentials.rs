use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Span};
use crate::dialect::runtime::vocabulary::FLOE_FILE;
use crate::dialect::v1::vocabulary as v1;
use crate::dialect::v1::{Category, Declaration, DeclaredKind, Plugins};
use crate::rules::walk::{pairs, strings};
use crate::rules::{Context, Environment, Rule, Sink};
use crate::secrets::redact;
use crate::secrets::scan::{Found, Scope, Verdict, allowlisted_at, scan};
use crate::syntax::{Document, Node};

declare_rule! {
    /// ## What it does
    /// Finds literal credentials in floe.yaml, in every platform.yaml and in the dbt project
    /// floe.yaml runs (a checked-in `profiles.yml`, `dbt_project.yml` with its `vars:` and hooks,
    /// and the `.sql` files of models and macros): AWS access key ids, private keys, JSON Web
    /// Tokens, bearer tokens, GitHub, GitLab, Slack, Stripe, OpenAI, npm, PyPI, SendGrid and
    /// Twilio tokens, Azure storage keys, `user:password@` in URLs, literal values under
    /// secret-like keys (`password`, `client_secret`, `aws_secret_access_key`, `api_key`, …),
    /// literal values given to secret settings in SQL and Jinja (`SET s3_secret_access_key='…'`,
    /// `CREATE SECRET (KEY_ID '…', SECRET '…')`, also inside `run_query("…")`), a literal
    /// default in `env_var('DB_PASSWORD', '…')`, and, in floe.yaml, the high-entropy strings
    /// upstream's detect-secrets scan reports (values that are evidently not credentials, such
    /// as a git commit SHA, are `FL305` instead).
    ///
    /// Generation B files (`apiVersion: floe.dev/v1`) are scanned too: the manifest, where
    /// plugin configs hold literal secrets (Polaris `oauth2.client_secret`, S3
    /// `secret_access_key`, Cube `api_secret`, Infisical and Keycloak `client_secret`, Marquez
    /// `api_key`), and a `kind: FloeSpec` floe.yaml. Upstream runs no scan over either, so only
    /// what is a credential by its shape or its key is reported (no entropy guesses). A
    /// detect-secrets `# pragma: allowlist secret` comment does not silence this rule: it tells
    /// detect-secrets that the value was committed on purpose, which does not make it any less
    /// readable in every clone (or, in a manifest, in the compiled artifacts); the message says
    /// the pragma is there. To accept a demo value, say so to floe-lint:
    /// `# floe-lint: ignore[FL300]`.
    ///
    /// ## Why is this bad?
    /// A credential in a configuration file is in every clone, fork, CI log and backup of the
    /// repository. floe.yaml may hold no credential at all: `floe validate` runs detect-secrets
    /// over it and refuses the file. platform.yaml holds *references* (`secret_ref`), resolved at
    /// run time from the environment or a Kubernetes secret mount; dbt files use
    /// `{{ env_var(...) }}`. floe-lint never prints the value it found: messages show at most
    /// two characters and the length, and every snippet masks it.
    ///
    /// A Generation B manifest has no secret reference inside `plugins.<category>.config`:
    /// `floe platform compile` copies the compute, orchestrator, catalog, storage, ingestion,
    /// semantic layer and lineage configs verbatim into `target/compiled_artifacts.json` and
    /// into the `floe-compiled-values` ConfigMap, so a literal there is readable by anyone who
    /// can read the artifacts or the ConfigMap, not only the repository.
    ///
    /// ## Example
    /// ```yaml
    /// catalogs:
    ///   default:
    ///     uri: "https://polaris.example/api/catalog"
    ///     warehouse: lake
    ///     properties:
    ///       s3.secret-access-key: "<a literal key>"
    /// ```
    ///
    /// ## Fix
    /// Remove the value from the file (and rotate it: it is in the history). In platform.yaml,
    /// reference it: `client_secret: {secret_ref: polaris-client-secret}` (read from the
    /// environment variable `POLARIS_CLIENT_SECRET` or `/var/run/secrets/polaris-client-secret`).
    /// In profiles.yml, dbt_project.yml and SQL, use `{{ env_var('POLARIS_CLIENT_SECRET') }}`.
    ///
    /// In a Generation B manifest, leave the S3 keys out (the S3 plugin then reads
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` from the runtime's environment). A secret
    /// the plugin's model requires (Polaris `client_secret`) cannot be referenced: commit a
    /// placeholder and substitute it where the manifest is compiled, and keep the compiled
    /// artifacts as private as the secret:
    /// ```yaml
    /// plugins:
    ///   catalog:
    ///     type: polaris
    ///     config:
    ///       oauth2:
    ///         client_id: floe-runtime
    ///         client_secret: ${POLARIS_CLIENT_SECRET}   # envsubst before `floe platform compile`
    /// ```
    pub struct HardcodedCredentials(META) = ("FL300", "hardcoded-credential", Security, Error, "A literal credential in a configuration file");
}

/// The spans of a dbt `profiles.yml` that hold credentials, with a redacted form of each, so
/// that other rules can show its text (a drift diff) without the secrets.
pub fn profiles_secrets(document: &Document) -> Vec<(Span, String)> {
    scan(document, Scope::Profiles)
        .into_iter()
        .filter(Found::is_secret)
        .map(|f| (f.span, redact::secret(&f.value)))
        .collect()
}

fn report(document: &Document, scope: Scope, out: &mut Sink<'_>) {
    // An alias repeats its anchor's nodes under another path: one finding per written value.
    let mut reported = std::collections::HashSet::new();
    for found in scan(document, scope).into_iter() {
        let Verdict::Secret { upstream } = found.verdict else {
            continue;
        };
        if !reported.insert((found.span.start, found.span.end)) {
            continue;
        }
        let shown = redact::secret(&found.value);
        let own = format!(
            "hardcoded credential ({}) in {}: {shown}",
            found.kind, found.place
        );
        let (message, help) = match scope {
            // floe validate prints this; the same words make the two easy to match up.
            Scope::Floe if upstream => (
                format!(
                    "Field 'file '{}'' contains a potential credential ({}). floe.yaml should only contain logical profile references (e.g., 'default'), not infrastructure secrets. Move credentials to platform.yaml or K8s secrets.",
                    file_name(document),
                    found.kind
                ),
                format!(
                    "found {shown} in {}; move it to a secret and reference it from platform.yaml",
                    found.place
                ),
            ),
            Scope::Floe => (
                own,
                "floe.yaml may hold no credential: move it to a secret and reference it from platform.yaml; then rotate the exposed value".to_owned(),
            ),
            Scope::Platform => (
                own,
                "reference it instead: `{secret_ref: NAME}`, resolved from the environment variable NAME (upper-cased, `-` → `_`) or /var/run/secrets/NAME; then rotate the exposed value".to_owned(),
            ),
            Scope::Profiles | Scope::DbtProject | Scope::Sql => (
                own,
                "read it from the environment with dbt's `{{ env_var('NAME') }}` and set NAME where dbt runs; then rotate the exposed value".to_owned(),
            ),
            Scope::V1 => generation_b(document, &found, own),
        };
        out.push(
            Diagnostic::new(&META, &document.file, found.span, message)
                .with_help(help)
                .with_secret(),
        );
    }
}

fn file_name(document: &Document) -> String {
    document
        .file
        .file_name()
        .map_or_else(|| FLOE_FILE.into(), |n| n.to_string_lossy().into_owned())
}

/// A Generation B file's message and help: where the value also ends up, and what can replace
/// it (the format has no secret reference in plugin configs).
fn generation_b(document: &Document, found: &Found, own: String) -> (String, String) {
    let pragma = if allowlisted_at(document, found.span.start) {
        " (`# pragma: allowlist secret` silences detect-secrets only; to accept a demo value, add `# floe-lint: ignore[FL300]`)"
    } else {
        ""
    };
    if Declaration::of_document(document).kind() != Some(DeclaredKind::Manifest) {
        return (
            own,
            format!(
                "a Generation B floe.yaml holds no credentials (a destination names its secret with `connection_secret_ref`; plugins get theirs from the manifest): remove it, then rotate the exposed value{pragma}"
            ),
        );
    };
    let plugins = Plugins::of(document);
    let setting = plugins
        .iter()
        .flat_map(|p| p.selected())
        .find_map(|plugin| {
            let config = plugin.config()?;
            let mut holds = false;
            strings(config, &mut |_, node| holds |= node.span == found.span);
            holds.then(|| (plugin, key_of(config, found)))
        });
    let Some((plugin, name)) = setting else {
        return (
            own,
            format!(
                "the manifest is in every clone of the repository: commit a placeholder (`${{NAME}}`) and substitute it where the manifest is used, then rotate the exposed value{pragma}"
            ),
        );
    };
    let category = plugin.category;
    let section = format!("`{}.{}.{}`", v1::PLUGINS, category.key(), v1::PLUGIN_CONFIG);
    let message = if category.carried_into_artifacts() {
        format!(
            "{own}; compile copies {section} verbatim into `{}` and the `{}` ConfigMap",
            v1::COMPILED_ARTIFACTS_FILE,
            v1::COMPILED_CONFIGMAP
        )
    } else {
        own
    };
    let help = match name.as_deref() {
        Some(key) if category == Category::Storage && v1::S3_KEYS.contains(&key) => format!(
            "leave `{key}` out: the S3 plugin then reads `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` from the runtime's environment; then rotate the exposed value{pragma}"
        ),
        _ => {
            let placeholder = format!(
                "{}_{}",
                plugin.plugin_type().unwrap_or(category.key()),
                name.as_deref().unwrap_or("SECRET")
            )
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect::<String>();
            let artifacts = if category.carried_into_artifacts() {
                ", keep the compiled artifacts as private as the secret"
            } else {
                ""
            };
            format!(
                "Generation B has no secret reference inside {section}: commit a placeholder (`${{{placeholder}}}`) and substitute it where the manifest is compiled{artifacts}, then rotate the exposed value{pragma}"
            )
        }
    };
    (message, help)
}

/// The key a found value is written under, inside a plugin config.
fn key_of<'n>(config: &'n Node, found: &Found) -> Option<std::borrow::Cow<'n, str>> {
    let mut entries = Vec::new();
    pairs(config, &mut entries);
    entries
        .into_iter()
        .find(|(_, entry)| entry.value.span == found.span)
        .map(|(key, _)| key)
}

impl Rule for HardcodedCredentials {
    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        report(floe, Scope::Floe, out);
    }

    fn spec(&self, spec: &Document, out: &mut Sink<'_>) {
        report(spec, Scope::V1, out);
    }

    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        report(manifest, Scope::V1, out);
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        report(env.document, Scope::Platform, out);
    }

    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        if let Some(profiles) = cx.dbt.profiles.filter(|d| d.loadable) {
            report(profiles, Scope::Profiles, out);
        }
        if let Some(project) = cx.dbt.project.filter(|d| d.loadable) {
            report(project, Scope::DbtProject, out);
        }
        for sql in &cx.dbt.sql {
            report(sql, Scope::Sql, out);
        }
    }
}
