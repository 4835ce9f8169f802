//! Decoding bytes into a [`Value`] by following the schema's plan.
//!
//! The wire rules, limits and error offsets are `tlgen-runtime`'s: every read goes through its
//! [`Reader`]. Every object and every vector counts one level against the reader's depth
//! limit ([`Reader::DEFAULT_MAX_DEPTH`] = 64 unless the reader says otherwise).

use tlgen_runtime::{DecodeErrorKind, GzipError, Reader, Scope, BOOL_FALSE_ID, BOOL_TRUE_ID};

use crate::envelope::{
    Envelope, Message, GZIP_PACKED_ID, MAX_CONTAINER_MESSAGES, MSG_CONTAINER_ID, MSG_COPY_ID,
    RPC_RESULT_ID,
};
use crate::error::{DecodeCause, DecodeError, DecodeStep, Location};
use crate::schema::{DefId, Hot, Schema, Step, Ty, TyId, TypeId, MAX_FLAG_WORDS};
use crate::ty::{Node, Type};
use crate::value::Value;

/// The result of decoding.
type Result<T> = core::result::Result<T, DecodeError>;

/// The most bytes of `Value`s a vector reserves before its items are read.
const MAX_PREALLOCATION: usize = 1 << 20;

/// How [`Schema::decode_with_options`] decodes: [`Schema::decode_as`]'s way by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    tolerant: bool,
    keep_packed: bool,
}

impl DecodeOptions {
    /// Keep what does not decode as [`Envelope::Unknown`], as
    /// [`Schema::decode_tolerant`] does.
    #[must_use]
    pub fn tolerant(mut self, tolerant: bool) -> Self {
        self.tolerant = tolerant;
        self
    }

    /// Keep each `gzip_packed` that stands for an object as [`Envelope::GzipPacked`] (the
    /// packed bytes as read) instead of its content: decode → encode then reproduces the
    /// input byte for byte.
    #[must_use]
    pub fn keep_packed(mut self, keep: bool) -> Self {
        self.keep_packed = keep;
        self
    }
}

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
    ///
    /// A `gzip_packed` is unpacked wherever an object or a function call may stand (an
    /// `Object` or `!X` field, a [`Type::OBJECT`] or [`Type::FUNCTION`] value), and around the
    /// whole input for any `ty`; errors inside it have offsets into the unpacked bytes. See
    /// [`crate::envelope`] for the other envelope objects.
    ///
    /// The envelope rules hold after unpacking (see [`Scope`]: no container inside a
    /// container, no `gzip_packed` inside a packed object, however deep), and the decode
    /// unpacks at most [`DEFAULT_MAX_UNPACKED`](tlgen_runtime::DEFAULT_MAX_UNPACKED) bytes in
    /// all; [`decode_in_scope`](Self::decode_in_scope) sets another budget.
    pub fn decode_as(&self, bytes: &[u8], ty: &Type) -> Result<Value> {
        self.decode_in_scope(bytes, ty, Scope::new())
    }

    /// [`decode_as`](Self::decode_as) in `scope`: e.g.
    /// [`Scope::with_unpack_limit`] for another unpack budget.
    pub fn decode_in_scope(&self, bytes: &[u8], ty: &Type, scope: Scope) -> Result<Value> {
        self.decode_with(bytes, ty, false, false, scope)
            .map(|decoded| decoded.value)
    }

    /// Decodes like [`decode_as`](Self::decode_as), but keeps what cannot be decoded in
    /// place instead of failing: a message body, `gzip_packed` content or `rpc_result`
    /// result that does not decode (an object of another layer, say `config#330b4067` that
    /// this layer does not know) becomes an [`Envelope::Unknown`] (its id and bytes), and
    /// everything around it decodes. [`Tolerant::unknown`] says where each is and why, in
    /// the order of [`Schema::unknown_paths`]. An error outside such a part (the input
    /// itself not decoding) still fails.
    pub fn decode_tolerant(&self, bytes: &[u8], ty: &Type) -> Result<Tolerant> {
        self.decode_with(bytes, ty, true, false, Scope::new())
    }

    /// Decodes as [`decode_as`](Self::decode_as) or, with `options.tolerant`,
    /// [`decode_tolerant`](Self::decode_tolerant); with `options.keep_packed`, a
    /// `gzip_packed` standing for an object is kept as [`Envelope::GzipPacked`] (its packed
    /// bytes, which [`encode`](Self::encode) writes back byte for byte) instead of being
    /// replaced by what it holds.
    pub fn decode_with_options(
        &self,
        bytes: &[u8],
        ty: &Type,
        options: DecodeOptions,
    ) -> Result<Tolerant> {
        self.decode_with(
            bytes,
            ty,
            options.tolerant,
            options.keep_packed,
            Scope::new(),
        )
    }

    /// [`decode_as`](Self::decode_as), tolerant or not, keeping `gzip_packed` or not.
    fn decode_with(
        &self,
        bytes: &[u8],
        ty: &Type,
        tolerant: bool,
        keep_packed: bool,
        scope: Scope,
    ) -> Result<Tolerant> {
        let mut buffer = Vec::new();
        // An object is unpacked where it stands (`Ty::AnyObject`); any other type around
        // the whole input.
        let (mut r, gzip) = if ty.0 == Node::Leaf(Ty::AnyObject) {
            let mut r = Reader::new(bytes);
            r.set_scope(scope);
            (r, false)
        } else {
            let gzip = bytes.get(..4) == Some(&GZIP_PACKED_ID.to_le_bytes()[..]);
            (scope.open(bytes, &mut buffer)?, gzip)
        };
        // A whole input wrapped in a `gzip_packed`: offsets count in its content.
        let seen_from_input = |location: Location| {
            if gzip {
                location.in_gzip_at(0)
            } else {
                location
            }
        };
        let mut decoder = Decoder {
            schema: self,
            r: &mut r,
            tolerant,
            keep_packed,
            unknown: Vec::new(),
        };
        // The input itself is not kept as bytes: when nothing decodes, that is an error.
        let value = decoder
            .node(&ty.0)
            .map_err(|e| if gzip { e.in_gzip_at(0) } else { e })?;
        let mut unknown = std::mem::take(&mut decoder.unknown);
        for found in &mut unknown {
            found.location = seen_from_input(found.location);
        }
        r.finish().map_err(|e| {
            let mut e = DecodeError::from(e);
            if let Some(name) = self.name_of(&value) {
                e = e.after(name);
            }
            if gzip {
                e.in_gzip_at(0)
            } else {
                e
            }
        })?;
        Ok(Tolerant { value, unknown })
    }

    /// Reads one value of `ty` from `r`, leaving whatever follows it unread.
    pub fn read(&self, r: &mut Reader<'_>, ty: &Type) -> Result<Value> {
        Decoder {
            schema: self,
            r,
            tolerant: false,
            keep_packed: false,
            unknown: Vec::new(),
        }
        .node(&ty.0)
    }

    /// The JSON path (`$.messages[1].body.result`) of every [`Envelope::Unknown`] in
    /// `value`, in the order they were read (that of [`Tolerant::unknown`]).
    #[must_use]
    pub fn unknown_paths(&self, value: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_unknown(value, &mut String::from("$"), &mut out);
        out
    }

    /// Appends the paths of the unknown objects in `value`, which is at `path`.
    fn collect_unknown(&self, value: &Value, path: &mut String, out: &mut Vec<String>) {
        let len = path.len();
        let mut at = |path: &mut String, segment: std::fmt::Arguments<'_>, value: &Value| {
            use std::fmt::Write as _;
            let _ = path.write_fmt(segment);
            self.collect_unknown(value, path, out);
            path.truncate(len);
        };
        match value {
            Value::Vector(items) => {
                for (i, item) in items.iter().enumerate() {
                    at(path, format_args!("[{i}]"), item);
                }
            }
            Value::Object { def, fields } => {
                let def = self.definition(*def);
                for (i, field) in fields.iter() {
                    let name = def
                        .and_then(|d| d.fields().get(*i as usize))
                        .map_or("?", |f| f.name());
                    at(path, format_args!(".{name}"), field);
                }
            }
            Value::Envelope(envelope) => match &**envelope {
                Envelope::Container(messages) => {
                    for (i, message) in messages.iter().enumerate() {
                        at(path, format_args!(".messages[{i}].body"), &message.body);
                    }
                }
                Envelope::RpcResult { result, .. } => at(path, format_args!(".result"), result),
                Envelope::MsgCopy(message) => {
                    at(path, format_args!(".orig_message.body"), &message.body);
                }
                Envelope::GzipPacked(_) => {}
                Envelope::Unknown { .. } => out.push(path.clone()),
            },
            _ => {}
        }
    }

    #[inline]
    fn hot_of(&self, def: DefId) -> Option<&Hot> {
        self.hot.get(def.index())
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
            DecodeCause::UnexpectedConstructor { id, expected },
        )
    }

    /// `e`, seen from the field of `def` that was being read.
    #[cold]
    #[inline(never)]
    fn in_field(&self, e: DecodeError, def: DefId, at: Reading) -> DecodeError {
        let Some(d) = self.definition(def) else {
            return e;
        };
        let (field, ty) = match at {
            Reading::Start => return e,
            // A flag word is named by the fields it governs (`flags.3`).
            Reading::Flags(slot) => {
                let name = d
                    .fields()
                    .iter()
                    .find(|f| f.cond.is_some_and(|c| c.slot() == usize::from(slot)))
                    .and_then(|f| f.flag.split_once('.'))
                    .map_or("#", |(word, _)| word);
                (name.to_owned(), "#".to_owned())
            }
            Reading::Field(i) => match d.fields().get(i as usize) {
                Some(f) => (f.name().to_owned(), self.declared(f.ty)),
                None => return e,
            },
        };
        e.at(DecodeStep::Field {
            definition: d.name().to_owned(),
            field,
            ty,
        })
    }

    /// `e`, seen from item `index` of a vector of `ty`.
    #[cold]
    #[inline(never)]
    fn in_item(&self, e: DecodeError, index: usize, ty: &str) -> DecodeError {
        e.at(DecodeStep::Index {
            index,
            ty: ty.to_owned(),
        })
    }

    /// A type as a schema declares it: a bare constructor by its name (`tonNode.blockIdExt`).
    fn declared(&self, ty: Ty) -> String {
        match ty {
            Ty::Bare(def) => self.name(def).to_owned(),
            _ => self.describe(ty),
        }
    }

    /// A type of [`Decoder::node`] as a schema declares it.
    fn declared_node(&self, node: &Node) -> String {
        match node {
            Node::Leaf(ty) => self.declared(*ty),
            Node::Vector { boxed, elem } => {
                let name = if *boxed { "Vector" } else { "vector" };
                format!("{name}<{}>", self.declared_node(elem))
            }
        }
    }
}

/// What [`Decoder::fields`] is reading, to name it in the path of an error.
#[derive(Clone, Copy)]
enum Reading {
    /// Nothing yet (entering the object).
    Start,
    /// The `#` flag word in this slot.
    Flags(u8),
    /// The field of this index.
    Field(u32),
}

/// A step of the envelope's own fields (`msg_container.messages`, `rpc_result.result`, …).
#[cold]
#[inline(never)]
fn envelope_field(e: DecodeError, definition: &str, field: &str, ty: &str) -> DecodeError {
    e.at(DecodeStep::Field {
        definition: definition.to_owned(),
        field: field.to_owned(),
        ty: ty.to_owned(),
    })
}

/// What [`Schema::decode_tolerant`] read: the value, and the objects kept undecoded in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tolerant {
    /// The value, with an [`Envelope::Unknown`] in place of each object it could not decode.
    pub value: Value,
    /// Each [`Envelope::Unknown`] of the value, in the order of [`Schema::unknown_paths`].
    pub unknown: Vec<UnknownObject>,
}

/// An object [`Schema::decode_tolerant`] could not decode and kept as bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownObject {
    /// Its constructor id.
    pub id: u32,
    /// Where it starts (its id), with the stream the offset counts in.
    pub location: Location,
    /// Why it could not be decoded (the error's offset counts in the input too).
    pub error: DecodeError,
}

/// Where a part decoded on its own sits in the input being decoded.
#[derive(Clone, Copy)]
enum Part {
    /// It starts at this byte of the input (a message body, an `rpc_result`'s result).
    At(usize),
    /// It is the unpacked content of the `gzip_packed` at this byte of the input.
    Gzip(usize),
}

impl Part {
    /// A location in the part, seen from the input.
    fn locate(self, location: Location) -> Location {
        match self {
            Part::At(start) => location.in_part_at(start),
            Part::Gzip(start) => location.in_gzip_at(start),
        }
    }

    /// An error in the part, seen from the input.
    fn error(self, error: DecodeError) -> DecodeError {
        match self {
            Part::At(start) => error.shifted(start),
            Part::Gzip(start) => error.in_gzip_at(start),
        }
    }
}

/// One decoding: the schema and the input.
struct Decoder<'s, 'r, 'a> {
    schema: &'s Schema,
    /// The input, with its [`Scope`] for the envelope rules and the unpack budget.
    r: &'r mut Reader<'a>,
    /// Whether a part that does not decode is kept as an [`Envelope::Unknown`].
    tolerant: bool,
    /// Whether a `gzip_packed` standing for an object is kept as [`Envelope::GzipPacked`].
    keep_packed: bool,
    /// The parts kept so, with locations in this input.
    unknown: Vec<UnknownObject>,
}

impl Decoder<'_, '_, '_> {
    fn node(&mut self, node: &Node) -> Result<Value> {
        match node {
            Node::Leaf(ty) => self.ty(*ty),
            Node::Vector { boxed, elem } => {
                if *boxed {
                    self.r.expect_vector_id()?;
                }
                let n = self.r.read_vector_len()?;
                self.r.enter()?;
                let mut items = Vec::with_capacity(capacity(n));
                for i in 0..n {
                    match self.node(elem) {
                        Ok(item) => items.push(item),
                        Err(e) => {
                            let ty = self.schema.declared_node(elem);
                            return Err(self.schema.in_item(e, i, &ty));
                        }
                    }
                }
                self.r.leave();
                Ok(Value::Vector(items.into_boxed_slice()))
            }
        }
    }

    /// Reads one value of a resolved type.
    fn ty(&mut self, ty: Ty) -> Result<Value> {
        Ok(match ty {
            Ty::Int => Value::Int(self.r.read_i32()?),
            Ty::Nat => Value::Nat(self.r.read_u32()?),
            Ty::Long => Value::Long(self.r.read_i64()?),
            Ty::Double => Value::Double(self.r.read_f64()?),
            Ty::String => Value::String(self.r.read_str()?.into()),
            Ty::Bytes => Value::Bytes(self.r.read_bytes()?.into()),
            Ty::Int128 => Value::Int128(Box::new(self.r.read_array()?)),
            Ty::Int256 => Value::Int256(Box::new(self.r.read_array()?)),
            Ty::Bool => Value::Bool(self.r.read_bool()?),
            Ty::True => Value::Bool(true),
            Ty::AnyFunction if self.r.peek_u32().ok() == Some(GZIP_PACKED_ID) => {
                self.r.read_u32()?;
                self.r.enter()?;
                let value = self.gzip_packed(Ty::AnyFunction)?;
                self.r.leave();
                value
            }
            Ty::Boxed(_) | Ty::Bare(_) | Ty::AnyFunction => {
                let def = self.definition(ty)?;
                let fields = self.fields(def)?;
                Value::Object { def, fields }
            }
            Ty::Vector(elem) | Ty::BareVector(elem) => Value::Vector(self.items(ty, elem)?),
            Ty::AnyObject => {
                let id = self.r.read_u32()?;
                let at = self.r.position().saturating_sub(4);
                self.r.scope().check(id, at)?;
                match id {
                    BOOL_TRUE_ID => Value::Bool(true),
                    BOOL_FALSE_ID => Value::Bool(false),
                    MSG_CONTAINER_ID | RPC_RESULT_ID | MSG_COPY_ID | GZIP_PACKED_ID => {
                        self.envelope(id)?
                    }
                    _ => match self.schema.ids.get(id) {
                        Some(def) => {
                            let fields = self.fields(def)?;
                            Value::Object { def, fields }
                        }
                        None => return Err(self.schema.unexpected(self.r, id, Expected::Object)),
                    },
                }
            }
        })
    }

    /// The definition of the object at the front of the input, for `Boxed` (its id is
    /// read and checked), `Bare` (nothing read) and `AnyFunction`.
    #[inline]
    fn definition(&mut self, ty: Ty) -> Result<DefId> {
        let schema = self.schema;
        let (expected, want) = match ty {
            Ty::Bare(def) => return Ok(def),
            Ty::Boxed(t) => (Expected::Type(t), t.0),
            _ => (Expected::Function, Hot::FUNCTION),
        };
        let id = self.r.read_u32()?;
        match schema.ids.get(id) {
            Some(def) if schema.hot_of(def).is_some_and(|h| h.ty == want) => Ok(def),
            _ => Err(schema.unexpected(self.r, id, expected)),
        }
    }

    /// Reads a vector (`ty` says whether its id comes first) of `elem` items.
    ///
    /// Objects and numbers are built in place (see [`append`]).
    fn items(&mut self, ty: Ty, elem: TyId) -> Result<Box<[Value]>> {
        let mut at = None;
        match self.items_in(ty, elem, &mut at) {
            Ok(items) => Ok(items),
            Err(e) => Err(match at {
                Some(i) => {
                    let ty = self.schema.declared(self.schema.elem(elem));
                    self.schema.in_item(e, i, &ty)
                }
                None => e,
            }),
        }
    }

    /// [`Decoder::items`], with `at` the index of the item being read.
    #[inline]
    fn items_in(&mut self, ty: Ty, elem: TyId, at: &mut Option<usize>) -> Result<Box<[Value]>> {
        if let Ty::Vector(_) = ty {
            self.r.expect_vector_id()?;
        }
        let n = self.r.read_vector_len()?;
        let elem = self.schema.elem(elem);
        self.r.enter()?;
        let mut items = Vec::with_capacity(capacity(n));
        for i in 0..n {
            *at = Some(i);
            match elem {
                Ty::Boxed(_) | Ty::Bare(_) => {
                    let def = self.definition(elem)?;
                    let fields = self.fields(def)?;
                    append(&mut items, || Value::Object { def, fields });
                }
                Ty::Long => {
                    let v = self.r.read_i64()?;
                    append(&mut items, || Value::Long(v));
                }
                Ty::Int => {
                    let v = self.r.read_i32()?;
                    append(&mut items, || Value::Int(v));
                }
                _ => items.push(self.ty(elem)?),
            }
        }
        self.r.leave();
        Ok(items.into_boxed_slice())
    }

    /// Reads the fields of `def` (its id already read, or bare): the present ones, with
    /// their indices, in one exact allocation.
    fn fields(&mut self, def: DefId) -> Result<Box<[(u32, Value)]>> {
        let mut at = Reading::Start;
        match self.fields_in(def, &mut at) {
            Ok(fields) => Ok(fields),
            Err(e) => Err(self.schema.in_field(e, def, at)),
        }
    }

    /// [`Decoder::fields`], with `at` what is being read.
    #[inline]
    fn fields_in(&mut self, def: DefId, at: &mut Reading) -> Result<Box<[(u32, Value)]>> {
        let schema = self.schema;
        let Some(hot) = schema.hot_of(def) else {
            return Err(schema.unexpected(self.r, 0, Expected::Object));
        };
        self.r.enter()?;
        let steps = schema.steps_of(hot);
        let mut flags = [0u32; MAX_FLAG_WORDS];
        // The flag words come first when the definition is counted: read them, and
        // allocate exactly the fields present.
        let mut lead = 0;
        while let Some(&Step::Flags(slot)) = steps.get(lead) {
            *at = Reading::Flags(slot);
            flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)] = self.r.read_u32()?;
            lead += 1;
        }
        let capacity = if hot.counted {
            schema.present_count(hot, &flags)
        } else {
            hot.fields as usize
        };
        let mut out = Vec::with_capacity(capacity);
        let mut index = 0u32;
        for &step in steps.get(lead..).unwrap_or(&[]) {
            let (ty, cond) = match step {
                Step::Flags(slot) => {
                    *at = Reading::Flags(slot);
                    flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)] = self.r.read_u32()?;
                    continue;
                }
                Step::FlagsField(slot) => {
                    *at = Reading::Field(index);
                    let v = self.r.read_u32()?;
                    flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)] = v;
                    let i = index;
                    index += 1;
                    append(&mut out, || (i, Value::Nat(v)));
                    continue;
                }
                Step::Field(ty, cond) => (ty, cond),
                Step::Trues { slot, mask, first } => {
                    let mut set = flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)] & mask;
                    while set != 0 {
                        let below = mask & ((1u32 << set.trailing_zeros()) - 1);
                        let i = first + below.count_ones();
                        append(&mut out, || (i, Value::Bool(true)));
                        set &= set - 1;
                    }
                    index += mask.count_ones();
                    continue;
                }
            };
            let i = index;
            index += 1;
            if let Some(cond) = cond {
                if flags[cond.slot()] & cond.mask() == 0 {
                    continue;
                }
            }
            *at = Reading::Field(i);
            // The common kinds are built in place (see `append`).
            match ty {
                Ty::Int => {
                    let v = self.r.read_i32()?;
                    append(&mut out, || (i, Value::Int(v)));
                }
                Ty::Long => {
                    let v = self.r.read_i64()?;
                    append(&mut out, || (i, Value::Long(v)));
                }
                Ty::String => {
                    let v: Box<str> = self.r.read_str()?.into();
                    append(&mut out, || (i, Value::String(v)));
                }
                Ty::Bool => {
                    let v = self.r.read_bool()?;
                    append(&mut out, || (i, Value::Bool(v)));
                }
                Ty::True => append(&mut out, || (i, Value::Bool(true))),
                Ty::Boxed(_) | Ty::Bare(_) => {
                    let def = self.definition(ty)?;
                    let fields = self.fields(def)?;
                    append(&mut out, || (i, Value::Object { def, fields }));
                }
                Ty::Vector(elem) | Ty::BareVector(elem) => {
                    let items = self.items(ty, elem)?;
                    append(&mut out, || (i, Value::Vector(items)));
                }
                _ => {
                    let value = self.ty(ty)?;
                    out.push((i, value));
                }
            }
        }
        self.r.leave();
        // Exact for a counted definition (no reallocation), shrunk otherwise.
        Ok(out.into_boxed_slice())
    }
}

/// The envelope objects (see [`crate::envelope`]), their id just read.
impl Decoder<'_, '_, '_> {
    fn envelope(&mut self, id: u32) -> Result<Value> {
        self.r.enter()?;
        let value = match id {
            MSG_CONTAINER_ID => self.container()?,
            RPC_RESULT_ID => {
                let req_msg_id = self.r.read_i64()?;
                let result = if self.tolerant {
                    // The result runs to the end of what holds it (a message body).
                    let start = self.r.position();
                    let rest = self.r.read_raw(self.r.remaining())?;
                    self.part(rest, self.r.scope(), Ty::AnyObject, Part::At(start))
                } else {
                    self.ty(Ty::AnyObject)
                };
                let result =
                    result.map_err(|e| envelope_field(e, "rpc_result", "result", "Object"))?;
                Value::Envelope(Box::new(Envelope::RpcResult { req_msg_id, result }))
            }
            MSG_COPY_ID => {
                let message = self
                    .message()
                    .map_err(|e| envelope_field(e, "msg_copy", "orig_message", "Message"))?;
                Value::Envelope(Box::new(Envelope::MsgCopy(message)))
            }
            _ => self.gzip_packed(Ty::AnyObject)?,
        };
        self.r.leave();
        Ok(value)
    }

    /// `messages:vector<%Message>`: at most [`MAX_CONTAINER_MESSAGES`], none a container.
    fn container(&mut self) -> Result<Value> {
        let at = self.r.position();
        let n = self.r.read_vector_len()?;
        if n > MAX_CONTAINER_MESSAGES {
            return Err(DecodeError::new(
                at,
                DecodeErrorKind::InvalidLength { len: n },
            ));
        }
        let mut messages = Vec::with_capacity(n);
        for i in 0..n {
            match self.message() {
                Ok(message) => messages.push(message),
                Err(e) => {
                    let e = self.schema.in_item(e, i, "%Message");
                    return Err(envelope_field(
                        e,
                        "msg_container",
                        "messages",
                        "vector<%Message>",
                    ));
                }
            }
        }
        Ok(Value::Envelope(Box::new(Envelope::Container(
            messages.into_boxed_slice(),
        ))))
    }

    /// A bare `message`: its body must be exactly `bytes` bytes (a multiple of 4) and not a
    /// container.
    fn message(&mut self) -> Result<Message> {
        let msg_id = self.r.read_i64()?;
        let seqno = self.r.read_i32()?;
        let at = self.r.position();
        let bytes = self.r.read_u32()?;
        let len = usize::try_from(bytes).unwrap_or(usize::MAX);
        if len % 4 != 0 || len < 4 || len > self.r.remaining() {
            return Err(DecodeError::new(at, DecodeErrorKind::InvalidLength { len }));
        }
        let start = self.r.position();
        let body = self.r.read_raw(len)?;
        let body = self
            .part(
                body,
                self.r.scope().in_container(),
                Ty::AnyObject,
                Part::At(start),
            )
            .map_err(|e| envelope_field(e, "message", "body", "Object"))?;
        Ok(Message {
            msg_id,
            seqno,
            bytes,
            body,
        })
    }

    /// `packed_data:bytes`, unpacked and decoded as the `ty` it holds.
    fn gzip_packed(&mut self, ty: Ty) -> Result<Value> {
        let start = self.r.position().saturating_sub(4);
        let mut scope = self.r.scope();
        scope.check(GZIP_PACKED_ID, start)?;
        let data = self.r.read_bytes()?;
        if self.keep_packed && ty == Ty::AnyObject {
            return Ok(Value::Envelope(Box::new(Envelope::GzipPacked(data.into()))));
        }
        // The content starts after the 1- or 4-byte length prefix.
        let base = start + 4 + if data.len() < 254 { 1 } else { 4 };
        let mut buffer = Vec::new();
        let packed = scope.unpack(data, base, &mut buffer)?;
        self.r.set_scope(scope);
        // Offsets inside are into the unpacked bytes.
        self.part(&buffer, packed, ty, Part::Gzip(start))
            .map_err(|e| envelope_field(e, "gzip_packed", "packed_data", "Object"))
    }

    /// Decodes `bytes` whole as a `ty`, as a part of this input at `part`. When tolerant, a
    /// part that does not decode is kept as an [`Envelope::Unknown`].
    /// An error breaking the envelope rules or the unpack budget is never kept so.
    fn part(&mut self, bytes: &[u8], scope: Scope, ty: Ty, part: Part) -> Result<Value> {
        let depth = self.r.max_depth().saturating_sub(self.r.depth());
        let mut r = Reader::with_max_depth(bytes, depth);
        r.set_scope(scope);
        let mut inner = Decoder {
            schema: self.schema,
            r: &mut r,
            tolerant: self.tolerant,
            keep_packed: self.keep_packed,
            unknown: Vec::new(),
        };
        let decoded = inner.ty(ty).and_then(|value| {
            inner.r.finish()?;
            Ok(value)
        });
        let found = std::mem::take(&mut inner.unknown);
        let spent = self.r.scope().spent_by(inner.r.scope());
        self.r.set_scope(spent);
        match decoded {
            Ok(value) => {
                self.unknown.extend(found.into_iter().map(|mut found| {
                    found.location = part.locate(found.location);
                    found.error = part.error(found.error);
                    found
                }));
                Ok(value)
            }
            Err(error) => match (self.tolerant, bytes.split_first_chunk::<4>()) {
                (true, Some((id, rest))) if !breaks_envelope_rules(&error) => {
                    let id = u32::from_le_bytes(*id);
                    self.unknown.push(UnknownObject {
                        id,
                        location: part.locate(Location::default()),
                        error: part.error(error),
                    });
                    Ok(Value::Envelope(Box::new(Envelope::Unknown {
                        id,
                        bytes: rest.into(),
                    })))
                }
                _ => Err(part.error(error)),
            },
        }
    }
}

/// Whether `error` is the envelope rules' or the unpack budget's (see [`Scope`]), which
/// tolerant decoding does not keep as an unknown object.
fn breaks_envelope_rules(error: &DecodeError) -> bool {
    match error.kind() {
        Some(DecodeErrorKind::Gzip(GzipError::Nested | GzipError::TooLarge { .. })) => true,
        Some(DecodeErrorKind::UnexpectedConstructor { id, expected }) => {
            *id == MSG_CONTAINER_ID && *expected == tlgen_runtime::envelope::NESTED_CONTAINER
        }
        _ => false,
    }
}

/// Appends the value `make` builds.
///
/// `push(value)` builds the value first and moves it in after a possible reallocation,
/// through a stack copy that is read back right after its parts were stored, stalling
/// the CPU's store forwarding on every field; building it after the reservation writes it
/// straight into place.
#[inline(always)]
fn append<T>(out: &mut Vec<T>, make: impl FnOnce() -> T) {
    out.extend(std::iter::once_with(make));
}

/// How many items to reserve for a vector of `n` (already checked against the input).
#[inline]
fn capacity(n: usize) -> usize {
    n.min(MAX_PREALLOCATION / std::mem::size_of::<Value>())
}
