//! The fuzz targets' checks under `cargo test`, without cargo-fuzz or libFuzzer: every input saved
//! under `tests/fixtures/fuzz-regressions/<target>/` (a crash once found, kept after its fix), and
//! every YAML fixture, go through the same harness the fuzz targets call (fuzz/src/lib.rs).

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod harness;

/// What a fuzz target runs on one input.
type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 5] = [
    ("yaml", harness::yaml),
    ("reparse", harness::reparse),
    ("check_pair", harness::check_pair),
    ("fix", harness::fix),
    ("lsp_frames", harness::lsp_frames),
];

fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, keep, out);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

/// Runs `run` on each file, naming the file of any failure.
fn replay(run: Target, inputs: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
    let mut failed = Vec::new();
    for (path, bytes) in inputs {
        if std::panic::catch_unwind(|| run(bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    failed
}

fn read(paths: Vec<PathBuf>) -> Vec<(PathBuf, Vec<u8>)> {
    let mut inputs: Vec<_> = paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable input");
            (p, bytes)
        })
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn saved_fuzz_inputs_pass_their_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut failed = Vec::new();
    let mut count = 0;
    for (target, run) in TARGETS {
        let mut paths = Vec::new();
        files(
            &root.join(target),
            &|p| !p.ends_with("README.md"),
            &mut paths,
        );
        let inputs = read(paths);
        count += inputs.len();
        failed.extend(replay(run, &inputs));
    }
    assert!(
        failed.is_empty(),
        "failing saved inputs:\n{}",
        failed.join("\n")
    );
    eprintln!("{count} saved fuzz inputs replayed");
}

#[test]
fn fixtures_pass_every_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = Vec::new();
    let yaml = |p: &Path| {
        !p.starts_with(root.join("fuzz-regressions"))
            && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
    };
    files(&root, &yaml, &mut paths);
    let fixtures = read(paths);
    assert!(fixtures.len() > 50, "fixtures found: {}", fixtures.len());
    // As the seed script lays them out: alone (floe.yaml), and as a platform.yaml after 0xFF.
    let as_platform: Vec<_> = fixtures
        .iter()
        .map(|(p, b)| (p.clone(), [&[0xFF][..], b].concat()))
        .collect();
    // Each project's floe.yaml with each of its environments' platform.yaml files.
    let mut pairs = Vec::new();
    for (floe, floe_bytes) in fixtures.iter().filter(|(p, _)| p.ends_with("floe.yaml")) {
        let dir = floe.parent().expect("a directory").join("platform");
        let mut platforms = Vec::new();
        files(&dir, &|p| p.ends_with("platform.yaml"), &mut platforms);
        for (platform, bytes) in read(platforms) {
            for separator in [0xFF, 0xFE] {
                let pair = [&floe_bytes[..], &[separator], &bytes].concat();
                pairs.push((platform.clone(), pair));
            }
        }
    }
    assert!(
        pairs.len() >= 10,
        "floe.yaml + platform.yaml pairs: {}",
        pairs.len()
    );
    let as_frames: Vec<_> = fixtures
        .iter()
        .map(|(p, b)| {
            let text = String::from_utf8_lossy(b);
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": "file:///p/platform.yaml",
                    "languageId": "yaml", "version": 1, "text": text}},
            })
            .to_string();
            let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
            (p.clone(), frame.into_bytes())
        })
        .collect();
    let mut failed = Vec::new();
    failed.extend(replay(harness::yaml, &fixtures));
    failed.extend(replay(harness::reparse, &fixtures));
    failed.extend(replay(harness::check_pair, &fixtures));
    failed.extend(replay(harness::check_pair, &as_platform));
    failed.extend(replay(harness::fix, &fixtures));
    failed.extend(replay(harness::fix, &as_platform));
    failed.extend(replay(harness::check_pair, &pairs));
    failed.extend(replay(harness::fix, &pairs));
    failed.extend(replay(harness::lsp_frames, &as_frames));
    assert!(
        failed.is_empty(),
        "failing fixtures:\n{}",
        failed.join("\n")
    );
}
