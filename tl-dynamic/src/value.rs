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
    ///
    /// `fields` holds one entry per parameter that is not a `#` flag word, in schema
    /// order: `None` for an absent `flags.N?T` field (and for a clear `flags.N?true`),
    /// `Some` otherwise. Flag words are derived from the fields present when encoding.
    Object {
        /// The definition (see [`Schema::definition`](crate::Schema::definition)).
        def: DefId,
        /// The fields in schema order, `#` parameters left out.
        fields: Box<[Option<Value>]>,
    },
    /// An `int`.
    Int(i32),
    /// A `long`.
    Long(i64),
    /// A `double`.
    Double(f64),
    /// A `string` (valid UTF-8).
    String(Box<str>),
    /// A `bytes`.
    Bytes(Box<[u8]>),
    /// An `int128`, as on the wire (boxed to keep `Value` small and aligned).
    Int128(Box<[u8; 16]>),
    /// An `int256`, as on the wire (boxed to keep `Value` small).
    Int256(Box<[u8; 32]>),
    /// A `Bool`; also a `flags.N?true` field that is set.
    Bool(bool),
    /// A `Vector<T>` or `vector<T>`.
    Vector(Box<[Value]>),
}

impl Value {
    /// An object of `def` with `fields` (one per non-`#` parameter, in order).
    #[must_use]
    pub fn object(def: DefId, fields: Vec<Option<Value>>) -> Self {
        Value::Object {
            def,
            fields: fields.into_boxed_slice(),
        }
    }

    /// What kind of value this is, for error messages: `int`, `object`, `vector`, ….
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Object { .. } => "object",
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

    /// The definition and fields, if this is an object.
    #[must_use]
    pub fn as_object(&self) -> Option<(DefId, &[Option<Value>])> {
        match self {
            Value::Object { def, fields } => Some((*def, fields)),
            _ => None,
        }
    }

    /// The definition, if this is an object.
    #[must_use]
    pub fn def(&self) -> Option<DefId> {
        match self {
            Value::Object { def, .. } => Some(*def),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_is_three_words() {
        assert_eq!(std::mem::size_of::<super::Value>(), 24);
        assert_eq!(std::mem::size_of::<Option<super::Value>>(), 24);
    }
}
