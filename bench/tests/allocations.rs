//! Heap allocations per decode of each corpus sample, `tlgen-types` against `grammers-tl-types`.
//!
//! ```text
//! cargo test -p tl-bench --release --test allocations -- --nocapture
//! ```
//!
//! prints, for the default corpus and the non-ASCII one, per kind of sample and in total, the
//! allocations (and bytes requested) of decoding every sample once with each crate, per sample
//! and per decoded TL object, and asserts that ours makes fewer allocations in total. It also
//! splits ours by what they hold: non-empty strings, non-empty vectors and byte strings, and
//! the rest (boxed fields). The `borrowed` columns are `tlgen-types`' `borrowed` module, whose
//! strings and byte strings point into the input; it must allocate less than the owned types.

use grammers_tl_types as gr;
use tl_bench::{corpus_with, count_constructors, BorrowedValue, Kind, Sample, TextMix, Value};
use tlgen_test_support::alloc::{self, Allocations, Counting};

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What decoding a set of samples cost, with one crate.
type Cost = Allocations;

/// Runs `decode` and returns what it allocated (the decoded value is dropped after counting).
fn measure<T>(decode: impl FnOnce() -> T) -> Cost {
    alloc::measure(decode).1
}

fn ours(s: &Sample) -> Cost {
    measure(|| Value::decode(s.kind, &s.bytes).expect("ours decodes the corpus"))
}

fn borrowed(s: &Sample) -> Cost {
    measure(|| BorrowedValue::decode(s.kind, &s.bytes).expect("ours (borrowed) decodes the corpus"))
}

fn grammers(s: &Sample) -> Cost {
    use gr::Deserializable as _;
    match s.kind {
        Kind::MessagesPage | Kind::ChannelMessagesPage => measure(|| {
            gr::enums::messages::Messages::from_bytes(&s.bytes).expect("grammers decodes")
        }),
        Kind::UserVector => {
            measure(|| Vec::<gr::enums::User>::from_bytes(&s.bytes).expect("grammers decodes"))
        }
        _ => measure(|| gr::enums::Updates::from_bytes(&s.bytes).expect("grammers decodes")),
    }
}

/// What the heap allocations of decoded values hold, counted in their `Debug` rendering:
/// `String`s print as quoted literals, `Vec`s (and `bytes`) as lists; boxes do not show.
#[derive(Default, Debug)]
struct Shape {
    /// Non-empty strings (one allocation each).
    strings: u64,
    /// Non-empty strings of at most 24 bytes (what a small-string type would hold inline).
    short_strings: u64,
    /// Non-empty vectors and byte strings (one allocation each).
    lists: u64,
}

fn shape(samples: &[Sample]) -> Shape {
    let mut shape = Shape::default();
    for s in samples {
        let value = Value::decode(s.kind, &s.bytes).expect("ours decodes the corpus");
        let debug = format!("{value:?}");
        let mut chars = debug.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => {
                    // The literal's length in the rendering; escapes only make it longer
                    // than the string (`\n`, `\u{fe0f}`), and it is only compared with 24.
                    let mut len = 0;
                    while let Some(c) = chars.next() {
                        match c {
                            '"' => break,
                            '\\' => {
                                chars.next();
                                len += 1;
                            }
                            c => len += c.len_utf8(),
                        }
                    }
                    shape.strings += u64::from(len > 0);
                    shape.short_strings += u64::from(len > 0 && len <= 24);
                }
                '[' => shape.lists += u64::from(chars.peek() != Some(&']')),
                _ => {}
            }
        }
    }
    shape
}

#[test]
fn ours_allocates_less_than_grammers() {
    for mix in [TextMix::Default, TextMix::NonAscii] {
        println!("\n### {mix:?} corpus");
        allocations(&corpus_with(mix));
    }
}

fn allocations(samples: &[Sample]) {
    // Warm up: the first decode may allocate lazily initialised state (none expected, but
    // it must not be counted against either crate).
    for s in samples.iter().take(3) {
        ours(s);
        borrowed(s);
        grammers(s);
    }

    println!(
        "\n| kind | samples | TL objects | ours allocs | grammers allocs | ours / grammers \
         | ours per object | grammers per object | ours per sample | grammers per sample \
         | ours reallocs | grammers reallocs | ours KB | grammers KB \
         | borrowed allocs | borrowed per object | borrowed KB |"
    );
    println!(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    let (mut total_ours, mut total_borrowed, mut total_peer) =
        (Cost::default(), Cost::default(), Cost::default());
    let (mut total_objects, mut total_samples) = (0u64, 0u64);
    let row = |label: &str, n: u64, objects: u64, o: Cost, p: Cost, b: Cost| {
        println!(
            "| {label} | {n} | {objects} | {} | {} | {:.2} | {:.2} | {:.2} | {:.1} | {:.1} | {} | {} | {} | {} | {} | {:.2} | {} |",
            o.calls(),
            p.calls(),
            o.calls() as f64 / p.calls() as f64,
            o.calls() as f64 / objects as f64,
            p.calls() as f64 / objects as f64,
            o.calls() as f64 / n as f64,
            p.calls() as f64 / n as f64,
            o.reallocations,
            p.reallocations,
            o.bytes / 1024,
            p.bytes / 1024,
            b.calls(),
            b.calls() as f64 / objects as f64,
            b.bytes / 1024,
        );
    };
    for kind in Kind::ALL {
        let (mut o, mut b, mut p) = (Cost::default(), Cost::default(), Cost::default());
        let (mut objects, mut n) = (0, 0);
        for s in samples.iter().filter(|s| s.kind == kind) {
            o.add(ours(s));
            b.add(borrowed(s));
            p.add(grammers(s));
            objects += count_constructors(&s.bytes) as u64;
            n += 1;
        }
        row(&format!("{kind:?}"), n, objects, o, p, b);
        total_ours.add(o);
        total_borrowed.add(b);
        total_peer.add(p);
        total_objects += objects;
        total_samples += n;
    }
    row(
        "**total**",
        total_samples,
        total_objects,
        total_ours,
        total_peer,
        total_borrowed,
    );
    let shape = shape(samples);
    let rest = total_ours
        .calls()
        .saturating_sub(shape.strings + shape.lists);
    println!(
        "\nours, by what the allocation holds: {} non-empty strings ({} of them at most 24 \
         bytes), {} non-empty vectors and byte strings, {rest} boxed fields and other",
        shape.strings, shape.short_strings, shape.lists,
    );
    println!(
        "\n(allocs = alloc + realloc calls made while decoding; TL objects = constructors in the \
         encoded samples, nested ones included, vectors and Bool excluded)"
    );

    assert!(
        total_borrowed.calls() < total_ours.calls(),
        "borrowed: {} allocation calls, owned: {}",
        total_borrowed.calls(),
        total_ours.calls()
    );
    assert!(
        total_ours.calls() < total_peer.calls(),
        "ours: {} allocation calls, grammers: {}",
        total_ours.calls(),
        total_peer.calls()
    );
}
