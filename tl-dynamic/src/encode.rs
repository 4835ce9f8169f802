//! Encoding a [`Value`] into bytes, checking it against the schema on the way.
//!
//! Static types make most mistakes impossible; a dynamic value can have them all, so each
//! is an error with the path of the offending field: a missing required field, a value of
//! the wrong kind, an object of the wrong type, a wrong number of fields, and fields that
//! share one flag bit given inconsistently.

use tlgen_runtime::{Serializable, MAX_BYTES_LEN, VECTOR_ID};

use crate::envelope::{Envelope, Message};
use crate::error::{ValueError, ValueErrorKind};
use crate::schema::{DefId, Definition, Schema, Step, Ty, MAX_FLAG_WORDS};
use crate::ty::{Node, Type};
use crate::value::Value;

/// The result of encoding.
type Result<T> = core::result::Result<T, ValueError>;

/// The deepest nesting of objects and vectors that encoding (and JSON output) accepts.
pub const MAX_ENCODE_DEPTH: u32 = 256;

impl Schema {
    /// Encodes a boxed constructor or function call ([`Type::OBJECT`]).
    pub fn encode(&self, value: &Value) -> Result<Vec<u8>> {
        self.encode_as(value, &Type::OBJECT)
    }

    /// Encodes `value` as a value of `ty`.
    pub fn encode_as(&self, value: &Value, ty: &Type) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.write(value, ty, &mut out)?;
        Ok(out)
    }

    /// Appends the encoding of `value` as `ty` to `out`; on error `out` is left as it was.
    pub fn write(&self, value: &Value, ty: &Type, out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        let mut w = Writer {
            schema: self,
            out,
            depth: 0,
        };
        let result = w.node(value, &ty.0);
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    /// Checks that fields sharing a flag bit are all present or all absent.
    pub(crate) fn check_shared(def: &Definition, present: impl Fn(usize) -> bool) -> Result<()> {
        for group in def.shared.iter() {
            let Some((&first, rest)) = group.split_first() else {
                continue;
            };
            let first_present = present(first);
            for &i in rest {
                if present(i) != first_present {
                    let name = |i: usize| def.fields.get(i).map_or("", |f| &f.name).to_owned();
                    let flag = def.fields.get(i).map_or("", |f| &f.flag).to_owned();
                    return Err(ValueError::new(ValueErrorKind::InconsistentFlag {
                        definition: def.name.to_string(),
                        field: name(i),
                        present: !first_present,
                        flag,
                        mate: name(first),
                    })
                    .at_field(&name(i)));
                }
            }
        }
        Ok(())
    }
}

/// Whether a field value counts as present (a `flags.N?true` field given `false` does not).
pub(crate) fn is_present(ty: Ty, value: Option<&Value>) -> bool {
    match value {
        None => false,
        Some(Value::Bool(b)) if ty == Ty::True => *b,
        Some(_) => true,
    }
}

struct Writer<'s, 'o> {
    schema: &'s Schema,
    out: &'o mut Vec<u8>,
    depth: u32,
}

impl Writer<'_, '_> {
    fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_ENCODE_DEPTH {
            return Err(ValueError::new(ValueErrorKind::TooDeep {
                limit: MAX_ENCODE_DEPTH,
            }));
        }
        self.depth += 1;
        Ok(())
    }

    fn node(&mut self, value: &Value, node: &Node) -> Result<()> {
        match (node, value) {
            (Node::Leaf(ty), _) => self.ty(value, *ty),
            (Node::Vector { boxed, elem }, Value::Vector(items)) => {
                if *boxed {
                    Serializable::serialize(&VECTOR_ID, self.out);
                }
                self.count(items.len())?;
                self.enter()?;
                for (i, item) in items.iter().enumerate() {
                    self.node(item, elem).map_err(|e| e.at_index(i))?;
                }
                self.depth -= 1;
                Ok(())
            }
            (Node::Vector { .. }, _) => Err(self.wrong_kind_node(node, value)),
        }
    }

    fn count(&mut self, n: usize) -> Result<()> {
        match i32::try_from(n) {
            Ok(n) => {
                Serializable::serialize(&n, self.out);
                Ok(())
            }
            Err(_) => Err(ValueError::new(ValueErrorKind::TooLong { len: n })),
        }
    }

    /// An envelope object (see [`crate::envelope`]): its id and fields.
    fn envelope(&mut self, envelope: &Envelope) -> Result<()> {
        self.enter()?;
        Serializable::serialize(&envelope.id(), self.out);
        match envelope {
            Envelope::Container(messages) => {
                self.count(messages.len())?;
                for (i, message) in messages.iter().enumerate() {
                    self.message(message)
                        .map_err(|e| e.at_index(i).at_field("messages"))?;
                }
            }
            Envelope::RpcResult { req_msg_id, result } => {
                Serializable::serialize(req_msg_id, self.out);
                self.ty(result, Ty::AnyObject)
                    .map_err(|e| e.at_field("result"))?;
            }
            Envelope::MsgCopy(message) => self
                .message(message)
                .map_err(|e| e.at_field("orig_message"))?,
            Envelope::GzipPacked(data) => self.bytes(data)?,
            Envelope::Unknown { bytes, .. } => self.out.extend_from_slice(bytes),
        }
        self.depth -= 1;
        Ok(())
    }

    /// A bare `message`, with `bytes` the length of the body's encoding.
    fn message(&mut self, message: &Message) -> Result<()> {
        Serializable::serialize(&message.msg_id, self.out);
        Serializable::serialize(&message.seqno, self.out);
        let at = self.out.len();
        Serializable::serialize(&0u32, self.out);
        self.ty(&message.body, Ty::AnyObject)
            .map_err(|e| e.at_field("body"))?;
        let len = self.out.len() - at - 4;
        let len =
            u32::try_from(len).map_err(|_| ValueError::new(ValueErrorKind::TooLong { len }))?;
        if let Some(field) = self.out.get_mut(at..at + 4) {
            field.copy_from_slice(&len.to_le_bytes());
        }
        Ok(())
    }

    fn bytes(&mut self, data: &[u8]) -> Result<()> {
        if data.len() > MAX_BYTES_LEN {
            return Err(ValueError::new(ValueErrorKind::TooLong { len: data.len() }));
        }
        Serializable::serialize(&data, self.out);
        Ok(())
    }

    fn ty(&mut self, value: &Value, ty: Ty) -> Result<()> {
        match (ty, value) {
            (Ty::Int, Value::Int(v)) => Serializable::serialize(v, self.out),
            (Ty::Nat, Value::Nat(v)) => Serializable::serialize(v, self.out),
            (Ty::Nat, Value::Int(v)) => Serializable::serialize(v, self.out),
            (Ty::Long, Value::Long(v)) => Serializable::serialize(v, self.out),
            (Ty::Double, Value::Double(v)) => Serializable::serialize(v, self.out),
            (Ty::String, Value::String(s)) => self.bytes(s.as_bytes())?,
            (Ty::Bytes, Value::Bytes(b)) => self.bytes(b)?,
            (Ty::Int128, Value::Int128(a)) => self.out.extend_from_slice(&a[..]),
            (Ty::Int256, Value::Int256(a)) => self.out.extend_from_slice(&a[..]),
            (Ty::Bool, Value::Bool(b)) => Serializable::serialize(b, self.out),
            (Ty::True, Value::Bool(true)) => {}
            (Ty::Boxed(t), Value::Object { def, fields })
                if self.schema.type_of(*def) == Some(t) =>
            {
                self.object(*def, fields, true)?;
            }
            (Ty::Bare(d), Value::Object { def, fields }) if *def == d => {
                self.object(*def, fields, false)?;
            }
            (Ty::Vector(elem), Value::Vector(items)) => {
                Serializable::serialize(&VECTOR_ID, self.out);
                self.items(items, self.schema.elem(elem))?;
            }
            (Ty::BareVector(elem), Value::Vector(items)) => {
                self.items(items, self.schema.elem(elem))?;
            }
            (Ty::AnyFunction, Value::Object { def, fields })
                if self.schema.definition(*def).is_some_and(|d| d.function) =>
            {
                self.object(*def, fields, true)?;
            }
            (Ty::AnyObject, Value::Object { def, fields }) => self.object(*def, fields, true)?,
            (Ty::AnyObject, Value::Bool(b)) => Serializable::serialize(b, self.out),
            (Ty::AnyObject, Value::Envelope(envelope)) => self.envelope(envelope)?,
            _ => return Err(self.wrong_kind(ty, value)),
        }
        Ok(())
    }

    fn items(&mut self, items: &[Value], elem: Ty) -> Result<()> {
        self.count(items.len())?;
        self.enter()?;
        for (i, item) in items.iter().enumerate() {
            self.ty(item, elem).map_err(|e| e.at_index(i))?;
        }
        self.depth -= 1;
        Ok(())
    }

    fn object(&mut self, id: DefId, fields: &[(u32, Value)], boxed: bool) -> Result<()> {
        let schema = self.schema;
        let (Some(def), Some(hot)) = (schema.definition(id), schema.hot.get(id.index())) else {
            return Err(ValueError::new(ValueErrorKind::UnknownName {
                name: format!("definition #{}", id.index()),
            }));
        };
        check_indices(def, fields)?;
        self.enter()?;
        // Flag words from the fields present.
        let mut flags = [0u32; MAX_FLAG_WORDS];
        for (i, value) in fields {
            if let Some(field) = def.fields.get(*i as usize) {
                if let Some(cond) = field.cond {
                    if is_present(field.ty, Some(value)) {
                        flags[cond.slot()] |= cond.mask();
                    }
                }
            }
        }
        Schema::check_shared(def, |i| present_at(def, fields, i))?;
        if boxed {
            Serializable::serialize(&def.id, self.out);
        }
        let mut index = 0u32;
        let mut next = fields.iter().peekable();
        for &step in schema.steps_of(hot) {
            match step {
                Step::Flags(slot) => {
                    Serializable::serialize(
                        &flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)],
                        self.out,
                    );
                }
                Step::FlagsField(slot) => {
                    // The value's own bits, with those of the fields present.
                    let value = next.next_if(|(i, _)| *i == index).map(|(_, v)| v);
                    let name = def.fields.get(index as usize).map_or("", |f| &f.name);
                    index += 1;
                    let given = match value {
                        Some(Value::Nat(v)) => *v,
                        // Its bits: what earlier versions decoded a `#` value as.
                        Some(Value::Int(v)) => *v as u32,
                        Some(v) => return Err(self.wrong_kind(Ty::Nat, v).at_field(name)),
                        None => 0,
                    };
                    let word = (given & !def.covered_bits(slot))
                        | flags[usize::from(slot) & (MAX_FLAG_WORDS - 1)];
                    Serializable::serialize(&word, self.out);
                }
                Step::Trues { mask, first, .. } => {
                    let end = first + mask.count_ones();
                    index = end;
                    while let Some((i, value)) = next.next_if(|(i, _)| *i < end) {
                        if !matches!(value, Value::Bool(_)) {
                            let name = def.fields.get(*i as usize).map_or("", |f| &f.name);
                            return Err(self.wrong_kind(Ty::True, value).at_field(name));
                        }
                    }
                }
                Step::Field(ty, cond) => {
                    let value = next.next_if(|(i, _)| *i == index).map(|(_, v)| v);
                    let name = def.fields.get(index as usize).map_or("", |f| &f.name);
                    index += 1;
                    match (value, cond) {
                        (None, Some(_)) => {}
                        (None, None) => {
                            return Err(ValueError::new(ValueErrorKind::MissingField {
                                definition: def.name.to_string(),
                                field: name.to_owned(),
                            })
                            .at_field(name))
                        }
                        (Some(Value::Bool(_)), Some(_)) if ty == Ty::True => {}
                        (Some(v), _) => self.ty(v, ty).map_err(|e| e.at_field(name))?,
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn wrong_kind(&self, ty: Ty, value: &Value) -> ValueError {
        ValueError::new(ValueErrorKind::WrongKind {
            expected: self.schema.describe(ty),
            found: self.schema.describe_value(value),
        })
    }

    #[cold]
    #[inline(never)]
    fn wrong_kind_node(&self, node: &Node, value: &Value) -> ValueError {
        ValueError::new(ValueErrorKind::WrongKind {
            expected: self.schema.describe_node(node),
            found: self.schema.describe_value(value),
        })
    }
}

/// Checks that field indices are strictly increasing and name fields of `def`.
fn check_indices(def: &Definition, fields: &[(u32, Value)]) -> Result<()> {
    let mut next = 0u32;
    for (i, _) in fields {
        if *i < next || *i as usize >= def.fields.len() {
            return Err(ValueError::new(ValueErrorKind::BadFieldIndex {
                definition: def.name.to_string(),
                index: *i,
                fields: def.fields.len(),
            }));
        }
        next = i.saturating_add(1);
    }
    Ok(())
}

/// Whether field `i` of `def` is present among `fields` (sorted by index).
pub(crate) fn present_at(def: &Definition, fields: &[(u32, Value)], i: usize) -> bool {
    let Some(field) = def.fields.get(i) else {
        return false;
    };
    let value = u32::try_from(i)
        .ok()
        .and_then(|i| fields.binary_search_by_key(&i, |(j, _)| *j).ok())
        .and_then(|at| fields.get(at))
        .map(|(_, v)| v);
    is_present(field.ty, value)
}

impl Schema {
    /// A value's kind for messages: `int`, `object inputUserSelf`, ….
    pub(crate) fn describe_value(&self, value: &Value) -> String {
        match value {
            Value::Object { def, .. } => format!("object {}", self.name(*def)),
            other => other.kind_name().to_owned(),
        }
    }

    /// A readable form of a type node.
    pub(crate) fn describe_node(&self, node: &Node) -> String {
        match node {
            Node::Leaf(ty) => self.describe(*ty),
            Node::Vector { boxed: true, elem } => format!("Vector<{}>", self.describe_node(elem)),
            Node::Vector { boxed: false, elem } => {
                format!("vector<{}>", self.describe_node(elem))
            }
        }
    }
}
