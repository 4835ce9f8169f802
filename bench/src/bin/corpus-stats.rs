//! Prints the benchmark corpus: how many samples of each kind, their sizes and totals, and
//! its text (strings, bytes, non-ASCII share).
//!
//! ```text
//! cargo run -p tl-bench --bin corpus-stats [-- [--non-ascii] [--write DIR]]
//! ```
//!
//! `--non-ascii` selects the corpus of [`TextMix::NonAscii`] instead of the default one. With
//! `--write DIR`, also writes every sample to `DIR/NNN-<constructor>.bin` (for fuzzing seeds,
//! or to feed the same bytes to other tools).

use tl_bench::{corpus_with, count_constructors, stats, text_stats, Kind, TextMix};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mix = match args.iter().position(|a| a == "--non-ascii") {
        Some(i) => {
            args.remove(i);
            TextMix::NonAscii
        }
        None => TextMix::Default,
    };
    let samples = corpus_with(mix);
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
            eprintln!("usage: corpus-stats [--non-ascii] [--write DIR]");
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
    let text = text_stats(&samples);
    println!(
        "\ntext ({mix:?}): {} strings, {} bytes ({:.1} % of the corpus); non-ASCII: {} \
         strings ({:.1} %), {} bytes ({:.1} % of string bytes); {} strings of 254 bytes or more",
        text.strings,
        text.bytes,
        100.0 * text.bytes as f64 / all.bytes as f64,
        text.non_ascii_strings,
        100.0 * text.non_ascii_strings as f64 / text.strings.max(1) as f64,
        text.non_ascii_bytes,
        text.non_ascii_percent(),
        text.long_strings,
    );
}
