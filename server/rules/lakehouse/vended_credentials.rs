use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::dialect::runtime::constants::VENDED_CREDENTIALS;
use crate::dialect::runtime::vocabulary as key;
use crate::rules::walk::{profiles, string_field};
use crate::rules::{Environment, Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a catalog with `access_delegation: vended-credentials` in a platform.yaml whose
    /// storage is LocalStack or MinIO (an S3 endpoint on `localstack`, `minio`, port 4566 or 9000).
    ///
    /// ## Why is this bad?
    /// Credential vending asks the catalog (Polaris) to mint temporary S3 credentials through
    /// STS. LocalStack's and MinIO's STS support does not cover this, so table reads and writes fail
    /// (floe's BUG #10: "disable Polaris STS credential vending for LocalStack").
    ///
    /// ## Example
    /// ```yaml
    /// storage:
    ///   default: {endpoint: "http://localstack:4566", bucket: lake, path_style_access: true}
    /// catalogs:
    ///   default:
    ///     uri: "http://polaris:8181/api/catalog"
    ///     warehouse: lake
    ///     access_delegation: vended-credentials
    /// ```
    ///
    /// ## Fix
    /// Use `access_delegation: none` with LocalStack or MinIO storage.
    pub struct VendedCredentials(META) = ("FL401", "vended-credentials-on-local-s3", Lakehouse, Warning, "Credential vending with LocalStack/MinIO storage");
}

/// Whether an S3 endpoint is a local S3 emulator that cannot vend credentials.
pub fn is_local_s3(endpoint: &str) -> bool {
    let lower = endpoint.to_ascii_lowercase();
    lower.contains("localstack")
        || lower.contains("minio")
        || lower.contains(":4566")
        || lower.contains(":9000")
}

impl Rule for VendedCredentials {
    fn platform(&self, env: &Environment<'_>, out: &mut Sink<'_>) {
        let document = env.document;
        let Some(root) = &document.root else { return };
        let local_endpoint = profiles(root, key::STORAGE)
            .filter_map(|(_, p)| string_field(&p.value, key::ENDPOINT))
            .find(|(url, _)| is_local_s3(url));
        let Some((url, endpoint)) = local_endpoint else {
            return;
        };
        for (name, catalog) in profiles(root, key::CATALOGS) {
            if let Some((VENDED_CREDENTIALS, entry)) =
                string_field(&catalog.value, key::ACCESS_DELEGATION)
            {
                out.push(
                    Diagnostic::new(
                        &META,
                        &document.file,
                        entry.value.span,
                        format!("catalog `{name}` vends credentials, but storage is a local S3 emulator ({url}) without STS support"),
                    )
                    .with_help("use `access_delegation: none` with LocalStack or MinIO")
                    .with_related(&document.file, endpoint.value.span, "local S3 endpoint"),
                );
            }
        }
    }
}
