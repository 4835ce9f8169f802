//! tonlib's synchronous answers (`getBip39Hints`, `unpackAccountAddress`,
//! `packAccountAddress`) from the real libtonlibjson, through the typed client and the
//! generated bindings (`tlgen-tonlib`): they decode into typed values that re-encode to JSON
//! equal to tonlib's, through `execute` and through a client's `send` matched by `@extra`.

mod common;

use std::time::Duration;

use serde_json::Value;
use tlgen_runtime::json::{self, TdFunction, TdJson};
use tlgen_tdjson::{Error, Tonlib};
use tlgen_tonlib::{enums, functions, types};

fn value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

fn decode_exactly<T: TdJson>(text: &str) -> T {
    let typed: T =
        json::from_str(text).unwrap_or_else(|error| panic!("cannot decode ({error}): {text}"));
    assert_eq!(
        value(&json::to_string(&typed)),
        common::without_envelope(value(text)),
        "re-encoded differently"
    );
    typed
}

fn execute<F: TdFunction>(tonlib: Tonlib, function: &F) -> F::Return
where
    F::Return: PartialEq + std::fmt::Debug,
{
    let raw = tonlib
        .execute_raw(&json::to_string(function))
        .expect("parsed");
    let decoded: F::Return = decode_exactly(&raw);
    assert_eq!(tonlib.execute(function).unwrap(), decoded);
    decoded
}

/// A user-friendly address from TON's documentation (docs.ton.org, "Smart contract
/// addresses"): base64url of tag 0x11 (bounceable, not testnet), workchain 0, the 32-byte
/// account id and a CRC16.
const ADDRESS: &str = "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF";

#[test]
fn synchronous_answers_decode_and_re_encode_equal() {
    let Some(tonlib) = common::tonlib() else {
        return;
    };

    let enums::Bip39Hints::Bip39Hints(hints) = execute(
        tonlib,
        &functions::GetBip39Hints {
            prefix: "zo".into(),
        },
    ) else {
        panic!("unexpected constructor")
    };
    // BIP-39's English word list has exactly two words starting with "zo".
    assert_eq!(hints.words, ["zone", "zoo"]);

    let enums::UnpackedAccountAddress::UnpackedAccountAddress(unpacked) = execute(
        tonlib,
        &functions::UnpackAccountAddress {
            account_address: ADDRESS.into(),
        },
    ) else {
        panic!("unexpected constructor")
    };
    assert_eq!(
        (unpacked.workchain_id, unpacked.bounceable, unpacked.testnet),
        (0, true, false)
    );
    assert_eq!(unpacked.addr.len(), 32);
    assert_eq!(unpacked.addr[..3], [0xca, 0x6e, 0x32]);

    // Packed back: the same text; as testnet and non-bounceable: the documented tags.
    let enums::AccountAddress::AccountAddress(packed) = execute(
        tonlib,
        &functions::PackAccountAddress {
            account_address: Some(unpacked.clone()),
        },
    ) else {
        panic!("unexpected constructor")
    };
    assert_eq!(packed.account_address, ADDRESS);
    let non_bounceable = types::UnpackedAccountAddress {
        bounceable: false,
        ..unpacked.clone()
    };
    let enums::AccountAddress::AccountAddress(packed) = execute(
        tonlib,
        &functions::PackAccountAddress {
            account_address: Some(non_bounceable),
        },
    ) else {
        panic!("unexpected constructor")
    };
    assert!(
        packed.account_address.starts_with("UQ"),
        "{}",
        packed.account_address
    );

    // tonlib's error is Error::Td; a function that needs the network says so.
    assert!(matches!(
        tonlib.execute(&functions::UnpackAccountAddress { account_address: "not an address".into() }),
        Err(Error::Td(error)) if error.code != 0
    ));
    assert!(matches!(
        tonlib.execute(&functions::Sync {}),
        Err(Error::Td(error)) if error.message.contains("can't be executed synchronously")
    ));
}

#[test]
fn client_answers_are_matched_by_extra_and_typed() {
    let Some(tonlib) = common::tonlib() else {
        return;
    };
    let client = tonlib.create_client().unwrap();
    let hints = client
        .send(&functions::GetBip39Hints {
            prefix: "ab".into(),
        })
        .unwrap();
    let unpacked = client
        .send(&functions::UnpackAccountAddress {
            account_address: ADDRESS.into(),
        })
        .unwrap();
    let enums::UnpackedAccountAddress::UnpackedAccountAddress(unpacked) =
        unpacked.wait_timeout(Duration::from_secs(30)).unwrap()
    else {
        panic!("unexpected constructor")
    };
    assert_eq!(unpacked.workchain_id, 0);
    let enums::Bip39Hints::Bip39Hints(hints) = hints.wait_timeout(Duration::from_secs(30)).unwrap()
    else {
        panic!("unexpected constructor")
    };
    assert!(
        hints.words.iter().all(|word| word.starts_with("ab")) && hints.words.len() > 3,
        "{hints:?}"
    );
}
