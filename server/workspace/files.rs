//! Files that are there but may not be readable: a symlink loop, a broken symlink, a FIFO, a
//! device, a file without read permission. They are found like any file (so the check reports
//! them instead of calling them "not found") and are never opened before their type is known: a
//! FIFO would block the linter forever, `/dev/zero` would never end.

use std::io;
use std::path::{Path, PathBuf};

/// Whether something other than a directory is at `path`, whatever state it is in (a broken
/// symlink is there). A file floe would look for at this path exists for floe-lint.
pub fn present(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        // Only a symlink needs a second look (it may lead to a directory): discovery asks this
        // thousands of times in a monorepo, before any check can start.
        Ok(meta) if meta.file_type().is_symlink() => !path.is_dir(),
        Ok(meta) => !meta.is_dir(),
        Err(_) => false,
    }
}

/// Why `path` cannot be read as a regular file, found without opening it; `Ok` for a regular
/// file (which may still fail to open, e.g. for want of permission).
pub fn check_readable(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => Err(io::Error::other("is a directory")),
        Ok(meta) => Err(io::Error::other(format!(
            "not a regular file ({}); floe reads only regular files",
            special_kind(&meta)
        ))),
        Err(error) => Err(explained(path, error)),
    }
}

/// Reads a regular file; anything else is refused with its cause (never opened).
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    check_readable(path)?;
    std::fs::read(path).map_err(|e| explained(path, e))
}

/// An I/O error in words that name the cause at this path.
pub fn explained(path: &Path, error: io::Error) -> io::Error {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // ELOOP: Linux 40, the BSDs and macOS 62.
    let looped = matches!(error.raw_os_error(), Some(40) if cfg!(target_os = "linux"))
        || matches!(error.raw_os_error(), Some(62) if !cfg!(target_os = "linux"));
    let text = if looped {
        "too many levels of symbolic links (a symlink loop)".to_owned()
    } else if is_link && error.kind() == io::ErrorKind::NotFound {
        let target = std::fs::read_link(path).unwrap_or_else(|_| PathBuf::from("?"));
        format!(
            "broken symbolic link to {} (it does not exist)",
            target.display()
        )
    } else {
        match error.kind() {
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            io::ErrorKind::NotFound => "no such file or directory".to_owned(),
            _ => error.to_string(),
        }
    };
    io::Error::new(error.kind(), text)
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> &'static str {
    "a special file"
}
