//! `--fix` / `--diff`: fixes applied in passes over an in-memory overlay of the files.

use super::*;

/// File contents with pending fixes applied in memory, over the disk.
struct Overlay {
    changed: BTreeMap<PathBuf, Vec<u8>>,
}

impl check::Sources for Overlay {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.changed.get(path) {
            Some(bytes) => Ok(bytes.clone()),
            None => crate::workspace::files::read(path),
        }
    }
}

/// `--fix` / `--diff`: apply fixes in passes (a fix can expose another) until nothing changes.
pub(super) fn fix(
    args: &CheckArgs,
    projects: &[crate::workspace::Project],
    selection: &Selection,
    options: &check::Options,
    cwd: &Path,
) -> i32 {
    let level = if args.unsafe_fixes {
        fix::Level::Unsafe
    } else {
        fix::Level::Safe
    };
    let mut overlay = Overlay {
        changed: BTreeMap::new(),
    };
    let mut originals: BTreeMap<PathBuf, String> = BTreeMap::new();
    // Secrets of the files as they were, for a diff that must not show them.
    let mut original_secrets: Vec<(std::sync::Arc<Path>, crate::diagnostic::Span)> = Vec::new();
    let mut fixed = 0;
    for pass in 0..8 {
        let report = check::check_projects(projects, &overlay, selection, options);
        if pass == 0 {
            original_secrets.clone_from(&report.masked);
        }
        let mut progress = false;
        for (path, document) in &report.documents {
            if !document.loadable {
                continue;
            }
            let fixes = fix::fixes_for(&report.diagnostics, path, level);
            if fixes.is_empty() {
                continue;
            }
            let (text, applied) = fix::apply(&document.text, fixes);
            if applied == 0 || text == document.text {
                continue;
            }
            // A fix must never turn a file that loads into one that does not.
            if !syntax::parse_text(path, &text, &options.limits).loadable {
                continue;
            }
            originals
                .entry(path.to_path_buf())
                .or_insert_with(|| document.text.clone());
            overlay
                .changed
                .insert(path.to_path_buf(), text.into_bytes());
            fixed += applied;
            progress = true;
        }
        if !progress {
            break;
        }
    }
    let shown = |path: &Path| display(&relative_to(path, cwd));
    if args.diff {
        // The diff's context lines are file text like any snippet: secrets masked, before and
        // after the fixes.
        let fixed_secrets = check::check_projects(projects, &overlay, selection, options).masked;
        let spans_of = |secrets: &[(std::sync::Arc<Path>, crate::diagnostic::Span)],
                        path: &Path| {
            secrets
                .iter()
                .filter(|(file, _)| file.as_ref() == path)
                .map(|(_, span)| *span)
                .collect::<Vec<_>>()
        };
        let mut out = String::new();
        for (path, before) in &originals {
            let after = overlay
                .changed
                .get(path)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            let before = redact::mask(before, &spans_of(&original_secrets, path));
            let after = redact::mask(&after, &spans_of(&fixed_secrets, path));
            out.push_str(&fix::unified_diff(&shown(path), &before, &after));
        }
        // Diff lines are file text: control characters made visible.
        print(&escape::text(&out));
        eprintln!(
            "Would fix {fixed} finding{} in {} file{}.",
            plural(fixed),
            originals.len(),
            plural(originals.len())
        );
        return if originals.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_FINDINGS
        };
    }
    for (path, bytes) in &overlay.changed {
        if let Err(error) = fix::write_atomically(path, bytes) {
            eprintln!(
                "floe-lint: cannot write {}: {error}",
                escape::text(&shown(path))
            );
            return EXIT_ERROR;
        }
    }
    let report = check::check_projects(projects, &Disk, selection, options);
    let code = render(args, &report, cwd);
    eprintln!(
        "Fixed {fixed} finding{} in {} file{}.",
        plural(fixed),
        overlay.changed.len(),
        plural(overlay.changed.len())
    );
    code
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
