//! Telegram's TL schema as data: the API layer and MTProto definitions that `tlgen-types`
//! is generated from, for a `build.rs` that generates bindings (or a subset of them) with
//! `tlgen-codegen` without copying schema files into its crate.
//!
//! ```
//! assert!(tlgen_schema::API_TL.starts_with("// LAYER 230"));
//! assert_eq!(tlgen_schema::LAYER, 230);
//! ```
//!
//! In a `build.rs`, write the texts where the generator reads them (or pass them in
//! memory where the generator takes sources):
//!
//! ```no_run
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
//! std::fs::write(out.join("api.tl"), tlgen_schema::API_TL).unwrap();
//! std::fs::write(out.join("mtproto.tl"), tlgen_schema::MTPROTO_TL).unwrap();
//! ```
//!
//! With the `docs` feature, [`GETDOC_JSON`] is the documentation dump of core.telegram.org
//! (descriptions, parameter descriptions and each method's possible errors; MIT-licensed,
//! see `docs/LICENSE-getdoc` in this package), readable with `tlgen_docs::load_dump`.
//!
//! With the `ton` feature, [`ton`] holds TON's schemas (`lite_api.tl`, `ton_api.tl`,
//! `tonlib_api.tl`; GNU LGPL 2.0, see `ton/README.md` in this package).

/// `api.tl`: Telegram's API schema, layer [`LAYER`].
pub const API_TL: &str = include_str!("../api.tl");

/// `mtproto.tl`: the MTProto protocol's own definitions (auth key exchange, service messages).
pub const MTPROTO_TL: &str = include_str!("../mtproto.tl");

/// The API layer of [`API_TL`] (its `// LAYER N` line).
pub const LAYER: i32 = 230;

/// The schema files with their conventional names, API first: `[("api.tl", …), ("mtproto.tl", …)]`.
pub const FILES: [(&str, &str); 2] = [("api.tl", API_TL), ("mtproto.tl", MTPROTO_TL)];

/// core.telegram.org's documentation for the API, as the JSON dump `tlgen-docs` reads
/// (`tlgen_docs::load_dump`). It describes layer [`DOCS_LAYER`], which may be older than
/// [`LAYER`]: definitions added since are undocumented.
#[cfg(feature = "docs")]
pub const GETDOC_JSON: &str = include_str!("../docs/getdoc.json");

/// The layer the documentation dump describes.
#[cfg(feature = "docs")]
pub const DOCS_LAYER: i32 = 223;

/// TON's TL schemas, as they stand in the TON repository (`ton-blockchain/ton`, directory
/// `tl/generate/scheme/`, commit of 2026-07-16). The TON repository is licensed under the
/// GNU LGPL 2.0 (`LICENSE.LGPL` there): these texts keep that license (`ton/README.md` in
/// this package says so; keep that notice beside any copy).
///
/// For a `build.rs`: `Config::new().schema_text("lite_api.tl", tlgen_schema::ton::LITE_API_TL)`
/// (TON's dialect is chosen by the ids the schema declares).
///
/// ```
/// assert!(tlgen_schema::ton::LITE_API_TL.contains("liteServer.getMasterchainInfo"));
/// ```
#[cfg(feature = "ton")]
pub mod ton {
    /// `lite_api.tl`: the lite-server protocol (`liteServer.*`, with `adnl.message.query`).
    pub const LITE_API_TL: &str = include_str!("../ton/lite_api.tl");

    /// `ton_api.tl`: the node's protocols (ADNL, DHT, overlays, `tonNode.*`, …).
    pub const TON_API_TL: &str = include_str!("../ton/ton_api.tl");

    /// `tonlib_api.tl`: tonlib's client interface (`tonlib_client_json_*`), the schema of
    /// `tlgen-tonlib`.
    pub const TONLIB_API_TL: &str = include_str!("../ton/tonlib_api.tl");

    /// The three schemas with their file names: `[("lite_api.tl", …), …]`.
    pub const FILES: [(&str, &str); 3] = [
        ("lite_api.tl", LITE_API_TL),
        ("ton_api.tl", TON_API_TL),
        ("tonlib_api.tl", TONLIB_API_TL),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_matches_the_schema_header() {
        let first = API_TL.lines().next().unwrap_or_default();
        assert_eq!(first, format!("// LAYER {LAYER}"));
    }

    #[test]
    fn mtproto_holds_the_key_exchange() {
        assert!(MTPROTO_TL.contains("req_pq_multi#be7e8ef1"));
    }

    #[cfg(feature = "docs")]
    #[test]
    fn docs_layer_matches_the_dump() {
        let needle = format!("\"layer\":{DOCS_LAYER}");
        let compact: String = GETDOC_JSON
            .chars()
            .take(4096)
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            compact.contains(&needle),
            "{}",
            &compact[..200.min(compact.len())]
        );
    }

    /// The shipped copies are the parser's TON fixtures, byte for byte.
    #[cfg(feature = "ton")]
    #[test]
    fn ton_schemas_are_the_fixtures() {
        for (name, text) in ton::FILES {
            let fixture = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../tl-parser/tests/fixtures/ton")
                    .join(name),
            );
            if let Ok(fixture) = fixture {
                assert_eq!(text, fixture, "{name}");
            }
            assert!(text.contains("---functions---"), "{name}");
        }
    }
}
