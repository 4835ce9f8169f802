//! What the tests against the real libraries share: finding and loading them (skip loudly,
//! or fail in CI), and the schema-driven sample generator.
#![allow(dead_code)]

pub mod samples;

use std::path::PathBuf;

use tlgen_tdjson::{Tdjson, Tonlib};

/// Whether this run is CI's (`CI=true`): there a library that cannot be loaded fails the test.
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|value| value == "true" || value == "1")
        .unwrap_or(false)
}

/// The path in `var`, or else where `scripts/fetch-native-libs.sh` puts the file.
fn library_path(var: &str, file: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/native")).join(file),
    }
}

fn skip_or_fail(what: &str, error: &dyn std::fmt::Display) {
    let message = format!(
        "cannot load {what}: {error}\n\
         run `bash scripts/fetch-native-libs.sh` (pip download of tdjson==1.8.61 and pytonlib==0.0.72) \
         or set TDJSON_PATH / TONLIBJSON_PATH"
    );
    if in_ci() {
        panic!("CI=true and {message}");
    }
    eprintln!(
        "\n{bar}\n!!! SKIPPED (not tested against the real library): {message}\n{bar}\n",
        bar = "!".repeat(100)
    );
}

/// libtdjson, or `None` (after a loud message) when it cannot be loaded outside CI.
pub fn tdjson() -> Option<Tdjson> {
    let path = library_path("TDJSON_PATH", "libtdjson.so");
    match Tdjson::load(&path) {
        Ok(library) => {
            quiet_tdlib(library);
            Some(library)
        }
        Err(error) => {
            skip_or_fail("libtdjson", &error);
            None
        }
    }
}

/// libtonlibjson, or `None` (after a loud message) when it cannot be loaded outside CI.
pub fn tonlib() -> Option<Tonlib> {
    let path = library_path("TONLIBJSON_PATH", "libtonlibjson.so");
    match Tonlib::load(&path) {
        Ok(library) => {
            let _ =
                library.execute_raw(r#"{"@type":"setLogVerbosityLevel","new_verbosity_level":0}"#);
            Some(library)
        }
        Err(error) => {
            skip_or_fail("libtonlibjson", &error);
            None
        }
    }
}

/// TDLib logs at verbosity 5 until told otherwise: errors only (1).
fn quiet_tdlib(library: Tdjson) {
    let answer = library
        .execute_raw(r#"{"@type":"setLogVerbosityLevel","new_verbosity_level":1}"#)
        .expect("setLogVerbosityLevel is synchronous");
    assert!(answer.contains("\"ok\""), "{answer}");
}

/// `value` without the keys a library adds to what it sends (`@extra`, `@client_id`).
pub fn without_envelope(mut value: serde_json::Value) -> serde_json::Value {
    if let Some(object) = value.as_object_mut() {
        object.remove("@extra");
        object.remove("@client_id");
    }
    value
}
