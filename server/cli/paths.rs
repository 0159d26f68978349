//! How paths are printed: relative to the working directory, `/`-separated.

use std::path::{Path, PathBuf};

/// `path` relative to `base` (with `..` steps when it lies outside it).
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let absolute = normalize(&absolute);
    let base = normalize(base);
    let ours: Vec<_> = absolute.components().collect();
    let theirs: Vec<_> = base.components().collect();
    let common = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return absolute;
    }
    let mut relative = PathBuf::new();
    for _ in common..theirs.len() {
        relative.push("..");
    }
    for component in &ours[common..] {
        relative.push(component);
    }
    relative
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path printed for users and machines: forward slashes on every platform.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The repository root (nearest ancestor holding `.git`), for repo-relative SARIF URIs.
pub fn repo_root(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(".git").exists() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}
