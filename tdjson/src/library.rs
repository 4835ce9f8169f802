//! The C interfaces, loaded at run time: libtdjson's `td_*` functions and libtonlibjson's
//! `tonlib_client_json_*` functions. The only module with `unsafe` code.
//!
//! The rules followed here are the headers':
//!
//! - TDLib, `td/telegram/td_json_client.h` (tdlib/td): `td_create_client_id`, `td_send` and
//!   `td_execute` may be called from any thread; `td_receive` "must not be called
//!   simultaneously from two different threads"; the string `td_receive` or `td_execute`
//!   returns is valid only until the next `td_receive` or `td_execute` call *on the same
//!   thread*. Every object it returns carries the `@client_id` of its client.
//! - tonlib, `tonlib/tonlib/tonlib_client_json.h` and `ClientJson.cpp` (ton-blockchain/ton):
//!   a client is a pointer from `tonlib_client_json_create`, freed by
//!   `tonlib_client_json_destroy`; `tonlib_client_json_execute` is a static function (its
//!   client argument is not used) returning NULL for a request it cannot parse; the returned
//!   strings live in thread-local storage until the next call on the same thread.
//!
//! So every returned string is copied into a Rust `String` before the call returns, under a
//! lock per receive queue (one for TDLib's process-wide queue, one per tonlib client). A
//! loaded library is never unloaded: TDLib and tonlib keep threads of their own running
//! after their clients close, and unloading code those threads run would be undefined
//! behaviour. Libraries are kept (leaked) in a process-wide registry, one per canonical path.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_double, c_int, c_void, CStr, CString};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, LoadError};
use crate::route::lock;

type TdCreateClientId = unsafe extern "C" fn() -> c_int;
type TdSend = unsafe extern "C" fn(c_int, *const c_char);
type TdReceive = unsafe extern "C" fn(c_double) -> *const c_char;
type TdExecute = unsafe extern "C" fn(*const c_char) -> *const c_char;

type TonCreate = unsafe extern "C" fn() -> *mut c_void;
type TonSend = unsafe extern "C" fn(*mut c_void, *const c_char);
type TonReceive = unsafe extern "C" fn(*mut c_void, c_double) -> *const c_char;
type TonExecute = unsafe extern "C" fn(*mut c_void, *const c_char) -> *const c_char;
type TonDestroy = unsafe extern "C" fn(*mut c_void);

/// libtdjson's four functions of the `td_*` interface, resolved once.
pub(crate) struct TdjsonLibrary {
    path: PathBuf,
    create_client_id: TdCreateClientId,
    send: TdSend,
    receive: TdReceive,
    execute: TdExecute,
    /// Held around every `td_receive` (TDLib's rule: never from two threads at once).
    receive_lock: Mutex<()>,
}

/// libtonlibjson's `tonlib_client_json_*` functions, resolved once.
pub(crate) struct TonlibLibrary {
    path: PathBuf,
    create: TonCreate,
    send: TonSend,
    receive: TonReceive,
    execute: TonExecute,
    destroy: TonDestroy,
}

/// Libraries loaded so far, by canonical path. Entries are leaked on purpose (see the module docs).
static TDJSON: Mutex<Vec<&'static TdjsonLibrary>> = Mutex::new(Vec::new());
static TONLIB: Mutex<Vec<&'static TonlibLibrary>> = Mutex::new(Vec::new());

fn canonical(path: &Path) -> Result<PathBuf, LoadError> {
    path.canonicalize()
        .map_err(|error| LoadError::new(path, format!("cannot open it: {error}")))
}

/// Opens the shared library at `path` (already canonical).
fn open(path: &Path) -> Result<libloading::Library, LoadError> {
    // SAFETY: loading a library runs its initialisers. The caller names a libtdjson or
    // libtonlibjson (the documented contract of `Tdjson::load`/`Tonlib::load`), whose
    // initialisers only set up C++ statics; nothing else is assumed about them.
    unsafe { libloading::Library::new(path) }
        .map_err(|error| LoadError::new(path, format!("cannot load it: {error}")))
}

/// Looks up the function `name` as type `T` in `library`.
///
/// # Safety
/// `T` must be the function pointer type that the library's header declares for `name`.
unsafe fn symbol<T: Copy>(
    library: &libloading::Library,
    path: &Path,
    name: &str,
) -> Result<T, LoadError> {
    // SAFETY: the caller guarantees that `T` is the symbol's real type. The pointer is copied
    // out of the `Symbol`; it stays valid because the library is never unloaded.
    match unsafe { library.get::<T>(name.as_bytes()) } {
        Ok(symbol) => Ok(*symbol),
        Err(error) => Err(LoadError::new(
            path,
            format!("it has no function {name}: {error}"),
        )),
    }
}

/// A request as a C string: an error (not a truncation) when it holds a NUL byte.
fn c_request(request: &str) -> Result<CString, Error> {
    CString::new(request).map_err(|_| Error::NulInRequest)
}

/// Copies a string returned by the library, if not NULL.
///
/// # Safety
/// `pointer` is NULL or points to a NUL-terminated string that stays valid during this call.
unsafe fn copy_out(pointer: *const c_char) -> Option<String> {
    if pointer.is_null() {
        return None;
    }
    // SAFETY: not NULL, and valid and terminated by the caller's guarantee.
    let text = unsafe { CStr::from_ptr(pointer) };
    // Both libraries write UTF-8 (TDLib checks every string it accepts and sends); a library
    // that did not would get U+FFFD here rather than undefined behaviour.
    Some(String::from_utf8_lossy(text.to_bytes()).into_owned())
}

impl TdjsonLibrary {
    /// Loads libtdjson from `path`, or returns the copy already loaded from the same file.
    pub(crate) fn load(path: &Path) -> Result<&'static TdjsonLibrary, LoadError> {
        let path = canonical(path)?;
        let mut loaded = lock(&TDJSON);
        if let Some(library) = loaded.iter().find(|library| library.path == path) {
            return Ok(library);
        }
        let library = open(&path)?;
        // SAFETY: each type below is the signature td_json_client.h declares for the name.
        let resolved = unsafe {
            TdjsonLibrary {
                create_client_id: symbol(&library, &path, "td_create_client_id")?,
                send: symbol(&library, &path, "td_send")?,
                receive: symbol(&library, &path, "td_receive")?,
                execute: symbol(&library, &path, "td_execute")?,
                receive_lock: Mutex::new(()),
                path,
            }
        };
        // Never unloaded: the function pointers above stay valid for the whole process.
        std::mem::forget(library);
        let resolved: &'static TdjsonLibrary = Box::leak(Box::new(resolved));
        loaded.push(resolved);
        Ok(resolved)
    }

    /// The canonical path it was loaded from.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// `td_create_client_id`: a new TDLib instance's id (the instance starts on the first send).
    pub(crate) fn create_client_id(&self) -> i32 {
        // SAFETY: no arguments; callable from any thread (td_json_client.h).
        unsafe { (self.create_client_id)() }
    }

    /// `td_send`: queues `request` for client `client_id`.
    pub(crate) fn send(&self, client_id: i32, request: &str) -> Result<(), Error> {
        let request = c_request(request)?;
        // SAFETY: a valid NUL-terminated string that outlives the call (TDLib copies it);
        // callable from any thread.
        unsafe { (self.send)(client_id, request.as_ptr()) };
        Ok(())
    }

    /// `td_receive`: the next object of any client of this library, waiting up to `timeout`
    /// seconds; `None` when nothing came.
    pub(crate) fn receive(&self, timeout: f64) -> Option<String> {
        let _guard = lock(&self.receive_lock);
        // SAFETY: never from two threads at once (the lock); the result is copied before any
        // other td_receive/td_execute can run on this thread.
        unsafe { copy_out((self.receive)(timeout)) }
    }

    /// `td_execute`: runs a synchronous request; `None` when TDLib returned NULL.
    pub(crate) fn execute(&self, request: &str) -> Result<Option<String>, Error> {
        let request = c_request(request)?;
        // SAFETY: a valid string for the call's duration; td_execute may be called from any
        // thread, and its result is copied before this thread calls the library again.
        Ok(unsafe { copy_out((self.execute)(request.as_ptr())) })
    }
}

/// A tonlib client: the pointer `tonlib_client_json_create` returned.
pub(crate) struct TonlibHandle {
    library: &'static TonlibLibrary,
    client: *mut c_void,
    /// Held around `tonlib_client_json_receive` (one receiver at a time per client).
    receive_lock: Mutex<()>,
}

// SAFETY: tonlib's ClientJson is made to be used from several threads: `send` takes a mutex
// for its @extra table and hands the request to tonlib's actor threads; `receive` is
// serialised by `receive_lock` above. The pointer itself is only an address.
unsafe impl Send for TonlibHandle {}
// SAFETY: as for `Send`: shared use goes through `send` (thread-safe in tonlib) and `receive`
// (serialised here).
unsafe impl Sync for TonlibHandle {}

impl TonlibLibrary {
    /// Loads libtonlibjson from `path`, or returns the copy already loaded from the same file.
    pub(crate) fn load(path: &Path) -> Result<&'static TonlibLibrary, LoadError> {
        let path = canonical(path)?;
        let mut loaded = lock(&TONLIB);
        if let Some(library) = loaded.iter().find(|library| library.path == path) {
            return Ok(library);
        }
        let library = open(&path)?;
        // SAFETY: each type below is the signature tonlib_client_json.h declares for the name.
        let resolved = unsafe {
            TonlibLibrary {
                create: symbol(&library, &path, "tonlib_client_json_create")?,
                send: symbol(&library, &path, "tonlib_client_json_send")?,
                receive: symbol(&library, &path, "tonlib_client_json_receive")?,
                execute: symbol(&library, &path, "tonlib_client_json_execute")?,
                destroy: symbol(&library, &path, "tonlib_client_json_destroy")?,
                path,
            }
        };
        std::mem::forget(library);
        let resolved: &'static TonlibLibrary = Box::leak(Box::new(resolved));
        loaded.push(resolved);
        Ok(resolved)
    }

    /// The canonical path it was loaded from.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// `tonlib_client_json_execute`: runs a synchronous request; `None` when tonlib returned
    /// NULL (it could not parse the request).
    pub(crate) fn execute(&self, request: &str) -> Result<Option<String>, Error> {
        let request = c_request(request)?;
        // SAFETY: ClientJson::execute is static and ignores the client argument, so NULL is
        // fine; the request is valid for the call, and the thread-local result is copied
        // before this thread calls tonlib again.
        Ok(unsafe { copy_out((self.execute)(std::ptr::null_mut(), request.as_ptr())) })
    }

    /// `tonlib_client_json_create`: a new client.
    pub(crate) fn create(&'static self) -> Result<TonlibHandle, Error> {
        // SAFETY: no arguments.
        let client = unsafe { (self.create)() };
        if client.is_null() {
            return Err(Error::Closed);
        }
        Ok(TonlibHandle {
            library: self,
            client,
            receive_lock: Mutex::new(()),
        })
    }
}

impl TonlibHandle {
    /// `tonlib_client_json_send`.
    pub(crate) fn send(&self, request: &str) -> Result<(), Error> {
        let request = c_request(request)?;
        // SAFETY: `client` is live until `drop`; the request is copied by tonlib.
        unsafe { (self.library.send)(self.client, request.as_ptr()) };
        Ok(())
    }

    /// `tonlib_client_json_receive`: the next answer or update, waiting up to `timeout` seconds.
    pub(crate) fn receive(&self, timeout: f64) -> Option<String> {
        let _guard = lock(&self.receive_lock);
        // SAFETY: `client` is live; one receiver at a time (the lock); the thread-local
        // result is copied before this thread calls tonlib again.
        unsafe { copy_out((self.library.receive)(self.client, timeout)) }
    }
}

impl Drop for TonlibHandle {
    fn drop(&mut self) {
        // SAFETY: created by tonlib_client_json_create, destroyed exactly once; `&mut self`
        // means no send or receive is running on it.
        unsafe { (self.library.destroy)(self.client) };
    }
}
