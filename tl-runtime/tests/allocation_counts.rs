//! How many allocations decoding makes: none for empty strings, byte strings and vectors,
//! exactly one of the exact size for each non-empty one, and nothing else (no intermediate
//! buffer, no growth). A counting global allocator with per-thread counters, so that tests
//! running in parallel do not disturb each other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tl_runtime::{write, Deserializable, Serializable};

/// The system allocator, counting this thread's allocations and reallocations.
struct Counting;

thread_local! {
    // `const` and without a destructor: usable from inside the allocator.
    static CALLS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + bytes as u64));
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting neither
// allocates nor unwinds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes a `T` from `bytes` and returns it with the allocation calls and bytes it took.
fn decode<T: Deserializable>(bytes: &[u8]) -> (T, u64, u64) {
    let (calls, allocated) = (CALLS.with(Cell::get), BYTES.with(Cell::get));
    let value = T::from_bytes(bytes).expect("valid input");
    (
        value,
        CALLS.with(Cell::get) - calls,
        BYTES.with(Cell::get) - allocated,
    )
}

#[test]
fn empty_values_do_not_allocate() {
    let (s, calls, _) = decode::<String>(&[0, 0, 0, 0]);
    assert_eq!((s.as_str(), calls), ("", 0));
    let (b, calls, _) = decode::<Vec<u8>>(&[0, 0, 0, 0]);
    assert_eq!((b.len(), calls), (0, 0));
    // A long-form prefix with length 0 is still empty.
    let (s, calls, _) = decode::<String>(&[0xfe, 0, 0, 0]);
    assert_eq!((s.len(), calls), (0, 0));
    let empty_vector = [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0];
    let (v, calls, _) = decode::<Vec<i64>>(&empty_vector);
    assert_eq!((v.len(), calls), (0, 0));
    let (v, calls, _) = decode::<Vec<String>>(&empty_vector);
    assert_eq!((v.len(), calls), (0, 0));
}

#[test]
fn non_empty_values_allocate_once_at_their_exact_size() {
    for len in [1, 3, 4, 64, 253, 254, 1000] {
        let text = "я".repeat(len).chars().take(len).collect::<String>();
        let bytes = text.to_bytes();
        let (s, calls, allocated) = decode::<String>(&bytes);
        assert_eq!(s, text);
        assert_eq!(
            (calls, allocated),
            (1, text.len() as u64),
            "string of {len}"
        );
        assert_eq!(s.capacity(), s.len());

        let data = vec![0xab; len];
        let mut bytes = Vec::new();
        write::write_bytes(&mut bytes, &data);
        let (b, calls, allocated) = decode::<Vec<u8>>(&bytes);
        assert_eq!(b, data);
        assert_eq!((calls, allocated), (1, len as u64), "bytes of {len}");
        assert_eq!(b.capacity(), b.len());
    }

    let items: Vec<i64> = (0..100).collect();
    let (v, calls, allocated) = decode::<Vec<i64>>(&items.to_bytes());
    assert_eq!(v, items);
    assert_eq!((calls, allocated), (1, 800));
    assert_eq!(v.capacity(), v.len());

    // A vector of strings: one allocation for the vector, one per non-empty string.
    let items: Vec<String> = ["", "a", "ж", "", "long text ".repeat(30).as_str()]
        .map(String::from)
        .to_vec();
    let (v, calls, _) = decode::<Vec<String>>(&items.to_bytes());
    assert_eq!(v, items);
    assert_eq!(calls, 1 + 3);
    assert_eq!(v.capacity(), v.len());
    let (v, calls, _) = decode::<Vec<Vec<String>>>(&vec![items.clone(), Vec::new()].to_bytes());
    assert_eq!(v, [items, Vec::new()]);
    assert_eq!(calls, 1 + 1 + 3);
}
