//! floe.yaml's custom validators: orchestration identifiers, partitions, jobs and sensors.

use super::*;

/// The orchestration maps whose keys must be identifiers, as upstream names them in messages.
const IDENTIFIER_KEYED: [&str; 5] = [
    key::PARTITIONS,
    key::JOBS,
    key::SCHEDULES,
    key::SENSORS,
    key::BACKFILLS,
];

/// Deepest nesting of `multi` partitions that is followed.
const MAX_PARTITION_DEPTH: usize = 32;

/// `OrchestrationConfig.__init__` plus the custom `__init__` checks of partitions, jobs and
/// sensors.
pub(super) fn check_orchestration(orch: &Object<'_>, pointer: &str, out: &mut Vec<SemanticError>) {
    if let Some(modules) = orch.get(key::ASSET_MODULES).and_then(|v| v.as_array()) {
        let base = child(pointer, key::ASSET_MODULES);
        for (i, module) in modules.iter().enumerate() {
            if let Some(module) = module.as_str()
                && !py_match(&MODULE_PATH_RE, module)
            {
                push(
                    out,
                    child(&base, &i.to_string()),
                    false,
                    format!("Invalid module path: {module}"),
                );
            }
        }
    }

    for dict_name in IDENTIFIER_KEYED {
        let Some(dict) = orch.get(dict_name).and_then(|v| v.as_object()) else {
            continue;
        };
        let base = child(pointer, dict_name);
        for key in dict.keys() {
            if !py_match(&IDENTIFIER_RE, &key) {
                push(
                    out,
                    child(&base, &key),
                    true,
                    format!("Invalid identifier in {dict_name}: {key}"),
                );
            }
        }
    }

    if let Some(partitions) = orch.get(key::PARTITIONS).and_then(|v| v.as_object()) {
        let base = child(pointer, key::PARTITIONS);
        for (name, partition) in partitions.iter() {
            check_partition(&partition, &child(&base, &name), 0, out);
        }
    }

    if let Some(jobs) = orch.get(key::JOBS).and_then(|v| v.as_object()) {
        let base = child(pointer, key::JOBS);
        for (name, job) in jobs.iter() {
            let Some(job) = job.as_object() else {
                continue;
            };
            if str_field(&job, key::TYPE) == Some(JOB_BATCH) {
                check_blank_entries(
                    &job,
                    key::SELECTION,
                    &child(&base, &name),
                    "Asset selection expressions cannot be empty",
                    out,
                );
            }
        }
    }

    if let Some(sensors) = orch.get(key::SENSORS).and_then(|v| v.as_object()) {
        let base = child(pointer, key::SENSORS);
        for (name, sensor) in sensors.iter() {
            let Some(sensor) = sensor.as_object() else {
                continue;
            };
            let sensor_ptr = child(&base, &name);
            match str_field(&sensor, key::TYPE) {
                Some(SENSOR_ASSET) => check_blank_entries(
                    &sensor,
                    key::WATCHED_ASSETS,
                    &sensor_ptr,
                    "Watched asset names cannot be empty",
                    out,
                ),
                Some(SENSOR_RUN_STATUS) => check_blank_entries(
                    &sensor,
                    key::WATCHED_JOBS,
                    &sensor_ptr,
                    "Watched job names cannot be empty",
                    out,
                ),
                _ => {}
            }
        }
    }
}

/// Reports each string entry of `map[key]` that is empty or whitespace only.
fn check_blank_entries(
    map: &Object<'_>,
    key: &str,
    pointer: &str,
    message: &str,
    out: &mut Vec<SemanticError>,
) {
    let Some(items) = map.get(key).and_then(|v| v.as_array()) else {
        return;
    };
    let base = child(pointer, key);
    for (i, item) in items.iter().enumerate() {
        if item.as_str().is_some_and(|s| s.trim().is_empty()) {
            push(out, child(&base, &i.to_string()), false, message.to_owned());
        }
    }
}

/// `StaticPartition.__init__` and `MultiPartition.__init__`, recursing into `multi` partitions.
fn check_partition(
    partition: &Json<'_>,
    pointer: &str,
    depth: usize,
    out: &mut Vec<SemanticError>,
) {
    let Some(partition) = partition.as_object() else {
        return;
    };
    match str_field(&partition, key::TYPE) {
        Some(PARTITION_STATIC) => {
            let Some(keys) = partition
                .get(key::PARTITION_KEYS)
                .and_then(|v| v.as_array())
            else {
                return;
            };
            let base = child(pointer, key::PARTITION_KEYS);
            let keys: Vec<Json<'_>> = keys.iter().collect();
            for (i, key) in keys.iter().enumerate() {
                if let Some(text) = key.as_str()
                    && keys[..i].iter().any(|k| k.as_str() == Some(text))
                {
                    push(
                        out,
                        child(&base, &i.to_string()),
                        false,
                        "Partition keys must be unique".to_owned(),
                    );
                }
            }
            for (i, key) in keys.iter().enumerate() {
                if key.as_str().is_some_and(|s| s.trim().is_empty()) {
                    push(
                        out,
                        child(&base, &i.to_string()),
                        false,
                        "Partition keys cannot be empty".to_owned(),
                    );
                }
            }
        }
        Some(PARTITION_MULTI) => {
            let Some(parts) = partition.get(key::PARTITIONS).and_then(|v| v.as_object()) else {
                return;
            };
            let base = child(pointer, key::PARTITIONS);
            for key in parts.keys() {
                if !py_match(&IDENTIFIER_RE, &key) {
                    push(
                        out,
                        child(&base, &key),
                        true,
                        format!("Partition key must be valid identifier: {key}"),
                    );
                }
            }
            if depth < MAX_PARTITION_DEPTH {
                for (key, sub) in parts.iter() {
                    check_partition(&sub, &child(&base, &key), depth + 1, out);
                }
            }
        }
        _ => {}
    }
}
