use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::vocabulary as key;
use crate::dialect::v1::vocabulary as v1;
use crate::dialect::v1::{Category, Plugin, Plugins};
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};
use crate::secrets::redact;
use crate::syntax::resolve::Scalar;
use crate::syntax::{Document, Entry, Node, NodeValue};

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
    /// In a Generation B manifest (`apiVersion: floe.dev/v1`) the endpoints are the catalog's
    /// `uri` and `oauth2.token_url` (where the client secret is posted), the storage `endpoint`,
    /// the Marquez lineage backend's `url`, the Cube semantic layer's `server_url`, and
    /// `observability.tracing.endpoint` / `observability.lineage.endpoint`. A manifest has no
    /// environments, so "local" means what upstream's own Marquez and Keycloak checks call
    /// local: a loopback host (`localhost`, `127.0.0.1`, `[::1]`). An in-cluster service name
    /// (`http://floe-platform-polaris:8181`) is not: the traffic crosses the pod network in the
    /// clear, and upstream's Marquez plugin refuses such a URL unless `allow_insecure_http: true`
    /// (then logs it as CRITICAL on every start). A Marquez `url` the runtime refuses is
    /// reported once, as `FL108`, not here. For a manifest only ever used for local
    /// development (like upstream's demo), ignore the rule for that file in `.floe-lint.toml`:
    ///
    /// ```toml
    /// [per-file-ignores]
    /// "demo/manifest.yaml" = ["FL302", "FL304"]
    /// ```
    ///
    /// ## Fix
    /// Use `https://`.
    pub struct InsecureHttp(META) = ("FL304", "insecure-http", Security, Warning, "Plain http:// endpoint outside a local environment");
}

/// Whether a URL is plain http to a host other than this machine.
fn is_insecure(url: &str) -> bool {
    crate::loopback::is_plain_http_elsewhere(url.trim())
}

/// One endpoint of a Generation B manifest: where it is, and what travels over it.
struct Endpoint<'d> {
    path: String,
    entry: &'d Entry,
    exposes: &'static str,
    /// What else the message should say.
    note: &'static str,
}

/// `config.<name>` of a plugin selection, as an endpoint.
fn setting<'d>(
    plugin: &Plugin<'d>,
    node: &'d Node,
    name: &str,
    prefix: &str,
    exposes: &'static str,
) -> Option<Endpoint<'d>> {
    let (_, entry) = string_field(node, name)?;
    Some(Endpoint {
        path: format!(
            "{}.{}.{}.{prefix}{name}",
            v1::PLUGINS,
            plugin.category.key(),
            v1::PLUGIN_CONFIG
        ),
        entry,
        exposes,
        note: "",
    })
}

/// The endpoints of a manifest a client sends something worth protecting to.
fn manifest_endpoints(manifest: &Document) -> Vec<Endpoint<'_>> {
    let mut found = Vec::new();
    if let Some(plugins) = Plugins::of(manifest) {
        if let Some(catalog) = plugins.get(Category::Catalog)
            && let Some(config) = catalog.config()
        {
            found.extend(setting(
                &catalog,
                config,
                v1::POLARIS_URI,
                "",
                "the catalog client's bearer tokens and the tables' metadata travel",
            ));
            if let Some(oauth2) = config.get(v1::OAUTH2) {
                let prefix = format!("{}.", v1::OAUTH2);
                found.extend(setting(
                    &catalog,
                    &oauth2.value,
                    v1::OAUTH2_TOKEN_URL,
                    &prefix,
                    "the OAuth2 client secret is posted",
                ));
            }
        }
        if let Some(storage) = plugins.get(Category::Storage)
            && let Some(config) = storage.config()
        {
            found.extend(setting(
                &storage,
                config,
                v1::S3_ENDPOINT,
                "",
                "the tables' data and signed S3 requests travel",
            ));
        }
        if let Some(lineage) = plugins.get(Category::LineageBackend)
            && let Some(config) = lineage.config()
            && !refused_by_marquez(&lineage, config)
        {
            let endpoint = setting(
                &lineage,
                config,
                v1::MARQUEZ_URL,
                "",
                "lineage events (and the API key, if one is set) travel",
            );
            found.extend(endpoint.map(|e| Endpoint {
                note: if lineage.is(v1::MARQUEZ) && allows_insecure_http(config) {
                    " (allowed by `allow_insecure_http: true`, which the Marquez plugin logs as CRITICAL, \"development/test use only\", at every start)"
                } else {
                    ""
                },
                ..e
            }));
        }
        if let Some(semantic) = plugins.get(Category::SemanticLayer)
            && let Some(config) = semantic.config()
        {
            found.extend(setting(
                &semantic,
                config,
                v1::CUBE_SERVER_URL,
                "",
                "semantic-layer queries and their API tokens travel",
            ));
        }
    }
    let observability = manifest
        .root
        .as_ref()
        .and_then(|root| root.get(v1::OBSERVABILITY));
    for block in [v1::TRACING, v1::LINEAGE] {
        let entry = observability
            .and_then(|o| o.value.get(block))
            .and_then(|b| string_field(&b.value, v1::ENDPOINT));
        if let Some((_, entry)) = entry {
            found.push(Endpoint {
                path: format!("{}.{block}.{}", v1::OBSERVABILITY, v1::ENDPOINT),
                entry,
                exposes: if block == v1::TRACING {
                    "traces (with the queries and attributes they record) travel"
                } else {
                    "lineage events travel"
                },
                note: "",
            });
        }
    }
    found
}

/// A Marquez `url` upstream's model refuses (plain http, not local, no `allow_insecure_http:
/// true`): the schema stage reports it as FL108 already.
fn refused_by_marquez(plugin: &Plugin<'_>, config: &Node) -> bool {
    plugin.is(v1::MARQUEZ)
        && !allows_insecure_http(config)
        && string_field(config, v1::MARQUEZ_URL).is_some_and(|(url, _)| is_insecure(url))
}

/// Marquez's `allow_insecure_http: true`.
fn allows_insecure_http(config: &Node) -> bool {
    config.get(v1::ALLOW_INSECURE_HTTP).is_some_and(|e| {
        matches!(
            e.value.value,
            NodeValue::Scalar {
                value: Scalar::Bool(true),
                ..
            }
        )
    })
}

impl Rule for InsecureHttp {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        for endpoint in manifest_endpoints(manifest) {
            let Some(url) = endpoint.entry.value.as_str().map(str::trim) else {
                continue;
            };
            // Upstream's URL patterns are case-sensitive: `HTTP://…` is the schema stage's
            // finding (the runtime refuses it), not a working plain-http connection.
            if !url.starts_with("http://") || !is_insecure(url) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &manifest.file,
                    endpoint.entry.value.span,
                    format!(
                        "`{}` uses plain http: {}{}",
                        endpoint.path,
                        redact::url(url),
                        endpoint.note
                    ),
                )
                .with_help(format!(
                    "{} over this connection in the clear: use https://. A manifest serves every environment; for one used only for local development, ignore FL304 for it in .floe-lint.toml `[per-file-ignores]`",
                    capitalised(endpoint.exposes)
                )),
            );
        }
    }

    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
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
            if !is_insecure(url) {
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

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
