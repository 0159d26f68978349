//! What `floe platform compile` checks on the manifest's `plugins.compute` on its way to the dbt
//! profile (spec §6.2, §6.3, §7.2), FL230–FL234: the compute plugin must exist, `ComputeConfig`'s
//! ranges, DuckDB's `generate_dbt_profile` failures, the keys that plugin drops without a word,
//! and the one setting it writes that dbt-duckdb cannot apply (`access_mode`). Upstream reports
//! the first failure as "Compilation failed" with no place; these report every one at the value
//! that causes it. The reading is `profiles::v1`'s, shared with the profiles.yml preview, so a
//! finding here is exactly why the preview fails.

pub mod access_mode;
pub mod dropped;
pub mod plugin;
pub mod profile;
pub mod range;

use crate::diagnostic::Diagnostic;
use crate::profiles::v1::{Issue, IssueKind, resolve};
use crate::rules::Sink;
use crate::syntax::Document;

/// The compute issues of `kind` in `manifest`, each made a finding by `finding`.
fn report(
    manifest: &Document,
    kind: IssueKind,
    finding: impl Fn(&Issue) -> Diagnostic,
    out: &mut Sink<'_>,
) {
    // The checks do not depend on the product: the placeholders stay as written.
    let resolved = resolve(manifest, None);
    out.extend(
        resolved
            .issues
            .iter()
            .filter(|issue| issue.kind == kind)
            .map(finding),
    );
}
