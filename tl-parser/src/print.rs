//! Printing the model back as TL text.

use std::fmt;

use crate::model::{Category, Definition, GenericParam, Param, ParamKind, Schema};

/// Prints the definition as canonical TL text on one line:
/// `name#xxxxxxxx {X:Type} a:int flags:# b:flags.0?string = Result;`.
///
/// The id is the declared one, as 8 lowercase hex digits, and is left out when none was declared.
impl fmt::Display for Definition<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)?;
        if let Some(id) = self.declared_id {
            write!(f, "#{id:08x}")?;
        }
        for generic in &self.generics {
            write!(f, " {generic}")?;
        }
        for param in &self.params {
            write!(f, " {param}")?;
        }
        write!(f, " = {};", self.result)
    }
}

/// Prints `{X:Type}`.
impl fmt::Display for GenericParam<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}:{}}}", self.name, self.kind)
    }
}

/// Prints `name:Type`, `flags:#` or `name:flags.N?Type`.
impl fmt::Display for Param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.name, self.kind)
    }
}

/// Prints what follows `name:`: `Type`, `#` or `flags.N?Type`.
impl fmt::Display for ParamKind<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamKind::FlagField => f.write_str("#"),
            ParamKind::Conditional { field, bit, ty } => write!(f, "{field}.{bit}?{ty}"),
            ParamKind::Plain(ty) => write!(f, "{ty}"),
        }
    }
}

/// Prints the whole schema as one TL file that parses back to the same definitions:
/// the layer comment, the builtins, then the definitions with their doc comments,
/// with `---functions---` / `---types---` wherever the category changes.
impl fmt::Display for Schema<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(layer) = self.layer {
            writeln!(f, "// LAYER {layer}")?;
        }
        for builtin in &self.builtins {
            writeln!(f, "{};", builtin.text)?;
        }
        let mut category = Category::Type;
        for def in &self.definitions {
            if def.category != category {
                category = def.category;
                f.write_str(match category {
                    Category::Type => "---types---\n",
                    Category::Function => "---functions---\n",
                })?;
            }
            if let Some(description) = &def.docs.description {
                writeln!(f, "//@description {description}")?;
            }
            let mut fields = def.docs.fields.iter().peekable();
            while let Some((key, value)) = fields.next() {
                write!(f, "//@{key} {value}")?;
                // A class description belongs on its `//@class` line.
                if key == "class" {
                    if let Some((_, description)) =
                        fields.next_if(|(k, _)| k == "class_description")
                    {
                        write!(f, " @description {description}")?;
                    }
                }
                writeln!(f)?;
            }
            writeln!(f, "{def}")?;
        }
        Ok(())
    }
}
