//! Parsing `schema/api.tl`: this parser against grammers-tl-parser, in one group.

// A bench binary has no API to document, and `criterion_group!` defines a `pub fn`.
#![allow(missing_docs)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// The schema both parsers read.
const API: &str = tlgen_schema::API_TL;

/// Benchmarks both parsers on the same input.
fn parse_api(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse api.tl");
    group.bench_function("tl-parser", |b| {
        b.iter(|| tlgen_parser::parse(black_box(API)))
    });
    group.bench_function("grammers-tl-parser", |b| {
        b.iter(|| grammers_tl_parser::parse_tl_file(black_box(API)).collect::<Vec<_>>())
    });
    group.finish();
}

criterion_group!(benches, parse_api);
criterion_main!(benches);
