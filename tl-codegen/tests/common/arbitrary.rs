//! Valid TL schemas made from a seed, for property tests of the generator: boxed types of one
//! to three constructors (the first of each a base case, so every type has a finite value),
//! every primitive, `flags.N?T` and `flags.N?true` in two flag words (bits shared by a `true`
//! and a value too), boxed and bare vectors, vectors of vectors, a bare constructor (`%T`),
//! references between types and to themselves (recursion), generic functions (`{X:Type}
//! query:!X = X`), and Rust keywords (and `Self`) as namespaces, type, constructor and
//! param names. Ids are left to the generator to compute (none written).

use tlgen_test_support::SplitMix64;

/// Names that are Rust keywords (strict, reserved or weak), used for params, constructors
/// and namespaces.
const KEYWORDS: [&str; 24] = [
    "type", "match", "self", "crate", "super", "fn", "loop", "async", "await", "dyn", "move",
    "ref", "where", "impl", "mod", "use", "box", "yield", "static", "const", "struct", "enum",
    "trait", "union",
];

/// Type names that are (or look like) Rust keywords once capitalized.
const TYPE_NAMES: [&str; 6] = ["Self", "Type", "Match", "Crate", "Super", "Fn"];

/// The primitive param types, written as in a schema.
const PRIMITIVES: [&str; 9] = [
    "int",
    "long",
    "double",
    "string",
    "bytes",
    "Bool",
    "int128",
    "int256",
    "Vector<Vector<long>>",
];

/// A valid schema made from `seed`.
pub fn schema(seed: u64) -> String {
    let mut rng = SplitMix64::new(seed);
    let mut out = String::from(
        "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\ntrue#3fedd339 = True;\n\
         vector#1cb5c415 {t:Type} # [ t ] = Vector t;\n",
    );
    // A type of one constructor, used bare (`%pair.Pair`, `vector<%pair.Pair>`).
    out.push_str("pair.pair first:int second:long = pair.Pair;\n");
    let types = rng.size(1, 5);
    // Type `i` lives in namespace `KEYWORDS[i]`: `type.Self`, `match.Type`, …
    let type_name = |i: usize| format!("{}.{}", KEYWORDS[i], TYPE_NAMES[i]);
    for i in 0..types {
        let constructors = rng.size(1, 3);
        for j in 0..constructors {
            // Constructor names unique per namespace.
            let name = format!(
                "{}.{}",
                KEYWORDS[i],
                KEYWORDS[(i + 3 * j + 5) % KEYWORDS.len()]
            );
            let params = params(&mut rng, types, j == 0, &type_name);
            out.push_str(&format!("{name}{params} = {};\n", type_name(i)));
        }
    }
    out.push_str("---functions---\n");
    for k in 0..rng.size(0, 4) {
        let name = format!("call.{}", KEYWORDS[(k * 5 + 1) % KEYWORDS.len()]);
        let params = params(&mut rng, types, false, &type_name);
        let result = match rng.index(3) {
            0 => "Bool".to_owned(),
            1 => format!("Vector<{}>", type_name(rng.index(types))),
            _ => type_name(rng.index(types)),
        };
        out.push_str(&format!("{name}{params} = {result};\n"));
    }
    // A generic call, sometimes with params of its own before the query.
    if rng.coin() {
        let params = params(&mut rng, types, true, &type_name);
        out.push_str(&format!("call.invoke {{X:Type}}{params} query:!X = X;\n"));
    }
    out
}

/// The params of one constructor or function (with a leading space each), referring to
/// `types` types; a `base` constructor refers to other types only optionally or in vectors.
fn params(
    rng: &mut SplitMix64,
    types: usize,
    base: bool,
    type_name: &dyn Fn(usize) -> String,
) -> String {
    let count = rng.size(0, 6);
    // Param names: distinct keywords, never `flags`/`flags2` (the flag words).
    let first = rng.index(KEYWORDS.len());
    let mut words = [false; 2];
    let mut out = Vec::new();
    for n in 0..count {
        let name = KEYWORDS[(first + n) % KEYWORDS.len()];
        let target = type_name(rng.index(types));
        let ty = match rng.index(8) {
            0..=2 => rng.pick(&PRIMITIVES).to_owned(),
            3 => format!("Vector<{target}>"),
            4 => format!("Vector<{}>", rng.pick(&PRIMITIVES)),
            5 => "vector<%pair.Pair>".to_owned(),
            6 => "%pair.Pair".to_owned(),
            _ => target.clone(),
        };
        // A direct reference in a base case would make the type infinite: optional there.
        let must_be_optional = base && ty == target;
        match rng.index(4) {
            0 | 1 if !must_be_optional => out.push(format!(" {name}:{ty}")),
            kind => {
                let word = usize::from(kind == 3);
                words[word] = true;
                // Bits 0–3 of 32 so that several params share a bit now and then.
                let bit = if rng.chance(10) { 31 } else { rng.index(4) };
                let ty = if rng.chance(25) { "true" } else { ty.as_str() };
                let flags = ["flags", "flags2"][word];
                out.push(format!(" {name}:{flags}.{bit}?{ty}"));
            }
        }
    }
    // The flag words go first.
    let mut head = String::new();
    if words[0] {
        head.push_str(" flags:#");
    }
    if words[1] {
        head.push_str(" flags2:#");
    }
    head + &out.concat()
}
