//! The root `Object` enum as data: any boxed value of the schema, decoded by its id.
//!
//! The model decides its variants here, once: `Bool` first (boxed `Bool` is Rust's `bool`
//! and has no enum, so its two constructor ids are the variant's), then one variant per
//! boxed type, named by its joined path (`payments.PaymentResult` → `PaymentsPaymentResult`,
//! `Type` appended on a clash), then one per function (`Call` appended on a clash). Every
//! payload but `bool` is boxed, so an `Object` stays small. The emitter renders these; `diff`
//! compares them.

use std::collections::HashSet;

use tlgen_parser::Dialect;

use crate::model::naming;
use crate::model::{MissingItem, Model, RustType};

/// The id of boxed `Bool`'s `boolTrue`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// The id of boxed `Bool`'s `boolFalse`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// The id of Telegram's `gzip_packed` envelope (parsed by the runtime, not in the schema),
/// which stands for any object, packed.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// The name reserved for boxed `Bool`'s variant.
const BOOL_VARIANT: &str = "Bool";

/// The root `Object` enum.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectEnum {
    /// The variants in declaration order: `Bool`, the boxed types, the functions.
    pub variants: Vec<ObjectVariant>,
    /// Decoding unpacks Telegram's `gzip_packed` envelope ([`GZIP_PACKED_ID`]): not in TON's
    /// schemas, which have no such envelope, nor when the schema defines that id itself.
    pub gzip_packed: bool,
}

/// One variant of `Object`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectVariant {
    /// The Rust variant name, unique in the enum.
    pub name: String,
    /// What it holds.
    pub value: ObjectValue,
}

/// What an `Object` variant holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectValue {
    /// Boxed `Bool`, a plain `bool` (ids [`BOOL_TRUE_ID`] and [`BOOL_FALSE_ID`]).
    Bool,
    /// A value of the boxed type at this index of [`Model::enums`], in a `Box`.
    Enum(usize),
    /// A call to the function at this index of [`Model::functions`], in a `Box`; a generic
    /// function's type parameters are `Object`.
    Function(usize),
}

impl ObjectVariant {
    /// The payload's Rust type, from the root: `bool`, `Box<enums::…>`, `Box<functions::…>`
    /// (a generic function's arguments, always `Object`, left out). Fails on an index
    /// the model lacks.
    pub fn payload(&self, model: &Model) -> Result<RustType, MissingItem> {
        let path = match self.value {
            ObjectValue::Bool => return Ok(RustType::Bool),
            ObjectValue::Enum(e) => &model.enums.get(e).ok_or(MissingItem::Enum(e))?.path,
            ObjectValue::Function(f) => {
                &model.functions.get(f).ok_or(MissingItem::Function(f))?.path
            }
        };
        Ok(RustType::Box(Box::new(RustType::Item(path.clone()))))
    }

    /// Whether the payload is boxed: every one but `Bool`'s.
    pub fn boxed(&self) -> bool {
        self.value != ObjectValue::Bool
    }
}

impl ObjectEnum {
    /// `Object` of `model`: see the module docs for the names.
    pub fn of(model: &Model) -> ObjectEnum {
        let mut taken = HashSet::new();
        taken.insert(BOOL_VARIANT.to_owned());
        let mut variants = vec![ObjectVariant {
            name: BOOL_VARIANT.to_owned(),
            value: ObjectValue::Bool,
        }];
        for (e, ty) in model.enums.iter().enumerate() {
            let base = naming::joined_name(&ty.path.modules, &ty.path.name);
            variants.push(ObjectVariant {
                name: naming::claim(&mut taken, base, "Type"),
                value: ObjectValue::Enum(e),
            });
        }
        for (i, f) in model.functions.iter().enumerate() {
            let base = naming::joined_name(&f.path.modules, &f.path.name);
            variants.push(ObjectVariant {
                name: naming::claim(&mut taken, base, "Call"),
                value: ObjectValue::Function(i),
            });
        }
        let defines_gzip = (model.constructors.iter().chain(&model.functions))
            .any(|item| item.id == GZIP_PACKED_ID);
        ObjectEnum {
            variants,
            gzip_packed: model.dialect != Dialect::Ton && !defines_gzip,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoDocs;

    fn object(source: &str) -> ObjectEnum {
        let schema = tlgen_parser::parse(source);
        crate::model::lower(&schema, &NoDocs).unwrap().object
    }

    #[test]
    fn bool_comes_first_and_is_reserved() {
        let object = object("---functions---\nbool = Bool;");
        let names: Vec<&str> = object.variants.iter().map(|v| v.name.as_str()).collect();
        // The function `bool` would be `Bool`: the reserved name makes it `BoolCall`.
        assert_eq!(names, ["Bool", "BoolCall"]);
        assert!(!object.variants[0].boxed());
        assert!(object.variants[1].boxed());
    }

    #[test]
    fn clashing_names_get_suffixes() {
        let object = object(
            "foo.bar x:int = foo.Bar;\nfooBar y:int = FooBar;\n---functions---\nfoo.bar = foo.Bar;",
        );
        let names: Vec<(&str, ObjectValue)> = object
            .variants
            .iter()
            .map(|v| (v.name.as_str(), v.value))
            .collect();
        assert_eq!(
            names,
            [
                ("Bool", ObjectValue::Bool),
                ("FooBar", ObjectValue::Enum(0)),
                ("FooBarType", ObjectValue::Enum(1)),
                ("FooBarCall", ObjectValue::Function(0)),
            ]
        );
    }

    #[test]
    fn gzip_packed_only_where_telegram_has_it() {
        assert!(object("a = A;").gzip_packed);
        // A schema defining that id itself decodes it as its own.
        assert!(!object("gzip_packed#3072cfa1 packed_data:bytes = Object2;").gzip_packed);
    }
}
