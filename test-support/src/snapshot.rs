//! Snapshot files: output compared with a checked-in file, which `UPDATE_SNAPSHOTS=1`
//! rewrites after a deliberate change (review the diff, then commit it).

use std::fmt;
use std::path::{Path, PathBuf};

/// The environment variable that makes [`check`] rewrite stale snapshots.
pub const UPDATE_VAR: &str = "UPDATE_SNAPSHOTS";

/// A snapshot file that does not hold the expected output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The snapshot file.
    pub path: PathBuf,
    /// The first differing line (1-based), or `None` if the file could not be read.
    pub line: Option<usize>,
}

impl fmt::Display for Stale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} differs from line {line}", self.path.display())?,
            None => write!(f, "{} is missing or unreadable", self.path.display())?,
        }
        write!(f, "; rerun with {UPDATE_VAR}=1 and review the diff")
    }
}

/// Compares `actual` with the file at `path` (line endings normalised to `\n`). When they
/// differ and `UPDATE_SNAPSHOTS` is set, rewrites the file and returns `Ok`.
///
/// # Panics
///
/// If rewriting the file fails.
pub fn check(path: &Path, actual: &str) -> Result<(), Stale> {
    compare(path, actual, std::env::var_os(UPDATE_VAR).is_some())
}

/// [`check`], with `update` in place of the environment variable.
fn compare(path: &Path, actual: &str, update: bool) -> Result<(), Stale> {
    let on_disk = std::fs::read_to_string(path).map(|text| text.replace("\r\n", "\n"));
    if on_disk.as_deref().ok() == Some(actual) {
        return Ok(());
    }
    if update {
        std::fs::write(path, actual)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return Ok(());
    }
    let line = on_disk
        .ok()
        .map(|expected| first_difference(&expected, actual));
    Err(Stale {
        path: path.to_path_buf(),
        line,
    })
}

/// Like [`check`], panicking with the [`Stale`] message when the snapshot differs.
pub fn assert_matches(path: &Path, actual: &str) {
    if let Err(stale) = check(path, actual) {
        panic!("{stale}");
    }
}

/// The first line (1-based) where `a` and `b` differ, given that they do.
fn first_difference(a: &str, b: &str) -> usize {
    let mut lines = a.split('\n').zip(b.split('\n'));
    lines.position(|(x, y)| x != y).unwrap_or_else(|| {
        // One is a prefix of the other: the difference starts after the shorter one.
        a.split('\n').count().min(b.split('\n').count())
    }) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_difference_is_one_based() {
        assert_eq!(first_difference("a\nb\nc", "a\nx\nc"), 2);
        assert_eq!(first_difference("a", "b"), 1);
        assert_eq!(first_difference("a\nb", "a\nb\nc"), 3);
    }

    #[test]
    fn missing_file_is_stale() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-snapshot.txt");
        let stale = compare(&path, "x", false).unwrap_err();
        assert_eq!(stale.line, None);
        assert!(stale.to_string().contains("UPDATE_SNAPSHOTS=1"));
    }

    #[test]
    fn crlf_on_disk_matches() {
        let dir = std::env::temp_dir().join(format!("tl-test-support-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("crlf.txt");
        std::fs::write(&path, "a\r\nb\r\n").unwrap();
        assert_eq!(compare(&path, "a\nb\n", false), Ok(()));
        let stale = compare(&path, "a\nc\n", false).unwrap_err();
        assert_eq!(stale.line, Some(2));
        assert_eq!(compare(&path, "a\nc\n", true), Ok(()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a\nc\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
