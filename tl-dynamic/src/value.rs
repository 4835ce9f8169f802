//! [`Value`]: a decoded TL value as a tree.

use core::fmt;

use tlgen_runtime::debug::Hex;

use crate::envelope::Envelope;
use crate::schema::DefId;

/// A TL value: an object (constructor or function call) or a primitive.
///
/// Which TL type a primitive has is given by where it sits (a field's type, or the type
/// it was decoded as): `Long` is `long` (and `int53`), `Bytes` is `bytes`, `Vector` is
/// both the boxed `Vector<T>` and the bare `vector<T>`.
///
/// `Debug` prints as a derive would, except `Int128` and `Int256`: their bytes as lowercase
/// hex in wire order (`Int128(3e0549828cca27e966b301a48fece2fc)`), as generated structs do.
#[derive(Clone, PartialEq)]
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

/// The derive's layout, with `int128`/`int256` as hex (`tlgen_runtime::debug::Hex`).
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Object { def, fields } => f
                .debug_struct("Object")
                .field("def", def)
                .field("fields", fields)
                .finish(),
            Value::Int(v) => f.debug_tuple("Int").field(v).finish(),
            Value::Nat(v) => f.debug_tuple("Nat").field(v).finish(),
            Value::Long(v) => f.debug_tuple("Long").field(v).finish(),
            Value::Double(v) => f.debug_tuple("Double").field(v).finish(),
            Value::String(v) => f.debug_tuple("String").field(v).finish(),
            Value::Bytes(v) => f.debug_tuple("Bytes").field(v).finish(),
            Value::Int128(v) => f.debug_tuple("Int128").field(&Hex(v)).finish(),
            Value::Int256(v) => f.debug_tuple("Int256").field(&Hex(v)).finish(),
            Value::Bool(v) => f.debug_tuple("Bool").field(v).finish(),
            Value::Vector(v) => f.debug_tuple("Vector").field(v).finish(),
            Value::Null => f.write_str("Null"),
            Value::Envelope(v) => f.debug_tuple("Envelope").field(v).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Value;
    use crate::schema::DefId;

    #[test]
    fn debug_prints_int128_and_int256_as_hex() {
        let nonce = [
            0x3e, 0x05, 0x49, 0x82, 0x8c, 0xca, 0x27, 0xe9, 0x66, 0xb3, 0x01, 0xa4, 0x8f, 0xec,
            0xe2, 0xfc,
        ];
        let v = Value::Int128(Box::new(nonce));
        assert_eq!(format!("{v:?}"), "Int128(3e0549828cca27e966b301a48fece2fc)");
        assert_eq!(
            format!("{v:#?}"),
            "Int128(\n    3e0549828cca27e966b301a48fece2fc,\n)"
        );
        let hash = Value::Int256(Box::new([0xa5; 32]));
        assert_eq!(format!("{hash:?}"), format!("Int256({})", "a5".repeat(32)));
        // Inside a vector and an object; every other variant as derived.
        let object = Value::Object {
            def: DefId(3),
            fields: vec![
                (0, Value::Vector(vec![v, Value::Int(-1)].into())),
                (2, Value::Bytes(vec![1, 2].into())),
                (3, Value::String("é".into())),
                (4, Value::Null),
            ]
            .into(),
        };
        assert_eq!(
            format!("{object:?}"),
            "Object { def: DefId(3), fields: [(0, Vector([Int128(3e0549828cca27e966b301a48fece2fc), \
             Int(-1)])), (2, Bytes([1, 2])), (3, String(\"é\")), (4, Null)] }"
        );
        let others = [
            Value::Nat(7),
            Value::Long(-2),
            Value::Double(0.5),
            Value::Bool(true),
        ];
        assert_eq!(
            format!("{others:?}"),
            "[Nat(7), Long(-2), Double(0.5), Bool(true)]"
        );
    }

    #[test]
    fn a_value_is_three_words() {
        assert_eq!(std::mem::size_of::<super::Value>(), 24);
        assert_eq!(std::mem::size_of::<Option<super::Value>>(), 24);
    }
}
