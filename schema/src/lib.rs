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
}
