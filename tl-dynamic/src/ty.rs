//! [`Type`]: what to decode bytes as (or encode a value as), and type expressions such as
//! `Vector<User>` or `%Message`, read with the schema parser's grammar.

use crate::error::SchemaError;
use crate::schema::Ty;

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

/// Parses a type expression with the schema parser's grammar and nesting limit
/// ([`tlgen_parser::parse_type`]).
pub(crate) fn parse_expression(text: &str) -> Result<tlgen_parser::Type<'_>, SchemaError> {
    tlgen_parser::parse_type(text).map_err(|e| SchemaError::Syntax {
        text: text.to_owned(),
        offset: e.offset,
        message: e.message,
    })
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
        assert_eq!(
            parse_expression("(vector int)").unwrap().to_string(),
            "vector<int>"
        );
        let deep = "Vector<".repeat(10_000);
        assert!(parse_expression(&deep).is_err());
    }
}
