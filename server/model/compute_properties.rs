//! The connection properties floe documents for each compute target. `compute.<name>.properties`
//! is a free-form map upstream (nothing is validated), so these are not in the JSON Schema; they
//! feed completion and hover, from the docstrings of floe's `ComputeProfile` and its
//! `docs/platform-config.md` (spec §2.5) and what its profile generators read (spec §4.3).

use serde_json::{Value, json};

/// One documented property.
pub struct Property {
    pub target: &'static str,
    pub name: &'static str,
    pub required: bool,
    pub description: &'static str,
    schema: fn() -> Value,
}

impl Property {
    /// A JSON Schema fragment for the property's value (for value completion and hover).
    pub fn schema(&self) -> Value {
        let mut schema = (self.schema)();
        if let Some(object) = schema.as_object_mut() {
            object.insert("description".into(), Value::String(self.description.into()));
        }
        schema
    }
}

fn string() -> Value {
    json!({"type": "string"})
}
fn integer() -> Value {
    json!({"type": "integer"})
}

const fn property(
    target: &'static str,
    name: &'static str,
    required: bool,
    description: &'static str,
    schema: fn() -> Value,
) -> Property {
    Property {
        target,
        name,
        required,
        description,
        schema,
    }
}

pub static DOCUMENTED: &[Property] = &[
    property(
        "duckdb",
        "path",
        false,
        "DuckDB database file, e.g. `/tmp/floe.duckdb`. The default `\":memory:\"` loses every table between runs (FL400).",
        string,
    ),
    property(
        "duckdb",
        "threads",
        false,
        "Threads dbt gives DuckDB. Default 4.",
        integer,
    ),
    property(
        "duckdb",
        "memory_limit",
        false,
        "DuckDB `memory_limit`, e.g. `\"4GB\"`: at least 125 MB per thread (FL405) and about two thirds of the container's limit at most (FL406).",
        string,
    ),
    property(
        "duckdb",
        "extensions",
        false,
        "DuckDB extensions to load, e.g. `[iceberg, httpfs]`.",
        || json!({"type": "array", "items": {"enum": ["iceberg", "httpfs", "avro", "parquet", "json", "aws"]}}),
    ),
    property(
        "snowflake",
        "account",
        true,
        "Snowflake account identifier.",
        string,
    ),
    property(
        "snowflake",
        "warehouse",
        false,
        "Virtual warehouse.",
        string,
    ),
    property("snowflake", "database", false, "Database.", string),
    property("snowflake", "schema", false, "Schema.", string),
    property("snowflake", "role", false, "Role.", string),
    property("bigquery", "project", true, "GCP project id.", string),
    property("bigquery", "dataset", false, "Dataset.", string),
    property(
        "bigquery",
        "location",
        false,
        "Dataset location, e.g. `EU`.",
        string,
    ),
    property(
        "bigquery",
        "method",
        false,
        "Authentication: `oauth` (default) or `service-account`.",
        || json!({"enum": ["oauth", "service-account"]}),
    ),
    property("redshift", "host", true, "Cluster endpoint host.", string),
    property("redshift", "port", false, "Port. Default 5439.", integer),
    property("redshift", "database", false, "Database.", string),
    property("databricks", "host", true, "Workspace host.", string),
    property(
        "databricks",
        "http_path",
        false,
        "SQL warehouse or cluster HTTP path.",
        string,
    ),
    property(
        "databricks",
        "catalog",
        false,
        "Unity Catalog catalog.",
        string,
    ),
    property("databricks", "schema", false, "Schema.", string),
    property("postgres", "host", true, "Server host.", string),
    property("postgres", "port", false, "Port. Default 5432.", integer),
    property("postgres", "database", false, "Database.", string),
    property("postgres", "schema", false, "Schema.", string),
    property("spark", "host", false, "Thrift or HTTP host.", string),
    property(
        "spark",
        "method",
        false,
        "Connection method: `thrift` (default), `http` or `odbc`.",
        || json!({"enum": ["thrift", "http", "odbc"]}),
    ),
    property("spark", "cluster", false, "Cluster id (http/odbc).", string),
    property("spark", "port", false, "Port. Default 10000.", integer),
    property("spark", "driver", false, "ODBC driver path (odbc).", string),
];

/// The documented properties of a compute target (`duckdb` when none is written, as upstream).
pub fn of(target: Option<&str>) -> impl Iterator<Item = &'static Property> {
    let target = target.unwrap_or("duckdb");
    DOCUMENTED.iter().filter(move |p| p.target == target)
}

/// The documented property `name` of a target.
pub fn find(target: Option<&str>, name: &str) -> Option<&'static Property> {
    of(target).find(|p| p.name == name)
}
