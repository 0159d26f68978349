//! Command-line interface definition.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "floe-lint",
    version,
    about = "Linter and language server for floe configuration (floe.yaml + platform.yaml)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check floe.yaml and platform.yaml files (and every environment they pair with).
    Check(CheckArgs),
    /// Run the language server over stdio.
    Lsp,
    /// Print the dbt profiles.yml floe would generate from floe.yaml + platform.yaml (Generation
    /// B: from floe.yaml + the manifest, as its runtime writes it).
    Profiles(ProfilesArgs),
    /// Verify that a catalog is reachable with the configured credentials, and that DuckDB can
    /// attach it (token, config, namespace, ATTACH).
    Connect(ConnectArgs),
    /// Print a generated JSON Schema.
    Schema {
        /// Which file's schema.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Print a rule's documentation.
    Explain {
        /// Rule code (FL100) or name (unknown-key).
        rule: String,
    },
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Configuration file (default: the nearest .floe-lint.toml above the first path).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Rules to run (comma-separated codes, prefixes or names); replaces the configuration's `select`.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Rules not to run; replaces the configuration's `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Option<Vec<String>>,
    /// Apply safe fixes in place (files that do not load are never rewritten).
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the changes fixes would make as a unified diff, without writing (exit 1 if any).
    #[arg(long)]
    pub diff: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The manifest.yaml for Generation B floe.yaml files that name no local one
    /// (`platform.manifest`) and have none in their directory or above (overrides
    /// `.floe-lint.toml`'s `manifest`).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Projects checked at once (default: every core). The output does not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
}

#[derive(Debug, clap::Args)]
pub struct ConnectArgs {
    /// A floe project directory, floe.yaml, platform.yaml or (Generation B) manifest.yaml
    /// (default: the current directory).
    pub path: Option<PathBuf>,
    /// Generation B: the manifest.yaml for a floe.yaml that names no local one
    /// (`platform.manifest`) and has none in its directory or above, as in `check` (overrides
    /// `.floe-lint.toml`'s `manifest`).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["env", "platform", "catalog"])]
    pub manifest: Option<PathBuf>,
    /// Environment to check (a directory name under platform/).
    #[arg(long, conflicts_with = "platform")]
    pub env: Option<String>,
    /// A platform.yaml to use directly.
    #[arg(long)]
    pub platform: Option<PathBuf>,
    /// Catalog profile (default: the one floe.yaml references, else every catalog).
    #[arg(long)]
    pub catalog: Option<String>,
    /// Hard timeout for each step, in seconds.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ConnectFormat::Human)]
    pub format: ConnectFormat,
    /// Prepared DuckDB extensions (<dir>/v1.5.5/<platform>/<name>.duckdb_extension); turns
    /// autoinstall off. Also FLOE_DUCKDB_EXTENSION_DIR.
    #[arg(long, env = "FLOE_DUCKDB_EXTENSION_DIR")]
    pub duckdb_extension_dir: Option<PathBuf>,
    /// Allow credentials over plain http to a host that is not loopback.
    #[arg(long)]
    pub allow_insecure_http: bool,
    /// Builds without the embedded DuckDB (the Python wheel): the Python whose `duckdb` package
    /// runs the DuckDB step. Default: the first Python that has it, beside floe-lint, in
    /// $VIRTUAL_ENV, or on PATH.
    #[arg(long, env = "FLOE_LINT_PYTHON")]
    pub python: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ProfilesArgs {
    /// A floe project directory, floe.yaml or platform.yaml (default: the current directory).
    pub path: Option<PathBuf>,
    /// Generation B: the manifest.yaml for a floe.yaml that names no local one
    /// (`platform.manifest`) and has none in its directory or above, as in `check` (overrides
    /// `.floe-lint.toml`'s `manifest`).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["env", "platform"])]
    pub manifest: Option<PathBuf>,
    /// Environment (a directory name under platform/).
    #[arg(long, conflicts_with = "platform")]
    pub env: Option<String>,
    /// A platform.yaml to use directly.
    #[arg(long)]
    pub platform: Option<PathBuf>,
    /// The platform profile name the generator reads (upstream's profile_name; default
    /// `default`). floe-runtime's only.
    #[arg(long)]
    pub profile: Option<String>,
    /// The dbt target name (default `dev`). floe-runtime's only: Generation B's runtime always
    /// writes `dev`.
    #[arg(long)]
    pub target: Option<String>,
    /// runtime: floe's DbtProfilesGenerator (what runs in production); factory: floe-dbt's
    /// per-adapter ProfileFactory (default runtime). floe-runtime's only.
    #[arg(long, value_enum)]
    pub style: Option<ProfilesStyle>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfilesStyle {
    Runtime,
    Factory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConnectFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated source snippets for people.
    Human,
    /// Versioned JSON (`{"version": 1, "diagnostics": [...]}`).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// GitHub Actions workflow-command annotations.
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Floe,
    Platform,
    /// `.floe-lint.toml`
    Config,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Md,
}
