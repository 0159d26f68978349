//! The generated Generation B manifest.yaml the benchmarks measure (included with `#[path]`):
//! valid against the manifest's schema and quiet under the rules, so the benchmarks time a
//! realistic clean file. Its bulk is `resource_presets` (named Kubernetes resource sizes, which a
//! platform with many workloads grows) in upstream's canonical form.

use std::fmt::Write as _;

/// A valid manifest.yaml of at least `target` lines.
pub fn generate_manifest(target: usize) -> String {
    let mut y = String::with_capacity(target * 24);
    y.push_str(
        "apiVersion: floe.dev/v1\n\
         kind: Manifest\n\
         metadata:\n  \
           name: acme-platform\n  \
           version: 1.0.0\n  \
           description: Generated manifest for the benchmarks\n  \
           owner: platform-team@acme.example\n\
         plugins:\n  \
           compute:\n    \
             type: duckdb\n    \
             config:\n      \
               path: /var/lib/floe/{product_slug}.duckdb\n      \
               threads: 4\n  \
           orchestrator:\n    \
             type: dagster\n\
         governance:\n  \
           policy_enforcement_level: warn\n  \
           default_ttl_hours: 24\n  \
           snapshot_keep_last: 3\n\
         resource_presets:\n",
    );
    let mut preset = 0;
    while y.lines().count() < target {
        let cpu = 100 + (preset % 40) * 25;
        let memory = 256 + (preset % 32) * 128;
        // `write!` into a String cannot fail.
        let _ = write!(
            y,
            "  preset-{preset:04}:\n    requests:\n      cpu: \"{cpu}m\"\n      memory: \"{memory}Mi\"\n    limits:\n      cpu: \"{}m\"\n      memory: \"{}Mi\"\n",
            cpu * 2,
            memory * 2
        );
        preset += 1;
    }
    y
}
