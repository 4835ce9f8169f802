//! Reading a schema file: its bytes must be UTF-8, and when they are not the error says
//! where (byte offset, line and column) instead of only "stream did not contain valid UTF-8".

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a schema file could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not UTF-8.
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first byte that starts no valid character.
        offset: usize,
        /// That byte.
        byte: u8,
        /// 1-based line of the offset.
        line: usize,
        /// 1-based column of the offset, in characters of the valid text before it.
        column: usize,
    },
}

/// Reads the file at `path` as UTF-8 text.
pub fn read_file(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let valid =
            std::str::from_utf8(bytes.get(..offset).unwrap_or_default()).unwrap_or_default();
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        ReadError::InvalidUtf8 {
            path: path.to_path_buf(),
            offset,
            byte: bytes.get(offset).copied().unwrap_or_default(),
            line: valid.matches('\n').count() + 1,
            column: valid.get(line_start..).unwrap_or_default().chars().count() + 1,
        }
    })
}

/// `path: cause`, or rustc-style for invalid UTF-8:
///
/// ```text
/// error: invalid UTF-8: byte 0xe9 at offset 15 starts no valid character
///  --> schema/my.tl:2:3
/// ```
impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ReadError::InvalidUtf8 {
                path,
                offset,
                byte,
                line,
                column,
            } => write!(
                f,
                "error: invalid UTF-8: byte {byte:#04x} at offset {offset} starts no valid \
                 character\n --> {}:{line}:{column}",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io { source, .. } => Some(source),
            ReadError::InvalidUtf8 { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn invalid_utf8_has_its_offset_line_and_column() {
        let mut file = tempfile_in_target("utf8.tl");
        file.1
            .write_all(b"ok = Ok;\n\xc3\xa9a\xffb = B;\n")
            .unwrap();
        let err = read_file(&file.0).unwrap_err();
        let ReadError::InvalidUtf8 {
            offset,
            byte,
            line,
            column,
            ..
        } = err
        else {
            panic!("{err}")
        };
        // `ok = Ok;\n` is 9 bytes, `é` 2 more, `a` 1: the bad byte is at 12, line 2, column 3.
        assert_eq!((offset, byte, line, column), (12, 0xff, 2, 3));
        let shown = read_file(&file.0).unwrap_err().to_string();
        assert!(
            shown.starts_with("error: invalid UTF-8: byte 0xff at offset 12"),
            "{shown}"
        );
        assert!(shown.ends_with(":2:3"), "{shown}");
        let _ = std::fs::remove_file(&file.0);
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let err = read_file(Path::new("/nonexistent/schema.tl")).unwrap_err();
        assert!(matches!(err, ReadError::Io { .. }), "{err}");
    }

    /// A fresh file in the system temp dir (no tempfile dependency in this crate).
    fn tempfile_in_target(name: &str) -> (PathBuf, std::fs::File) {
        let path = std::env::temp_dir().join(format!("tl-parser-{}-{name}", std::process::id()));
        let file = std::fs::File::create(&path).unwrap();
        (path, file)
    }
}
