//! `tlgen-dynamic` over the whole schema (layer 230 + MTProto), with the sample bytes that
//! [`tl_integration_tests::sample`] writes straight from the TL definitions.
//!
//! For every constructor and function and every sample mode:
//! - dynamic decode then encode gives the same bytes;
//! - the value as TL-JSON text, read back and encoded, gives the same bytes again;
//! - the static decoder (`tlgen_types::Object`) accepts the same bytes, names the same
//!   definition and re-encodes them identically.
//!
//! Then hostile bytes: every truncation of a few hundred samples, forged vector counts,
//! nesting past the depth limit and invalid UTF-8 are errors at the offset the static
//! decoder reports too.

use tl_integration_tests::on_big_stack;
use tl_integration_tests::sample::{Catalog, Coverage, Mode, VECTOR_ID};
use tlgen_dynamic::{DecodeErrorKind, Schema, Type, Value};
use tlgen_parser::{Category, Definition};
use tlgen_types::{Deserializable, Object, Serializable};

/// The modes of every definition, as in `roundtrip.rs`.
const MODES: [Mode; 5] = [
    Mode::NoOptional,
    Mode::AllOptional,
    Mode::Random(1),
    Mode::Random(2),
    Mode::Random(3),
];

fn load() -> (Catalog, Schema) {
    let catalog = Catalog::load();
    let schema = Schema::from_parsed(&catalog.schema).expect("the dynamic schema builds");
    (catalog, schema)
}

/// The type a sample of `def` is decoded as.
fn type_of(def: &Definition) -> Type {
    match def.category {
        Category::Type => Type::OBJECT,
        Category::Function => Type::FUNCTION,
    }
}

/// Checks one sample; the error says what went wrong.
fn check(schema: &Schema, def: &Definition, bytes: &[u8]) -> Result<(), String> {
    let ty = type_of(def);
    let value = schema
        .decode_as(bytes, &ty)
        .map_err(|e| format!("dynamic decode: {e}"))?;
    let Some(id) = value.def() else {
        return Err(format!("decoded as {value:?}"));
    };
    if schema.name(id) != def.name {
        return Err(format!("decoded as {}", schema.name(id)));
    }
    let encoded = schema
        .encode_as(&value, &ty)
        .map_err(|e| format!("dynamic encode: {e}"))?;
    if encoded != bytes {
        return Err("dynamic re-encoding differs".into());
    }
    let json = schema
        .to_json_string(&value, false)
        .map_err(|e| format!("to JSON: {e}"))?;
    let from_json = schema
        .from_json_str(&json, &ty)
        .map_err(|e| format!("from JSON: {e}\n{json}"))?;
    let encoded = schema
        .encode_as(&from_json, &ty)
        .map_err(|e| format!("encode after JSON: {e}"))?;
    if encoded != bytes {
        return Err(format!("JSON -> bytes differs\n{json}"));
    }
    let object = Object::from_bytes(bytes).map_err(|e| format!("static decode: {e}"))?;
    if object.name() != def.name || object.to_bytes() != bytes {
        return Err(format!("static decode disagrees: {}", object.name()));
    }
    Ok(())
}

fn run<'a>(
    catalog: &Catalog,
    schema: &Schema,
    defs: impl Iterator<Item = &'a Definition<'static>>,
) -> usize {
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    let mut samples = 0;
    for def in defs {
        for mode in MODES {
            let bytes = catalog.sample(def, mode, &mut coverage);
            samples += 1;
            if let Err(e) = check(schema, def, &bytes) {
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
        "{} of {samples} samples failed:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    samples
}

#[test]
fn every_constructor_round_trips_through_value_and_json() {
    let samples = on_big_stack(|| {
        let (catalog, schema) = load();
        run(&catalog, &schema, catalog.constructors())
    });
    assert_eq!(samples, 1750 * MODES.len());
}

#[test]
fn every_function_round_trips_through_value_and_json() {
    let samples = on_big_stack(|| {
        let (catalog, schema) = load();
        run(&catalog, &schema, catalog.functions())
    });
    assert_eq!(samples, 860 * MODES.len());
}

#[test]
fn bool_and_types_from_text() {
    let (catalog, schema) = load();
    assert_eq!(schema.layer(), Some(tlgen_types::LAYER));
    assert_eq!(
        schema.decode(&0x9972_75b5_u32.to_le_bytes()).unwrap(),
        Value::Bool(true)
    );
    assert_eq!(
        schema.decode(&0xbc79_9737_u32.to_le_bytes()).unwrap(),
        Value::Bool(false)
    );
    // A boxed Vector<User> of three user samples.
    let user = catalog.get("user").unwrap();
    let mut bytes = VECTOR_ID.to_le_bytes().to_vec();
    bytes.extend(3u32.to_le_bytes());
    let mut coverage = Coverage::default();
    for seed in 0..3 {
        bytes.extend(catalog.sample(user, Mode::Random(seed), &mut coverage));
    }
    let ty = schema.parse_type("Vector<User>").unwrap();
    let value = schema.decode_as(&bytes, &ty).unwrap();
    assert!(matches!(&value, Value::Vector(items) if items.len() == 3));
    assert_eq!(schema.encode_as(&value, &ty).unwrap(), bytes);
    assert_eq!(
        Vec::<tlgen_types::enums::User>::from_bytes(&bytes)
            .unwrap()
            .to_bytes(),
        bytes
    );
    let json = schema.to_json_string(&value, true).unwrap();
    let back = schema.from_json_str(&json, &ty).unwrap();
    assert_eq!(schema.encode_as(&back, &ty).unwrap(), bytes);
    // Bare vectors of bare and boxed items, and the forms the CLI accepts.
    for text in [
        "messages.Messages",
        "Updates",
        "vector<future_salt>",
        "%FutureSalt",
        "vector<IpPort>",
        "int",
        "Vector<long>",
        "help.ConfigSimple",
    ] {
        assert!(schema.parse_type(text).is_ok(), "{text}");
    }
    // `%Message` is refused, naming the type: Message has several constructors.
    match schema.parse_type("%Message") {
        Err(tlgen_dynamic::SchemaError::UnknownType { ty, .. }) => assert_eq!(ty, "%Message"),
        other => panic!("{other:?}"),
    }
}

/// The first `n` samples (every definition, one mode each, cycling through the modes).
fn some_samples(catalog: &Catalog, n: usize) -> Vec<(&Definition<'static>, Vec<u8>)> {
    let mut coverage = Coverage::default();
    catalog
        .schema
        .definitions
        .iter()
        .filter(|d| d.result.name != "Bool")
        .step_by(7)
        .take(n)
        .enumerate()
        .map(|(i, d)| (d, catalog.sample(d, MODES[i % MODES.len()], &mut coverage)))
        .collect()
}

#[test]
fn every_truncation_is_an_error_at_the_static_decoders_offset() {
    let checked = on_big_stack(|| {
        let (catalog, schema) = load();
        let mut checked = 0;
        for (def, bytes) in some_samples(&catalog, 300) {
            for cut in 0..bytes.len() {
                let prefix = &bytes[..cut];
                let err = schema
                    .decode_as(prefix, &type_of(def))
                    .expect_err("a truncated sample decoded");
                match err.kind().expect("a read error") {
                    DecodeErrorKind::UnexpectedEnd { needed } => assert!(
                        err.offset() <= cut && cut < err.offset() + needed,
                        "{} cut at {cut}: {err}",
                        def.name
                    ),
                    // A vector count larger than what is left.
                    DecodeErrorKind::InvalidLength { .. } => assert!(err.offset() < cut),
                    // A `bytes` length past the end: the prefix is whole, its data is not.
                    DecodeErrorKind::LengthExceeds { len, left } => assert!(
                        left < len && err.offset() + 4 <= cut && cut < err.offset() + 4 + len,
                        "{} cut at {cut}: {err}",
                        def.name
                    ),
                    other => panic!("{} cut at {cut}: {other}", def.name),
                }
                let ours = Object::from_bytes(prefix).expect_err("static decoded a prefix");
                assert_eq!(
                    err.offset(),
                    ours.offset(),
                    "{} cut at {cut}: dynamic {err}, static {ours}",
                    def.name
                );
                checked += 1;
            }
        }
        checked
    });
    assert!(checked > 10_000, "only {checked} prefixes");
}

#[test]
fn forged_vector_counts_are_invalid_lengths() {
    let forged = on_big_stack(|| {
        let (catalog, schema) = load();
        let mut forged = 0;
        for (def, bytes) in some_samples(&catalog, 400) {
            // Every aligned Vector id followed by a count; the sample decodes, so a word
            // that only looks like the id inside a long or a string is told apart by the
            // static decoder agreeing.
            for pos in (0..bytes.len().saturating_sub(8)).step_by(4) {
                if bytes[pos..pos + 4] != VECTOR_ID.to_le_bytes() {
                    continue;
                }
                for count in [0x8000_0000_u32, 0x7fff_ffff, 1 << 31 | 1] {
                    let mut bad = bytes.clone();
                    bad[pos + 4..pos + 8].copy_from_slice(&count.to_le_bytes());
                    let err = schema.decode_as(&bad, &type_of(def)).unwrap_err();
                    let ours = Object::from_bytes(&bad).unwrap_err();
                    assert_eq!(
                        err.offset(),
                        ours.offset(),
                        "{} at {pos}: {err} vs {ours}",
                        def.name
                    );
                    if err.offset() == pos + 4 {
                        assert_eq!(
                            err.kind().expect("a read error"),
                            &DecodeErrorKind::InvalidLength {
                                len: count as usize
                            }
                        );
                        forged += 1;
                    }
                }
            }
        }
        forged
    });
    assert!(forged > 100, "only {forged} vectors forged");
}

#[test]
fn nesting_past_the_limit_is_too_deep() {
    let (catalog, schema) = load();
    let id = |name: &str| catalog.get(name).unwrap().id().to_le_bytes();
    // textBold(textBold(... textPlain("x"))) 10,000 levels deep.
    let mut bytes = Vec::new();
    for _ in 0..10_000 {
        bytes.extend(id("textBold"));
    }
    bytes.extend(id("textPlain"));
    bytes.extend([1, b'x', 0, 0]);
    let err = schema.decode(&bytes).unwrap_err();
    assert_eq!(err.kind(), Some(&DecodeErrorKind::TooDeep { limit: 64 }));
    // The 65th object's id was read.
    assert_eq!(err.offset(), 65 * 4);
    let ours = on_big_stack(move || Object::from_bytes(&bytes).unwrap_err());
    assert!(matches!(
        ours.kind(),
        tlgen_types::DecodeErrorKind::TooDeep { .. }
    ));
    // Generic calls nested in each other: invokeWithoutUpdates(invokeWithoutUpdates(...)).
    let mut bytes = Vec::new();
    for _ in 0..1_000 {
        bytes.extend(id("invokeWithoutUpdates"));
    }
    bytes.extend(id("help.getConfig"));
    let err = schema.decode_function(&bytes).unwrap_err();
    assert_eq!(err.kind(), Some(&DecodeErrorKind::TooDeep { limit: 64 }));
}

#[test]
fn invalid_utf8_is_an_error_at_the_string() {
    let (catalog, schema) = load();
    let id = |name: &str| catalog.get(name).unwrap().id().to_le_bytes();
    for bad in [
        &[0xff][..],
        &[0xc3, 0x28],
        &[0xed, 0xa0, 0x80],
        &[b'a', 0xf0, 0x9f, 0x98],
    ] {
        // textBold(textPlain(bad)): the string starts at byte 8.
        let mut bytes = Vec::new();
        bytes.extend(id("textBold"));
        bytes.extend(id("textPlain"));
        bytes.push(bad.len() as u8);
        bytes.extend(bad);
        bytes.resize(bytes.len().next_multiple_of(4), 0);
        let err = schema.decode(&bytes).unwrap_err();
        assert_eq!(
            (err.offset(), err.kind()),
            (8, Some(&DecodeErrorKind::InvalidUtf8))
        );
        let ours = Object::from_bytes(&bytes).unwrap_err();
        assert_eq!(ours.offset(), 8);
    }
}
