use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Span};
use crate::dialect::runtime::constants::{DEFAULT_PROFILE, compute_log_manager as manager};
use crate::dialect::runtime::vocabulary as key;
use crate::model::suggest::{Listing, available};
use crate::rules::walk::{section, string_field};
use crate::rules::{Environment, Rule, Sink};
use crate::syntax::NodeValue;
use crate::syntax::resolve::Scalar;

declare_rule! {
    /// ## What it does
    /// Checks that `observability.compute_logs.storage_ref` (default `default`) names a storage
    /// profile of the same platform.yaml, when compute logs are enabled and stored in S3, GCS or
    /// Azure.
    ///
    /// ## Why is this bad?
    /// floe does not check the reference; Dagster run pods fail to upload their logs, and the logs
    /// you need to debug a failed run are the ones that are lost.
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   bronze: {bucket: lake-bronze}
    /// observability:
    ///   compute_logs:
    ///     manager_type: s3          # storage_ref defaults to "default", which does not exist
    /// ```
    ///
    /// ## Fix
    /// Set `storage_ref` to a defined storage profile.
    pub struct UnknownStorageRef(META) = ("FL502", "unknown-storage-ref", Reference, Warning, "compute_logs.storage_ref names no storage profile");
}

impl Rule for UnknownStorageRef {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        let Some(logs) = root
            .get(key::OBSERVABILITY)
            .and_then(|o| o.value.get(key::COMPUTE_LOGS))
        else {
            return;
        };
        let disabled = logs.value.get(key::ENABLED).is_some_and(|e| {
            matches!(
                e.value.value,
                NodeValue::Scalar {
                    value: Scalar::Bool(false),
                    ..
                }
            )
        });
        let kind =
            string_field(&logs.value, key::MANAGER_TYPE).map_or(manager::DEFAULT, |(m, _)| m);
        if disabled || ![manager::S3, manager::GCS, manager::AZURE_BLOB].contains(&kind) {
            return;
        }
        let (name, span): (String, Span) = match logs.value.get(key::STORAGE_REF) {
            Some(entry) => match entry.value.as_str() {
                Some(name) => (name.to_owned(), entry.value.span),
                None => return, // null: no storage profile is used
            },
            None => (DEFAULT_PROFILE.to_owned(), logs.key.span),
        };
        let storage: Vec<String> = section(root, key::STORAGE)
            .iter()
            .filter_map(|e| e.key.key_text())
            .collect();
        if !storage.contains(&name) {
            out.push(Diagnostic::new(
                &META,
                &document.file,
                span,
                format!("compute_logs references non-existent storage profile '{name}'. Available storage profiles: {}", available(&name, &storage, Listing::Python)),
            ));
        }
    }
}
