//! floe-runtime's `DbtProfilesGenerator.generate_profiles(profile_name, target_name)` (spec
//! §4.1), as a value tree written by the PyYAML port.
//!
//! Upstream, step by step (§4.1.1):
//! 1. `catalogs[p]`, `storage[p]`, `compute[p]`, all under the same name `p`; a miss raises
//!    `ValueError("Profile 'p' not found in platform.yaml: <repr of the KeyError text>")`.
//! 2. The adapter is always `duckdb` (§4.1.4: detection looks at the Python class name).
//! 3. The dbt profile is `floe.name` with `-` → `_`.
//! 4. The output: `type, path, threads, extensions, vars?, plugins?`, with the hard-coded
//!    constants of §4.1.3 and the Polaris plugin block only for a `polaris` catalog.

use super::pyyaml::{self, DumpOptions, Value};
use super::{
    Converter, ErrorKind, File, GenerateError, Generated, PROFILE_NAME, Quirk, StrOrSecret, child,
    child_pointer, python_keys,
};
use crate::dialect::dbt::{self, polaris_plugin as plugin, storage_mapping};
use crate::dialect::runtime::constants::{
    DEFAULT_PROFILE, DEFAULT_REGION, catalog_type, compute_type, generator_variable as var,
    storage_type,
};
use crate::dialect::runtime::vocabulary::{self as key, Section};
use crate::model::suggest::{Listing, available};
use crate::syntax::Node;

/// §4.1.3.
use crate::dialect::runtime::constants::{
    CATALOG_ALIAS, DUCKDB_DEFAULT_PATH as DEFAULT_PATH, DUCKDB_DEFAULT_THREADS as DEFAULT_THREADS,
    GENERATOR_NAMESPACE as BASE_NAMESPACE, GENERATOR_SCHEMAS as SCHEMAS, PLUGIN_MODULE,
    PRINCIPAL_ROLE_ALL as DEFAULT_SCOPE,
};

/// `floe.name`, validated as `FloeSpec` does.
pub(super) fn floe_name<'a>(floe: &File<'a>) -> Result<&'a str, GenerateError> {
    let root = floe_root(floe)?;
    let (name, pointer) = floe.req_str(root, "", key::NAME)?;
    super::check_len(floe, &pointer, name, 1, 100)?;
    if !PROFILE_NAME.is_match(name) {
        return Err(floe.invalid(
            &pointer,
            "String should match pattern '^[a-zA-Z][a-zA-Z0-9_-]{0,99}$'",
        ));
    }
    Ok(name)
}

pub(super) fn floe_root<'a>(floe: &File<'a>) -> Result<&'a Node, GenerateError> {
    match floe.root() {
        Some(root) if root.as_mapping().is_some() => Ok(root),
        _ => Err(floe.invalid(
            "",
            "Input should be a valid dictionary or instance of FloeSpec",
        )),
    }
}

/// `floe.yaml`'s logical reference `field` (`storage`/`catalog`/`compute`), default `default`,
/// with its pointer when written.
pub(super) fn floe_ref<'a>(
    floe: &File<'a>,
    field: &str,
) -> Result<(&'a str, Option<String>), GenerateError> {
    let root = floe_root(floe)?;
    match floe.opt_str(root, "", field)? {
        None => Ok((DEFAULT_PROFILE, None)),
        Some((value, pointer)) => {
            if !PROFILE_NAME.is_match(value) {
                return Err(floe.invalid(
                    &pointer,
                    &format!("String should match pattern '{}'", PROFILE_NAME.as_str()),
                ));
            }
            Ok((value, Some(pointer)))
        }
    }
}

/// One platform section (`storage`, `catalogs`, `compute`) as a Python dict: its node, if any.
pub(super) fn section<'a>(
    platform: &File<'a>,
    name: &str,
) -> Result<Option<&'a Node>, GenerateError> {
    let Some(root) = platform.root() else {
        return Ok(None); // an empty platform.yaml is `{}`
    };
    if root.as_mapping().is_none() {
        return Err(platform.invalid(
            "",
            "Input should be a valid dictionary or instance of PlatformSpec",
        ));
    }
    let pointer = child_pointer("", name);
    let node = child(root, name);
    platform.mapping(node, &pointer)?;
    Ok(node)
}

/// A found profile (node, pointer), or the `KeyError` text and the section's keys.
pub(super) type Lookup<'a> = Result<(&'a Node, String), (String, Vec<String>)>;

/// `PlatformSpec.get_<kind>_profile(name)`: the profile node and its pointer, or the `KeyError`
/// text `"<Kind> profile 'x' not found. Available profiles: ['a', 'b']"`.
pub(super) fn get_profile<'a>(
    platform: &File<'a>,
    section: Section,
    name: &str,
) -> Result<Lookup<'a>, GenerateError> {
    let (section_name, kind) = (section.key(), section.label());
    let node = self::section(platform, section_name)?;
    let keys = match node.and_then(Node::as_mapping) {
        Some(entries) => python_keys(entries),
        None => Vec::new(),
    };
    match node.and_then(|n| child(n, name)) {
        Some(profile) if keys.iter().any(|k| k == name) => {
            let pointer = child_pointer(&child_pointer("", section_name), name);
            let model = format!("{kind}Profile");
            platform.model(profile, &pointer, &model)?;
            Ok(Ok((profile, pointer)))
        }
        _ => Ok(Err((
            format!(
                "{kind} profile '{name}' not found. Available profiles: {}",
                available(name, &keys, Listing::Python)
            ),
            keys,
        ))),
    }
}

/// A storage profile's fields the generator reads.
struct Storage<'a> {
    pointer: String,
    bucket: &'a str,
    endpoint: StrOrSecret<'a>,
    endpoint_pointer: Option<String>,
    region: &'a str,
}

fn read_storage<'a>(
    platform: &File<'a>,
    node: &'a Node,
    pointer: String,
) -> Result<Storage<'a>, GenerateError> {
    platform.enum_field(
        node,
        &pointer,
        key::TYPE,
        &storage_type::ALL,
        storage_type::DEFAULT,
    )?;
    let (bucket, bucket_pointer) = platform.req_str(node, &pointer, key::BUCKET)?;
    super::check_len(platform, &bucket_pointer, bucket, 3, 63)?;
    let (endpoint, endpoint_pointer) = match child(node, key::ENDPOINT) {
        None => (StrOrSecret::Literal(""), None),
        Some(value) => {
            let p = child_pointer(&pointer, key::ENDPOINT);
            (platform.str_or_secret(value, &p)?, Some(p))
        }
    };
    let region = platform
        .opt_str(node, &pointer, key::REGION)?
        .map_or(DEFAULT_REGION, |(s, _)| s);
    Ok(Storage {
        pointer,
        bucket,
        endpoint,
        endpoint_pointer,
        region,
    })
}

/// A catalog profile's fields the generator reads.
struct Catalog<'a> {
    pointer: String,
    kind: &'a str,
    kind_pointer: Option<String>,
    uri: StrOrSecret<'a>,
    uri_pointer: String,
    warehouse: &'a str,
    namespace: Option<(&'a str, String)>,
    credentials: Option<&'a Node>,
    credentials_pointer: String,
    scope: Option<&'a str>,
    /// `credentials.client_id` / `client_secret` when set, with their pointers.
    clients: Vec<(&'static str, StrOrSecret<'a>, String)>,
}

fn read_catalog<'a>(
    platform: &File<'a>,
    node: &'a Node,
    pointer: String,
) -> Result<Catalog<'a>, GenerateError> {
    let (kind, kind_pointer) = platform.enum_field(
        node,
        &pointer,
        key::TYPE,
        &catalog_type::ALL,
        catalog_type::DEFAULT,
    )?;
    let uri_pointer = child_pointer(&pointer, key::URI);
    let uri = match child(node, key::URI) {
        Some(value) => platform.str_or_secret(value, &uri_pointer)?,
        None => return Err(platform.invalid(&uri_pointer, "Field required")),
    };
    let (warehouse, warehouse_pointer) = platform.req_str(node, &pointer, key::WAREHOUSE)?;
    super::check_len(platform, &warehouse_pointer, warehouse, 1, 255)?;
    let namespace = platform.opt_str(node, &pointer, key::NAMESPACE)?;
    if let Some((ns, ns_pointer)) = &namespace {
        super::check_len(platform, ns_pointer, ns, 1, 255)?;
    }
    let credentials_pointer = child_pointer(&pointer, key::CREDENTIALS);
    let credentials = match child(node, key::CREDENTIALS) {
        Some(value) => Some(platform.model(value, &credentials_pointer, "CredentialConfig")?),
        None => None,
    };
    let scope = match credentials {
        Some(c) => platform.nullable_str(c, &credentials_pointer, key::SCOPE)?,
        None => None,
    };
    let mut clients = Vec::new();
    for field in [key::CLIENT_ID, key::CLIENT_SECRET] {
        let pointer = child_pointer(&credentials_pointer, field);
        let Some(value) = credentials.and_then(|c| child(c, field)) else {
            continue;
        };
        if super::is_null(value) {
            continue;
        }
        let value = platform.str_or_secret(value, &pointer)?;
        if field == key::CLIENT_SECRET && matches!(value, StrOrSecret::Literal(_)) {
            // `client_secret: SecretReference | None`: a plain string is rejected.
            return Err(platform.invalid(
                &pointer,
                "Input should be a valid dictionary or instance of SecretReference",
            ));
        }
        clients.push((field, value, pointer));
    }
    Ok(Catalog {
        pointer,
        kind,
        kind_pointer,
        uri,
        uri_pointer,
        warehouse,
        namespace,
        credentials,
        credentials_pointer,
        scope,
        clients,
    })
}

/// A compute profile's fields the generator reads (`path` and `threads` as Python objects).
struct Compute<'a> {
    pointer: String,
    kind: &'a str,
    kind_pointer: Option<String>,
    path: Option<Value>,
    threads: Option<Value>,
}

fn read_compute<'a>(
    platform: &File<'a>,
    node: &'a Node,
    pointer: String,
) -> Result<Compute<'a>, GenerateError> {
    let (kind, kind_pointer) = platform.enum_field(
        node,
        &pointer,
        key::TYPE,
        &compute_type::ALL,
        compute_type::DEFAULT,
    )?;
    let properties_pointer = child_pointer(&pointer, key::PROPERTIES);
    let properties = child(node, key::PROPERTIES);
    platform.mapping(properties, &properties_pointer)?;
    // One converter, so that `path` and `threads` aliasing one object stay one object.
    let mut converter = Converter::new(platform);
    let mut get = |key: &str| -> Result<Option<Value>, GenerateError> {
        match properties.and_then(|p| child(p, key)) {
            Some(value) => Ok(Some(
                converter.value(value, &child_pointer(&properties_pointer, key))?,
            )),
            None => Ok(None),
        }
    };
    let path = get(dbt::PATH)?;
    let threads = get(dbt::THREADS)?;
    Ok(Compute {
        pointer,
        kind,
        kind_pointer,
        path,
        threads,
    })
}

pub(super) fn runtime(
    floe: &File,
    platform: &File,
    profile: &str,
    target: &str,
) -> Result<Generated, GenerateError> {
    let inputs = resolve(floe, platform, profile)?;
    let mut quirks = reference_quirks(floe, &inputs.references, profile);
    let (path, threads) = duckdb_settings(platform, &inputs.compute, profile, &mut quirks);
    let polaris = inputs.catalog.kind == catalog_type::POLARIS;
    catalog_quirks(platform, &inputs, profile, polaris, &mut quirks)?;
    storage_endpoint_quirks(platform, &inputs, profile, polaris, &mut quirks);
    let output = output_block(&inputs, path, threads, polaris);
    let project = super::profile_key(inputs.name);
    let root = Value::str_map([(
        project,
        Value::str_map([
            (dbt::TARGET, Value::str(target)),
            (
                dbt::OUTPUTS,
                Value::map(vec![(Value::str(target), Value::str_map(output))]),
            ),
        ]),
    )]);
    Ok(Generated {
        text: pyyaml::dump(&root, DumpOptions::RUNTIME),
        quirks,
    })
}

/// What the generator reads from the two files, looked up in upstream's order.
struct Inputs<'a> {
    /// floe.yaml's `name`.
    name: &'a str,
    /// floe.yaml's `storage`, `catalog` and `compute` references, with their pointers.
    references: Vec<(&'static str, (&'a str, Option<String>))>,
    catalog: Catalog<'a>,
    storage_node: &'a Node,
    storage: Storage<'a>,
    compute: Compute<'a>,
    /// Storage profiles named after the dbt schemas (`_build_storage_mapping`).
    mapped: Vec<(&'static str, Storage<'a>)>,
}

/// Upstream loads platform.yaml (validating it), then floe.yaml, then looks the profiles up:
/// errors come in that order. The generator reads the profile named `profile` in every section,
/// whatever floe.yaml refers to.
fn resolve<'a>(
    floe: &File<'a>,
    platform: &File<'a>,
    profile: &str,
) -> Result<Inputs<'a>, GenerateError> {
    let catalog = get_profile(platform, Section::Catalogs, profile)?;
    let storage = get_profile(platform, Section::Storage, profile)?;
    let compute = get_profile(platform, Section::Compute, profile)?;
    let catalog = match catalog {
        Ok((node, pointer)) => Ok(read_catalog(platform, node, pointer)?),
        Err(missing) => Err(missing),
    };
    let storage = match storage {
        Ok((node, pointer)) => Ok((node, read_storage(platform, node, pointer)?)),
        Err(missing) => Err(missing),
    };
    let compute = match compute {
        Ok((node, pointer)) => Ok(read_compute(platform, node, pointer)?),
        Err(missing) => Err(missing),
    };
    // Storage profiles named after the schemas (`_build_storage_mapping`).
    let mut mapped: Vec<(&str, Storage)> = Vec::new();
    if let Some(section_node) = section(platform, key::STORAGE)? {
        for schema in SCHEMAS {
            if let Some(node) = child(section_node, schema) {
                let pointer = child_pointer(&child_pointer("", key::STORAGE), schema);
                platform.model(node, &pointer, "StorageProfile")?;
                mapped.push((schema, read_storage(platform, node, pointer)?));
            }
        }
    }

    let name = floe_name(floe)?;
    let mut references = Vec::new();
    for field in Section::ALL.map(Section::floe_key) {
        references.push((field, floe_ref(floe, field)?));
    }

    // 1. The same profile name for all three sections, in upstream's order.
    let not_found = |(text, _): (String, Vec<String>), section: &str| GenerateError {
        kind: ErrorKind::ProfileNotFound,
        message: format!(
            "Profile '{profile}' not found in platform.yaml: {}",
            crate::syntax::python::repr_str(&text)
        ),
        pointer: child_pointer("", section),
        in_floe: false,
    };
    let catalog = catalog.map_err(|m| not_found(m, key::CATALOGS))?;
    let (storage_node, storage) = storage.map_err(|m| not_found(m, key::STORAGE))?;
    let compute = compute.map_err(|m| not_found(m, key::COMPUTE))?;

    Ok(Inputs {
        name,
        references,
        catalog,
        storage_node,
        storage,
        compute,
        mapped,
    })
}

/// floe.yaml's own references are ignored: one note for each that names another profile.
fn reference_quirks(
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
fn duckdb_settings(
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
fn catalog_quirks(
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
fn storage_endpoint_quirks(
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

/// The `outputs.<target>` block, keys in upstream's order.
fn output_block<'a>(
    inputs: &Inputs<'a>,
    path: Value,
    threads: Value,
    polaris: bool,
) -> Vec<(&'a str, Value)> {
    let mapped = &inputs.mapped;
    let catalog_mappings: Vec<(String, Value)> = if polaris {
        SCHEMAS
            .iter()
            .map(|s| {
                (
                    (*s).to_owned(),
                    Value::str(format!("{CATALOG_ALIAS}.{BASE_NAMESPACE}.{s}")),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let storage_mapping = || -> Value {
        Value::str_map(mapped.iter().map(|(schema, s)| {
            (
                *schema,
                Value::str_map([
                    (storage_mapping::BUCKET, Value::str(s.bucket)),
                    (
                        storage_mapping::ENDPOINT,
                        Value::str(plain_value(s.endpoint)),
                    ),
                    (storage_mapping::REGION, Value::str(s.region)),
                ]),
            )
        }))
    };

    let mut output: Vec<(&str, Value)> = vec![
        (dbt::TYPE, Value::str(compute_type::DUCKDB)),
        (dbt::PATH, path),
        (dbt::THREADS, threads),
        (
            dbt::EXTENSIONS,
            Value::seq(vec![Value::str(dbt::ICEBERG), Value::str(dbt::HTTPFS)]),
        ),
    ];
    if !catalog_mappings.is_empty() || !mapped.is_empty() {
        let mut vars: Vec<(&str, Value)> = Vec::new();
        if !catalog_mappings.is_empty() {
            vars.push((dbt::CATALOG_MAPPINGS, Value::str_map(catalog_mappings)));
        }
        if !mapped.is_empty() {
            vars.push((dbt::STORAGE_MAPPINGS, storage_mapping()));
        }
        output.push((dbt::VARS, Value::str_map(vars)));
    }
    if polaris {
        let config = plugin_config(inputs, storage_mapping);
        output.push((
            dbt::PLUGINS,
            Value::seq(vec![Value::str_map([
                (dbt::MODULE, Value::str(PLUGIN_MODULE)),
                (dbt::CONFIG, Value::str_map(config)),
            ])]),
        ));
    }
    output
}

/// The `config` of floe's Polaris plugin entry: every value an `env_var` with the file's value as
/// its default, credentials from environment variables only.
fn plugin_config<'a>(
    inputs: &Inputs<'a>,
    storage_mapping: impl Fn() -> Value,
) -> Vec<(&'a str, Value)> {
    let (catalog, storage, mapped) = (&inputs.catalog, &inputs.storage, &inputs.mapped);
    let uri = catalog.uri;
    let warehouse = catalog.warehouse;
    let scope = catalog.scope;
    let mut config: Vec<(&str, Value)> = vec![
        (
            plugin::CATALOG_URI,
            Value::str(env_var_with_default(var::CATALOG_URI, uri)),
        ),
        (
            plugin::WAREHOUSE,
            Value::str(env_var_with_default(
                var::CATALOG_WAREHOUSE,
                StrOrSecret::Literal(warehouse),
            )),
        ),
        // `if catalog.credentials:` — a pydantic model is always truthy.
        (plugin::CLIENT_ID, Value::str(env_var(var::CLIENT_ID))),
        (
            plugin::CLIENT_SECRET,
            Value::str(env_var(var::CLIENT_SECRET)),
        ),
        (
            plugin::SCOPE,
            Value::str(env_var_with_default(
                var::SCOPE,
                StrOrSecret::Literal(scope.filter(|s| !s.is_empty()).unwrap_or(DEFAULT_SCOPE)),
            )),
        ),
        (
            plugin::S3_ENDPOINT,
            Value::str(env_var_with_default(
                var::STORAGE_ENDPOINT,
                storage.endpoint,
            )),
        ),
        (
            plugin::S3_REGION,
            Value::str(env_var_with_default(
                var::REGION,
                StrOrSecret::Literal(storage.region),
            )),
        ),
        (
            plugin::S3_ACCESS_KEY_ID,
            Value::str(env_var(var::ACCESS_KEY_ID)),
        ),
        (
            plugin::S3_SECRET_ACCESS_KEY,
            Value::str(env_var(var::SECRET_ACCESS_KEY)),
        ),
    ];
    if !mapped.is_empty() {
        config.push((plugin::STORAGE_MAPPING, storage_mapping()));
    }
    config
}

/// Upstream's `f"{{{{ env_var('{name}') }}}}"`.
fn env_var(name: &str) -> String {
    format!("{{{{ env_var('{name}') }}}}")
}

/// Upstream's `f"{{{{ env_var('{name}', '{value}') }}}}"`. A `secret_ref` value, which upstream
/// would resolve and write in clear, becomes the variable it resolves from.
fn env_var_with_default(name: &str, value: StrOrSecret) -> String {
    match value {
        StrOrSecret::Literal(v) => format!("{{{{ env_var('{name}', '{v}') }}}}"),
        StrOrSecret::Secret(secret) => format!(
            "{{{{ env_var('{name}', env_var('{}')) }}}}",
            StrOrSecret::env_name(secret)
        ),
    }
}

/// A value upstream writes as is (`get_endpoint()`); a secret becomes a placeholder.
fn plain_value(value: StrOrSecret) -> String {
    match value {
        StrOrSecret::Literal(v) => v.to_owned(),
        StrOrSecret::Secret(secret) => env_var(&StrOrSecret::env_name(secret)),
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
