use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Span};
use crate::rules::security::detect::{self, Hit};
use crate::rules::security::redact;
use crate::rules::{Context, Environment, Rule};
use crate::syntax::{Document, Node};

declare_rule! {
    /// ## What it does
    /// Finds literal credentials in floe.yaml, in every platform.yaml and in a checked-in dbt
    /// `profiles.yml`: AWS access key ids, private keys, JSON Web Tokens, bearer tokens, GitHub,
    /// GitLab, Slack, Stripe, OpenAI, npm, PyPI, SendGrid and Twilio tokens, Azure storage keys,
    /// `user:password@` in URLs, literal values under secret-like keys (`password`,
    /// `client_secret`, `aws_secret_access_key`, `api_key`, …), and, in floe.yaml, everything
    /// upstream's detect-secrets scan catches (high-entropy strings, public IP addresses).
    ///
    /// ## Why is this bad?
    /// A credential in a configuration file is in every clone, fork, CI log and backup of the
    /// repository. floe.yaml may hold no credential at all: `floe validate` runs detect-secrets over
    /// it and refuses the file. platform.yaml holds *references* (`secret_ref`), resolved at run time
    /// from the environment or a Kubernetes secret mount; profiles.yml uses `{{ env_var(...) }}`.
    /// floe-lint never prints the value it found: messages show at most two characters and the
    /// length.
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
    /// In profiles.yml, use `{{ env_var('POLARIS_CLIENT_SECRET') }}`.
    pub static META = ("FL300", "hardcoded-credential", Security, Error, "A literal credential in a configuration file");
}

pub struct HardcodedCredentials;

/// Which file is scanned: floe.yaml gets upstream's whole-file detect-secrets treatment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Floe,
    Platform,
    Profiles,
}

struct Found {
    kind: &'static str,
    span: Span,
    value: String,
    path: String,
}

fn scan_node<'a>(
    node: &'a Node,
    key: Option<&str>,
    path: &mut Vec<std::borrow::Cow<'a, str>>,
    scope: Scope,
    out: &mut Vec<Found>,
) {
    if let Some(text) = node.as_str() {
        let mut hits: Vec<Hit> = detect::patterns(text);
        if scope == Scope::Floe {
            hits.extend(detect::public_ips(text));
        }
        let keyword = key.is_some_and(detect::is_secret_key) && !detect::is_placeholder(text);
        let whole = |kind| Hit {
            kind,
            start: 0,
            end: text.len(),
        };
        if hits.is_empty() && keyword {
            hits.push(whole("Secret Keyword"));
        }
        if hits.is_empty()
            && (scope == Scope::Floe || keyword)
            && let Some(kind) = detect::high_entropy(text)
        {
            hits.push(whole(kind));
        }
        if let Some(hit) = hits.into_iter().next() {
            out.push(Found {
                kind: hit.kind,
                span: node.span,
                value: text.get(hit.start..hit.end).unwrap_or(text).to_owned(),
                path: path.join("."),
            });
        }
        return;
    }
    if let Some(items) = node.as_sequence() {
        for (i, item) in items.iter().enumerate() {
            path.push(i.to_string().into());
            scan_node(item, key, path, scope, out);
            path.pop();
        }
    }
    if let Some(entries) = node.as_mapping() {
        for entry in entries.iter().filter(|e| !e.merged) {
            // Most keys are plain strings: borrow them instead of allocating per entry.
            if let Some(name) = entry.key.as_str() {
                path.push(name.into());
                scan_node(&entry.value, Some(name), path, scope, out);
            } else if let Some(name) = entry.key.key_text() {
                path.push(name.clone().into());
                scan_node(&entry.value, Some(&name), path, scope, out);
            } else {
                continue;
            }
            path.pop();
        }
    }
}

/// The spans of a dbt `profiles.yml` that hold credentials, with a redacted form of each, so
/// that other rules can show its text (a drift diff) without the secrets.
pub fn profiles_secrets(document: &Document) -> Vec<(Span, String)> {
    found(document, Scope::Profiles)
        .into_iter()
        .map(|f| (f.span, redact::secret(&f.value)))
        .collect()
}

fn found(document: &Document, scope: Scope) -> Vec<Found> {
    let mut found = Vec::new();
    if let Some(root) = &document.root {
        scan_node(root, None, &mut Vec::new(), scope, &mut found);
    }
    for comment in &document.comments {
        for hit in detect::patterns(&comment.text) {
            // `#` precedes the comment text in the span.
            let start = comment.span.start + 1 + hit.start;
            found.push(Found {
                kind: hit.kind,
                span: Span::new(start, comment.span.start + 1 + hit.end),
                value: comment
                    .text
                    .get(hit.start..hit.end)
                    .unwrap_or_default()
                    .to_owned(),
                path: "a comment".into(),
            });
        }
    }
    found
}

fn scan(document: &Document, scope: Scope, out: &mut Vec<Diagnostic>) {
    let found = found(document, scope);
    let file_name = document
        .file
        .file_name()
        .map_or_else(|| "floe.yaml".into(), |n| n.to_string_lossy().into_owned());
    for f in found {
        let shown = redact::secret(&f.value);
        let diagnostic = match scope {
            Scope::Floe => Diagnostic::new(
                &META,
                &document.file,
                f.span,
                format!(
                    "Field 'file '{file_name}'' contains a potential credential ({}). floe.yaml should only contain logical profile references (e.g., 'default'), not infrastructure secrets. Move credentials to platform.yaml or K8s secrets.",
                    f.kind
                ),
            )
            .with_help(format!("found {shown} in {}; move it to a secret and reference it from platform.yaml", where_(&f.path))),
            Scope::Platform => Diagnostic::new(
                &META,
                &document.file,
                f.span,
                format!("hardcoded credential ({}) in {}: {shown}", f.kind, where_(&f.path)),
            )
            .with_help("reference it instead: `{secret_ref: NAME}`, resolved from the environment variable NAME (upper-cased, `-` → `_`) or /var/run/secrets/NAME; then rotate the exposed value"),
            Scope::Profiles => Diagnostic::new(
                &META,
                &document.file,
                f.span,
                format!("hardcoded credential ({}) in {}: {shown}", f.kind, where_(&f.path)),
            )
            .with_help("use `{{ env_var('NAME') }}` and set NAME in the environment; then rotate the exposed value"),
        };
        out.push(diagnostic.with_secret());
    }
}

fn where_(path: &str) -> String {
    if path == "a comment" || path.is_empty() {
        path.to_owned()
    } else {
        format!("`{path}`")
    }
}

impl Rule for HardcodedCredentials {
    fn meta(&self) -> &'static crate::rule_meta::RuleMeta {
        &META
    }

    fn floe(&self, floe: &Document, out: &mut Vec<Diagnostic>) {
        scan(floe, Scope::Floe, out);
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Vec<Diagnostic>) {
        scan(env.document, Scope::Platform, out);
    }

    fn project(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(profiles) = cx.dbt.profiles.filter(|d| d.loadable) {
            scan(profiles, Scope::Profiles, out);
        }
    }
}
