//! The generated RPC error enums: exhaustive matches on per-method enums, conversions from
//! the `RpcError` Telegram sends, and losslessness for anything undocumented.

#![cfg(feature = "errors")]

use tl_types::errors::payments::{RefundStarsChargeError, SendStarsFormError};
use tl_types::errors::Error;
use tl_types::{functions, RpcError, TypedErrors};

/// Compile-time: the error type is reachable from the function type.
fn error_of<C: TypedErrors>(error: RpcError) -> C::Error {
    error.into()
}

#[test]
fn send_stars_form_has_its_24_documented_errors() {
    let e: SendStarsFormError =
        error_of::<functions::payments::SendStarsForm>(RpcError::new(400, "BALANCE_TOO_LOW"));
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
        SendStarsFormError::Other(other) => other.code(),
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
        let e = error_of::<functions::payments::RefundStarsCharge>(RpcError::new(400, name));
        assert_eq!(e, expected);
        assert_eq!(e.to_error().name(), name);
    }
    // Exhaustive: exactly those four plus the catch-all.
    match RefundStarsChargeError::ChargeIdEmpty {
        RefundStarsChargeError::ChargeAlreadyRefunded
        | RefundStarsChargeError::UserBotRequired
        | RefundStarsChargeError::UserIdInvalid
        | RefundStarsChargeError::ChargeIdEmpty
        | RefundStarsChargeError::Other(_) => {}
    }
}

#[test]
fn global_errors_reach_every_method_through_other() {
    let e: SendStarsFormError = RpcError::new(420, "FLOOD_WAIT_30").into();
    assert_eq!(e, SendStarsFormError::Other(Error::FloodWait { value: 30 }));
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
        (400, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
    ] {
        let original = RpcError::new(code, message);
        let e: Error = original.clone().into();
        assert_eq!(e, Error::Other(original.clone()), "{code} {message}");
        assert_eq!(e.to_rpc_error().message(), message);
        let specific: SendStarsFormError = original.clone().into();
        assert_eq!(
            tl_types::errors::Error::from(specific).to_rpc_error(),
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
    let e: Error = error_of::<functions::ReqPq>(RpcError::new(420, "FLOOD_WAIT_1"));
    assert_eq!(e, Error::FloodWait { value: 1 });
}
