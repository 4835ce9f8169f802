//! A loop to profile: decodes (or encodes) the whole corpus `N` times with one crate.
//!
//! ```text
//! cargo build -p tl-bench --release --example profile
//! perf record -g target/release/examples/profile ours decode 200
//! valgrind --tool=callgrind target/release/examples/profile ours decode 5
//! ```
//!
//! Arguments: `ours|borrowed|grammers` (`borrowed`: decode only), `decode|encode|encode-reused|encode-cap256|encode-exact` (the
//! encode modes: ours only), the number of passes; `KIND=<Kind>` keeps one kind of sample;
//! `MIX=non-ascii` takes the corpus of `TextMix::NonAscii` instead of the default one.

use std::hint::black_box;

use grammers_tl_types as gr;
use tl_bench::{corpus, corpus_with, BorrowedValue, Kind, TextMix, Value};
use tlgen_runtime::Serializable as _;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let who = args.get(1).map_or("ours", String::as_str);
    let what = args.get(2).map_or("decode", String::as_str);
    let passes: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(100);
    let mut samples = match std::env::var("MIX").as_deref() {
        Ok("non-ascii") => corpus_with(TextMix::NonAscii),
        _ => corpus(),
    };
    // `KIND=ShortMessage` (a `Kind` name): only the samples of that kind.
    if let Ok(kind) = std::env::var("KIND") {
        samples.retain(|s| format!("{:?}", s.kind) == kind);
    }
    // `hold`: keep a decoded copy of the corpus alive (as the criterion bench does).
    let started = std::time::Instant::now();
    match (who, what) {
        ("ours", "decode") => {
            for _ in 0..passes {
                for s in &samples {
                    black_box(Value::decode(s.kind, black_box(&s.bytes)).unwrap());
                }
            }
        }
        ("borrowed", "decode") => {
            for _ in 0..passes {
                for s in &samples {
                    black_box(BorrowedValue::decode(s.kind, black_box(&s.bytes)).unwrap());
                }
            }
        }
        ("grammers", "decode") => {
            use gr::Deserializable as _;
            for _ in 0..passes {
                for s in &samples {
                    let b = black_box(&s.bytes[..]);
                    match s.kind {
                        Kind::MessagesPage | Kind::ChannelMessagesPage => {
                            black_box(gr::enums::messages::Messages::from_bytes(b).unwrap());
                        }
                        Kind::UserVector => {
                            black_box(Vec::<gr::enums::User>::from_bytes(b).unwrap());
                        }
                        _ => {
                            black_box(gr::enums::Updates::from_bytes(b).unwrap());
                        }
                    }
                }
            }
        }
        ("ours", "encode" | "encode-reused" | "encode-cap256" | "encode-exact") => {
            let values: Vec<Value> = samples
                .iter()
                .map(|s| Value::decode(s.kind, &s.bytes).unwrap())
                .collect();
            let exact: Vec<usize> = samples.iter().map(|s| s.bytes.len()).collect();
            let mut buf = Vec::new();
            for _ in 0..passes {
                for (i, v) in values.iter().enumerate() {
                    if what == "encode" {
                        black_box(v.to_bytes());
                    } else if what == "encode-cap256" {
                        // What `to_bytes` would do starting from a 256-byte buffer.
                        let mut out = Vec::with_capacity(256);
                        v.serialize(&mut out);
                        black_box(out);
                    } else if what == "encode-exact" {
                        // What `to_bytes` would do if it knew the encoded size (upper bound
                        // of a generated `serialized_len`, whose own cost is not counted here).
                        let mut out = Vec::with_capacity(exact[i]);
                        v.serialize(&mut out);
                        black_box(out);
                    } else {
                        buf.clear();
                        v.serialize(&mut buf);
                        black_box(&buf);
                    }
                }
            }
        }
        _ => panic!("unknown mode {who} {what}"),
    }
    let total: usize = samples.iter().map(|s| s.bytes.len()).sum();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{who} {what}: {passes} passes in {secs:.3} s, {:.1} MB/s",
        (total * passes) as f64 / secs / 1e6
    );
}
