//! Byte offsets to 1-based lines and columns, computed incrementally as the parser moves on.

/// Walks forward through one source, turning byte offsets into lines and columns.
///
/// Each call only looks at the text between the previous offset and the new one, so
/// locating every definition and parameter of a file costs one pass over it.
#[derive(Debug, Clone)]
pub(crate) struct LineCursor {
    /// The last offset located.
    offset: usize,
    /// Its 1-based line.
    line: u32,
    /// Its 1-based column, in characters.
    column: u32,
}

impl LineCursor {
    /// A cursor at the start of a source.
    pub(crate) fn new() -> Self {
        LineCursor {
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column of `offset` in `source`.
    ///
    /// Offsets should not decrease from one call to the next; if one does, the cursor
    /// starts again from the top of the source (correct, only slower).
    pub(crate) fn locate(&mut self, source: &str, offset: usize) -> (u32, u32) {
        if offset < self.offset {
            *self = LineCursor::new();
        }
        let chunk = source.get(self.offset..offset).unwrap_or("");
        // Usually the chunk is a short stretch of ASCII within one line: a parameter and a space.
        if is_ascii_without_newline(chunk.as_bytes()) {
            let len = u32::try_from(chunk.len()).unwrap_or(u32::MAX);
            self.column = self.column.saturating_add(len);
            self.offset = offset;
            return (self.line, self.column);
        }
        // Often the chunk is the line break between two definitions.
        let bytes = chunk.as_bytes();
        let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
        if newlines == 0 {
            self.column = self.column.saturating_add(char_count(bytes));
        } else {
            let last = bytes.iter().rposition(|&b| b == b'\n').unwrap_or(0);
            let tail = bytes.get(last + 1..).unwrap_or(&[]);
            self.line = self
                .line
                .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
            self.column = char_count(tail).saturating_add(1);
        }
        self.offset = offset;
        (self.line, self.column)
    }

    /// The line and column of `start`, and whether the text from `start` to `end` is ASCII
    /// without a line break. If it is, the cursor moves on to `end`, and every offset in
    /// between is on the same line, as many columns further as it is bytes further.
    pub(crate) fn locate_run(
        &mut self,
        source: &str,
        start: usize,
        end: usize,
    ) -> (u32, u32, bool) {
        let (line, column) = self.locate(source, start);
        let run = source.as_bytes().get(start..end);
        let Some(run) = run.filter(|run| is_ascii_without_newline(run)) else {
            return (line, column, false);
        };
        let len = u32::try_from(run.len()).unwrap_or(u32::MAX);
        self.column = self.column.saturating_add(len);
        self.offset = end;
        (line, column, true)
    }
}

/// The column `offset` bytes after `column` on an ASCII line.
pub(crate) fn column_after(column: u32, offset: usize) -> u32 {
    column.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
}

/// Whether `bytes` are all ASCII and none is a line break; eight at a time.
fn is_ascii_without_newline(bytes: &[u8]) -> bool {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = <[u8; 8]>::try_from(word).map_or(HIGH_BITS, u64::from_le_bytes);
        let newline_bytes_zeroed = word ^ (ONES * u64::from(b'\n'));
        let has_newline =
            newline_bytes_zeroed.wrapping_sub(ONES) & !newline_bytes_zeroed & HIGH_BITS != 0;
        if word & HIGH_BITS != 0 || has_newline {
            return false;
        }
    }
    words
        .remainder()
        .iter()
        .all(|&b| b.is_ascii() && b != b'\n')
}

/// The number of characters in `s`: bytes that do not continue a UTF-8 sequence.
fn char_count(bytes: &[u8]) -> u32 {
    let count = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_chars() {
        let src = "ab\nçd é\n\nx";
        let mut cursor = LineCursor::new();
        assert_eq!(cursor.locate(src, 0), (1, 1));
        assert_eq!(cursor.locate(src, 1), (1, 2));
        assert_eq!(cursor.locate(src, 3), (2, 1));
        // "çd " is 4 bytes, 3 chars.
        assert_eq!(cursor.locate(src, 7), (2, 4));
        assert_eq!(cursor.locate(src, 11), (4, 1));
        // Long ASCII stretches take the fast path; line breaks and non-ASCII the slow one.
        let long = format!("{}\n{}é{}", "a".repeat(20), "b".repeat(17), "c".repeat(9));
        let mut cursor = LineCursor::new();
        assert_eq!(cursor.locate(&long, 19), (1, 20));
        assert_eq!(cursor.locate(&long, 21), (2, 1));
        assert_eq!(cursor.locate(&long, 38), (2, 18));
        assert_eq!(cursor.locate(&long, 40), (2, 19));
        assert_eq!(cursor.locate(&long, 49), (2, 28));
        for (i, c) in "\n\u{80}".chars().enumerate() {
            assert!(!is_ascii_without_newline(
                format!("{}{c}", "x".repeat(8 + i)).as_bytes()
            ));
        }
        assert!(is_ascii_without_newline(b"0123456789abcdef\t\r ~"));
        // Going back restarts from the top.
        let mut cursor = LineCursor::new();
        assert_eq!(cursor.locate(src, 1), (1, 2));
    }
}
