//! The generated RPC error enums: exhaustive matches on per-method enums, conversions from
//! the `RpcError` Telegram sends (and from the generated `rpc_error`), every documented
//! error checked against the documentation dump, and losslessness for anything undocumented.

#![cfg(feature = "method-errors")]

use tlgen_types::errors::payments::{RefundStarsChargeError, SendStarsFormError};
use tlgen_types::errors::{documented_error, documented_errors, Error, MethodError};
use tlgen_types::{enums, functions, types, Deserializable, RpcError, TypedErrors};

/// Compile-time: the error type is reachable from the function type (`errors::Error` on
/// tlgen-types, whose per-method enums sit behind a feature), and converts into `E`, the
/// method's own enum.
fn error_of<C: TypedErrors, E: From<C::Error>>(error: RpcError) -> E {
    C::Error::from(error).into()
}

#[test]
fn send_stars_form_has_its_24_documented_errors() {
    let e: SendStarsFormError =
        error_of::<functions::payments::SendStarsForm, _>(RpcError::new(400, "BALANCE_TOO_LOW"));
    // An exhaustive match: adding or removing a documented error breaks this test.
    let described = match e {
        SendStarsFormError::ApiGiftRestrictedUpdateApp => 406,
        SendStarsFormError::BalanceTooLow => 400,
        SendStarsFormError::BotAccessForbidden => 403,
        SendStarsFormError::BotInvoiceInvalid
        | SendStarsFormError::BusinessConnectionInvalid
        | SendStarsFormError::FormExpired
        | SendStarsFormError::FormIdEmpty
        | SendStarsFormError::FormSubmitDuplicate
        | SendStarsFormError::FormUnsupported
        | SendStarsFormError::GiftStarsInvalid
        | SendStarsFormError::MediaAlreadyPaid
        | SendStarsFormError::MonthInvalid
        | SendStarsFormError::PeerIdInvalid
        | SendStarsFormError::PurposeInvalid
        | SendStarsFormError::StargiftAlreadyUpgraded
        | SendStarsFormError::StargiftNotFound
        | SendStarsFormError::StargiftOwnerInvalid
        | SendStarsFormError::StargiftSlugInvalid
        | SendStarsFormError::StargiftUsageLimited
        | SendStarsFormError::StargiftUserUsageLimited
        | SendStarsFormError::ToIdInvalid
        | SendStarsFormError::UserIdInvalid => 400,
        SendStarsFormError::PrecheckoutFailed | SendStarsFormError::StarsFormAmountMismatch => 406,
        SendStarsFormError::Global(global) => global.code(),
        SendStarsFormError::Other(other) => other.code,
    };
    assert_eq!(described, 400);
    assert_eq!(SendStarsFormError::BalanceTooLow.code(), 400);
    assert_eq!(SendStarsFormError::PrecheckoutFailed.code(), 406);
    assert_eq!(SendStarsFormError::BotAccessForbidden.code(), 403);
}

#[test]
fn refund_stars_charge_has_the_page_errors_and_the_dump_one() {
    let cases = [
        (
            "CHARGE_ALREADY_REFUNDED",
            RefundStarsChargeError::ChargeAlreadyRefunded,
        ),
        ("USER_BOT_REQUIRED", RefundStarsChargeError::UserBotRequired),
        ("USER_ID_INVALID", RefundStarsChargeError::UserIdInvalid),
        ("CHARGE_ID_EMPTY", RefundStarsChargeError::ChargeIdEmpty),
    ];
    for (name, expected) in cases {
        let e: RefundStarsChargeError =
            error_of::<functions::payments::RefundStarsCharge, _>(RpcError::new(400, name));
        assert_eq!(e, expected);
        assert_eq!(e.to_error().name(), name);
    }
    // Exhaustive: exactly those four plus the catch-all.
    match RefundStarsChargeError::ChargeIdEmpty {
        RefundStarsChargeError::ChargeAlreadyRefunded
        | RefundStarsChargeError::UserBotRequired
        | RefundStarsChargeError::UserIdInvalid
        | RefundStarsChargeError::ChargeIdEmpty
        | RefundStarsChargeError::Global(_)
        | RefundStarsChargeError::Other(_) => {}
    }
}

#[test]
fn global_errors_reach_every_method_one_level_deep() {
    let e: SendStarsFormError = RpcError::new(420, "FLOOD_WAIT_30").into();
    assert_eq!(
        e,
        SendStarsFormError::Global(Error::FloodWait { value: 30 })
    );
    assert_eq!(e.value(), Some(30));
    assert_eq!(e.code(), 420);
    assert_eq!(
        e.to_string(),
        RpcError::new(420, "FLOOD_WAIT_30").to_string()
    );

    let e: Error = RpcError::new(420, "FLOOD_PREMIUM_WAIT_5").into();
    assert_eq!(e, Error::FloodPremiumWait { value: 5 });
    assert_eq!(e.value(), Some(5));
    assert_eq!(e.name(), "FLOOD_PREMIUM_WAIT_%d");

    let e: Error = RpcError::new(303, "PHONE_MIGRATE_4").into();
    assert_eq!(e, Error::PhoneMigrate { value: 4 });
    assert_eq!(e.code(), 303);

    let e: Error = RpcError::new(401, "AUTH_KEY_UNREGISTERED").into();
    assert_eq!(e, Error::AuthKeyUnregistered);
    assert!(e.description().is_some());

    let e: Error = RpcError::new(-503, "Timeout").into();
    assert_eq!(e, Error::Timeout);

    let e: Error = RpcError::new(420, "2FA_CONFIRM_WAIT_3600").into();
    assert_eq!(e, Error::TwoFaConfirmWait { value: 3600 });
}

#[test]
fn anything_undocumented_stays_lossless() {
    for (code, message) in [
        (400, "SOMETHING_NEW_AND_UNDOCUMENTED"),
        (500, "Invalid msgs_ack query"),
        (403, "BALANCE_TOO_LOW"), // a documented name with another code
        (-500, "INTERNAL"),
        (400, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"), // documented as 406
        (406, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN"),  // no number
    ] {
        let original = RpcError::new(code, message);
        let e: Error = original.clone().into();
        assert_eq!(e, Error::Other(original.clone()), "{code} {message}");
        assert_eq!(e.to_rpc_error().message(), message);
        let specific: SendStarsFormError = original.clone().into();
        assert_eq!(specific, SendStarsFormError::Other(original.clone()));
        assert_eq!(
            tlgen_types::errors::Error::from(specific).to_rpc_error(),
            original
        );
    }
}

#[test]
fn known_errors_rebuild_their_original_message() {
    for (code, message) in [
        (420, "FLOOD_WAIT_30"),
        (400, "BALANCE_TOO_LOW"),
        (303, "USER_MIGRATE_2"),
    ] {
        let e: Error = RpcError::new(code, message).into();
        assert!(!matches!(e, Error::Other(_)), "{message} should be known");
        assert_eq!(e.to_rpc_error().message(), message);
        assert_eq!(e.to_rpc_error().code, code);
    }
}

#[test]
fn functions_without_documented_errors_use_the_crate_wide_enum() {
    let e: Error = error_of::<functions::ReqPq, _>(RpcError::new(420, "FLOOD_WAIT_1"));
    assert_eq!(e, Error::FloodWait { value: 1 });
}

/// `rpc_error#2144ca19 error_code:int error_message:string`, as Telegram sends it.
fn rpc_error_bytes(code: i32, message: &str) -> Vec<u8> {
    let mut bytes = 0x2144_ca19_u32.to_le_bytes().to_vec();
    bytes.extend(code.to_le_bytes());
    let len = u8::try_from(message.len()).unwrap();
    bytes.push(len);
    bytes.extend(message.as_bytes());
    while bytes.len() % 4 != 0 {
        bytes.push(0);
    }
    bytes
}

/// The generated `rpc_error` converts into the runtime's `RpcError` and `errors::Error` in one
/// step, and into a method's enum through `RpcError` (no `From` impl per method enum).
#[test]
fn the_generated_rpc_error_converts_in_one_step() {
    let bytes = rpc_error_bytes(420, "FLOOD_WAIT_30");
    let boxed = enums::RpcError::from_bytes(&bytes).unwrap();
    let enums::RpcError::RpcError(bare) = boxed.clone();

    let e: SendStarsFormError = RpcError::from(boxed.clone()).into();
    assert_eq!(
        e,
        SendStarsFormError::Global(Error::FloodWait { value: 30 })
    );
    let e: SendStarsFormError = RpcError::from(bare.clone()).into();
    assert_eq!(
        e,
        SendStarsFormError::Global(Error::FloodWait { value: 30 })
    );
    let e: Error = bare.clone().into();
    assert_eq!(e, Error::FloodWait { value: 30 });

    let runtime: RpcError = boxed.into();
    assert_eq!(runtime, RpcError::from_bytes(&bytes).unwrap());
    assert_eq!(
        (runtime.name.as_str(), runtime.value),
        ("FLOOD_WAIT", Some(30))
    );

    let unknown = types::RpcError {
        error_code: 400,
        error_message: "BRAND_NEW_ERROR".into(),
    };
    let e: SendStarsFormError = RpcError::from(unknown).into();
    assert_eq!(
        e,
        SendStarsFormError::Other(RpcError::new(400, "BRAND_NEW_ERROR"))
    );

    let e: SendStarsFormError = RpcError::from(types::RpcError {
        error_code: 400,
        error_message: "BALANCE_TOO_LOW".into(),
    })
    .into();
    assert_eq!(e, SendStarsFormError::BalanceTooLow);
}

/// The documentation dump the generator read, checked in at `schema/docs/getdoc.json`.
fn dump() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/docs/getdoc.json");
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `FLOOD_WAIT_%d` → `FLOOD_WAIT_7`: a message Telegram could send for a documented name.
fn sample_message(name: &str) -> String {
    name.replace("%d", "7")
}

/// Every method's documented errors in the dump are variants of its error enum, with the
/// code and name of the dump, and each of them converts from the `RpcError` Telegram would
/// send into exactly that error (not `Global`, not `Other`).
#[test]
fn every_documented_error_matches_the_documentation_dump() {
    let dump = dump();
    let schema = [
        include_str!("../../schema/api.tl"),
        include_str!("../../schema/mtproto.tl"),
    ]
    .concat();
    let in_schema = |method: &str| {
        schema
            .lines()
            .any(|line| line.starts_with(&format!("{method}#")))
    };
    let methods = dump["methods"].as_object().unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for (method, doc) in methods {
        let Some(errors) = doc["errors"].as_array().filter(|e| !e.is_empty()) else {
            continue;
        };
        if !in_schema(method) {
            continue; // removed from the layer since the dump was taken
        }
        let Some(ours) = documented_errors(method) else {
            problems.push(format!("{method}: no error enum"));
            continue;
        };
        for error in errors {
            let code = i32::try_from(error["code"].as_i64().unwrap()).unwrap();
            let name = error["type"].as_str().unwrap();
            if !ours.contains(&(code, name)) {
                problems.push(format!("{method}: {code} {name} is not a variant"));
            }
            checked += 1;
        }
    }
    assert!(checked > 2000, "only {checked} errors in the dump");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each variant of every per-method enum converts from the `RpcError` Telegram would send
/// with its documented code and name (not `Global`, not `Other`), and back to that message.
#[test]
fn every_variant_converts_from_its_own_code_and_name() {
    let dump = dump();
    let mut problems = Vec::new();
    let mut variants = 0;
    for method in dump["methods"].as_object().unwrap().keys() {
        for &(code, name) in documented_errors(method).unwrap_or_default() {
            variants += 1;
            let received = RpcError::new(code, &sample_message(name));
            match documented_error(method, received.clone()) {
                Some(found) if found == (code, name) => {}
                other => problems.push(format!("{method}: {code} {name} converts to {other:?}")),
            }
            // Through the crate-wide enum and back: the same code and message.
            let e = Error::from(received.clone());
            let back = e.to_rpc_error();
            if back.message() != received.message() || back.code != code {
                problems.push(format!("{method}: {code} {name} rebuilds as {back:?}"));
            }
        }
    }
    assert!(variants > 2000, "only {variants} variants");
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The table is the enums' own: one method's list, variant by variant.
    let table = documented_errors("payments.sendStarsForm").unwrap();
    assert_eq!(table, SendStarsFormError::DOCUMENTED);
    assert_eq!(table.len(), 24);
    for &(code, name) in table {
        let e: SendStarsFormError = RpcError::new(code, name).into();
        assert_eq!(e.documented(), Some((code, name)));
        assert_eq!(e.code(), code);
    }
    assert_eq!(documented_errors("no.suchMethod"), None);
    assert_eq!(
        documented_error("payments.sendStarsForm", RpcError::new(420, "FLOOD_WAIT_3")),
        None
    );
}

/// A method that documents a known name with another code than the crate-wide entry has
/// a variant for its own code; the crate-wide code stays `Global`, and both round-trip.
#[test]
fn a_method_code_that_differs_from_the_global_one_has_its_own_variant() {
    use tlgen_types::errors::account::UpdateColorError;

    let global = Error::from(RpcError::new(400, "PREMIUM_ACCOUNT_REQUIRED"));
    assert_eq!(global, Error::PremiumAccountRequired);
    assert!(UpdateColorError::DOCUMENTED.contains(&(403, "PREMIUM_ACCOUNT_REQUIRED")));

    let own: UpdateColorError = RpcError::new(403, "PREMIUM_ACCOUNT_REQUIRED").into();
    assert_eq!(own, UpdateColorError::PremiumAccountRequired);
    assert_eq!(own.code(), 403);
    assert_eq!(
        Error::from(own.clone()).to_rpc_error(),
        RpcError::new(403, "PREMIUM_ACCOUNT_REQUIRED")
    );
    assert_eq!(UpdateColorError::from(Error::from(own.clone())), own);

    let other_code: UpdateColorError = RpcError::new(400, "PREMIUM_ACCOUNT_REQUIRED").into();
    assert_eq!(
        other_code,
        UpdateColorError::Global(Error::PremiumAccountRequired)
    );
}

/// A number inside a word (`PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN`): `RpcError` keeps the
/// message whole, and the generated enums still find the error and its number.
#[test]
fn a_number_inside_a_word_is_found() {
    let received = RpcError::new(406, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN");
    assert_eq!(received.value, None);
    let e = Error::from(received.clone());
    assert_eq!(e, Error::PreviousChatImportActiveWaitMin { value: 5 });
    assert_eq!(e.value(), Some(5));
    assert_eq!(e.to_rpc_error(), received);
    let e: tlgen_types::errors::messages::InitHistoryImportError = received.into();
    assert_eq!(
        e,
        tlgen_types::errors::messages::InitHistoryImportError::PreviousChatImportActiveWaitMin {
            value: 5
        }
    );
}
