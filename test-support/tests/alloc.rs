//! The counting allocator counts what a closure asks for, on its own thread only.

use std::hint::black_box;

use tlgen_test_support::alloc::{measure, Allocations, Counting};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn counts_one_allocation_of_the_exact_size() {
    let (v, a) = measure(|| black_box(Vec::<u8>::with_capacity(1000)));
    assert_eq!(v.capacity(), 1000);
    assert_eq!(
        a,
        Allocations {
            allocations: 1,
            reallocations: 0,
            bytes: 1000,
            largest: 1000
        }
    );
}

#[test]
fn counts_growth_as_reallocations() {
    let mut v = Vec::<u8>::with_capacity(16);
    v.extend_from_slice(&[1; 16]);
    let (_, a) = measure(|| {
        v.reserve_exact(48);
        black_box(&v);
    });
    assert_eq!((a.allocations, a.reallocations), (0, 1));
    assert_eq!((a.bytes, a.largest, a.calls()), (48, 64, 1));
}

#[test]
fn nothing_allocated_counts_nothing() {
    let (x, a) = measure(|| black_box(2_u64) + 2);
    assert_eq!((x, a), (4, Allocations::default()));
}

#[test]
fn other_threads_do_not_count() {
    let (_, a) = measure(|| {
        std::thread::scope(|s| {
            // The spawned thread's own allocations are not this thread's; spawning may
            // allocate a little here, never the 1 MiB.
            s.spawn(|| black_box(vec![0_u8; 1 << 20]));
        });
    });
    assert!(a.largest < 1 << 20, "{a:?}");
}

#[test]
fn nested_measures_keep_the_outer_largest() {
    let (_, outer) = measure(|| {
        black_box(vec![0_u8; 4096]);
        let (_, inner) = measure(|| black_box(vec![0_u8; 8]));
        assert_eq!(inner.largest, 8);
    });
    assert_eq!(outer.largest, 4096);
}
