//! Writing a [`Value`] as TDLib's or tonlib's JSON through tlgen-runtime's [`JsonWriter`]:
//! the same writer as the generated bindings', so the text is TDLib's byte for byte (fields
//! in schema order, `int64` as strings, doubles with six decimals, every non-ASCII character
//! as `\uXXXX`, padded base64).

use serde_json::Value as Json;
use tlgen_runtime::json::JsonWriter;

use super::{TdDialect, CLIENT_ID_KEY, EXTRA_KEY};
use crate::encode::MAX_ENCODE_DEPTH;
use crate::error::{ValueError, ValueErrorKind};
use crate::schema::{Field, Schema};
use crate::value::Value;

/// A value with its schema, to be written as TDLib's or tonlib's JSON (see
/// [`Schema::td_json`]).
#[derive(Debug, Clone, Copy)]
pub struct TdJsonValue<'s> {
    schema: &'s Schema,
    value: &'s Value,
    dialect: TdDialect,
    /// `@extra` and `@client_id`, written after the fields of the top object.
    extra: Option<&'s Json>,
    client_id: Option<i32>,
}

impl<'s> TdJsonValue<'s> {
    pub(super) fn new(schema: &'s Schema, value: &'s Value, dialect: TdDialect) -> Self {
        TdJsonValue {
            schema,
            value,
            dialect,
            extra: None,
            client_id: None,
        }
    }

    /// Adds `@extra` and (TDLib only) `@client_id` after the fields, as the libraries do in
    /// an answer; nothing is added when the value is not an object.
    #[must_use]
    pub fn with_extra(mut self, extra: Option<&'s Json>, client_id: Option<i32>) -> Self {
        self.extra = extra;
        self.client_id = client_id.filter(|_| self.dialect == TdDialect::Tdlib);
        self
    }

    /// The JSON text, on one line, exactly as the library writes it. Fails, with the path of
    /// the problem, for a value that is not of this schema, that lacks a required field,
    /// holds a non-finite `double` or an MTProto envelope, or nests deeper than
    /// [`MAX_ENCODE_DEPTH`].
    pub fn to_json_string(&self) -> Result<String, ValueError> {
        let mut out = JsonWriter::new();
        self.write_json(&mut out)?;
        Ok(out.into_string())
    }

    /// Appends the JSON text to `out` (which is left partly written on an error).
    pub fn write_json(&self, out: &mut JsonWriter) -> Result<(), ValueError> {
        self.value(out, self.value, false, 0, true)
    }

    /// Whether a field may be left out.
    fn may_be_absent(&self, field: &Field) -> bool {
        field.nullable
            || field.is_optional()
            || (self.dialect == TdDialect::Tonlib && field.ty.is_object())
    }

    /// Writes `value`; `int53`: a `long` here is a number; `top`: `@extra` and
    /// `@client_id` go after the fields.
    fn value(
        &self,
        out: &mut JsonWriter,
        value: &Value,
        int53: bool,
        depth: u32,
        top: bool,
    ) -> Result<(), ValueError> {
        if depth > MAX_ENCODE_DEPTH {
            return Err(ValueError::new(ValueErrorKind::TooDeep {
                limit: MAX_ENCODE_DEPTH,
            }));
        }
        match value {
            Value::Object { def: id, fields } => {
                let Some(def) = self.schema.definition(*id) else {
                    return Err(ValueError::new(ValueErrorKind::UnknownName {
                        name: format!("definition #{}", id.index()),
                    }));
                };
                out.begin_object(&def.name);
                let mut given = fields.iter().peekable();
                for (field, index) in def.fields.iter().zip(0u32..) {
                    let Some((_, value)) = given.next_if(|(i, _)| *i == index) else {
                        if self.may_be_absent(field) {
                            continue;
                        }
                        return Err(ValueError::new(ValueErrorKind::MissingField {
                            definition: def.name.to_string(),
                            field: field.name.to_string(),
                        })
                        .at_field(&field.name));
                    };
                    if field.is_true_flag() && !matches!(value, Value::Bool(true)) {
                        continue;
                    }
                    out.key(&field.name);
                    self.value(out, value, field.int53, depth + 1, false)
                        .map_err(|e| e.at_field(&field.name))?;
                }
                // Indices out of order, repeated or beyond the fields are left over.
                if let Some((index, _)) = given.next() {
                    return Err(ValueError::new(ValueErrorKind::BadFieldIndex {
                        definition: def.name.to_string(),
                        index: *index,
                        fields: def.fields.len(),
                    }));
                }
                if top {
                    if let Some(extra) = self.extra {
                        out.key(EXTRA_KEY);
                        any_json(out, extra);
                    }
                    if let Some(client_id) = self.client_id {
                        out.key(CLIENT_ID_KEY);
                        out.i64(client_id.into());
                    }
                }
                out.end_object();
            }
            Value::Vector(items) => {
                out.begin_array();
                for (i, item) in items.iter().enumerate() {
                    out.array_item();
                    self.value(out, item, int53, depth + 1, false)
                        .map_err(|e| e.at_index(i))?;
                }
                out.end_array();
            }
            Value::Int(v) => out.i64((*v).into()),
            Value::Nat(v) => out.i64((*v).into()),
            Value::Long(v) if int53 => out.i64(*v),
            Value::Long(v) => out.int64_string(*v),
            Value::Double(v) if v.is_finite() => out.f64(*v),
            Value::Double(v) => {
                return Err(ValueError::new(ValueErrorKind::Invalid {
                    expected: "double".to_owned(),
                    reason: format!("{v} has no JSON form in the library's JSON"),
                }))
            }
            Value::String(v) => out.string(v),
            Value::Bytes(v) => out.bytes(v),
            Value::Int128(v) => out.bytes(&v[..]),
            Value::Int256(v) => out.bytes(&v[..]),
            Value::Bool(v) => out.bool(*v),
            Value::Null => out.null(),
            Value::Envelope(envelope) => {
                return Err(ValueError::new(ValueErrorKind::WrongKind {
                    expected: "a value of the schema".to_owned(),
                    found: format!("the MTProto envelope {}", envelope.name()),
                }))
            }
        }
        Ok(())
    }
}

/// Writes any JSON (an `@extra`) as TDLib re-encodes it (`json_encode` in
/// `td/telegram/ClientJson.cpp`): compact, strings escaped as TDLib escapes them. A number is
/// written as serde_json prints it (TDLib keeps the number's text as it came).
fn any_json(out: &mut JsonWriter, json: &Json) {
    match json {
        Json::Null => out.null(),
        Json::Bool(b) => out.bool(*b),
        Json::Number(n) => out.raw(&n.to_string()),
        Json::String(s) => out.string(s),
        Json::Array(items) => {
            out.begin_array();
            for item in items {
                out.array_item();
                any_json(out, item);
            }
            out.end_array();
        }
        Json::Object(map) => {
            out.raw("{");
            for (i, (key, value)) in map.iter().enumerate() {
                if i == 0 {
                    out.string(key);
                    out.raw(":");
                } else {
                    out.key(key);
                }
                any_json(out, value);
            }
            out.end_object();
        }
    }
}
