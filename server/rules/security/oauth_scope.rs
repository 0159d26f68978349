use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::dialect::runtime::constants::{PRINCIPAL_ROLE_ALL, credential_mode};
use crate::dialect::runtime::vocabulary::{self as key, Section};
use crate::dialect::v1::vocabulary as v1;
use crate::dialect::v1::{Category, Plugins};
use crate::rules::walk::{is_null, profiles, string_field};
use crate::rules::{Environment, Rule, Sink};
use crate::syntax::{Document, Entry};

declare_rule! {
    /// ## What it does
    /// Flags the OAuth2 scope `PRINCIPAL_ROLE:ALL` in a non-local environment.
    ///
    /// ## Why is this bad?
    /// It grants the client every principal role in the catalog. floe's runtime warns:
    /// "scope='PRINCIPAL_ROLE:ALL' grants unrestricted access to all roles. Use a narrowly-scoped
    /// principal role in production environments." It is meant for local development only.
    ///
    /// ## Example
    /// ```yaml
    /// # platform/prod/platform.yaml
    /// credentials:
    ///   mode: oauth2
    ///   scope: "PRINCIPAL_ROLE:ALL"
    /// ```
    ///
    /// In a Generation B manifest (`apiVersion: floe.dev/v1`), the catalog plugin's
    /// `plugins.catalog.config.oauth2.scope` is checked. A manifest has no environments (one
    /// file serves all of them, chosen at run time), so it is always reported; upstream's own
    /// Polaris guide says "NEVER use PRINCIPAL_ROLE:ALL in production" although its demo
    /// manifest does. For a manifest only ever used on a laptop, ignore the rule for that file
    /// in `.floe-lint.toml` (`[per-file-ignores]`).
    ///
    /// ```yaml
    /// # manifest.yaml
    /// plugins:
    ///   catalog:
    ///     type: polaris
    ///     config:
    ///       oauth2:
    ///         scope: PRINCIPAL_ROLE:ALL
    /// ```
    ///
    /// ## Fix
    /// Use the narrowest role that works, e.g. `PRINCIPAL_ROLE:DATA_ENGINEER`.
    pub struct PrincipalRoleAll(ALL_ROLES) = ("FL302", "principal-role-all", Security, Warning, "OAuth2 scope PRINCIPAL_ROLE:ALL outside a local environment");
}

declare_rule! {
    /// ## What it does
    /// Flags `credentials` in `oauth2` mode without a `scope`.
    ///
    /// ## Why is this bad?
    /// floe then falls back to its default scope, `PRINCIPAL_ROLE:ALL` ("OAuth2 scope not
    /// specified, using default"): the client gets every role its principal has, decided by code
    /// rather than by this file (and the default may differ between floe versions).
    ///
    /// ## Example
    /// ```yaml
    /// credentials:
    ///   mode: oauth2
    ///   client_id: {secret_ref: polaris-client-id}
    ///   client_secret: {secret_ref: polaris-client-secret}
    /// ```
    ///
    /// In a Generation B manifest, a Polaris catalog's `plugins.catalog.config.oauth2` without
    /// `scope` is an **error**: the Polaris plugin sends a scope only when one is set (its
    /// docstring's `PRINCIPAL_ROLE:ALL` default is not applied), so PyIceberg asks the token
    /// endpoint for its own default scope, `catalog`, which Polaris rejects. Every run then
    /// fails when it connects to the catalog.
    ///
    /// ```yaml
    /// # manifest.yaml
    /// plugins:
    ///   catalog:
    ///     type: polaris
    ///     config:
    ///       oauth2:
    ///         client_id: floe-runtime
    ///         client_secret: ${POLARIS_CLIENT_SECRET}
    ///         token_url: https://polaris.example.com/api/catalog/v1/oauth/tokens
    /// ```
    ///
    /// ## Fix
    /// State the scope: `scope: "PRINCIPAL_ROLE:DATA_ENGINEER"`.
    pub struct MissingScope(MISSING_SCOPE) = ("FL303", "missing-oauth2-scope", Security, Warning, "OAuth2 credentials without an explicit scope");
}

impl Rule for PrincipalRoleAll {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        Self::check_manifest(manifest, out);
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        if env.local {
            return;
        }
        let document = env.document;
        let Some(root) = &document.root else { return };
        for section in Section::ALL.map(Section::key) {
            for (name, profile) in profiles(root, section) {
                let scope = profile
                    .value
                    .get(key::CREDENTIALS)
                    .and_then(|c| string_field(&c.value, key::SCOPE));
                if let Some((scope, entry)) = scope
                    && scope.trim() == PRINCIPAL_ROLE_ALL
                {
                    out.push(
                            Diagnostic::new(
                                &ALL_ROLES,
                                &document.file,
                                entry.value.span,
                                format!("scope='{PRINCIPAL_ROLE_ALL}' grants unrestricted access to all roles ({section}.{name}, environment `{}`). Use a narrowly-scoped principal role in production environments.", env.name),
                            )
                            .with_help("e.g. `scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"`"),
                        );
                }
            }
        }
    }
}

impl Rule for MissingScope {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        Self::check_manifest(manifest, out);
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for section in Section::ALL.map(Section::key) {
            for (name, profile) in profiles(root, section) {
                let Some(credentials) = profile.value.get(key::CREDENTIALS) else {
                    continue;
                };
                let Some((credential_mode::OAUTH2, mode)) =
                    string_field(&credentials.value, key::MODE)
                else {
                    continue;
                };
                let scope = credentials.value.get(key::SCOPE);
                if scope.is_none_or(|s| s.value.as_str().is_none_or(|v| v.trim().is_empty())) {
                    out.push(
                        Diagnostic::new(&MISSING_SCOPE, &document.file, mode.value.span, format!("{section}.{name}.credentials.scope: OAuth2 scope not specified, using default"))
                            .with_help(format!("without a scope floe asks for `{PRINCIPAL_ROLE_ALL}` (every role the principal has); state a narrower one, e.g. `scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"`")),
                    );
                }
            }
        }
    }
}

/// A Generation B manifest's catalog `config.oauth2` mapping, with the catalog selection's
/// plugin type.
fn manifest_oauth2(manifest: &Document) -> Option<(Option<&str>, &Entry)> {
    let catalog = Plugins::of(manifest)?.get(Category::Catalog)?;
    let oauth2 = catalog.setting(v1::OAUTH2)?;
    oauth2
        .value
        .as_mapping()
        .map(|_| (catalog.plugin_type(), oauth2))
}

/// Where a finding about the catalog's OAuth2 block is written, as a message names it.
fn oauth2_path(leaf: &str) -> String {
    let path = [
        v1::PLUGINS,
        Category::Catalog.key(),
        v1::PLUGIN_CONFIG,
        v1::OAUTH2,
    ]
    .join(".");
    if leaf.is_empty() {
        path
    } else {
        format!("{path}.{leaf}")
    }
}

impl PrincipalRoleAll {
    fn check_manifest(manifest: &Document, out: &mut Sink<'_>) {
        let Some((_, oauth2)) = manifest_oauth2(manifest) else {
            return;
        };
        let Some((scope, entry)) = string_field(&oauth2.value, v1::OAUTH2_SCOPE) else {
            return;
        };
        if scope.trim() != PRINCIPAL_ROLE_ALL {
            return;
        }
        out.push(
            Diagnostic::new(
                &ALL_ROLES,
                &manifest.file,
                entry.value.span,
                format!(
                    "scope='{PRINCIPAL_ROLE_ALL}' grants the catalog client every principal role (`{}`): a manifest serves every environment, production included",
                    oauth2_path(v1::OAUTH2_SCOPE)
                ),
            )
            .with_help("use a narrowly-scoped principal role, e.g. `scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"`; for a manifest used only for local development, ignore FL302 for it in .floe-lint.toml `[per-file-ignores]`"),
        );
    }
}

impl MissingScope {
    fn check_manifest(manifest: &Document, out: &mut Sink<'_>) {
        let Some((plugin_type, oauth2)) = manifest_oauth2(manifest) else {
            return;
        };
        if plugin_type != Some(v1::POLARIS) {
            return;
        }
        let scope = oauth2.value.get(v1::OAUTH2_SCOPE);
        // The plugin sends the scope only when it is truthy: absent, null and "" all mean none
        // (a blank one is sent and rejected the same way). A value of another type is the
        // runtime model's error (FL108).
        let stated = scope.is_some_and(|s| match s.value.as_str() {
            Some(text) => !text.trim().is_empty(),
            None => !is_null(&s.value),
        });
        if stated {
            return;
        }
        out.push(
            Diagnostic::new(
                &MISSING_SCOPE,
                &manifest.file,
                oauth2.key.span,
                format!(
                    "`{}` has no `{}`: the Polaris plugin then sends none, PyIceberg asks for its default scope `{}`, and Polaris rejects it, so every run fails to connect to the catalog",
                    oauth2_path(""),
                    v1::OAUTH2_SCOPE,
                    v1::PYICEBERG_DEFAULT_SCOPE
                ),
            )
            .with_help("state the principal role to use, e.g. `scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"`")
            .with_severity(Severity::Error),
        );
    }
}
