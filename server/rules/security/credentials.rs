use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Span};
use crate::dialect::runtime::vocabulary::FLOE_FILE;
use crate::rules::{Context, Environment, Rule};
use crate::secrets::redact;
use crate::secrets::scan::{Found, Scope, Verdict, scan};
use crate::syntax::Document;

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
    /// ## Why is this bad?
    /// A credential in a configuration file is in every clone, fork, CI log and backup of the
    /// repository. floe.yaml may hold no credential at all: `floe validate` runs detect-secrets
    /// over it and refuses the file. platform.yaml holds *references* (`secret_ref`), resolved at
    /// run time from the environment or a Kubernetes secret mount; dbt files use
    /// `{{ env_var(...) }}`. floe-lint never prints the value it found: messages show at most
    /// two characters and the length, and every snippet masks it.
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

fn report(document: &Document, scope: Scope, out: &mut Vec<Diagnostic>) {
    for found in scan(document, scope).into_iter() {
        let Verdict::Secret { upstream } = found.verdict else {
            continue;
        };
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

impl Rule for HardcodedCredentials {
    fn floe(&self, floe: &Document, out: &mut Vec<Diagnostic>) {
        report(floe, Scope::Floe, out);
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Vec<Diagnostic>) {
        report(env.document, Scope::Platform, out);
    }

    fn project(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
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
