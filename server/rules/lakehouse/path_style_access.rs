use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::dialect::runtime::constants::storage_type;
use crate::dialect::runtime::vocabulary as key;
use crate::rules::edit::{append_entry, fix, replace_scalar};
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};
use crate::syntax::NodeValue;
use crate::syntax::resolve::Scalar;

declare_rule! {
    /// ## What it does
    /// Flags S3 storage profiles with a custom `endpoint` (MinIO, LocalStack, Ceph, …) that do not
    /// set `path_style_access: true`.
    ///
    /// ## Why is this bad?
    /// Without path-style access, clients address buckets as `https://<bucket>.<endpoint>`, a host
    /// name that S3-compatible servers on a plain endpoint do not serve: reads and writes fail with
    /// DNS or 404 errors. floe's docs require `path_style_access: true` for MinIO and LocalStack.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   default:
    ///     endpoint: "http://minio:9000"
    ///     bucket: lake
    /// ```
    ///
    /// ## Fix
    /// Add `path_style_access: true` (a safe fix: `floe-lint check --fix`).
    pub struct PathStyleAccess(META) = ("FL402", "missing-path-style-access", Lakehouse, Warning, "Custom S3 endpoint without path_style_access: true", fix: Sometimes);
}

impl Rule for PathStyleAccess {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        for (name, profile) in profiles(root, key::STORAGE) {
            if string_field(&profile.value, key::TYPE).is_some_and(|(t, _)| t != storage_type::S3) {
                continue;
            }
            let Some(endpoint) = profile.value.get(key::ENDPOINT) else {
                continue;
            };
            let custom = match endpoint.value.as_str() {
                Some(url) => !url.trim().is_empty(),
                // `{secret_ref: …}`: an endpoint, just not a literal one.
                None => endpoint.value.as_mapping().is_some(),
            };
            if !custom {
                continue;
            }
            let flag = profile.value.get(key::PATH_STYLE_ACCESS);
            let enabled = flag.is_some_and(|f| {
                matches!(
                    f.value.value,
                    NodeValue::Scalar {
                        value: Scalar::Bool(true),
                        ..
                    }
                )
            });
            if enabled {
                continue;
            }
            let (span, edit) = match flag {
                Some(f) => (
                    f.value.span,
                    Some(replace_scalar(document, &f.value, "true")),
                ),
                None => (
                    endpoint.key.span,
                    append_entry(document, &profile.value, key::PATH_STYLE_ACCESS, "true"),
                ),
            };
            let mut diagnostic = Diagnostic::new(
                &META,
                &document.file,
                span,
                format!("storage profile `{name}` has a custom endpoint but not `path_style_access: true`"),
            )
            .with_help("S3-compatible servers (MinIO, LocalStack) need path-style bucket addressing");
            if let Some(edit) = edit {
                diagnostic = diagnostic.with_fix(fix(
                    "Set `path_style_access: true`",
                    Applicability::Safe,
                    vec![edit],
                ));
            }
            out.push(diagnostic);
        }
    }
}
