//! Which files belong together: a floe.yaml and the platform.yaml of each environment.
//!
//! Upstream finds one platform.yaml for one environment (spec §3.3): `FLOE_PLATFORM_FILE`, else
//! `<base>/<FLOE_PLATFORM_ENV or local>/platform.yaml`, else `<base>/platform.yaml`, with bases
//! `platform/` and `.floe/` beside floe.yaml. floe-lint checks a floe.yaml against **every**
//! environment found (`<base>/*/platform.yaml`), so a reference that resolves in `local` but not
//! in `prod` is caught before deploy.

mod choose;
pub mod dbt;
pub mod discover;
pub mod files;
mod listing;
pub mod manifest;

pub use choose::{choose_environment, load};
pub use discover::{DiscoverError, discover, discover_with, one_project};
pub use listing::Listing;

use std::path::{Path, PathBuf};

use crate::dialect::runtime::constants::{
    DEFAULT_ENVIRONMENT, PLATFORM_ENV_VARIABLE, PLATFORM_FILE_VARIABLE,
};
use crate::dialect::runtime::vocabulary::{
    FLOE_FILE_NAMES, HIDDEN_PLATFORM_DIR, PLATFORM_DIR, PLATFORM_FILE, PLATFORM_FILE_NAMES,
};

/// Directories never searched.
pub const SKIPPED_DIRS: &[&str] = &[
    ".git",
    "target",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
];

/// One platform.yaml and the environment it configures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Environment {
    /// The environment's name: its directory (`platform/prod/platform.yaml` → `prod`).
    pub name: String,
    pub platform: PathBuf,
}

/// A floe.yaml (if any) and the environments it is checked against; or a Generation B manifest
/// checked on its own.
///
/// Files are found by name; what each is (and so which of its partners apply) is decided by the
/// check from its content: a Generation A floe.yaml is checked against `environments`, a
/// Generation B one (`kind: FloeSpec`) against the manifest it pairs with
/// ([`manifest::pair`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Project {
    pub floe: Option<PathBuf>,
    pub environments: Vec<Environment>,
    /// Where upstream would have looked for a platform.yaml, for the "not found" message.
    pub searched: Vec<PathBuf>,
    /// A `manifest.yaml` found by discovery. Every one is checked on its own (a manifest serves
    /// many products); a product that pairs with it shares it, and the check loads it once.
    pub manifest: Option<PathBuf>,
}

/// Environment selection as upstream reads it from the process environment.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// `FLOE_PLATFORM_FILE`: a direct path to one platform.yaml.
    pub platform_file: Option<PathBuf>,
    /// `FLOE_PLATFORM_ENV`: the environment name used for the flat fallback (`local` by default).
    pub env: Option<String>,
    /// Further directories holding `<env>/platform.yaml` (from `.floe-lint.toml`).
    pub environment_dirs: Vec<PathBuf>,
    /// The manifest for a Generation B floe.yaml that names no local one and has none in its
    /// directory or above: `--manifest` / the editor's `manifestFile`, else `.floe-lint.toml`'s
    /// `manifest` ([`manifest::pair`]).
    pub manifest: Option<PathBuf>,
}

impl Selection {
    pub fn from_env() -> Selection {
        Selection {
            platform_file: std::env::var_os(PLATFORM_FILE_VARIABLE)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            env: std::env::var(PLATFORM_ENV_VARIABLE)
                .ok()
                .filter(|v| !v.is_empty()),
            environment_dirs: Vec::new(),
            manifest: None,
        }
    }

    fn env_name(&self) -> &str {
        self.env.as_deref().unwrap_or(DEFAULT_ENVIRONMENT)
    }
}

/// Platform files for the floe.yaml in `dir`, one per environment, in name order.
pub fn environments_for(dir: &Path, selection: &Selection) -> (Vec<Environment>, Vec<PathBuf>) {
    environments_in(dir, selection, &Listing::default())
}

/// [`environments_for`], answered from what a walk listed where it listed it.
pub fn environments_in(
    dir: &Path,
    selection: &Selection,
    listing: &Listing,
) -> (Vec<Environment>, Vec<PathBuf>) {
    if let Some(file) = &selection.platform_file {
        let name = file
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty())
            .unwrap_or(selection.env_name())
            .to_owned();
        return (
            vec![Environment {
                name,
                platform: file.clone(),
            }],
            vec![file.clone()],
        );
    }
    let mut searched = Vec::new();
    let bases = [dir.join(PLATFORM_DIR), dir.join(HIDDEN_PLATFORM_DIR)]
        .into_iter()
        .chain(selection.environment_dirs.iter().cloned());
    for base in bases {
        let mut found = Vec::new();
        for name in listing.subdirectories(&base).unwrap_or_default() {
            let env_dir = base.join(&name);
            for file_name in PLATFORM_FILE_NAMES {
                let candidate = env_dir.join(file_name);
                // A broken or unreadable platform.yaml is an environment: its check reports
                // why it cannot be read, rather than "no platform.yaml".
                if listing.present(&candidate) {
                    found.push(Environment {
                        name: name.to_string_lossy().into_owned(),
                        platform: candidate,
                    });
                    break;
                }
            }
        }
        searched.push(base.join(selection.env_name()).join(PLATFORM_FILE));
        if !found.is_empty() {
            found.sort();
            return (found, searched);
        }
    }
    // Flat fallbacks: `platform/platform.yaml`, then `platform.yaml` beside floe.yaml, then `.floe/`.
    for candidate in [
        dir.join(PLATFORM_DIR).join(PLATFORM_FILE),
        dir.join(PLATFORM_FILE),
        dir.join(HIDDEN_PLATFORM_DIR).join(PLATFORM_FILE),
    ] {
        searched.push(candidate.clone());
        if listing.present(&candidate) {
            let name = selection.env_name().to_owned();
            return (
                vec![Environment {
                    name,
                    platform: candidate,
                }],
                searched,
            );
        }
    }
    (Vec::new(), searched)
}

/// The floe.yaml a platform.yaml belongs to: `X/floe.yaml` for `X/platform/<env>/platform.yaml`,
/// `X/.floe/<env>/platform.yaml`, `X/platform/platform.yaml` and `X/platform.yaml`.
pub fn floe_for_platform(platform: &Path) -> Option<PathBuf> {
    floe_for_platform_where(platform, &|candidate| files::present(candidate))
}

/// [`floe_for_platform`], asking `present` whether each candidate exists (discovery answers from
/// what its walk listed, without a system call).
pub fn floe_for_platform_where(
    platform: &Path,
    present: &dyn Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let mut dir = platform.parent()?;
    for _ in 0..3 {
        for name in FLOE_FILE_NAMES {
            let candidate = dir.join(name);
            if present(&candidate) {
                return Some(candidate);
            }
        }
        let here = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let parent = dir.parent()?;
        let parent_name = parent.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Only climb out of the directories upstream's layout puts platform files in.
        let layout = [PLATFORM_DIR, HIDDEN_PLATFORM_DIR];
        if layout.contains(&here) || layout.contains(&parent_name) {
            dir = parent;
        } else {
            return None;
        }
    }
    None
}

/// The environment name a platform file stands for, from its place in the layout.
pub fn environment_name(platform: &Path, selection: &Selection) -> String {
    let parent = platform.parent();
    let parent_name = parent
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let grandparent = parent
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if [PLATFORM_DIR, HIDDEN_PLATFORM_DIR].contains(&grandparent) {
        parent_name.to_owned()
    } else {
        selection.env_name().to_owned()
    }
}
