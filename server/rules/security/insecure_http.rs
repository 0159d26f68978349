use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule};
use crate::secrets::redact;
use crate::syntax::Entry;

declare_rule! {
    /// ## What it does
    /// Flags plain `http://` catalog `uri`s, storage `endpoint`s and observability endpoints
    /// (`otlp_endpoint`, `lineage_endpoint`) in non-local environments. Loopback addresses are
    /// exempt. Local environments (`platform/local/`) are not checked.
    ///
    /// ## Why is this bad?
    /// The catalog client sends its OAuth2 client secret and bearer tokens, and S3 clients sign
    /// requests, over this connection. Without TLS anyone on the network path can read them.
    ///
    /// ## Example
    /// ```yaml
    /// # platform/prod/platform.yaml
    /// catalogs:
    ///   default:
    ///     uri: "http://polaris.internal:8181/api/catalog"
    ///     warehouse: lake
    /// ```
    ///
    /// ## Fix
    /// Use `https://`.
    pub struct InsecureHttp(META) = ("FL304", "insecure-http", Security, Warning, "Plain http:// endpoint outside a local environment");
}

fn is_loopback(url: &str) -> bool {
    let rest = url.trim_start_matches("http://");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = if host.starts_with('[') {
        host.split(']')
            .next()
            .unwrap_or(host)
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or(host)
    };
    host == "localhost" || host.starts_with("127.") || host == "::1"
}

impl Rule for InsecureHttp {
    fn platform(&self, env: &Environment<'_>, out: &mut Vec<Diagnostic>) {
        if env.local {
            return;
        }
        let document = env.document;
        let Some(root) = &document.root else { return };
        let mut urls: Vec<(String, &Entry)> = Vec::new();
        for (name, catalog) in profiles(root, key::CATALOGS) {
            if let Some((_, entry)) = string_field(&catalog.value, key::URI) {
                urls.push((format!("catalog `{name}` uri"), entry));
            }
        }
        for (name, storage) in profiles(root, key::STORAGE) {
            if let Some((_, entry)) = string_field(&storage.value, key::ENDPOINT) {
                urls.push((format!("storage `{name}` endpoint"), entry));
            }
        }
        if let Some(observability) = root.get(key::OBSERVABILITY) {
            for field in [key::OTLP_ENDPOINT, key::LINEAGE_ENDPOINT] {
                if let Some((_, entry)) = string_field(&observability.value, field) {
                    urls.push((format!("observability `{field}`"), entry));
                }
            }
        }
        for (what, entry) in urls {
            let Some(url) = entry.value.as_str() else {
                continue;
            };
            if !url.trim().to_ascii_lowercase().starts_with("http://") || is_loopback(url.trim()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &document.file,
                    entry.value.span,
                    format!(
                        "{what} uses plain http in environment `{}`: {}",
                        env.name,
                        redact::url(url.trim())
                    ),
                )
                .with_help("use https:// so credentials and tokens are not sent in the clear"),
            );
        }
    }
}
