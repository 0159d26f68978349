//! `approved_sinks` (manifest) against `destinations[].sink_type` (floe.yaml): compile's first
//! ENFORCE check.

use super::{platform, product};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::v1::compile as key;
use crate::rules::{Context, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a floe.yaml destination whose `sink_type` is not in the manifest's
    /// `approved_sinks`, with upstream's message (SinkWhitelistError: `Sink type 'rest_api' is
    /// not in the approved whitelist. Approved sinks: [postgres]`).
    ///
    /// ## Why is this bad?
    /// `floe platform compile` rejects the product (ENFORCE stage), at its first unapproved
    /// destination. Every one is reported here, at its `sink_type`.
    ///
    /// ## Example
    /// ```yaml
    /// # manifest.yaml
    /// approved_sinks: [postgres]
    /// # floe.yaml
    /// destinations:
    ///   - name: crm-sync
    ///     sink_type: rest_api
    ///     connection_secret_ref: crm-api
    /// ```
    ///
    /// ## Fix
    /// Use an approved sink, or have the platform team approve this one in the enterprise
    /// manifest's `approved_sinks`.
    pub struct UnapprovedSink(UNAPPROVED_SINK) = ("FL213", "unapproved-sink", CrossFile, Error, "A destination's `sink_type` is not in the manifest's `approved_sinks`");
}

impl Rule for UnapprovedSink {
    fn project(&self, cx: &Context<'_>, out: &mut Sink<'_>) {
        let (Some((spec, product)), Some((manifest, platform))) = (product(cx), platform(cx))
        else {
            return;
        };
        let Some(approved) = platform.string_list(key::APPROVED_SINKS) else {
            return;
        };
        for (sink, span) in product.sink_types() {
            if approved.contains(sink) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &UNAPPROVED_SINK,
                    &spec.file,
                    span,
                    format!(
                        "Sink type '{sink}' is not in the approved whitelist. Approved sinks: [{}]",
                        approved.joined()
                    ),
                )
                .with_help("`floe platform compile` rejects the product (ENFORCE stage, SinkWhitelistError).")
                .with_related(&manifest.file, approved.entry.key.span, "the sinks the manifest approves"),
            );
        }
    }
}
