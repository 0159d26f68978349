//! Step 1 for Generation B: the manifest's catalog plugin (`plugins.catalog`, Polaris) and its
//! storage plugin (`plugins.storage`, S3), read as the runtime hands them to PyIceberg (spec §8):
//! `uri`, `warehouse`, `oauth2.{client_id, client_secret, token_url, scope}`, the S3 settings.
//! The values are literals (a plugin config has no secret reference syntax).

use super::resolved::{Client, Namespace, Resolved, Secret, Storage, catalog_setting};
use super::{Failure, fail};
use crate::dialect::v1::vocabulary::{self as v1, Category};
use crate::dialect::v1::{Plugin, Plugins};
use crate::secrets::redact;
use crate::syntax::pydantic::bool_value;
use crate::syntax::{Document, Node};

/// The namespace floe's export writes a product's tables into: its name with `-` → `_`.
pub fn product_namespace(product: &str) -> String {
    product.replace('-', "_")
}

/// `product`: the product whose namespace is looked at (`None`: the manifest on its own).
pub fn resolve(manifest: &Document, product: Option<&str>) -> Result<Resolved, Failure> {
    let check_first = "fix the findings of `floe-lint check` on the manifest first";
    let plugins = Plugins::of(manifest).ok_or_else(|| {
        fail(
            format!("the manifest has no `{}` mapping", v1::PLUGINS),
            check_first,
        )
    })?;
    let catalog = plugins.get(Category::Catalog).ok_or_else(|| {
        fail(
            format!(
                "the manifest selects no catalog plugin (`{}.{}`)",
                v1::PLUGINS,
                Category::Catalog.key()
            ),
            "select the Polaris catalog plugin: `plugins.catalog: {type: polaris, config: {…}}`",
        )
    })?;
    match catalog.plugin_type() {
        Some(v1::POLARIS) => {}
        other => {
            return Err(fail(
                format!(
                    "the catalog plugin is `{}`, not Polaris",
                    other.unwrap_or("(no type)")
                ),
                "connect checks Polaris (Iceberg REST) catalogs",
            ));
        }
    }
    let config = catalog.config().ok_or_else(|| {
        fail(
            format!("{} is not a mapping", catalog_setting(&[])),
            check_first,
        )
    })?;
    let oauth2 = config
        .get(v1::OAUTH2)
        .map(|e| &e.value)
        .filter(|v| v.as_mapping().is_some());
    let required = |node: Option<&Node>, path: &[&str]| -> Result<String, Failure> {
        let name = path.last().copied().unwrap_or_default();
        node.and_then(|n| n.get(name))
            .and_then(|e| e.value.as_str())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| {
                fail(
                    format!(
                        "{} is missing (the Polaris plugin requires it)",
                        catalog_setting(path)
                    ),
                    format!("set {}, or {check_first}", catalog_setting(path)),
                )
            })
    };
    let uri = http_url(
        &required(Some(config), &[v1::POLARIS_URI])?,
        &[v1::POLARIS_URI],
    )?;
    let warehouse = required(Some(config), &[v1::POLARIS_WAREHOUSE])?;
    let client_id = required(oauth2, &[v1::OAUTH2, v1::OAUTH2_CLIENT_ID])?;
    let client_secret = required(oauth2, &[v1::OAUTH2, v1::OAUTH2_CLIENT_SECRET])?;
    let token_url = http_url(
        &required(oauth2, &[v1::OAUTH2, v1::OAUTH2_TOKEN_URL])?,
        &[v1::OAUTH2, v1::OAUTH2_TOKEN_URL],
    )?;
    let scope = oauth2
        .and_then(|o| o.get(v1::OAUTH2_SCOPE))
        .and_then(|e| e.value.as_str())
        .map(str::to_owned);
    let vended_credentials = config
        .get(v1::CREDENTIAL_VENDING_ENABLED)
        .and_then(|e| bool_value(&e.value))
        .unwrap_or(true);
    Ok(Resolved {
        client: Client::V1,
        uri,
        token_url,
        warehouse,
        namespace: product.map_or(Namespace::Any, |p| Namespace::Product(product_namespace(p))),
        client_id: Secret::new(client_id),
        client_secret: Secret::new(client_secret),
        scope,
        vended_credentials,
        storage: plugins.get(Category::Storage).and_then(s3),
    })
}

/// An `http(s)://` URL without a trailing `/` (the model's `^https?://` pattern).
fn http_url(value: &str, path: &[&str]) -> Result<String, Failure> {
    let url = value.trim().trim_end_matches('/').to_owned();
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Ok(url);
    }
    Err(fail(
        format!(
            "{} must start with http:// or https://, got: {}",
            catalog_setting(path),
            redact::url(&url)
        ),
        "use the http(s) URL the catalog serves",
    ))
}

/// The S3 settings, when the storage plugin is S3 and names an endpoint and a bucket (else the
/// schema stage has findings, and the catalog check does not need them).
fn s3(plugin: Plugin<'_>) -> Option<Storage> {
    if !plugin.is(v1::S3) {
        return None;
    }
    let text = |name: &str| {
        plugin
            .setting(name)
            .and_then(|e| e.value.as_str())
            .map(str::to_owned)
    };
    let [id_key, secret_key] = v1::S3_KEYS;
    Some(Storage {
        endpoint: text(v1::S3_ENDPOINT).filter(|e| !e.is_empty())?,
        bucket: text(v1::S3_BUCKET).filter(|b| !b.is_empty())?,
        region: text(v1::S3_REGION).unwrap_or_else(|| v1::S3_DEFAULT_REGION.to_owned()),
        path_style_access: plugin
            .setting(v1::S3_PATH_STYLE_ACCESS)
            .and_then(|e| bool_value(&e.value))
            .unwrap_or(true),
        keys: text(id_key)
            .zip(text(secret_key))
            .map(|(id, secret)| (Secret::new(id), Secret::new(secret))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::test_document;

    const DEMO: &str = "apiVersion: floe.dev/v1\nkind: Manifest\nplugins:\n  catalog:\n    type: polaris\n    config:\n      uri: http://127.0.0.1:8181/api/catalog/\n      warehouse: floe-demo\n      oauth2:\n        client_id: demo-admin\n        client_secret: demo-secret\n        token_url: http://127.0.0.1:8181/api/catalog/v1/oauth/tokens\n  storage:\n    type: s3\n    config:\n      endpoint: http://minio:9000\n      bucket: floe-iceberg\n      path_style_access: 'false'\n";

    #[test]
    fn the_demo_catalog_and_its_storage() {
        let manifest = test_document("manifest.yaml", DEMO);
        let resolved = resolve(&manifest, Some("customer-360")).expect("resolves");
        assert_eq!(resolved.uri, "http://127.0.0.1:8181/api/catalog");
        assert_eq!(
            resolved.token_url,
            "http://127.0.0.1:8181/api/catalog/v1/oauth/tokens"
        );
        assert_eq!(resolved.warehouse, "floe-demo");
        // No scope: PyIceberg's own default goes out.
        assert_eq!(
            (resolved.scope.as_deref(), resolved.sent_scope()),
            (None, "catalog")
        );
        assert_eq!(
            resolved.namespace,
            Namespace::Product("customer_360".into())
        );
        assert!(resolved.vended_credentials);
        let storage = resolved.storage.expect("s3");
        assert_eq!(
            (
                storage.endpoint.as_str(),
                storage.region.as_str(),
                storage.path_style_access
            ),
            ("http://minio:9000", "us-east-1", false)
        );
        assert!(storage.keys.is_none());
    }

    #[test]
    fn what_is_missing_is_named_by_its_place() {
        let without_token_url = DEMO.replace(
            "        token_url: http://127.0.0.1:8181/api/catalog/v1/oauth/tokens\n",
            "",
        );
        let manifest = test_document("manifest.yaml", &without_token_url);
        let failure = resolve(&manifest, None).expect_err("no token_url");
        assert!(
            failure
                .cause
                .contains("`plugins.catalog.config.oauth2.token_url` is missing"),
            "{}",
            failure.cause
        );
        let not_polaris = test_document(
            "manifest.yaml",
            "plugins:\n  catalog:\n    type: glue\n    config: {}\n",
        );
        let failure = resolve(&not_polaris, None).expect_err("glue");
        assert!(
            failure.cause.contains("`glue`, not Polaris"),
            "{}",
            failure.cause
        );
        let ftp = test_document("manifest.yaml", &DEMO.replace("uri: http:", "uri: ftp:"));
        let failure = resolve(&ftp, None).expect_err("ftp");
        assert!(
            failure.cause.contains("must start with http"),
            "{}",
            failure.cause
        );
    }
}
