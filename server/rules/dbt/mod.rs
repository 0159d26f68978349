//! The dbt family (FL6xx): model configuration that bypasses the platform (upstream's
//! `validate_dbt_models`, spec §5.2, which floe defines but never runs).

pub mod model_config;
