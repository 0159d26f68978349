//! `floe-lint connect`: pick the environment and catalog, run the steps, print the report.

use std::path::PathBuf;
use std::time::Duration;

use super::args::{ConnectArgs, ConnectFormat};
use super::profiles_v1::configured_manifest;
use crate::connect::{self, Cancel, Request, plan};
use crate::workspace::Selection;

const EXIT_OK: i32 = 0;
const EXIT_FAILED: i32 = 1;
const EXIT_USAGE: i32 = 2;

pub fn run(args: &ConnectArgs) -> i32 {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let usage = |message: &str| {
        eprintln!("floe-lint connect: {}", super::escape::text(message));
        EXIT_USAGE
    };
    let mut selection = Selection::from_env();
    selection.manifest = match configured_manifest(args.manifest.as_deref(), &path) {
        Ok(manifest) => manifest,
        Err(message) => return usage(&message),
    };
    let options = plan::Options {
        env: args.env.as_deref(),
        platform: args.platform.as_deref(),
        catalog: args.catalog.as_deref(),
    };
    let plan = match plan::plan(&path, options, &selection) {
        Ok(plan) => plan,
        Err(message) => return usage(&message),
    };
    let document = match crate::workspace::load(&plan.file) {
        Ok(document) => document,
        Err(message) => return usage(&message),
    };
    let mut request = Request {
        timeout: Duration::from_secs(args.timeout.max(1)),
        extension_dir: args.duckdb_extension_dir.clone(),
        allow_insecure_http: args.allow_insecure_http,
        ..Request::default()
    };
    if let Some(python) = args.python.as_ref().filter(|p| !p.as_os_str().is_empty()) {
        request.python = Some(python.clone());
    }
    let reports: Vec<connect::Report> = plan
        .subjects
        .iter()
        .map(|subject| {
            connect::run(
                &document,
                subject,
                &request,
                &Cancel::default(),
                &mut |_| {},
            )
        })
        .collect();
    match args.format {
        // Causes quote what servers answered: control characters made visible.
        ConnectFormat::Human => reports
            .iter()
            .for_each(|r| print!("{}", super::escape::text(&r.to_human()))),
        ConnectFormat::Json => {
            let value = match reports.as_slice() {
                [one] => one.to_json(),
                many => {
                    serde_json::json!({"version": 1, "reports": many.iter().map(|r| r.to_json()).collect::<Vec<_>>()})
                }
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
    }
    if reports.iter().all(connect::Report::passed) {
        EXIT_OK
    } else {
        EXIT_FAILED
    }
}
