//! Property tests: no input makes the parser or the checker panic.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use floe_lint::check::{check_document, check_projects};
use floe_lint::model::FileKind;
use floe_lint::syntax::{ColumnUnit, Limits};
use floe_lint::workspace::{Environment, Project, Selection};
use proptest::prelude::*;

/// Fragments that steer random text into YAML's and floe's interesting corners.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\n",
        "  ",
        "- ",
        ": ",
        "? ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "&a ",
        "*a",
        "<<: *a\n",
        "!!str ",
        "!x ",
        "'",
        "\"",
        "#",
        "---\n",
        "...\n",
        "|\n",
        ">-\n",
        "\t",
        "\u{feff}",
        "é",
        "🚀",
        "\r\n",
        "version",
        "storage",
        "catalogs",
        "compute",
        "credentials",
        "mode: oauth2",
        "type",
        "default",
        "1.2",
        "on",
        "~",
        "2024-01-01",
        "secret_ref",
        "layers",
        "orchestration",
        "jobs",
        "partitions",
        "%YAML 1.2\n",
        "\\x00",
        "\0",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn check_everything(floe: &[u8], platform: &[u8]) {
    let limits = Limits::default();
    for kind in [FileKind::Floe, FileKind::Platform] {
        let file: Arc<Path> = Arc::from(Path::new("x.yaml"));
        let (document, diagnostics) = check_document(kind, &file, floe, &limits);
        for d in &diagnostics {
            assert!(
                d.span.start <= d.span.end && d.span.end <= document.text.len().max(d.span.end)
            );
            let _ = document
                .line_index
                .line_col(&document.text, d.span.start, ColumnUnit::Utf16);
        }
    }
    let project = Project {
        floe: Some(PathBuf::from("floe.yaml")),
        environments: vec![Environment {
            name: "local".into(),
            platform: PathBuf::from("platform.yaml"),
        }],
        searched: Vec::new(),
        manifest: None,
    };
    let sources = std::collections::HashMap::from([
        (PathBuf::from("floe.yaml"), floe.to_vec()),
        (PathBuf::from("platform.yaml"), platform.to_vec()),
    ]);
    let report = check_projects(
        &[project],
        &sources,
        &Selection::default(),
        &floe_lint::check::Options::default(),
    );
    for d in &report.diagnostics {
        let document = report
            .document(&d.file)
            .expect("diagnostic file is a checked document");
        assert!(d.span.end <= document.text.len(), "{d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(floe in prop::collection::vec(any::<u8>(), 0..512), platform in prop::collection::vec(any::<u8>(), 0..512)) {
        check_everything(&floe, &platform);
    }

    #[test]
    fn yaml_like_text_never_panics(floe in yamlish(), platform in yamlish()) {
        check_everything(floe.as_bytes(), platform.as_bytes());
    }
}
