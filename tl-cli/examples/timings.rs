//! Times each stage of the pipeline on the real schemas, and whole runs as the CLI and a
//! build.rs would do them: `cargo run --release -p tl-codegen --example timings`.

use std::time::{Duration, Instant};

use tl_codegen::emit::{self, EmitOptions, ModuleKind};
use tl_codegen::{ir, workspace, Config};

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    println!("{label:<44} {:>9.1} ms", ms(start.elapsed()));
    value
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let root = workspace::find_root();
    let sources: Vec<(String, String)> = workspace::SCHEMAS
        .iter()
        .map(|s| {
            (
                s.to_string(),
                std::fs::read_to_string(root.join(s)).expect("schema"),
            )
        })
        .collect();
    let schema = timed("parse api.tl + mtproto.tl", || {
        tl_parser::parse_files(
            sources.iter().map(|(n, t)| (n.as_str(), t.as_str())),
            &Default::default(),
        )
    });
    let docs = timed("load docs (getdoc.json + pages)", || {
        tl_codegen::docs::load_dir(&root.join(workspace::DOCS_DIR)).expect("docs")
    });
    let ir = timed("lower to IR (with docs)", || {
        ir::lower(&schema, &docs).expect("lower")
    });
    let options = EmitOptions {
        runtime_path: "::tl_runtime".into(),
        serde_feature: None,
    };
    let modules: Vec<_> = timed("emit all modules (one thread)", || {
        ModuleKind::ALL
            .iter()
            .map(|&k| emit::emit(&ir, &options, k).expect("emit"))
            .collect()
    });
    timed("tokens to text, unformatted", || {
        modules.iter().map(|m| m.to_string().len()).sum::<usize>()
    });
    timed("prettyplease (one thread)", || {
        modules
            .into_iter()
            .map(|m| tl_codegen::format::pretty(m).expect("format").len())
            .sum::<usize>()
    });
    timed("full `generate` (parallel, pretty, docs)", || {
        workspace::bindings_config(&root)
            .generate()
            .expect("generate")
    });
    timed("build.rs path (parallel, no pretty, no docs)", || {
        Config::new()
            .schemas(workspace::SCHEMAS.iter().map(|s| root.join(s)))
            .pretty(false)
            .generate()
            .expect("generate")
    });
}
