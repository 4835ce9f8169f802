//! TDLib: [`Tdjson`] (a loaded libtdjson) and [`TdClient`] (one TDLib instance).

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, Once};
use std::time::Duration;

use tlgen_runtime::json::{self, TdFunction, TdJson};

use crate::error::{Error, LoadError};
use crate::library::TdjsonLibrary;
use crate::route::{decode_answer, lock, next_update, raw_answer, with_extra, Pending, Router};

/// The environment variable [`Tdjson::from_env`] reads: the path of libtdjson.
pub const TDJSON_PATH: &str = "TDJSON_PATH";

/// How long dropping a [`TdClient`] waits for TDLib to close its instance.
const DROP_CLOSE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long one `td_receive` of the receive loop waits (seconds).
const RECEIVE_TIMEOUT: f64 = 1.0;

/// What one loaded libtdjson shares between its clients: TDLib's one receive queue serves
/// every client of the process, so there is one receive loop and one router per library.
struct Shared {
    library: &'static TdjsonLibrary,
    router: Router,
    clients: Mutex<HashMap<i32, Sender<String>>>,
    receive_loop: Once,
}

static SHARED: Mutex<Vec<&'static Shared>> = Mutex::new(Vec::new());

/// A loaded libtdjson (TDLib's JSON interface).
///
/// Cheap to copy; loading the same file twice gives the same library (and receive loop).
/// The library stays loaded until the process ends. Calls follow TDLib's threading rules
/// (`td/telegram/td_json_client.h`): `execute` and sends from any thread, `td_receive` only
/// from the one receive loop, started by the first [`Tdjson::create_client`].
#[derive(Clone, Copy)]
pub struct Tdjson {
    shared: &'static Shared,
}

impl std::fmt::Debug for Tdjson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tdjson")
            .field("path", &self.shared.library.path())
            .finish()
    }
}

impl Tdjson {
    /// Loads libtdjson from `path` (a file such as `libtdjson.so.1.8.61`). Nothing is
    /// downloaded or built.
    ///
    /// The file must be a libtdjson: loading a shared library runs its initialisers, and its
    /// `td_*` functions are then called with the signatures of `td_json_client.h`. A file
    /// without them is an error; a library that exports them with other meanings is not
    /// something this crate can detect.
    pub fn load(path: impl AsRef<Path>) -> Result<Tdjson, LoadError> {
        let library = TdjsonLibrary::load(path.as_ref())?;
        let mut all = lock(&SHARED);
        if let Some(shared) = all
            .iter()
            .find(|shared| std::ptr::eq(shared.library, library))
        {
            return Ok(Tdjson { shared });
        }
        let shared: &'static Shared = Box::leak(Box::new(Shared {
            library,
            router: Router::default(),
            clients: Mutex::new(HashMap::new()),
            receive_loop: Once::new(),
        }));
        all.push(shared);
        Ok(Tdjson { shared })
    }

    /// Loads libtdjson from the path in the environment variable `TDJSON_PATH`.
    pub fn from_env() -> Result<Tdjson, LoadError> {
        match std::env::var_os(TDJSON_PATH) {
            Some(path) if !path.is_empty() => Tdjson::load(path),
            _ => Err(LoadError::new(
                Path::new(""),
                format!("{TDJSON_PATH} is not set (the path of libtdjson)"),
            )),
        }
    }

    /// The (canonical) path the library was loaded from.
    pub fn path(&self) -> &Path {
        self.shared.library.path()
    }

    /// Runs a synchronous TDLib function (`td_execute`; "Can be called synchronously" in
    /// td_api.tl), from any thread: its typed answer, or TDLib's `error` as [`Error::Td`].
    pub fn execute<F: TdFunction>(&self, function: &F) -> Result<F::Return, Error> {
        let answer = self.execute_raw(&json::to_string(function))?;
        decode_answer(&answer)
    }

    /// `td_execute` with JSON text both ways; [`Error::NoAnswer`] when TDLib returns NULL.
    pub fn execute_raw(&self, request: &str) -> Result<String, Error> {
        self.shared.library.execute(request)?.ok_or(Error::NoAnswer)
    }

    /// A new TDLib instance (`td_create_client_id`) with its own stream of updates. It starts
    /// (and sends its first updates) with the first request sent to it.
    pub fn create_client(&self) -> TdClient {
        let shared = self.shared;
        let id = shared.library.create_client_id();
        let (sender, updates) = mpsc::channel();
        lock(&shared.clients).insert(id, sender);
        shared.receive_loop.call_once(|| {
            // Detached on purpose: it serves every client of this library for the rest of the
            // process, like TDLib's own threads.
            std::thread::Builder::new()
                .name("tlgen-tdjson-receive".into())
                .spawn(move || receive_loop(shared))
                .map(drop)
                .unwrap_or_else(|error| {
                    // Without a thread nothing is ever received: say so once, loudly; every
                    // wait then ends in its timeout.
                    eprintln!("tlgen-tdjson: cannot start the receive thread: {error}");
                });
        });
        TdClient {
            id,
            shared,
            updates: Mutex::new(updates),
            started: AtomicBool::new(false),
        }
    }
}

/// Takes everything TDLib sends and hands it on: answers to their [`Pending`], the rest to
/// the client named by its `@client_id`.
fn receive_loop(shared: &'static Shared) {
    loop {
        let Some(line) = shared.library.receive(RECEIVE_TIMEOUT) else {
            continue;
        };
        let Ok(envelope) = json::scan_envelope(&line) else {
            // TDLib writes only JSON objects; anything else has no one to go to.
            continue;
        };
        let client_id = envelope.client_id;
        let extra = envelope.extra.map(str::to_owned);
        let Some(update) = shared.router.dispatch(line, extra.as_deref()) else {
            continue;
        };
        let Some(client_id) = client_id else {
            continue;
        };
        let mut clients = lock(&shared.clients);
        if let Some(sender) = clients.get(&client_id) {
            if sender.send(update).is_err() {
                clients.remove(&client_id);
            }
        }
    }
}

/// One TDLib instance of a [`Tdjson`] library (TDLib's multi-client interface: each has its
/// own `@client_id`, and receives only its own updates).
///
/// Dropping it closes the instance as [`TdClient::close`] does, waiting up to 10 seconds
/// (nothing to close when nothing was sent to it).
pub struct TdClient {
    id: i32,
    shared: &'static Shared,
    updates: Mutex<Receiver<String>>,
    started: AtomicBool,
}

impl std::fmt::Debug for TdClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TdClient")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl TdClient {
    /// TDLib's `@client_id` of this instance.
    pub fn id(&self) -> i32 {
        self.id
    }

    /// The library it belongs to.
    pub fn library(&self) -> Tdjson {
        Tdjson {
            shared: self.shared,
        }
    }

    /// Sends a request; its typed answer (or TDLib's `error`, as [`Error::Td`]) arrives in the
    /// returned [`Pending`], matched by `@extra`.
    pub fn send<F: TdFunction>(&self, function: &F) -> Result<Pending<F::Return>, Error> {
        self.request(&json::to_string(function), decode_answer::<F::Return>)
    }

    /// Sends a request given as JSON text (without `@extra`: the client sets it); its answer
    /// arrives, as JSON text, in the returned [`Pending`].
    pub fn send_raw(&self, request: &str) -> Result<Pending<String>, Error> {
        if json::scan_envelope(request)?.extra.is_some() {
            return Err(Error::BadRequest(
                "it has an @extra of its own (use send_raw_unmatched)",
            ));
        }
        self.request(request, raw_answer)
    }

    /// Sends JSON text as it is (`td_send`); whatever TDLib answers comes through
    /// [`TdClient::receive_raw`] like an update.
    pub fn send_raw_unmatched(&self, request: &str) -> Result<(), Error> {
        self.started.store(true, Ordering::Relaxed);
        self.shared.library.send(self.id, request)
    }

    fn request<R>(
        &self,
        request: &str,
        decode: fn(&str) -> Result<R, Error>,
    ) -> Result<Pending<R>, Error> {
        let (extra, answer) = self.shared.router.register();
        let sent = with_extra(request, extra).and_then(|request| {
            self.started.store(true, Ordering::Relaxed);
            self.shared.library.send(self.id, &request)
        });
        match sent {
            Ok(()) => Ok(Pending::new(answer, decode)),
            Err(error) => {
                self.shared.router.forget(extra);
                Err(error)
            }
        }
    }

    /// The next update (or answer to an unmatched request) of this client as JSON text,
    /// waiting up to `timeout`; `Ok(None)` when none came.
    pub fn receive_raw(&self, timeout: Duration) -> Result<Option<String>, Error> {
        next_update(&self.updates, timeout)
    }

    /// The next update of this client, decoded as `O` (the bindings' `Object`, or an
    /// `Update` enum), waiting up to `timeout`; `Ok(None)` when none came. A constructor the
    /// bindings do not know decodes to `O`'s `Unknown` variant, not an error.
    pub fn receive<O: TdJson>(&self, timeout: Duration) -> Result<Option<O>, Error> {
        match self.receive_raw(timeout)? {
            Some(line) => Ok(Some(json::from_str::<O>(&line)?)),
            None => Ok(None),
        }
    }
}

impl TdClient {
    /// Closes the TDLib instance and waits, up to `timeout`, until TDLib says it is closed
    /// (`authorizationStateClosed`): its database and files are released after that. Updates
    /// that come meanwhile are dropped. A client that never sent anything is closed at once.
    pub fn close(self, timeout: Duration) -> Result<(), Error> {
        self.close_and_wait(timeout)
    }

    /// What [`TdClient::close`] and `drop` do: TDLib's rule for ending an instance
    /// (tdlib/td#594, #2916: send `close`, then wait for `authorizationStateClosed`). A
    /// process that ends while an instance is still closing can crash in TDLib's static
    /// destructors, so `drop` waits too.
    fn close_and_wait(&self, timeout: Duration) -> Result<(), Error> {
        if !self.started.swap(false, Ordering::Relaxed) {
            return Ok(());
        }
        let deadline = std::time::Instant::now() + timeout;
        self.shared.library.send(self.id, "{\"@type\":\"close\"}")?;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(Error::Timeout);
            }
            match self.receive_raw(left)? {
                Some(update) if is_closed_state(&update) => return Ok(()),
                Some(_) => {}
                None => return Err(Error::Timeout),
            }
        }
    }
}

/// Whether `update` is `updateAuthorizationState` with `authorizationStateClosed`.
fn is_closed_state(update: &str) -> bool {
    matches!(json::scan_envelope(update), Ok(envelope) if envelope.type_name == "updateAuthorizationState")
        && update.contains("\"authorizationStateClosed\"")
}

impl Drop for TdClient {
    fn drop(&mut self) {
        // An instance that was sent anything is closed, and waited for (see close_and_wait);
        // a drop cannot report a failure, and a closing that takes longer is left to TDLib.
        let _ = self.close_and_wait(DROP_CLOSE_TIMEOUT);
        lock(&self.shared.clients).remove(&self.id);
    }
}
