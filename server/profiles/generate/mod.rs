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

mod output;
mod quirks;
mod read;

use output::output_block;
use quirks::{catalog_quirks, duckdb_settings, reference_quirks, storage_endpoint_quirks};
use read::{floe_name, read_catalog, read_compute, read_storage, section};
pub(super) use read::{floe_ref, get_profile};

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

/// A storage profile's fields the generator reads.
struct Storage<'a> {
    pointer: String,
    bucket: &'a str,
    endpoint: StrOrSecret<'a>,
    endpoint_pointer: Option<String>,
    region: &'a str,
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

/// A compute profile's fields the generator reads (`path` and `threads` as Python objects).
struct Compute<'a> {
    pointer: String,
    kind: &'a str,
    kind_pointer: Option<String>,
    path: Option<Value>,
    threads: Option<Value>,
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
