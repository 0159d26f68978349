//! The generated platform.yaml both benchmarks measure (included with `#[path]`): valid against
//! floe's schema and quiet under every rule (one FL700 note aside: the `default` catalog has no
//! credentials scope), so the benchmarks time a realistic clean file.

use std::fmt::Write as _;

/// A valid platform.yaml of at least `target` lines: the smallest number of "units" (one storage,
/// catalog and compute profile plus one layer each, with zones, routes and resource profiles
/// growing alongside) that reaches the target.
pub fn generate_platform(target: usize) -> String {
    let mut units = 1;
    loop {
        let text = platform_yaml(units);
        if text.lines().count() >= target {
            return text;
        }
        units += 1;
    }
}

fn platform_yaml(units: usize) -> String {
    const STORAGE_TYPES: [&str; 4] = ["s3", "gcs", "azure", "local"];
    const CATALOG_TYPES: [&str; 5] = ["polaris", "glue", "nessie", "rest", "hive"];
    const COMPUTE_TYPES: [&str; 7] = [
        "duckdb",
        "snowflake",
        "bigquery",
        "redshift",
        "databricks",
        "postgres",
        "spark",
    ];
    const DELEGATION: [&str; 3] = ["none", "vended-credentials", "remote-signing"];
    const TIERS: [&str; 3] = ["bronze", "silver", "gold"];
    let zones = units.div_ceil(4);
    let mut y = String::with_capacity(units * 1_600);
    let w = &mut y;
    // `write!` into a String cannot fail.
    macro_rules! out {
        ($($arg:tt)*) => {{ let _ = writeln!(w, $($arg)*); }};
    }
    out!("# Generated benchmark platform.yaml ({units} profile units).");
    out!("# Every value is valid against schemas/platform.schema.json and upstream's validators.");
    out!("version: \"1.2.0\"");
    out!();
    out!("infrastructure:");
    out!("  timezone: \"Europe/Paris\"");
    out!("  network:");
    out!("    enabled: true");
    out!("    dns:");
    out!("      internal_domain: floe.local");
    out!("      external_domain: data.example.com");
    out!("      strategy: kubernetes");
    out!("    network_policies:");
    out!("      enabled: true");
    out!("      default_rule: deny-all");
    out!("      zones:");
    for z in 0..zones {
        out!("        zone_{z:03}:");
        out!("          description: \"Network zone {z} for tenant workloads\"");
        out!("          allowed_egress:");
        out!("            - zone_{:03}", (z + 1) % zones);
        out!("            - storage");
        out!(
            "          allowed_ingress: [ingress, zone_{:03}]",
            (z + zones - 1) % zones
        );
    }
    out!("    ingress:");
    out!("      enabled: true");
    out!("      ingress_class: nginx");
    out!("      tls:");
    out!("        enabled: true");
    out!("        provider: cert-manager");
    out!("        issuer: letsencrypt-prod");
    out!("        min_version: \"1.2\"");
    out!("      routes:");
    for z in 0..zones {
        out!("        route_{z:03}:");
        out!("          host: svc-{z:03}.data.example.com");
        out!("          service: floe-service-{z:03}");
        out!("          port: {}", 8000 + z);
        out!("          auth: oauth2-proxy");
    }
    out!("    local_access:");
    out!("      enabled: true");
    out!("      access_type: nodeport");
    out!("      ports:");
    out!("        dagster: 30000");
    out!("        polaris: 30181");
    out!("  cloud:");
    out!("    provider: local");
    out!("    localstack:");
    out!("      enabled: true");
    out!("      endpoint: \"http://floe-infra-localstack:4566\"");
    out!("      services: [s3, sts, iam, secretsmanager]");
    out!("  lifecycle:");
    out!("    cleanup:");
    out!("      enabled: true");
    out!("      jobs:");
    out!("        ttl_seconds: 300");
    out!("        history_limits:");
    out!("          successful: 3");
    out!("          failed: 5");
    out!("  resource_profiles:");
    for z in 0..zones {
        out!("    profile_{z:03}:");
        out!("      requests:");
        out!("        cpu: \"{}m\"", 100 + 50 * (z % 10));
        out!("        memory: \"{}Mi\"", 256 * (1 + z % 4));
        out!("      limits:");
        out!("        cpu: \"{}m\"", 500 + 100 * (z % 10));
        out!("        memory: \"{}Mi\"", 512 * (1 + z % 4));
        out!("      env:");
        out!("        DUCKDB_MEMORY_LIMIT: \"{}GB\"", 1 + z % 8);
        out!("        DUCKDB_THREADS: \"{}\"", 1 + z % 4);
    }
    out!();
    out!("security:");
    out!("  authentication:");
    out!("    enabled: false");
    out!("    method: static");
    out!("  authorization:");
    out!("    enabled: false");
    out!("  secret_backends:");
    out!("    primary: kubernetes");
    out!("    kubernetes:");
    out!("      enabled: true");
    out!("      namespace: floe");
    out!("      mount_path: /var/run/secrets");
    out!("  encryption:");
    out!("    in_transit:");
    out!("      enabled: false");
    out!("    at_rest:");
    out!("      enabled: false");
    out!();
    out!("governance:");
    out!("  classifications:");
    out!("    enabled: false");
    out!("  retention:");
    out!("    enabled: false");
    out!();
    out!("# Storage profiles: one bucket per tenant and tier.");
    out!("storage:");
    out!("  default:");
    out!("    type: s3");
    out!("    endpoint: \"https://s3.us-east-1.amazonaws.com\"");
    out!("    bucket: iceberg-default");
    out!("    path_style_access: true");
    for i in 0..units {
        out!("  lake_{i:04}:  # tenant {i}");
        out!("    type: {}", STORAGE_TYPES[i % STORAGE_TYPES.len()]);
        if i % 3 == 0 {
            out!("    endpoint:");
            out!("      secret_ref: storage-endpoint-{i:04}");
        } else {
            out!("    endpoint: \"https://storage-{i:04}.example.com\"");
        }
        out!(
            "    region: {}",
            ["us-east-1", "eu-west-1", "ap-southeast-2"][i % 3]
        );
        out!("    bucket: iceberg-{}-{i:04}", TIERS[i % 3]);
        out!("    path_style_access: {}", i % 2 == 0);
        out!("    credentials:");
        if i % 2 == 0 {
            out!("      mode: static");
            out!("      secret_ref: aws-credentials-{i:04}");
        } else {
            out!("      mode: iam_role");
            out!("      role_arn: \"arn:aws:iam::123456789012:role/floe-lake-{i:04}\"");
        }
    }
    out!();
    out!("# Iceberg catalogs.");
    out!("catalogs:");
    out!("  default:");
    out!("    type: polaris");
    out!("    uri: \"http://floe-infra-polaris:8181/api/catalog\"");
    out!("    warehouse: demo_catalog");
    for i in 0..units {
        out!("  cat_{i:04}:");
        out!("    type: {}", CATALOG_TYPES[i % CATALOG_TYPES.len()]);
        if i % 4 == 0 {
            out!("    uri:");
            out!("      secret_ref: catalog-uri-{i:04}");
        } else {
            out!("    uri: \"http://catalog-{i:04}.floe.local:8181/api/catalog\"");
        }
        out!("    warehouse: warehouse_{i:04}");
        out!("    namespace: tenant_{i:04}");
        out!("    credentials:");
        out!("      mode: oauth2");
        out!("      client_id:");
        out!("        secret_ref: polaris-client-id-{i:04}");
        out!("      client_secret:");
        out!("        secret_ref: polaris-client-secret-{i:04}");
        out!("      scope: \"PRINCIPAL_ROLE:tenant_{i:04}\"");
        out!(
            "    access_delegation: {}",
            DELEGATION[i % DELEGATION.len()]
        );
        out!("    token_refresh_enabled: {}", i % 5 != 0);
        out!("    properties:");
        out!("      warehouse-location: \"s3://iceberg-{i:04}/warehouse\"");
        out!("      cache-enabled: \"true\"");
    }
    out!();
    out!("# dbt compute targets.");
    out!("compute:");
    out!("  default:");
    out!("    type: duckdb");
    out!("    properties:");
    out!("      path: \"/tmp/floe.duckdb\"");
    out!("      threads: 4");
    for i in 0..units {
        out!("  engine_{i:04}:");
        out!("    type: {}", COMPUTE_TYPES[i % COMPUTE_TYPES.len()]);
        out!("    properties:");
        out!("      path: \"/data/engine_{i:04}.duckdb\"");
        out!("      account: acct-{i:04}");
        out!("      threads: {}", 1 + i % 16);
        out!("      memory_limit: \"{}GB\"", 1 + i % 32);
        out!(
            "      settings: {{retries: {}, timeout: {}.5}}",
            i % 5,
            30 + i % 90
        );
        out!("    credentials:");
        out!(
            "      mode: {}",
            if i % 2 == 0 {
                "static"
            } else {
                "service_account"
            }
        );
    }
    out!();
    out!("# Medallion layers per tenant.");
    out!("layers:");
    for i in 0..units {
        let tier = TIERS[i % 3];
        out!("  {tier}_{i:04}:");
        out!("    name: {tier}_{i:04}");
        out!("    description: \"{tier} data of tenant {i}\"");
        out!("    storage_ref: lake_{i:04}");
        out!("    catalog_ref: cat_{i:04}");
        out!("    namespace: tenant_{i:04}.{tier}");
        out!("    retention_days: {}", 30 * (1 + i % 12));
        out!("    properties:");
        out!("      layer: {tier}");
        out!("      owner: team-{}", i % 7);
    }
    out!();
    out!("observability:");
    out!("  traces: true");
    out!("  metrics: true");
    out!("  lineage: true");
    out!("  otlp_endpoint: \"http://floe-infra-jaeger-collector:4317\"");
    out!("  lineage_endpoint: \"http://floe-infra-marquez:5000/api/v1/lineage\"");
    out!("  attributes:");
    out!("    service.name: floe-bench");
    out!("    deployment.environment: bench");
    y
}
