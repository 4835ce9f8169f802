//! Acting on the answers to three calls, with their typed errors.
//!
//! The answers are matched as `errors::Error`, the crate-wide enum: that is what
//! `decode_typed_response` gives on tlgen-types (whose per-method enums are the opt-in
//! `method-errors` feature), and the per-method enum of the build.rs subset (which has them)
//! converts into it with `Error::from`, so the same source builds on both.

// `Error::from` is the identity on tlgen-types and a real conversion on the subset.
#![allow(clippy::useless_conversion)]

use crate::tl::errors::Error;
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
        match functions::messages::SendMessage::decode_typed_response(answer)?.map_err(Error::from)
        {
            Ok(_) => Next::Done,
            Err(Error::SlowmodeWait { value } | Error::FloodWait { value }) => {
                Next::RetryAfter(value)
            }
            Err(
                Error::ChatWriteForbidden
                | Error::ChatRestricted
                | Error::UserIsBlocked
                | Error::YouBlockedUser,
            ) => Next::GiveUp("cannot write here"),
            Err(Error::MessageTooLong) => Next::GiveUp("message too long"),
            Err(other) => Next::Failed(other.code()),
        },
    )
}

/// Acts on the answer to `contacts.resolveUsername`.
pub fn after_resolve(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match functions::contacts::ResolveUsername::decode_typed_response(answer)?
            .map_err(Error::from)
        {
            Ok(enums::contacts::ResolvedPeer::ResolvedPeer(_)) => Next::Done,
            Err(Error::UsernameNotOccupied | Error::UsernameInvalid) => {
                Next::GiveUp("no such username")
            }
            Err(Error::FloodWait { value }) => Next::RetryAfter(value),
            Err(other) => Next::Failed(other.code()),
        },
    )
}

/// Acts on the answer to `payments.sendStarsForm`.
pub fn after_payment(answer: &[u8]) -> Result<Next, DecodeError> {
    Ok(
        match functions::payments::SendStarsForm::decode_typed_response(answer)?
            .map_err(Error::from)
        {
            Ok(enums::payments::PaymentResult::PaymentResult(_)) => Next::Done,
            Ok(enums::payments::PaymentResult::PaymentVerificationNeeded(_)) => {
                Next::GiveUp("verification needed")
            }
            Err(Error::BalanceTooLow) => Next::GiveUp("balance too low"),
            Err(Error::FormExpired | Error::FormIdEmpty) => Next::GiveUp("form expired"),
            Err(other) => Next::Failed(other.code()),
        },
    )
}
