//! `--dialect telegram|tdlib|ton`: the rule a schema's ids are computed in, for every command
//! that reads a schema. Without it, the parser chooses by evidence ([`tlgen_parser::Dialect`]);
//! `inspect` says which and why.

use tlgen_parser::Dialect;

/// The `--dialect` option, flattened into a command's arguments.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct DialectArg {
    /// How the schema's ids are computed: `telegram` (MTProto's schemas, also TDLib's
    /// telegram_api.tl), or `tdlib`/`ton` (hashed as written: td_api.tl, TON's). Default: by
    /// the evidence of the declared ids, see `inspect`.
    #[arg(long, value_name = "DIALECT", value_parser = parse)]
    pub dialect: Option<Dialect>,
}

impl DialectArg {
    /// The parser's options with this dialect.
    #[must_use]
    pub fn options(self, strict_ids: bool) -> tlgen_parser::ParseOptions {
        tlgen_parser::ParseOptions {
            strict_ids,
            dialect: self.dialect,
        }
    }
}

/// Reads a dialect's name, as [`Dialect::from_name`] does.
pub fn parse(name: &str) -> Result<Dialect, String> {
    Dialect::from_name(name)
        .ok_or_else(|| format!("unknown dialect `{name}`: expected telegram, tdlib or ton"))
}
