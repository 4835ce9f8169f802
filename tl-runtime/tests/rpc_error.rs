//! `RpcError`: message parsing, classes, helpers, and decoding from
//! hand-written `rpc_error#2144ca19` bytes.

use proptest::prelude::*;
use tlgen_runtime::__private::PARAMETERISED;
use tlgen_runtime::{
    DecodeError, DecodeErrorKind, Deserializable, ErrorClass, Identifiable, RpcError, Serializable,
};

/// Checks the name, value and preserved message of `RpcError::new(code, message)`.
fn check(code: i32, message: &str, name: &str, value: Option<u32>) -> RpcError {
    let err = RpcError::new(code, message);
    assert_eq!(err.code, code, "{message}");
    assert_eq!(err.name, name, "{message}");
    assert_eq!(err.value, value, "{message}");
    assert_eq!(err.message(), message);
    err
}

#[test]
fn trailing_numbers_of_known_errors_are_values() {
    let err = check(420, "FLOOD_WAIT_30", "FLOOD_WAIT", Some(30));
    assert_eq!(err.flood_wait_seconds(), Some(30));
    assert_eq!(err.class(), ErrorClass::Flood);
    assert_eq!(err.to_string(), "420 FLOOD_WAIT (value: 30)");

    let err = check(420, "FLOOD_PREMIUM_WAIT_5", "FLOOD_PREMIUM_WAIT", Some(5));
    assert_eq!(err.flood_wait_seconds(), Some(5));
    let err = check(420, "SLOWMODE_WAIT_300", "SLOWMODE_WAIT", Some(300));
    assert_eq!(err.flood_wait_seconds(), Some(300));
    let err = check(420, "2FA_CONFIRM_WAIT_3600", "2FA_CONFIRM_WAIT", Some(3600));
    assert_eq!(err.flood_wait_seconds(), None);
    check(
        420,
        "TAKEOUT_INIT_DELAY_86400",
        "TAKEOUT_INIT_DELAY",
        Some(86400),
    );
    check(400, "EMAIL_UNCONFIRMED_6", "EMAIL_UNCONFIRMED", Some(6));
    check(
        400,
        "PASSWORD_TOO_FRESH_100",
        "PASSWORD_TOO_FRESH",
        Some(100),
    );
    check(400, "SESSION_TOO_FRESH_100", "SESSION_TOO_FRESH", Some(100));
    check(
        420,
        "PREMIUM_SUB_ACTIVE_UNTIL_1700000000",
        "PREMIUM_SUB_ACTIVE_UNTIL",
        Some(1_700_000_000),
    );
    check(
        420,
        "FLOOD_TEST_PHONE_WAIT_60",
        "FLOOD_TEST_PHONE_WAIT",
        Some(60),
    );
    check(
        400,
        "STORY_SEND_FLOOD_WEEKLY_7",
        "STORY_SEND_FLOOD_WEEKLY",
        Some(7),
    );
    check(
        400,
        "STORY_SEND_FLOOD_MONTHLY_9",
        "STORY_SEND_FLOOD_MONTHLY",
        Some(9),
    );
    check(
        403,
        "ALLOW_PAYMENT_REQUIRED_10",
        "ALLOW_PAYMENT_REQUIRED",
        Some(10),
    );
    // Leading zeros are fine; numbers beyond u32 are not split off.
    check(420, "FLOOD_WAIT_007", "FLOOD_WAIT", Some(7));
    check(420, "FLOOD_WAIT_4294967295", "FLOOD_WAIT", Some(u32::MAX));
    check(420, "FLOOD_WAIT_4294967296", "FLOOD_WAIT_4294967296", None);
    // Anything but digits is not a value.
    check(420, "FLOOD_WAIT_", "FLOOD_WAIT_", None);
    check(420, "FLOOD_WAIT_+5", "FLOOD_WAIT_+5", None);
    check(420, "FLOOD_WAIT_-5", "FLOOD_WAIT_-5", None);
    check(420, "FLOOD_WAIT_3 0", "FLOOD_WAIT_3 0", None);
    check(420, "FLOOD_WAIT", "FLOOD_WAIT", None);
    check(420, "flood_wait_30", "flood_wait_30", None);
}

#[test]
fn numbers_in_the_middle_are_values_of_documented_patterns() {
    check(400, "FILE_PART_3_MISSING", "FILE_PART_MISSING", Some(3));
    check(500, "INTERDC_2_CALL_ERROR", "INTERDC_CALL_ERROR", Some(2));
    check(
        500,
        "INTERDC_5_CALL_RICH_ERROR",
        "INTERDC_CALL_RICH_ERROR",
        Some(5),
    );
    check(
        400,
        "FILE_REFERENCE_2_EXPIRED",
        "FILE_REFERENCE_EXPIRED",
        Some(2),
    );
    check(
        400,
        "FILE_REFERENCE_0_INVALID",
        "FILE_REFERENCE_INVALID",
        Some(0),
    );
    check(
        400,
        "FILE_REFERENCE_1_EMPTY",
        "FILE_REFERENCE_EMPTY",
        Some(1),
    );
    // The number-less variants are different errors.
    check(
        400,
        "FILE_REFERENCE_EXPIRED",
        "FILE_REFERENCE_EXPIRED",
        None,
    );
    check(400, "FILE_PART_X_MISSING", "FILE_PART_X_MISSING", None);
}

#[test]
fn other_names_stay_verbatim() {
    // Digits not at the end of a word.
    check(
        406,
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN",
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN",
        None,
    );
    // Digits that belong to the name.
    check(400, "MD5_CHECKSUM_INVALID", "MD5_CHECKSUM_INVALID", None);
    check(400, "SHA256_HASH_INVALID", "SHA256_HASH_INVALID", None);
    // Trailing digits of an unknown, non-generic name.
    check(400, "PHOTO_SIZE_2", "PHOTO_SIZE_2", None);
    // Not identifiers at all.
    let err = check(-503, "Timeout", "Timeout", None);
    assert_eq!(err.class(), ErrorClass::Other(-503));
    assert_eq!(err.to_string(), "-503 Timeout");
    check(
        400,
        "Invalid msgs_ack query",
        "Invalid msgs_ack query",
        None,
    );
    check(400, "", "", None);
    let err = check(400, "PEER_ID_INVALID", "PEER_ID_INVALID", None);
    assert_eq!(err.to_string(), "400 PEER_ID_INVALID");
    assert_eq!(err.flood_wait_seconds(), None);
    assert_eq!(err.migrate_dc(), None);
}

#[test]
fn generic_suffixes_are_values_without_a_pattern() {
    check(420, "SOME_NEW_WAIT_5", "SOME_NEW_WAIT", Some(5));
    check(303, "ACCOUNT_MIGRATE_2", "ACCOUNT_MIGRATE", Some(2));
    check(420, "EXPORT_DELAY_10", "EXPORT_DELAY", Some(10));
    check(400, "CODE_TOO_FRESH_10", "CODE_TOO_FRESH", Some(10));
    // The suffix must end the name part.
    check(420, "WAITING_5", "WAITING_5", None);
    check(420, "WAIT_5", "WAIT_5", None);
}

#[test]
fn migrations() {
    let err = check(303, "PHONE_MIGRATE_4", "PHONE_MIGRATE", Some(4));
    assert_eq!(err.class(), ErrorClass::SeeOther);
    assert_eq!(err.migrate_dc(), Some(4));
    assert_eq!(err.to_string(), "303 PHONE_MIGRATE (value: 4)");
    for (message, dc) in [
        ("FILE_MIGRATE_1", 1),
        ("NETWORK_MIGRATE_2", 2),
        ("USER_MIGRATE_5", 5),
        ("STATS_MIGRATE_3", 3),
    ] {
        assert_eq!(
            RpcError::new(303, message).migrate_dc(),
            Some(dc),
            "{message}"
        );
    }
    // Only under 303, and only for *_MIGRATE.
    assert_eq!(RpcError::new(400, "PHONE_MIGRATE_4").migrate_dc(), None);
    assert_eq!(RpcError::new(303, "FLOOD_WAIT_4").migrate_dc(), None);
    assert_eq!(RpcError::new(303, "PHONE_MIGRATE_X").migrate_dc(), None);
}

#[test]
fn classes() {
    for (code, class) in [
        (303, ErrorClass::SeeOther),
        (400, ErrorClass::BadRequest),
        (401, ErrorClass::Unauthorized),
        (403, ErrorClass::Forbidden),
        (404, ErrorClass::NotFound),
        (406, ErrorClass::NotAcceptable),
        (420, ErrorClass::Flood),
        (500, ErrorClass::Internal),
        (-500, ErrorClass::Internal),
        (-503, ErrorClass::Other(-503)),
        (0, ErrorClass::Other(0)),
        (402, ErrorClass::Other(402)),
    ] {
        assert_eq!(RpcError::new(code, "X").class(), class, "{code}");
        assert_eq!(ErrorClass::from_code(code), class, "{code}");
    }
    let err = check(-500, "No workers running", "No workers running", None);
    assert_eq!(err.to_string(), "-500 No workers running");
}

#[test]
fn custom_patterns() {
    let patterns = [
        "FANCY_%d_THING",
        "LEAD_%d",
        "%d_LEADING",
        "X%d",
        "%d",
        "_%d",
        "A_%d_B_%d",
    ];
    let parse = |message| RpcError::with_patterns(400, message, &patterns);
    let err = parse("FANCY_12_THING");
    assert_eq!((err.name.as_str(), err.value), ("FANCY_THING", Some(12)));
    let err = parse("LEAD_1");
    assert_eq!((err.name.as_str(), err.value), ("LEAD", Some(1)));
    let err = parse("7_LEADING");
    assert_eq!((err.name.as_str(), err.value), ("LEADING", Some(7)));
    // `%d` glued to other characters, alone, or twice: the pattern is ignored.
    for message in ["X5", "5", "_5", "A_1_B_2"] {
        let err = parse(message);
        assert_eq!((err.name.as_str(), err.value), (message, None));
    }
    // The built-in list is not used, but the generic rule still is.
    let err = parse("FILE_PART_3_MISSING");
    assert_eq!(
        (err.name.as_str(), err.value),
        ("FILE_PART_3_MISSING", None)
    );
    let err = parse("FLOOD_WAIT_3");
    assert_eq!((err.name.as_str(), err.value), ("FLOOD_WAIT", Some(3)));
    // The documented `%dMIN` form does not split the message.
    let err = RpcError::with_patterns(
        406,
        "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN",
        &["PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN"],
    );
    assert_eq!(err.name, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN");
    assert_eq!(err.value, None);
}

#[test]
fn the_builtin_list_is_well_formed() {
    for pattern in PARAMETERISED {
        assert_eq!(pattern.matches("%d").count(), 1, "{pattern}");
        assert!(pattern.contains("_%d"), "{pattern}");
        let message = pattern.replace("%d", "42");
        let err = RpcError::new(400, &message);
        assert_eq!(err.value, Some(42), "{message}");
        assert_eq!(err.name, pattern.replace("_%d", ""), "{message}");
    }
}

#[test]
fn decodes_real_rpc_error_bytes() {
    let bytes = [
        0x19, 0xca, 0x44, 0x21, // rpc_error#2144ca19
        0xa4, 0x01, 0x00, 0x00, // error_code: 420
        0x0d, b'F', b'L', b'O', b'O', b'D', b'_', b'W', b'A', b'I', b'T', b'_', b'3',
        b'0', // 13
        0x00, 0x00, // padding: 1 + 13 = 14 → 16
    ];
    let err = RpcError::from_bytes(&bytes).unwrap();
    assert_eq!(err.code, 420);
    assert_eq!(err.name, "FLOOD_WAIT");
    assert_eq!(err.value, Some(30));
    assert_eq!(err.message(), "FLOOD_WAIT_30");
    assert_eq!(err.to_bytes(), bytes);
    assert_eq!(<RpcError as Deserializable>::from_bytes(&bytes), Ok(err));

    let bytes = [
        0x19, 0xca, 0x44, 0x21, // rpc_error
        0x09, 0xfe, 0xff, 0xff, // error_code: -503
        0x07, b'T', b'i', b'm', b'e', b'o', b'u', b't', // "Timeout", no padding
    ];
    let err = RpcError::from_bytes(&bytes).unwrap();
    assert_eq!(
        (err.code, err.name.as_str(), err.value),
        (-503, "Timeout", None)
    );
    assert_eq!(err.to_bytes(), bytes);

    let bytes = [
        0x19, 0xca, 0x44, 0x21, // rpc_error
        0x2f, 0x01, 0x00, 0x00, // error_code: 303
        0x0f, b'P', b'H', b'O', b'N', b'E', b'_', b'M', b'I', b'G', b'R', b'A', b'T', b'E', b'_',
        b'4', // 15 bytes, 16 in all: no padding
    ];
    let err = RpcError::from_bytes(&bytes).unwrap();
    assert_eq!(err.migrate_dc(), Some(4));

    assert_eq!(RpcError::CONSTRUCTOR_ID, 0x2144_ca19);
    assert_eq!(RpcError::NAME, "rpc_error");

    // Wrong id, truncation, invalid UTF-8, trailing bytes.
    let err = RpcError::from_bytes(&[0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected constructor 0x1cb5c415 for rpc_error at byte 0"
    );
    assert_eq!(
        RpcError::from_bytes(&[
            0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0x00, 0x00, 0x05, b'A', b'B', b'C'
        ]),
        Err(
            DecodeError::new(8, DecodeErrorKind::LengthExceeds { len: 5, left: 3 })
                .within("rpc_error")
        )
    );
    let err = RpcError::from_bytes(&[
        0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0x00, 0x00, 0x05, b'A', b'B', b'C',
    ])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "length 5 exceeds the 3 bytes left at byte 8 in rpc_error"
    );
    assert_eq!(err.constructors().collect::<Vec<_>>(), ["rpc_error"]);
    assert_eq!(
        RpcError::from_bytes(&[0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0x00, 0x00, 0x01, 0xff, 0, 0]),
        Err(DecodeError::new(8, DecodeErrorKind::InvalidUtf8).within("rpc_error"))
    );
    assert_eq!(
        RpcError::from_bytes(&[0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0, 0, 0x01, b'A', 0, 0, 0]),
        Err(DecodeError::new(
            12,
            DecodeErrorKind::TrailingBytes { count: 1 }
        ))
    );
}

#[test]
fn is_a_std_error() {
    let err: Box<dyn std::error::Error> = Box::new(RpcError::new(401, "AUTH_KEY_UNREGISTERED"));
    assert_eq!(err.to_string(), "401 AUTH_KEY_UNREGISTERED");
    let err = RpcError::new(401, "AUTH_KEY_UNREGISTERED");
    assert_eq!(err.class(), ErrorClass::Unauthorized);
    assert_eq!(err.clone(), err);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_message_parses_losslessly(code in any::<i32>(), message in ".*") {
        let err = RpcError::new(code, &message);
        prop_assert_eq!(err.message(), message.as_str());
        prop_assert_eq!(err.code, code);
        if err.value.is_none() {
            prop_assert_eq!(&err.name, &message);
        }
        let _ = (err.to_string(), err.class(), err.migrate_dc(), err.flood_wait_seconds());
        prop_assert_eq!(RpcError::from_bytes(&err.to_bytes()), Ok(err));
    }

    #[test]
    fn error_like_messages_parse_losslessly(
        message in "[A-Z0-9_%d]{0,12}(_[0-9]{1,11})?(_[A-Z]{1,8})?",
    ) {
        let err = RpcError::new(400, &message);
        prop_assert_eq!(err.message(), message.as_str());
        if let Some(value) = err.value {
            prop_assert!(message.contains(&value.to_string()) || message.contains('0'));
            prop_assert!(err.name.len() < message.len());
        } else {
            prop_assert_eq!(&err.name, &message);
        }
        let err = RpcError::with_patterns(400, &message, &[&message, "%d", "%d%d", "_%d_"]);
        prop_assert_eq!(err.message(), message.as_str());
    }
}
