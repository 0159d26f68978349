//! Language-server tests against the real `floe-lint lsp` binary over stdio, one module per
//! capability.

mod client;
mod code_actions;
mod completion;
mod connectivity;
mod diagnostics;
mod endurance;
mod generation_b;
mod generation_b_completion;
mod generation_b_navigation;
mod generation_b_session;
mod hover;
mod keys;
mod navigation;
mod replay;
mod robustness;
mod settings;
#[path = "../common/standin.rs"]
mod standin;

use std::path::PathBuf;

use serde_json::{Value, json};

pub const FLOE: &str =
    "name: orders\nversion: \"1.0.0\"\nstorage: default\ncatalog: lakehouse\ncompute: default\n";
pub const LOCAL: &str = "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncatalogs:\n  lakehouse:\n    uri: \"http://localhost:8181/api/catalog\"\n    warehouse: lake\n    credentials:\n      mode: oauth2\n      client_id: {secret_ref: polaris-client-id}\n      client_secret: {secret_ref: polaris-client-secret}\n      scope: \"PRINCIPAL_ROLE:ALL\"\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: /tmp/floe.duckdb\n";
pub const PROD: &str = "version: \"1.2.0\"\nstorage:\n  default:\n    bucket: lake\ncatalogs:\n  lakehouse:\n    uri: \"https://polaris.example.com/api/catalog\"\n    warehouse: lake\n    credentials:\n      mode: oauth2\n      client_id: {secret_ref: polaris-client-id}\n      client_secret: {secret_ref: polaris-client-secret}\n      scope: \"PRINCIPAL_ROLE:DATA_ENGINEER\"\ncompute:\n  default:\n    type: duckdb\n    properties:\n      path: /tmp/floe.duckdb\n";

/// A project on disk: floe.yaml with local and prod environments.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

#[allow(clippy::new_without_default)]
impl Fixture {
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fixture.write("floe.yaml", FLOE);
        fixture.write("platform/local/platform.yaml", LOCAL);
        fixture.write("platform/prod/platform.yaml", PROD);
        fixture
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn start(&self) -> client::Client {
        self.start_with(json!({}), Value::Null).0
    }

    pub fn start_with(&self, capabilities: Value, options: Value) -> (client::Client, Value) {
        client::Client::start(self.dir.path(), capabilities, options)
    }
}

/// Client capabilities of an editor that expands snippets in completion items.
pub static SNIPPETS: std::sync::LazyLock<Value> = std::sync::LazyLock::new(
    || json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}}),
);

/// A position `(line, character)` as JSON.
pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}
