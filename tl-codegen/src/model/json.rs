//! The JSON decisions of TDLib's and tonlib's JSON interfaces, as data.
//!
//! [`JsonModel::decide`] settles, once, everything the JSON emitter renders: each field's
//! JSON name, its Rust type and the runtime marker that reads and writes it ([`JsonMarker`]),
//! which fields are nullable, each enum's `Unknown` variant, the `Object` and `Function`
//! roots, and each function's `Return` type. The emitter only renders these.
//!
//! # The mapping, and where it comes from
//!
//! TDLib (`td/generate/tl_json_converter.cpp`, `td/tl/tl_json.h`) and tonlib (TON's
//! `tl/generate/tl_json_converter.cpp`, `tl/tl/tl_json.h`) generate the same JSON:
//! - an object is `{"@type":"<TL name>", "<param>":<value>, …}`: the TL name as written
//!   (`updateNewMessage`, tonlib's `raw.getAccountState`), each param under its TL name;
//! - `int32`, `int53`, `double` and `#` are JSON numbers (a `#` is an `int32` in tonlib's
//!   C++, so `i32` here); `int64` is a decimal string
//!   (`JsonInt64`; a number is accepted on input); `Bool` is `true`/`false`; `string` and
//!   `secureString` strings; `bytes`, `secureBytes`, `int128` and `int256` base64 strings;
//!   vectors arrays;
//! - an object-typed field that is null is left out when written (`if (object.field)` in
//!   both converters) and reads back from absent or `null`.
//!
//! # Which fields are nullable
//!
//! - TDLib: a field whose `//@` doc contains "may be null" or "pass null" (any case;
//!   [`tlgen_parser::docs_say_nullable`], the rule tlgen-dynamic reads TDLib's JSON with) —
//!   the phrases of TDLib's own documentation generator
//!   (`td/generate/TlDocumentationGenerator.php` marks those fields nullable and refuses the
//!   phrase on a built-in type). In td_api.tl 1.8.61 that is 332 "may be null" and 193 "pass
//!   null" params. On a vector param the
//!   phrase is about its elements ("List of messages; messages may be null": `getMessages`
//!   answers `null` for a message it does not find), since TDLib always writes a vector: the
//!   elements are `Option`. On a built-in type it is ignored, as TDLib's generator refuses it.
//! - tonlib: tonlib_api.tl documents no nullability, and tonlib's reader and writer treat
//!   every object pointer as nullable (`to_json`/`from_json` of `tl_object_ptr` in
//!   `tl/tl/tl_json.h`); its request handlers test each one (`if (!request.account_address_)
//!   return TonlibError::EmptyField(…)` in `tonlib/tonlib/TonlibClient.cpp`). So every
//!   object-typed field of tonlib is `Option`.
//! - Both: a conditional param (`mode.0?bytes`, tonlib only) is `Option`: written only when
//!   its bit is set, by tonlib's converter (`exist_var_num`).

use std::collections::HashSet;

use crate::model::naming;
use crate::model::{
    Field, FieldRole, Item, ItemPath, ItemResult, MissingItem, Model, RustType, Ty,
};

/// Which JSON mapping the generated code speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonDialect {
    /// Our canonical TL-JSON (`{"_": "constructor", …}`, documented in tlgen-dynamic), as
    /// serde's `Serialize`/`Deserialize` behind a cargo feature: each impl calls
    /// `serialize`/`deserialize` of a module of the including crate (tlgen-types' goes
    /// through tlgen-dynamic). The binary codecs stay.
    Tl {
        /// The cargo feature of the including crate that turns the impls on (`serde`).
        feature: String,
        /// The module's path (`crate::serde_support`).
        module: String,
    },
    /// serde's derives behind a cargo feature: Rust-shaped JSON (`{"InputMessageText":{…}}`,
    /// int64 as numbers) that no TL library reads; for programs that only want serde.
    SerdeDerive {
        /// The cargo feature of the including crate that turns the derives on.
        feature: String,
    },
    /// TDLib's JSON interface (`td_json_client`): `tlgen_runtime::json::TdJson` impls, the
    /// `Object` and `Function` roots, `TdFunction` per function; no binary codecs.
    Tdlib,
    /// tonlib's JSON interface (`tonlib_client_json_*`), as [`JsonDialect::Tdlib`] with
    /// tonlib's nullability (see the module docs).
    Tonlib,
}

impl JsonDialect {
    /// Whether this dialect is a library's JSON interface (TDLib's or tonlib's), rendered
    /// as `TdJson` impls, rather than serde's.
    pub fn is_td(&self) -> bool {
        matches!(self, JsonDialect::Tdlib | JsonDialect::Tonlib)
    }
}

/// How a value is read and written: renders to the runtime's marker type
/// (`tlgen_runtime::json::{Plain, Int64, …}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JsonMarker {
    /// The type's own `TdJson` impl: numbers, `bool`, strings, generated types.
    Plain,
    /// `i64` as a decimal string (TL `int64`).
    Int64,
    /// `Vec<u8>` as base64 (`bytes`, `secureBytes`).
    Bytes,
    /// `[u8; 16]` as base64.
    Int128,
    /// `[u8; 32]` as base64.
    Int256,
    /// `Vec<T>` as an array of the inner marker.
    Vector(Box<JsonMarker>),
    /// `Option<T>`: absent or `null` is `None`.
    Nullable(Box<JsonMarker>),
    /// `Box<T>`.
    Boxed(Box<JsonMarker>),
}

/// One param's JSON form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonField {
    /// The JSON key: the TL param name.
    pub name: String,
    /// The Rust type of its value, without the `Option` of [`JsonField::nullable`].
    pub value: RustType,
    /// The marker of its value, without the `Nullable` of [`JsonField::nullable`].
    pub marker: JsonMarker,
    /// Absent or `null` reads as `None`: the struct field is `Option<value>`.
    pub nullable: bool,
}

impl JsonField {
    /// The struct field's Rust type: `Option<value>` when nullable.
    pub fn field_type(&self) -> RustType {
        if self.nullable {
            RustType::Option(Box::new(self.value.clone()))
        } else {
            self.value.clone()
        }
    }

    /// The struct field's marker: `Nullable<marker>` when nullable.
    pub fn field_marker(&self) -> JsonMarker {
        if self.nullable {
            JsonMarker::Nullable(Box::new(self.marker.clone()))
        } else {
            self.marker.clone()
        }
    }
}

/// A constructor's or function's JSON form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonItem {
    /// The `@type`: the TL name as written.
    pub type_name: String,
    /// The id TDLib also accepts as `@type`, as the signed number it prints.
    pub id: i32,
}

/// A boxed type's JSON dispatch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonEnum {
    /// `(@type, id, index in the enum's variants)`, sorted by `@type` (byte order): the
    /// table `peek_constructor` searches.
    pub table: Vec<(String, i32, usize)>,
    /// The name of the variant holding an unknown constructor (`Unknown`, or
    /// `UnknownConstructor` when a constructor already takes `Unknown`, as TDLib's
    /// `fileTypeUnknown` does in `FileType`).
    pub unknown: String,
}

/// One variant of a root enum (`Object`, `Function`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootVariant {
    /// The variant name, unique in the root: the item's path joined (`UpdateNewMessage`,
    /// `RawGetAccountState`).
    pub name: String,
    /// The item it holds (boxed).
    pub path: ItemPath,
    /// Index in [`Model::constructors`] (for `Object`) or [`Model::functions`].
    pub index: usize,
}

/// A root enum: any constructor (`Object`, what `td_receive` returns) or any function
/// (`Function`, any request), plus `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonRoot {
    /// `Object` or `Function`.
    pub name: String,
    /// One per item, in the model's order.
    pub variants: Vec<RootVariant>,
    /// `(@type, id, index in variants)`, sorted by `@type`.
    pub table: Vec<(String, i32, usize)>,
    /// The unknown variant's name (always `Unknown`: item paths are capitalised and
    /// joined, and `Unknown` is kept out of them).
    pub unknown: String,
}

/// Every JSON decision of a TDLib or tonlib dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonModel {
    /// [`JsonDialect::Tdlib`] or [`JsonDialect::Tonlib`].
    pub dialect: JsonDialect,
    /// One per [`Model::constructors`] entry (their fields' JSON form is [`Field::json`]).
    pub constructors: Vec<JsonItem>,
    /// One per [`Model::functions`] entry.
    pub functions: Vec<JsonItem>,
    /// One per [`Model::enums`] entry.
    pub enums: Vec<JsonEnum>,
    /// `Object`: every constructor.
    pub object: JsonRoot,
    /// `Function`: every function.
    pub function: JsonRoot,
    /// One per function: its `TdFunction::Return`.
    pub returns: Vec<RustType>,
}

impl Model {
    /// The model with the JSON decisions of a TDLib or tonlib dialect: each field's
    /// [`Field::json`] and [`Model::json`]. Other dialects change nothing. Fails on a type
    /// that names an item the model lacks.
    pub fn with_json(mut self, dialect: &JsonDialect) -> Result<Model, MissingItem> {
        if !dialect.is_td() {
            return Ok(self);
        }
        let tonlib = *dialect == JsonDialect::Tonlib;
        let decided: Vec<Vec<JsonField>> = self
            .constructors
            .iter()
            .chain(&self.functions)
            .map(|item| {
                item.fields
                    .iter()
                    .map(|f| json_field(&self, f, tonlib))
                    .collect()
            })
            .collect::<Result<_, _>>()?;
        for (item, fields) in self
            .constructors
            .iter_mut()
            .chain(self.functions.iter_mut())
            .zip(decided)
        {
            for (field, json) in item.fields.iter_mut().zip(fields) {
                field.json = Some(json);
            }
        }
        self.json = Some(JsonModel::decide(&self, dialect.clone())?);
        Ok(self)
    }
}

impl JsonModel {
    /// Decides the items' and roots' JSON form of `model` (its fields' are decided by
    /// [`Model::with_json`]).
    fn decide(model: &Model, dialect: JsonDialect) -> Result<JsonModel, MissingItem> {
        let item = |item: &Item| JsonItem {
            type_name: item.tl_name.clone(),
            // The id's bits, as TDLib prints it (`-563105266`).
            id: i32::from_ne_bytes(item.id.to_ne_bytes()),
        };
        let constructors: Vec<JsonItem> = model.constructors.iter().map(item).collect();
        let functions: Vec<JsonItem> = model.functions.iter().map(item).collect();
        let enums = model
            .enums
            .iter()
            .map(|e| {
                let mut table: Vec<(String, i32, usize)> = e
                    .variants
                    .iter()
                    .enumerate()
                    .filter_map(|(v, (_, c))| {
                        let json = constructors.get(*c)?;
                        Some((json.type_name.clone(), json.id, v))
                    })
                    .collect();
                table.sort();
                let taken: HashSet<&str> = e.variants.iter().map(|(v, _)| v.as_str()).collect();
                let mut unknown = "Unknown".to_owned();
                let mut n = 0;
                while taken.contains(unknown.as_str()) {
                    unknown = if n == 0 {
                        "UnknownConstructor".to_owned()
                    } else {
                        naming::numbered("UnknownConstructor", n)
                    };
                    n += 1;
                }
                JsonEnum { table, unknown }
            })
            .collect();
        let object = root("Object", &model.constructors, &constructors);
        let function = root("Function", &model.functions, &functions);
        let returns = model
            .functions
            .iter()
            .map(|f| match &f.result {
                ItemResult::Function(ty) => return_type(model, ty, f),
                ItemResult::Constructor(_) => Ok(RustType::Object),
            })
            .collect::<Result<_, _>>()?;
        Ok(JsonModel {
            dialect,
            constructors,
            functions,
            enums,
            object,
            function,
            returns,
        })
    }
}

/// A root enum over `items`: variant names from the items' paths, unique.
fn root(name: &str, items: &[Item], json: &[JsonItem]) -> JsonRoot {
    let mut taken: HashSet<String> = HashSet::new();
    taken.insert("Unknown".to_owned());
    let variants: Vec<RootVariant> = items
        .iter()
        .enumerate()
        .map(|(index, item)| RootVariant {
            name: naming::claim(
                &mut taken,
                naming::joined_name(&item.path.modules, &item.path.name),
                "Item",
            ),
            path: item.path.clone(),
            index,
        })
        .collect();
    let mut table: Vec<(String, i32, usize)> = json
        .iter()
        .enumerate()
        .map(|(v, j)| (j.type_name.clone(), j.id, v))
        .collect();
    table.sort();
    JsonRoot {
        name: name.to_owned(),
        variants,
        table,
        unknown: "Unknown".to_owned(),
    }
}

/// A function's `Return`: its result's Rust type (TON's `= Object` is the `Object` root).
fn return_type(model: &Model, ty: &Ty, _item: &Item) -> Result<RustType, MissingItem> {
    match ty {
        Ty::AnyObject => Ok(RustType::Object),
        other => Ok(json_value(model, other, "", false)?.0),
    }
}

/// Whether a param's doc marks it nullable: the one rule of the parser
/// ([`tlgen_parser::docs_say_nullable`]: "may be null" or "pass null", in any case), shared
/// with tlgen-dynamic's TDLib JSON.
pub fn doc_says_nullable(doc: &str) -> bool {
    tlgen_parser::docs_say_nullable(doc)
}

/// Whether values of this shape are object pointers in TDLib's and tonlib's C++ (the
/// only values that can be null).
fn is_object(ty: &Ty) -> bool {
    matches!(ty, Ty::Enum(_) | Ty::Bare(_) | Ty::AnyObject)
}

/// One param's JSON form.
fn json_field(model: &Model, field: &Field, tonlib: bool) -> Result<JsonField, MissingItem> {
    let documented_null = !tonlib && field.description.as_deref().is_some_and(doc_says_nullable);
    // A flag bit alone (`flags.N?true`) is a plain `bool`.
    if field.ty == Ty::True {
        return Ok(JsonField {
            name: field.tl_name.clone(),
            value: RustType::Bool,
            marker: JsonMarker::Plain,
            nullable: false,
        });
    }
    let elements_null = documented_null && matches!(field.ty, Ty::Vector { .. });
    let (value, marker) = json_value(model, &field.ty, &field.tl_type, elements_null)?;
    let (value, marker) = if field.boxed {
        (
            RustType::Box(Box::new(value)),
            JsonMarker::Boxed(Box::new(marker)),
        )
    } else {
        (value, marker)
    };
    // A shared tuple's members are `Option` together, in the tuple.
    let shared = matches!(field.role, FieldRole::Shared { .. });
    let nullable = !shared
        && (field.condition.is_some() || (is_object(&field.ty) && (tonlib || documented_null)));
    Ok(JsonField {
        name: field.tl_name.clone(),
        value,
        marker,
        nullable,
    })
}

/// The Rust type and marker of a value of shape `ty`, written `tl` in the schema (which
/// tells `int53` from `int64`); `elements_null`: the innermost object elements of a
/// vector are `Option`.
fn json_value(
    model: &Model,
    ty: &Ty,
    tl: &str,
    elements_null: bool,
) -> Result<(RustType, JsonMarker), MissingItem> {
    Ok(match ty {
        Ty::Long if is_int64(tl) => (RustType::I64, JsonMarker::Int64),
        // tonlib's C++ holds a `#` in an `int32` and reads it with `from_json(int32&)`
        // (`tl/tl/tl_json.h`): a JSON number in i32's range, so `i32` here.
        Ty::Nat => (RustType::I32, JsonMarker::Plain),
        Ty::Bytes => (RustType::Vec(Box::new(RustType::U8)), JsonMarker::Bytes),
        Ty::Int128 => (RustType::ByteArray(16), JsonMarker::Int128),
        Ty::Int256 => (RustType::ByteArray(32), JsonMarker::Int256),
        Ty::Vector { elem, .. } => {
            let (value, marker) = json_value(model, elem, vector_element(tl), elements_null)?;
            (
                RustType::Vec(Box::new(value)),
                JsonMarker::Vector(Box::new(marker)),
            )
        }
        Ty::AnyObject if is_function(tl) => (RustType::Function, JsonMarker::Plain),
        other => {
            let value = model.rust_type(other, crate::model::Twin::Owned)?;
            if elements_null && is_object(other) {
                (
                    RustType::Option(Box::new(value)),
                    JsonMarker::Nullable(Box::new(JsonMarker::Plain)),
                )
            } else {
                (value, JsonMarker::Plain)
            }
        }
    })
}

/// `int64` and `long` are 64-bit strings; `int53` is a JSON number.
fn is_int64(tl: &str) -> bool {
    matches!(tl.trim_start_matches('%'), "int64" | "long")
}

/// TON's `Function` / `function`: any request, the `Function` root.
fn is_function(tl: &str) -> bool {
    matches!(tl.trim_start_matches('%'), "Function" | "function")
}

/// `vector<int64>` → `int64`; anything else stays as it is.
fn vector_element(tl: &str) -> &str {
    let tl = tl.trim();
    for prefix in ["vector<", "Vector<", "%vector<", "%Vector<"] {
        if let Some(inner) = tl.strip_prefix(prefix).and_then(|t| t.strip_suffix('>')) {
            return inner.trim();
        }
    }
    tl
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullability_follows_tdlibs_documentation_generator() {
        assert!(doc_says_nullable("Photo; may be null"));
        assert!(doc_says_nullable("May be null if unknown"));
        assert!(doc_says_nullable(
            "The message reply markup; pass null if none"
        ));
        assert!(!doc_says_nullable(
            "Expected width of the sticker, if the sticker is null"
        ));
        assert!(!doc_says_nullable("must be valid and not null"));
    }

    #[test]
    fn vector_elements_are_found_in_the_written_type() {
        assert_eq!(vector_element("vector<int64>"), "int64");
        assert_eq!(vector_element("vector<vector<int64>>"), "vector<int64>");
        assert!(is_int64(vector_element("Vector<int64>")));
        assert!(!is_int64(vector_element("vector<int53>")));
    }
}
