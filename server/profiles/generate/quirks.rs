//! What the generator does that the files do not say: the notes (quirks) it leaves for the
//! preview and FL700.

use super::*;

/// floe.yaml's own references are ignored: one note for each that names another profile.
pub(super) fn reference_quirks(
    floe: &File,
    references: &[(&'static str, (&str, Option<String>))],
    profile: &str,
) -> Vec<Quirk> {
    let mut quirks = Vec::new();
    for (field, (reference, pointer)) in references {
        if *reference != profile {
            quirks.push(floe.quirk(
                pointer.clone().unwrap_or_default(),
                format!(
                    "floe.yaml refers to {field} '{reference}' but the generator will use profile '{profile}'"
                ),
            ));
        }
    }
    quirks
}

/// The DuckDB `path` and `threads` the profile gets: every compute type becomes DuckDB, and a
/// missing path is upstream's in-memory default.
pub(super) fn duckdb_settings(
    platform: &File,
    compute: &Compute,
    profile: &str,
    quirks: &mut Vec<Quirk>,
) -> (Value, Value) {
    if compute.kind != compute_type::DUCKDB {
        quirks.push(
            platform.quirk(
                compute
                    .kind_pointer
                    .clone()
                    .unwrap_or_else(|| compute.pointer.clone()),
                format!(
                    "compute type {}: floe's generator will emit a DuckDB profile",
                    compute.kind
                ),
            ),
        );
    }
    let path = match compute.path.clone() {
        Some(path) => path,
        None => {
            quirks.push(platform.quirk(
                compute.pointer.clone(),
                format!(
                    "compute.{profile}.properties.path is not set: the generated profile uses path '{DEFAULT_PATH}', which upstream's own anti-pattern list advises against (extensions are reinstalled on every connection; use a file such as /tmp/floe.duckdb)"
                ),
            ));
            Value::str(DEFAULT_PATH)
        }
    };
    let threads = compute
        .threads
        .clone()
        .unwrap_or(Value::Int(DEFAULT_THREADS));

    (path, threads)
}

/// What the generator does with the catalog and the storage credentials that the files do not
/// say: a non-Polaris catalog gets no plugin, the namespace is hard-coded, credentials come from
/// environment variables, a `secret_ref` uri would be written out.
pub(super) fn catalog_quirks(
    platform: &File,
    inputs: &Inputs,
    profile: &str,
    polaris: bool,
    quirks: &mut Vec<Quirk>,
) -> Result<(), GenerateError> {
    let catalog = &inputs.catalog;
    if !polaris {
        quirks.push(platform.quirk(
            catalog
                .kind_pointer
                .clone()
                .unwrap_or_else(|| catalog.pointer.clone()),
            format!(
                "catalog type {kind}: floe's generator configures no Polaris plugin and no floe_catalog_mappings (upstream logs \"Non-Polaris catalog detected (type={kind}). Polaris plugin will not be configured.\")",
                kind = catalog.kind
            ),
        ));
    } else {
        if let Some((ns, ns_pointer)) = &catalog.namespace
            && *ns != BASE_NAMESPACE
        {
            quirks.push(platform.quirk(
                ns_pointer.clone(),
                format!(
                    "catalogs.{profile}.namespace is '{ns}' but floe's generator maps every schema to the hard-coded namespace '{BASE_NAMESPACE}' ({CATALOG_ALIAS}.{BASE_NAMESPACE}.<schema>)"
                ),
            ));
        }
        credential_quirks(platform, catalog, quirks);
        if let Some(storage_credentials) = child(inputs.storage_node, key::CREDENTIALS)
            && let Some((secret, pointer)) = platform.opt_str(
                storage_credentials,
                &child_pointer(&inputs.storage.pointer, key::CREDENTIALS),
                key::SECRET_REF,
            )?
        {
            quirks.push(platform.quirk(
                pointer,
                format!(
                    "storage credentials secret_ref '{secret}' is ignored: the generated profile reads {} and {}",
                    var::ACCESS_KEY_ID,
                    var::SECRET_ACCESS_KEY
                ),
            ));
        }
        if let StrOrSecret::Secret(secret) = catalog.uri {
            quirks.push(platform.quirk(
                catalog.uri_pointer.clone(),
                secret_quirk(key::CATALOGS, profile, key::URI, secret),
            ));
        }
    }
    Ok(())
}

/// A `secret_ref` storage endpoint the generator would write out in clear, once per place.
pub(super) fn storage_endpoint_quirks(
    platform: &File,
    inputs: &Inputs,
    profile: &str,
    polaris: bool,
    quirks: &mut Vec<Quirk>,
) {
    let mut endpoint_quirks: Vec<(String, String)> = Vec::new();
    let mut note_endpoint = |s: &Storage, name: &str| {
        if let (StrOrSecret::Secret(secret), Some(pointer)) = (s.endpoint, &s.endpoint_pointer)
            && !endpoint_quirks.iter().any(|(p, _)| p == pointer)
        {
            endpoint_quirks.push((
                pointer.clone(),
                secret_quirk(key::STORAGE, name, key::ENDPOINT, secret),
            ));
        }
    };
    for (schema, s) in &inputs.mapped {
        note_endpoint(s, schema);
    }
    if polaris {
        note_endpoint(&inputs.storage, profile);
    }
    for (pointer, message) in endpoint_quirks {
        quirks.push(platform.quirk(pointer, message));
    }
}

fn secret_quirk(section: &str, profile: &str, field: &str, secret: &str) -> String {
    format!(
        "{section}.{profile}.{field} is a secret_ref: floe's generator resolves it while generating and writes the secret's value into profiles.yml in clear; shown here as env_var('{}')",
        StrOrSecret::env_name(secret)
    )
}

/// The catalog credentials the Polaris plugin block ignores (§3.5) and the default scope.
fn credential_quirks(platform: &File, catalog: &Catalog, quirks: &mut Vec<Quirk>) {
    let credentials_pointer = catalog.credentials_pointer.as_str();
    if catalog.scope.is_none_or(str::is_empty) {
        quirks.push(platform.quirk(
            if catalog.credentials.is_some() {
                credentials_pointer.to_owned()
            } else {
                catalog.pointer.clone()
            },
            format!(
                "no catalog credentials scope: the generated profile defaults {} to '{DEFAULT_SCOPE}', which grants every principal role",
                var::SCOPE
            ),
        ));
    }
    for (field, value, pointer) in &catalog.clients {
        let env = if *field == key::CLIENT_ID {
            var::CLIENT_ID
        } else {
            var::CLIENT_SECRET
        };
        match value {
            StrOrSecret::Literal(_) => quirks.push(platform.quirk(
                pointer.clone(),
                format!(
                    "catalog {field} is written literally here, but the generated profile ignores it and reads {env}"
                ),
            )),
            StrOrSecret::Secret(secret) if StrOrSecret::env_name(secret) != env => {
                quirks.push(platform.quirk(
                    pointer.clone(),
                    format!(
                        "catalog {field} secret_ref '{secret}' resolves from {}, but the generated profile reads {env}",
                        StrOrSecret::env_name(secret)
                    ),
                ));
            }
            StrOrSecret::Secret(_) => {}
        }
    }
}
