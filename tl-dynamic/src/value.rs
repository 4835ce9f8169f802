//! [`Value`]: a decoded TL value as a tree.

use crate::envelope::Envelope;
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
    /// `fields` holds the fields that are present, in schema order, each with its index
    /// in [`Definition::fields`](crate::Definition::fields) (the parameters that are not
    /// `#` flag words). An absent `flags.N?T` field and a clear `flags.N?true` have no
    /// entry; a set `flags.N?true` is `Value::Bool(true)`. Flag words are derived from
    /// the fields present when encoding. [`Value::object`] builds one from a dense list.
    Object {
        /// The definition (see [`Schema::definition`](crate::Schema::definition)).
        def: DefId,
        /// The present fields as `(index, value)`, indices strictly increasing.
        fields: Box<[(u32, Value)]>,
    },
    /// An `int`.
    Int(i32),
    /// A `#` that is a value of its own: an unsigned 32-bit natural (TON's `count:#` params
    /// and its flag words, which keep the bits no field uses). Encoding also takes an
    /// [`Value::Int`] there, as its bits.
    Nat(u32),
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
    /// JSON's `null` where TDLib's and tonlib's JSON have one: an item of a vector whose
    /// items may be null (`messages:vector<message>`, "messages may be null": what
    /// `getMessages` answers for a message not found), or, when reading leniently, an
    /// object of a constructor the schema does not know. TL-JSON writes it as `null`; it
    /// has no binary encoding.
    Null,
    /// An MTProto envelope object (`msg_container`, `rpc_result`, …) that the schema does
    /// not define; see [`Envelope`].
    Envelope(Box<Envelope>),
}

impl Value {
    /// An object of `def` from one `Option` per non-`#` parameter, in order (`None` for
    /// an absent field).
    #[must_use]
    pub fn object(def: DefId, fields: Vec<Option<Value>>) -> Self {
        Value::Object {
            def,
            fields: fields
                .into_iter()
                .zip(0u32..)
                .filter_map(|(v, i)| v.map(|v| (i, v)))
                .collect(),
        }
    }

    /// The field with index `index` (in the definition's fields), if this is an object
    /// and the field is present.
    #[must_use]
    pub fn field(&self, index: usize) -> Option<&Value> {
        let Value::Object { fields, .. } = self else {
            return None;
        };
        let index = u32::try_from(index).ok()?;
        let at = fields.binary_search_by_key(&index, |(i, _)| *i).ok()?;
        fields.get(at).map(|(_, v)| v)
    }

    /// What kind of value this is, for error messages: `int`, `object`, `vector`, ….
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Object { .. } => "object",
            Value::Int(_) => "int",
            Value::Nat(_) => "#",
            Value::Long(_) => "long",
            Value::Double(_) => "double",
            Value::String(_) => "string",
            Value::Bytes(_) => "bytes",
            Value::Int128(_) => "int128",
            Value::Int256(_) => "int256",
            Value::Bool(_) => "bool",
            Value::Vector(_) => "vector",
            Value::Null => "null",
            Value::Envelope(e) => e.name(),
        }
    }

    /// The definition and present fields, if this is an object.
    #[must_use]
    pub fn as_object(&self) -> Option<(DefId, &[(u32, Value)])> {
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
