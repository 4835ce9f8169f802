//! Acting on the answers to three calls, by the name of the RPC error.

use grammers_tl_types::deserialize::Error as DecodeError;
use grammers_tl_types::{enums, functions, Cursor, Deserializable, RemoteCall};

/// What the bot does after a call's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// The call succeeded.
    Done,
    /// Repeat the call after this many seconds.
    RetryAfter(u32),
    /// Give up, for a reason the user is told.
    GiveUp(&'static str),
    /// An error the bot does not handle, with its code.
    Failed(i32),
}

/// `rpc_error#2144ca19 error_code:int error_message:string` (in grammers-tl-types only with
/// its `tl-mtproto` feature), with the message split into a name and a trailing number.
struct RpcError {
    code: i32,
    name: String,
    value: Option<u32>,
}

/// Decodes the answer to the call `C`: its return value, or the `rpc_error` sent instead.
fn decode<C: RemoteCall>(answer: &[u8]) -> Result<Result<C::Return, RpcError>, DecodeError> {
    let mut cursor = Cursor::from_slice(answer);
    if answer.get(..4) != Some(&0x2144_ca19_u32.to_le_bytes()[..]) {
        return C::Return::deserialize(&mut cursor).map(Ok);
    }
    u32::deserialize(&mut cursor)?;
    let code = i32::deserialize(&mut cursor)?;
    let message = String::deserialize(&mut cursor)?;
    let (name, value) = match message.rsplit_once('_') {
        Some((name, digits)) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            (name.to_owned(), digits.parse().ok())
        }
        _ => (message, None),
    };
    Ok(Err(RpcError { code, name, value }))
}

/// Acts on the answer to `messages.sendMessage`.
pub fn after_send(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(match decode::<functions::messages::SendMessage>(answer)? {
        Ok(_) => Next::Done,
        Err(e) => match (e.name.as_str(), e.value) {
            ("FLOOD_WAIT" | "SLOWMODE_WAIT", Some(seconds)) => Next::RetryAfter(seconds),
            (
                "CHAT_WRITE_FORBIDDEN" | "CHAT_RESTRICTED" | "USER_IS_BLOCKED" | "YOU_BLOCKED_USER",
                _,
            ) => Next::GiveUp("cannot write here"),
            ("MESSAGE_TOO_LONG", _) => Next::GiveUp("message too long"),
            _ => Next::Failed(e.code),
        },
    })
}

/// Acts on the answer to `contacts.resolveUsername`.
pub fn after_resolve(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match decode::<functions::contacts::ResolveUsername>(answer)? {
            Ok(enums::contacts::ResolvedPeer::Peer(_)) => Next::Done,
            Err(e) => match (e.name.as_str(), e.value) {
                ("USERNAME_NOT_OCCUPIED" | "USERNAME_INVALID", _) => {
                    Next::GiveUp("no such username")
                }
                ("FLOOD_WAIT", Some(seconds)) => Next::RetryAfter(seconds),
                _ => Next::Failed(e.code),
            },
        },
    )
}

/// Acts on the answer to `payments.sendStarsForm`.
pub fn after_payment(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match decode::<functions::payments::SendStarsForm>(answer)? {
            Ok(enums::payments::PaymentResult::Result(_)) => Next::Done,
            Ok(enums::payments::PaymentResult::PaymentVerificationNeeded(_)) => {
                Next::GiveUp("verification needed")
            }
            Err(e) => match e.name.as_str() {
                "BALANCE_TOO_LOW" => Next::GiveUp("balance too low"),
                "FORM_EXPIRED" | "FORM_ID_EMPTY" => Next::GiveUp("form expired"),
                _ => Next::Failed(e.code),
            },
        },
    )
}
