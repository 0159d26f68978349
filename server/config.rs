//! `.floe-lint.toml`: which rules run, at what severity, where, and which environments are local.
//! Found upward from the checked path; `--config` names one; `--select`/`--ignore` override it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::registry;

/// The configuration file's name.
pub const FILE_NAME: &str = ".floe-lint.toml";

/// floe-lint configuration (`.floe-lint.toml`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rules to run, as codes or code prefixes (`FL3` is the security family, `FL402` one rule)
    /// or rule names. Default: every rule.
    pub select: Option<Vec<String>>,
    /// Rules not to run (codes, prefixes or names). Applied after `select`.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Severity overrides by rule code or name: `FL400 = "error"`.
    #[serde(default)]
    pub severity: BTreeMap<String, SeverityName>,
    /// Rules ignored in files matching a glob (relative to this file's directory):
    /// `"platform/local/**" = ["FL302", "FL304"]`.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Where environments live and which are local.
    #[serde(default)]
    pub environments: Environments,
    /// The manifest.yaml a Generation B floe.yaml is checked with when it names no local one
    /// (`platform.manifest`) and none is found in its directory or above (relative to this file's
    /// directory). `--manifest` and the editor setting `manifestFile` take precedence over it.
    pub manifest: Option<PathBuf>,
}

/// Environment settings.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Environments {
    /// Environment names treated as local (developer) environments, besides `local`: production
    /// hardening rules (plain http, `PRINCIPAL_ROLE:ALL`) skip them.
    #[serde(default)]
    pub local: Vec<String>,
    /// Further directories holding `<env>/platform.yaml` (relative to this file's directory),
    /// for platform configuration kept apart from floe.yaml (e.g. `platform-config/platform`).
    #[serde(default)]
    pub directories: Vec<PathBuf>,
}

/// A severity in the configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

impl From<SeverityName> for Severity {
    fn from(value: SeverityName) -> Severity {
        match value {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

/// A configuration that cannot be used: the path and what is wrong, with a position when the
/// TOML parser gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid configuration {}: {}",
            self.path.display(),
            self.message
        )
    }
}

/// A loaded configuration, ready to filter diagnostics.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Directory of the configuration file (globs and directories are relative to it).
    pub base: PathBuf,
    pub config: Config,
    per_file: Vec<(GlobSet, Vec<String>)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base: PathBuf::from("."),
            config: Config::default(),
            per_file: Vec::new(),
        }
    }
}

/// The nearest `.floe-lint.toml` in `start` or its ancestors.
pub fn find(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut dir = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Reads and checks a configuration file.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_path_buf(),
        message,
    };
    // Regular files only: `--config` naming a FIFO must not block the linter.
    let bytes = crate::workspace::files::read(path).map_err(|e| error(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| error("not UTF-8 text".into()))?;
    let config: Config =
        toml::from_str(&text).map_err(|e| error(e.to_string().trim_end().to_owned()))?;
    let base = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Settings::new(base, config).map_err(error)
}

fn known(selector: &str) -> bool {
    if selector.is_empty() {
        return false;
    }
    registry::ALL
        .iter()
        .any(|r| r.code.starts_with(&selector.to_ascii_uppercase()) || r.name == selector)
}

impl Settings {
    pub fn new(base: PathBuf, config: Config) -> Result<Settings, String> {
        let selectors = config
            .select
            .iter()
            .flatten()
            .chain(&config.ignore)
            .chain(config.severity.keys())
            .chain(config.per_file_ignores.values().flatten());
        for selector in selectors {
            if !known(selector) {
                return Err(format!("unknown rule `{selector}` (see `floe-lint rules`)"));
            }
        }
        if let Some(manifest) = &config.manifest {
            let path = base.join(manifest);
            if !crate::workspace::files::present(&path) {
                return Err(format!("manifest: no file at `{}`", path.display()));
            }
        }
        let mut per_file = Vec::new();
        for (pattern, codes) in &config.per_file_ignores {
            let glob = Glob::new(pattern).map_err(|e| format!("per-file-ignores: {e}"))?;
            let set = GlobSetBuilder::new()
                .add(glob)
                .build()
                .map_err(|e| format!("per-file-ignores: {e}"))?;
            per_file.push((set, codes.clone()));
        }
        Ok(Settings {
            base,
            config,
            per_file,
        })
    }

    /// Replaces `select`/`ignore` with command-line values.
    pub fn override_selection(
        &mut self,
        select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
    ) -> Result<(), String> {
        // `--ignore ""` clears the list.
        let clean = |list: Option<Vec<String>>| {
            list.map(|l| {
                l.into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .collect::<Vec<_>>()
            })
        };
        let (select, ignore) = (clean(select), clean(ignore));
        for selector in select.iter().flatten().chain(ignore.iter().flatten()) {
            if !known(selector) {
                return Err(format!("unknown rule `{selector}` (see `floe-lint rules`)"));
            }
        }
        if select.is_some() {
            self.config.select = select;
        }
        if let Some(ignore) = ignore {
            self.config.ignore = ignore;
        }
        Ok(())
    }

    /// The configured Generation B manifest, resolved against the configuration's directory.
    pub fn manifest(&self) -> Option<PathBuf> {
        self.config.manifest.as_ref().map(|m| self.base.join(m))
    }

    /// Environment directories, resolved against the configuration's directory.
    pub fn environment_directories(&self) -> Vec<PathBuf> {
        self.config
            .environments
            .directories
            .iter()
            .map(|d| self.base.join(d))
            .collect()
    }

    fn matches(selector: &str, diagnostic: &Diagnostic) -> bool {
        diagnostic
            .rule
            .code
            .starts_with(&selector.to_ascii_uppercase())
            || diagnostic.rule.name == selector
    }

    /// Drops unselected, ignored and per-file-ignored findings; applies severity overrides.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        let config = &self.config;
        // Made absolute once, and only when a per-file rule needs it (each call asks the kernel
        // for the working directory; a large file can have a hundred thousand findings).
        let base = if self.per_file.is_empty() {
            None
        } else {
            std::path::absolute(&self.base).ok()
        };
        diagnostics.retain(|d| {
            let selected = config
                .select
                .as_ref()
                .is_none_or(|s| s.iter().any(|sel| Self::matches(sel, d)));
            let ignored = config.ignore.iter().any(|sel| Self::matches(sel, d));
            let relative = base.as_ref().and_then(|base| {
                let p = std::path::absolute(&d.file).ok()?;
                p.strip_prefix(base).ok().map(Path::to_path_buf)
            });
            let per_file = relative.is_some_and(|rel| {
                self.per_file.iter().any(|(set, codes)| {
                    set.is_match(&rel) && codes.iter().any(|c| Self::matches(c, d))
                })
            });
            selected && !ignored && !per_file
        });
        for d in diagnostics.iter_mut() {
            if let Some(severity) = config
                .severity
                .iter()
                .find(|(sel, _)| Self::matches(sel, d))
                .map(|(_, s)| *s)
            {
                d.severity = severity.into();
            }
        }
    }
}

/// The JSON Schema of `.floe-lint.toml` (checked in as `schemas/floe-lint.schema.json`).
pub fn schema() -> serde_json::Value {
    let mut value = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Config>()
        .to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "$id".into(),
            "https://floe.dev/schemas/floe-lint.schema.json".into(),
        );
    }
    value
}
