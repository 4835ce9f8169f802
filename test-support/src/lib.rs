//! Helpers shared by the workspace's tests and benches, so that each exists once:
//!
//! - [`SplitMix64`]: the deterministic generator behind the sample bytes of the integration
//!   tests and the benchmark corpus;
//! - [`alloc`]: a counting global allocator for allocation tests;
//! - [`snapshot`]: compare output with a checked-in file, `UPDATE_SNAPSHOTS=1` to rewrite it.

pub mod alloc;
mod rng;
pub mod snapshot;

pub use rng::SplitMix64;
