//! [`IdTable`]: wire id → definition, an open-addressing table keyed by the id.

use crate::schema::DefId;

/// An empty slot's definition index.
const EMPTY: u32 = u32::MAX;

/// A hash table from constructor/function ids to definitions, at most half full.
///
/// Ids are CRC32 values; a multiplicative hash spreads them anyway, so that a schema with
/// crafted ids only makes lookups slower (linear probing), never wrong.
#[derive(Debug, Clone)]
pub(crate) struct IdTable {
    /// `(id, definition index)`; the index is [`EMPTY`] for a free slot.
    slots: Vec<(u32, u32)>,
    /// `slots.len() - 1` (a power of two minus one).
    mask: usize,
    /// The number of entries.
    len: usize,
}

impl IdTable {
    /// A table for about `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        let size = (n.max(4) * 2).next_power_of_two();
        Self {
            slots: vec![(0, EMPTY); size],
            mask: size - 1,
            len: 0,
        }
    }

    #[inline]
    fn home(&self, id: u32) -> usize {
        (id.wrapping_mul(0x9e37_79b1) >> 7) as usize & self.mask
    }

    /// Inserts `id`; returns the definition that already had it, if any.
    pub fn insert(&mut self, id: u32, def: DefId) -> Option<DefId> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mut i = self.home(id);
        loop {
            let slot = self.slots.get_mut(i)?;
            if slot.1 == EMPTY {
                *slot = (id, def.0);
                self.len += 1;
                return None;
            }
            if slot.0 == id {
                return Some(DefId(slot.1));
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Makes `id` name `def`, whether or not another definition had it.
    pub fn replace(&mut self, id: u32, def: DefId) {
        if let Some(old) = self.insert(id, def) {
            let mut i = self.home(id);
            while let Some(slot) = self.slots.get_mut(i) {
                if slot.0 == id && slot.1 == old.0 {
                    slot.1 = def.0;
                    return;
                }
                i = (i + 1) & self.mask;
            }
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let size = old.len() * 2;
        self.slots = vec![(0, EMPTY); size];
        self.mask = size - 1;
        self.len = 0;
        for (id, def) in old {
            if def != EMPTY {
                self.insert(id, DefId(def));
            }
        }
    }

    /// The definition with wire id `id`.
    #[inline]
    pub fn get(&self, id: u32) -> Option<DefId> {
        let mut i = self.home(id);
        // The table is at most half full, so a free slot ends every probe.
        loop {
            let &(key, def) = self.slots.get(i)?;
            if def == EMPTY {
                return None;
            }
            if key == id {
                return Some(DefId(def));
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_reports_duplicates() {
        let mut t = IdTable::with_capacity(1);
        for i in 0..1000u32 {
            // Colliding low bits on purpose.
            assert_eq!(t.insert(i << 20, DefId(i)), None);
        }
        for i in 0..1000u32 {
            assert_eq!(t.get(i << 20), Some(DefId(i)));
        }
        assert_eq!(t.get(7), None);
        assert_eq!(t.insert(5 << 20, DefId(1)), Some(DefId(5)));
    }
}
