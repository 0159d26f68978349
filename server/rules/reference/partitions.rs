use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::vocabulary as key;
use crate::model::suggest::did_you_mean;
use crate::model::suggest::{Listing, available};
use crate::rules::walk::{profiles, section, string_field};
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Checks that `orchestration.assets.*.partitions` names a key of
    /// `orchestration.partitions`.
    ///
    /// ## Why is this bad?
    /// floe documents the reference as required to exist but never checks it; the asset is
    /// loaded without the partitioning you asked for, or fails when Dagster builds it.
    ///
    /// ## Example
    /// ```yaml
    /// orchestration:
    ///   partitions:
    ///     daily: {type: time_window, start: "2024-01-01", cron_schedule: "0 0 * * *"}
    ///   assets:
    ///     "bronze_*": {partitions: dialy}
    /// ```
    ///
    /// ## Fix
    /// Use the name of a defined partition.
    pub struct UnknownPartition(META) = ("FL501", "unknown-partition", Reference, Warning, "An asset that refers to a partition that is not defined");
}

impl Rule for UnknownPartition {
    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        let Some(orchestration) = floe.root.as_ref().and_then(|r| r.get(key::ORCHESTRATION)) else {
            return;
        };
        let orchestration = &orchestration.value;
        let partitions: Vec<String> = section(orchestration, key::PARTITIONS)
            .iter()
            .filter_map(|e| e.key.key_text())
            .collect();
        for (pattern, asset) in profiles(orchestration, key::ASSETS) {
            let Some((name, entry)) = string_field(&asset.value, key::PARTITIONS) else {
                continue;
            };
            if partitions.iter().any(|p| p == name) {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                &META,
                &floe.file,
                entry.value.span,
                format!(
                    "Assets '{pattern}' reference unknown partition '{name}'. Available partitions: {}",
                    available(name, &partitions, Listing::Python)
                ),
            );
            if let Some(best) = did_you_mean(name, &partitions) {
                diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
            }
            out.push(diagnostic);
        }
    }
}
