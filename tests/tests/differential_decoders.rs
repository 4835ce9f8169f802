//! The decoders of this repository against each other (issue 29.3): the generated `Object`,
//! owned and borrowed typed decoding, and `tlgen-dynamic` accept exactly the same inputs and
//! accept them to the same bytes.
//!
//! The inputs: a sample of every definition (two modes), the same packed in a `gzip_packed`
//! (stored deflate blocks, `tlgen-test-support`), every function inside
//! `invokeWithLayer(gzip_packed(…))` and inside a container, the envelope-rule table, and
//! three random mutations of each. The comparison is the `decode_typed` fuzz target's
//! (`generated/fuzz/checks/decode_typed.rs`): its first byte chooses the type (`Updates`,
//! `messages.Messages`, `Vector<User>` or `Object`), and the differences by design (an
//! envelope id, which only `tlgen-dynamic` reads as an object; a packed input read as a
//! type, which only `tlgen-dynamic` unpacks around a type; nesting too deep, counted
//! differently) are listed there.

use std::panic::{catch_unwind, AssertUnwindSafe};

use tl_integration_tests::sample::{Catalog, Coverage, Mode};
use tl_integration_tests::{mutate, on_big_stack};
use tlgen_parser::Category;
use tlgen_test_support::envelope::{cases, container, invoke_with_layer, packed};
use tlgen_test_support::SplitMix64;

#[path = "../../generated/fuzz/checks/decode_typed.rs"]
mod decode_typed;

#[test]
fn every_decoder_accepts_and_refuses_the_same_inputs() {
    let (inputs, failures) = on_big_stack(|| {
        let catalog = Catalog::load();
        let mut coverage = Coverage::default();
        let mut rng = SplitMix64::new(293);
        let ids: Vec<u32> = catalog
            .schema
            .definitions
            .iter()
            .map(|d| d.computed_id)
            .collect();
        let mut seeds: Vec<(u8, Vec<u8>)> =
            cases().into_iter().map(|case| (3, case.bytes)).collect();
        for def in &catalog.schema.definitions {
            let selector = match def.result.name {
                "Updates" => 0,
                "messages.Messages" => 1,
                _ => 3,
            };
            for mode in [Mode::AllOptional, Mode::Random(29)] {
                let bytes = catalog.sample_with(def, mode, 2, &mut coverage);
                seeds.push((3, packed(&bytes)));
                if def.category == Category::Function {
                    seeds.push((3, invoke_with_layer(&packed(&bytes))));
                    seeds.push((3, container(&[&bytes])));
                }
                if selector != 3 {
                    seeds.push((3, bytes.clone()));
                }
                seeds.push((selector, bytes));
            }
        }
        let mut inputs = 0usize;
        let mut failures = Vec::new();
        for (selector, bytes) in seeds {
            let mut variants = vec![bytes.clone()];
            for _ in 0..3 {
                let mut mutated = bytes.clone();
                mutate(&mut rng, &mut mutated, &ids);
                variants.push(mutated);
            }
            for variant in variants {
                let mut data = vec![selector];
                data.extend_from_slice(&variant);
                inputs += 1;
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| decode_typed::check(&data))) {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures.push(format!("{message}: {data:02x?}"));
                }
            }
        }
        (inputs, failures)
    });
    println!("{inputs} inputs, every decoder agreeing on each");
    assert!(inputs > 50_000, "{inputs}");
    assert!(
        failures.is_empty(),
        "{} disagreements, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n")
    );
}

/// TL's `!X` (a generic function's `query`) is a function call, never a constructor
/// (<https://core.telegram.org/mtproto/TL-polymorph>: a param `!X` holds a serialized call of
/// a function whose result type is `X`): the generated `Object` and `tlgen-dynamic` both refuse a constructor there, with
/// the same error (the id found, "a function call") at the constructor's id, and both accept
/// a call, packed or not.
#[test]
fn a_generic_query_is_a_function_call_in_every_decoder() {
    use tlgen_test_support::envelope::{BOOL_TRUE_ID, HELP_GET_CONFIG_ID};
    use tlgen_types::{Deserializable, Object};
    const INVOKE_WITHOUT_UPDATES_ID: u32 = 0xbf94_59b7;
    let yes = BOOL_TRUE_ID.to_le_bytes().to_vec();
    let call = HELP_GET_CONFIG_ID.to_le_bytes().to_vec();
    let without_updates = |query: &[u8]| {
        let mut out = INVOKE_WITHOUT_UPDATES_ID.to_le_bytes().to_vec();
        out.extend_from_slice(query);
        out
    };
    let schema = tlgen_dynamic::Schema::from_sources(&[
        include_str!("../../schema/api.tl"),
        include_str!("../../schema/mtproto.tl"),
    ])
    .expect("the repository's schema");
    // (what, bytes, the offset of the refused constructor's id, or `None`: accepted).
    let cases: [(&str, Vec<u8>, Option<usize>); 7] = [
        (
            "invokeWithLayer(boolTrue)",
            invoke_with_layer(&yes),
            Some(8),
        ),
        (
            "invokeWithLayer(invokeWithLayer(boolTrue))",
            invoke_with_layer(&invoke_with_layer(&yes)),
            Some(16),
        ),
        (
            "invokeWithoutUpdates(boolTrue)",
            without_updates(&yes),
            Some(4),
        ),
        // Inside a `gzip_packed`, offsets count in the unpacked content.
        (
            "invokeWithLayer(gzip(boolTrue))",
            invoke_with_layer(&packed(&yes)),
            Some(0),
        ),
        (
            "invokeWithLayer(help.getConfig)",
            invoke_with_layer(&call),
            None,
        ),
        (
            "invokeWithLayer(gzip(help.getConfig))",
            invoke_with_layer(&packed(&call)),
            None,
        ),
        (
            "invokeWithoutUpdates(invokeWithLayer(help.getConfig))",
            without_updates(&invoke_with_layer(&call)),
            None,
        ),
    ];
    for (name, bytes, refused_at) in cases {
        let ours = Object::from_bytes(&bytes);
        let theirs = schema.decode(&bytes);
        match refused_at {
            None => {
                let ours = ours.unwrap_or_else(|e| panic!("{name}: Object refuses: {e}"));
                let theirs =
                    theirs.unwrap_or_else(|e| panic!("{name}: tlgen-dynamic refuses: {e}"));
                let theirs = schema.encode(&theirs).expect("a decoded value encodes");
                assert_eq!(tlgen_types::Serializable::to_bytes(&ours), theirs, "{name}");
            }
            Some(offset) => {
                let ours = ours.expect_err(name);
                assert_eq!(
                    ours.kind(),
                    &tlgen_runtime::DecodeErrorKind::UnexpectedConstructor {
                        id: BOOL_TRUE_ID,
                        expected: "a function call",
                    },
                    "{name}: Object"
                );
                assert_eq!(ours.offset(), offset, "{name}: Object's offset");
                let theirs = theirs.expect_err(name);
                assert_eq!(
                    theirs.cause(),
                    &tlgen_dynamic::DecodeCause::UnexpectedConstructor {
                        id: BOOL_TRUE_ID,
                        expected: "a function call".to_owned(),
                    },
                    "{name}: tlgen-dynamic"
                );
                assert_eq!(theirs.offset(), offset, "{name}: tlgen-dynamic's offset");
                // The same sentence; tlgen-dynamic's message also names the path to the
                // query and which packed object the offset counts in.
                assert!(
                    theirs.to_string().contains(&ours.kind().to_string()),
                    "{name}: {ours} / {theirs}"
                );
                assert!(theirs.to_string().contains(".query"), "{name}: {theirs}");
            }
        }
    }
}
