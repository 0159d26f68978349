//! Steps 2–4 over HTTP: the OAuth2 token, the REST config, the namespace. Every request has a
//! hard timeout (a server that accepts the connection and never answers fails in time), bodies are
//! size-limited, redirects are not followed (a redirect loop fails at once), and server errors are
//! reported by what they mean for the configuration.

use std::time::Duration;

use serde_json::Value;

use super::resolved::{Client, Resolved, Setting};
use super::{Failure, fail};
use crate::dialect::runtime::constants::CONFIG_PATH;
use crate::secrets::redact;

/// Largest response body read (a catalog config or namespace list is small).
const MAX_BODY: u64 = 4 * 1024 * 1024;

/// Refuses to send credentials over plain http to a host that is not loopback.
pub fn insecure(uri: &str, allowed: bool) -> Option<String> {
    (crate::loopback::is_plain_http_elsewhere(uri) && !allowed).then(|| {
        format!(
            "refusing to send credentials over plain http to {} (not a loopback address)",
            redact::url(uri)
        )
    })
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("floe-lint/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

fn transport_failure(what: &str, url: &str, error: &ureq::Error, timeout: Duration) -> Failure {
    let shown = redact::url(url);
    match error {
        ureq::Error::Timeout(_) => fail(
            format!(
                "{what}: no answer from {shown} within {} s",
                timeout.as_secs_f32()
            ),
            "check that the catalog is up and answering; raise --timeout for a slow network",
        ),
        // rustls reports a peer that does not speak TLS (a plain-http port) as invalid data.
        ureq::Error::Io(io)
            if io.kind() == std::io::ErrorKind::InvalidData
                && url
                    .get(..8)
                    .is_some_and(|s| s.eq_ignore_ascii_case("https://")) =>
        {
            fail(
                format!(
                    "{what}: TLS handshake with {shown} failed ({io}); the port may be serving plain http"
                ),
                "check the scheme: an http:// server on this port needs `uri: http://…`, and an https:// one a valid certificate",
            )
        }
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => fail(
            format!("{what}: cannot connect to {shown} ({error})"),
            "check the host and port in `uri`, and that the catalog is running and reachable from here",
        ),
        ureq::Error::HostNotFound => fail(
            format!("{what}: host not found for {shown}"),
            "check the host name in `uri`",
        ),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => fail(
            format!("{what}: TLS handshake with {shown} failed ({error})"),
            "check the scheme: an http:// server on this port needs `uri: http://…`, and an https:// one a valid certificate",
        ),
        ureq::Error::BodyExceedsLimit(_) => fail(
            format!("{what}: the response from {shown} is larger than {MAX_BODY} bytes"),
            "check that `uri` points at the catalog API",
        ),
        other => fail(
            format!("{what}: request to {shown} failed ({other})"),
            "check `uri` and the catalog's logs",
        ),
    }
}

/// Reads a JSON response body (bounded), or explains why it is not usable.
fn json_body(
    what: &str,
    url: &str,
    response: &mut ureq::http::Response<ureq::Body>,
    timeout: Duration,
) -> Result<Value, Failure> {
    let text = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY)
        .read_to_string()
        .map_err(|e| transport_failure(what, url, &e, timeout))?;
    serde_json::from_str(&text).map_err(|e| {
        fail(
            format!(
                "{what}: {} answered with a body that is not JSON ({e})",
                redact::url(url)
            ),
            "check that `uri` points at the Iceberg REST catalog API root",
        )
    })
}

/// OAuth2 client credentials at the token URL (Generation A: `<uri>/v1/oauth/tokens`).
pub fn token(resolved: &Resolved, timeout: Duration) -> Result<String, Failure> {
    let url = resolved.token_url.as_str();
    // The scope the client sends: floe's dbt plugin falls back to PRINCIPAL_ROLE:ALL, PyIceberg
    // (Generation B) to `catalog`.
    let form: Vec<(&str, &str)> = vec![
        ("grant_type", "client_credentials"),
        ("client_id", resolved.client_id.expose()),
        ("client_secret", resolved.client_secret.expose()),
        ("scope", resolved.sent_scope()),
    ];
    let mut response = agent(timeout)
        .post(url)
        .send_form(form)
        .map_err(|e| transport_failure("token", url, &e, timeout))?;
    let status = response.status().as_u16();
    match status {
        200 => {
            let body = json_body("token", url, &mut response, timeout)?;
            body.get("access_token")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| {
                    fail(
                        "token: the token response has no access_token",
                        format!(
                            "check that {} is the catalog's token endpoint",
                            resolved.key(Setting::TokenUrl)
                        ),
                    )
                })
        }
        400 | 401 | 403 => {
            let body = json_body("token", url, &mut response, timeout).ok();
            let error = body
                .as_ref()
                .and_then(|b| b.get("error"))
                .and_then(Value::as_str)
                .unwrap_or("");
            if error == "invalid_scope" {
                Err(scope_rejected(resolved, status))
            } else {
                fail_err(
                    format!(
                        "token: the catalog rejected the client credentials (HTTP {status}{})",
                        if error.is_empty() {
                            String::new()
                        } else {
                            format!(", {error}")
                        }
                    ),
                    &format!("check {}", resolved.key(Setting::Credentials)),
                )
            }
        }
        404 => fail_err(
            format!(
                "token: {} does not exist (HTTP 404), so {} is not the catalog's token endpoint",
                redact::url(url),
                resolved.key(Setting::TokenUrl)
            ),
            &match resolved.client {
                Client::Runtime => "point `uri` at the Polaris catalog API root, e.g. https://polaris.example.com/api/catalog".to_owned(),
                Client::V1 => format!(
                    "point {} at the token endpoint, for Polaris <uri>/v1/oauth/tokens",
                    resolved.key(Setting::TokenUrl)
                ),
            },
        ),
        300..=399 => fail_err(
            format!(
                "token: {} redirects (HTTP {status}); floe's clients do not follow it",
                redact::url(url)
            ),
            &format!("use the final URL in {}", resolved.key(Setting::TokenUrl)),
        ),
        _ => fail_err(
            format!("token: unexpected HTTP {status} from {}", redact::url(url)),
            "check the catalog's logs",
        ),
    }
}

/// `invalid_scope`, with why that scope was sent.
fn scope_rejected(resolved: &Resolved, status: u16) -> Failure {
    let sent = resolved.sent_scope();
    let why = match (&resolved.scope, resolved.client) {
        (Some(_), _) => String::new(),
        (None, Client::Runtime) => " (floe's default when no scope is set)".into(),
        (None, Client::V1) => {
            " (PyIceberg's default: the Polaris plugin sends no scope when none is set, FL303)"
                .into()
        }
    };
    fail(
        format!(
            "token: the catalog rejected the scope `{sent}`{why} (HTTP {status}, invalid_scope)"
        ),
        format!(
            "set {} to a principal role this client has, e.g. PRINCIPAL_ROLE:DATA_ENGINEER",
            resolved.key(Setting::Scope)
        ),
    )
}

fn fail_err<T>(cause: String, fix: &str) -> Result<T, Failure> {
    Err(fail(cause, fix))
}

/// `GET <uri>/v1/config?warehouse=<warehouse>`: the warehouse exists; read the prefix.
pub fn config(resolved: &Resolved, token: &str, timeout: Duration) -> Result<String, Failure> {
    let url = format!("{}{CONFIG_PATH}", resolved.uri);
    let mut response = agent(timeout)
        .get(&url)
        .query("warehouse", &resolved.warehouse)
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .map_err(|e| transport_failure("config", &url, &e, timeout))?;
    let status = response.status().as_u16();
    match status {
        200 => {
            let body = json_body("config", &url, &mut response, timeout)?;
            let prefix = ["overrides", "defaults"]
                .iter()
                .find_map(|k| body.get(*k)?.get("prefix")?.as_str())
                .unwrap_or("")
                .to_owned();
            Ok(prefix)
        }
        404 => fail_err(
            format!(
                "config: the catalog does not know warehouse `{}` (HTTP 404)",
                resolved.warehouse
            ),
            &format!(
                "set {} to a catalog that exists in Polaris",
                resolved.key(Setting::Warehouse)
            ),
        ),
        401 | 403 => fail_err(
            format!(
                "config: the token is not allowed to read warehouse `{}` (HTTP {status})",
                resolved.warehouse
            ),
            &format!(
                "grant the principal role in {} access to this catalog",
                resolved.key(Setting::Scope)
            ),
        ),
        _ => fail_err(
            format!(
                "config: unexpected HTTP {status} from {}",
                redact::url(&url)
            ),
            "check the catalog's logs",
        ),
    }
}

fn encode(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `<uri>/v1[/<prefix>]`: where the catalog's namespaces are.
fn catalog_base(resolved: &Resolved, prefix: &str) -> String {
    if prefix.is_empty() {
        format!("{}/v1", resolved.uri)
    } else {
        format!("{}/v1/{}", resolved.uri, encode(prefix))
    }
}

/// A bearer-token GET whose 404 means "no such thing" (`Ok(None)`).
fn get_json(
    what: &str,
    url: &str,
    token: &str,
    timeout: Duration,
    denied: impl FnOnce(u16) -> Failure,
) -> Result<Option<Value>, Failure> {
    let mut response = agent(timeout)
        .get(url)
        .header("Authorization", format!("Bearer {token}"))
        .call()
        .map_err(|e| transport_failure(what, url, &e, timeout))?;
    let status = response.status().as_u16();
    match status {
        200 => json_body(what, url, &mut response, timeout).map(Some),
        404 => Ok(None),
        401 | 403 => Err(denied(status)),
        _ => fail_err(
            format!("{what}: unexpected HTTP {status} from {}", redact::url(url)),
            "check the catalog's logs",
        ),
    }
}

/// How many tables `namespace` (dots for levels) holds; `None` when it does not exist.
pub fn namespace_tables(
    resolved: &Resolved,
    prefix: &str,
    namespace: &str,
    token: &str,
    timeout: Duration,
) -> Result<Option<usize>, Failure> {
    // Multi-level namespaces are joined with the unit separator (0x1F) in REST paths.
    let path = namespace
        .split('.')
        .map(encode)
        .collect::<Vec<_>>()
        .join("%1F");
    let url = format!(
        "{}/namespaces/{path}/tables",
        catalog_base(resolved, prefix)
    );
    let body = get_json("namespace", &url, token, timeout, |status| {
        fail(
            format!("namespace: the token may not list `{namespace}` (HTTP {status})"),
            "grant the principal role access to the namespace",
        )
    })?;
    Ok(body.map(|body| {
        body.get("identifiers")
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }))
}

/// The warehouse's top-level namespaces (levels joined with dots), as PyIceberg's
/// `list_namespaces()` asks for them.
pub fn namespaces(
    resolved: &Resolved,
    prefix: &str,
    token: &str,
    timeout: Duration,
) -> Result<Vec<String>, Failure> {
    let url = format!("{}/namespaces", catalog_base(resolved, prefix));
    let denied = |status| {
        fail(
            format!(
                "namespace: the token may not list the namespaces of warehouse `{}` (HTTP {status})",
                resolved.warehouse
            ),
            "grant the principal role access to the catalog's namespaces",
        )
    };
    let Some(body) = get_json("namespace", &url, token, timeout, denied)? else {
        return fail_err(
            format!("namespace: {} does not exist (HTTP 404)", redact::url(&url)),
            "check that the catalog serves the Iceberg REST API at `uri`",
        );
    };
    Ok(body
        .get("namespaces")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_array)
                .map(|levels| {
                    levels
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(".")
                })
                .collect()
        })
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::insecure;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(insecure("http://127.0.0.1:8181/api/catalog", false).is_none());
        assert!(insecure("http://localhost/api/catalog", false).is_none());
        assert!(insecure("http://[::1]:8181/x", false).is_none());
        assert!(insecure("https://polaris.example.com/api/catalog", false).is_none());
        assert!(insecure("http://polaris.example.com/api/catalog", false).is_some());
        assert!(insecure("http://polaris.example.com/api/catalog", true).is_none());
        assert!(insecure("http://localhost.evil.com/x", false).is_some());
        // Only an address is loopback, not a name that starts like one.
        assert!(insecure("http://127.evil.com/x", false).is_some());
        assert!(insecure("HTTP://LOCALHOST:8181/x", false).is_none());
    }
}
