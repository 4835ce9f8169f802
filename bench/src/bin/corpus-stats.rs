//! Prints the benchmark corpus: how many samples of each kind, their sizes and totals.
//!
//! ```text
//! cargo run -p tl-bench --bin corpus-stats [-- --write DIR]
//! ```
//!
//! With `--write DIR`, also writes every sample to `DIR/NNN-<constructor>.bin` (for fuzzing
//! seeds, or to feed the same bytes to other tools).

use tl_bench::{corpus, count_constructors, stats, Kind};

fn main() {
    let samples = corpus();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {}
        [flag, dir] if flag == "--write" => {
            std::fs::create_dir_all(dir).expect("create the output directory");
            for (i, s) in samples.iter().enumerate() {
                let path = std::path::Path::new(dir).join(format!("{i:03}-{}.bin", s.name));
                std::fs::write(&path, &s.bytes).expect("write a sample");
            }
            eprintln!("wrote {} samples to {dir}", samples.len());
        }
        _ => {
            eprintln!("usage: corpus-stats [--write DIR]");
            std::process::exit(2);
        }
    }
    println!(
        "| kind | constructor | decoded as | samples | bytes | min | median | max | TL objects |"
    );
    println!("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for kind in Kind::ALL {
        let s = stats(&samples, Some(kind));
        let mut sizes: Vec<usize> = samples
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.bytes.len())
            .collect();
        sizes.sort_unstable();
        let objects: usize = samples
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| count_constructors(&x.bytes))
            .sum();
        println!(
            "| {kind:?} | `{}` | `{}` | {} | {} | {} | {} | {} | {objects} |",
            kind.constructor(),
            kind.tl_type(),
            s.count,
            s.bytes,
            s.min,
            sizes[sizes.len() / 2],
            s.max,
        );
    }
    let all = stats(&samples, None);
    let objects: usize = samples.iter().map(|x| count_constructors(&x.bytes)).sum();
    println!(
        "| **total** | | | {} | {} ({:.2} MB) | {} | | {} | {objects} |",
        all.count,
        all.bytes,
        all.bytes as f64 / 1e6,
        all.min,
        all.max,
    );
}
