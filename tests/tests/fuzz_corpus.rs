//! Every fuzz target's corpus, replayed on stable as an ordinary test: the same checks
//! (`*/fuzz/checks/<target>.rs`, which the cargo-fuzz targets call) over the seeds in
//! `*/fuzz/seeds/<target>/` and every failure a fuzz run found, kept in
//! `*/fuzz/regressions/<target>/` (copy a crash from `fuzz/artifacts/` there once fixed).
//!
//! The seeds are written by this file: `WRITE_FUZZ_SEEDS=1 cargo test -p
//! tl-integration-tests --test fuzz_corpus` rewrites them from the envelope-rule table of
//! `tlgen-test-support` (gzip'd objects, containers), samples of the schema (plain, packed,
//! inside `invokeWithLayer`), their TL-JSON, TDLib's real JSON output, and the snapshot and
//! TON schemas.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use tl_integration_tests::sample::{Catalog, Coverage, Mode};
use tlgen_parser::Category;
use tlgen_test_support::envelope::{cases, invoke_with_layer, packed};

#[path = "../../generated/fuzz/checks/decode_object.rs"]
mod decode_object;
#[path = "../../generated/fuzz/checks/decode_typed.rs"]
mod decode_typed;
#[path = "../../tl-codegen/fuzz/checks/lower.rs"]
mod lower;
#[path = "../../tl-parser/fuzz/checks/parse.rs"]
mod parse;
#[path = "../../tl-dynamic/fuzz/checks/json.rs"]
mod tl_dynamic_json;
#[path = "../../tl-dynamic/fuzz/checks/tdjson.rs"]
mod tl_dynamic_tdjson;
#[path = "../../tl-runtime/fuzz/checks/envelope.rs"]
mod tl_runtime_envelope;
#[path = "../../tl-runtime/fuzz/checks/tdjson.rs"]
mod tl_runtime_tdjson;

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `check` on every file of `crate_dir/fuzz/{seeds,regressions}/target`; fails on
/// any panic, or when there are no seeds.
fn replay(crate_dir: &str, target: &str, check: fn(&[u8])) {
    let fuzz = root().join(crate_dir).join("fuzz");
    let mut files = Vec::new();
    for dir in ["seeds", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) {
            files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    files.sort();
    assert!(
        files.len() >= 5,
        "{crate_dir}/fuzz/seeds/{target}: {} seeds",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).expect("a corpus file");
        let outcome = tl_integration_tests::on_big_stack(move || {
            catch_unwind(AssertUnwindSafe(|| check(&data))).map_err(|panic| {
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            })
        });
        if let Err(message) = outcome {
            failures.push(format!("{}: {message}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{crate_dir} {target}: {} inputs replayed", files.len());
}

#[test]
fn generated_decode_object() {
    replay("generated", "decode_object", decode_object::check);
}

#[test]
fn generated_decode_typed() {
    replay("generated", "decode_typed", decode_typed::check);
}

#[test]
fn tl_codegen_lower() {
    replay("tl-codegen", "lower", lower::check);
}

#[test]
fn tl_parser_parse() {
    replay("tl-parser", "parse", parse::check);
}

#[test]
fn tl_dynamic_json() {
    replay("tl-dynamic", "json", tl_dynamic_json::check);
}

#[test]
fn tl_dynamic_tdjson() {
    replay("tl-dynamic", "tdjson", tl_dynamic_tdjson::check);
}

#[test]
fn tl_runtime_envelope() {
    replay("tl-runtime", "envelope", tl_runtime_envelope::check);
}

#[test]
fn tl_runtime_tdjson() {
    replay("tl-runtime", "tdjson", tl_runtime_tdjson::check);
}

/// Writes `seeds` as `crate_dir/fuzz/seeds/target/seed-NNN`, replacing the old seeds.
fn write(crate_dir: &str, target: &str, seeds: &[Vec<u8>]) {
    let dir = root().join(crate_dir).join("fuzz/seeds").join(target);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.filter_map(|e| e.ok()) {
            if entry.file_name().to_string_lossy().starts_with("seed-") {
                std::fs::remove_file(entry.path()).expect("an old seed removed");
            }
        }
    }
    std::fs::create_dir_all(&dir).expect("the corpus directory");
    for (i, seed) in seeds.iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:03}")), seed).expect("a seed written");
    }
}

/// Rewrites the seeds when `WRITE_FUZZ_SEEDS=1`.
#[test]
fn write_seeds() {
    if std::env::var_os("WRITE_FUZZ_SEEDS").is_none() {
        return;
    }
    let catalog = Catalog::load();
    let mut coverage = Coverage::default();
    let mut objects: Vec<Vec<u8>> = cases().into_iter().map(|case| case.bytes).collect();
    let mut typed = Vec::new();
    let defs: Vec<_> = catalog.schema.definitions.iter().collect();
    for (i, def) in defs.iter().enumerate().filter(|(i, _)| i % 37 == 0) {
        let mode = if i % 2 == 0 {
            Mode::AllOptional
        } else {
            Mode::Random(i as _)
        };
        let bytes = catalog.sample_with(def, mode, 2, &mut coverage);
        objects.push(packed(&bytes));
        if def.category == Category::Function {
            objects.push(invoke_with_layer(&packed(&bytes)));
        }
        objects.push(bytes);
    }
    for def in &defs {
        let selector = match def.result.name {
            "Updates" => 0u8,
            "messages.Messages" => 1,
            _ => continue,
        };
        let mut seed = vec![selector];
        seed.extend(catalog.sample_with(def, Mode::Random(7), 2, &mut coverage));
        typed.push(seed);
    }
    typed.extend(objects.iter().map(|bytes| {
        let mut seed = vec![3u8];
        seed.extend_from_slice(bytes);
        seed
    }));
    write("generated", "decode_object", &objects);
    write("generated", "decode_typed", &typed);
    write("tl-runtime", "envelope", &objects);

    // TL-JSON of what tlgen-dynamic decodes, and the issue's probes.
    let schema = tlgen_dynamic::Schema::from_parsed(&catalog.schema).expect("the schema");
    let mut json: Vec<Vec<u8>> = objects
        .iter()
        .filter_map(|bytes| schema.decode(bytes).ok())
        .filter_map(|value| schema.to_json_string(&value, false).ok())
        .map(String::into_bytes)
        .collect();
    json.push(br#"{"_":"gzip_packed","packed_data":""}"#.to_vec());
    json.push(
        br#"{"_":"msg_container","messages":[{"_":"message","msg_id":"1","seqno":1,"bytes":0,"body":{"_":"msg_container","messages":[]}}]}"#
            .to_vec(),
    );
    write("tl-dynamic", "json", &json);

    // TDLib's real output, line by line.
    let real =
        std::fs::read_to_string(root().join("tl-dynamic/tests/fixtures/tdlib/real_output.jsonl"))
            .expect("TDLib's output");
    let lines: Vec<Vec<u8>> = real
        .lines()
        .take(40)
        .map(|l| l.as_bytes().to_vec())
        .collect();
    write("tl-dynamic", "tdjson", &lines);
    write("tl-runtime", "tdjson", &lines);

    // Schemas: the snapshot fixtures, mtproto.tl and the start of TON's.
    let mut schemas = Vec::new();
    let snapshots = root().join("tl-codegen/tests/snapshots");
    let mut names: Vec<_> = std::fs::read_dir(&snapshots)
        .expect("the snapshots")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    names.sort();
    for path in names {
        schemas.push(std::fs::read(path).expect("a snapshot schema"));
    }
    schemas.push(std::fs::read(root().join("schema/mtproto.tl")).expect("mtproto.tl"));
    for ton in ["lite_api.tl", "ton_api.tl", "tonlib_api.tl"] {
        let text = std::fs::read_to_string(root().join("tl-parser/tests/fixtures/ton").join(ton))
            .expect("a TON schema");
        let cut = text
            .char_indices()
            .map(|(i, _)| i)
            .take_while(|&i| i <= 6000)
            .last()
            .unwrap_or(0);
        schemas.push(text.as_bytes()[..cut].to_vec());
    }
    write("tl-parser", "parse", &schemas);
    write("tl-codegen", "lower", &schemas);
}
