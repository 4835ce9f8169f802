//! With `errors` (a default feature), every function's `TypedErrors::Error` is the crate-wide
//! `errors::Error`, with or without `method-errors`: a cargo feature must not change a type,
//! so turning the per-method enums on in one crate cannot break another's `match`.

#![cfg(feature = "errors")]

use tlgen_types::errors::Error;
use tlgen_types::{functions, RpcError, TypedErrors};

/// `rpc_error#2144ca19 error_code:int error_message:string` as Telegram sends it.
fn rpc_error(code: i32, message: &str) -> Vec<u8> {
    let mut bytes = 0x2144_ca19_u32.to_le_bytes().to_vec();
    bytes.extend_from_slice(&code.to_le_bytes());
    bytes.push(message.len() as u8);
    bytes.extend_from_slice(message.as_bytes());
    while bytes.len() % 4 != 0 {
        bytes.push(0);
    }
    bytes
}

#[test]
fn a_documented_error_is_its_variant_of_the_crate_wide_enum() {
    // The annotation is the compile-time half of the test.
    let e: Error = functions::payments::SendStarsForm::decode_typed_response(&rpc_error(
        400,
        "BALANCE_TOO_LOW",
    ))
    .unwrap()
    .unwrap_err();
    assert_eq!(e, Error::BalanceTooLow);
    assert_eq!((e.code(), e.name()), (400, "BALANCE_TOO_LOW"));
}

#[test]
fn a_global_error_keeps_its_number_and_an_unknown_one_its_message() {
    let e: Error =
        functions::messages::GetHistory::decode_typed_response(&rpc_error(420, "FLOOD_WAIT_30"))
            .unwrap()
            .unwrap_err();
    assert_eq!(e, Error::FloodWait { value: 30 });
    assert_eq!(e.to_rpc_error(), RpcError::new(420, "FLOOD_WAIT_30"));

    let e: Error =
        functions::updates::GetState::decode_typed_response(&rpc_error(400, "BRAND_NEW_ERROR_7"))
            .unwrap()
            .unwrap_err();
    assert_eq!(e, Error::Other(RpcError::new(400, "BRAND_NEW_ERROR_7")));
}

/// Error messages come from the network: the table lookup and the in-word numbers must take
/// anything — empty, numbers out of range, signs, partial patterns, control bytes, a
/// megabyte — without a panic, and an unknown one stays `Other` with the message as received.
#[test]
fn hostile_error_messages_convert_without_panicking() {
    let long = "A".repeat(1 << 20);
    let messages = [
        "",
        "_",
        "%d",
        "FLOOD_WAIT",
        "FLOOD_WAIT_",
        "FLOOD_WAIT_-1",
        "FLOOD_WAIT_4294967296",
        "FLOOD_WAIT_99999999999999999999999",
        "FLOOD_WAIT_1_2",
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN",
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_99999999999MIN",
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5",
        "\u{0}\u{1}\u{7f}",
        "ÿÿÿ_%d_",
        long.as_str(),
    ];
    for code in [i32::MIN, -503, 0, 400, 420, i32::MAX] {
        for message in messages {
            let received = RpcError::new(code, message);
            let e = Error::from(received.clone());
            if let Error::Other(kept) = &e {
                assert_eq!(kept, &received, "{code} {message:.40}");
            }
            // Every accessor answers.
            let _ = (
                e.code(),
                e.name(),
                e.value(),
                e.description(),
                e.to_string(),
            );
        }
    }
    // Out of range is no number: not `FloodWait`.
    assert!(matches!(
        Error::from(RpcError::new(420, "FLOOD_WAIT_4294967296")),
        Error::Other(_)
    ));
}
