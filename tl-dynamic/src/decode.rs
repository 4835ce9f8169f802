//! Decoding bytes into a [`Value`] by following the schema's plan.
//!
//! The wire rules, limits and error offsets are `tl-runtime`'s: every read goes through its
//! [`Reader`]. Every object and every vector counts one level against the reader's depth
//! limit ([`Reader::DEFAULT_MAX_DEPTH`] = 64 unless the reader says otherwise).

use tl_runtime::{Reader, BOOL_FALSE_ID, BOOL_TRUE_ID};

use crate::error::{DecodeError, DecodeErrorKind};
use crate::schema::{DefId, Hot, Schema, Step, Ty, TyId, TypeId, MAX_FLAG_WORDS};
use crate::ty::{Node, Type};
use crate::value::Value;

/// The result of decoding.
type Result<T> = core::result::Result<T, DecodeError>;

/// The most bytes of `Value`s a vector reserves before its items are read.
const MAX_PREALLOCATION: usize = 1 << 20;

/// What an unexpected constructor id was checked against.
#[derive(Clone, Copy)]
enum Expected {
    Type(TypeId),
    Function,
    Object,
}

impl Schema {
    /// Decodes a whole buffer holding one boxed constructor or function call, by its id.
    ///
    /// `boolTrue`/`boolFalse` decode as [`Value::Bool`]. A boxed `Vector` has no
    /// definition to say what its items are: decode it with [`decode_as`](Self::decode_as).
    pub fn decode(&self, bytes: &[u8]) -> Result<Value> {
        self.decode_as(bytes, &Type::OBJECT)
    }

    /// Decodes a whole buffer holding one boxed function call.
    pub fn decode_function(&self, bytes: &[u8]) -> Result<Value> {
        self.decode_as(bytes, &Type::FUNCTION)
    }

    /// Decodes a whole buffer as a value of `ty`; trailing bytes are an error.
    pub fn decode_as(&self, bytes: &[u8], ty: &Type) -> Result<Value> {
        let mut r = Reader::new(bytes);
        let value = self.read(&mut r, ty)?;
        r.finish()?;
        Ok(value)
    }

    /// Reads one value of `ty` from `r`, leaving whatever follows it unread.
    pub fn read(&self, r: &mut Reader<'_>, ty: &Type) -> Result<Value> {
        self.read_node(r, &ty.0)
    }

    fn read_node(&self, r: &mut Reader<'_>, node: &Node) -> Result<Value> {
        match node {
            Node::Leaf(ty) => self.read_ty(r, *ty),
            Node::Vector { boxed, elem } => {
                if *boxed {
                    r.expect_vector_id()?;
                }
                let n = r.read_vector_len()?;
                r.enter()?;
                let mut items = Vec::with_capacity(capacity(n));
                for _ in 0..n {
                    items.push(self.read_node(r, elem)?);
                }
                r.leave();
                Ok(Value::Vector(items.into_boxed_slice()))
            }
        }
    }

    /// Reads one value of a resolved type.
    #[inline]
    fn read_ty(&self, r: &mut Reader<'_>, ty: Ty) -> Result<Value> {
        Ok(match ty {
            Ty::Int => Value::Int(r.read_i32()?),
            Ty::Long => Value::Long(r.read_i64()?),
            Ty::Double => Value::Double(r.read_f64()?),
            Ty::String => Value::String(r.read_str()?.into()),
            Ty::Bytes => Value::Bytes(r.read_bytes()?.into()),
            Ty::Int128 => Value::Int128(Box::new(r.read_array()?)),
            Ty::Int256 => Value::Int256(Box::new(r.read_array()?)),
            Ty::Bool => Value::Bool(r.read_bool()?),
            Ty::True => Value::Bool(true),
            Ty::Boxed(t) => {
                let id = r.read_u32()?;
                match self.ids.get(id) {
                    Some(def) if self.hot_of(def).is_some_and(|h| h.ty == t.0) => {
                        self.read_object(r, def)?
                    }
                    _ => return Err(self.unexpected(r, id, Expected::Type(t))),
                }
            }
            Ty::Bare(def) => self.read_object(r, def)?,
            Ty::Vector(elem) => {
                r.expect_vector_id()?;
                self.read_items(r, elem)?
            }
            Ty::BareVector(elem) => self.read_items(r, elem)?,
            Ty::AnyFunction => {
                let id = r.read_u32()?;
                match self.ids.get(id) {
                    Some(def) if self.hot_of(def).is_some_and(|h| h.ty == Hot::FUNCTION) => {
                        self.read_object(r, def)?
                    }
                    _ => return Err(self.unexpected(r, id, Expected::Function)),
                }
            }
            Ty::AnyObject => {
                let id = r.read_u32()?;
                match id {
                    BOOL_TRUE_ID => Value::Bool(true),
                    BOOL_FALSE_ID => Value::Bool(false),
                    _ => match self.ids.get(id) {
                        Some(def) => self.read_object(r, def)?,
                        None => return Err(self.unexpected(r, id, Expected::Object)),
                    },
                }
            }
        })
    }

    #[inline]
    fn hot_of(&self, def: DefId) -> Option<&Hot> {
        self.hot.get(def.index())
    }

    /// Reads a vector's count and items (after its id, if boxed).
    fn read_items(&self, r: &mut Reader<'_>, elem: TyId) -> Result<Value> {
        let n = r.read_vector_len()?;
        let elem = self.elem(elem);
        r.enter()?;
        let mut items = Vec::with_capacity(capacity(n));
        for _ in 0..n {
            items.push(self.read_ty(r, elem)?);
        }
        r.leave();
        Ok(Value::Vector(items.into_boxed_slice()))
    }

    /// Reads the fields of `def` (its id already read, or bare).
    fn read_object(&self, r: &mut Reader<'_>, def: DefId) -> Result<Value> {
        let Some(hot) = self.hot_of(def) else {
            return Err(self.unexpected(r, 0, Expected::Object));
        };
        r.enter()?;
        let mut fields = Vec::with_capacity(hot.fields as usize);
        let mut flags = [0u32; MAX_FLAG_WORDS];
        for &step in self.steps_of(hot) {
            match step {
                Step::Flags(slot) => {
                    flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)] = r.read_u32()?;
                }
                Step::Field(ty, cond) => {
                    if let Some(cond) = cond {
                        if flags[cond.slot()] & cond.mask() == 0 {
                            fields.push(None);
                            continue;
                        }
                    }
                    // The common primitives are built right where they are stored.
                    match ty {
                        Ty::Int => fields.push(Some(Value::Int(r.read_i32()?))),
                        Ty::Long => fields.push(Some(Value::Long(r.read_i64()?))),
                        Ty::String => fields.push(Some(Value::String(r.read_str()?.into()))),
                        Ty::Bool => fields.push(Some(Value::Bool(r.read_bool()?))),
                        Ty::True => fields.push(Some(Value::Bool(true))),
                        _ => fields.push(Some(self.read_ty(r, ty)?)),
                    }
                }
            }
        }
        r.leave();
        Ok(Value::Object {
            def,
            fields: fields.into_boxed_slice(),
        })
    }

    /// The error for an id just read that is unknown or not of the expected kind.
    #[cold]
    #[inline(never)]
    fn unexpected(&self, r: &Reader<'_>, id: u32, expected: Expected) -> DecodeError {
        let expected = match expected {
            Expected::Type(t) => self.type_name(t).to_owned(),
            Expected::Function => "a function call".to_owned(),
            Expected::Object => "a constructor or function call".to_owned(),
        };
        DecodeError::new(
            r.position().saturating_sub(4),
            DecodeErrorKind::UnexpectedConstructor { id, expected },
        )
    }
}

/// How many items to reserve for a vector of `n` (already checked against the input).
#[inline]
fn capacity(n: usize) -> usize {
    n.min(MAX_PREALLOCATION / std::mem::size_of::<Value>())
}
