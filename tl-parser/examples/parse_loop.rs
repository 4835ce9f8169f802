//! Parses `schema/api.tl` in a loop, for profilers: `cargo run --release --example parse_loop -- 2000`.
//!
//! Prints the mean time per parse (dropping the schema included) and the best mean over
//! batches of 50, which is steadier on a busy machine.

fn main() {
    let source = tlgen_schema::API_TL;
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let start = std::time::Instant::now();
    let mut definitions = 0;
    let mut best = std::time::Duration::MAX;
    let mut batch = std::time::Instant::now();
    for round in 1..=rounds {
        definitions += std::hint::black_box(tlgen_parser::parse(std::hint::black_box(source)))
            .definitions
            .len();
        if round % 50 == 0 {
            best = best.min(batch.elapsed() / 50);
            batch = std::time::Instant::now();
        }
    }
    let per = start.elapsed() / u32::try_from(rounds).unwrap_or(u32::MAX);
    println!("{definitions} definitions, {per:?} per parse, best batch {best:?}");
}
