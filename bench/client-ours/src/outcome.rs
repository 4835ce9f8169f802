//! Acting on the answers to three calls, with their typed errors.

use crate::tl::errors::contacts::ResolveUsernameError;
use crate::tl::errors::messages::SendMessageError;
use crate::tl::errors::payments::SendStarsFormError;
use crate::tl::errors::{Error, MethodError};
use crate::tl::{enums, functions, TypedErrors};
use tlgen_runtime::DecodeError;

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

/// Acts on the answer to `messages.sendMessage`.
pub fn after_send(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match functions::messages::SendMessage::decode_typed_response(answer)? {
            Ok(_) => Next::Done,
            Err(
                SendMessageError::SlowmodeWait { value }
                | SendMessageError::Global(Error::FloodWait { value }),
            ) => Next::RetryAfter(value),
            Err(
                SendMessageError::ChatWriteForbidden
                | SendMessageError::ChatRestricted
                | SendMessageError::UserIsBlocked
                | SendMessageError::YouBlockedUser,
            ) => Next::GiveUp("cannot write here"),
            Err(SendMessageError::MessageTooLong) => Next::GiveUp("message too long"),
            Err(other) => Next::Failed(other.code()),
        },
    )
}

/// Acts on the answer to `contacts.resolveUsername`.
pub fn after_resolve(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match functions::contacts::ResolveUsername::decode_typed_response(answer)? {
            Ok(enums::contacts::ResolvedPeer::ResolvedPeer(_)) => Next::Done,
            Err(
                ResolveUsernameError::UsernameNotOccupied | ResolveUsernameError::UsernameInvalid,
            ) => Next::GiveUp("no such username"),
            Err(ResolveUsernameError::Global(Error::FloodWait { value })) => {
                Next::RetryAfter(value)
            }
            Err(other) => Next::Failed(other.code()),
        },
    )
}

/// Acts on the answer to `payments.sendStarsForm`.
pub fn after_payment(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match functions::payments::SendStarsForm::decode_typed_response(answer)? {
            Ok(enums::payments::PaymentResult::PaymentResult(_)) => Next::Done,
            Ok(enums::payments::PaymentResult::PaymentVerificationNeeded(_)) => {
                Next::GiveUp("verification needed")
            }
            Err(SendStarsFormError::BalanceTooLow) => Next::GiveUp("balance too low"),
            Err(SendStarsFormError::FormExpired | SendStarsFormError::FormIdEmpty) => {
                Next::GiveUp("form expired")
            }
            Err(other) => Next::Failed(other.code()),
        },
    )
}
