//! The "Verify connectivity" command: runs the connectivity steps off the request path, reporting
//! each through `$/progress`; cancelling the request stops the run. Failures become FL800
//! diagnostics on the catalog until a later run passes.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, NumberOrString};

use super::commands::file_argument;
use super::state::lock;
use super::{Backend, internal};
use crate::connect;
use crate::diagnostic::Diagnostic;

/// Cancels a connectivity run when the request that started it is dropped (`$/cancelRequest`).
struct CancelOnDrop(connect::Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

pub async fn verify(backend: &Backend, params: ExecuteCommandParams) -> Result<Option<Value>> {
    let path = file_argument(&params)?;
    let (selection, environment) = {
        let state = lock(&backend.state);
        let (selection, _, _) = state.options_for(&path);
        (selection, state.settings.environment.clone())
    };
    let options = connect::plan::Options {
        env: environment.as_deref(),
        ..Default::default()
    };
    let plan = connect::plan::plan(&path, options, &selection).map_err(Error::invalid_params)?;
    let document = crate::workspace::load(&plan.file).map_err(internal)?;
    let client = &backend.client;
    let token = params
        .work_done_progress_params
        .work_done_token
        .clone()
        .unwrap_or_else(|| {
            NumberOrString::String(format!("floe-lint-connect-{}", std::process::id()))
        });
    if params.work_done_progress_params.work_done_token.is_none() {
        let _ = client.create_work_done_progress(token.clone()).await;
    }
    let progress = client
        .progress(token, "floe-lint: verify connectivity")
        .with_percentage(0)
        .begin()
        .await;
    let cancel = connect::Cancel::default();
    // Dropping this future (a cancelled request) cancels the run.
    let _guard = CancelOnDrop(cancel.clone());
    let mut reports = Vec::new();
    let total = plan.subjects.len() * connect::STEPS.len();
    let mut done = 0usize;
    for subject in &plan.subjects {
        let label = subject.label();
        let (steps, mut received) = tokio::sync::mpsc::unbounded_channel::<connect::Step>();
        let (document, subject, run_cancel) = (document.clone(), subject.clone(), cancel.clone());
        let mut task = tokio::task::spawn_blocking(move || {
            let request = connect::Request::default();
            connect::run(&document, &subject, &request, &run_cancel, &mut |step| {
                let _ = steps.send(step.clone());
            })
        });
        let report = loop {
            tokio::select! {
                Some(step) = received.recv() => {
                    done += 1;
                    let percent = u32::try_from(100 * done / total.max(1)).unwrap_or(100);
                    progress.report_with_message(format!("{label}: {} {}", step.name, step.status.as_str()), percent).await;
                }
                result = &mut task => break result.map_err(|e| internal(e.to_string()))?,
            }
        };
        reports.push(report);
    }
    let passed = reports.iter().all(connect::Report::passed);
    progress
        .finish_with_message(if passed {
            "connectivity verified"
        } else {
            "connectivity check failed"
        })
        .await;
    let findings: Vec<Diagnostic> = reports
        .iter()
        .filter_map(|r| connect::diagnostic(&document, r))
        .collect();
    {
        let mut state = lock(&backend.state);
        if findings.is_empty() {
            state.connectivity.remove(&plan.file);
        } else {
            state.connectivity.insert(plan.file.clone(), findings);
        }
    }
    backend.queue.push(plan.file.clone());
    let value = match reports.as_slice() {
        [one] => one.to_json(),
        many => {
            serde_json::json!({"version": 1, "reports": many.iter().map(|r| r.to_json()).collect::<Vec<_>>()})
        }
    };
    Ok(Some(value))
}
