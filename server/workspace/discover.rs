//! Turning command-line paths into projects.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use super::{
    Environment, Listing, Project, SKIPPED_DIRS, Selection, environment_name, environments_in,
    files, floe_for_platform_where, manifest,
};
use crate::dialect::dbt::{PROFILES_FILE, PROJECT_FILE};
use crate::dialect::runtime::vocabulary::FLOE_FILE_NAMES;
use crate::model::FileKind;
use crate::parallel::map_in_order;

/// A path given on the command line that cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Finds every floe.yaml / platform.yaml / manifest.yaml under `paths` (files or directories) and
/// groups them into projects. A file given explicitly brings its partner (a floe.yaml its platform
/// files, a platform.yaml its floe.yaml) even if that partner was not named; a Generation B
/// floe.yaml finds its manifest when it is checked (its content says it is one).
pub fn discover(paths: &[PathBuf], selection: &Selection) -> Result<Vec<Project>, DiscoverError> {
    discover_with(paths, selection, Some(1))
}

/// Directories with at least this many subdirectories are walked `threads` at a time, and
/// at least this many projects are resolved so: a monorepo's discovery is otherwise the part of
/// its check that one core does alone (reading thousands of directories).
const PARALLEL_FROM: usize = 32;

/// The threads to share `items` pieces of work on: one below [`PARALLEL_FROM`], else those asked
/// for (`None`: every core, counted only then).
fn threads_for(items: usize, threads: Option<usize>) -> usize {
    match threads {
        _ if items < PARALLEL_FROM => 1,
        Some(n) => n,
        None => crate::parallel::default_threads(),
    }
}

/// As [`discover`], on `threads` threads where there is enough to share (`None`: every core,
/// counted only then).
pub fn discover_with(
    paths: &[PathBuf],
    selection: &Selection,
    threads: Option<usize>,
) -> Result<Vec<Project>, DiscoverError> {
    let mut found = Found::default();
    for path in paths {
        let path = clean(path);
        if path.is_dir() {
            if let Err(error) = std::fs::read_dir(&path) {
                return Err(DiscoverError {
                    message: files::explained(&path, error).to_string(),
                    path,
                });
            }
            walk(&path, &mut found, 0, threads);
            continue;
        }
        if let Err(error) = std::fs::symlink_metadata(&path) {
            return Err(DiscoverError {
                message: files::explained(&path, error).to_string(),
                path,
            });
        }
        match FileKind::from_path(&path) {
            // Checked even when it cannot be read: the check reports why (never "not found").
            Some(FileKind::Floe | FileKind::FloeSpec) => found.floes.push(path),
            Some(FileKind::Platform) => found.platforms.push(path),
            // Named explicitly (pre-commit passes every manifest.yaml of a commit): checked when
            // its content is floe's, passed over when it is another tool's (Kubernetes, …).
            Some(FileKind::Manifest) => {
                if manifest::declares_floe(&path) {
                    found.manifests.push(path);
                }
            }
            None if is_companion(&path) => {
                // A dbt or floe-lint file (as pre-commit passes them): check its project.
                if let Some(floe) = nearest_floe(&path) {
                    found.floes.push(clean(&floe));
                }
            }
            None => {
                let message = match files::check_readable(&path) {
                    Err(error) => error.to_string(),
                    Ok(()) => {
                        "not a floe configuration file (expected floe.yaml, platform.yaml or manifest.yaml)".into()
                    }
                };
                return Err(DiscoverError { path, message });
            }
        }
    }
    let Found {
        floes,
        platforms,
        manifests,
        listing,
    } = found;
    let (floes, platforms, manifests) = (sorted(floes), sorted(platforms), sorted(manifests));
    let known: HashSet<&Path> = floes.iter().map(PathBuf::as_path).collect();
    // A platform file brings its floe.yaml (in a monorepo, one found already), looked up in
    // what the walk listed: only candidates elsewhere (above a path given, or a platform file
    // named on its own) are asked of the file system (a thousand projects' platform files
    // made ten thousand calls). First from the listing alone, on this thread (a few lookups
    // each: threads cost more); a platform file that needs the file system is answered again
    // below, on every thread.
    let mut unlisted = Vec::new();
    let mut partners: Vec<Option<PathBuf>> = platforms
        .iter()
        .enumerate()
        .map(|(index, platform)| {
            let asked = std::cell::Cell::new(false);
            let found = floe_for_platform_where(platform, &|candidate| {
                if known.contains(candidate) {
                    return true;
                }
                listing.answer(candidate).unwrap_or_else(|| {
                    asked.set(true);
                    false
                })
            });
            if asked.get() {
                unlisted.push((index, platform));
            }
            found
        })
        .collect();
    let asked = map_in_order(&unlisted, threads_for(unlisted.len(), threads), &|(
        _,
        p,
    )| {
        floe_for_platform_where(p, &|candidate| {
            known.contains(candidate) || listing.present(candidate)
        })
    });
    for ((index, _), found) in unlisted.iter().zip(asked) {
        partners[*index] = found;
    }
    drop(unlisted);
    let new: Vec<PathBuf> = partners
        .into_iter()
        .flatten()
        .map(|floe| clean(&floe))
        .filter(|floe| !known.contains(floe.as_path()))
        .collect();
    drop(known);
    let floes = if new.is_empty() {
        floes
    } else {
        sorted(floes.into_iter().chain(new).collect())
    };
    let listed: Vec<&PathBuf> = floes.iter().collect();
    let resolved = map_in_order(&listed, threads_for(listed.len(), threads), &|floe| {
        environments_in(floe.parent().unwrap_or(Path::new(".")), selection, &listing)
    });
    let mut projects = Vec::new();
    // Claimed platform files by the path they were found at; each spelled differently from every
    // claim (a symlink, `..`) is compared by its canonical path, which costs a system call per
    // path component: a monorepo of a thousand projects has no such file and makes none.
    let mut claimed = HashSet::new();
    for (floe, (environments, searched)) in floes.iter().zip(resolved) {
        let environments: Vec<Environment> = environments
            .into_iter()
            .map(|e| Environment {
                platform: clean(&e.platform),
                ..e
            })
            .collect();
        claimed.extend(environments.iter().map(|e| e.platform.clone()));
        projects.push(Project {
            floe: Some(floe.clone()),
            environments,
            searched,
            manifest: None,
        });
    }
    // Platform files no floe.yaml claimed are still checked on their own.
    let mut claimed_identities: Option<HashSet<PathBuf>> = None;
    for platform in platforms {
        if claimed.contains(&platform) {
            continue;
        }
        let identities =
            claimed_identities.get_or_insert_with(|| claimed.iter().map(|p| identity(p)).collect());
        if !identities.contains(&identity(&platform)) {
            let name = environment_name(&platform, selection);
            projects.push(Project {
                floe: None,
                environments: vec![Environment { name, platform }],
                searched: Vec::new(),
                manifest: None,
            });
        }
    }
    // Every manifest is checked on its own; a product that pairs with it shares the document.
    for manifest in manifests {
        projects.push(Project {
            manifest: Some(manifest),
            ..Project::default()
        });
    }
    Ok(projects)
}

/// The one project under `path`, for the commands that work on one (`profiles`, `connect`):
/// with several under a directory, they are listed and the user is asked to name one.
pub fn one_project(path: &Path, selection: &Selection) -> Result<Project, String> {
    let projects = discover(&[path.to_path_buf()], selection).map_err(|e| e.to_string())?;
    // A manifest on its own is Generation B's platform, which these commands do not read yet.
    let (with_floe, platform_only): (Vec<Project>, Vec<Project>) = projects
        .into_iter()
        .filter(|p| p.floe.is_some() || !p.environments.is_empty())
        .partition(|p| p.floe.is_some());
    let mut candidates = if with_floe.is_empty() {
        platform_only
    } else {
        with_floe
    };
    if candidates.len() > 1 {
        let listed: Vec<String> = candidates
            .iter()
            .filter_map(|p| {
                p.floe
                    .as_ref()
                    .or(p.environments.first().map(|e| &e.platform))
            })
            .map(|f| format!("  {}", f.display()))
            .collect();
        let what = if candidates[0].floe.is_some() {
            "floe projects"
        } else {
            "platform files"
        };
        return Err(format!(
            "{} holds {} {what}; name one of them:\n{}",
            path.display(),
            listed.len(),
            listed.join("\n")
        ));
    }
    candidates
        .pop()
        .ok_or_else(|| format!("no floe.yaml or platform.yaml found in {}", path.display()))
}

/// The files a walk has found, by the kind their names propose, in the order of the walk: path
/// order, as a walk visits each directory's entries by name ([`sorted`] makes sure).
#[derive(Default)]
struct Found {
    floes: Vec<PathBuf>,
    platforms: Vec<PathBuf>,
    manifests: Vec<PathBuf>,
    /// Every directory listed, with its entries.
    listing: Listing,
}

impl Found {
    fn absorb(&mut self, other: Found) {
        self.floes.extend(other.floes);
        self.platforms.extend(other.platforms);
        self.manifests.extend(other.manifests);
        self.listing.absorb(other.listing);
    }
}

/// `paths` in path order, each once. A walk finds them in that order, which is checked (one
/// comparison each) before anything is sorted: comparing paths component by component was
/// most of the time one core spent alone discovering a thousand projects.
fn sorted(mut paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if !paths.is_sorted_by(|a, b| a < b) {
        paths.sort();
        paths.dedup();
    }
    paths
}

/// Walks `dir`; a directory with [`PARALLEL_FROM`] subdirectories or more has them walked
/// `threads` at a time (each into its own sets, merged after).
fn walk(dir: &Path, found: &mut Found, depth: usize, threads: Option<usize>) {
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // Each entry's type asked once (a file system without types in its listings answers with
    // an `lstat`).
    let entries: Vec<(std::fs::DirEntry, Option<std::fs::FileType>)> = entries
        .flatten()
        .map(|entry| {
            let kind = entry.file_type().ok();
            (entry, kind)
        })
        .collect();
    // Kept whole, by the directory's name as its files are recorded (`./a` is `a`).
    let seen = entries
        .iter()
        .map(|(entry, kind)| (entry.file_name(), *kind))
        .collect();
    found.listing.insert(clean(dir), seen);
    // By name: then every list the walk makes is in path order (a directory's entries are
    // visited in the order their paths sort, subdirectories in place).
    let mut listed: Vec<(PathBuf, std::fs::FileType)> = entries
        .iter()
        .filter_map(|(entry, kind)| Some((entry.path(), (*kind)?)))
        .filter(|(path, file_type)| {
            !file_type.is_dir()
                || path
                    .file_name()
                    .is_none_or(|name| !SKIPPED_DIRS.iter().any(|s| name == *s))
        })
        .collect();
    listed.sort_unstable_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    let subdirs: Vec<&PathBuf> = listed
        .iter()
        .filter(|(_, file_type)| file_type.is_dir())
        .map(|(path, _)| path)
        .collect();
    let parallel = threads_for(subdirs.len(), threads);
    let mut parts = if parallel > 1 {
        map_in_order(&subdirs, parallel, &|sub| {
            let mut part = Found::default();
            walk(sub, &mut part, depth + 1, Some(1));
            part
        })
    } else {
        Vec::new()
    }
    .into_iter();
    for (path, file_type) in &listed {
        if !file_type.is_dir() {
            visit_file(path, *file_type, found);
        } else if parallel > 1 {
            if let Some(part) = parts.next() {
                found.absorb(part);
            }
        } else {
            walk(path, found, depth + 1, threads);
        }
    }
}

/// Any entry with a floe file's name, symlinks (followed only to read them, never into
/// directories: no loops), FIFOs and broken links included: its check says whether and why it
/// cannot be read.
fn visit_file(path: &Path, file_type: std::fs::FileType, found: &mut Found) {
    let kind = FileKind::from_path(path);
    if kind.is_none() || !(file_type.is_file() || files::present(path)) {
        return;
    }
    match kind {
        Some(FileKind::Floe | FileKind::FloeSpec) => found.floes.push(clean(path)),
        Some(FileKind::Platform) => found.platforms.push(clean(path)),
        // Other tools name files manifest.yaml too: only floe's are taken.
        Some(FileKind::Manifest) if manifest::declares_floe(path) => {
            found.manifests.push(clean(path));
        }
        Some(FileKind::Manifest) | None => {}
    }
}

/// Files that belong to a floe project without being floe configuration: the dbt files floe-lint
/// reads and its own configuration.
fn is_companion(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    [PROFILES_FILE, PROJECT_FILE, ".floe-lint.toml"].contains(&name)
        || path.extension().is_some_and(|e| e == "sql")
}

/// The floe.yaml in the file's directory or up to five above (as floe finds its dbt project).
fn nearest_floe(path: &Path) -> Option<PathBuf> {
    let mut dir = path.parent();
    for _ in 0..=5 {
        let current = dir?;
        let base = if current.as_os_str().is_empty() {
            Path::new(".")
        } else {
            current
        };
        for name in FLOE_FILE_NAMES {
            let candidate = base.join(name);
            if files::present(&candidate) {
                return Some(candidate);
            }
        }
        dir = current.parent();
    }
    None
}

/// The same file under any spelling of its path.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| clean(path))
}

/// Drops `.` components so the same file always has the same name (`./a/floe.yaml` = `a/floe.yaml`).
pub fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests;
