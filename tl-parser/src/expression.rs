//! One type expression or parameter type on its own, read with the schema's grammar.
//!
//! Tools that meet TL types outside a schema file (a documentation page's parameter table,
//! a `--type` option, tlgen-dynamic's `Schema::parse_type`) read them here, with the
//! same productions and limits as [`crate::parse`]: `%` and `!` prefixes, qualified names,
//! `<…>` arguments separated by spaces or commas, TON's parenthesized `(vector T)`, and at
//! most 64 levels of nesting.

use std::fmt;

use nom::Err;

use crate::grammar::{self, GrammarError, PResult, ProductionError};
use crate::model::{ParamKind, Type};

/// Why a type expression could not be read: what was expected, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSyntaxError {
    /// The byte offset in the text where reading stopped.
    pub offset: usize,
    /// What was expected there or what is wrong, in one sentence.
    pub message: String,
}

impl fmt::Display for TypeSyntaxError {
    /// `message at byte offset`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for TypeSyntaxError {}

/// Parses one type expression, as a param's type or a result is written in a schema:
/// `int`, `Vector<MessageEntity>`, `%Message`, `!X`, `payments.PaymentResult`,
/// `(vector tonNode.blockIdExt)`. Whitespace around it is allowed; anything else after it
/// is an error.
///
/// ```
/// let ty = tlgen_parser::parse_type("Vector<%Message>").unwrap();
/// assert_eq!((ty.name, ty.args[0].percent), ("Vector", true));
/// assert_eq!(tlgen_parser::parse_type("(vector int)").unwrap().to_string(), "vector<int>");
/// let error = tlgen_parser::parse_type("Vector<int").unwrap_err();
/// assert_eq!(error.offset, 10);
/// ```
pub fn parse_type(text: &str) -> Result<Type<'_>, TypeSyntaxError> {
    whole(
        text,
        grammar::top_type::<()>,
        grammar::top_type::<GrammarError>,
    )
}

/// Parses what follows `name:` in a parameter: `#`, a conditional `flags.3?true`, or a
/// type as [`parse_type`] reads it. Whitespace around it is allowed.
///
/// ```
/// use tlgen_parser::{parse_param_type, ParamKind};
/// assert_eq!(parse_param_type("#").unwrap(), ParamKind::FlagField);
/// let ParamKind::Conditional { field, bit, ty } = parse_param_type("flags.3?Vector<long>").unwrap() else {
///     panic!()
/// };
/// assert_eq!((field, bit, ty.to_string().as_str()), ("flags", 3, "Vector<long>"));
/// assert!(parse_param_type("flags.?int").is_err());
/// ```
pub fn parse_param_type(text: &str) -> Result<ParamKind<'_>, TypeSyntaxError> {
    whole(
        text,
        grammar::param_kind::<()>,
        grammar::param_kind::<GrammarError>,
    )
}

/// Reads all of `text` (but surrounding whitespace) with `fast`; if that fails, again with
/// `precise` for the error. Both are the same production with different error types.
fn whole<'a, T>(
    text: &'a str,
    fast: impl Fn(&'a str) -> PResult<'a, T, ()>,
    precise: impl Fn(&'a str) -> PResult<'a, T, GrammarError<'a>>,
) -> Result<T, TypeSyntaxError> {
    let start = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let end = |rest: &'a str| rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    if let Ok((rest, value)) = fast(start) {
        if end(rest).is_empty() {
            return Ok(value);
        }
    }
    let error = match precise(start) {
        Ok((rest, _)) => GrammarError::problem(end(rest), "unexpected text after the type"),
        Err(Err::Error(e) | Err::Failure(e)) => e,
        Err(Err::Incomplete(_)) => GrammarError::problem(grammar::end_of(start), "unexpected end"),
    };
    Err(TypeSyntaxError {
        offset: grammar::offset_in(text, error.at),
        message: error.message(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Vector<` `depth` times around `int`.
    fn nested(depth: usize) -> String {
        format!("{}int{}", "Vector<".repeat(depth), ">".repeat(depth))
    }

    #[test]
    fn nesting_up_to_the_parsers_limit() {
        // Deeper than tl-docs' old limit of 16, within the parser's 64.
        assert!(parse_type(&nested(17)).is_ok());
        assert!(parse_param_type(&format!("flags.0?{}", nested(64))).is_ok());
        let error = parse_type(&nested(65)).unwrap_err();
        assert!(error.message.contains("nested too deeply"), "{error}");
        let error = parse_param_type(&nested(10_000)).unwrap_err();
        assert!(error.message.contains("nested too deeply"), "{error}");
    }

    #[test]
    fn errors_say_where() {
        let error = parse_type(" a b").unwrap_err();
        assert_eq!(
            (error.offset, error.message.as_str()),
            (3, "unexpected text after the type")
        );
        assert_eq!(parse_type("").unwrap_err().offset, 0);
        assert_eq!(parse_type("  ").unwrap_err().offset, 2);
        assert_eq!(parse_param_type("flags.3?").unwrap_err().offset, 8);
        assert_eq!(
            parse_type(" Vector< %Message > ").unwrap().to_string(),
            "Vector<%Message>"
        );
    }
}
