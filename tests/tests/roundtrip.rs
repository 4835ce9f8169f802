//! Byte-exact round trip of every constructor and every function of the schema.
//!
//! For each definition and each sample mode, the bytes written from the TL definition by
//! [`tl_integration_tests::sample`] must decode as a [`tlgen_types::Object`], encode back to
//! exactly the same bytes, decode again to an equal value, and report the definition's
//! constructor id and TL name.

use tl_integration_tests::on_big_stack;
use tl_integration_tests::sample::{Catalog, Coverage, Mode};
use tlgen_parser::{Category, Definition};
use tlgen_types::{Deserializable, Object, Serializable};

/// Constructors with a generated struct: every constructor of layer 230 + MTProto except
/// `boolTrue`/`boolFalse`, which are Rust `bool`.
const EXPECTED_CONSTRUCTORS: usize = 1750;
/// Every function of layer 230 + MTProto.
const EXPECTED_FUNCTIONS: usize = 860;

/// The modes of every definition: none, all, and three random choices of optional fields.
const MODES: [Mode; 5] = [
    Mode::NoOptional,
    Mode::AllOptional,
    Mode::Random(1),
    Mode::Random(2),
    Mode::Random(3),
];

/// Where two byte strings first differ, for error messages.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "lengths {} vs {}, first difference at byte {at}: {:02x?} vs {:02x?}",
        a.len(),
        b.len(),
        &a[at..(at + 8).min(a.len())],
        &b[at..(at + 8).min(b.len())]
    )
}

/// Checks one sample; the error says what went wrong.
fn round_trip(def: &Definition, bytes: &[u8]) -> Result<(), String> {
    let object = Object::from_bytes(bytes).map_err(|e| format!("decode failed: {e}"))?;
    if object.constructor_id() != def.id() {
        return Err(format!(
            "constructor_id() is {:#010x}, expected {:#010x}",
            object.constructor_id(),
            def.id()
        ));
    }
    if object.name() != def.name {
        return Err(format!("name() is {:?}", object.name()));
    }
    let encoded = object.to_bytes();
    if encoded != bytes {
        return Err(format!(
            "re-encoding differs: {}",
            first_difference(&encoded, bytes)
        ));
    }
    let again = Object::from_bytes(&encoded).map_err(|e| format!("second decode failed: {e}"))?;
    if again != object {
        return Err("decoding the re-encoded bytes gives a different value".into());
    }
    Ok(())
}

/// Runs every mode over `defs`; returns the number of samples and the coverage.
fn run<'a>(
    catalog: &Catalog,
    defs: impl Iterator<Item = &'a Definition<'static>>,
) -> (usize, usize, Coverage) {
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    let mut definitions = 0;
    let mut total_bytes = 0;
    for def in defs {
        definitions += 1;
        for mode in MODES {
            let bytes = catalog.sample(def, mode, &mut coverage);
            total_bytes += bytes.len();
            if let Err(e) = round_trip(def, &bytes) {
                failures.push(format!(
                    "{} [{mode}] ({} bytes): {e}",
                    def.name,
                    bytes.len()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} samples failed to round-trip:\n{}",
        failures.len(),
        definitions * MODES.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    (definitions, total_bytes, coverage)
}

#[test]
fn every_constructor_round_trips_byte_exactly() {
    let (count, bytes, coverage) = on_big_stack(|| {
        let catalog = Catalog::load();
        run(&catalog, catalog.constructors())
    });
    println!(
        "round-tripped {count} constructors x {} modes = {} samples ({bytes} bytes)\n{coverage}",
        MODES.len(),
        count * MODES.len()
    );
    assert_eq!(count, EXPECTED_CONSTRUCTORS);
    let missing = coverage.missing();
    let allowed: &[&str] = &["generic function query"]; // constructors have no `!X`
    let missing: Vec<_> = missing
        .iter()
        .filter(|m| !allowed.contains(&m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the constructor samples never exercised: {missing:?}"
    );
}

#[test]
fn every_function_round_trips_byte_exactly() {
    let (count, bytes, coverage) = on_big_stack(|| {
        let catalog = Catalog::load();
        run(&catalog, catalog.functions())
    });
    let catalog = Catalog::load();
    println!(
        "round-tripped {count} functions x {} modes = {} samples ({bytes} bytes)\n{coverage}",
        MODES.len(),
        count * MODES.len()
    );
    assert_eq!(count, EXPECTED_FUNCTIONS);
    assert!(coverage.generic_queries > 0);
    let generic = catalog
        .functions()
        .filter(|f| !f.generics.is_empty())
        .count();
    println!("of which {generic} generic functions (query: another function call)");
    assert!(
        generic >= 11,
        "expected the invokeWith* family, found {generic} generic functions"
    );
}

/// `Bool` has no struct: `boolTrue` and `boolFalse` decode as `Object::Bool`.
#[test]
fn bool_constructors_are_rust_bool() {
    for (id, value, name) in [
        (0x9972_75b5_u32, true, "boolTrue"),
        (0xbc79_9737, false, "boolFalse"),
    ] {
        let bytes = id.to_le_bytes();
        let object = Object::from_bytes(&bytes).unwrap();
        assert_eq!(object, Object::Bool(value));
        assert_eq!(object.name(), name);
        assert_eq!(object.constructor_id(), id);
        assert_eq!(object.to_bytes(), bytes);
        assert_eq!(bool::from_bytes(&bytes).unwrap(), value);
    }
}

/// The sampler's view of the schema and the generator's IR agree on what exists, and
/// `name_for_id` knows every definition.
#[test]
fn catalog_matches_the_generator_ir() {
    let catalog = Catalog::load();
    let ir = tlgen_codegen::model::lower(&catalog.schema, &tlgen_codegen::NoDocs).expect("lower");
    assert_eq!(ir.constructors.len(), EXPECTED_CONSTRUCTORS);
    assert_eq!(ir.functions.len(), EXPECTED_FUNCTIONS);
    let ours: Vec<(&str, u32)> = catalog.constructors().map(|d| (d.name, d.id())).collect();
    let theirs: Vec<(&str, u32)> = ir
        .constructors
        .iter()
        .map(|c| (c.tl_name.as_str(), c.id))
        .collect();
    assert_eq!(ours, theirs);
    let ours: Vec<(&str, u32)> = catalog.functions().map(|d| (d.name, d.id())).collect();
    let theirs: Vec<(&str, u32)> = ir
        .functions
        .iter()
        .map(|c| (c.tl_name.as_str(), c.id))
        .collect();
    assert_eq!(ours, theirs);
    assert_eq!(ir.layer, Some(tlgen_types::LAYER));
    for d in &catalog.schema.definitions {
        assert_eq!(tlgen_types::name_for_id(d.id()), Some(d.name), "{}", d.name);
        match d.category {
            Category::Type | Category::Function => {}
        }
    }
}
