//! Requests built from the schema, independently of the generated bindings, by the rules of
//! TDLib's JSON interface (`td/telegram/td_json_client.h`, `td/tl/tl_json.h`) and tonlib's
//! (`tl/tl/tl_json.h`): `@type` names the constructor; int32, int53 and double are JSON
//! numbers; int64 a decimal string; bytes, secureBytes and int256 base64; Bool a JSON boolean;
//! vectors arrays; a field documented "may be null"/"pass null" may be absent or `null`.
//!
//! Each sample varies what the issue asks for: random constructors for abstract parameters,
//! optional fields absent, null and present, boundary numbers, unicode, empty and long strings
//! and bytes.

use std::collections::HashMap;

use serde_json::{json, Map, Value};
use tlgen_parser::{Category, ParamKind, Type};
use tlgen_test_support::SplitMix64;

/// A field's type, as far as JSON is concerned.
#[derive(Debug, Clone)]
pub enum Ty {
    Int32,
    Int53,
    Int64,
    Double,
    String,
    Bytes,
    Int256,
    Bool,
    Vector(Box<Ty>),
    /// A lowercase type: that one constructor.
    Concrete(String),
    /// An uppercase (abstract) type: any of its constructors.
    Abstract(String),
}

/// One field of a constructor or function.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    /// May be absent or `null`: an object documented "may be null" / "pass null" (TDLib),
    /// any object (tonlib, whose reader takes a null pointer everywhere), a conditional param.
    pub nullable: bool,
    /// A vector documented "may be null": its elements may be `null`.
    pub null_elements: bool,
}

/// A constructor or a function.
#[derive(Debug, Clone)]
pub struct Definition {
    pub name: String,
    pub fields: Vec<Field>,
    /// The result type's name.
    pub result: String,
    /// "Can be called synchronously" in its docs.
    pub synchronous: bool,
}

/// A schema, read for sample generation.
pub struct Schema {
    pub constructors: Vec<Definition>,
    pub functions: Vec<Definition>,
    by_name: HashMap<String, usize>,
    by_type: HashMap<String, Vec<usize>>,
    /// The smallest constructor of each type (fewest nested required objects), by index.
    cheapest: HashMap<String, usize>,
}

fn convert(ty: &Type<'_>) -> Ty {
    match ty.name {
        "int32" | "int" | "#" => Ty::Int32,
        "int53" => Ty::Int53,
        "int64" | "long" => Ty::Int64,
        "double" => Ty::Double,
        "string" | "secureString" => Ty::String,
        "bytes" | "secureBytes" => Ty::Bytes,
        "int256" => Ty::Int256,
        "Bool" => Ty::Bool,
        "vector" | "Vector" => Ty::Vector(Box::new(ty.args.first().map_or(Ty::Int32, convert))),
        name => {
            let short = name.rsplit('.').next().unwrap_or(name);
            if short.starts_with(|c: char| c.is_ascii_lowercase()) {
                Ty::Concrete(name.to_owned())
            } else {
                Ty::Abstract(name.to_owned())
            }
        }
    }
}

fn is_nullable(docs: Option<&str>) -> bool {
    docs.is_some_and(|docs| {
        let docs = docs.to_ascii_lowercase();
        docs.contains("may be null") || docs.contains("pass null")
    })
}

impl Schema {
    /// Reads `text`, which must parse without errors; `tonlib` for tonlib_api.tl's rules.
    pub fn parse(text: &str, tonlib: bool) -> Schema {
        let parsed = tlgen_parser::parse(text);
        assert!(!parsed.has_errors(), "{:?}", parsed.errors().next());
        let mut constructors = Vec::new();
        let mut functions = Vec::new();
        for definition in &parsed.definitions {
            let fields = definition
                .params
                .iter()
                .map(|param| {
                    let (ty, conditional) = match &param.kind {
                        ParamKind::Plain(ty) => (convert(ty), false),
                        ParamKind::Conditional { ty, .. } => (convert(ty), true),
                        // TON's `mode:#`: a plain number (flag words are numbers too).
                        ParamKind::FlagField => (Ty::Int32, false),
                    };
                    // The rule of TDLib's documentation generator (TlDocumentationGenerator.php),
                    // as the bindings apply it: the phrase makes an object field optional and a
                    // vector's elements; it means nothing on a built-in type.
                    let documented = is_nullable(param.docs.as_deref());
                    let object = matches!(ty, Ty::Concrete(_) | Ty::Abstract(_));
                    let null_elements = documented
                        && matches!(&ty, Ty::Vector(item) if matches!(**item, Ty::Concrete(_) | Ty::Abstract(_)));
                    Field {
                        name: param.name.to_owned(),
                        nullable: conditional || (object && (documented || tonlib)),
                        null_elements,
                        ty,
                    }
                })
                .collect();
            let description = definition.docs.description.as_deref().unwrap_or("");
            let converted = Definition {
                name: definition.name.to_owned(),
                fields,
                result: definition.result.name.to_owned(),
                synchronous: description.contains("Can be called synchronously"),
            };
            match definition.category {
                Category::Function => functions.push(converted),
                _ => constructors.push(converted),
            }
        }
        // Builtins spelled as definitions (`int32 = Int32;`, `boolTrue = Bool;`, `vector …`)
        // are not objects.
        constructors.retain(|c| {
            !matches!(
                c.result.as_str(),
                "Double"
                    | "String"
                    | "Int32"
                    | "Int53"
                    | "Int64"
                    | "Int256"
                    | "Bytes"
                    | "SecureString"
                    | "SecureBytes"
                    | "Bool"
                    | "Vector"
                    | "Object"
                    | "Function"
            )
        });
        let by_name = constructors
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        let mut by_type: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in constructors.iter().enumerate() {
            by_type.entry(c.result.clone()).or_default().push(i);
        }
        let mut schema = Schema {
            constructors,
            functions,
            by_name,
            by_type,
            cheapest: HashMap::new(),
        };
        schema.settle_costs();
        schema
    }

    /// A fixed point of "how many objects a smallest value needs", so that samples at the
    /// depth limit always end.
    fn settle_costs(&mut self) {
        const INFINITE: u64 = u64::MAX / 4;
        let mut cost: Vec<u64> = vec![INFINITE; self.constructors.len()];
        loop {
            let mut changed = false;
            for i in 0..self.constructors.len() {
                let mut total = 1u64;
                for field in &self.constructors[i].fields {
                    if field.nullable {
                        continue;
                    }
                    total = total.saturating_add(match &field.ty {
                        Ty::Concrete(name) => self.by_name.get(name).map_or(INFINITE, |&j| cost[j]),
                        Ty::Abstract(name) => self
                            .by_type
                            .get(name)
                            .and_then(|all| all.iter().map(|&j| cost[j]).min())
                            .unwrap_or(INFINITE),
                        _ => 0,
                    });
                }
                let total = total.min(INFINITE);
                if total < cost[i] {
                    cost[i] = total;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for (name, all) in &self.by_type {
            if let Some(&best) = all.iter().min_by_key(|&&j| cost[j]) {
                self.cheapest.insert(name.clone(), best);
            }
        }
    }

    /// The function named `name`.
    pub fn function(&self, name: &str) -> Option<&Definition> {
        self.functions.iter().find(|f| f.name == name)
    }
}

/// How optional fields are filled in one sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Optional {
    Absent,
    Null,
    Present,
    Random,
}

/// Builds samples; `number` (0, 1, 2, …) picks the flavour of each.
pub struct Generator<'s> {
    schema: &'s Schema,
    rng: SplitMix64,
    optional: Optional,
    max_depth: usize,
}

const STRINGS: &[&str] = &[
    "",
    "a",
    "Ünïcödé ✓ 🌍 \u{10FFFF} \u{7f} \"quoted\" \\ back/slash \n\t\r",
    "Привет, мир! こんにちは 你好 مرحبا",
    "@username #hashtag https://telegram.org /command",
];

impl<'s> Generator<'s> {
    /// A generator for sample `number` of a run seeded with `seed`.
    pub fn new(schema: &'s Schema, seed: u64, number: usize) -> Self {
        let optional = match number % 4 {
            0 => Optional::Absent,
            1 => Optional::Null,
            2 => Optional::Present,
            _ => Optional::Random,
        };
        Generator {
            schema,
            rng: SplitMix64::new(seed ^ (number as u64).wrapping_mul(0x9e37_79b9)),
            optional,
            max_depth: 4,
        }
    }

    /// A request for function `f`.
    pub fn request(&mut self, f: &Definition) -> Value {
        self.object(f, 0)
    }

    fn object(&mut self, definition: &Definition, depth: usize) -> Value {
        let mut map = Map::new();
        map.insert("@type".into(), Value::String(definition.name.clone()));
        for field in &definition.fields {
            if field.nullable {
                let mode = if depth >= self.max_depth {
                    Optional::Absent
                } else if self.optional == Optional::Random {
                    self.rng
                        .pick(&[Optional::Absent, Optional::Null, Optional::Present])
                } else {
                    self.optional
                };
                match mode {
                    Optional::Absent => continue,
                    Optional::Null => {
                        map.insert(field.name.clone(), Value::Null);
                        continue;
                    }
                    _ => {}
                }
            }
            let value = match &field.ty {
                Ty::Vector(item) if field.null_elements => {
                    let n = if depth >= self.max_depth {
                        0
                    } else {
                        self.rng.size(0, 3)
                    };
                    let null_ok = matches!(self.optional, Optional::Null | Optional::Random);
                    Value::Array(
                        (0..n)
                            .map(|_| {
                                if null_ok && self.rng.coin() {
                                    Value::Null
                                } else {
                                    self.value(item, depth + 2)
                                }
                            })
                            .collect(),
                    )
                }
                ty => self.value(ty, depth + 1),
            };
            map.insert(field.name.clone(), value);
        }
        Value::Object(map)
    }

    fn constructor(&mut self, index: usize, depth: usize) -> Value {
        let definition = &self.schema.constructors[index];
        self.object(definition, depth)
    }

    fn value(&mut self, ty: &Ty, depth: usize) -> Value {
        let rng = &mut self.rng;
        match ty {
            Ty::Int32 => {
                let random = rng.int(-1000, 1000);
                json!(rng.pick(&[0, 1, -1, i32::MAX, i32::MIN, random]))
            }
            Ty::Int53 => {
                let max = (1i64 << 53) - 1;
                let random = rng.range(-1_000_000, 1_000_000);
                json!(rng.pick(&[0, max, -max, random]))
            }
            Ty::Int64 => {
                let random = rng.long();
                json!(rng.pick(&[0, i64::MAX, i64::MIN, random]).to_string())
            }
            Ty::Double => json!(rng.pick(&[0.0, -1.5, 1e300, 5e-324, 0.1])),
            Ty::String => {
                if rng.chance(10) {
                    Value::String("ẞ🌍x".repeat(rng.size(1000, 3000)))
                } else {
                    Value::String(rng.pick(STRINGS).to_owned())
                }
            }
            Ty::Bytes => {
                let n = if rng.chance(10) {
                    rng.size(2000, 6000)
                } else {
                    rng.pick(&[0, 1, 2, 3, 16, 33])
                };
                Value::String(base64(&rng.bytes(n)))
            }
            Ty::Int256 => Value::String(base64(&rng.bytes(32))),
            Ty::Bool => Value::Bool(rng.coin()),
            Ty::Vector(item) => {
                let n = if depth >= self.max_depth {
                    0
                } else {
                    rng.size(0, 3)
                };
                Value::Array((0..n).map(|_| self.value(item, depth + 1)).collect())
            }
            Ty::Concrete(name) => match self.schema.by_name.get(name) {
                Some(&index) => self.constructor(index, depth),
                None => panic!("no constructor {name}"),
            },
            // tonlib's `withBlock id:ton.blockIdExt function:Function`: any function (one
            // without fields at the depth limit).
            Ty::Abstract(name) if name == "Function" => {
                let functions = &self.schema.functions;
                let index = if depth >= self.max_depth {
                    functions
                        .iter()
                        .position(|f| f.fields.is_empty())
                        .expect("a function without fields")
                } else {
                    self.rng.index(functions.len())
                };
                let definition = &self.schema.functions[index];
                self.object(definition, depth)
            }
            Ty::Abstract(name) => {
                let Some(all) = self.schema.by_type.get(name) else {
                    panic!("no type {name}")
                };
                let index = if depth >= self.max_depth {
                    self.schema.cheapest[name]
                } else {
                    *self.rng.pick_ref(all)
                };
                self.constructor(index, depth)
            }
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4), as TDLib and tonlib read it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `value` with `null` object members removed and every number as an f64 rounded to six
/// decimals: two encodings of the same request compare equal (absent = null for an optional
/// field; `0` = `0.0`; doubles as precise as TDLib writes them).
pub fn normalized(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), normalized(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        // Doubles are written as TDLib writes them, with six decimals (the runtime's
        // JsonWriter): compare at that precision.
        Value::Number(n) => json!(n.as_f64().map(|x| (x * 1e6).round() / 1e6)),
        other => other.clone(),
    }
}

#[test]
fn base64_matches_rfc_4648_test_vectors() {
    // RFC 4648 §10.
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        assert_eq!(base64(plain.as_bytes()), encoded);
    }
}
