//! Step 4: the namespace. Generation A's must exist (dbt writes into it); a Generation B
//! product's is created by the runtime's export on its first run, so a missing one is reported,
//! not failed; a manifest on its own has its namespaces listed (PyIceberg's health check).

use std::time::Duration;

use super::http::{namespace_tables, namespaces};
use super::resolved::{Namespace, Resolved};
use super::{Failure, fail};

/// How many listed namespaces a detail names.
const SHOWN: usize = 10;

pub fn step(
    resolved: &Resolved,
    prefix: &str,
    token: &str,
    timeout: Duration,
) -> Result<String, Failure> {
    match &resolved.namespace {
        Namespace::Required(namespace) => {
            match namespace_tables(resolved, prefix, namespace, token, timeout)? {
                Some(tables) => Ok(format!(
                    "namespace `{namespace}` exists with {}",
                    count(tables, "table")
                )),
                None => Err(fail(
                    format!(
                        "namespace: `{namespace}` does not exist in warehouse `{}` (HTTP 404)",
                        resolved.warehouse
                    ),
                    "create the namespace in the catalog, or set `namespace` to an existing one (without the warehouse prefix)",
                )),
            }
        }
        Namespace::Product(namespace) => {
            if let Some(tables) = namespace_tables(resolved, prefix, namespace, token, timeout)? {
                return Ok(format!(
                    "the product's namespace `{namespace}` exists with {}",
                    count(tables, "table")
                ));
            }
            let listed = namespaces(resolved, prefix, token, timeout)?;
            Ok(format!(
                "the product's namespace `{namespace}` does not exist yet: floe's export creates it on the first run (the principal role needs the right to create namespaces); {}",
                listing(&listed, &resolved.warehouse)
            ))
        }
        Namespace::Any => {
            let listed = namespaces(resolved, prefix, token, timeout)?;
            Ok(listing(&listed, &resolved.warehouse))
        }
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn listing(namespaces: &[String], warehouse: &str) -> String {
    let mut shown: Vec<String> = namespaces
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect();
    if namespaces.len() > SHOWN {
        shown.push(format!("and {} more", namespaces.len() - SHOWN));
    }
    let names = if shown.is_empty() {
        String::new()
    } else {
        format!(": {}", shown.join(", "))
    };
    format!(
        "warehouse `{warehouse}` has {}{names}",
        count(namespaces.len(), "namespace")
    )
}
