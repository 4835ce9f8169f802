//! The canonical TL-JSON mapping (see the crate docs for the table).
//!
//! Output goes through [`serde::Serialize`] ([`Schema::json`]), so the fields come out in
//! schema order and no intermediate JSON tree is built. Input is read from a
//! [`serde_json::Value`] against the expected [`Type`].

use serde::ser::{Error as _, SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value as Json;
use tlgen_runtime::Reader;

use crate::base64;
use crate::encode::{is_present, present_at, MAX_ENCODE_DEPTH};
use crate::envelope::{Envelope, Message};
use crate::error::{ValueError, ValueErrorKind};
use crate::schema::{DefId, Definition, Schema, Ty};
use crate::ty::{Node, Type};
use crate::value::Value;

/// The key of an object's TL name.
pub const NAME_KEY: &str = "_";

/// The deepest nesting of JSON objects and arrays read (the decoder's default limit).
pub const MAX_JSON_DEPTH: u32 = Reader::DEFAULT_MAX_DEPTH;

/// A value with its schema, serializable as canonical TL-JSON (see [`Schema::json`]).
#[derive(Debug, Clone, Copy)]
pub struct JsonValue<'s> {
    schema: &'s Schema,
    value: &'s Value,
    depth: u32,
}

impl Schema {
    /// `value` as canonical TL-JSON: pass it to `serde_json::to_string`, `to_writer`, ….
    #[must_use]
    pub fn json<'s>(&'s self, value: &'s Value) -> JsonValue<'s> {
        JsonValue {
            schema: self,
            value,
            depth: 0,
        }
    }

    /// `value` as TL-JSON text, indented if `pretty`.
    ///
    /// Fails only for a value that is not of this schema (an unknown definition, fields
    /// that do not match it) or nested deeper than [`MAX_ENCODE_DEPTH`].
    pub fn to_json_string(&self, value: &Value, pretty: bool) -> Result<String, ValueError> {
        let json = self.json(value);
        let text = if pretty {
            serde_json::to_string_pretty(&json)
        } else {
            serde_json::to_string(&json)
        };
        text.map_err(|e| {
            ValueError::new(ValueErrorKind::Invalid {
                expected: "a value of the schema".to_owned(),
                reason: e.to_string(),
            })
        })
    }

    /// Reads TL-JSON text as a value of `ty`.
    ///
    /// Text nested deeper than serde_json's limit (128) is a syntax error; the value itself
    /// may nest [`MAX_JSON_DEPTH`] objects and arrays.
    pub fn from_json_str(&self, text: &str, ty: &Type) -> Result<Value, ValueError> {
        let json: Json = serde_json::from_str(text).map_err(|e| {
            ValueError::new(ValueErrorKind::Syntax {
                message: e.to_string(),
            })
        })?;
        self.from_json(&json, ty)
    }

    /// Reads a JSON value as a value of `ty`; errors carry the JSON path.
    pub fn from_json(&self, json: &Json, ty: &Type) -> Result<Value, ValueError> {
        JsonReader { schema: self }.node(json, &ty.0, 0)
    }
}

impl Serialize for JsonValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let child = |value| JsonValue {
            schema: self.schema,
            value,
            depth: self.depth + 1,
        };
        if self.depth > MAX_ENCODE_DEPTH {
            return Err(S::Error::custom(format_args!(
                "nesting deeper than {MAX_ENCODE_DEPTH} levels"
            )));
        }
        match self.value {
            Value::Int(v) => s.serialize_i32(*v),
            Value::Nat(v) => s.serialize_u32(*v),
            Value::Long(v) => s.collect_str(v),
            Value::Double(v) if v.is_finite() => s.serialize_f64(*v),
            Value::Double(v) if v.is_nan() => s.serialize_str("NaN"),
            Value::Double(v) if *v > 0.0 => s.serialize_str("Infinity"),
            Value::Double(_) => s.serialize_str("-Infinity"),
            Value::String(v) => s.serialize_str(v),
            Value::Bytes(v) => s.serialize_str(&base64::encode(v)),
            Value::Int128(v) => s.serialize_str(&base64::encode(&v[..])),
            Value::Int256(v) => s.serialize_str(&base64::encode(&v[..])),
            Value::Bool(v) => s.serialize_bool(*v),
            Value::Null => s.serialize_unit(),
            Value::Vector(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&child(item))?;
                }
                seq.end()
            }
            Value::Envelope(envelope) => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry(NAME_KEY, envelope.name())?;
                match &**envelope {
                    Envelope::Container(messages) => {
                        let messages: Vec<_> = messages
                            .iter()
                            .map(|message| MessageJson {
                                parent: self,
                                message,
                            })
                            .collect();
                        map.serialize_entry("messages", &messages)?;
                    }
                    Envelope::RpcResult { req_msg_id, result } => {
                        map.serialize_entry("req_msg_id", &req_msg_id.to_string())?;
                        map.serialize_entry("result", &child(result))?;
                    }
                    Envelope::MsgCopy(message) => {
                        let message = MessageJson {
                            parent: self,
                            message,
                        };
                        map.serialize_entry("orig_message", &message)?;
                    }
                    Envelope::GzipPacked(data) => {
                        map.serialize_entry("packed_data", &base64::encode(data))?;
                    }
                    Envelope::Unknown { id, bytes } => {
                        map.serialize_entry("id", &format!("{id:#010x}"))?;
                        map.serialize_entry("bytes", &base64::encode(bytes))?;
                    }
                }
                map.end()
            }
            Value::Object { def: id, fields } => {
                let Some(def) = self.schema.definition(*id) else {
                    return Err(S::Error::custom(format_args!(
                        "definition #{} is not in the schema",
                        id.index()
                    )));
                };
                let mut map = s.serialize_map(None)?;
                map.serialize_entry(NAME_KEY, &*def.name)?;
                let mut next = 0;
                for (i, value) in fields.iter() {
                    let field = def.fields.get(*i as usize).filter(|_| *i >= next);
                    let Some(field) = field else {
                        return Err(S::Error::custom(format_args!(
                            "field index {i} is out of order or not below {}, the fields of {}",
                            def.fields.len(),
                            def.name
                        )));
                    };
                    next = i + 1;
                    if field.is_optional() && !is_present(field.ty, Some(value)) {
                        continue;
                    }
                    map.serialize_entry(&*field.name, &child(value))?;
                }
                map.end()
            }
        }
    }
}

/// The envelope name an object's `"_"` gives (`msg_container`, `rpc_result`, `msg_copy`,
/// `gzip_packed`), if any.
fn envelope_name(map: &serde_json::Map<String, Json>) -> Option<&str> {
    match map.get(NAME_KEY)?.as_str()? {
        name @ ("msg_container" | "rpc_result" | "msg_copy" | "gzip_packed" | "unknown") => {
            Some(name)
        }
        _ => None,
    }
}

/// The required field `key` of the envelope object `name`.
fn field<'j>(map: &'j serde_json::Map<String, Json>, name: &str, key: &str) -> JResult<&'j Json> {
    map.get(key).ok_or_else(|| {
        ValueError::new(ValueErrorKind::MissingField {
            definition: name.to_owned(),
            field: key.to_owned(),
        })
    })
}

/// Fails on a field of an envelope object `name` other than `"_"` and `keys`.
fn only(map: &serde_json::Map<String, Json>, name: &str, keys: &[&str]) -> JResult<()> {
    match map
        .keys()
        .find(|k| k.as_str() != NAME_KEY && !keys.contains(&k.as_str()))
    {
        Some(unknown) => Err(ValueError::new(ValueErrorKind::UnknownField {
            definition: name.to_owned(),
            field: unknown.clone(),
        })
        .at_field(unknown)),
        None => Ok(()),
    }
}

/// A bare envelope `message` as JSON, inside `parent`.
struct MessageJson<'p, 's> {
    parent: &'p JsonValue<'s>,
    message: &'s Message,
}

impl Serialize for MessageJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let body = JsonValue {
            schema: self.parent.schema,
            value: &self.message.body,
            depth: self.parent.depth + 2,
        };
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry(NAME_KEY, "message")?;
        map.serialize_entry("msg_id", &self.message.msg_id.to_string())?;
        map.serialize_entry("seqno", &self.message.seqno)?;
        map.serialize_entry("bytes", &self.message.bytes)?;
        map.serialize_entry("body", &body)?;
        map.end()
    }
}

/// What a JSON value is, for messages.
fn json_kind(json: &Json) -> String {
    match json {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => format!("number {n}"),
        Json::String(s) if s.len() <= 40 => format!("string {s:?}"),
        Json::String(_) => "a string".to_owned(),
        Json::Array(_) => "an array".to_owned(),
        Json::Object(o) => match o.get(NAME_KEY).and_then(Json::as_str) {
            Some(name) if name.len() <= 80 => format!("object {name}"),
            _ => "an object".to_owned(),
        },
    }
}

struct JsonReader<'s> {
    schema: &'s Schema,
}

type JResult<T> = core::result::Result<T, ValueError>;

impl JsonReader<'_> {
    #[cold]
    fn expected(&self, expected: String, json: &Json) -> ValueError {
        ValueError::new(ValueErrorKind::WrongKind {
            expected,
            found: json_kind(json),
        })
    }

    #[cold]
    fn invalid(&self, expected: &str, reason: String) -> ValueError {
        ValueError::new(ValueErrorKind::Invalid {
            expected: expected.to_owned(),
            reason,
        })
    }

    fn enter(depth: u32) -> JResult<u32> {
        if depth >= MAX_JSON_DEPTH {
            return Err(ValueError::new(ValueErrorKind::TooDeep {
                limit: MAX_JSON_DEPTH,
            }));
        }
        Ok(depth + 1)
    }

    fn node(&self, json: &Json, node: &Node, depth: u32) -> JResult<Value> {
        match node {
            Node::Leaf(ty) => self.ty(json, *ty, depth),
            Node::Vector { elem, .. } => {
                let Json::Array(items) = json else {
                    return Err(self.expected(self.schema.describe_node(node), json));
                };
                let depth = Self::enter(depth)?;
                items
                    .iter()
                    .enumerate()
                    .map(|(i, j)| self.node(j, elem, depth).map_err(|e| e.at_index(i)))
                    .collect::<JResult<Box<[_]>>>()
                    .map(Value::Vector)
            }
        }
    }

    fn ty(&self, json: &Json, ty: Ty, depth: u32) -> JResult<Value> {
        let schema = self.schema;
        let wrong = || self.expected(schema.describe(ty), json);
        Ok(match ty {
            Ty::Int => {
                let n = json.as_i64().ok_or_else(wrong)?;
                Value::Int(
                    i32::try_from(n)
                        .map_err(|_| self.invalid("int", format!("{n} is out of range")))?,
                )
            }
            Ty::Nat => {
                let n = json.as_i64().ok_or_else(wrong)?;
                Value::Nat(u32::try_from(n).map_err(|_| {
                    self.invalid("#", format!("{n} is out of range (0 to 4294967295)"))
                })?)
            }
            Ty::Long => match json {
                Json::String(s) => Value::Long(s.parse().map_err(|_| {
                    self.invalid("long", format!("{s:?} is not a decimal 64-bit integer"))
                })?),
                Json::Number(n) => Value::Long(n.as_i64().ok_or_else(|| {
                    let why = if n.is_f64() {
                        "is not an integer"
                    } else {
                        "is out of range"
                    };
                    self.invalid("long", format!("{n} {why}"))
                })?),
                _ => return Err(wrong()),
            },
            Ty::Double => match json {
                Json::Number(n) => Value::Double(n.as_f64().ok_or_else(wrong)?),
                Json::String(s) => Value::Double(match s.as_str() {
                    "NaN" => f64::NAN,
                    "Infinity" => f64::INFINITY,
                    "-Infinity" => f64::NEG_INFINITY,
                    _ => return Err(wrong()),
                }),
                _ => return Err(wrong()),
            },
            Ty::String => Value::String(json.as_str().ok_or_else(wrong)?.into()),
            Ty::Bytes => Value::Bytes(self.base64(json, "bytes")?.into()),
            Ty::Int128 => {
                let data = self.base64(json, "int128")?;
                Value::Int128(Box::new(data.try_into().map_err(|d: Vec<u8>| {
                    self.invalid("int128", format!("{} bytes instead of 16", d.len()))
                })?))
            }
            Ty::Int256 => {
                let data = self.base64(json, "int256")?;
                Value::Int256(Box::new(data.try_into().map_err(|d: Vec<u8>| {
                    self.invalid("int256", format!("{} bytes instead of 32", d.len()))
                })?))
            }
            Ty::Bool => Value::Bool(json.as_bool().ok_or_else(wrong)?),
            Ty::True => match json {
                Json::Bool(true) => Value::Bool(true),
                _ => return Err(wrong()),
            },
            Ty::Vector(elem) | Ty::BareVector(elem) => {
                let Json::Array(items) = json else {
                    return Err(wrong());
                };
                let elem = schema.elem(elem);
                let depth = Self::enter(depth)?;
                Value::Vector(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, j)| self.ty(j, elem, depth).map_err(|e| e.at_index(i)))
                        .collect::<JResult<Box<[_]>>>()?,
                )
            }
            Ty::Boxed(t) => {
                let def = self.named(json, ty)?;
                if schema.type_of(def) != Some(t) {
                    return Err(self.not_of(def, schema.type_name(t)));
                }
                self.object(json, def, depth)?
            }
            Ty::Bare(d) => {
                let def = self.named(json, ty)?;
                if def != d {
                    let want = schema.definition(d).map_or("?", Definition::name);
                    return Err(self.not_of(def, &format!("%{want}")));
                }
                self.object(json, def, depth)?
            }
            Ty::AnyFunction => {
                let def = self.named(json, ty)?;
                if schema.type_of(def).is_some() {
                    return Err(self.not_of(def, "a function call"));
                }
                self.object(json, def, depth)?
            }
            Ty::AnyObject => match json {
                Json::Bool(b) => Value::Bool(*b),
                Json::Object(map) if envelope_name(map).is_some() => self.envelope(map, depth)?,
                _ => {
                    let def = self.named(json, ty)?;
                    self.object(json, def, depth)?
                }
            },
        })
    }

    #[cold]
    fn not_of(&self, def: DefId, expected: &str) -> ValueError {
        let name = self.schema.definition(def).map_or("?", Definition::name);
        ValueError::new(ValueErrorKind::WrongKind {
            expected: expected.to_owned(),
            found: format!("object {name}"),
        })
        .at_field(NAME_KEY)
    }

    fn base64(&self, json: &Json, expected: &str) -> JResult<Vec<u8>> {
        let Json::String(text) = json else {
            return Err(self.expected(format!("{expected} (base64 string)"), json));
        };
        base64::decode(text).map_err(|e| self.invalid(expected, e.to_string()))
    }

    /// The definition an object's `"_"` names.
    fn named(&self, json: &Json, ty: Ty) -> JResult<DefId> {
        let Json::Object(map) = json else {
            return Err(self.expected(self.schema.describe(ty), json));
        };
        let Some(name) = map.get(NAME_KEY) else {
            return Err(ValueError::new(ValueErrorKind::MissingName));
        };
        let Some(name) = name.as_str() else {
            return Err(self
                .expected("a TL name (string)".to_owned(), name)
                .at_field(NAME_KEY));
        };
        self.schema.by_name(name).ok_or_else(|| {
            ValueError::new(ValueErrorKind::UnknownName {
                name: name.to_owned(),
            })
            .at_field(NAME_KEY)
        })
    }

    /// Reads the fields of `def` from a JSON object (whose `"_"` was checked).
    fn object(&self, json: &Json, id: DefId, depth: u32) -> JResult<Value> {
        let (Json::Object(map), Some(def)) = (json, self.schema.definition(id)) else {
            return Err(self.expected("an object".to_owned(), json));
        };
        let depth = Self::enter(depth)?;
        let mut fields = Vec::new();
        let mut used = 1; // `"_"`
        for (field, index) in def.fields.iter().zip(0u32..) {
            let name = &*field.name;
            let json = map.get(name);
            used += usize::from(json.is_some());
            let value = match json {
                None | Some(Json::Null) if field.is_optional() || field.nullable => None,
                None => {
                    return Err(ValueError::new(ValueErrorKind::MissingField {
                        definition: def.name.to_string(),
                        field: name.to_owned(),
                    })
                    .at_field(name))
                }
                Some(j) => {
                    if field.is_true_flag() {
                        match j {
                            Json::Bool(true) => Some(Value::Bool(true)),
                            Json::Bool(false) | Json::Null => None,
                            _ => {
                                return Err(self
                                    .expected("true (a flag)".to_owned(), j)
                                    .at_field(name))
                            }
                        }
                    } else if field.nullable {
                        Some(
                            self.nullable(j, field.ty, depth)
                                .map_err(|e| e.at_field(name))?,
                        )
                    } else {
                        Some(self.ty(j, field.ty, depth).map_err(|e| e.at_field(name))?)
                    }
                }
            };
            if let Some(value) = value {
                fields.push((index, value));
            }
        }
        if used != map.len() {
            return Err(self.unknown_field(def, map));
        }
        Schema::check_shared(def, |i| present_at(def, &fields, i))?;
        Ok(Value::Object {
            def: id,
            fields: fields.into_boxed_slice(),
        })
    }

    /// The value of a field whose docs say it may be null: for a vector, its `null` items
    /// are [`Value::Null`] (TDLib's `messages may be null`).
    fn nullable(&self, json: &Json, ty: Ty, depth: u32) -> JResult<Value> {
        let (Ty::Vector(elem) | Ty::BareVector(elem), Json::Array(items)) = (ty, json) else {
            return self.ty(json, ty, depth);
        };
        let elem = self.schema.elem(elem);
        let depth = Self::enter(depth)?;
        items
            .iter()
            .enumerate()
            .map(|(i, j)| match j {
                Json::Null if elem.is_object() => Ok(Value::Null),
                _ => self.ty(j, elem, depth).map_err(|e| e.at_index(i)),
            })
            .collect::<JResult<Box<[_]>>>()
            .map(Value::Vector)
    }

    /// An envelope object (see [`crate::envelope`]) from its JSON.
    fn envelope(&self, map: &serde_json::Map<String, Json>, depth: u32) -> JResult<Value> {
        let depth = Self::enter(depth)?;
        let name = envelope_name(map).unwrap_or_default();
        let envelope = match name {
            "msg_container" => {
                only(map, name, &["messages"])?;
                let json = field(map, name, "messages")?;
                let Json::Array(items) = json else {
                    return Err(self
                        .expected("an array of message".to_owned(), json)
                        .at_field("messages"));
                };
                let messages = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        self.message(item, depth)
                            .map_err(|e| e.at_index(i).at_field("messages"))
                    })
                    .collect::<JResult<Box<[_]>>>()?;
                Envelope::Container(messages)
            }
            "rpc_result" => {
                only(map, name, &["req_msg_id", "result"])?;
                let req_msg_id = self.long(map, name, "req_msg_id", depth)?;
                let result = field(map, name, "result")?;
                let result = self
                    .ty(result, Ty::AnyObject, depth)
                    .map_err(|e| e.at_field("result"))?;
                Envelope::RpcResult { req_msg_id, result }
            }
            "msg_copy" => {
                only(map, name, &["orig_message"])?;
                let json = field(map, name, "orig_message")?;
                let message = self
                    .message(json, depth)
                    .map_err(|e| e.at_field("orig_message"))?;
                Envelope::MsgCopy(message)
            }
            "unknown" => {
                only(map, name, &["id", "bytes"])?;
                let json = field(map, name, "id")?;
                let id = json
                    .as_str()
                    .and_then(|s| s.strip_prefix("0x"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .ok_or_else(|| {
                        self.expected("a constructor id (\"0x1234abcd\")".to_owned(), json)
                            .at_field("id")
                    })?;
                let json = field(map, name, "bytes")?;
                let bytes = self
                    .base64(json, "bytes")
                    .map_err(|e| e.at_field("bytes"))?;
                Envelope::Unknown {
                    id,
                    bytes: bytes.into(),
                }
            }
            _ => {
                only(map, name, &["packed_data"])?;
                let json = field(map, name, "packed_data")?;
                let data = self
                    .base64(json, "bytes")
                    .map_err(|e| e.at_field("packed_data"))?;
                Envelope::GzipPacked(data.into())
            }
        };
        Ok(Value::Envelope(Box::new(envelope)))
    }

    /// A bare envelope `message`; its `bytes` is optional (it is derived when encoding).
    fn message(&self, json: &Json, depth: u32) -> JResult<Message> {
        let Json::Object(map) = json else {
            return Err(self.expected("object message".to_owned(), json));
        };
        match map.get(NAME_KEY) {
            Some(Json::String(name)) if name == "message" => {}
            None => {}
            Some(other) => {
                return Err(self
                    .expected("\"message\"".to_owned(), other)
                    .at_field(NAME_KEY))
            }
        }
        let name = "message";
        only(map, name, &["msg_id", "seqno", "bytes", "body"])?;
        let depth = Self::enter(depth)?;
        let msg_id = self.long(map, name, "msg_id", depth)?;
        let seqno = match self.ty(field(map, name, "seqno")?, Ty::Int, depth) {
            Ok(Value::Int(n)) => n,
            Ok(_) => 0,
            Err(e) => return Err(e.at_field("seqno")),
        };
        let bytes = match map.get("bytes") {
            None | Some(Json::Null) => 0,
            Some(json) => json
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    self.expected("a length (number)".to_owned(), json)
                        .at_field("bytes")
                })?,
        };
        let body = self
            .ty(field(map, name, "body")?, Ty::AnyObject, depth)
            .map_err(|e| e.at_field("body"))?;
        Ok(Message {
            msg_id,
            seqno,
            bytes,
            body,
        })
    }

    /// A `long` field of an envelope object.
    fn long(
        &self,
        map: &serde_json::Map<String, Json>,
        name: &str,
        key: &str,
        depth: u32,
    ) -> JResult<i64> {
        match self.ty(field(map, name, key)?, Ty::Long, depth) {
            Ok(Value::Long(n)) => Ok(n),
            Ok(_) => Ok(0),
            Err(e) => Err(e.at_field(key)),
        }
    }

    #[cold]
    fn unknown_field(&self, def: &Definition, map: &serde_json::Map<String, Json>) -> ValueError {
        let unknown = map
            .keys()
            .find(|k| k.as_str() != NAME_KEY && !def.fields.iter().any(|f| &*f.name == k.as_str()))
            .map_or("", String::as_str);
        ValueError::new(ValueErrorKind::UnknownField {
            definition: def.name.to_string(),
            field: unknown.to_owned(),
        })
        .at_field(unknown)
    }
}
