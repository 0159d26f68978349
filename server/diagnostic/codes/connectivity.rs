//! The connectivity family (FL8xx): results of checks against running services, reported by
//! `connect` (the language server shows the last failed "Verify connectivity" run).

use crate::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports, in the editor, the result of the last "Verify connectivity" run that failed: on
    /// the catalog profile in platform.yaml, with the failing step, its cause and the fix. It is
    /// cleared when a later run passes. (`floe-lint connect` prints the same report.)
    ///
    /// ## Why is this bad?
    /// The catalog cannot be reached, authenticated against or attached with the configured
    /// settings, so every dbt run against this environment will fail the same way.
    ///
    /// ## Example
    /// A `client_secret` whose secret_ref resolves to an old secret: the token step fails with
    /// "the catalog rejected the client credentials".
    ///
    /// ## Fix
    /// Follow the step's fix, then run "Verify connectivity" again.
    pub static UNREACHABLE = ("FL800", "catalog-unreachable", Connectivity, Error, "The last connectivity check of a catalog failed");
}
