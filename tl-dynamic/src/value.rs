//! [`Value`]: a decoded TL value as a tree.

use crate::schema::DefId;

/// A TL value: an object (constructor or function call) or a primitive.
///
/// Which TL type a primitive has is given by where it sits (a field's type, or the type
/// it was decoded as): `Long` is `long` (and `int53`), `Bytes` is `bytes`, `Vector` is
/// both the boxed `Vector<T>` and the bare `vector<T>`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A constructor or function call, boxed or bare.
    Object(Object),
    /// An `int`.
    Int(i32),
    /// A `long`.
    Long(i64),
    /// A `double`.
    Double(f64),
    /// A `string` (valid UTF-8).
    String(String),
    /// A `bytes`.
    Bytes(Vec<u8>),
    /// An `int128`, as on the wire.
    Int128([u8; 16]),
    /// An `int256`, as on the wire (boxed to keep `Value` small).
    Int256(Box<[u8; 32]>),
    /// A `Bool`; also a `flags.N?true` field that is set.
    Bool(bool),
    /// A `Vector<T>` or `vector<T>`.
    Vector(Vec<Value>),
}

/// A constructor or function call with its fields.
///
/// `fields` holds one entry per parameter that is not a `#` flag word, in schema order:
/// `None` for an absent `flags.N?T` field (and for a clear `flags.N?true`), `Some` otherwise.
/// Flag words are derived from which fields are present when encoding.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The definition (see [`Schema::definition`](crate::Schema::definition)).
    pub def: DefId,
    /// The fields in schema order, `#` parameters left out.
    pub fields: Box<[Option<Value>]>,
}

impl Object {
    /// An object of `def` with `fields` (one per non-`#` parameter, in order).
    #[must_use]
    pub fn new(def: DefId, fields: Vec<Option<Value>>) -> Self {
        Self {
            def,
            fields: fields.into_boxed_slice(),
        }
    }
}

impl Value {
    /// What kind of value this is, for error messages: `int`, `object`, `vector`, ….
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Object(_) => "object",
            Value::Int(_) => "int",
            Value::Long(_) => "long",
            Value::Double(_) => "double",
            Value::String(_) => "string",
            Value::Bytes(_) => "bytes",
            Value::Int128(_) => "int128",
            Value::Int256(_) => "int256",
            Value::Bool(_) => "bool",
            Value::Vector(_) => "vector",
        }
    }

    /// The object, if this is one.
    #[must_use]
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
}
