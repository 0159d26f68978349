//! The reference family (FL5xx): names inside one file that point nowhere. Upstream checks these
//! late (Dagster load time) or never.

pub mod jobs;
pub mod layers;
pub mod partitions;
pub mod storage_ref;

/// `['a', 'b']`, as Python prints a list of names in upstream's messages.
pub fn python_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    format!("[{}]", quoted.join(", "))
}
