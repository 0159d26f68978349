//! `floe-lint connect`: pick the environment and catalog, run the steps, print the report.

use std::path::PathBuf;
use std::time::Duration;

use super::args::{ConnectArgs, ConnectFormat};
use crate::connect::{self, Cancel, Request, plan};
use crate::workspace::Selection;

const EXIT_OK: i32 = 0;
const EXIT_FAILED: i32 = 1;
const EXIT_USAGE: i32 = 2;

pub fn run(args: &ConnectArgs) -> i32 {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let selection = Selection::from_env();
    let plan = match plan::plan(
        &path,
        args.env.as_deref(),
        args.platform.as_deref(),
        args.catalog.as_deref(),
        &selection,
    ) {
        Ok(plan) => plan,
        Err(message) => {
            eprintln!("floe-lint connect: {}", super::escape::text(&message));
            return EXIT_USAGE;
        }
    };
    let platform = match plan::load(&plan.platform) {
        Ok(document) => document,
        Err(message) => {
            eprintln!("floe-lint connect: {}", super::escape::text(&message));
            return EXIT_USAGE;
        }
    };
    let mut reports = Vec::new();
    for catalog in &plan.catalogs {
        let mut request = Request::new(&plan.environment, catalog);
        request.timeout = Duration::from_secs(args.timeout.max(1));
        request.extension_dir = args.duckdb_extension_dir.clone();
        request.allow_insecure_http = args.allow_insecure_http;
        if let Some(python) = args.python.as_ref().filter(|p| !p.as_os_str().is_empty()) {
            request.python = Some(python.clone());
        }

        reports.push(connect::run(
            &platform,
            &request,
            &Cancel::default(),
            &mut |_| {},
        ));
    }
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
