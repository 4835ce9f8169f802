//! Any text as TDLib JSON (the `json` module): reading it is a `JsonError`, never a panic, a
//! stack overflow or an allocation the input does not justify; and what a small hand-written
//! binding (shaped as generated ones: a struct with every marker, a recursive enum with an
//! `Unknown` variant) reads, it writes back as text that reads back equal and writes the same.
//!
//! Run with `cargo +nightly fuzz run tdjson` from `tl-runtime/`.

use tlgen_runtime::json::{
    from_str, scan_envelope, to_string, Boxed, Bytes, Int256, Int64, JsonError, JsonReader,
    JsonWriter, Nullable, Plain, TdJson, UnknownObject, Vector,
};

/// A node: every marker once, recursive through `next` and `kids`.
#[derive(Debug, Clone, PartialEq)]
struct Node {
    id: i64,
    n: i32,
    x: f64,
    flag: bool,
    name: String,
    data: Vec<u8>,
    hash: [u8; 32],
    ids: Vec<i64>,
    kind: Kind,
    kids: Vec<Option<Node>>,
    next: Option<Box<Node>>,
}

/// An abstract type: two known constructors and the unknown rest.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Leaf,
    Branch { weight: i32 },
    Unknown(UnknownObject),
}

const KINDS: &[(&str, i32)] = &[("kindBranch", 2), ("kindLeaf", 1)];

impl TdJson for Kind {
    fn write_json(&self, out: &mut JsonWriter) {
        match self {
            Self::Leaf => {
                out.begin_object("kindLeaf");
                out.end_object();
            }
            Self::Branch { weight } => {
                out.begin_object("kindBranch");
                out.field::<_, Plain>("weight", weight);
                out.end_object();
            }
            Self::Unknown(unknown) => unknown.write_json(out),
        }
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        match input.peek_constructor(KINDS)? {
            Some(0) => {
                let mut weight = None;
                input.read_object("kindBranch", 2, |input, key| {
                    match key {
                        "weight" => weight = Some(input.read_field::<_, Plain>("weight")?),
                        _ => input.skip_value()?,
                    }
                    Ok(())
                })?;
                Ok(Self::Branch {
                    weight: input.required(weight, "weight")?,
                })
            }
            Some(_) => {
                input.read_object("kindLeaf", 1, |input, _| input.skip_value())?;
                Ok(Self::Leaf)
            }
            None => input.read_unknown().map(Self::Unknown),
        }
    }
}

impl TdJson for Node {
    fn write_json(&self, out: &mut JsonWriter) {
        out.begin_object("node");
        out.field::<_, Int64>("id", &self.id);
        out.field::<_, Plain>("n", &self.n);
        out.field::<_, Plain>("x", &self.x);
        out.field::<_, Plain>("flag", &self.flag);
        out.field::<_, Plain>("name", &self.name);
        out.field::<_, Bytes>("data", &self.data);
        out.field::<_, Int256>("hash", &self.hash);
        out.field::<_, Vector<Int64>>("ids", &self.ids);
        out.field::<_, Plain>("kind", &self.kind);
        out.field::<_, Vector<Nullable<Plain>>>("kids", &self.kids);
        out.field::<_, Nullable<Boxed<Plain>>>("next", &self.next);
        out.end_object();
    }

    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        let (mut id, mut n, mut x, mut flag, mut name, mut data) =
            (None, None, None, None, None, None);
        let (mut hash, mut ids, mut kind, mut kids, mut next) = (None, None, None, None, None);
        input.read_object("node", 3, |input, key| {
            match key {
                "id" => id = Some(input.read_field::<_, Int64>("id")?),
                "n" => n = Some(input.read_field::<_, Plain>("n")?),
                "x" => x = Some(input.read_field::<_, Plain>("x")?),
                "flag" => flag = Some(input.read_field::<_, Plain>("flag")?),
                "name" => name = Some(input.read_field::<_, Plain>("name")?),
                "data" => data = Some(input.read_field::<_, Bytes>("data")?),
                "hash" => hash = Some(input.read_field::<_, Int256>("hash")?),
                "ids" => ids = Some(input.read_field::<_, Vector<Int64>>("ids")?),
                "kind" => kind = Some(input.read_field::<_, Plain>("kind")?),
                "kids" => kids = Some(input.read_field::<_, Vector<Nullable<Plain>>>("kids")?),
                "next" => next = input.read_field::<_, Nullable<Boxed<Plain>>>("next")?,
                _ => input.skip_value()?,
            }
            Ok(())
        })?;
        Ok(Self {
            id: input.required(id, "id")?,
            n: input.required(n, "n")?,
            x: input.required(x, "x")?,
            flag: input.required(flag, "flag")?,
            name: input.required(name, "name")?,
            data: input.required(data, "data")?,
            hash: input.required(hash, "hash")?,
            ids: input.required(ids, "ids")?,
            kind: input.required(kind, "kind")?,
            kids: input.required(kids, "kids")?,
            next,
        })
    }
}

/// The target: panics when an invariant does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    let _ = scan_envelope(text);
    let _ = from_str::<UnknownObject>(text);
    let mut reader = JsonReader::new(text);
    if reader.skip_value().is_ok() {
        // What skips whole is what read_raw returns.
        let mut again = JsonReader::new(text);
        let raw = again.read_raw().expect("skipped once, skips again");
        assert!(text.contains(raw));
    }
    let _ = Kind::read_json(&mut JsonReader::new(text));
    if let Ok(node) = from_str::<Node>(text) {
        // Doubles are written with six decimals (as TDLib does), so compare from the first
        // re-encoding on: its text reads back to a value that writes the same text.
        let first = to_string(&node);
        let reread: Node = from_str(&first).expect("our own output reads back");
        let second = to_string(&reread);
        assert_eq!(first, second);
        assert_eq!(from_str::<Node>(&second).expect("reads back"), reread);
        // Everything but the doubles survives the first trip already.
        assert_eq!(node.id, reread.id);
        assert_eq!(node.name, reread.name);
        assert_eq!(node.data, reread.data);
        assert_eq!(node.kind, reread.kind);
    }
}
