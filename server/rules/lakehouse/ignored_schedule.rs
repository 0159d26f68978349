use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::vocabulary as v1;
use crate::rules::walk::string_field;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;
use crate::syntax::pydantic;

declare_rule! {
    /// ## What it does
    /// Notes a `schedule` with a `cron` in a Generation B floe.yaml (`kind: FloeSpec`), unless
    /// it says `enabled: false`.
    ///
    /// ## Why is this bad?
    /// Upstream validates `schedule` and then drops it: CompiledArtifacts has no field for it,
    /// so no orchestrator ever sees this cron and the product does not run on it. (Dagster's
    /// plugin has a hard-coded ten-minute demo schedule, and the `floe-jobs` Helm chart a
    /// `schedule` value of its own; neither reads floe.yaml.) The file is valid, which is why
    /// this is a note, not a warning: nothing in it is wrong, but it does not do what it says.
    ///
    /// ## Example
    /// ```yaml
    /// schedule:
    ///   cron: "0 6 * * *"
    ///   timezone: Europe/Paris
    /// ```
    ///
    /// ## Fix
    /// Schedule the product where your deployment runs it (for example the `floe-jobs` chart's
    /// `schedule`, which makes a Kubernetes CronJob). Keep `schedule` in floe.yaml if it
    /// documents the intent; ignore this rule for the file once the real schedule is in place.
    pub struct IgnoredSchedule(META) = ("FL410", "ignored-schedule", Lakehouse, Info, "A Generation B product `schedule` that nothing reads");
}

impl Rule for IgnoredSchedule {
    fn spec(&self, spec: &Document, out: &mut Sink<'_>) {
        let Some(schedule) = spec.root.as_ref().and_then(|root| root.get(v1::SCHEDULE)) else {
            return;
        };
        let Some((cron, _)) = string_field(&schedule.value, v1::CRON) else {
            return;
        };
        let disabled = schedule
            .value
            .get(v1::ENABLED)
            .is_some_and(|e| pydantic::bool_value(&e.value) == Some(false));
        if cron.trim().is_empty() || disabled {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                &spec.file,
                schedule.key.span,
                format!(
                    "`{}` is validated and then dropped by `floe platform compile`: no orchestrator reads this cron (`{}`), so the product does not run on it",
                    v1::SCHEDULE,
                    cron.trim()
                ),
            )
            .with_help("schedule the product where your deployment runs it (e.g. the floe-jobs Helm chart's `schedule` value, a Kubernetes CronJob)"),
        );
    }
}
