use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::constants::SENSOR_ASSET;
use crate::dialect::runtime::vocabulary as key;
use crate::model::suggest::did_you_mean;
use crate::model::suggest::{Listing, available};
use crate::rules::walk::{profiles, section, string_field};
use crate::rules::{Rule, Sink};
use crate::syntax::{Document, Node};

declare_rule! {
    /// ## What it does
    /// Checks that every job reference in `orchestration` names a key of `orchestration.jobs`:
    /// `schedules.*.job`, `sensors.*.job`, `backfills.*.job` and the `watched_jobs` of
    /// `run_status` sensors.
    ///
    /// ## Why is this bad?
    /// floe's schema accepts any identifier; the Dagster loader fails when the code location
    /// loads ("Schedule 'x' references unknown job 'y'. Available jobs: [...]"), after deploy.
    ///
    /// ## Example
    /// ```yaml
    /// orchestration:
    ///   jobs:
    ///     nightly: {type: batch, selection: ["group:bronze"]}
    ///   schedules:
    ///     every_night: {job: nighlty, cron_schedule: "0 2 * * *"}
    /// ```
    ///
    /// ## Fix
    /// Use the name of a defined job.
    pub struct UnknownJob(UNKNOWN_JOB) = ("FL500", "unknown-job", Reference, Error, "An orchestration reference to a job that is not defined");
}

declare_rule! {
    /// ## What it does
    /// Flags an `asset_sensor` whose `watched_assets` does not hold exactly one asset.
    ///
    /// ## Why is this bad?
    /// The schema allows a list, but floe's sensor loader fails at load time: "Asset sensor 'x'
    /// must watch exactly one asset. Got 2 assets: [...]".
    ///
    /// ## Example
    /// ```yaml
    /// sensors:
    ///   on_orders:
    ///     type: asset_sensor
    ///     job: nightly
    ///     watched_assets: [orders, customers]
    /// ```
    ///
    /// ## Fix
    /// Watch one asset per sensor; add a sensor for each further asset.
    pub struct AssetSensorOneAsset(ASSET_SENSOR) = ("FL504", "asset-sensor-watches-one-asset", Reference, Error, "An asset sensor that does not watch exactly one asset");
}

fn check_reference(
    document: &Document,
    node: &Node,
    jobs: &[String],
    message: impl FnOnce(&str) -> String,
    out: &mut Sink<'_>,
) {
    let Some(job) = node.as_str() else { return };
    if jobs.iter().any(|j| j == job) {
        return;
    }
    let mut diagnostic = Diagnostic::new(&UNKNOWN_JOB, &document.file, node.span, message(job));
    if let Some(best) = did_you_mean(job, jobs) {
        diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
    }
    out.push(diagnostic);
}

impl Rule for UnknownJob {
    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        let Some(orchestration) = floe.root.as_ref().and_then(|r| r.get(key::ORCHESTRATION)) else {
            return;
        };
        let orchestration = &orchestration.value;
        let jobs: Vec<String> = section(orchestration, key::JOBS)
            .iter()
            .filter_map(|e| e.key.key_text())
            .collect();
        let listed = |j: &str| available(j, &jobs, Listing::Python);
        for (kind, field) in [
            ("Schedule", key::SCHEDULES),
            ("Sensor", key::SENSORS),
            ("Backfill", key::BACKFILLS),
        ] {
            for (name, entry) in profiles(orchestration, field) {
                if let Some(job) = entry.value.get(key::JOB) {
                    check_reference(
                        floe,
                        &job.value,
                        &jobs,
                        |j| {
                            format!(
                                "{kind} '{name}' references unknown job '{j}'. Available jobs: {}",
                                listed(j)
                            )
                        },
                        out,
                    );
                }
                if let Some(watched) = entry
                    .value
                    .get(key::WATCHED_JOBS)
                    .and_then(|w| w.value.as_sequence())
                {
                    for item in watched {
                        check_reference(
                            floe,
                            item,
                            &jobs,
                            |j| {
                                format!(
                                    "Sensor '{name}' watches unknown job '{j}'. Available jobs: {}",
                                    listed(j)
                                )
                            },
                            out,
                        );
                    }
                }
            }
        }
    }
}

impl Rule for AssetSensorOneAsset {
    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        let Some(orchestration) = floe.root.as_ref().and_then(|r| r.get(key::ORCHESTRATION)) else {
            return;
        };
        for (name, sensor) in profiles(&orchestration.value, key::SENSORS) {
            if string_field(&sensor.value, key::TYPE).map(|(t, _)| t) != Some(SENSOR_ASSET) {
                continue;
            }
            let Some(watched) = sensor.value.get(key::WATCHED_ASSETS) else {
                continue;
            };
            let Some(items) = watched.value.as_sequence() else {
                continue;
            };
            // An empty list is the schema's finding (min 1 item).
            if items.len() > 1 {
                let names: Vec<String> = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect();
                out.push(Diagnostic::new(
                    &ASSET_SENSOR,
                    &floe.file,
                    watched.value.span,
                    format!(
                        "Asset sensor '{name}' must watch exactly one asset. Got {} assets: {}",
                        items.len(),
                        super::python_list(&names)
                    ),
                ));
            }
        }
    }
}
