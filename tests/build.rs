//! The build.rs path: bindings for the Telegram Stars excerpt, through the library API.
//!
//! It also writes `$OUT_DIR/differential.rs` for `tests/differential.rs`: one match arm per
//! boxed type and per function of `schema/api.tl` + `schema/mtproto.tl`, pairing our type
//! (its Rust path from the generator's lowering) with the same type in grammers-tl-types
//! (its path from grammers' naming rules, and only if grammers' own parser accepts the
//! definitions with the same ids).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use tl_codegen::__private::ir::{self, Ir, RustPath, Ty};

fn main() {
    tl_codegen::Config::new()
        .schema("schema/stars.tl")
        .compile_or_exit();
    differential();
}

/// The schema files, relative to this crate.
const SCHEMA_FILES: [&str; 2] = ["../schema/api.tl", "../schema/mtproto.tl"];

/// What grammers-tl-parser made of one definition.
struct Theirs {
    id: u32,
    function: bool,
}

fn differential() {
    println!("cargo:rerun-if-changed=build.rs");
    let sources: Vec<(String, String)> = SCHEMA_FILES
        .iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={path}");
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            ((*path).to_string(), text)
        })
        .collect();

    let schema = tl_parser::parse_files(
        sources
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
        &tl_parser::ParseOptions::default(),
    );
    let ir = ir::lower(&schema, &tl_codegen::NoDocs)
        .unwrap_or_else(|e| panic!("lowering failed: {e:?}"));

    // What grammers knows: its parser, run on the same files.
    let mut theirs: HashMap<String, Theirs> = HashMap::new();
    let mut their_parse_errors = 0usize;
    for (_, text) in &sources {
        for def in grammers_tl_parser::parse_tl_file(text) {
            match def {
                Ok(def) => {
                    let function = def.category == grammers_tl_parser::tl::Category::Functions;
                    theirs.insert(
                        def.full_name(),
                        Theirs {
                            id: def.id,
                            function,
                        },
                    );
                }
                Err(_) => their_parse_errors += 1,
            }
        }
    }

    let out = generate(&ir, &theirs, their_parse_errors);
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let path = Path::new(&out_dir).join("differential.rs");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(out.as_str()) {
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// Why grammers cannot be compared on a definition, if it cannot.
fn missing_in_grammers(
    theirs: &HashMap<String, Theirs>,
    name: &str,
    id: u32,
    function: bool,
) -> Option<String> {
    match theirs.get(name) {
        None => Some(format!("grammers-tl-parser does not yield `{name}`")),
        Some(t) if t.function != function => {
            Some(format!("`{name}` has another category in grammers"))
        }
        Some(t) if t.id != id => Some(format!(
            "`{name}` is {:#010x} in grammers, {id:#010x} here",
            t.id
        )),
        Some(_) => None,
    }
}

/// The constructors a value of type `ty` can hold, directly or nested (indexes into
/// `ir.constructors`), added to `seen`.
fn reachable(ir: &Ir, ty: &Ty, seen: &mut BTreeSet<usize>) {
    match ty {
        Ty::Vector { elem, .. } => reachable(ir, elem, seen),
        Ty::Enum(e) => {
            for (_, c) in &ir.enums[*e].variants {
                reach_constructor(ir, *c, seen);
            }
        }
        Ty::Bare(c) => reach_constructor(ir, *c, seen),
        _ => {}
    }
}

fn reach_constructor(ir: &Ir, c: usize, seen: &mut BTreeSet<usize>) {
    if seen.insert(c) {
        for f in &ir.constructors[c].fields {
            reachable(ir, &f.ty, seen);
        }
    }
}

/// Why a value holding these constructors cannot be compared, if it cannot: grammers
/// must know every constructor it may contain, with the same id.
fn unreachable_reason(
    ir: &Ir,
    theirs: &HashMap<String, Theirs>,
    constructors: &BTreeSet<usize>,
) -> Option<String> {
    let reasons: Vec<String> = constructors
        .iter()
        .map(|&c| &ir.constructors[c])
        .filter_map(|c| missing_in_grammers(theirs, &c.tl_name, c.id, false))
        .collect();
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

fn generate(ir: &Ir, theirs: &HashMap<String, Theirs>, their_parse_errors: usize) -> String {
    let mut types = String::new();
    let mut functions = String::new();
    let mut their_calls = String::new();
    let mut skipped: Vec<(String, String)> = Vec::new();
    let mut compared_types = 1; // `Bool`, written by hand below
    let mut compared_functions = 0;

    for (i, e) in ir.enums.iter().enumerate() {
        let mut holds = BTreeSet::new();
        reachable(ir, &Ty::Enum(i), &mut holds);
        if let Some(reason) = unreachable_reason(ir, theirs, &holds) {
            skipped.push((e.tl_name.clone(), reason));
            continue;
        }
        compared_types += 1;
        writeln!(
            types,
            "        {:?} => pair::<{}, {}>(bytes),",
            e.tl_name,
            our_path("enums", &e.path, ""),
            their_path("enums", &e.tl_name, ""),
        )
        .unwrap();
    }

    for f in &ir.functions {
        if let Some(reason) = missing_in_grammers(theirs, &f.tl_name, f.id, true) {
            skipped.push((f.tl_name.clone(), reason));
            continue;
        }
        let their = their_path(
            "functions",
            &f.tl_name,
            match f.generics.len() {
                0 => "",
                1 => "<TheirQuery>",
                n => panic!("{}: {n} generic parameters", f.tl_name),
            },
        );
        // Any grammers function can be the query of a generic one.
        writeln!(
            their_calls,
            "        {:#010x} => decode_their_call::<{their}>(cursor),",
            f.id
        )
        .unwrap();
        let mut holds = BTreeSet::new();
        for field in &f.fields {
            reachable(ir, &field.ty, &mut holds);
        }
        if let Some(reason) = unreachable_reason(ir, theirs, &holds) {
            skipped.push((f.tl_name.clone(), reason));
            continue;
        }
        compared_functions += 1;
        let ours = our_path(
            "functions",
            &f.path,
            if f.is_generic() { "<OurQuery>" } else { "" },
        );
        writeln!(
            functions,
            "        {:?} => pair_function::<{ours}, {their}>(bytes),",
            f.tl_name,
        )
        .unwrap();
    }

    let mut out = String::new();
    out.push_str("// @generated by tests/build.rs from schema/api.tl and schema/mtproto.tl.\n\n");
    writeln!(out, "/// Boxed types compared (with `Bool`).\npub const COMPARED_TYPES: usize = {compared_types};").unwrap();
    writeln!(
        out,
        "/// Functions compared.\npub const COMPARED_FUNCTIONS: usize = {compared_functions};"
    )
    .unwrap();
    writeln!(
        out,
        "/// Definitions grammers-tl-parser rejects (builtins such as `int ? = Int;` among them).\n\
         pub const THEIR_PARSE_ERRORS: usize = {their_parse_errors};"
    )
    .unwrap();
    out.push_str("/// Boxed types and functions not compared, with the reason.\npub const SKIPPED: &[(&str, &str)] = &[\n");
    for (name, reason) in &skipped {
        writeln!(out, "    ({name:?}, {reason:?}),").unwrap();
    }
    out.push_str("];\n\n");
    out.push_str(
        "/// Compares ours and grammers on a sample of the boxed type `tl_type` (by TL name);\n\
         /// `None` if the type is not compared.\n\
         pub fn check_type(tl_type: &str, bytes: &[u8]) -> Option<Result<(), String>> {\n\
         \x20   Some(match tl_type {\n\
         \x20       \"Bool\" => pair::<bool, bool>(bytes),\n",
    );
    out.push_str(&types);
    out.push_str("        _ => return None,\n    })\n}\n\n");
    out.push_str(
        "/// Compares ours and grammers on a call of the function `tl_name`; `None` if not compared.\n\
         pub fn check_function(tl_name: &str, bytes: &[u8]) -> Option<Result<(), String>> {\n\
         \x20   Some(match tl_name {\n",
    );
    out.push_str(&functions);
    out.push_str("        _ => return None,\n    })\n}\n\n");
    out.push_str(
        "/// Decodes a grammers function call (its fields; the id was read) by its id.\n\
         pub fn their_call(id: u32, cursor: &mut grammers_tl_types::Cursor<'_>) -> Option<TheirResult<Box<dyn TheirCall>>> {\n\
         \x20   Some(match id {\n",
    );
    out.push_str(&their_calls);
    out.push_str("        _ => return None,\n    })\n}\n");
    out
}

/// `tl_types::enums::payments::PaymentResult`, with keywords escaped as the generator does.
fn our_path(kind: &str, path: &RustPath, args: &str) -> String {
    let mut out = format!("tl_types::{kind}::");
    for m in &path.modules {
        write!(out, "{}::", tl_codegen::__private::naming::ident(m)).unwrap();
    }
    write!(
        out,
        "{}{args}",
        tl_codegen::__private::naming::ident(&path.name)
    )
    .unwrap();
    out
}

/// grammers' path for a TL name: namespaces kept as written, the last part in grammers'
/// casing (see [`grammers_case`]).
fn their_path(kind: &str, tl_name: &str, args: &str) -> String {
    let mut out = format!("grammers_tl_types::{kind}::");
    let mut parts: Vec<&str> = tl_name.split('.').collect();
    let last = parts.pop().unwrap_or_default();
    for ns in parts {
        write!(out, "{ns}::").unwrap();
    }
    write!(out, "{}{args}", grammers_case(last)).unwrap();
    out
}

/// grammers' type-name casing, as observed in its generated code: `_` is dropped and the
/// next letter upper-cased; the first letter is upper-cased; a letter right after an
/// upper-case letter is lower-cased (`server_DH_params_ok` → `ServerDhParamsOk`,
/// `inputPeerSelf` → `InputPeerSelf`, `JSONValue` → `JsonValue`); anything else is kept.
fn grammers_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper_next = true;
    let mut after_upper = false;
    for c in name.chars() {
        if c == '_' {
            upper_next = true;
            continue;
        }
        let written = if upper_next {
            c.to_ascii_uppercase()
        } else if after_upper {
            c.to_ascii_lowercase()
        } else {
            c
        };
        out.push(written);
        // The state after `c`: upper-case input (or a forced capital) lowers the next letter.
        after_upper = upper_next || c.is_ascii_uppercase();
        upper_next = false;
    }
    out
}
