use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::constants::{POLARIS_API_ROOT, TOKEN_PATH, catalog_type};
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a Polaris catalog whose `uri` is not the catalog API root, i.e. does not end in
    /// `/api/catalog` (or points further in, such as `…/api/catalog/v1`).
    ///
    /// ## Why is this bad?
    /// floe derives the OAuth2 token endpoint as `<uri>/v1/oauth/tokens` and the REST config as
    /// `<uri>/v1/config`. With `uri: http://polaris:8181` the token request goes to
    /// `http://polaris:8181/v1/oauth/tokens`, which Polaris answers with 404: authentication fails
    /// before any table is touched.
    ///
    /// ## Example
    /// ```yaml
    /// catalogs:
    ///   default:
    ///     type: polaris
    ///     uri: "http://polaris:8181"
    ///     warehouse: lake
    /// ```
    ///
    /// ## Fix
    /// Point `uri` at the catalog API root: `http://polaris:8181/api/catalog`.
    pub struct CatalogUri(META) = ("FL404", "catalog-uri-not-api-root", Lakehouse, Warning, "Polaris catalog uri is not the catalog API root");
}

impl Rule for CatalogUri {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for (name, catalog) in profiles(root, key::CATALOGS) {
            if string_field(&catalog.value, key::TYPE)
                .is_some_and(|(t, _)| t != catalog_type::POLARIS)
            {
                continue;
            }
            let Some((uri, entry)) = string_field(&catalog.value, key::URI) else {
                continue;
            };
            let trimmed = uri.trim().trim_end_matches('/');
            if !(trimmed.starts_with("http://") || trimmed.starts_with("https://"))
                || trimmed.ends_with(POLARIS_API_ROOT)
            {
                continue;
            }
            let root_uri = match trimmed.find(POLARIS_API_ROOT) {
                Some(at) => trimmed[..at + POLARIS_API_ROOT.len()].to_owned(),
                None => format!("{trimmed}{POLARIS_API_ROOT}"),
            };
            let shown = crate::secrets::redact::url(trimmed);
            out.push(
                Diagnostic::new(
                    &META,
                    &document.file,
                    entry.value.span,
                    format!("catalog `{name}`: `uri` is not the Polaris catalog API root, so the token URL `{shown}{TOKEN_PATH}` will 404"),
                )
                .with_help(format!("use `uri: {}`", crate::secrets::redact::url(&root_uri))),
            );
        }
    }
}
