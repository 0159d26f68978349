//! `floe-lint connect` against hostile catalogs: a server that trickles its answer (slowloris), a
//! plain-HTTP port spoken to over TLS, a redirect loop, a 100 MB body, malformed JSON. Each must
//! fail its step within the timeout, with a cause that says what happened.
//!
//! The servers here are TEST DOUBLES: a few lines of std TCP each, because no real catalog can be
//! made to misbehave on cue. (The happy paths run against the Polaris stand-in in tests/connect.rs.)

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use common::Project;
use serde_json::Value;

/// How a hostile server answers one request, given its request line.
type Behaviour = fn(&str, &mut TcpStream);

/// Starts a server on 127.0.0.1 that answers every connection with `behaviour`; returns its port.
/// The listener thread lives until the test process ends.
fn serve(behaviour: Behaviour) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || {
                let mut stream = stream;
                if let Some(request_line) = read_request(&mut stream) {
                    behaviour(&request_line, &mut stream);
                }
            });
        }
    });
    port
}

/// Reads one HTTP request (headers and a Content-Length body); returns its request line.
fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(request_line)
}

fn respond(stream: &mut TcpStream, status: &str, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// The status line, then one header byte every 200 ms, forever.
fn slowloris(_: &str, stream: &mut TcpStream) {
    if stream.write_all(b"HTTP/1.1 200 OK\r\n").is_err() {
        return;
    }
    for byte in b"X-Padding: ".iter().chain(std::iter::repeat(&b'a')) {
        thread::sleep(Duration::from_millis(200));
        if stream.write_all(&[*byte]).is_err() {
            return;
        }
    }
}

/// Headers promptly, then the body one byte every 200 ms.
fn slow_body(_: &str, stream: &mut TcpStream) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"access_token\": \"";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    loop {
        thread::sleep(Duration::from_millis(200));
        if stream.write_all(b"a").is_err() {
            return;
        }
    }
}

fn redirect_loop(_: &str, stream: &mut TcpStream) {
    let _ = stream.write_all(
        b"HTTP/1.1 302 Found\r\nLocation: /api/catalog/v1/oauth/tokens\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// A 100 MB JSON body, streamed until the client hangs up.
fn huge_body(_: &str, stream: &mut TcpStream) {
    let size = 100 * 1024 * 1024;
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n["
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let chunk = vec![b' '; 64 * 1024];
    let mut sent = 1;
    while sent < size {
        if stream.write_all(&chunk).is_err() {
            return;
        }
        sent += chunk.len();
    }
}

fn malformed_token(_: &str, stream: &mut TcpStream) {
    respond(
        stream,
        "200 OK",
        "{\"access_token\": \"abc\", \"token_type\": ",
    );
}

/// A good token, then a config answer cut off in the middle.
fn malformed_config(request_line: &str, stream: &mut TcpStream) {
    if request_line.starts_with("POST") {
        respond(
            stream,
            "200 OK",
            r#"{"access_token": "abc", "token_type": "bearer", "expires_in": 3600}"#,
        );
    } else {
        respond(stream, "200 OK", "{\"defaults\": {\"prefix\": \"w");
    }
}

/// A plain-HTTP server that answers anything, even a TLS ClientHello, with an HTTP response.
fn plain_http(_: &str, stream: &mut TcpStream) {
    respond(stream, "400 Bad Request", "{}");
}

/// Serves `plain_http` without first parsing a request (a TLS ClientHello is not one).
fn serve_plain() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || {
                let mut stream = stream;
                let mut hello = [0u8; 512];
                let _ = stream.read(&mut hello);
                plain_http("", &mut stream);
            });
        }
    });
    port
}

fn project(uri: &str) -> Project {
    let project = Project::new();
    project
        .write("floe.yaml", "name: orders\nversion: \"1\"\ncatalog: lake\n")
        .write(
            "platform/local/platform.yaml",
            format!(
                "catalogs:\n  lake:\n    uri: \"{uri}\"\n    warehouse: w\n    namespace: demo\n    credentials:\n      mode: oauth2\n      client_id: {{secret_ref: polaris-client-id}}\n      client_secret: {{secret_ref: polaris-client-secret}}\n      scope: \"PRINCIPAL_ROLE:ALL\"\n"
            ),
        );
    project
}

const TIMEOUT_SECS: u64 = 2;

/// Runs `floe-lint connect` (timeout 2 s) against `uri`; returns the failed step, its cause and
/// how long the whole run took.
fn connect(uri: &str) -> (String, String, Duration) {
    let project = project(uri);
    let started = Instant::now();
    let output = common::floe_lint()
        .current_dir(project.path())
        .args(["connect", "--format", "json", "--timeout"])
        .arg(TIMEOUT_SECS.to_string())
        .arg("--duckdb-extension-dir")
        .arg(project.path().join("no-extensions"))
        .env("POLARIS_CLIENT_ID", "client")
        .env("POLARIS_CLIENT_SECRET", "hostile-test-secret-value")
        .env("FLOE_SECRETS_DIR", project.path().join("no-secrets"))
        .output()
        .expect("run floe-lint connect");
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        !text.contains("hostile-test-secret-value")
            && !String::from_utf8_lossy(&output.stderr).contains("hostile-test-secret-value"),
        "the secret was printed"
    );
    assert_eq!(output.status.code(), Some(1), "{text}");
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let failed = json["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["status"] == "failed")
        .unwrap_or_else(|| panic!("no failed step: {json:#}"));
    (
        failed["name"].as_str().unwrap_or("").to_owned(),
        failed["cause"].as_str().unwrap_or("").to_owned(),
        elapsed,
    )
}

/// The run ended within the timeout plus process start-up and slack.
fn bounded(elapsed: Duration) {
    assert!(
        elapsed < Duration::from_secs(TIMEOUT_SECS + 8),
        "took {elapsed:?} with a {TIMEOUT_SECS} s timeout"
    );
}

#[test]
fn a_server_trickling_headers_or_body_fails_at_the_timeout() {
    for behaviour in [slowloris as Behaviour, slow_body] {
        let port = serve(behaviour);
        let (step, cause, elapsed) = connect(&format!("http://127.0.0.1:{port}/api/catalog"));
        assert_eq!(step, "token", "{cause}");
        assert!(
            cause.contains("no answer from") && cause.contains("within 2 s"),
            "{cause}"
        );
        assert!(elapsed >= Duration::from_secs(TIMEOUT_SECS), "{elapsed:?}");
        bounded(elapsed);
    }
}

#[test]
fn tls_to_a_plain_http_port_fails_the_handshake() {
    let port = serve_plain();
    let (step, cause, elapsed) = connect(&format!("https://127.0.0.1:{port}/api/catalog"));
    assert_eq!(step, "token", "{cause}");
    assert!(cause.contains("TLS handshake"), "{cause}");
    bounded(elapsed);
}

#[test]
fn a_redirect_loop_is_not_followed() {
    let port = serve(redirect_loop);
    let (step, cause, elapsed) = connect(&format!("http://127.0.0.1:{port}/api/catalog"));
    assert_eq!(step, "token", "{cause}");
    assert!(cause.contains("redirects (HTTP 302)"), "{cause}");
    bounded(elapsed);
}

#[test]
fn a_hundred_megabyte_body_is_cut_off_at_the_limit() {
    let port = serve(huge_body);
    let (step, cause, elapsed) = connect(&format!("http://127.0.0.1:{port}/api/catalog"));
    assert_eq!(step, "token", "{cause}");
    assert!(cause.contains("is larger than 4194304 bytes"), "{cause}");
    bounded(elapsed);
}

#[test]
fn malformed_json_fails_the_step_that_received_it() {
    let port = serve(malformed_token);
    let (step, cause, elapsed) = connect(&format!("http://127.0.0.1:{port}/api/catalog"));
    assert_eq!(step, "token", "{cause}");
    assert!(cause.contains("a body that is not JSON"), "{cause}");
    bounded(elapsed);

    let port = serve(malformed_config);
    let (step, cause, elapsed) = connect(&format!("http://127.0.0.1:{port}/api/catalog"));
    assert_eq!(step, "config", "{cause}");
    assert!(cause.contains("a body that is not JSON"), "{cause}");
    bounded(elapsed);
}
