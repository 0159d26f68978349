//! What an empty file is offered: a minimal valid file of its kind to start from. An empty
//! floe.yaml is offered both generations' (its content will say which it is).

use tower_lsp_server::ls_types::{CompletionItem, Range};

use super::items::{self, Style};
use crate::model::FileKind;

// `\t` is one level of the file's indentation.
const FLOE_SNIPPET: &str = "name: ${1:my-pipeline}\nversion: \"${2:1.0.0}\"\nstorage: ${3:default}\ncatalog: ${4:default}\ncompute: ${5:default}\n$0";
const FLOE_PLAIN: &str =
    "name: my-pipeline\nversion: \"1.0.0\"\nstorage: default\ncatalog: default\ncompute: default\n";
const PLATFORM_SNIPPET: &str = "version: \"1.2.0\"\nstorage:\n\t${1:default}:\n\t\tbucket: ${2:my-bucket}\ncatalogs:\n\t${3:default}:\n\t\turi: \"${4:http://polaris:8181/api/catalog}\"\n\t\twarehouse: ${5:my-warehouse}\n\t\tcredentials:\n\t\t\tmode: oauth2\n\t\t\tclient_id: {secret_ref: ${6:polaris-client-id}}\n\t\t\tclient_secret: {secret_ref: ${7:polaris-client-secret}}\n\t\t\tscope: \"${8:PRINCIPAL_ROLE:ALL}\"\ncompute:\n\t${9:default}:\n\t\ttype: duckdb\n\t\tproperties:\n\t\t\tpath: ${10:/tmp/floe.duckdb}\n$0";
const PLATFORM_PLAIN: &str = "version: \"1.2.0\"\nstorage:\n\tdefault:\n\t\tbucket: my-bucket\ncatalogs:\n\tdefault:\n\t\turi: \"http://polaris:8181/api/catalog\"\n\t\twarehouse: my-warehouse\n\t\tcredentials:\n\t\t\tmode: oauth2\n\t\t\tclient_id: {secret_ref: polaris-client-id}\n\t\t\tclient_secret: {secret_ref: polaris-client-secret}\n\t\t\tscope: \"PRINCIPAL_ROLE:ALL\"\ncompute:\n\tdefault:\n\t\ttype: duckdb\n\t\tproperties:\n\t\t\tpath: /tmp/floe.duckdb\n";

const FLOE_SPEC_SNIPPET: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n\tname: ${1:my-product}\n\tversion: \"${2:1.0.0}\"\ntransforms:\n\t- name: ${3:stg_orders}\n$0";
const FLOE_SPEC_PLAIN: &str = "apiVersion: floe.dev/v1\nkind: FloeSpec\nmetadata:\n\tname: my-product\n\tversion: \"1.0.0\"\ntransforms:\n\t- name: stg_orders\n";
const MANIFEST_SNIPPET: &str = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n\tname: ${1:my-platform}\n\tversion: \"${2:1.0.0}\"\n\towner: ${3:platform-team}\nplugins:\n\tcompute:\n\t\ttype: duckdb\n\torchestrator:\n\t\ttype: dagster\n$0";
const MANIFEST_PLAIN: &str = "apiVersion: floe.dev/v1\nkind: Manifest\nmetadata:\n\tname: my-platform\n\tversion: \"1.0.0\"\n\towner: platform-team\nplugins:\n\tcompute:\n\t\ttype: duckdb\n\torchestrator:\n\t\ttype: dagster\n";

pub fn items(kind: FileKind, style: Style, replace: Range) -> Vec<CompletionItem> {
    let mut out = vec![item(kind, style, replace)];
    if kind == FileKind::Floe {
        out.push(item(FileKind::FloeSpec, style, replace));
    }
    out
}

fn item(kind: FileKind, style: Style, replace: Range) -> CompletionItem {
    let (label, snippet, plain) = match kind {
        FileKind::Floe => ("floe.yaml skeleton", FLOE_SNIPPET, FLOE_PLAIN),
        FileKind::Platform => ("platform.yaml skeleton", PLATFORM_SNIPPET, PLATFORM_PLAIN),
        FileKind::FloeSpec => (
            "floe.yaml (floe.dev/v1) skeleton",
            FLOE_SPEC_SNIPPET,
            FLOE_SPEC_PLAIN,
        ),
        FileKind::Manifest => ("manifest.yaml skeleton", MANIFEST_SNIPPET, MANIFEST_PLAIN),
    };
    items::skeleton(label, snippet, plain, style, replace)
}
