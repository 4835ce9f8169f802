//! Times the stages before emission on the real schemas, and whole runs as the CLI and a
//! build.rs would do them: `cargo run --release -p tlgen-cli --example timings`.

use std::time::{Duration, Instant};

use tlgen_cli::workspace;
use tlgen_codegen::model;
use tlgen_codegen::Config;
use tlgen_test_support::BOT_FUNCTIONS;

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
    let root = workspace::find_root().expect("run from the workspace");
    let sources: Vec<(String, String)> = workspace::SCHEMAS
        .iter()
        .map(|s| {
            (
                (*s).to_string(),
                std::fs::read_to_string(root.join(s)).expect("schema"),
            )
        })
        .collect();
    let schema = timed("parse api.tl + mtproto.tl", || {
        tlgen_parser::parse_files(
            sources.iter().map(|(n, t)| (n.as_str(), t.as_str())),
            &Default::default(),
        )
    });
    let docs = timed("load docs (getdoc.json + pages)", || {
        tlgen_docs::load_dir(&root.join(workspace::DOCS_DIR)).expect("docs")
    });
    timed("lower to the model (with docs)", || {
        model::lower(&schema, &docs).expect("lower")
    });
    timed("full `generate` (parallel, pretty, docs)", || {
        workspace::bindings_config(&root)
            .expect("config")
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
    let dump = timed("load the docs dump of tlgen-schema", || {
        tlgen_docs::load_dump(tlgen_schema::GETDOC_JSON).expect("dump")
    });
    timed("build.rs path, bot subset (12 functions)", || {
        Config::new()
            .schema_text("api.tl", tlgen_schema::API_TL)
            .schema_text("mtproto.tl", tlgen_schema::MTPROTO_TL)
            .functions(BOT_FUNCTIONS)
            .docs(dump)
            .pretty(false)
            .generate()
            .expect("generate")
    });
}
