//! Writing a [`Value`] as TDLib's or tonlib's JSON, through [`serde::Serialize`]: fields in
//! schema order, no intermediate JSON tree.

use serde::ser::{Error as _, SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value as Json;

use super::{TdDialect, CLIENT_ID_KEY, EXTRA_KEY, TYPE_KEY};
use crate::base64;
use crate::encode::MAX_ENCODE_DEPTH;
use crate::error::{ValueError, ValueErrorKind};
use crate::schema::{DefId, Field, Schema};
use crate::value::Value;

/// A value with its schema, serializable as TDLib's or tonlib's JSON (see
/// [`Schema::td_json`]).
#[derive(Debug, Clone, Copy)]
pub struct TdJsonValue<'s> {
    schema: &'s Schema,
    value: &'s Value,
    dialect: TdDialect,
    /// Whether a `long` here is an `int53` (a number).
    int53: bool,
    depth: u32,
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
            int53: false,
            depth: 0,
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

    /// The JSON text, on one line. The value is checked first, so that an error says
    /// where: a required field missing, a non-finite `double`, an MTProto envelope.
    pub fn to_json_string(&self) -> Result<String, ValueError> {
        self.check(self.value, self.depth)?;
        serde_json::to_string(self).map_err(|e| {
            ValueError::new(ValueErrorKind::Invalid {
                expected: "a value of the schema".to_owned(),
                reason: e.to_string(),
            })
        })
    }

    /// Checks that `value` can be written, with the path of the first problem.
    fn check(&self, value: &Value, depth: u32) -> Result<(), ValueError> {
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
                let mut next = 0u32;
                for (i, value) in fields.iter() {
                    let Some(field) = def.fields.get(*i as usize).filter(|_| *i >= next) else {
                        return Err(ValueError::new(ValueErrorKind::BadFieldIndex {
                            definition: def.name.to_string(),
                            index: *i,
                            fields: def.fields.len(),
                        }));
                    };
                    next = i + 1;
                    self.check(value, depth + 1)
                        .map_err(|e| e.at_field(&field.name))?;
                }
                for (field, index) in def.fields.iter().zip(0u32..) {
                    let present = fields.iter().any(|(i, _)| *i == index);
                    if !present && !self.may_be_absent(field) {
                        return Err(ValueError::new(ValueErrorKind::MissingField {
                            definition: def.name.to_string(),
                            field: field.name.to_string(),
                        })
                        .at_field(&field.name));
                    }
                }
                Ok(())
            }
            Value::Vector(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.check(item, depth + 1).map_err(|e| e.at_index(i))?;
                }
                Ok(())
            }
            Value::Double(v) if !v.is_finite() => Err(ValueError::new(ValueErrorKind::Invalid {
                expected: "double".to_owned(),
                reason: format!("{v} has no JSON form in the library's JSON"),
            })),
            Value::Envelope(envelope) => Err(ValueError::new(ValueErrorKind::WrongKind {
                expected: "a value of the schema".to_owned(),
                found: format!("the MTProto envelope {}", envelope.name()),
            })),
            _ => Ok(()),
        }
    }

    fn child(&self, value: &'s Value, int53: bool) -> Self {
        TdJsonValue {
            value,
            int53,
            depth: self.depth + 1,
            extra: None,
            client_id: None,
            ..*self
        }
    }

    /// Whether a field may be left out.
    fn may_be_absent(&self, field: &Field) -> bool {
        field.nullable
            || field.is_optional()
            || (self.dialect == TdDialect::Tonlib && field.ty.is_object())
    }

    fn object<S: Serializer>(
        &self,
        s: S,
        id: DefId,
        fields: &'s [(u32, Value)],
    ) -> Result<S::Ok, S::Error> {
        let Some(def) = self.schema.definition(id) else {
            return Err(S::Error::custom(format_args!(
                "definition #{} is not in the schema",
                id.index()
            )));
        };
        // Check before writing anything: every field in order, every required one present.
        let mut given = fields.iter().peekable();
        for (field, index) in def.fields.iter().zip(0u32..) {
            if let Some((i, _)) = given.peek() {
                if *i < index {
                    return Err(S::Error::custom(format_args!(
                        "field index {i} is out of order in {}",
                        def.name
                    )));
                }
            }
            if given.next_if(|(i, _)| *i == index).is_none() && !self.may_be_absent(field) {
                return Err(S::Error::custom(format_args!(
                    "missing field `{}` of {}",
                    field.name, def.name
                )));
            }
        }
        if let Some((i, _)) = given.next() {
            return Err(S::Error::custom(format_args!(
                "field index {i} is not below {}, the fields of {}",
                def.fields.len(),
                def.name
            )));
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(TYPE_KEY, &*def.name)?;
        for (i, value) in fields {
            let Some(field) = def.fields.get(*i as usize) else {
                continue;
            };
            if field.is_true_flag() && !matches!(value, Value::Bool(true)) {
                continue;
            }
            map.serialize_entry(&*field.name, &self.child(value, field.int53))?;
        }
        if let Some(extra) = self.extra {
            map.serialize_entry(EXTRA_KEY, extra)?;
        }
        if let Some(client_id) = self.client_id {
            map.serialize_entry(CLIENT_ID_KEY, &client_id)?;
        }
        map.end()
    }
}

impl Serialize for TdJsonValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.depth > MAX_ENCODE_DEPTH {
            return Err(S::Error::custom(format_args!(
                "nesting deeper than {MAX_ENCODE_DEPTH} levels"
            )));
        }
        match self.value {
            Value::Object { def, fields } => self.object(s, *def, fields),
            Value::Int(v) => s.serialize_i32(*v),
            Value::Nat(v) => s.serialize_u32(*v),
            Value::Long(v) if self.int53 => s.serialize_i64(*v),
            Value::Long(v) => s.collect_str(v),
            Value::Double(v) if v.is_finite() => s.serialize_f64(*v),
            Value::Double(v) => Err(S::Error::custom(format_args!(
                "the double {v} has no JSON form"
            ))),
            Value::String(v) => s.serialize_str(v),
            Value::Bytes(v) => s.serialize_str(&base64::encode(v)),
            Value::Int128(v) => s.serialize_str(&base64::encode(&v[..])),
            Value::Int256(v) => s.serialize_str(&base64::encode(&v[..])),
            Value::Bool(v) => s.serialize_bool(*v),
            Value::Null => s.serialize_unit(),
            Value::Vector(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(&self.child(item, self.int53))?;
                }
                seq.end()
            }
            Value::Envelope(envelope) => Err(S::Error::custom(format_args!(
                "the MTProto envelope {} has no TDLib JSON form",
                envelope.name()
            ))),
        }
    }
}
