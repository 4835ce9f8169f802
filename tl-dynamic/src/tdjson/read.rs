//! Reading TDLib's and tonlib's JSON into a [`Value`], checking it against the schema.
//!
//! The reader keeps the path it is at, so that a warning (which does not stop reading)
//! knows where it is; an error takes the same path.

use serde_json::{Map, Value as Json};

use super::{TdDialect, TdJsonOptions, TdJsonRead, CLIENT_ID_KEY, EXTRA_KEY, TYPE_KEY};
use crate::base64;
use crate::error::{Segment, ValueError, ValueErrorKind};
use crate::json::MAX_JSON_DEPTH;
use crate::schema::{DefId, Definition, Field, Schema, Ty};
use crate::ty::Node;
use crate::value::Value;

type Result<T> = core::result::Result<T, ValueError>;

/// What a field says about the values under it.
#[derive(Debug, Clone, Copy, Default)]
struct Hint {
    /// A `long` is an `int53`.
    int53: bool,
    /// Object items of a vector may be `null`.
    null_items: bool,
}

/// What the `@type` of an object names.
enum Tag<'j> {
    /// No `@type`.
    Absent,
    /// A definition of the schema.
    Known(DefId),
    /// A name or id the schema does not have, as written.
    Unknown(String),
    /// Something that is not a name or an id.
    Invalid(&'j Json),
}

pub(super) struct Reader<'s> {
    schema: &'s Schema,
    options: TdJsonOptions,
    /// Where the reader is, from the root down.
    path: Vec<Segment>,
    warnings: Vec<ValueError>,
}

impl<'s> Reader<'s> {
    pub(super) fn new(schema: &'s Schema, options: TdJsonOptions) -> Self {
        Reader {
            schema,
            options,
            path: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Reads a whole line: the value, and `@extra` / `@client_id` beside it.
    pub(super) fn top(mut self, json: &Json, node: &Node) -> Result<TdJsonRead> {
        let (mut extra, mut client_id) = (None, None);
        if let Json::Object(map) = json {
            extra = map.get(EXTRA_KEY).cloned();
            if self.options.dialect == TdDialect::Tdlib {
                client_id = match map.get(CLIENT_ID_KEY) {
                    None => None,
                    Some(id) => Some(id.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(
                        || {
                            self.wrong("an int32 client id".to_owned(), id)
                                .at_field(CLIENT_ID_KEY)
                        },
                    )?),
                };
            }
        }
        let value = self.node(json, node, Hint::default())?;
        Ok(TdJsonRead {
            value,
            warnings: self.warnings,
            extra,
            client_id,
        })
    }

    /// An error of `kind` at the current path.
    #[cold]
    fn error(&self, kind: ValueErrorKind) -> ValueError {
        self.outer(ValueError::new(kind))
    }

    /// `error`, whose path is relative to the current one, with the current path above.
    #[cold]
    fn outer(&self, error: ValueError) -> ValueError {
        self.path.iter().rev().fold(error, |e, s| e.at(s.clone()))
    }

    /// A value of the wrong kind at the current path.
    #[cold]
    fn wrong(&self, expected: String, json: &Json) -> ValueError {
        self.error(ValueErrorKind::WrongKind {
            expected,
            found: json_kind(json),
        })
    }

    /// A value that does not fit its type, at the current path.
    #[cold]
    fn invalid(&self, expected: &str, reason: String) -> ValueError {
        self.error(ValueErrorKind::Invalid {
            expected: expected.to_owned(),
            reason,
        })
    }

    /// A warning at the current path, or with `strict`, the error.
    fn warn(&mut self, kind: ValueErrorKind) -> Result<()> {
        let warning = self.error(kind);
        if self.options.strict {
            return Err(warning);
        }
        self.warnings.push(warning);
        Ok(())
    }

    /// Runs `f` one segment further down.
    fn within<T>(&mut self, segment: Segment, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        // Each object or array adds a segment below it: the path bounds the nesting.
        if self.path.len() >= MAX_JSON_DEPTH as usize {
            return Err(self.error(ValueErrorKind::TooDeep {
                limit: MAX_JSON_DEPTH,
            }));
        }
        self.path.push(segment);
        let result = f(self);
        self.path.pop();
        result
    }

    fn node(&mut self, json: &Json, node: &Node, hint: Hint) -> Result<Value> {
        match node {
            Node::Leaf(ty) => self.value(json, *ty, hint),
            Node::Vector { elem, .. } => {
                let Json::Array(items) = json else {
                    return Err(self.wrong(self.schema.describe_node(node), json));
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.within(Segment::Index(i), |r| r.node(item, elem, hint))?);
                }
                Ok(Value::Vector(out.into_boxed_slice()))
            }
        }
    }

    /// Whether a `null` object in a vector is allowed.
    fn null_items(&self, hint: Hint) -> bool {
        hint.null_items || self.options.dialect == TdDialect::Tonlib
    }

    fn value(&mut self, json: &Json, ty: Ty, hint: Hint) -> Result<Value> {
        Ok(match ty {
            Ty::Int => Value::Int(self.int32(json)?),
            Ty::Nat => {
                let n = self.integer(json, "#", "a number from 0 to 4294967295")?;
                Value::Nat(
                    u32::try_from(n)
                        .map_err(|_| self.invalid("#", format!("{n} is out of range")))?,
                )
            }
            Ty::Long if hint.int53 => Value::Long(self.integer(json, "int53", "a number")?),
            Ty::Long => Value::Long(self.integer(json, "int64", "a decimal string or a number")?),
            Ty::Double => match json {
                Json::Number(n) => Value::Double(
                    n.as_f64()
                        .ok_or_else(|| self.wrong("double".to_owned(), json))?,
                ),
                _ => return Err(self.wrong("double (a number)".to_owned(), json)),
            },
            Ty::String => match json {
                Json::String(s) => Value::String(s.as_str().into()),
                _ => return Err(self.wrong("string".to_owned(), json)),
            },
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
            Ty::Bool | Ty::True => match json {
                Json::Bool(b) => Value::Bool(*b),
                // TDLib's `from_json(bool&)` also takes an int32: non-zero is true.
                Json::Number(_) | Json::String(_) => match self.int32(json) {
                    Ok(n) => Value::Bool(n != 0),
                    Err(_) => return Err(self.wrong("Bool (true or false)".to_owned(), json)),
                },
                _ => return Err(self.wrong("Bool (true or false)".to_owned(), json)),
            },
            Ty::Vector(elem) | Ty::BareVector(elem) => {
                let Json::Array(items) = json else {
                    return Err(self.wrong(self.schema.describe(ty), json));
                };
                let elem = self.schema.elem(elem);
                let null_items = elem.is_object() && self.null_items(hint);
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let value = match item {
                        Json::Null if null_items => Value::Null,
                        _ => self.within(Segment::Index(i), |r| r.value(item, elem, hint))?,
                    };
                    out.push(value);
                }
                Value::Vector(out.into_boxed_slice())
            }
            Ty::Boxed(t) => {
                let Json::Object(map) = json else {
                    return Err(self.wrong(self.schema.describe(ty), json));
                };
                let expected = || format!("type {}", self.schema.type_name(t));
                let def = match self.tag(map) {
                    Tag::Known(def) if self.schema.type_of(def) == Some(t) => def,
                    Tag::Known(def) => return Err(self.not_of(def, &self.schema.describe(ty))),
                    Tag::Absent => match self.sole_constructor(t) {
                        Some(def) => def,
                        None => return Err(self.error(ValueErrorKind::MissingType)),
                    },
                    Tag::Unknown(name) => return self.unknown(name, expected()),
                    Tag::Invalid(tag) => return Err(self.bad_tag(tag)),
                };
                self.object(map, def)?
            }
            Ty::Bare(d) => {
                let Json::Object(map) = json else {
                    return Err(self.wrong(self.schema.describe(ty), json));
                };
                match self.tag(map) {
                    Tag::Absent => {}
                    Tag::Known(def) if def == d => {}
                    Tag::Known(def) => return Err(self.not_of(def, &self.schema.describe(ty))),
                    Tag::Unknown(name) => {
                        let expected = self.schema.describe(ty);
                        return Err(
                            self.error(ValueErrorKind::UnknownConstructor { name, expected })
                        );
                    }
                    Tag::Invalid(tag) => return Err(self.bad_tag(tag)),
                }
                self.object(map, d)?
            }
            Ty::AnyFunction | Ty::AnyObject => {
                let map = match json {
                    Json::Bool(b) if ty == Ty::AnyObject => return Ok(Value::Bool(*b)),
                    Json::Object(map) => map,
                    _ => return Err(self.wrong(self.schema.describe(ty), json)),
                };
                let expected = self.schema.describe(ty);
                let def = match self.tag(map) {
                    Tag::Known(def) => def,
                    Tag::Absent => return Err(self.error(ValueErrorKind::MissingType)),
                    Tag::Unknown(name) => return self.unknown(name, expected),
                    Tag::Invalid(tag) => return Err(self.bad_tag(tag)),
                };
                if ty == Ty::AnyFunction && self.schema.type_of(def).is_some() {
                    return Err(self.not_of(def, &expected));
                }
                self.object(map, def)?
            }
        })
    }

    /// An object of an unknown constructor: a warning and [`Value::Null`], or the error.
    fn unknown(&mut self, name: String, expected: String) -> Result<Value> {
        self.warn(ValueErrorKind::UnknownConstructor { name, expected })?;
        Ok(Value::Null)
    }

    /// The only constructor of a boxed type, if it has one.
    fn sole_constructor(&self, t: crate::schema::TypeId) -> Option<DefId> {
        match self.schema.types.get(t.0 as usize)?.constructors.as_slice() {
            &[only] => Some(only),
            _ => None,
        }
    }

    /// What an object's `@type` names: a name, or a numeric id (TDLib and TON read it as
    /// an `int32`; the unsigned form is accepted too).
    fn tag<'j>(&self, map: &'j Map<String, Json>) -> Tag<'j> {
        match map.get(TYPE_KEY) {
            None => Tag::Absent,
            Some(Json::String(name)) => match self.schema.by_name(name) {
                Some(def) => Tag::Known(def),
                None => Tag::Unknown(name.clone()),
            },
            Some(number @ Json::Number(n)) => {
                let id = n
                    .as_i64()
                    .filter(|n| (i64::from(i32::MIN)..=i64::from(u32::MAX)).contains(n));
                match id {
                    // In range: the low 32 bits are the id.
                    Some(id) => match self.schema.by_id(id as u32) {
                        Some(def) => Tag::Known(def),
                        None => Tag::Unknown(id.to_string()),
                    },
                    None => Tag::Invalid(number),
                }
            }
            Some(other) => Tag::Invalid(other),
        }
    }

    #[cold]
    fn bad_tag(&self, tag: &Json) -> ValueError {
        self.wrong("a constructor name or id".to_owned(), tag)
            .at_field(TYPE_KEY)
    }

    #[cold]
    fn not_of(&self, def: DefId, expected: &str) -> ValueError {
        self.error(ValueErrorKind::WrongKind {
            expected: expected.to_owned(),
            found: format!("object {}", self.schema.name(def)),
        })
    }

    /// Whether a field may be absent or `null`.
    fn may_be_absent(&self, field: &Field) -> bool {
        field.nullable
            || field.is_optional()
            || (self.options.dialect == TdDialect::Tonlib && field.ty.is_object())
    }

    /// The fields of `def` from `map`; unknown keys are warnings.
    fn object(&mut self, map: &Map<String, Json>, id: DefId) -> Result<Value> {
        let schema = self.schema;
        let Some(def) = schema.definition(id) else {
            return Err(self.error(ValueErrorKind::UnknownName {
                name: format!("definition #{}", id.index()),
            }));
        };
        let mut fields = Vec::new();
        let mut known = usize::from(map.contains_key(TYPE_KEY));
        for (field, index) in def.fields.iter().zip(0u32..) {
            let name = &*field.name;
            let json = map.get(name);
            known += usize::from(json.is_some());
            match json {
                None | Some(Json::Null) if self.may_be_absent(field) => {}
                None | Some(Json::Null) => {
                    let kind = ValueErrorKind::MissingField {
                        definition: def.name.to_string(),
                        field: name.to_owned(),
                    };
                    return Err(self.outer(ValueError::new(kind).at_field(name)));
                }
                Some(json) => {
                    let hint = Hint {
                        int53: field.int53,
                        null_items: field.nullable,
                    };
                    let value = self.within(Segment::Field(name.to_owned()), |r| {
                        r.value(json, field.ty, hint)
                    })?;
                    // An unknown constructor read leniently, where null may stand: absent.
                    if value != Value::Null || !self.may_be_absent(field) {
                        fields.push((index, value));
                    }
                }
            }
        }
        if known != map.len() {
            self.unknown_fields(def, map)?;
        }
        Schema::check_shared(def, |i| crate::encode::present_at(def, &fields, i))
            .map_err(|e| self.outer(e))?;
        Ok(Value::Object {
            def: id,
            fields: fields.into_boxed_slice(),
        })
    }

    /// A warning for each key of `map` that is not a field of `def`, `@type`, or (at the
    /// top) `@extra` / `@client_id`.
    #[cold]
    fn unknown_fields(&mut self, def: &Definition, map: &Map<String, Json>) -> Result<()> {
        let top = self.path.is_empty();
        for key in map.keys() {
            let known = key == TYPE_KEY
                || (top && self.options.dialect.is_meta_key(key))
                || def.fields.iter().any(|f| *f.name == **key);
            if !known {
                let kind = ValueErrorKind::UnknownField {
                    definition: def.name.to_string(),
                    field: key.clone(),
                };
                self.within(Segment::Field(key.clone()), |r| r.warn(kind))?;
            }
        }
        Ok(())
    }

    /// An `int32`: a number, or a decimal string (TDLib's `from_json(int32&)`).
    fn int32(&self, json: &Json) -> Result<i32> {
        let n = self.integer(json, "int32", "a number")?;
        i32::try_from(n).map_err(|_| self.invalid("int32", format!("{n} is out of range")))
    }

    /// An integer given as a JSON integer or a decimal string; `what` names the type,
    /// `form` how it is written.
    fn integer(&self, json: &Json, what: &str, form: &str) -> Result<i64> {
        match json {
            Json::Number(n) => n.as_i64().ok_or_else(|| {
                let why = if n.is_f64() {
                    "is not an integer"
                } else {
                    "is out of range"
                };
                self.invalid(what, format!("{n} {why}"))
            }),
            Json::String(s) => parse_decimal(s).ok_or_else(|| {
                let shown = if s.len() <= 40 {
                    format!("{s:?}")
                } else {
                    "the string".to_owned()
                };
                self.invalid(what, format!("{shown} is not a decimal 64-bit integer"))
            }),
            _ => Err(self.wrong(format!("{what} ({form})"), json)),
        }
    }

    fn base64(&self, json: &Json, what: &str) -> Result<Vec<u8>> {
        let Json::String(text) = json else {
            return Err(self.wrong(format!("{what} (a base64 string)"), json));
        };
        base64::decode(text).map_err(|e| self.invalid(what, e.to_string()))
    }
}

/// A decimal integer as TDLib's `to_integer_safe` reads it: an optional `-`, then digits,
/// nothing else, in range.
fn parse_decimal(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
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
        Json::Object(o) => match o.get(TYPE_KEY).and_then(Json::as_str) {
            Some(name) if name.len() <= 80 => format!("object {name}"),
            _ => "an object".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn decimals_as_tdlib_reads_them() {
        assert_eq!(parse_decimal("0"), Some(0));
        assert_eq!(parse_decimal("-42"), Some(-42));
        assert_eq!(parse_decimal("9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_decimal("-9223372036854775808"), Some(i64::MIN));
        for bad in [
            "",
            "-",
            "+1",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "9223372036854775808",
            "0x10",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }
}
