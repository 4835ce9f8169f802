//! A counting global allocator: the system allocator, plus per-thread counters of the
//! allocations, reallocations and bytes requested, and of the largest single request.
//!
//! A test binary installs it and measures a closure with [`measure`]:
//!
//! ```
//! use tlgen_test_support::alloc::{measure, Counting};
//!
//! #[global_allocator]
//! static ALLOCATOR: Counting = Counting;
//!
//! let (v, counted) = measure(|| vec![0_u8; 100]);
//! assert_eq!((v.len(), counted.allocations, counted.bytes), (100, 1, 100));
//! ```
//!
//! The counters are per thread, so tests running in parallel do not disturb each other;
//! [`measure`] panics if the allocator is not installed, so a test cannot pass by counting
//! nothing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

/// The system allocator, counting the current thread's requests.
#[derive(Debug, Clone, Copy)]
pub struct Counting;

thread_local! {
    // `const` initialisation and no destructor: reading these never allocates nor registers
    // anything, so they can be used from inside the allocator.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static REALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

/// Records one request of `size` bytes, `grown` of them new, in `counter`.
fn record(counter: &'static std::thread::LocalKey<Cell<u64>>, size: usize, grown: usize) {
    // `try_with`: during thread teardown the slots may be gone; then nothing is counted.
    let _ = counter.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + grown as u64));
    let _ = LARGEST.try_with(|c| c.set(c.get().max(size)));
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so
// `System`'s guarantees carry over; the only addition is updating const-initialised
// thread-locals, which neither allocates nor unwinds.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(&ALLOCATIONS, layout.size(), layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(&ALLOCATIONS, layout.size(), layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `alloc_zeroed`'s contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(
            &REALLOCATIONS,
            new_size,
            new_size.saturating_sub(layout.size()),
        );
        // SAFETY: forwarded unchanged; the caller upholds `realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; the caller upholds `dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// What a closure asked of the allocator on its thread.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Allocations {
    /// Calls to `alloc` and `alloc_zeroed`.
    pub allocations: u64,
    /// Calls to `realloc`.
    pub reallocations: u64,
    /// Bytes requested: the size of each allocation, plus what each reallocation grew by.
    pub bytes: u64,
    /// The largest single request (an allocation's size or a reallocation's new size).
    pub largest: usize,
}

impl Allocations {
    /// Allocations and reallocations together.
    pub fn calls(self) -> u64 {
        self.allocations + self.reallocations
    }

    /// Adds `other`'s counts to these (the largest request is the larger of the two).
    pub fn add(&mut self, other: Allocations) {
        self.allocations += other.allocations;
        self.reallocations += other.reallocations;
        self.bytes += other.bytes;
        self.largest = self.largest.max(other.largest);
    }
}

/// Runs `f` and returns its result with what it allocated on this thread (the result itself
/// is dropped by the caller, after counting).
///
/// # Panics
///
/// If [`Counting`] is not the global allocator: the counts would be zero and mean nothing.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Allocations) {
    let before = ALLOCATIONS.with(Cell::get);
    drop(black_box(Box::new(0_u64)));
    assert!(
        ALLOCATIONS.with(Cell::get) > before,
        "tlgen_test_support::alloc::Counting is not this binary's #[global_allocator]"
    );
    let outer_largest = LARGEST.with(|c| c.replace(0));
    let start = counters();
    let result = f();
    let end = counters();
    let largest = LARGEST.with(|c| c.replace(c.get().max(outer_largest)));
    (
        result,
        Allocations {
            allocations: end[0] - start[0],
            reallocations: end[1] - start[1],
            bytes: end[2] - start[2],
            largest,
        },
    )
}

/// Allocations, reallocations and bytes requested on this thread so far.
fn counters() -> [u64; 3] {
    [
        ALLOCATIONS.with(Cell::get),
        REALLOCATIONS.with(Cell::get),
        BYTES.with(Cell::get),
    ]
}
