//! The small schema the tests of this crate share.

#![allow(dead_code)]

use tlgen_dynamic::{DefId, Schema, Value};

/// One feature per line: primitives, flags (two words, a shared bit, a `true` flag sharing
/// a bit with a value), bare vectors, `%T`, nested vectors, recursion, generics.
pub const SCHEMA: &str = "\
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
true#3fedd339 = True;
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
inputInvoiceSlug#c326caef slug:string = InputInvoice;
textPlain#744694e0 text:string = RichText;
textBold#6724abc4 text:RichText = RichText;
message#00000001 flags:# out:flags.1?true id:int views:flags.10?int forwards:flags.10?int flags2:# offline:flags2.1?true effect:flags2.2?long = Message;
photo#00000002 id:long data:bytes hash:int128 key:int256 ratio:double ok:Bool = Photo;
future_salt#0949d9dc valid_since:int valid_until:int salt:long = FutureSalt;
future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> = FutureSalts;
wrap#00000003 m:%Message list:Vector<Message> nested:Vector<Vector<int>> = Wrap;
media#00000004 flags:# live:flags.3?true video:flags.3?Photo = Media;
---functions---
invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
getPeer#00000005 peer:InputPeer = InputPeer;
payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = InputPeer;
";

pub fn schema() -> Schema {
    Schema::from_source(SCHEMA).expect("the test schema builds")
}

pub fn def(schema: &Schema, name: &str) -> DefId {
    schema.by_name(name).unwrap_or_else(|| panic!("no {name}"))
}

/// An object of `name` with `fields`.
pub fn obj(schema: &Schema, name: &str, fields: Vec<Option<Value>>) -> Value {
    Value::object(def(schema, name), fields)
}

/// A vector value.
pub fn vector(items: Vec<Value>) -> Value {
    Value::Vector(items.into())
}

/// A bytes value.
pub fn bytes(data: Vec<u8>) -> Value {
    Value::Bytes(data.into())
}

/// Little-endian words.
pub fn words(ws: &[u32]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The message of the golden bytes below: out, id 7, views 100, forwards 5, offline,
/// effect -1.
pub fn full_message(schema: &Schema) -> Value {
    obj(
        schema,
        "message",
        vec![
            Some(Value::Bool(true)),
            Some(Value::Int(7)),
            Some(Value::Int(100)),
            Some(Value::Int(5)),
            Some(Value::Bool(true)),
            Some(Value::Long(-1)),
        ],
    )
}

/// [`full_message`] encoded by hand from the TL rules.
pub fn full_message_bytes() -> Vec<u8> {
    let mut b = words(&[1, (1 << 1) | (1 << 10), 7, 100, 5, (1 << 1) | (1 << 2)]);
    b.extend([0xff; 8]);
    b
}
