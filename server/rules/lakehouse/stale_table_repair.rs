use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::dialect::v1::vocabulary as v1;
use crate::rules::edit::{fix, replace_scalar};
use crate::rules::walk::string_field;
use crate::rules::{Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags `governance.stale_table_recovery_mode: repair` in a Generation B manifest.
    ///
    /// ## Why is this bad?
    /// The mode decides what the runtime's Iceberg export does with a catalog table whose
    /// registration points at metadata files that are missing. `strict` (the default) fails the
    /// run, so someone looks at why the metadata vanished (a wrong bucket or endpoint, a
    /// cleanup job, a storage outage). `repair` drops the registration and creates the table
    /// anew from this run's data: the table's snapshots and time travel are gone, and the
    /// cause is hidden behind a log warning ("Repairing stale Iceberg table registration").
    /// Upstream's own field description says "Production manifests should normally use
    /// strict", and its demo manifest, which uses `repair`, says the same in a comment. A
    /// manifest serves every environment, so a demo setting reaches production.
    ///
    /// ## Example
    /// ```yaml
    /// governance:
    ///   stale_table_recovery_mode: repair
    /// ```
    ///
    /// ## Fix
    /// Remove the setting (the runtime's default is `strict`) or write `strict`.
    /// `--unsafe-fixes` writes `strict` (unsafe: a stale registration then fails the run).
    pub struct StaleTableRepair(META) = ("FL409", "stale-table-repair", Lakehouse, Warning, "Stale Iceberg tables are dropped and recreated (`stale_table_recovery_mode: repair`)", fix: Always);
}

impl Rule for StaleTableRepair {
    fn manifest(&self, manifest: &Document, out: &mut Sink<'_>) {
        let mode = manifest
            .root
            .as_ref()
            .and_then(|root| root.get(v1::GOVERNANCE))
            .and_then(|g| string_field(&g.value, v1::STALE_TABLE_RECOVERY_MODE));
        let Some((value, entry)) = mode else {
            return;
        };
        if value != v1::RECOVERY_REPAIR {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                &manifest.file,
                entry.value.span,
                format!(
                    "`{}.{}: {}` drops a table whose Iceberg metadata is missing and recreates it from the current run: its snapshots and history are lost and the cause goes unnoticed",
                    v1::GOVERNANCE,
                    v1::STALE_TABLE_RECOVERY_MODE,
                    v1::RECOVERY_REPAIR
                ),
            )
            .with_help(format!(
                "use `{}` (the default) outside demos and tests: a stale registration then fails the run, so its cause gets found",
                v1::RECOVERY_STRICT
            ))
            .with_fix(fix(
                format!("Use `{}`", v1::RECOVERY_STRICT),
                Applicability::Unsafe,
                vec![replace_scalar(manifest, &entry.value, v1::RECOVERY_STRICT)],
            )),
        );
    }
}
