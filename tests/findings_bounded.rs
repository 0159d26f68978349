//! The CLI bounds a file's findings as the rules make them (a 10 MB platform.yaml can have
//! 100,000, of which a report shows 1,000). What it reports must be exactly what keeping them all
//! until the end reports: the same findings, the same FL008 count, the same suppressions used and
//! unused, the same secret spans masked. The language server's path (a cache) keeps them all, so
//! the two are compared on one project.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use floe_lint::check::{Cache, Options, Report, check_projects};
use floe_lint::syntax::Limits;
use floe_lint::workspace::{Environment, Project, Selection};

/// `profiles` storage profiles, each with a custom endpoint and no `path_style_access` (one
/// FL402 each), some suppressed on their line, some duplicated through an alias, one with a
/// hardcoded secret far past the budget, and one suppression that suppresses nothing.
fn platform(profiles: usize) -> String {
    let mut text = String::from("version: \"1.0.0\"\nstorage:\n");
    for i in 0..profiles {
        let suppressed = if i % 7 == 3 {
            "  # floe-lint: ignore[FL402] test"
        } else {
            ""
        };
        text.push_str(&format!(
            "  s{i}:\n    bucket: lake-{i}\n    endpoint: \"https://s3.example.com\"{suppressed}\n"
        ));
        if i == profiles - 5 {
            text.push_str(
                "    credentials:\n      mode: static\n      secret_access_key: \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n",
            );
        }
        if i == profiles / 2 {
            text.push_str("    region: us-east-1  # floe-lint: ignore[FL304] nothing here\n");
        }
    }
    text
}

fn check(text: &str, max: usize, cache: Option<Arc<Cache>>) -> Report {
    let project = Project {
        floe: None,
        environments: vec![Environment {
            name: "local".into(),
            platform: PathBuf::from("platform/local/platform.yaml"),
        }],
        searched: Vec::new(),
        manifest: None,
    };
    let sources = HashMap::from([(
        PathBuf::from("platform/local/platform.yaml"),
        text.as_bytes().to_vec(),
    )]);
    let options = Options {
        limits: Limits {
            max_diagnostics_per_file: max,
            ..Limits::default()
        },
        cache,
        ..Options::default()
    };
    check_projects(&[project], &sources, &Selection::default(), &options)
}

fn findings(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {}..{} {}",
                d.rule.code, d.severity, d.span.start, d.span.end, d.message
            )
        })
        .collect()
}

fn masked(report: &Report) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = report
        .masked
        .iter()
        .map(|(_, s)| (s.start, s.end))
        .collect();
    spans.sort();
    spans.dedup();
    spans
}

#[test]
fn findings_bounded_as_made_report_as_if_all_were_kept() {
    for (profiles, max) in [(20_000, 100), (12_000, 1_000), (300, 50)] {
        let text = platform(profiles);
        let bounded = check(&text, max, None);
        let whole = check(&text, max, Some(Arc::new(Cache::default())));
        assert_eq!(findings(&bounded), findings(&whole), "{profiles} profiles");
        assert_eq!(masked(&bounded), masked(&whole), "{profiles} profiles");
        // Every finding, no budget: the bounded report shows `max` of them and counts the rest.
        let all = findings(&check(&text, usize::MAX, None));
        let shown = findings(&bounded);
        assert!(all.iter().all(|f| !f.starts_with("FL008")));
        assert_eq!(shown.len(), max + 1, "{profiles} profiles");
        let summary = shown
            .iter()
            .find(|f| f.starts_with("FL008"))
            .expect("an FL008");
        assert!(
            summary.contains(&format!(" {} more findings", all.len() - max)),
            "{summary}, {} in all",
            all.len()
        );
        assert!(
            shown
                .iter()
                .all(|f| f.starts_with("FL008") || all.contains(f))
        );
        // The suppression that suppresses nothing is reported; the others were used, even where
        // what they suppressed lay far past the budget.
        assert_eq!(
            all.iter().filter(|f| f.starts_with("FL900")).count(),
            1,
            "{:#?}",
            all.iter()
                .filter(|f| !f.starts_with("FL402"))
                .collect::<Vec<_>>()
        );
        assert!(!masked(&bounded).is_empty());
    }
}
