//! [`Type`]: what to decode bytes as (or encode a value as), and the parser of type
//! expressions such as `Vector<User>` or `%Message`.

use crate::error::SchemaError;
use crate::schema::Ty;

/// The deepest type expression [`parse_expression`] accepts (`Vector<Vector<…>>`).
const MAX_NESTING: usize = 32;

/// A resolved type, possibly with nested vectors not interned in the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// A type the schema's plan can express directly.
    Leaf(Ty),
    /// `Vector<T>` (`boxed`) or `vector<T>`.
    Vector {
        /// Whether the vector id is on the wire.
        boxed: bool,
        /// The item type.
        elem: Box<Node>,
    },
}

/// A type to decode bytes as, or encode a value as.
///
/// Get one from [`Schema::parse_type`](crate::Schema::parse_type), or use
/// [`Type::OBJECT`] (any boxed constructor or function, by its id) or [`Type::FUNCTION`]
/// (any function call). A `Type` belongs to the schema that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Type(pub(crate) Node);

impl Type {
    /// Any boxed value with a constructor id: a constructor of any type (`Bool`'s two
    /// constructors become [`Value::Bool`](crate::Value::Bool)) or a function call.
    pub const OBJECT: Type = Type(Node::Leaf(Ty::AnyObject));

    /// Any boxed function call.
    pub const FUNCTION: Type = Type(Node::Leaf(Ty::AnyFunction));

    pub(crate) fn from_node(node: Node) -> Self {
        Type(node)
    }
}

/// Parses `[%]name[<expr>]`, with `name` made of letters, digits, `_` and `.`.
pub(crate) fn parse_expression(text: &str) -> Result<tlgen_parser::Type<'_>, SchemaError> {
    let mut p = ExprParser { text, pos: 0 };
    let ty = p.expr(0)?;
    p.skip_spaces();
    if p.pos != text.len() {
        return Err(p.error());
    }
    Ok(ty)
}

struct ExprParser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> ExprParser<'a> {
    fn error(&self) -> SchemaError {
        SchemaError::Syntax {
            text: self.text.to_owned(),
            offset: self.pos,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn expr(&mut self, depth: usize) -> Result<tlgen_parser::Type<'a>, SchemaError> {
        if depth > MAX_NESTING {
            return Err(self.error());
        }
        self.skip_spaces();
        let percent = self.peek() == Some(b'%');
        if percent {
            self.pos += 1;
        }
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            self.pos += 1;
        }
        let name = self.text.get(start..self.pos).unwrap_or("");
        if name.is_empty() {
            return Err(self.error());
        }
        let mut ty = tlgen_parser::Type::named(name);
        ty.percent = percent;
        self.skip_spaces();
        if self.peek() == Some(b'<') {
            self.pos += 1;
            ty.args.push(self.expr(depth + 1)?);
            self.skip_spaces();
            if self.peek() != Some(b'>') {
                return Err(self.error());
            }
            self.pos += 1;
        }
        Ok(ty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms() {
        let t = parse_expression(" Vector< %Message > ").unwrap();
        assert_eq!(t.to_string(), "Vector<%Message>");
        assert_eq!(
            parse_expression("messages.Messages").unwrap().name,
            "messages.Messages"
        );
        assert!(matches!(
            parse_expression("Vector<int"),
            Err(SchemaError::Syntax { offset: 10, .. })
        ));
        assert!(parse_expression("").is_err());
        assert!(parse_expression("a b").is_err());
        let deep = "Vector<".repeat(10_000);
        assert!(parse_expression(&deep).is_err());
    }
}
