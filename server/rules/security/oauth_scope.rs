use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::constants::{PRINCIPAL_ROLE_ALL, credential_mode};
use crate::dialect::runtime::vocabulary::{self as key, Section};
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule};

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
    /// ## Fix
    /// State the scope: `scope: "PRINCIPAL_ROLE:DATA_ENGINEER"`.
    pub struct MissingScope(MISSING_SCOPE) = ("FL303", "missing-oauth2-scope", Security, Warning, "OAuth2 credentials without an explicit scope");
}

impl Rule for PrincipalRoleAll {
    fn platform(&self, env: &Environment<'_>, out: &mut Vec<Diagnostic>) {
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
    fn platform(&self, env: &Environment<'_>, out: &mut Vec<Diagnostic>) {
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
