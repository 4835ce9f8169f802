//! The generated bindings of `schema/bot.tl`, checked against bytes built by hand from the
//! TL serialization rules (<https://core.telegram.org/mtproto/serialize>).

use tl_example_build_rs::{enums, errors, functions, types};
use tlgen_runtime::{
    Deserializable, Identifiable, RemoteCall, RpcError, Serializable, TypedErrors,
};

/// A TL string of under 254 bytes: its length, the bytes, zero padding to 4.
fn tl_string(out: &mut Vec<u8>, s: &str) {
    out.push(u8::try_from(s.len()).unwrap());
    out.extend(s.as_bytes());
    while out.len() % 4 != 0 {
        out.push(0);
    }
}

#[test]
fn a_user_with_flags_encodes_as_the_spec_says() {
    let user = types::User {
        id: 7,
        first_name: "Ann".into(),
        username: Some("ann".into()),
        bot: true,
    };
    let mut expected = types::User::CONSTRUCTOR_ID.to_le_bytes().to_vec();
    expected.extend(0b11_u32.to_le_bytes()); // flags: username (bit 0) and bot (bit 1)
    expected.extend(7_i64.to_le_bytes());
    tl_string(&mut expected, "Ann");
    tl_string(&mut expected, "ann");
    let bytes = enums::User::User(user.clone()).to_bytes();
    assert_eq!(bytes, expected);
    assert_eq!(
        enums::User::from_bytes(&bytes).unwrap(),
        enums::User::User(user)
    );
    // Truncated input is an error, not a panic.
    assert!(enums::User::from_bytes(&bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn declared_ids_are_kept_and_the_others_are_computed() {
    assert_eq!(types::RpcError::CONSTRUCTOR_ID, 0x2144_ca19);
    // Computed ids differ from one another and name their definition.
    let ids = [
        types::User::CONSTRUCTOR_ID,
        types::UserEmpty::CONSTRUCTOR_ID,
        types::Message::CONSTRUCTOR_ID,
        functions::bot::GetUsers::CONSTRUCTOR_ID,
        functions::bot::SendMessage::CONSTRUCTOR_ID,
    ];
    for (i, id) in ids.iter().enumerate() {
        assert!(!ids[..i].contains(id), "{id:#x}");
    }
    assert_eq!(
        tl_example_build_rs::name_for_id(functions::bot::SendMessage::CONSTRUCTOR_ID),
        Some("bot.sendMessage")
    );
}

#[test]
fn an_rpc_error_answer_decodes_as_the_error() {
    // rpc_error#2144ca19 error_code:int error_message:string
    let mut answer = 0x2144_ca19_u32.to_le_bytes().to_vec();
    answer.extend(420_i32.to_le_bytes());
    tl_string(&mut answer, "FLOOD_WAIT_30");

    let outcome = functions::bot::SendMessage::decode_response(&answer).unwrap();
    let error = outcome.unwrap_err();
    assert_eq!(
        (error.code, error.name.as_str(), error.value),
        (420, "FLOOD_WAIT", Some(30))
    );

    // Without a docs source no error is known by name: everything is `Other`.
    let typed = functions::bot::SendMessage::decode_typed_response(&answer).unwrap();
    assert_eq!(typed, Err(errors::Error::Other(error.clone())));

    // The generated `rpc_error` converts too.
    let generated = types::RpcError::from_bytes(&answer).unwrap();
    assert_eq!(RpcError::from(generated), error);
}
