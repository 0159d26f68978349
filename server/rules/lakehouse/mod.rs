//! The lakehouse family (FL4xx): DuckDB, Polaris and S3 mistakes that break floe deployments
//! (spec §5.1, §5.4).

pub mod catalog_uri;
pub mod duckdb_memory;
pub mod iceberg_export_memory;
pub mod ignored_schedule;
pub mod lineage_endpoint;
pub mod memory_database;
pub mod namespace_prefix;
pub mod path_style_access;
pub mod stale_table_repair;
pub mod vended_credentials;
