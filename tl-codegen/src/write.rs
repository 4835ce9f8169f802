//! Writes generated files, touching only those whose content changed.

use std::fs;
use std::io;
use std::path::Path;

/// Writes `contents` to `path` unless it already holds exactly that; returns whether it wrote.
/// Creates parent directories as needed.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    if let Ok(existing) = fs::read(path) {
        if existing == contents.as_bytes() {
            return Ok(false);
        }
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, contents)?;
    Ok(true)
}

/// Whether the file at `path` holds `contents`, ignoring `\r\n` versus `\n`.
pub fn is_up_to_date(path: &Path, contents: &str) -> bool {
    match fs::read_to_string(path) {
        Ok(existing) => existing.replace("\r\n", "\n") == contents.replace("\r\n", "\n"),
        Err(_) => false,
    }
}
