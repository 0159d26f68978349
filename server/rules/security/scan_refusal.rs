use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink};
use crate::secrets::scan::{Scope, Verdict, scan};
use crate::syntax::Document;

declare_rule! {
    /// ## What it does
    /// Flags a value in floe.yaml that is evidently not a credential (a git commit SHA or
    /// checksum under a key that says so, a `sha256:` digest, a bucket name with a random
    /// suffix) but that upstream's credential scan reports as one: `floe validate` and
    /// `floe compile` run Yelp detect-secrets over floe.yaml's text, and its entropy plugins
    /// take such values for a `Hex High Entropy String` or a `Base64 High Entropy String`.
    ///
    /// ## Why is this bad?
    /// The value is harmless, so floe-lint does not call it a credential (`FL300`), but floe
    /// refuses the whole file at the first detect-secrets finding ("Field 'file 'floe.yaml''
    /// contains a potential credential (Hex High Entropy String)"), so the pipeline does not
    /// deploy until the line is changed.
    ///
    /// ## Example
    /// ```yaml
    /// observability:
    ///   attributes:
    ///     git.commit: "9fceb02d0ae598e95dc970b74767f19372d61af8"
    /// ```
    ///
    /// ## Fix
    /// Add `# pragma: allowlist secret` at the end of the line (detect-secrets skips lines that
    /// carry it), or set the value at deploy time instead of in floe.yaml. A key ending in `_id`
    /// (`commit_id`) is also skipped by detect-secrets.
    pub struct ScanRefusal(META) = ("FL305", "secret-scan-refusal", Security, Warning, "A value floe's detect-secrets scan takes for a credential in floe.yaml");
}

impl Rule for ScanRefusal {
    fn floe(&self, floe: &Document, out: &mut Sink<'_>) {
        for found in scan(floe, Scope::Floe) {
            let Verdict::RefusedByUpstream { shape } = found.verdict else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &META,
                    &floe.file,
                    found.span,
                    format!(
                        "floe's credential scan will refuse floe.yaml: detect-secrets reads this {shape} in {} as a {}",
                        found.place, found.kind
                    ),
                )
                .with_help("it is not a credential, but `floe validate` stops at any detect-secrets finding in floe.yaml: add `# pragma: allowlist secret` at the end of the line, or set the value at deploy time"),
            );
        }
    }
}
