//! What a directory walk saw, kept so that the questions discovery asks next (is there a floe.yaml
//! beside this platform file? which environments does this project have?) are answered from
//! the listings it already made, not asked of the file system again: a thousand projects'
//! answers were some five thousand system calls. A directory the walk did not list (above a
//! path given, skipped, reached through a symlink) is asked of the file system as before, and
//! so is every symlink (where it leads is not in a listing).

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use super::files;

/// The entries of each directory a walk listed, by its cleaned path.
#[derive(Debug, Default)]
pub struct Listing {
    dirs: HashMap<PathBuf, Vec<Entry>>,
}

/// A directory entry's name and type, as the listing gave them (`None`: it gave no type).
pub type Entry = (OsString, Option<FileType>);

impl Listing {
    /// Records the entries of `dir` (a cleaned path).
    pub fn insert(&mut self, dir: PathBuf, entries: Vec<Entry>) {
        self.dirs.insert(dir, entries);
    }

    pub fn absorb(&mut self, other: Listing) {
        self.dirs.extend(other.dirs);
    }

    /// Whether [`files::present`] would say so of `path`: answered from its directory's listing
    /// when the walk made one, with the file system asked only about a symlink or an entry of
    /// no known type.
    pub fn present(&self, path: &Path) -> bool {
        self.answer(path).unwrap_or_else(|| files::present(path))
    }

    /// [`Listing::present`] where the listing alone answers it; `None` where the file system
    /// must be asked.
    pub fn answer(&self, path: &Path) -> Option<bool> {
        let entries = self.dirs.get(path.parent()?)?;
        let name = path.file_name()?;
        match entries.iter().find(|(n, _)| n == name) {
            None => Some(false),
            Some((_, Some(kind))) if !kind.is_symlink() => Some(!kind.is_dir()),
            Some(_) => None,
        }
    }

    /// The subdirectories of `dir` by name, symlinks to directories included, as reading the
    /// directory would find them; `None` when it cannot be read.
    pub fn subdirectories(&self, dir: &Path) -> Option<Vec<OsString>> {
        let is_dir = |name: &OsString, kind: Option<FileType>| match kind {
            Some(kind) if !kind.is_symlink() => kind.is_dir(),
            _ => dir.join(name).is_dir(),
        };
        // A directory its parent's listing does not hold is not there.
        if let (Some(parent), Some(name)) = (dir.parent(), dir.file_name())
            && self
                .dirs
                .get(parent)
                .is_some_and(|entries| !entries.iter().any(|(n, _)| n == name))
        {
            return None;
        }
        if let Some(entries) = self.dirs.get(dir) {
            return Some(
                entries
                    .iter()
                    .filter(|(name, kind)| is_dir(name, *kind))
                    .map(|(name, _)| name.clone())
                    .collect(),
            );
        }
        let entries = std::fs::read_dir(dir).ok()?;
        Some(
            entries
                .flatten()
                .map(|entry| (entry.file_name(), entry.file_type().ok()))
                .filter(|(name, kind)| is_dir(name, *kind))
                .map(|(name, _)| name)
                .collect(),
        )
    }
}
