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
