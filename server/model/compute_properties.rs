//! The connection properties floe documents for each compute target. `compute.<name>.properties`
//! is a free-form map upstream (nothing is validated), so these are not in the JSON Schema; they
//! feed completion and hover, from the docstrings of floe's `ComputeProfile` and its
//! `docs/platform-config.md` (spec §2.5) and what its profile generators read (spec §4.3).

use serde_json::{Value, json};

use crate::dialect::dbt;
use crate::dialect::runtime::constants::compute_type::{self, *};

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
        DUCKDB,
        dbt::PATH,
        false,
        "DuckDB database file, e.g. `/tmp/floe.duckdb`. The default `\":memory:\"` loses every table between runs (FL400).",
        string,
    ),
    property(
        DUCKDB,
        dbt::THREADS,
        false,
        "Threads dbt gives DuckDB. Default 4.",
        integer,
    ),
    property(
        DUCKDB,
        dbt::MEMORY_LIMIT,
        false,
        "DuckDB `memory_limit`, e.g. `\"4GB\"`: at least 125 MB per thread (FL405) and about two thirds of the container's limit at most (FL406).",
        string,
    ),
    property(
        DUCKDB,
        dbt::EXTENSIONS,
        false,
        "DuckDB extensions to load, e.g. `[iceberg, httpfs]`.",
        || json!({"type": "array", "items": {"enum": [dbt::ICEBERG, dbt::HTTPFS, "avro", "parquet", "json", "aws"]}}),
    ),
    property(
        SNOWFLAKE,
        dbt::ACCOUNT,
        true,
        "Snowflake account identifier.",
        string,
    ),
    property(
        SNOWFLAKE,
        dbt::WAREHOUSE,
        false,
        "Virtual warehouse.",
        string,
    ),
    property(SNOWFLAKE, dbt::DATABASE, false, "Database.", string),
    property(SNOWFLAKE, dbt::SCHEMA, false, "Schema.", string),
    property(SNOWFLAKE, dbt::ROLE, false, "Role.", string),
    property(BIGQUERY, dbt::PROJECT, true, "GCP project id.", string),
    property(BIGQUERY, dbt::DATASET, false, "Dataset.", string),
    property(
        BIGQUERY,
        dbt::LOCATION,
        false,
        "Dataset location, e.g. `EU`.",
        string,
    ),
    property(
        BIGQUERY,
        dbt::METHOD,
        false,
        "Authentication: `oauth` (default) or `service-account`.",
        || json!({"enum": [dbt::BIGQUERY_OAUTH, dbt::BIGQUERY_SERVICE_ACCOUNT]}),
    ),
    property(REDSHIFT, dbt::HOST, true, "Cluster endpoint host.", string),
    property(REDSHIFT, dbt::PORT, false, "Port. Default 5439.", integer),
    property(REDSHIFT, dbt::DATABASE, false, "Database.", string),
    property(DATABRICKS, dbt::HOST, true, "Workspace host.", string),
    property(
        DATABRICKS,
        dbt::HTTP_PATH,
        false,
        "SQL warehouse or cluster HTTP path.",
        string,
    ),
    property(
        DATABRICKS,
        dbt::CATALOG,
        false,
        "Unity Catalog catalog.",
        string,
    ),
    property(DATABRICKS, dbt::SCHEMA, false, "Schema.", string),
    property(POSTGRES, dbt::HOST, true, "Server host.", string),
    property(POSTGRES, dbt::PORT, false, "Port. Default 5432.", integer),
    property(POSTGRES, dbt::DATABASE, false, "Database.", string),
    property(POSTGRES, dbt::SCHEMA, false, "Schema.", string),
    property(SPARK, dbt::HOST, false, "Thrift or HTTP host.", string),
    property(
        SPARK,
        dbt::METHOD,
        false,
        "Connection method: `thrift` (default), `http` or `odbc`.",
        || json!({"enum": [dbt::SPARK_THRIFT, dbt::SPARK_HTTP, dbt::SPARK_ODBC]}),
    ),
    property(
        SPARK,
        dbt::CLUSTER,
        false,
        "Cluster id (http/odbc).",
        string,
    ),
    property(SPARK, dbt::PORT, false, "Port. Default 10000.", integer),
    property(
        SPARK,
        dbt::DRIVER,
        false,
        "ODBC driver path (odbc).",
        string,
    ),
];

/// The documented properties of a compute target (`duckdb` when none is written, as upstream).
pub fn of(target: Option<&str>) -> impl Iterator<Item = &'static Property> {
    let target = target.unwrap_or(compute_type::DEFAULT);
    DOCUMENTED.iter().filter(move |p| p.target == target)
}

/// The documented property `name` of a target.
pub fn find(target: Option<&str>, name: &str) -> Option<&'static Property> {
    of(target).find(|p| p.name == name)
}
