//! The commands, each returning the process exit code.

mod fixes;
mod rules_table;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::args::{CheckArgs, Cli, ColorChoice, Command, FailOn, RulesFormat, SchemaKind};
use super::paths::{display, relative_to, repo_root};
use super::{escape, output};
use std::collections::BTreeMap;

use crate::check::{self, Disk};
use crate::config;
use crate::diagnostic::Severity;
use crate::diagnostic::rule_meta::FixAvailability;
use crate::dialect::runtime::constants::{DEFAULT_PROFILE, DEFAULT_TARGET};
use crate::fix;
use crate::model::{FileKind, embedded_schema};
use crate::rules::registry;
use crate::secrets::redact;
use crate::syntax;
use crate::workspace::{Selection, discover_with};
use fixes::fix;
use rules_table::fix_text;
pub use rules_table::rules_table;

/// Exit codes (ruff's convention).
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Lsp => crate::lsp::run(),
        Command::Connect(args) => super::connect::run(&args),
        Command::Profiles(args) => profiles(&args),
        Command::Schema { kind } => {
            print(match kind {
                SchemaKind::Floe => embedded_schema(FileKind::Floe),
                SchemaKind::Platform => embedded_schema(FileKind::Platform),
                SchemaKind::Config => include_str!("../../../schemas/floe-lint.schema.json"),
            });
            EXIT_CLEAN
        }
        Command::Explain { rule } => match registry::find(&rule) {
            Some(meta) => {
                print(&format!(
                    "# {} {}\n\n{}\n\nDefault severity: {}.\nFix: {}.\n",
                    meta.code,
                    meta.name,
                    meta.docs().trim_end(),
                    meta.severity.as_str(),
                    fix_text(meta.fix)
                ));
                EXIT_CLEAN
            }
            None => {
                eprintln!("floe-lint: unknown rule `{rule}` (see `floe-lint rules`)");
                EXIT_ERROR
            }
        },
        Command::Rules { format } => {
            print(&rules_table(format));
            EXIT_CLEAN
        }
    }
}

/// The configuration: `--config`, else the nearest `.floe-lint.toml` above the first path;
/// `--select`/`--ignore` override its lists.
fn settings(args: &CheckArgs, paths: &[PathBuf]) -> Result<config::Settings, String> {
    let path = match &args.config {
        Some(path) => Some(path.clone()),
        None => paths.first().and_then(|p| config::find(p)),
    };
    let mut settings = match path {
        Some(path) => config::load(&path).map_err(|e| e.to_string())?,
        None => config::Settings::default(),
    };
    settings.override_selection(args.select.clone(), args.ignore.clone())?;
    Ok(settings)
}

/// `floe-lint profiles`: the generated profiles.yml on stdout or in a file; quirks on stderr.
fn profiles(args: &super::args::ProfilesArgs) -> i32 {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let rendered =
        super::profiles_v1::render(args, &path).unwrap_or_else(|| profiles_runtime(args, &path));
    let generated = match rendered {
        Ok(generated) => generated,
        Err(code) => return code,
    };
    for quirk in &generated.quirks {
        eprintln!("note: {}", escape::text(&quirk.message));
    }
    match &args.output {
        Some(file) => {
            if let Err(error) = fix::write_atomically(file, generated.text.as_bytes()) {
                eprintln!(
                    "floe-lint profiles: cannot write {}: {error}",
                    file.display()
                );
                return EXIT_ERROR;
            }
        }
        None => print(&generated.text),
    }
    EXIT_CLEAN
}

/// A Generation A product's profiles.yml, or the exit code of its failure.
fn profiles_runtime(
    args: &super::args::ProfilesArgs,
    path: &Path,
) -> Result<crate::profiles::Generated, i32> {
    use crate::profiles::{Style, preview};
    let inputs = match preview::inputs(
        path,
        args.env.as_deref(),
        args.platform.as_deref(),
        &Selection::from_env(),
    ) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("floe-lint profiles: {}", escape::text(&message));
            return Err(EXIT_ERROR);
        }
    };
    let style = match args.style {
        None | Some(super::args::ProfilesStyle::Runtime) => Style::Runtime,
        Some(super::args::ProfilesStyle::Factory) => Style::Factory,
    };
    let profile = args.profile.as_deref().unwrap_or(DEFAULT_PROFILE);
    let target = args.target.as_deref().unwrap_or(DEFAULT_TARGET);
    preview::render(&inputs, profile, target, style).map_err(|message| {
        eprintln!("floe-lint profiles: {}", escape::text(&message));
        EXIT_FINDINGS
    })
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn check(args: &CheckArgs) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut selection = Selection::from_env();
    let settings = match settings(args, &paths) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("floe-lint: {message}");
            return EXIT_ERROR;
        }
    };
    selection.environment_dirs = settings.environment_directories();
    selection.manifest = match &args.manifest {
        Some(manifest) if !crate::workspace::files::present(manifest) => {
            eprintln!(
                "floe-lint: --manifest: no file at `{}`",
                escape::text(&manifest.display().to_string())
            );
            return EXIT_ERROR;
        }
        Some(manifest) => Some(manifest.clone()),
        None => settings.manifest(),
    };
    let projects = match discover_with(&paths, &selection, args.threads.map(|n| n as usize)) {
        Ok(projects) => projects,
        Err(error) => {
            eprintln!("floe-lint: {}", escape::text(&error.to_string()));
            return EXIT_ERROR;
        }
    };
    let options = check::Options {
        settings,
        ..Default::default()
    };
    if args.fix || args.diff {
        return fix(args, &projects, &selection, &options, &cwd);
    }
    check_and_render(args, &projects, &selection, &options, &cwd)
}

/// Prints the report in the chosen format and returns the exit code.
fn render(args: &CheckArgs, report: &check::Report, cwd: &Path) -> i32 {
    with_style(args, cwd, |style| {
        let part = output::part(report, style);
        emit(args, style, vec![part], &report.read_errors)
    })
}

/// Runs `body` with the output style of `args`: paths shown relative to `cwd`, URIs (SARIF,
/// GitHub) relative to the repository root.
fn with_style<T>(args: &CheckArgs, cwd: &Path, body: impl FnOnce(&output::Style<'_>) -> T) -> T {
    let shown = |path: &Path| display(&relative_to(path, cwd));
    let root = repo_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    let uri = |path: &Path| display(&relative_to(path, &root));
    let style = output::Style {
        format: args.format,
        color: use_color(args.color),
        shown: &shown,
        uri: &uri,
    };
    body(&style)
}

/// Checks the projects `--threads` at a time, rendering each unit as soon as it is checked (its
/// trees are dropped then), prints the output and returns the exit code.
fn check_and_render(
    args: &CheckArgs,
    projects: &[crate::workspace::Project],
    selection: &Selection,
    options: &check::Options,
    cwd: &Path,
) -> i32 {
    // One project needs no count of the cores (reading it is a few cgroup files).
    let threads = match args.threads {
        Some(n) => n as usize,
        None if projects.len() > 1 => check::default_threads(),
        None => 1,
    };
    with_style(args, cwd, |style| {
        let checked = check::check_each(projects, &Disk, selection, options, threads, &|report| {
            output::part(report, style)
        });
        let mut parts = Vec::with_capacity(checked.len());
        let mut read_errors = Vec::new();
        for unit in checked {
            parts.extend(unit.value);
            read_errors.extend(unit.read_errors);
        }
        emit(args, style, parts, &read_errors)
    })
}

/// Prints the read errors (stderr) and the parts (stdout); returns the exit code.
fn emit(
    args: &CheckArgs,
    style: &output::Style<'_>,
    parts: Vec<output::Part>,
    read_errors: &[check::ReadError],
) -> i32 {
    // Reasons first: the human summary below refers to them.
    for failure in read_errors {
        eprintln!(
            "floe-lint: cannot read {}: {}",
            escape::text(&(style.shown)(&failure.path)),
            escape::text(&failure.error.to_string())
        );
    }
    let stdout = std::io::stdout().lock();
    let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, stdout);
    let counts = output::write(style, parts, read_errors, &mut stdout);
    if !read_errors.is_empty() {
        return EXIT_ERROR;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    if !args.exit_zero && counts.any_at_least(threshold) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
