//! tonlib: [`Tonlib`] (a loaded libtonlibjson) and [`TonClient`] (one tonlib client).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tlgen_runtime::json::{self, TdFunction, TdJson};

use crate::error::{Error, LoadError};
use crate::library::{TonlibHandle, TonlibLibrary};
use crate::route::{decode_answer, next_update, raw_answer, with_extra, Pending, Router};

/// The environment variable [`Tonlib::from_env`] reads: the path of libtonlibjson.
pub const TONLIBJSON_PATH: &str = "TONLIBJSON_PATH";

/// How long one `tonlib_client_json_receive` of a receive loop waits (seconds); also the
/// longest a [`TonClient`]'s drop waits for its loop to stop.
const RECEIVE_TIMEOUT: f64 = 0.2;

/// A loaded libtonlibjson (tonlib's JSON interface). Cheap to copy; the library stays loaded
/// until the process ends.
#[derive(Clone, Copy)]
pub struct Tonlib {
    library: &'static TonlibLibrary,
}

impl std::fmt::Debug for Tonlib {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tonlib")
            .field("path", &self.library.path())
            .finish()
    }
}

impl Tonlib {
    /// Loads libtonlibjson from `path`. Nothing is downloaded or built.
    ///
    /// The file must be a libtonlibjson: loading runs its initialisers, and its
    /// `tonlib_client_json_*` functions are then called with the signatures of
    /// `tonlib_client_json.h`. A file without them is an error.
    pub fn load(path: impl AsRef<Path>) -> Result<Tonlib, LoadError> {
        Ok(Tonlib {
            library: TonlibLibrary::load(path.as_ref())?,
        })
    }

    /// Loads libtonlibjson from the path in the environment variable `TONLIBJSON_PATH`.
    pub fn from_env() -> Result<Tonlib, LoadError> {
        match std::env::var_os(TONLIBJSON_PATH) {
            Some(path) if !path.is_empty() => Tonlib::load(path),
            _ => Err(LoadError::new(
                Path::new(""),
                format!("{TONLIBJSON_PATH} is not set (the path of libtonlibjson)"),
            )),
        }
    }

    /// The (canonical) path the library was loaded from.
    pub fn path(&self) -> &Path {
        self.library.path()
    }

    /// Runs a synchronous tonlib function (`tonlib_client_json_execute`), from any thread:
    /// its typed answer, or tonlib's `error` as [`Error::Td`] (for a function that needs the
    /// network: "Function can't be executed synchronously").
    pub fn execute<F: TdFunction>(&self, function: &F) -> Result<F::Return, Error> {
        let answer = self.execute_raw(&json::to_string(function))?;
        decode_answer(&answer)
    }

    /// `tonlib_client_json_execute` with JSON text both ways; [`Error::NoAnswer`] when tonlib
    /// returns NULL (it could not parse the request).
    pub fn execute_raw(&self, request: &str) -> Result<String, Error> {
        self.library.execute(request)?.ok_or(Error::NoAnswer)
    }

    /// A new tonlib client (`tonlib_client_json_create`) with a receive loop of its own.
    pub fn create_client(&self) -> Result<TonClient, Error> {
        let handle = Arc::new(self.library.create()?);
        let router = Arc::new(Router::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (sender, updates) = mpsc::channel();
        let thread = {
            let (handle, router, stop) =
                (Arc::clone(&handle), Arc::clone(&router), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("tlgen-tonlib-receive".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let Some(line) = handle.receive(RECEIVE_TIMEOUT) else {
                            continue;
                        };
                        let extra = json::scan_envelope(&line)
                            .ok()
                            .and_then(|e| e.extra.map(str::to_owned));
                        if let Some(update) = router.dispatch(line, extra.as_deref()) {
                            // The client may have stopped listening: fine.
                            let _ = sender.send(update);
                        }
                    }
                })
                .map_err(|_| Error::Closed)?
        };
        Ok(TonClient {
            handle,
            router,
            stop,
            thread: Some(thread),
            updates: Mutex::new(updates),
        })
    }
}

/// One tonlib client with its receive loop. Dropping it stops the loop and destroys the client.
pub struct TonClient {
    handle: Arc<TonlibHandle>,
    router: Arc<Router>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    updates: Mutex<Receiver<String>>,
}

impl std::fmt::Debug for TonClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TonClient").finish_non_exhaustive()
    }
}

impl TonClient {
    /// Sends a request; its typed answer (or tonlib's `error`, as [`Error::Td`]) arrives in
    /// the returned [`Pending`], matched by `@extra`.
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

    /// Sends JSON text as it is; whatever tonlib answers comes through
    /// [`TonClient::receive_raw`] like an update.
    pub fn send_raw_unmatched(&self, request: &str) -> Result<(), Error> {
        self.handle.send(request)
    }

    fn request<R>(
        &self,
        request: &str,
        decode: fn(&str) -> Result<R, Error>,
    ) -> Result<Pending<R>, Error> {
        let (extra, answer) = self.router.register();
        match with_extra(request, extra).and_then(|request| self.handle.send(&request)) {
            Ok(()) => Ok(Pending::new(answer, decode)),
            Err(error) => {
                self.router.forget(extra);
                Err(error)
            }
        }
    }

    /// The next update (or answer to an unmatched request) as JSON text, waiting up to
    /// `timeout`; `Ok(None)` when none came.
    pub fn receive_raw(&self, timeout: Duration) -> Result<Option<String>, Error> {
        next_update(&self.updates, timeout)
    }

    /// The next update decoded as `O` (the bindings' `Object`), waiting up to `timeout`.
    pub fn receive<O: TdJson>(&self, timeout: Duration) -> Result<Option<O>, Error> {
        match self.receive_raw(timeout)? {
            Some(line) => Ok(Some(json::from_str::<O>(&line)?)),
            None => Ok(None),
        }
    }
}

impl Drop for TonClient {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            // At most one receive timeout. A panicked loop has nothing more to clean up.
            let _ = thread.join();
        }
        // The last `Arc<TonlibHandle>` goes with `self`: tonlib_client_json_destroy.
    }
}
