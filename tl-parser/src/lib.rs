//! A parser for Telegram's TL (Type Language) schemas.
//!
//! [`parse`] turns TL text into a [`Schema`]: constructors, functions, builtins, the layer,
//! doc comments and diagnostics with exact positions. It never panics, whatever the input,
//! and reports every error of a file in one pass, recovering at the next `;`. The schema
//! borrows its names from the source text, so parsing allocates little.
//!
//! ```
//! let schema = tlgen_parser::parse(
//!     "// LAYER 230\n\
//!      payments.paymentResult#4e5f810d updates:Updates = payments.PaymentResult;\n\
//!      updatesTooLong#e317af7e = Updates;\n\
//!      ---functions---\n\
//!      payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;",
//! );
//! assert_eq!(schema.layer, Some(230));
//! let send = &schema.definitions[2];
//! assert_eq!(send.name, "payments.sendStarsForm");
//! assert_eq!(send.computed_id, 0x7998c914);
//! assert_eq!(send.to_string(), "payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;");
//! // `InputInvoice` is never declared in this small schema.
//! assert_eq!(schema.errors().count(), 1);
//! ```
//!
//! TON's dialect (`ton_api.tl`, `lite_api.tl`, `tonlib_api.tl`) parses too: parenthesized
//! type applications `ids:(vector tonNode.blockIdExt)` (the same type as
//! `vector<tonNode.blockIdExt>`), builtins written as definitions (`bytes data:string = Bytes;`,
//! `int32 = Int32;`), `#` params that no conditional names (plain naturals, see
//! [`Definition::is_flag_word`]) and TON's ids ([`Dialect`], [`ids`]):
//!
//! ```
//! let schema = tlgen_parser::parse(
//!     "bytes data:string = Bytes;\n\
//!      liteServer.query data:bytes = Object;\n\
//!      liteServer.transactionList ids:(vector int) transactions:bytes = liteServer.TransactionList;",
//! );
//! assert_eq!(schema.dialect, tlgen_parser::Dialect::Ton);
//! assert_eq!(schema.definitions[0].id().to_le_bytes(), [0xdf, 0x06, 0x8c, 0x79]);
//! assert_eq!(schema.definitions[1].params[0].kind.to_string(), "vector<int>");
//! ```
//!
//! Diagnostics render like rustc's:
//!
//! ```
//! let schema = tlgen_parser::parse("foo#1234 a:int Bar;");
//! let error = schema.errors().next().unwrap();
//! assert_eq!(error.kind, tlgen_parser::DiagnosticKind::Syntax);
//! assert_eq!(
//!     error.render(),
//!     "error: expected `=` before the result type\n --> <input>:1:16\n  |\n1 | foo#1234 a:int Bar;\n  |                ^^^"
//! );
//! ```

mod check;
mod diagnostic;
mod docs;
mod expression;
mod grammar;
mod hash;
pub mod ids;
pub mod model;
mod position;
mod print;
mod reader;
pub mod resolve;
mod source_file;

pub use expression::{parse_param_type, parse_type, TypeSyntaxError};
pub use model::*;
pub use source_file::{read_file, ReadError};

/// Options for [`parse_files`].
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Report a declared id that no rule computes as an error instead of a warning (the
    /// [`ids::KNOWN_MISMATCHES`] stay notes).
    pub strict_ids: bool,
    /// The dialect to compute ids in; `None` (the default) chooses by evidence (see [`Dialect`]).
    pub dialect: Option<Dialect>,
}

/// Parses one source, named `<input>` in diagnostics.
///
/// The schema borrows its names from `source`.
pub fn parse(source: &str) -> Schema<'_> {
    parse_files([("<input>", source)], &ParseOptions::default())
}

/// Parses several files as one schema (e.g. `api.tl` and `mtproto.tl`) and runs the semantic checks.
///
/// Each item is `(name, source)`; the name is used in diagnostics and kept in [`Schema::files`].
/// The schema borrows its names from the sources.
pub fn parse_files<'n, 'a>(
    files: impl IntoIterator<Item = (&'n str, &'a str)>,
    options: &ParseOptions,
) -> Schema<'a> {
    let mut reader = reader::Reader::new(options);
    for (name, source) in files {
        reader.read_file(name, source);
    }
    reader.finish()
}
