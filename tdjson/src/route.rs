//! Matching answers to requests by `@extra`, and the receive loop's dispatch.
//!
//! Every request the client sends for an answer gets `"@extra":"tlgen:N"` (N counts up per
//! router); TDLib and tonlib copy a request's `@extra` into its answer unchanged
//! (`td/telegram/ClientJson.cpp`, `tonlib/tonlib/ClientJson.cpp`). Anything else the library
//! sends — updates, answers to raw requests with an `@extra` of the user's own — is an update.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tlgen_runtime::json::{self, TdError, TdJson};

use crate::error::Error;

/// The prefix of the `@extra` strings this client writes.
const EXTRA_PREFIX: &str = "\"tlgen:";

/// Locks `mutex`, going on after a panic elsewhere: the maps, queues and library lists behind
/// these locks stay consistent at every step, so a panic while one was held leaves nothing
/// to repair.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The next line of a client's update queue, waiting up to `timeout`: `Ok(None)` when none
/// came, [`Error::Closed`] when the receive loop is gone.
pub(crate) fn next_update(
    updates: &Mutex<Receiver<String>>,
    timeout: Duration,
) -> Result<Option<String>, Error> {
    match lock(updates).recv_timeout(timeout) {
        Ok(line) => Ok(Some(line)),
        Err(RecvTimeoutError::Timeout) => Ok(None),
        Err(RecvTimeoutError::Disconnected) => Err(Error::Closed),
    }
}

/// The requests waiting for their answers.
#[derive(Default)]
pub(crate) struct Router {
    next: AtomicU64,
    pending: Mutex<HashMap<u64, Sender<String>>>,
}

impl Router {
    /// Registers a request: the `@extra` to send with it, and where its answer will arrive.
    pub(crate) fn register(&self) -> (u64, Receiver<String>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let (sender, receiver) = mpsc::channel();
        lock(&self.pending).insert(id, sender);
        (id, receiver)
    }

    /// Forgets a request whose sending failed.
    pub(crate) fn forget(&self, id: u64) {
        lock(&self.pending).remove(&id);
    }

    /// Hands `line` to the request it answers, if it is such an answer; otherwise gives it back.
    pub(crate) fn dispatch(&self, line: String, extra: Option<&str>) -> Option<String> {
        let Some(id) = extra.and_then(parse_extra) else {
            return Some(line);
        };
        let sender = lock(&self.pending).remove(&id);
        match sender {
            // A waiter that gave up (dropped its `Pending`) makes `send` fail: nothing to do.
            Some(sender) => {
                let _ = sender.send(line);
                None
            }
            None => Some(line),
        }
    }
}

/// `"tlgen:N"` (as JSON text) → N.
fn parse_extra(extra: &str) -> Option<u64> {
    extra
        .strip_prefix(EXTRA_PREFIX)?
        .strip_suffix('"')?
        .parse()
        .ok()
}

/// Puts `"@extra":"tlgen:<id>"` first in the JSON object `request`.
pub(crate) fn with_extra(request: &str, id: u64) -> Result<String, Error> {
    let body = request
        .trim_start()
        .strip_prefix('{')
        .ok_or(Error::BadRequest("not a JSON object"))?;
    let mut out = String::with_capacity(request.len() + 32);
    out.push_str("{\"@extra\":");
    out.push_str(EXTRA_PREFIX);
    out.push_str(&id.to_string());
    out.push('"');
    if !body.trim_start().starts_with('}') {
        out.push(',');
    }
    out.push_str(body);
    Ok(out)
}

/// Decodes what the library answered to a request: its `error` as [`Error::Td`], anything
/// else as `R`.
pub(crate) fn decode_answer<R: TdJson>(answer: &str) -> Result<R, Error> {
    let envelope = json::scan_envelope(answer)?;
    if envelope.type_name == "error" {
        return Err(Error::Td(json::from_str::<TdError>(answer)?));
    }
    Ok(json::from_str::<R>(answer)?)
}

/// An answer on its way: wait for it with [`Pending::wait`] or [`Pending::wait_timeout`].
///
/// Dropping it is fine: the answer, when it comes, is thrown away.
#[must_use = "an answer arrives here; wait for it or drop it"]
pub struct Pending<R> {
    receiver: Receiver<String>,
    decode: fn(&str) -> Result<R, Error>,
}

impl<R> Pending<R> {
    pub(crate) fn new(receiver: Receiver<String>, decode: fn(&str) -> Result<R, Error>) -> Self {
        Pending { receiver, decode }
    }

    /// Blocks until the answer comes. [`Error::Closed`] if the client closes first.
    pub fn wait(self) -> Result<R, Error> {
        match self.receiver.recv() {
            Ok(answer) => (self.decode)(&answer),
            Err(_) => Err(Error::Closed),
        }
    }

    /// Blocks until the answer comes or `timeout` passes ([`Error::Timeout`]; the handle
    /// stays usable, so waiting again is fine).
    pub fn wait_timeout(&self, timeout: Duration) -> Result<R, Error> {
        match self.receiver.recv_timeout(timeout) {
            Ok(answer) => (self.decode)(&answer),
            Err(RecvTimeoutError::Timeout) => Err(Error::Timeout),
            Err(RecvTimeoutError::Disconnected) => Err(Error::Closed),
        }
    }

    /// The answer if it is already here, without blocking.
    pub fn try_get(&self) -> Option<Result<R, Error>> {
        match self.receiver.try_recv() {
            Ok(answer) => Some((self.decode)(&answer)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Error::Closed)),
        }
    }
}

impl<R> std::fmt::Debug for Pending<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending").finish_non_exhaustive()
    }
}

/// The raw answer, unchanged (the shape of a `Pending`'s decoder).
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn raw_answer(answer: &str) -> Result<String, Error> {
    Ok(answer.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_goes_first_and_round_trips() {
        assert_eq!(
            with_extra("{\"@type\":\"getMe\"}", 7).unwrap(),
            "{\"@extra\":\"tlgen:7\",\"@type\":\"getMe\"}"
        );
        assert_eq!(with_extra("  { }", 0).unwrap(), "{\"@extra\":\"tlgen:0\" }");
        assert!(matches!(with_extra("[1]", 0), Err(Error::BadRequest(_))));
        assert_eq!(parse_extra("\"tlgen:42\""), Some(42));
        assert_eq!(parse_extra("\"tlgen:x\""), None);
        assert_eq!(parse_extra("42"), None);
    }

    #[test]
    fn answers_go_to_their_waiter_and_the_rest_comes_back() {
        let router = Router::default();
        let (first, first_rx) = router.register();
        let (second, _second_rx) = router.register();
        assert_ne!(first, second);
        let answer = format!("{{\"@type\":\"ok\",\"@extra\":\"tlgen:{first}\"}}");
        assert_eq!(
            router.dispatch(answer.clone(), Some(&format!("\"tlgen:{first}\""))),
            None
        );
        assert_eq!(first_rx.try_recv().unwrap(), answer);
        // Answered once: the same @extra again is not an answer any more.
        assert!(router
            .dispatch("x".into(), Some(&format!("\"tlgen:{first}\"")))
            .is_some());
        assert_eq!(router.dispatch("u".into(), None), Some("u".into()));
        assert_eq!(
            router.dispatch("u".into(), Some("\"mine\"")),
            Some("u".into())
        );
    }
}
