//! The typed RPC errors as data: the variants of `errors::Error`, the `rpc_error` bridge,
//! and the `Error` associated type of each function's `RemoteCall`.

use crate::docs_source::ErrorRef;
use crate::model::naming;
use crate::model::{Associated, MissingItem, Twin};
use crate::model::{FieldRole, Item, ItemPath, ItemResult, Model, PathKind, RustType, Ty};

/// One RPC error of the generated `errors::Error` enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The documented error.
    pub doc: ErrorRef,
    /// The Rust variant name, unique in the enum.
    pub variant: String,
    /// The name the runtime's `RpcError` parser yields: the documented one without `_%d`.
    pub runtime_name: String,
    /// Carries a number (`FLOOD_WAIT_%d`).
    pub parameterised: bool,
}

/// Sorts and names the errors: variant names unique over the whole set.
pub(super) fn error_variants(mut errors: Vec<ErrorRef>) -> Vec<ErrorVariant> {
    errors.sort_by(|a, b| a.name.cmp(&b.name));
    errors.dedup_by(|a, b| a.name == b.name);
    let names = naming::error_variant_names(errors.iter().map(|e| e.name.as_str()));
    errors
        .into_iter()
        .map(|doc| ErrorVariant {
            variant: names
                .get(&doc.name)
                .cloned()
                .unwrap_or_else(|| naming::error_variant_name(&doc.name)),
            runtime_name: doc.name.replace("_%d", ""),
            parameterised: naming::is_parameterised(&doc.name),
            doc,
        })
        .collect()
}

/// The schema's `rpc_error error_code:int error_message:string` constructor (Telegram's),
/// found by that name and shape: the generated `types::RpcError` (and `enums::RpcError`,
/// when it is its type's only constructor) convert into the runtime's `RpcError` and the
/// typed errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcErrorBridge {
    /// The index of the constructor in [`Model::constructors`].
    pub constructor: usize,
    /// The Rust names of its `error_code` and `error_message` fields.
    pub fields: (String, String),
    /// When it is its type's only constructor: the index of that type in [`Model::enums`],
    /// and the variant name.
    pub boxed: Option<(usize, String)>,
}

impl RpcErrorBridge {
    /// The bridge of `model`, when its schema has `rpc_error` with exactly the fields
    /// `error_code:int error_message:string`, plain (no flag, no box, no generics).
    pub fn of(model: &Model) -> Option<RpcErrorBridge> {
        let (constructor, item) =
            (model.constructors.iter().enumerate()).find(|(_, c)| c.tl_name == "rpc_error")?;
        let plain = (item.fields.iter())
            .all(|f| f.condition.is_none() && !f.boxed && f.role == FieldRole::Own);
        let [code, message] = item.fields.as_slice() else {
            return None;
        };
        let shape = [
            (code.tl_name.as_str(), &code.ty),
            (message.tl_name.as_str(), &message.ty),
        ];
        if !plain
            || shape != [("error_code", &Ty::Int), ("error_message", &Ty::String)]
            || item.is_generic()
        {
            return None;
        }
        let boxed = match item.result {
            ItemResult::Constructor(index) => model.enums.get(index).map(|ty| (index, ty)),
            ItemResult::Function(_) => None,
        };
        let boxed = boxed
            .filter(|(_, ty)| ty.variants.len() == 1)
            .and_then(|(index, ty)| Some((index, ty.variants.first()?.0.clone())));
        Some(RpcErrorBridge {
            constructor,
            fields: (code.name.clone(), message.name.clone()),
            boxed,
        })
    }
}

/// `errors::Error`: every known RPC error.
pub fn global_error() -> ItemPath {
    ItemPath {
        kind: PathKind::Errors,
        modules: Vec::new(),
        name: "Error".to_owned(),
    }
}

impl Item {
    /// The path of a function's error enum in `errors`: `errors::payments::SendStarsFormError`.
    pub fn error_enum(&self) -> ItemPath {
        ItemPath {
            kind: PathKind::Errors,
            modules: self.path.modules.clone(),
            name: naming::error_enum_name(&self.path.name),
        }
    }
}

impl Model {
    /// The `Error` associated type of a function's `RemoteCall`: a generic function without
    /// documented errors answers with its query's (`X::Error`); a function with documented
    /// errors with its own enum when `own_enum` (the per-method enums always generated);
    /// any other with `errors::Error`.
    pub fn error_type(&self, item: &Item, own_enum: bool) -> RustType {
        match &item.result {
            ItemResult::Function(Ty::Generic(g)) if item.errors.is_empty() => {
                RustType::Associated(g.clone(), Associated::Error)
            }
            _ if item.errors.is_empty() || !own_enum => RustType::Item(global_error()),
            _ => RustType::Item(item.error_enum()),
        }
    }

    /// The `BorrowedReturn<'a>` of a function's `RemoteCallBorrowed`: its return type's
    /// borrowed twin, the owned type when that borrows nothing, the query's for a generic
    /// function; `None` for a constructor.
    pub fn borrowed_return(&self, item: &Item) -> Result<Option<RustType>, MissingItem> {
        let ItemResult::Function(ret) = &item.result else {
            return Ok(None);
        };
        Ok(Some(match ret {
            Ty::Generic(g) => RustType::Associated(g.clone(), Associated::BorrowedReturn),
            ty if self.borrows.ty(ty) => self.rust_type(ty, Twin::Borrowed)?,
            ty => self.rust_type(ty, Twin::Owned)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoDocs;

    fn model(source: &str) -> Model {
        crate::model::lower(&tlgen_parser::parse(source), &NoDocs).unwrap()
    }

    #[test]
    fn rpc_error_is_bridged_by_its_shape() {
        let model = model("ok = Ok;\nrpc_error error_code:int error_message:string = RpcError;");
        let bridge = model.rpc_error.expect("a bridge");
        assert_eq!(bridge.constructor, 1);
        assert_eq!(
            bridge.fields,
            ("error_code".to_owned(), "error_message".to_owned())
        );
        assert_eq!(bridge.boxed, Some((1, "RpcError".to_owned())));
    }

    #[test]
    fn another_shape_or_a_second_constructor_is_not() {
        let retyped = model("rpc_error error_code:long error_message:string = RpcError;");
        assert_eq!(retyped.rpc_error, None);
        let two = model(
            "rpc_error error_code:int error_message:string = RpcError;\nrpcOther = RpcError;",
        );
        assert_eq!(two.rpc_error.and_then(|b| b.boxed), None);
    }

    #[test]
    fn the_error_type_follows_the_documented_errors() {
        let mut model = model("ok = Ok;\n---functions---\nping = Ok;\ninvoke {X:Type} q:!X = X;");
        let (ping, invoke) = (&model.functions[0], &model.functions[1]);
        assert_eq!(model.error_type(ping, true), RustType::Item(global_error()));
        assert_eq!(model.error_type(invoke, true).to_string(), "X::Error",);
        model.functions[0].errors.push(ErrorRef {
            code: 400,
            name: "PING_INVALID".to_owned(),
            description: String::new(),
        });
        let ping = &model.functions[0];
        assert_eq!(
            model.error_type(ping, true).to_string(),
            "errors::PingError"
        );
        assert_eq!(model.error_type(ping, false).to_string(), "errors::Error");
    }

    #[test]
    fn a_generic_function_borrows_its_querys_return() {
        let model =
            model("ok s:string = Ok;\n---functions---\nping = Ok;\ninvoke {X:Type} q:!X = X;");
        let ping = model
            .borrowed_return(&model.functions[0])
            .unwrap()
            .map(|t| t.to_string());
        assert_eq!(ping.as_deref(), Some("borrowed::enums::Ok<'a>"));
        let invoke = model
            .borrowed_return(&model.functions[1])
            .unwrap()
            .map(|t| t.to_string());
        assert_eq!(invoke.as_deref(), Some("X::BorrowedReturn<'a>"));
    }
}
