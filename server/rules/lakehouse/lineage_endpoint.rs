use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::constants::OPENLINEAGE_PATH;
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::string_field;
use crate::rules::{Environment, Rule, Sink};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags an `observability.lineage_endpoint` that does not include the OpenLineage path
    /// `/api/v1/lineage`.
    ///
    /// ## Why is this bad?
    /// floe posts OpenLineage events to the endpoint as given. Marquez serves them at
    /// `/api/v1/lineage`; a bare host (`http://marquez:5000`, as some docs show) answers 404 and
    /// lineage is silently lost.
    ///
    /// ## Example
    /// ```yaml
    /// observability:
    ///   lineage_endpoint: "http://marquez:5000"
    /// ```
    ///
    /// ## Fix
    /// Use the full path: `http://marquez:5000/api/v1/lineage`.
    pub struct LineageEndpoint(META) = ("FL407", "lineage-endpoint-path", Lakehouse, Warning, "lineage_endpoint without /api/v1/lineage");
}

fn check(document: &Document, out: &mut Sink<'_>) {
    let Some(root) = &document.root else { return };
    let Some(observability) = root.get(key::OBSERVABILITY) else {
        return;
    };
    let Some((url, entry)) = string_field(&observability.value, key::LINEAGE_ENDPOINT) else {
        return;
    };
    if url.trim().is_empty() || url.contains(OPENLINEAGE_PATH) {
        return;
    }
    out.push(
        Diagnostic::new(
            &META,
            &document.file,
            entry.value.span,
            format!(
                "`{}` does not include the OpenLineage path `{OPENLINEAGE_PATH}`",
                key::LINEAGE_ENDPOINT
            ),
        )
        .with_help(format!(
            "use `{}{OPENLINEAGE_PATH}`",
            crate::secrets::redact::url(url.trim_end_matches('/'))
        )),
    );
}

impl Rule for LineageEndpoint {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        check(env.document, out);
    }

    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        check(floe, out);
    }
}
