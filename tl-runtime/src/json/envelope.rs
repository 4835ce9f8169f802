//! What a client needs of a line TDLib sends before decoding it: its `@type`, `@extra` and
//! `@client_id`.

use std::borrow::Cow;

use super::{JsonError, JsonErrorKind, JsonReader};

/// The top-level `@type`, `@extra` and `@client_id` of a JSON object that TDLib or tonlib
/// sent (`td_receive`, `td_execute`), read without decoding the rest.
///
/// TDLib adds `@extra` (the request's own, any JSON value, returned as it was sent) and, with
/// the `td_create_client_id` interface, `@client_id` after the object's own fields
/// (`td/telegram/td_json_client.h`, `td/telegram/ClientJson.cpp`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Envelope<'a> {
    /// The object's `@type` (borrowed unless it had escapes).
    pub type_name: Cow<'a, str>,
    /// The exact JSON text of `@extra`, if present: `"abc"`, `5`, `{"id":1}`.
    pub extra: Option<&'a str>,
    /// `@client_id`, if present.
    pub client_id: Option<i32>,
}

/// Scans the top-level object of `input` for `@type`, `@extra` and `@client_id` (the first of
/// each, wherever it stands), checking the whole text's syntax but decoding nothing else.
///
/// An error if `input` is not one JSON object, or has no `@type`.
///
/// ```
/// use tlgen_runtime::json::scan_envelope;
///
/// let line = r#"{"@type":"textEntities","entities":[],"@extra":{"id":7},"@client_id":1}"#;
/// let envelope = scan_envelope(line)?;
/// assert_eq!(envelope.type_name, "textEntities");
/// assert_eq!(envelope.extra, Some(r#"{"id":7}"#));
/// assert_eq!(envelope.client_id, Some(1));
/// # Ok::<(), tlgen_runtime::json::JsonError>(())
/// ```
pub fn scan_envelope(input: &str) -> Result<Envelope<'_>, JsonError> {
    let mut reader = JsonReader::new(input);
    let (mut type_name, mut extra, mut client_id) = (None, None, None);
    reader.read_object_keys(|reader, key| {
        match key {
            "@type" if type_name.is_none() => type_name = Some(reader.read_str()?),
            "@extra" if extra.is_none() => extra = Some(reader.read_raw()?),
            "@client_id" if client_id.is_none() => client_id = Some(reader.read_i32()?),
            _ => reader.skip_value()?,
        }
        Ok(())
    })?;
    reader.finish()?;
    let type_name = type_name
        .ok_or_else(|| JsonError::new(JsonErrorKind::MissingType, "$", leading_space(input)))?;
    Ok(Envelope {
        type_name,
        extra,
        client_id,
    })
}

/// The offset of the first non-whitespace byte.
fn leading_space(input: &str) -> usize {
    input.len() - input.trim_start_matches([' ', '\n', '\r', '\t']).len()
}
