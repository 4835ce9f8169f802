//! Reading TDLib's and tonlib's JSON into a [`Value`], checking it against the schema.
//!
//! The JSON text is read by tlgen-runtime's [`JsonReader`], the reader of the generated
//! bindings, driven here by the schema: the same numbers, base64, escapes and depth limit
//! are accepted, and refused, as there. This module adds what a schema loaded at run time
//! needs: the `@type` looked up by name or id, warnings for what the schema does not know,
//! and the errors as [`ValueError`]s with their paths.

use serde_json::Value as Json;
use tlgen_runtime::json::{JsonError, JsonErrorKind, JsonKind, JsonReader, TypeTag};

use super::{TdDialect, TdJsonOptions, TdJsonRead, CLIENT_ID_KEY, EXTRA_KEY, TYPE_KEY};
use crate::error::{Segment, ValueError, ValueErrorKind};
use crate::schema::{DefId, Field, Schema, Ty};
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
enum Tag {
    /// No `@type`.
    Absent,
    /// A definition of the schema.
    Known(DefId),
    /// A name or id the schema does not have, as written.
    Unknown(String),
}

pub(super) struct Reader<'s, 't> {
    schema: &'s Schema,
    /// The line being read (to quote a bad value in an error).
    text: &'t str,
    options: TdJsonOptions,
    /// Where the reader is, from the root down.
    path: Vec<Segment>,
    warnings: Vec<ValueError>,
    extra: Option<Json>,
    client_id: Option<i32>,
    /// An error raised inside a callback of the [`JsonReader`] (which can only return a
    /// [`JsonError`]), taken back when the reader returns.
    pending: Option<ValueError>,
}

impl<'s, 't> Reader<'s, 't> {
    pub(super) fn new(schema: &'s Schema, text: &'t str, options: TdJsonOptions) -> Self {
        Reader {
            schema,
            text,
            options,
            path: Vec::new(),
            warnings: Vec::new(),
            extra: None,
            client_id: None,
            pending: None,
        }
    }

    /// Reads a whole line: the value, and `@extra` / `@client_id` beside it.
    pub(super) fn top(mut self, node: &Node) -> Result<TdJsonRead> {
        let mut input = JsonReader::new(self.text);
        let value = match node {
            Node::Leaf(ty) => self.value(&mut input, *ty, Hint::default(), true)?,
            Node::Vector { .. } => self.node(&mut input, node, Hint::default())?,
        };
        input.finish().map_err(|e| self.fail(e, ""))?;
        Ok(TdJsonRead {
            value,
            warnings: self.warnings,
            extra: self.extra,
            client_id: self.client_id,
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

    /// A value that does not fit its type, at the current path.
    #[cold]
    fn invalid(&self, expected: &str, reason: String) -> ValueError {
        self.error(ValueErrorKind::Invalid {
            expected: expected.to_owned(),
            reason,
        })
    }

    /// Keeps `error` for when the [`JsonReader`] returns, and gives the reader an error to
    /// return meanwhile.
    #[cold]
    fn stash(&mut self, error: ValueError) -> JsonError {
        self.pending = Some(error);
        JsonError::new(JsonErrorKind::Syntax { expected: "" }, "$", 0)
    }

    /// The [`ValueError`] of an error of the [`JsonReader`] at the current path (or the one
    /// [stashed](Self::stash) meanwhile); `what` names the TL type being read.
    #[cold]
    fn fail(&mut self, error: JsonError, what: &str) -> ValueError {
        if let Some(pending) = self.pending.take() {
            return pending;
        }
        // A value of the wrong kind is judged by its first character: if it is not a JSON
        // value at all (`nope`), the line is not JSON.
        if let JsonErrorKind::UnexpectedType { .. } = error.kind() {
            let rest = self.text.get(error.offset()..).unwrap_or("");
            if let Err(syntax) = JsonReader::new(rest).skip_value() {
                let message = format!(
                    "{} at byte {}",
                    syntax.kind(),
                    error.offset() + syntax.offset()
                );
                return ValueError::new(ValueErrorKind::Syntax { message });
            }
        }
        let token = token(self.text, error.offset());
        let invalid = |reason: &str| ValueErrorKind::Invalid {
            expected: what.to_owned(),
            reason: format!("{token} {reason}"),
        };
        let kind = match error.kind() {
            // A `Bool` may be an `int32`; another string is not a `Bool` at all.
            JsonErrorKind::UnexpectedType { .. } | JsonErrorKind::InvalidNumber { .. }
                if matches!(error.kind(), JsonErrorKind::UnexpectedType { .. })
                    || what == "Bool" =>
            {
                ValueErrorKind::WrongKind {
                    expected: with_form(what),
                    found: shown(self.text, error.offset()),
                }
            }
            JsonErrorKind::UnexpectedType { .. } => ValueErrorKind::WrongKind {
                expected: with_form(what),
                found: shown(self.text, error.offset()),
            },
            JsonErrorKind::InvalidNumber { expected: "double" } => {
                invalid("is not a finite number")
            }
            JsonErrorKind::InvalidNumber { .. } if is_canonical_integer(token) => {
                invalid("is out of range")
            }
            JsonErrorKind::InvalidNumber { .. } => {
                invalid("is not an integer in canonical decimal form")
            }
            JsonErrorKind::InvalidBase64 => invalid("is not padded standard base64"),
            JsonErrorKind::InvalidLength { expected, found } => ValueErrorKind::Invalid {
                expected: what.to_owned(),
                reason: format!("{found} bytes instead of {expected}"),
            },
            JsonErrorKind::TooDeep { limit } => ValueErrorKind::TooDeep { limit: *limit },
            JsonErrorKind::MissingType => ValueErrorKind::MissingType,
            // Syntax: the line is not JSON; said without a path, like a parser's message.
            kind => {
                let mut message = format!("{kind} at byte {}", error.offset());
                if error.path() != "$" {
                    message = format!("{message}, in {}", error.path());
                }
                return ValueError::new(ValueErrorKind::Syntax { message });
            }
        };
        self.error(kind)
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

    /// A vector type's items.
    fn node(&mut self, input: &mut JsonReader<'_>, node: &Node, hint: Hint) -> Result<Value> {
        match node {
            Node::Leaf(ty) => self.value(input, *ty, hint, false),
            Node::Vector { elem, .. } => {
                let mut out = Vec::new();
                input
                    .read_array(|input| {
                        self.path.push(Segment::Index(out.len()));
                        let item = self.node(input, elem, hint).map_err(|e| self.stash(e))?;
                        self.path.pop();
                        out.push(item);
                        Ok(())
                    })
                    .map_err(|e| self.fail(e, &self.schema.describe_node(node)))?;
                Ok(Value::Vector(out.into_boxed_slice()))
            }
        }
    }

    /// Whether a `null` object in a vector is allowed.
    fn null_items(&self, hint: Hint) -> bool {
        hint.null_items || self.options.dialect == TdDialect::Tonlib
    }

    /// Reads a value of `ty`; `top`: the line's object, where `@extra` and `@client_id`
    /// may stand.
    fn value(
        &mut self,
        input: &mut JsonReader<'_>,
        ty: Ty,
        hint: Hint,
        top: bool,
    ) -> Result<Value> {
        Ok(match ty {
            Ty::Int => Value::Int(input.read_i32().map_err(|e| self.fail(e, "int32"))?),
            Ty::Nat => {
                let n = input.read_i64().map_err(|e| self.fail(e, "#"))?;
                Value::Nat(
                    u32::try_from(n)
                        .map_err(|_| self.invalid("#", format!("{n} is out of range")))?,
                )
            }
            Ty::Long => {
                let what = if hint.int53 { "int53" } else { "int64" };
                Value::Long(input.read_i64().map_err(|e| self.fail(e, what))?)
            }
            Ty::Double => Value::Double(input.read_f64().map_err(|e| self.fail(e, "double"))?),
            Ty::String => Value::String(
                input
                    .read_string()
                    .map_err(|e| self.fail(e, "string"))?
                    .into(),
            ),
            Ty::Bytes => Value::Bytes(
                input
                    .read_bytes()
                    .map_err(|e| self.fail(e, "bytes"))?
                    .into(),
            ),
            Ty::Int128 => Value::Int128(Box::new(
                input
                    .read_byte_array()
                    .map_err(|e| self.fail(e, "int128"))?,
            )),
            Ty::Int256 => Value::Int256(Box::new(
                input
                    .read_byte_array()
                    .map_err(|e| self.fail(e, "int256"))?,
            )),
            Ty::Bool | Ty::True => {
                Value::Bool(input.read_bool().map_err(|e| self.fail(e, "Bool"))?)
            }
            Ty::Vector(elem) | Ty::BareVector(elem) => {
                let elem = self.schema.elem(elem);
                let null_items = elem.is_object() && self.null_items(hint);
                let mut out = Vec::new();
                input
                    .read_array(|input| {
                        self.path.push(Segment::Index(out.len()));
                        let item = if null_items && input.read_null()? {
                            Value::Null
                        } else {
                            self.value(input, elem, hint, false)
                                .map_err(|e| self.stash(e))?
                        };
                        self.path.pop();
                        out.push(item);
                        Ok(())
                    })
                    .map_err(|e| self.fail(e, &self.schema.describe(ty)))?;
                Value::Vector(out.into_boxed_slice())
            }
            Ty::Boxed(t) => {
                let def = match self.tag(input, ty)? {
                    Tag::Known(def) if self.schema.type_of(def) == Some(t) => def,
                    Tag::Known(def) => return Err(self.not_of(def, &self.schema.describe(ty))),
                    Tag::Absent => match self.sole_constructor(t) {
                        Some(def) => def,
                        None => return Err(self.error(ValueErrorKind::MissingType)),
                    },
                    Tag::Unknown(name) => {
                        let expected = format!("type {}", self.schema.type_name(t));
                        return self.unknown(input, name, expected);
                    }
                };
                self.object(input, def, top)?
            }
            Ty::Bare(d) => {
                match self.tag(input, ty)? {
                    Tag::Absent => {}
                    Tag::Known(def) if def == d => {}
                    Tag::Known(def) => return Err(self.not_of(def, &self.schema.describe(ty))),
                    Tag::Unknown(name) => {
                        let expected = self.schema.describe(ty);
                        return Err(
                            self.error(ValueErrorKind::UnknownConstructor { name, expected })
                        );
                    }
                }
                self.object(input, d, top)?
            }
            Ty::AnyFunction | Ty::AnyObject => {
                let expected = self.schema.describe(ty);
                if ty == Ty::AnyObject && input.peek_kind() == Ok(JsonKind::Bool) {
                    return input
                        .read_bool()
                        .map(Value::Bool)
                        .map_err(|e| self.fail(e, &expected));
                }
                let def = match self.tag(input, ty)? {
                    Tag::Known(def) => def,
                    Tag::Absent => return Err(self.error(ValueErrorKind::MissingType)),
                    Tag::Unknown(name) => return self.unknown(input, name, expected),
                };
                if ty == Ty::AnyFunction && self.schema.type_of(def).is_some() {
                    return Err(self.not_of(def, &expected));
                }
                self.object(input, def, top)?
            }
        })
    }

    /// An object of an unknown constructor: a warning and [`Value::Null`] (the object
    /// skipped), or the error.
    fn unknown(
        &mut self,
        input: &mut JsonReader<'_>,
        name: String,
        expected: String,
    ) -> Result<Value> {
        self.warn(ValueErrorKind::UnknownConstructor { name, expected })?;
        input.skip_value().map_err(|e| self.fail(e, ""))?;
        Ok(Value::Null)
    }

    /// The only constructor of a boxed type, if it has one.
    fn sole_constructor(&self, t: crate::schema::TypeId) -> Option<DefId> {
        match self.schema.types.get(t.0 as usize)?.constructors.as_slice() {
            &[only] => Some(only),
            _ => None,
        }
    }

    /// What the `@type` of the object at the cursor names (without consuming anything); an
    /// error when the value (of type `ty`) is not an object, or its `@type` is neither a
    /// name nor a number.
    fn tag(&mut self, input: &mut JsonReader<'_>, ty: Ty) -> Result<Tag> {
        match input.peek_type() {
            Ok(None) => Ok(Tag::Absent),
            Ok(Some(tag)) => Ok(self.resolve(tag)),
            // Not a name or a number: the `@type` is at fault.
            Err(e) if matches!(e.kind(), JsonErrorKind::UnexpectedType { expected, .. } if *expected == "string") => {
                Err(self.fail(e, "a constructor name or id").at_field(TYPE_KEY))
            }
            Err(e) => Err(self.fail(e, &self.schema.describe(ty))),
        }
    }

    /// The definition a `@type` names: by name, or by numeric id (an `int32`, as TDLib and
    /// TON read it).
    fn resolve(&self, tag: TypeTag<'_>) -> Tag {
        let found = match &tag {
            TypeTag::Name(name) => self.schema.by_name(name),
            TypeTag::Id { id: Some(id), .. } => self.schema.by_id(*id as u32),
            TypeTag::Id { id: None, .. } => None,
        };
        match (found, tag) {
            (Some(def), _) => Tag::Known(def),
            (None, TypeTag::Name(name)) => Tag::Unknown(name.into_owned()),
            (None, TypeTag::Id { text, .. }) => Tag::Unknown(text.to_owned()),
        }
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

    /// The fields of `def` from the object at the cursor; unknown keys are warnings. A key
    /// given twice: the last value counts, as in the generated bindings.
    fn object(&mut self, input: &mut JsonReader<'_>, id: DefId, top: bool) -> Result<Value> {
        let schema = self.schema;
        let Some(def) = schema.definition(id) else {
            return Err(self.error(ValueErrorKind::UnknownName {
                name: format!("definition #{}", id.index()),
            }));
        };
        let mut slots: Vec<Option<Value>> = def.fields.iter().map(|_| None).collect();
        input
            .read_object_keys(|input, key| {
                if key == TYPE_KEY {
                    // The first `@type` chose `def`; another must name it too.
                    let tag = input.read_type()?;
                    return match self.resolve(tag) {
                        Tag::Known(found) if found == id => Ok(()),
                        Tag::Known(found) => {
                            let error = self.not_of(found, &def.name).at_field(TYPE_KEY);
                            Err(self.stash(error))
                        }
                        Tag::Unknown(name) => {
                            let expected = def.name.to_string();
                            let kind = ValueErrorKind::UnknownConstructor { name, expected };
                            let error = self.error(kind).at_field(TYPE_KEY);
                            Err(self.stash(error))
                        }
                        Tag::Absent => Ok(()),
                    };
                }
                if top && self.options.dialect.is_meta_key(key) {
                    return self.meta(input, key).map_err(|e| self.stash(e));
                }
                let Some((index, field)) =
                    def.fields.iter().enumerate().find(|(_, f)| *f.name == *key)
                else {
                    self.path.push(Segment::Field(key.to_owned()));
                    let kind = ValueErrorKind::UnknownField {
                        definition: def.name.to_string(),
                        field: key.to_owned(),
                    };
                    self.warn(kind).map_err(|e| self.stash(e))?;
                    self.path.pop();
                    return input.skip_value();
                };
                let value = if input.read_null()? {
                    None
                } else {
                    self.path.push(Segment::Field(key.to_owned()));
                    let hint = Hint {
                        int53: field.int53,
                        null_items: field.nullable,
                    };
                    let value = self
                        .value(input, field.ty, hint, false)
                        .map_err(|e| self.stash(e))?;
                    self.path.pop();
                    // An unknown constructor read leniently, where null may stand: absent.
                    Some(value).filter(|v| *v != Value::Null || !self.may_be_absent(field))
                };
                if let Some(slot) = slots.get_mut(index) {
                    *slot = value;
                }
                Ok(())
            })
            .map_err(|e| self.fail(e, &def.name))?;
        let mut fields = Vec::new();
        for ((field, slot), index) in def.fields.iter().zip(slots).zip(0u32..) {
            match slot {
                Some(value) => fields.push((index, value)),
                None if self.may_be_absent(field) => {}
                None => {
                    let kind = ValueErrorKind::MissingField {
                        definition: def.name.to_string(),
                        field: field.name.to_string(),
                    };
                    return Err(self.outer(ValueError::new(kind).at_field(&field.name)));
                }
            }
        }
        Schema::check_shared(def, |i| crate::encode::present_at(def, &fields, i))
            .map_err(|e| self.outer(e))?;
        Ok(Value::Object {
            def: id,
            fields: fields.into_boxed_slice(),
        })
    }

    /// Reads `@extra` (any JSON) or `@client_id` (an `int32`) at the top of a line.
    fn meta(&mut self, input: &mut JsonReader<'_>, key: &str) -> Result<()> {
        self.path.push(Segment::Field(key.to_owned()));
        if key == EXTRA_KEY {
            let raw = input.read_raw().map_err(|e| self.fail(e, "JSON"))?;
            let extra = serde_json::from_str(raw)
                .map_err(|e| self.invalid("JSON", format!("serde_json cannot hold it: {e}")))?;
            self.extra = Some(extra);
        } else if key == CLIENT_ID_KEY {
            let id = input.read_i32().map_err(|e| self.fail(e, "int32"))?;
            self.client_id = Some(id);
        }
        self.path.pop();
        Ok(())
    }
}

/// `what` (a TL type) with how its JSON is written, for "expected …" messages.
fn with_form(what: &str) -> String {
    let form = match what {
        "int32" | "int53" => "a number",
        "int64" => "a decimal string or a number",
        "#" => "a number from 0 to 4294967295",
        "double" => "a number",
        "bytes" | "int128" | "int256" => "a base64 string",
        "Bool" => "true or false",
        _ => return what.to_owned(),
    };
    format!("{what} ({form})")
}

/// The JSON value that starts at byte `offset` of `text`, for messages: `null`, `true`,
/// `number 5`, `string "x"` (a long string: `a string`), `an array`, `an object`.
fn shown(text: &str, offset: usize) -> String {
    let rest = text.get(offset..).unwrap_or("");
    let mut value = JsonReader::new(rest);
    let kind = value.peek_kind();
    let raw = value.read_raw().unwrap_or("");
    match kind {
        Ok(JsonKind::Null) => "null".to_owned(),
        Ok(JsonKind::Bool) => raw.to_owned(),
        Ok(JsonKind::Number) if raw.len() <= 40 => format!("number {raw}"),
        Ok(JsonKind::String) if raw.len() <= 42 => format!("string {raw}"),
        Ok(JsonKind::Number) => "a number".to_owned(),
        Ok(JsonKind::String) => "a string".to_owned(),
        Ok(JsonKind::Array) => "an array".to_owned(),
        Ok(JsonKind::Object) => "an object".to_owned(),
        Err(_) => "the end of the line".to_owned(),
    }
}

/// The text of the number or string that starts at byte `offset` of `text`, for messages
/// (`the value` when it is long).
fn token(text: &str, offset: usize) -> &str {
    let raw = JsonReader::new(text.get(offset..).unwrap_or(""))
        .read_raw()
        .unwrap_or("");
    if raw.len() <= 42 {
        raw
    } else {
        "the value"
    }
}

/// Whether `token` (a number, or a string) holds an integer in canonical decimal form:
/// then it is refused for its range.
fn is_canonical_integer(token: &str) -> bool {
    let text = token
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(token);
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0"
}
