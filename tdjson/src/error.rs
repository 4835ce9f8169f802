//! What can go wrong: loading a library, and calling it.

use std::fmt;
use std::path::{Path, PathBuf};

use tlgen_runtime::json::{JsonError, TdError};

/// A library could not be loaded: which file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    path: PathBuf,
    reason: String,
}

impl LoadError {
    pub(crate) fn new(path: &Path, reason: String) -> Self {
        LoadError {
            path: path.to_path_buf(),
            reason,
        }
    }

    /// The file that was tried (empty when none was named).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why it could not be used.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.as_os_str().is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path.display(), self.reason)
        }
    }
}

impl std::error::Error for LoadError {}

/// An error from a call through the client.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The library answered with its `error` object (`{"@type":"error","code":…,"message":…}`).
    Td(TdError),
    /// The answer is not the JSON the bindings expect (its path and what is wrong).
    Json(JsonError),
    /// The library returned NULL for a synchronous request (tonlib: it could not parse it;
    /// TDLib: the request is not a synchronous one or could not be parsed).
    NoAnswer,
    /// A request holds a NUL byte, which the C interface cannot pass.
    NulInRequest,
    /// A raw request is not a JSON object, or already has an `@extra` (the client sets it).
    BadRequest(&'static str),
    /// No answer came within the time given.
    Timeout,
    /// The client was closed (its receive loop stopped) before an answer came.
    Closed,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Td(error) => write!(f, "error {}: {}", error.code, error.message),
            Error::Json(error) => write!(f, "unexpected JSON: {error}"),
            Error::NoAnswer => f.write_str("the library returned no answer (NULL)"),
            Error::NulInRequest => f.write_str("the request holds a NUL byte"),
            Error::BadRequest(why) => write!(f, "bad raw request: {why}"),
            Error::Timeout => f.write_str("no answer within the timeout"),
            Error::Closed => f.write_str("the client is closed"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Json(error) => Some(error),
            _ => None,
        }
    }
}

impl From<JsonError> for Error {
    fn from(error: JsonError) -> Self {
        Error::Json(error)
    }
}

impl From<TdError> for Error {
    fn from(error: TdError) -> Self {
        Error::Td(error)
    }
}
