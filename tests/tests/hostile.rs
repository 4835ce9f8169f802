//! Hostile input: truncations, forged lengths, deep nesting, unknown constructors and
//! random mutations must all fail cleanly — an error with a sensible offset, no panic, no
//! stack overflow, no allocation the input cannot justify.
//!
//! Tests that could overflow the stack run in a child process (this test binary, re-run
//! on just that test), so that an overflow is reported as that test's failure instead of
//! aborting the whole suite.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::Command;

use tl_integration_tests::sample::{Catalog, Coverage, Mode, VECTOR_ID};
use tl_integration_tests::{mutate, on_stack};
use tlgen_parser::{Category, ParamKind, Type};
use tlgen_test_support::alloc::{self, Counting};
use tlgen_test_support::SplitMix64;
use tlgen_types::{
    enums, types, DecodeError, DecodeErrorKind, Deserializable, Object, Reader, Serializable,
};

// ---------------------------------------------------------------------------------------
// Allocation tracking: the largest single allocation made by the current thread.

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`, returning its result and the largest single allocation it made. (How long
/// decoding takes is measured by the benchmarks, never asserted in a test.)
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let (value, counted) = alloc::measure(f);
    (value, counted.largest)
}

// ---------------------------------------------------------------------------------------
// Helpers.

/// A thread with a stack big enough for any sample (decoding `Object` takes a lot of
/// stack in debug builds; see `object_decoding_fits_in_a_default_thread_stack`).
fn on_big_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    on_stack(256 << 20, f)
}

/// The stack Rust gives spawned threads (and test threads) by default.
const DEFAULT_THREAD_STACK: usize = 2 << 20;

const CHILD: &str = "TL_HOSTILE_CHILD";

/// Runs `f` in a child process (this binary, filtered to the test `name`), so a stack
/// overflow fails this test instead of aborting the suite.
fn in_child_process(name: &str, f: impl FnOnce()) {
    if let Err(e) = isolated_case(name, "", f) {
        panic!("{e}");
    }
}

/// Runs the `case` of the test `name` in a child process; in that child, runs `f` (and
/// skips the test's other cases). The error describes how the child failed.
fn isolated_case(name: &str, case: &str, f: impl FnOnce()) -> Result<(), String> {
    let key = format!("{name}/{case}");
    match std::env::var(CHILD) {
        Ok(k) if k == key => {
            f();
            return Ok(());
        }
        Ok(_) => return Ok(()), // the child of another case
        Err(_) => {}
    }
    let exe = std::env::current_exe().expect("current_exe");
    let output = Command::new(exe)
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, &key)
        .output()
        .expect("run the child test process");
    let stdout = String::from_utf8_lossy(&output.stdout);
    print!("{stdout}");
    if output.status.success() {
        // A child that matched no test (a renamed test, a typo in `name`) also succeeds.
        return if stdout.contains("running 1 test") {
            Ok(())
        } else {
            Err(format!(
                "{key}: the child process ran no test named `{name}`"
            ))
        };
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(format!(
        "{key} failed in its child process ({}): {}",
        output.status,
        stderr
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("note:"))
            .take(6)
            .collect::<Vec<_>>()
            .join(" | ")
    ))
}

fn le(id: u32) -> [u8; 4] {
    id.to_le_bytes()
}

fn id_of(catalog: &Catalog, name: &str) -> u32 {
    catalog
        .get(name)
        .unwrap_or_else(|| panic!("no `{name}` in the schema"))
        .id()
}

fn expect_kind(
    result: Result<impl std::fmt::Debug, DecodeError>,
    offset: usize,
    kind: DecodeErrorKind,
) {
    let err = result.expect_err("decoding must fail");
    assert_eq!((err.offset(), err.kind()), (offset, &kind), "{err}");
}

// ---------------------------------------------------------------------------------------
// Truncation.

/// Every proper prefix of every constructor sample (all optional fields present) and
/// every function sample fails with an error at or before the end of the prefix.
#[test]
fn every_prefix_of_every_sample_fails_cleanly() {
    let (samples, prefixes, kinds) = on_big_stack(|| {
        let catalog = Catalog::load();
        let mut coverage = Coverage::default();
        let mut failures = Vec::new();
        let mut kinds = BTreeSet::new();
        let (mut samples, mut prefixes) = (0, 0);
        let defs = catalog
            .constructors()
            .map(|d| (d, Mode::AllOptional))
            .chain(catalog.functions().map(|d| (d, Mode::Random(21))));
        for (def, mode) in defs {
            // A smaller nesting budget keeps the quadratic number of decoded bytes in check.
            let bytes = catalog.sample_with(def, mode, 2, &mut coverage);
            samples += 1;
            for len in 0..bytes.len() {
                prefixes += 1;
                let prefix = &bytes[..len];
                match catch_unwind(|| Object::from_bytes(prefix)) {
                    Err(_) => failures.push(format!("{} prefix {len}: panic", def.name)),
                    Ok(Ok(_)) => failures.push(format!("{} prefix {len}: decoded", def.name)),
                    Ok(Err(e)) if e.offset() > len => {
                        failures.push(format!("{} prefix {len}: offset {}", def.name, e.offset()))
                    }
                    Ok(Err(e)) => {
                        kinds.insert(
                            format!("{:?}", e.kind())
                                .split([' ', '{'])
                                .next()
                                .unwrap_or_default()
                                .to_owned(),
                        );
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} bad prefixes:\n{}",
            failures.len(),
            failures[..failures.len().min(30)].join("\n")
        );
        (
            samples,
            prefixes,
            kinds.into_iter().collect::<Vec<_>>().join(", "),
        )
    });
    println!("{prefixes} prefixes of {samples} samples all failed cleanly (errors seen: {kinds})");
    assert!(samples >= 1750 + 860);
}

/// Hand-made truncations of a nested object (`updateShortMessage` with two entities).
#[test]
fn truncated_nested_object() {
    let message = enums::Updates::UpdateShortMessage(types::UpdateShortMessage {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: false,
        id: 5,
        user_id: 100,
        message: "hello".into(),
        pts: 10,
        pts_count: 1,
        date: 1_700_000_000,
        fwd_from: None,
        via_bot_id: Some(200),
        reply_to: None,
        entities: Some(vec![
            enums::MessageEntity::Bold(types::MessageEntityBold {
                offset: 0,
                length: 5,
            }),
            enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
                offset: 1,
                length: 3,
                url: "https://a.b".into(),
            }),
        ]),
        ttl_period: Some(86400),
    });
    let bytes = message.to_bytes();
    // Layout (see golden.rs): 48 Vector id, 52 count, 56 bold, 68 textUrl, 80 url (12 bytes),
    // 92 ttl_period, 96 end.
    assert_eq!(bytes.len(), 96);
    let cases = [
        (2, 0, DecodeErrorKind::UnexpectedEnd { needed: 4 }),
        (50, 48, DecodeErrorKind::UnexpectedEnd { needed: 4 }),
        (54, 52, DecodeErrorKind::UnexpectedEnd { needed: 4 }),
        // A count of 2 cannot fit in the 4 bytes left: rejected before any item is read.
        (60, 52, DecodeErrorKind::InvalidLength { len: 2 }),
        (66, 64, DecodeErrorKind::UnexpectedEnd { needed: 4 }),
        // url's 1-byte prefix says 11 bytes; 4 follow it.
        (85, 80, DecodeErrorKind::LengthExceeds { len: 11, left: 4 }),
        (95, 92, DecodeErrorKind::UnexpectedEnd { needed: 4 }),
    ];
    for (len, offset, kind) in cases {
        expect_kind(
            enums::Updates::from_bytes(&bytes[..len]),
            offset,
            kind.clone(),
        );
        expect_kind(on_big_stack_decode(bytes[..len].to_vec()), offset, kind);
    }
    // Generated code names the constructors the error is in, outermost first.
    let err = enums::Updates::from_bytes(&bytes[..85]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "length 11 exceeds the 4 bytes left at byte 80 in updateShortMessage > messageEntityTextUrl"
    );
    assert_eq!(
        err.constructors().collect::<Vec<_>>(),
        ["updateShortMessage", "messageEntityTextUrl"]
    );
    // An unknown id in the entities vector (the second item, at 68), inside the message.
    let mut unknown = bytes.clone();
    unknown[68..72].copy_from_slice(&0xdead_beef_u32.to_le_bytes());
    let err = enums::Updates::from_bytes(&unknown).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected constructor 0xdeadbeef for MessageEntity at byte 68 in updateShortMessage"
    );
    // One byte too many.
    let mut long = bytes.clone();
    long.push(0);
    expect_kind(
        enums::Updates::from_bytes(&long),
        96,
        DecodeErrorKind::TrailingBytes { count: 1 },
    );
}

fn on_big_stack_decode(bytes: Vec<u8>) -> Result<Object, DecodeError> {
    on_big_stack(move || Object::from_bytes(&bytes))
}

// ---------------------------------------------------------------------------------------
// Forged lengths.

/// Forged vector counts and string lengths inside real objects fail fast, without any
/// allocation the input cannot justify.
#[test]
fn forged_lengths_fail_without_large_allocations() {
    let msgs_ack = |count: u32, tail: &[u8]| {
        let mut bytes = [le(0x62d6_b459), le(VECTOR_ID), count.to_le_bytes()].concat();
        bytes.extend_from_slice(tail);
        bytes
    };
    // msgs_ack#62d6b459 msg_ids:Vector<long> with a count of 2^31-1, then 2^31, -1.
    let tail = [0u8; 16];
    let cases = [
        (
            msgs_ack(0x7fff_ffff, &tail),
            8,
            DecodeErrorKind::InvalidLength { len: 0x7fff_ffff },
        ),
        (
            msgs_ack(0x8000_0000, &tail),
            8,
            DecodeErrorKind::InvalidLength { len: 0x8000_0000 },
        ),
        (
            msgs_ack(0xffff_ffff, &tail),
            8,
            DecodeErrorKind::InvalidLength { len: 0xffff_ffff },
        ),
        // A count that fits 4-byte items but not 8-byte ones: found out item by item.
        (
            msgs_ack(4, &tail),
            28,
            DecodeErrorKind::UnexpectedEnd { needed: 8 },
        ),
        // error#c4b9f9bb code:int text:string with the long-form length 0xffffff.
        (
            [
                &le(0xc4b9_f9bb)[..],
                &[1, 0, 0, 0],
                &[0xfe, 0xff, 0xff, 0xff],
                b"abcd",
            ]
            .concat(),
            8,
            DecodeErrorKind::LengthExceeds {
                len: 0xff_ffff,
                left: 4,
            },
        ),
        // The invalid length prefix 0xff.
        (
            [
                &le(0xc4b9_f9bb)[..],
                &[1, 0, 0, 0],
                &[0xff, 0xff, 0xff, 0xff],
            ]
            .concat(),
            8,
            DecodeErrorKind::InvalidLength { len: 255 },
        ),
    ];
    for (bytes, offset, kind) in cases {
        let (result, largest) = measured(|| Object::from_bytes(&bytes));
        expect_kind(result, offset, kind);
        assert!(
            largest < 4096,
            "allocated {largest} bytes for a {}-byte input",
            bytes.len()
        );
    }

    // A forged count with 1 MiB of real input behind it: pre-allocation is bounded by the
    // input, never by the count.
    let mut big = msgs_ack(0x7fff_ffff, &[]);
    big.resize(big.len() + (1 << 20), 0);
    let (result, largest) = measured(|| Object::from_bytes(&big));
    expect_kind(
        result,
        8,
        DecodeErrorKind::InvalidLength { len: 0x7fff_ffff },
    );
    assert!(largest <= 1 << 20, "allocated {largest} bytes");
    let count = (big.len() - 12) / 4;
    big[8..12].copy_from_slice(&(count as u32).to_le_bytes());
    let (result, largest) = measured(|| Object::from_bytes(&big));
    expect_kind(
        result,
        12 + (count / 2) * 8,
        DecodeErrorKind::UnexpectedEnd { needed: 8 },
    );
    assert!(
        largest <= (1 << 20) + 8,
        "allocated {largest} bytes for a {}-byte input",
        big.len()
    );
}

// ---------------------------------------------------------------------------------------
// Deep nesting.

/// `textBold#6724abc4` nested 100,000 times around `textEmpty#dc3d824f`.
fn deep_rich_text() -> Vec<u8> {
    let mut bytes = Vec::with_capacity(400_004);
    for _ in 0..100_000 {
        bytes.extend_from_slice(&le(0x6724_abc4));
    }
    bytes.extend_from_slice(&le(0xdc3d_824f));
    bytes
}

/// The 65th nested `RichText` exceeds the default limit of 64; its id ends at 65 * 4.
const RICH_TEXT_TOO_DEEP_AT: usize = 65 * 4;

#[test]
fn deep_rich_text_is_too_deep_as_enum() {
    in_child_process("deep_rich_text_is_too_deep_as_enum", || {
        let result = on_stack(DEFAULT_THREAD_STACK, || {
            enums::RichText::from_bytes(&deep_rich_text())
        });
        expect_kind(
            result,
            RICH_TEXT_TOO_DEEP_AT,
            DecodeErrorKind::TooDeep { limit: 64 },
        );
    });
}

#[test]
fn deep_rich_text_is_too_deep_via_object() {
    in_child_process("deep_rich_text_is_too_deep_via_object", || {
        let result = on_stack(DEFAULT_THREAD_STACK, || {
            Object::from_bytes(&deep_rich_text())
        });
        // `Object` itself is the first nesting level, so the limit is hit one
        // `textBold` (4 bytes) earlier than when decoding `RichText` directly.
        expect_kind(
            result,
            RICH_TEXT_TOO_DEEP_AT - 4,
            DecodeErrorKind::TooDeep { limit: 64 },
        );
    });
}

/// The depth limit is the reader's: a smaller one stops earlier, a larger one lets the
/// same input through.
#[test]
fn reader_depth_limit_is_configurable() {
    let mut shallow = Vec::new();
    for _ in 0..10 {
        shallow.extend_from_slice(&le(0x6724_abc4));
    }
    shallow.extend_from_slice(&le(0xdc3d_824f));
    let mut reader = Reader::with_max_depth(&shallow, 5);
    expect_kind(
        enums::RichText::deserialize(&mut reader),
        24,
        DecodeErrorKind::TooDeep { limit: 5 },
    );
    let mut reader = Reader::with_max_depth(&shallow, 11);
    assert!(enums::RichText::deserialize(&mut reader).is_ok());
    assert!(reader.is_empty());
}

/// `prefix` constructor nested `levels` times, each holding the next one as the single
/// item of a (boxed) vector field, around `inner`.
fn nested_through_vectors(prefix: u32, levels: usize, inner: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(levels * 12 + inner.len());
    for _ in 0..levels {
        bytes.extend_from_slice(&le(prefix));
        bytes.extend_from_slice(&le(VECTOR_ID));
        bytes.extend_from_slice(&1u32.to_le_bytes());
    }
    bytes.extend_from_slice(inner);
    bytes
}

/// Recursive types whose cycle goes only through `Vector` fields must count against the
/// depth limit too: decoding recurses on the stack either way.
#[test]
fn deep_nesting_through_vectors_is_too_deep() {
    let cases = [
        // jsonArray#f7444763 value:Vector<JSONValue>, around jsonNull.
        ("JSONValue", "jsonArray", "jsonNull"),
        // secureRequiredTypeOneOf#027477b4 types:Vector<SecureRequiredType>.
        (
            "SecureRequiredType",
            "secureRequiredTypeOneOf",
            "secureValueTypeEmail",
        ),
        // tlsBlockScope entries:Vector<TlsBlock> (mtproto), around tlsBlockDomain.
        ("TlsBlock", "tlsBlockScope", "tlsBlockDomain"),
    ];
    let mut failures = Vec::new();
    for (ty, nest, leaf) in cases {
        let outcome = isolated_case("deep_nesting_through_vectors_is_too_deep", ty, || {
            let catalog = Catalog::load();
            let inner = if ty == "SecureRequiredType" {
                // secureRequiredType#829d99da flags:# type:SecureValueType, flags 0.
                [
                    le(id_of(&catalog, "secureRequiredType")),
                    [0; 4],
                    le(id_of(&catalog, leaf)),
                ]
                .concat()
            } else {
                le(id_of(&catalog, leaf)).to_vec()
            };
            let bytes = nested_through_vectors(id_of(&catalog, nest), 100_000, &inner);
            println!(
                "decoding {ty}: `{nest}` nested 100000 times ({} bytes)",
                bytes.len()
            );
            let result = on_stack(DEFAULT_THREAD_STACK, move || {
                Object::from_bytes(&bytes).map(|_| ())
            });
            let err = result.expect_err("100,000 nested values must not decode");
            assert!(
                matches!(err.kind(), DecodeErrorKind::TooDeep { .. }),
                "{err}"
            );
        });
        if let Err(e) = outcome {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 3 failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Generic functions (`invokeWithoutUpdates#bf9459b7 {X:Type} query:!X = X`) nest any
/// call, themselves included; decoding them through `Object` must be depth-limited.
#[test]
fn deep_generic_function_nesting_is_too_deep() {
    in_child_process("deep_generic_function_nesting_is_too_deep", || {
        let mut bytes = Vec::new();
        for _ in 0..100_000 {
            bytes.extend_from_slice(&le(0xbf94_59b7)); // invokeWithoutUpdates
        }
        bytes.extend_from_slice(&le(0xc4f9_186b)); // help.getConfig
        let result = on_stack(DEFAULT_THREAD_STACK, move || {
            Object::from_bytes(&bytes).map(|_| ())
        });
        let err = result.expect_err("100,000 nested calls must not decode");
        assert!(
            matches!(err.kind(), DecodeErrorKind::TooDeep { .. }),
            "{err}"
        );
    });
}

/// A client's first request wrapped once more, `invokeAfterMsg(invokeWithLayer(
/// initConnection(help.getConfig)))` (4 nested calls, 92 bytes), decodes through `Object`
/// on a default (2 MiB) thread stack, as e.g. tokio's worker threads have.
///
/// Measured with tlgen-types at commit aa33d50: every nested `Object` level takes about
/// 620 KiB of stack in a debug build (about 72 KiB in release), so 4 levels overflow
/// 2 MiB in debug builds.
#[test]
fn object_decoding_fits_in_a_default_thread_stack() {
    in_child_process("object_decoding_fits_in_a_default_thread_stack", || {
        let catalog = Catalog::load();
        let mut bytes = [le(id_of(&catalog, "invokeAfterMsg")), [7; 4], [0; 4]].concat(); // msg_id
        bytes.extend_from_slice(&le(id_of(&catalog, "invokeWithLayer")));
        bytes.extend_from_slice(&230u32.to_le_bytes()); // layer
        bytes.extend_from_slice(&le(id_of(&catalog, "initConnection")));
        bytes.extend_from_slice(&[0; 4]); // flags
        bytes.extend_from_slice(&[1, 0, 0, 0]); // api_id
        for _ in 0..6 {
            bytes.extend_from_slice(&[0; 4]); // six empty strings
        }
        bytes.extend_from_slice(&le(id_of(&catalog, "help.getConfig")));
        let result = on_stack(DEFAULT_THREAD_STACK, move || {
            Object::from_bytes(&bytes).map(|o| o.name())
        });
        assert_eq!(result.unwrap(), "invokeAfterMsg");
    });
}

/// Every cycle of the type graph (fields, vector items, bare constructors) must pass
/// through an enum that counts against the depth limit, or decoding can recurse without
/// bound. Found with the generator's own IR: `BoxedType::recursive` marks those enums.
#[test]
fn every_recursive_cycle_is_depth_limited() {
    let catalog = Catalog::load();
    let ir = tlgen_codegen::model::lower(&catalog.schema, &tlgen_codegen::NoDocs).expect("lower");
    let limited: BTreeSet<&str> = ir
        .enums
        .iter()
        .filter(|e| e.recursive)
        .map(|e| e.tl_name.as_str())
        .collect();

    // Boxed type → boxed types its constructors hold (through vectors and bare types too).
    fn holds(catalog: &Catalog, ty: &Type, out: &mut BTreeSet<String>) {
        if ty.name == "Vector" || ty.name == "vector" {
            ty.args.iter().for_each(|a| holds(catalog, a, out));
        } else if let Some(def) = catalog.get(ty.name) {
            out.insert(def.result.name.to_owned()); // a bare constructor: its type
        } else {
            out.insert(ty.name.to_owned());
        }
    }
    let mut edges: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for (name, ctors) in catalog.boxed_types() {
        let entry = edges.entry(name.to_owned()).or_default();
        for ctor in ctors {
            for p in &ctor.params {
                if let ParamKind::Plain(ty) | ParamKind::Conditional { ty, .. } = &p.kind {
                    holds(&catalog, ty, entry);
                }
            }
        }
    }
    // A type is unbounded if it reaches itself without passing through a limited enum.
    let mut unbounded = Vec::new();
    for start in edges.keys() {
        if limited.contains(start.as_str()) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&String> = edges[start].iter().collect();
        while let Some(t) = stack.pop() {
            if t == start {
                unbounded.push(start.clone());
                break;
            }
            if limited.contains(t.as_str()) || !seen.insert(t) {
                continue;
            }
            stack.extend(edges.get(t).into_iter().flatten());
        }
    }
    println!("depth-limited enums: {limited:?}");
    assert!(
        unbounded.is_empty(),
        "recursive types that never enter the reader's depth limit: {unbounded:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Unknown constructors.

#[test]
fn unknown_constructor_ids_report_id_and_offset() {
    let unknown = 0xdead_beef_u32;
    expect_kind(
        on_big_stack_decode(le(unknown).to_vec()),
        0,
        DecodeErrorKind::UnexpectedConstructor {
            id: unknown,
            expected: "Object",
        },
    );
    expect_kind(
        enums::Updates::from_bytes(&le(unknown)),
        0,
        DecodeErrorKind::UnexpectedConstructor {
            id: unknown,
            expected: "Updates",
        },
    );
    // A constructor of another type is just as unexpected.
    expect_kind(
        enums::Updates::from_bytes(&le(0x9664_f57f)), // inputMediaEmpty
        0,
        DecodeErrorKind::UnexpectedConstructor {
            id: 0x9664_f57f,
            expected: "Updates",
        },
    );
    expect_kind(
        bool::from_bytes(&le(unknown)),
        0,
        DecodeErrorKind::UnexpectedConstructor {
            id: unknown,
            expected: "Bool",
        },
    );

    // Nested: updateShort#78d4dec1 update:Update date:int.
    let nested = [le(0x78d4_dec1), le(unknown), [0; 4]].concat();
    let kind = DecodeErrorKind::UnexpectedConstructor {
        id: unknown,
        expected: "Update",
    };
    expect_kind(enums::Updates::from_bytes(&nested), 4, kind.clone());
    expect_kind(on_big_stack_decode(nested), 4, kind.clone());

    // The second item of a vector: updates#74ae4240 updates:Vector<Update> ...
    let in_vector = [
        le(0x74ae_4240),
        le(VECTOR_ID),
        2u32.to_le_bytes(),
        le(0xa229_dd06), // updateConfig
        le(unknown),
        [0; 4],
        [0; 4],
    ]
    .concat();
    expect_kind(enums::Updates::from_bytes(&in_vector), 16, kind.clone());
    expect_kind(on_big_stack_decode(in_vector), 16, kind);

    // A wrong Vector id: msgs_ack#62d6b459 msg_ids:Vector<long>.
    let bad_vector = [le(0x62d6_b459), le(unknown), [0; 4]].concat();
    expect_kind(
        types::MsgsAck::from_bytes(&bad_vector),
        4,
        DecodeErrorKind::UnexpectedConstructor {
            id: unknown,
            expected: "Vector",
        },
    );

    // The query of a generic function: invokeWithLayer#da9b0d0d layer:int query:!X, where
    // only a function call may stand (TL's `!X`).
    let query = [le(0xda9b_0d0d), 230u32.to_le_bytes(), le(unknown)].concat();
    expect_kind(
        on_big_stack_decode(query),
        8,
        DecodeErrorKind::UnexpectedConstructor {
            id: unknown,
            expected: "a function call",
        },
    );

    // Every id the schema does not define is rejected by `Object` (a sweep of ids near
    // real ones, which would catch a lookup that only compares some bits).
    let catalog = Catalog::load();
    let known: BTreeSet<u32> = catalog.schema.definitions.iter().map(|d| d.id()).collect();
    let mut rng = SplitMix64::new(99);
    let mut tried = 0;
    on_big_stack(move || {
        for &id in &known {
            for flip in [1u32 << rng.below(32), rng.next_u32()] {
                let candidate = id ^ flip;
                if known.contains(&candidate) || candidate == VECTOR_ID {
                    continue;
                }
                tried += 1;
                let err = Object::from_bytes(&le(candidate)).unwrap_err();
                assert_eq!(
                    err.kind(),
                    &DecodeErrorKind::UnexpectedConstructor {
                        id: candidate,
                        expected: "Object"
                    }
                );
                assert_eq!(err.offset(), 0);
            }
        }
        assert!(tried > 4000);
    });
}

// ---------------------------------------------------------------------------------------
// Random mutations.

/// ~50,000 randomly mutated samples: decoding never panics, and whatever decodes
/// re-encodes to bytes that decode to the same encoding again.
#[test]
fn random_mutations_never_panic() {
    let (cases, decoded) = on_big_stack(|| {
        let catalog = Catalog::load();
        let ids: Vec<u32> = catalog.schema.definitions.iter().map(|d| d.id()).collect();
        let mut coverage = Coverage::default();
        let defs: Vec<_> = catalog.constructors().chain(catalog.functions()).collect();
        let mut rng = SplitMix64::new(0x5eed);
        let (mut cases, mut decoded) = (0usize, 0usize);
        let mut failures = Vec::new();
        for round in 0..20 {
            for def in &defs {
                let mode = if round % 2 == 0 {
                    Mode::Random(round)
                } else {
                    Mode::AllOptional
                };
                let mut bytes = catalog.sample_with(def, mode, 2, &mut coverage);
                for _ in 0..1 + rng.index(3) {
                    mutate(&mut rng, &mut bytes, &ids);
                }
                cases += 1;
                let outcome = catch_unwind(AssertUnwindSafe(|| match Object::from_bytes(&bytes) {
                    Err(e) => {
                        assert!(
                            e.offset() <= bytes.len(),
                            "offset {} past the input",
                            e.offset()
                        );
                        false
                    }
                    Ok(object) => {
                        let encoded = object.to_bytes();
                        // Only unpacking a `gzip_packed` can make the canonical form longer.
                        let packed = 0x3072_cfa1_u32.to_le_bytes();
                        if !bytes.windows(4).any(|w| w == packed) {
                            assert!(encoded.len() <= bytes.len(), "re-encoding grew");
                        }
                        let again = Object::from_bytes(&encoded).expect("re-encoded bytes decode");
                        assert_eq!(again.to_bytes(), encoded, "re-encoding is not stable");
                        true
                    }
                }));
                match outcome {
                    Ok(ok) => decoded += usize::from(ok),
                    Err(panic) => {
                        let message = panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        failures.push(format!("{} ({mode}): {message}: {bytes:02x?}", def.name));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} panics:\n{}",
            failures.len(),
            failures[..failures.len().min(5)].join("\n")
        );
        (cases, decoded)
    });
    println!(
        "{cases} mutated samples, {decoded} still decoded (and re-encoded stably), none panicked"
    );
    assert!(cases >= 50_000);
}

/// Functions are included in the catalogue's samples above; this keeps the two counts
/// honest (every definition is either a constructor or a function).
#[test]
fn catalogue_is_complete() {
    let catalog = Catalog::load();
    let total = catalog.schema.definitions.len();
    let functions = catalog
        .schema
        .definitions
        .iter()
        .filter(|d| d.category == Category::Function)
        .count();
    assert_eq!(catalog.constructors().count() + 2 + functions, total); // + boolTrue, boolFalse
}

// ---------------------------------------------------------------------------------------
// The envelope rules (`tlgen_runtime::Scope`) and the unpack budget, in every decoder, from
// one table of cases (`tlgen_test_support::envelope::cases`).

mod envelope_rules {
    use super::*;
    use tlgen_runtime::envelope::{MsgContainer, RpcResult, NESTED_CONTAINER};
    use tlgen_runtime::{GzipError, RemoteCall, RemoteCallBorrowed, Scope, DEFAULT_MAX_UNPACKED};
    use tlgen_test_support::alloc::measure;
    use tlgen_test_support::envelope::{
        cases, container, gzip_zeros, packed_stream, Case, Verdict, BOOL_TRUE_ID, MSG_CONTAINER_ID,
        RPC_RESULT_ID,
    };
    use tlgen_types::functions::account::UpdateStatus;

    /// The verdict an outcome stands for: the offset of a rule break, or acceptance.
    fn verdict_of(kind: &DecodeErrorKind, offset: usize) -> Option<Verdict> {
        match kind {
            DecodeErrorKind::Gzip(GzipError::Nested) => Some(Verdict::NestedGzip(offset)),
            DecodeErrorKind::UnexpectedConstructor {
                id: MSG_CONTAINER_ID,
                expected,
            } if *expected == NESTED_CONTAINER => Some(Verdict::NestedContainer(offset)),
            _ => None,
        }
    }

    fn owned_verdict(result: Result<(), DecodeError>) -> Result<Verdict, String> {
        match result {
            Ok(()) => Ok(Verdict::Accept),
            Err(e) => verdict_of(e.kind(), e.offset()).ok_or_else(|| e.to_string()),
        }
    }

    fn dynamic_verdict(schema: &tlgen_dynamic::Schema, bytes: &[u8]) -> Result<Verdict, String> {
        match schema.decode(bytes) {
            Ok(_) => Ok(Verdict::Accept),
            Err(e) => {
                // The runtime's own kinds: the same verdict as the generated code's.
                match e.kind() {
                    Some(kind) => verdict_of(kind, e.offset()).ok_or_else(|| e.to_string()),
                    None => Err(e.to_string()),
                }
            }
        }
    }

    /// An error, and whether its offset counts in unpacked content (not in the bytes read).
    type Located = (DecodeError, bool);

    /// The runtime's envelope views around the generated `Object`: containers and results
    /// read with the views, every object with `Object`, each in its scope.
    fn views_and_object(bytes: &[u8], scope: Scope) -> Result<(), Located> {
        if !tlgen_runtime::is_gzip_packed(bytes) {
            return plain_views_and_object(bytes, scope);
        }
        let here = |e| (e, false);
        scope
            .check(tlgen_runtime::GZIP_PACKED_ID, 0)
            .map_err(here)?;
        let mut buffer = Vec::new();
        let reader = scope.open(bytes, &mut buffer).map_err(|e| {
            // The content's first id is checked against the rules at byte 0 of the content.
            let inside = verdict_of(e.kind(), 0).is_some();
            (e, inside)
        })?;
        plain_views_and_object(reader.remaining_bytes(), reader.scope()).map_err(|(e, _)| (e, true))
    }

    /// [`views_and_object`] of bytes that are not a `gzip_packed`.
    fn plain_views_and_object(bytes: &[u8], scope: Scope) -> Result<(), Located> {
        let here = |e| (e, false);
        // A part's error, seen from the bytes holding it at `offset`.
        let shifted = |offset: usize| {
            move |(e, inside): Located| {
                if inside {
                    (e, true)
                } else {
                    (
                        DecodeError::new(e.offset() + offset, e.kind().clone()),
                        false,
                    )
                }
            }
        };
        let mut reader = Reader::new(bytes);
        reader.set_scope(scope);
        match reader.peek_u32().map_err(here)? {
            MSG_CONTAINER_ID => {
                scope.check(MSG_CONTAINER_ID, 0).map_err(here)?;
                for message in MsgContainer::from_bytes(bytes).map_err(here)?.messages() {
                    views_and_object(message.body, scope.in_container())
                        .map_err(shifted(message.body_offset))?;
                }
                Ok(())
            }
            RPC_RESULT_ID => {
                let result = RpcResult::from_bytes(bytes).map_err(here)?;
                views_and_object(result.result, scope).map_err(shifted(result.result_offset))
            }
            _ => {
                Object::deserialize(&mut reader).map_err(here)?;
                reader.finish().map_err(here)
            }
        }
    }

    #[test]
    fn every_decoder_gives_every_case_its_verdict() {
        let (schema, _) = dynamic_schema();
        let mut failures = Vec::new();
        for Case {
            name,
            bytes,
            envelope,
            verdict,
        } in cases()
        {
            let mut check = |decoder: &str, got: Result<Verdict, String>| {
                if got.as_ref() != Ok(&verdict) {
                    failures.push(format!("{name}: {decoder} gave {got:?}, not {verdict:?}"));
                }
            };
            check("tlgen-dynamic", dynamic_verdict(&schema, &bytes));
            check(
                "views + Object",
                owned_verdict(views_and_object(&bytes, Scope::new()).map_err(|(e, _)| e)),
            );
            if !envelope {
                check(
                    "Object",
                    owned_verdict(Object::from_bytes(&bytes).map(drop)),
                );
            }
            // The answers a typed call reads: `Bool`, maybe packed.
            if bytes.ends_with(&BOOL_TRUE_ID.to_le_bytes()) && !envelope {
                check(
                    "decode_response",
                    owned_verdict(UpdateStatus::decode_response(&bytes).map(drop)),
                );
                let mut buffer = Vec::new();
                check(
                    "decode_response_in (borrowed)",
                    owned_verdict(UpdateStatus::decode_response_in(&bytes, &mut buffer).map(drop)),
                );
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The dynamic schema of the generated crate's TL (its `api.tl` and `mtproto.tl`).
    fn dynamic_schema() -> (tlgen_dynamic::Schema, Catalog) {
        let catalog = Catalog::load();
        let schema =
            tlgen_dynamic::Schema::from_parsed(&catalog.schema).expect("the dynamic schema builds");
        (schema, catalog)
    }

    /// 1 GiB of zeros, packed in about 6.5 MB, without a trailer.
    fn bomb() -> Vec<u8> {
        packed_stream(&gzip_zeros(&[], 1 << 30, &[], false))
    }

    fn assert_too_large(kind: &DecodeErrorKind, limit: usize) {
        assert_eq!(kind, &DecodeErrorKind::Gzip(GzipError::TooLarge { limit }));
    }

    /// The inflater's output doubles up to the budget: under 2 × the budget in all, plus
    /// the inflater's state.
    fn assert_bounded(bytes: u64, budget: usize) {
        assert!(
            bytes < 2 * budget as u64 + (1 << 20),
            "{bytes} bytes allocated"
        );
    }

    #[test]
    fn a_bomb_is_refused_in_bounded_memory_by_every_decoder() {
        let bomb = bomb();
        let (result, counted) = measure(|| Object::from_bytes(&bomb));
        assert_too_large(result.unwrap_err().kind(), DEFAULT_MAX_UNPACKED);
        assert_bounded(counted.bytes, DEFAULT_MAX_UNPACKED);

        let (result, counted) = measure(|| UpdateStatus::decode_response(&bomb));
        assert_too_large(result.unwrap_err().kind(), DEFAULT_MAX_UNPACKED);
        assert_bounded(counted.bytes, DEFAULT_MAX_UNPACKED);

        let (schema, _) = dynamic_schema();
        let (result, counted) = measure(|| schema.decode(&bomb));
        let err = result.unwrap_err();
        assert_eq!(
            err.kind().expect("a read error"),
            &tlgen_dynamic::DecodeErrorKind::Gzip(GzipError::TooLarge {
                limit: DEFAULT_MAX_UNPACKED
            })
        );
        assert_bounded(counted.bytes, DEFAULT_MAX_UNPACKED);
    }

    /// `upload.file#096a18d5 type:storage.FileType mtime:int bytes:bytes` with
    /// `storage.fileUnknown#aa963b05` and `len` zero bytes, packed.
    fn packed_file(len: usize) -> Vec<u8> {
        let mut prefix = 0x096a_18d5_u32.to_le_bytes().to_vec();
        prefix.extend(0xaa96_3b05_u32.to_le_bytes());
        prefix.extend(0i32.to_le_bytes());
        prefix.push(254);
        prefix.extend(&(len as u32).to_le_bytes()[..3]);
        assert_eq!(len % 4, 0);
        packed_stream(&gzip_zeros(&prefix, len, &[], true))
    }

    /// Packed objects side by side share one budget: three 6 MiB files in a container pass
    /// one by one, not together.
    #[test]
    fn the_budget_counts_every_packed_object_of_a_decode() {
        let file = packed_file(6 << 20);
        let unpacked = 16 + (6 << 20);
        let (schema, _) = dynamic_schema();
        schema.decode(&file).expect("one file is within the budget");
        let three = container(&[&file, &file, &file]);
        let (result, counted) = measure(|| schema.decode(&three));
        let err = result.unwrap_err();
        assert_eq!(
            err.kind().expect("a read error"),
            &tlgen_dynamic::DecodeErrorKind::Gzip(GzipError::TooLarge {
                limit: DEFAULT_MAX_UNPACKED
            })
        );
        // Two files decoded (their bytes copied once more), the third refused.
        assert!(counted.bytes < 8 * unpacked as u64, "{}", counted.bytes);
        // A budget set for the decode.
        let scope = Scope::with_unpack_limit(3 * unpacked);
        schema
            .decode_in_scope(&three, &tlgen_dynamic::Type::OBJECT, scope)
            .expect("three files within a budget of three");
        let scope = Scope::with_unpack_limit(3 * unpacked - 1);
        let err = schema
            .decode_in_scope(&three, &tlgen_dynamic::Type::OBJECT, scope)
            .unwrap_err();
        assert_eq!(
            err.kind().expect("a read error"),
            &tlgen_dynamic::DecodeErrorKind::Gzip(GzipError::TooLarge {
                limit: 3 * unpacked - 1
            })
        );
        // The runtime's views and `Object`, with one scope through the container.
        let mut scope = Scope::new().in_container();
        let mut spent = || -> Result<(), DecodeError> {
            for message in MsgContainer::from_bytes(&three)?.messages() {
                let mut buffer = Vec::new();
                let mut reader = scope.open(message.body, &mut buffer)?;
                Object::deserialize(&mut reader)?;
                scope = Scope::new().in_container().spent_by(reader.scope());
            }
            Ok(())
        };
        assert_too_large(spent().unwrap_err().kind(), DEFAULT_MAX_UNPACKED);
        // A typed answer with a budget of its own.
        let answer = packed_file(1 << 20);
        let scope = Scope::with_unpack_limit(1 << 20);
        let err = tlgen_types::functions::upload::GetFile::decode_response_in_scope(&answer, scope)
            .unwrap_err();
        assert_too_large(err.kind(), 1 << 20);
        tlgen_types::functions::upload::GetFile::decode_response(&answer)
            .expect("within the default budget")
            .expect("a file");
    }
}
