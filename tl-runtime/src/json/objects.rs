//! The two objects every binding needs: a constructor it does not know, and TDLib's `error`.

use super::{JsonError, JsonReader, JsonWriter, Plain, TdJson};

/// A constructor these bindings do not know: its `@type` and its JSON text, re-encoded
/// unchanged. What an abstract type's `Unknown` variant holds when TDLib N+k sends a
/// constructor that TDLib N's schema lacks.
///
/// ```
/// use tlgen_runtime::json::{from_str, to_string, UnknownObject};
///
/// let text = r#"{"@type":"updateSomethingNew","x": [1, 2]}"#;
/// let unknown: UnknownObject = from_str(text)?;
/// assert_eq!(unknown.type_name(), "updateSomethingNew");
/// assert_eq!(to_string(&unknown), text);
/// # Ok::<(), tlgen_runtime::json::JsonError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct UnknownObject {
    type_name: String,
    json: String,
}

impl UnknownObject {
    /// An unknown object of `@type` `type_name` whose whole JSON text is `json`. The text is
    /// taken as it is: [`JsonReader::read_unknown`] only makes one from a well-formed object.
    pub fn new(type_name: String, json: String) -> Self {
        Self { type_name, json }
    }

    /// Its `@type` (the number's text, for a numeric one).
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// Its JSON text, exactly as it was read.
    pub fn json(&self) -> &str {
        &self.json
    }
}

impl TdJson for UnknownObject {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.raw(&self.json);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        input.read_unknown()
    }
}

/// TDLib's and tonlib's `error code:int32 message:string = Error;`: the answer to a request
/// that failed.
///
/// ```
/// use tlgen_runtime::json::{from_str, to_string, TdError};
///
/// let text = r#"{"@type":"error","code":400,"message":"Initialization parameters are needed"}"#;
/// let error: TdError = from_str(text)?;
/// assert_eq!(error.code, 400);
/// assert_eq!(to_string(&error), text);
/// # Ok::<(), tlgen_runtime::json::JsonError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TdError {
    /// The error code: an HTTP-like status (400, 401, 404, 429, 500, …; 406 is for TDLib
    /// itself, never shown to the user).
    pub code: i32,
    /// The error message.
    pub message: String,
}

impl TdError {
    /// `error`'s TL name, its `@type`.
    pub const TYPE_NAME: &'static str = "error";
    /// `error`'s constructor id in `td_api.tl` and `tonlib_api.tl`
    /// (`error code:int32 message:string = Error;`).
    pub const ID: i32 = -1679978726;
}

impl core::fmt::Display for TdError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "error {}: {}", self.code, self.message)
    }
}

impl std::error::Error for TdError {}

impl TdJson for TdError {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object(Self::TYPE_NAME);
        out.field::<_, Plain>("code", &self.code);
        out.field::<_, Plain>("message", &self.message);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let (mut code, mut message) = (None, None);
        input.read_object(Self::TYPE_NAME, Self::ID, |input, key| {
            match key {
                "code" => code = Some(input.read_field::<_, Plain>("code")?),
                "message" => message = Some(input.read_field::<_, Plain>("message")?),
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            code: input.required(code, "code")?,
            message: input.required(message, "message")?,
        })
    }
}
