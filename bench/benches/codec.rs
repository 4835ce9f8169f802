//! Decode and encode throughput of `tlgen-types` against `grammers-tl-types` 0.11.0 (the same
//! layer 230) and a memcpy baseline, over the whole corpus of `tl_bench::corpus`, and over the
//! same corpus with mostly non-ASCII text (`tl_bench::corpus_with(TextMix::NonAscii)`).
//!
//! ```text
//! cargo bench -p tl-bench --bench codec -- --warm-up-time 1 --measurement-time 4 \
//!     '^(decode|encode)(_non_ascii)?/'
//! ```
//!
//! One iteration processes every sample of the corpus once; throughput is the corpus size.
//! `decode/…` and `encode/…` run on the default corpus, `decode_non_ascii/…` and
//! `encode_non_ascii/…` on the non-ASCII one.
//!
//! - `decode/{ours,grammers}`: each sample decoded as its static type (`messages.Messages`,
//!   `Updates`, `Vector<User>`) from its bytes; `decode/ours_borrowed` the same with
//!   `tlgen-types`' `borrowed` module (strings and bytes borrowed from the sample); the value is dropped inside the loop, so
//!   freeing is measured too, for both. `decode/memcpy`: `bytes.to_vec()` of each sample.
//! - `encode/{ours,grammers}_fresh`: `to_bytes()` of each pre-decoded value (a new `Vec`
//!   every time); `_reused`: `clear()` and `serialize()` into one `Vec` kept across samples
//!   and iterations. `encode/memcpy_{fresh,reused}`: the same with the sample's bytes copied.
//! - `decode_kind/<kind>/…` and `encode_kind/<kind>/…`: the same per kind of sample.
//!
//! `std::hint::black_box` is used, not `criterion::black_box`: criterion 0.5's fallback copies
//! the value with `ptr::read_volatile`, one word at a time, which for a decoded `Updates`
//! (5,248 bytes inline) costs more than decoding a short update, and would hide the codecs.
//!
//! Before measuring, every sample is checked: both crates decode it, and both re-encode
//! their value to exactly the input bytes, so both really do the same work.

// A bench binary has no API to document, and `criterion_group!` defines a `pub fn`.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};
use grammers_tl_types as gr;
use tl_bench::{corpus, corpus_with, BorrowedValue, Kind, Sample, TextMix, Value};
use tlgen_runtime::Serializable as _;

/// A sample decoded with grammers, as the static type of its kind (inline, like [`Value`]).
#[allow(clippy::large_enum_variant)]
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

    #[inline]
    fn serialize(&self, buf: &mut Vec<u8>) {
        use gr::Serializable as _;
        match self {
            Peer::Messages(x) => x.serialize(buf),
            Peer::Updates(x) => x.serialize(buf),
            Peer::Users(x) => x.serialize(buf),
        }
    }

    #[inline]
    fn to_bytes(&self) -> Vec<u8> {
        use gr::Serializable as _;
        match self {
            Peer::Messages(x) => x.to_bytes(),
            Peer::Updates(x) => x.to_bytes(),
            Peer::Users(x) => x.to_bytes(),
        }
    }
}

/// Checks, outside any measurement, that both crates decode every sample and re-encode it to
/// the same bytes; returns the pre-decoded values for the encode benchmarks.
fn predecode(samples: &[Sample]) -> (Vec<Value>, Vec<Peer>) {
    let mut ours = Vec::with_capacity(samples.len());
    let mut peer = Vec::with_capacity(samples.len());
    for (i, s) in samples.iter().enumerate() {
        let o = Value::decode(s.kind, &s.bytes)
            .unwrap_or_else(|e| panic!("ours: sample {i} ({}): {e}", s.name));
        let p = Peer::decode(s.kind, &s.bytes)
            .unwrap_or_else(|e| panic!("grammers: sample {i} ({}): {e}", s.name));
        assert!(
            o.to_bytes() == s.bytes,
            "ours: sample {i} ({}) re-encodes differently",
            s.name
        );
        let borrowed = BorrowedValue::decode(s.kind, &s.bytes)
            .unwrap_or_else(|e| panic!("ours, borrowed: sample {i} ({}): {e}", s.name));
        assert!(
            borrowed.to_bytes() == s.bytes,
            "ours, borrowed: sample {i} ({}) re-encodes differently",
            s.name
        );
        assert!(
            p.to_bytes() == s.bytes,
            "grammers: sample {i} ({}) re-encodes differently",
            s.name
        );
        let mut buf = vec![0xaa; 3];
        buf.clear();
        p.serialize(&mut buf);
        assert!(
            buf == s.bytes,
            "grammers: sample {i} ({}) serialize differs",
            s.name
        );
        ours.push(o);
        peer.push(p);
    }
    (ours, peer)
}

fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    // One iteration takes milliseconds: flat sampling keeps the run inside the time budget.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(30);
}

/// The decode and encode benchmarks of one group of samples (`suffix` names the kind).
fn bench_set(c: &mut Criterion, decode: &str, encode: &str, samples: &[Sample]) {
    let total: usize = samples.iter().map(|s| s.bytes.len()).sum();
    let (ours, peer) = predecode(samples);

    let mut group = c.benchmark_group(decode);
    configure(&mut group, total);
    group.bench_function("ours", |b| {
        b.iter(|| {
            for s in samples {
                black_box(Value::decode(s.kind, black_box(&s.bytes)).unwrap());
            }
        })
    });
    group.bench_function("ours_borrowed", |b| {
        b.iter(|| {
            for s in samples {
                black_box(BorrowedValue::decode(s.kind, black_box(&s.bytes)).unwrap());
            }
        })
    });
    group.bench_function("grammers", |b| {
        b.iter(|| {
            for s in samples {
                black_box(Peer::decode(s.kind, black_box(&s.bytes)).unwrap());
            }
        })
    });
    group.bench_function("memcpy", |b| {
        b.iter(|| {
            for s in samples {
                black_box(black_box(&s.bytes).clone());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group(encode);
    configure(&mut group, total);
    group.bench_function("ours_fresh", |b| {
        b.iter(|| {
            for v in &ours {
                black_box(black_box(v).to_bytes());
            }
        })
    });
    group.bench_function("ours_reused", |b| {
        let mut buf = Vec::new();
        b.iter(|| {
            for v in &ours {
                buf.clear();
                black_box(v).serialize(&mut buf);
                black_box(&buf);
            }
        })
    });
    group.bench_function("grammers_fresh", |b| {
        b.iter(|| {
            for v in &peer {
                black_box(black_box(v).to_bytes());
            }
        })
    });
    group.bench_function("grammers_reused", |b| {
        let mut buf = Vec::new();
        b.iter(|| {
            for v in &peer {
                buf.clear();
                black_box(v).serialize(&mut buf);
                black_box(&buf);
            }
        })
    });
    group.bench_function("memcpy_fresh", |b| {
        b.iter(|| {
            for s in samples {
                black_box(black_box(&s.bytes).clone());
            }
        })
    });
    group.bench_function("memcpy_reused", |b| {
        let mut buf = Vec::new();
        b.iter(|| {
            for s in samples {
                buf.clear();
                buf.extend_from_slice(black_box(&s.bytes));
                black_box(&buf);
            }
        })
    });
    group.finish();
}

fn codec(c: &mut Criterion) {
    bench_set(c, "decode", "encode", &corpus());
    bench_set(
        c,
        "decode_non_ascii",
        "encode_non_ascii",
        &corpus_with(TextMix::NonAscii),
    );
}

fn codec_by_kind(c: &mut Criterion) {
    let samples = corpus();
    for kind in Kind::ALL {
        let of_kind: Vec<Sample> = samples.iter().filter(|s| s.kind == kind).cloned().collect();
        bench_set(
            c,
            &format!("decode_kind/{kind:?}"),
            &format!("encode_kind/{kind:?}"),
            &of_kind,
        );
    }
}

criterion_group!(benches, codec, codec_by_kind);
criterion_main!(benches);
