//! `tlgen-types`' `serde` feature speaks canonical TL-JSON: for every constructor and function
//! sample, `serde_json::to_value` of the generated value equals the JSON `tlgen-dynamic` gives
//! for its bytes, and `serde_json::from_value` reads it back to an equal value — through
//! `Object` (any boxed value) and through a concrete enum and struct.

use serde_json::json;
use tl_integration_tests::on_big_stack;
use tl_integration_tests::sample::{Catalog, Coverage, Mode};
use tlgen_dynamic::{Schema, Type};
use tlgen_parser::{Category, Definition};
use tlgen_types::{enums, functions, types, Deserializable, Object, Serializable};

const MODES: [Mode; 3] = Mode::BASIC;

fn check(schema: &Schema, def: &Definition, bytes: &[u8]) -> Result<(), String> {
    let ty = match def.category {
        Category::Type => Type::OBJECT,
        Category::Function => Type::FUNCTION,
    };
    let dynamic = schema
        .decode_as(bytes, &ty)
        .map_err(|e| format!("dynamic: {e}"))?;
    let expected = serde_json::to_value(schema.json(&dynamic)).map_err(|e| e.to_string())?;
    let object = Object::from_bytes(bytes).map_err(|e| format!("static: {e}"))?;
    let actual = serde_json::to_value(&object).map_err(|e| format!("serialize: {e}"))?;
    if actual != expected {
        return Err(format!(
            "JSON differs:\n static: {actual}\ndynamic: {expected}"
        ));
    }
    let back: Object = serde_json::from_value(actual).map_err(|e| format!("deserialize: {e}"))?;
    if back != object {
        return Err("read back to a different value".into());
    }
    Ok(())
}

fn run<'a>(
    defs: impl Iterator<Item = &'a Definition<'static>>,
    schema: &Schema,
    catalog: &Catalog,
) -> usize {
    let mut coverage = Coverage::default();
    let mut failures = Vec::new();
    let mut samples = 0;
    for def in defs {
        for mode in MODES {
            let bytes = catalog.sample(def, mode, &mut coverage);
            samples += 1;
            if let Err(e) = check(schema, def, &bytes) {
                failures.push(format!("{} [{mode}]: {e}", def.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {samples} samples failed:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    samples
}

#[test]
fn every_sample_serializes_as_the_dynamic_json_and_reads_back() {
    let samples = on_big_stack(|| {
        let catalog = Catalog::load();
        let schema = Schema::from_parsed(&catalog.schema).expect("the dynamic schema builds");
        run(catalog.constructors(), &schema, &catalog) + run(catalog.functions(), &schema, &catalog)
    });
    assert_eq!(samples, (1750 + 860) * MODES.len());
}

#[test]
fn a_struct_and_a_function_in_canonical_json() {
    let call = functions::payments::SendStarsForm {
        form_id: 42,
        invoice: enums::InputInvoice::Slug(types::InputInvoiceSlug {
            slug: "gift".into(),
        }),
    };
    let expected = json!({
        "_": "payments.sendStarsForm",
        "form_id": "42",
        "invoice": {"_": "inputInvoiceSlug", "slug": "gift"}
    });
    assert_eq!(serde_json::to_value(&call).unwrap(), expected);
    let back: functions::payments::SendStarsForm = serde_json::from_value(expected).unwrap();
    assert_eq!(back, call);
    assert_eq!(back.to_bytes(), call.to_bytes());
}

#[test]
fn a_value_of_another_constructor_is_refused() {
    let json = json!({"_": "inputInvoiceSlug", "slug": "gift"});
    let err = serde_json::from_value::<types::InputInvoiceMessage>(json).unwrap_err();
    assert!(
        err.to_string()
            .contains("unexpected constructor 0xc326caef for inputInvoiceMessage"),
        "{err}"
    );
}
