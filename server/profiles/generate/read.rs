//! Reading the two files as upstream's models do: floe.yaml's name and references, a platform
//! section's profile (`PlatformSpec.get_<kind>_profile`), and the fields of each profile the
//! generator reads.

use super::*;

/// `floe.name`, validated as `FloeSpec` does.
pub(in crate::profiles) fn floe_name<'a>(floe: &File<'a>) -> Result<&'a str, GenerateError> {
    let root = floe_root(floe)?;
    let (name, pointer) = floe.req_str(root, "", key::NAME)?;
    super::super::check_len(floe, &pointer, name, 1, 100)?;
    if !PROFILE_NAME.is_match(name) {
        return Err(floe.invalid(
            &pointer,
            "String should match pattern '^[a-zA-Z][a-zA-Z0-9_-]{0,99}$'",
        ));
    }
    Ok(name)
}

pub(in crate::profiles) fn floe_root<'a>(floe: &File<'a>) -> Result<&'a Node, GenerateError> {
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
pub(in crate::profiles) fn floe_ref<'a>(
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
pub(in crate::profiles) fn section<'a>(
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
pub(in crate::profiles) type Lookup<'a> = Result<(&'a Node, String), (String, Vec<String>)>;

/// `PlatformSpec.get_<kind>_profile(name)`: the profile node and its pointer, or the `KeyError`
/// text `"<Kind> profile 'x' not found. Available profiles: ['a', 'b']"`.
pub(in crate::profiles) fn get_profile<'a>(
    platform: &File<'a>,
    section: Section,
    name: &str,
) -> Result<Lookup<'a>, GenerateError> {
    let (section_name, kind) = (section.key(), section.label());
    let node = self::section(platform, section_name)?;
    let entries = node.and_then(Node::as_mapping).unwrap_or(&[]);
    // The keys are listed only for the message of a miss.
    let listed = entries.iter().any(|e| e.key.key_is(name));
    match node.and_then(|n| child(n, name)) {
        Some(profile) if listed => {
            let pointer = child_pointer(&child_pointer("", section_name), name);
            let model = format!("{kind}Profile");
            platform.model(profile, &pointer, &model)?;
            Ok(Ok((profile, pointer)))
        }
        _ => {
            let keys = python_keys(entries);
            Ok(Err((
                format!(
                    "{kind} profile '{name}' not found. Available profiles: {}",
                    available(name, &keys, Listing::Python)
                ),
                keys,
            )))
        }
    }
}

pub(super) fn read_storage<'a>(
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
    super::super::check_len(platform, &bucket_pointer, bucket, 3, 63)?;
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

pub(super) fn read_catalog<'a>(
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
    super::super::check_len(platform, &warehouse_pointer, warehouse, 1, 255)?;
    let namespace = platform.opt_str(node, &pointer, key::NAMESPACE)?;
    if let Some((ns, ns_pointer)) = &namespace {
        super::super::check_len(platform, ns_pointer, ns, 1, 255)?;
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
        if super::super::is_null(value) {
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

pub(super) fn read_compute<'a>(
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
