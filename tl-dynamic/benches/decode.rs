//! Decode throughput of `tlgen-dynamic` (bytes → [`tlgen_dynamic::Value`]) next to the static
//! decoders of `tlgen-types` and `grammers-tl-types` 0.11.0, over the realistic corpus of
//! `tl_bench::corpus`, in one run.
//!
//! ```text
//! cargo bench -p tlgen-dynamic --bench decode -- --warm-up-time 1 --measurement-time 4
//! ```
//!
//! One iteration decodes every sample of the corpus once, as the type of its kind
//! (`messages.Messages`, `Updates`, `Vector<User>`): `dynamic` with the type parsed from
//! text once, `ours` and `grammers` as their static types. The value is dropped inside the
//! loop for all three, so freeing is measured too. `decode_json` is bytes → `Value` → compact
//! JSON text with `tlgen-dynamic`, for scale. `decode_kind/<kind>/…`: the same per kind of
//! sample.
//!
//! Before measuring, every sample is checked: the three decoders accept it, and the dynamic
//! value re-encodes to exactly the input bytes.

// A bench binary has no API to document, and `criterion_group!` defines a `pub fn`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use grammers_tl_types as gr;
use tl_bench::{corpus, Kind, Sample};
use tlgen_dynamic::{Schema, Type};

/// The schema of the corpus, from the workspace's TL files.
fn schema() -> Schema {
    Schema::from_sources(&[tlgen_schema::API_TL, tlgen_schema::MTPROTO_TL]).expect("schema")
}

/// A sample decoded with grammers, as the static type of its kind.
#[allow(clippy::large_enum_variant, dead_code)]
enum Peer {
    Messages(gr::enums::messages::Messages),
    Updates(gr::enums::Updates),
    Users(Vec<gr::enums::User>),
}

impl Peer {
    #[inline]
    fn decode(kind: Kind, bytes: &[u8]) -> Result<Self, gr::deserialize::Error> {
        use gr::Deserializable as _;
        Ok(match kind {
            Kind::MessagesPage | Kind::ChannelMessagesPage => {
                Peer::Messages(gr::enums::messages::Messages::from_bytes(bytes)?)
            }
            Kind::Updates | Kind::UpdatesCombined | Kind::ShortMessage | Kind::ShortChatMessage => {
                Peer::Updates(gr::enums::Updates::from_bytes(bytes)?)
            }
            Kind::UserVector => Peer::Users(Vec::<gr::enums::User>::from_bytes(bytes)?),
        })
    }
}

/// The samples with the dynamic type of each, checked by all three decoders.
fn prepare(schema: &Schema, samples: &[Sample]) -> Vec<(Type, Kind, Vec<u8>)> {
    samples
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ty = schema.parse_type(s.kind.tl_type()).expect("type");
            let value = schema
                .decode_as(&s.bytes, &ty)
                .unwrap_or_else(|e| panic!("dynamic: sample {i} ({}): {e}", s.name));
            assert!(
                schema.encode_as(&value, &ty).expect("encode") == s.bytes,
                "dynamic: sample {i} ({}) re-encodes differently",
                s.name
            );
            tl_bench::Value::decode(s.kind, &s.bytes).expect("ours");
            Peer::decode(s.kind, &s.bytes).unwrap_or_else(|_| panic!("grammers: sample {i}"));
            (ty, s.kind, s.bytes.clone())
        })
        .collect()
}

/// The three decoders (and dynamic decode + JSON output when `json`) over `samples`.
fn bench_set(
    c: &mut Criterion,
    group: &str,
    schema: &Schema,
    samples: &[(Type, Kind, Vec<u8>)],
    json: bool,
) {
    let total: usize = samples.iter().map(|(_, _, b)| b.len()).sum();
    let mut group = c.benchmark_group(group);
    group.throughput(Throughput::Bytes(total as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(30);
    group.bench_function("dynamic", |b| {
        b.iter(|| {
            for (ty, _, bytes) in samples {
                black_box(schema.decode_as(black_box(bytes), ty).unwrap());
            }
        })
    });
    group.bench_function("ours", |b| {
        b.iter(|| {
            for (_, kind, bytes) in samples {
                black_box(tl_bench::Value::decode(*kind, black_box(bytes)).unwrap());
            }
        })
    });
    group.bench_function("grammers", |b| {
        b.iter(|| {
            for (_, kind, bytes) in samples {
                black_box(Peer::decode(*kind, black_box(bytes)).ok().unwrap());
            }
        })
    });
    if json {
        group.bench_function("dynamic_to_json", |b| {
            b.iter(|| {
                for (ty, _, bytes) in samples {
                    let value = schema.decode_as(black_box(bytes), ty).unwrap();
                    black_box(schema.to_json_string(&value, false).unwrap());
                }
            })
        });
    }
    group.finish();
}

fn decode(c: &mut Criterion) {
    let schema = schema();
    let samples = prepare(&schema, &corpus());
    bench_set(c, "decode", &schema, &samples, true);
}

fn decode_by_kind(c: &mut Criterion) {
    let schema = schema();
    let samples = prepare(&schema, &corpus());
    for kind in Kind::ALL {
        let of_kind: Vec<_> = samples.iter().filter(|s| s.1 == kind).cloned().collect();
        bench_set(
            c,
            &format!("decode_kind/{kind:?}"),
            &schema,
            &of_kind,
            false,
        );
    }
}

criterion_group!(benches, decode, decode_by_kind);
criterion_main!(benches);
