//! The public model: paths, Rust types and signatures as the generated code has them.

use quote::ToTokens;
use tlgen_codegen::model::{self, Associated, ItemPath, Model, PathKind, RustType, Twin, WireKind};
use tlgen_codegen::NoDocs;

fn lower(text: &str) -> Model {
    let schema = tlgen_parser::parse(text);
    assert!(!schema.has_errors(), "{:?}", schema.diagnostics);
    model::lower(&schema, &NoDocs).unwrap_or_else(|e| panic!("{e:?}"))
}

fn tokens(t: impl ToTokens) -> String {
    t.to_token_stream().to_string().replace(' ', "")
}

const SCHEMA: &str = "\
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;
payments.paymentResult#4e5f810d flags:# silent:flags.0?true views:flags.0?int forwards:flags.0?int \
    note:flags.1?string next:flags.2?payments.PaymentResult type:int = payments.PaymentResult;
---functions---
invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
payments.getResult#11111111 id:long = Vector<payments.PaymentResult>;
";

#[test]
fn paths_render_from_the_root_and_from_below_it() {
    let m = lower(SCHEMA);
    let e = &m.enums[0].path;
    assert_eq!(e.kind, PathKind::Enums);
    assert_eq!(e.to_string(), "enums::payments::PaymentResult");
    assert_eq!(tokens(e), "enums::payments::PaymentResult");
    assert_eq!(
        tokens(e.relative(2)),
        "super::super::enums::payments::PaymentResult"
    );
    assert_eq!(
        e.with_kind(PathKind::BorrowedEnums).to_string(),
        "borrowed::enums::payments::PaymentResult"
    );
    let f = &m.functions[1];
    assert_eq!(
        f.error_enum().to_string(),
        "errors::payments::GetResultError"
    );
    let keyword = ItemPath {
        kind: PathKind::Types,
        modules: vec!["type".into()],
        name: "Self".into(),
    };
    assert_eq!(keyword.to_string(), "types::r#type::Self_");
}

#[test]
fn signatures_hold_fields_shared_bits_boxes_and_implied_flags() {
    let m = lower(SCHEMA);
    let item = &m.constructors[0];
    let sig = m.signature(item, Twin::Owned).unwrap();
    let fields: Vec<(String, String)> = sig
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.ty.to_string()))
        .collect();
    assert_eq!(
        fields,
        [
            ("views_and_forwards".into(), "Option<(i32, i32)>".into()),
            ("note".into(), "Option<String>".into()),
            (
                "next".into(),
                "Option<Box<enums::payments::PaymentResult>>".into()
            ),
            ("type".into(), "i32".into()),
        ]
    );
    assert!(matches!(sig.fields[0].wire, WireKind::SharedBit(0)));
    assert_eq!(sig.methods.len(), 1);
    assert_eq!(sig.methods[0].name, "silent");
    assert_eq!(sig.returns, None);
    // Rendered from `types::payments`, two levels down.
    assert_eq!(
        tokens(sig.fields[2].ty.relative(2)),
        "Option<Box<super::super::enums::payments::PaymentResult>>"
    );
}

#[test]
fn borrowed_types_and_returns() {
    let m = lower(SCHEMA);
    let item = &m.constructors[0];
    assert!(m.borrows.constructors[0]);
    let sig = m.signature(item, Twin::Borrowed).unwrap();
    assert_eq!(sig.fields[1].ty.to_string(), "Option<&'a str>");
    assert_eq!(
        sig.fields[2].ty.to_string(),
        "Option<Box<borrowed::enums::payments::PaymentResult<'a>>>"
    );
    let generic = m.signature(&m.functions[0], Twin::Owned).unwrap();
    assert_eq!(
        generic.returns,
        Some(RustType::Associated("X".into(), Associated::Return))
    );
    assert_eq!(generic.fields[1].ty.to_string(), "X");
    let vector = m.signature(&m.functions[1], Twin::Owned).unwrap();
    assert_eq!(
        vector.returns.map(|t| t.to_string()).as_deref(),
        Some("Vec<enums::payments::PaymentResult>")
    );
    assert_eq!(
        m.rust_type(&model::Ty::Bytes, Twin::Owned)
            .unwrap()
            .to_string(),
        "Vec<u8>"
    );
}

#[test]
fn a_type_naming_a_missing_item_is_an_error_not_a_placeholder() {
    let mut m = lower(SCHEMA);
    // A model edited by hand: the function's result and a param name items it lacks.
    let enums = m.enums.len();
    assert_eq!(
        m.rust_type(&model::Ty::Enum(enums), Twin::Owned),
        Err(model::MissingItem::Enum(enums))
    );
    let vector = model::Ty::Vector {
        bare: false,
        elem: Box::new(model::Ty::Bare(99)),
    };
    assert_eq!(
        m.rust_type(&vector, Twin::Borrowed),
        Err(model::MissingItem::Constructor(99))
    );
    let old = m.clone();
    m.functions[1].result = model::ItemResult::Function(model::Ty::Enum(enums));
    let function = &m.functions[1];
    assert_eq!(
        m.signature(function, Twin::Owned).err(),
        Some(model::MissingItem::Enum(enums))
    );
    assert_eq!(
        model::api_diff::diff(&old, &m),
        Err(model::MissingItem::Enum(enums))
    );
}
