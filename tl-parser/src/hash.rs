//! A fast, non-cryptographic hasher for the parser's name and id tables.
//!
//! Schemas are not adversarial enough for hash flooding to matter, and the tables are
//! hit for every type reference, so the speed of SipHash's defence is not worth paying.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// The multiplier of the Fx hash (from Firefox, also used by rustc).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Fx-style hashing over 8-byte words, with a folded multiply (the high and low halves of
/// the 128-bit product xored) so that every input bit reaches the low bits.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    /// The hash so far.
    hash: u64,
}

impl FxHasher {
    /// Mixes one word into the hash.
    fn add(&mut self, word: u64) {
        let product = u128::from(self.hash.rotate_left(5) ^ word) * u128::from(SEED);
        self.hash = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FxHasher {
    /// Names are short: one or two words, read whole (the first and last eight bytes,
    /// overlapping when shorter than sixteen), plus the words in between for longer ones.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let len = bytes.len();
        if len > 16 {
            let mut chunks = bytes.chunks_exact(8);
            for chunk in &mut chunks {
                self.add(word(chunk));
            }
            self.add(bytes.get(len - 8..).map_or(0, word));
        } else if len >= 8 {
            let first = bytes.get(..8).map_or(0, word);
            let last = bytes.get(len - 8..).map_or(0, word);
            self.add(first);
            self.add(last ^ len as u64);
        } else {
            // Up to seven bytes: a little-endian number, made distinct by its length.
            let mut n = len as u64;
            for &b in bytes {
                n = (n << 8) | u64::from(b);
            }
            self.add(n);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Eight bytes as a little-endian number.
fn word(bytes: &[u8]) -> u64 {
    <[u8; 8]>::try_from(bytes).map_or(0, u64::from_le_bytes)
}

/// Whether `a` and `b` are the same; quicker than `==` on the short names of a schema,
/// which it compares a word or two at a time rather than through `memcmp`.
#[inline]
pub(crate) fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => {
            let half = |s: &[u8], at: usize| {
                s.get(at..at + 4)
                    .and_then(|w| <[u8; 4]>::try_from(w).ok())
                    .map_or(0, u32::from_le_bytes)
            };
            half(a, 0) == half(b, 0) && half(a, len - 4) == half(b, len - 4)
        }
        8..=16 => {
            let whole = |s: &[u8], at: usize| s.get(at..at + 8).map_or(0, word);
            whole(a, 0) == whole(b, 0) && whole(a, len - 8) == whole(b, len - 8)
        }
        _ => a == b,
    }
}

/// A name as a hash key: hashed by its bytes alone, compared with [`same_str`].
#[derive(Debug, Clone, Copy, Eq)]
pub(crate) struct NameKey<'a>(pub &'a str);

impl PartialEq for NameKey<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        same_str(self.0, other.0)
    }
}

impl Hash for NameKey<'_> {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write(self.0.as_bytes());
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::hash::BuildHasher;

    #[test]
    fn similar_names_spread_over_buckets() {
        let build = BuildHasherDefault::<FxHasher>::default();
        for width in [0, 6, 14, 30] {
            let buckets: HashSet<u64> = (0..4096)
                .map(|i| build.hash_one(NameKey(&format!("{}p{i}", "x".repeat(width)))) & 4095)
                .collect();
            assert!(buckets.len() > 2000, "{width}: {}", buckets.len());
            let buckets: HashSet<u64> = (0..4096)
                .map(|i| build.hash_one(format!("{}p{i}", "x".repeat(width))) & 4095)
                .collect();
            assert!(buckets.len() > 2000, "{width}: {}", buckets.len());
        }
    }

    #[test]
    fn same_str_is_equality() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "abc",
            "abd",
            "abcd",
            "abce",
            "bbcd",
            "abcdefg",
            "abcdefh",
            "bbcdefg",
            "abcdefgh",
            "abcdefgi",
            "bbcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefghXjklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "bbcdefghijklmnopq",
            "é",
            "éa",
            "ab\u{0}",
            "ab\u{0}\u{0}",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_str(a, b), a == b, "{a:?} {b:?}");
                assert_eq!(NameKey(a) == NameKey(b), a == b);
            }
        }
    }
}
