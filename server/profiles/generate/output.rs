//! The `outputs.<target>` block, keys in upstream's order, and the Polaris plugin's `config`.

use super::*;

/// The `outputs.<target>` block, keys in upstream's order.
pub(super) fn output_block<'a>(
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
