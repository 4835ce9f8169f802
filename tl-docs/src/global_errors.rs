//! The errors any Telegram method can return, whatever its page lists.

use crate::ErrorDoc;

/// An [`ErrorDoc`] from static parts.
fn error(code: i32, name: &str, description: &str) -> ErrorDoc {
    ErrorDoc {
        code,
        name: name.to_string(),
        description: description.to_string(),
    }
}

/// The errors any method can return even when its page does not list them:
/// data-center migrations (303), authorization problems (401), the duplicated key
/// (406), flood waits (420) and server-side failures (500, -503).
///
/// Descriptions are Markdown; those of names in the layer 223 dump's error table
/// are the dump's own, the others are short summaries of Telegram's error-handling
/// documentation.
pub fn global_errors() -> Vec<ErrorDoc> {
    vec![
        error(303, "FILE_MIGRATE_%d", "The file to be accessed is stored in data center %d: repeat the request there."),
        error(303, "NETWORK_MIGRATE_%d", "The source IP address is associated with data center %d (for registration): repeat the request there."),
        error(303, "PHONE_MIGRATE_%d", "The phone number used for authorization is associated with data center %d: repeat the request there."),
        error(303, "STATS_MIGRATE_%d", "The statistics of this channel must be fetched from data center %d: repeat the request there."),
        error(303, "USER_MIGRATE_%d", "The user whose identity is used for the request is associated with data center %d: repeat the request there."),
        error(401, "AUTH_KEY_UNREGISTERED", "The authorization key is not registered in the system."),
        error(401, "AUTH_KEY_INVALID", "The authorization key is invalid."),
        error(401, "AUTH_KEY_PERM_EMPTY", "The method is unavailable for a temporary authorization key that is not bound to a permanent one."),
        error(401, "SESSION_EXPIRED", "The authorization has expired."),
        error(401, "SESSION_PASSWORD_NEEDED", "Two-step verification is enabled: a password is required to complete the authorization."),
        error(401, "SESSION_REVOKED", "The authorization has been invalidated because the user terminated all sessions."),
        error(401, "USER_DEACTIVATED", "The user has been deleted or deactivated."),
        error(401, "USER_DEACTIVATED_BAN", "The user has been deleted or deactivated after a ban."),
        error(406, "AUTH_KEY_DUPLICATED", "The authorization key was used from several IP addresses at the same time and can no longer be used."),
        error(420, "FLOOD_WAIT_%d", "Too many requests: wait %d seconds before repeating the request."),
        error(420, "FLOOD_PREMIUM_WAIT_%d", "Please wait %d seconds before repeating the action, or purchase a Telegram Premium subscription to remove this rate limit."),
        error(420, "FLOOD_TEST_PHONE_WAIT_%d", "Too many requests for a test phone number: wait %d seconds before repeating the request."),
        error(420, "FROZEN_METHOD_INVALID", "The current account is frozen, and thus cannot execute the specified action."),
        error(420, "SLOWMODE_WAIT_%d", "Slowmode is enabled in this chat: wait %d seconds before sending another message to this chat."),
        error(500, "INTERNAL", "An internal server error occurred while the request was being processed (also reported with code -500); the request may be repeated later."),
        error(-503, "Timeout", "Timeout while fetching data."),
    ]
}
