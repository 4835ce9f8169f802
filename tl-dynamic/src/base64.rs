//! Standard base64 (RFC 4648 §4): `bytes`, `int128` and `int256` in TL-JSON, and payloads
//! given as text (`tl-codegen decode --base64`).
//!
//! Writing is canonical: `=` padding, always. Reading comes in two strictnesses, with one
//! error type that says what is wrong and at which byte:
//!
//! * [`decode`] reads the canonical form only (the length a multiple of 4, padding where it
//!   is due, the bits that padding drops zero), so each byte string has exactly one
//!   accepted text; TL-JSON uses it.
//! * [`decode_lenient`] reads what people paste: ASCII whitespace anywhere is skipped,
//!   `=` padding is optional (but, when present, ends the text), leftover bits are ignored.
//!
//! ```
//! use tlgen_dynamic::base64;
//! assert_eq!(base64::encode(b"foob"), "Zm9vYg==");
//! assert_eq!(base64::decode("Zm9vYg==").unwrap(), b"foob");
//! assert_eq!(base64::decode_lenient(b" Zm9v\n Yg").unwrap(), b"foob");
//! let error = base64::decode_lenient(b"Zm9v!").unwrap_err();
//! assert_eq!((error.offset, error.to_string().as_str()), (4, "base64: invalid character '!' at byte 4"));
//! ```

use std::fmt;

/// The standard alphabet.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes `data` with padding.
#[must_use]
pub fn encode(data: &[u8]) -> String {
    let mut out = Vec::new();
    encode_into(data, &mut out);
    // Only symbols of the alphabet and `=`: always ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `data` to `out`, encoded with padding.
pub fn encode_into(data: &[u8], out: &mut Vec<u8>) {
    out.reserve(data.len().div_ceil(3) * 4);
    let symbol = |n: u32| ALPHABET[(n & 63) as usize];
    for chunk in data.chunks(3) {
        let at = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = at(0) << 16 | at(1) << 8 | at(2);
        out.push(symbol(n >> 18));
        out.push(symbol(n >> 12));
        out.push(if chunk.len() > 1 {
            symbol(n >> 6)
        } else {
            b'='
        });
        out.push(if chunk.len() > 2 { symbol(n) } else { b'=' });
    }
}

/// What is wrong with a base64 text; see [`Base64Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Base64ErrorKind {
    /// A byte that is not a symbol of the alphabet or `=` (nor, when lenient, whitespace).
    InvalidSymbol(u8),
    /// A symbol after the `=` padding; the offset is its own.
    AfterPadding,
    /// The text ends with one symbol of a group of four, which holds no whole byte; the
    /// offset is that symbol's.
    LoneSymbol,
    /// Canonical only: the length (given) is not a multiple of 4.
    Length(usize),
    /// Canonical only: more or fewer `=` than the last group needs; the offset is the first `=`.
    MisplacedPadding,
    /// Canonical only: the bits that the padding drops are not zero; the offset is the last symbol.
    NonZeroBits,
}

impl fmt::Display for Base64ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::InvalidSymbol(b) if b.is_ascii_graphic() => {
                write!(f, "invalid character '{}'", char::from(b))
            }
            Self::InvalidSymbol(b) => write!(f, "invalid character byte {b:#04x}"),
            Self::AfterPadding => f.write_str("data after the '=' padding"),
            Self::LoneSymbol => f.write_str("a final group of one symbol holds no byte"),
            Self::Length(n) => {
                write!(
                    f,
                    "length {n} is not a multiple of 4 (padding `=` is required)"
                )
            }
            Self::MisplacedPadding => f.write_str("misplaced '=' padding"),
            Self::NonZeroBits => f.write_str("non-zero bits before the padding"),
        }
    }
}

/// A base64 text that cannot be read: what is wrong, and the byte offset in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Base64Error {
    /// The byte offset of the offending character in the text.
    pub offset: usize,
    /// What is wrong.
    pub kind: Base64ErrorKind,
}

impl fmt::Display for Base64Error {
    /// Formats as e.g. `base64: invalid character '-' at byte 4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "base64: {} at byte {}", self.kind, self.offset)
    }
}

impl std::error::Error for Base64Error {}

/// The value of one symbol.
fn value(c: u8) -> Option<u32> {
    Some(u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    }))
}

/// Decodes canonical base64: the length a multiple of 4, `=` padding exactly where the
/// last group needs it, and the bits that padding drops zero, so that every byte string
/// has exactly one accepted encoding.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let len = text.len();
    if len % 4 != 0 {
        return Err(Base64Error {
            offset: len,
            kind: Base64ErrorKind::Length(len),
        });
    }
    read(text.as_bytes(), true)
}

/// Decodes base64 as people paste it: ASCII whitespace anywhere is skipped, `=` padding
/// is optional (when present, only whitespace and `=` may follow it), and the bits that
/// a short final group leaves over are ignored.
pub fn decode_lenient(text: &[u8]) -> Result<Vec<u8>, Base64Error> {
    read(text, false)
}

/// Reads `text`, canonical base64 when `strict`, else lenient (see [`decode_lenient`]).
fn read(text: &[u8], strict: bool) -> Result<Vec<u8>, Base64Error> {
    let error = |offset, kind| Err(Base64Error { offset, kind });
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    // Symbols of the current group, and the offsets of its first and last ones.
    let (mut acc, mut count, mut group_start, mut last) = (0u32, 0u32, 0usize, 0usize);
    // The offset of the first `=`, and how many there are.
    let (mut padding, mut pads) = (None, 0usize);
    for (offset, &b) in text.iter().enumerate() {
        if b.is_ascii_whitespace() && !strict {
            continue;
        }
        if b == b'=' {
            padding.get_or_insert(offset);
            pads += 1;
            continue;
        }
        if padding.is_some() {
            return error(offset, Base64ErrorKind::AfterPadding);
        }
        let Some(v) = value(b) else {
            return error(offset, Base64ErrorKind::InvalidSymbol(b));
        };
        if count == 0 {
            group_start = offset;
        }
        last = offset;
        acc = acc << 6 | v;
        count += 1;
        if count == 4 {
            let [_, b0, b1, b2] = acc.to_be_bytes();
            out.extend_from_slice(&[b0, b1, b2]);
            (acc, count) = (0, 0);
        }
    }
    if strict && pads != (4 - count as usize) % 4 {
        return error(
            padding.unwrap_or(text.len()),
            Base64ErrorKind::MisplacedPadding,
        );
    }
    // What a short final group leaves over after its whole bytes.
    let spare = match count {
        0 => 0,
        1 => return error(group_start, Base64ErrorKind::LoneSymbol),
        2 => {
            out.push((acc >> 4) as u8);
            acc & 0xf
        }
        _ => {
            let [_, _, b0, b1] = (acc >> 2).to_be_bytes();
            out.extend_from_slice(&[b0, b1]);
            acc & 0x3
        }
    };
    if strict && spare != 0 {
        return error(last, Base64ErrorKind::NonZeroBits);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test vectors of RFC 4648 §10.
    const RFC: [(&str, &str); 7] = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];

    #[test]
    fn rfc_4648_vectors() {
        for (plain, coded) in RFC {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
        // The two symbols outside letters and digits.
        assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
        assert_eq!(decode("+/8=").unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "Zg", "Zg=", "Zg===", "Z===", "Zm9v=Zm9", "Zh==", "Zm9=", "Zm 9", "Zm9-", "=Zm9",
        ] {
            assert!(decode(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for n in 0..data.len() {
            let text = encode(&data[..n]);
            assert_eq!(text.len(), n.div_ceil(3) * 4);
            assert_eq!(decode(&text).unwrap(), &data[..n]);
            assert_eq!(decode_lenient(text.as_bytes()).unwrap(), &data[..n]);
        }
    }

    #[test]
    fn lenient_reading_and_its_error_offsets() {
        for (plain, coded) in RFC {
            let bare = coded.trim_end_matches('=');
            assert_eq!(decode_lenient(bare.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode_lenient(b" Zm9v\n Ym Fy\r\n").unwrap(), b"foobar");
        // Leftover bits are ignored.
        assert_eq!(decode_lenient(b"Zh==").unwrap(), b"f");
        let err = |text: &[u8]| decode_lenient(text).unwrap_err();
        assert_eq!(
            err(b"Zm9v!"),
            Base64Error {
                offset: 4,
                kind: Base64ErrorKind::InvalidSymbol(b'!')
            }
        );
        assert_eq!(
            (err(b"Zm8=Zm9v").offset, err(b"Zm8=Zm9v").kind),
            (4, Base64ErrorKind::AfterPadding)
        );
        assert_eq!(err(b"Zm9vY").kind, Base64ErrorKind::LoneSymbol);
        assert_eq!(err(b"Zm9v Y").offset, 5);
        assert_eq!(
            err(b"Zm\xff").to_string(),
            "base64: invalid character byte 0xff at byte 2"
        );
    }

    #[test]
    fn canonical_errors_say_what_and_where() {
        use Base64ErrorKind::*;
        for (text, offset, kind) in [
            ("Zg", 2, Length(2)),
            ("Zg=", 3, Length(3)),
            ("Zm8==", 5, Length(5)),
            ("Zm9=", 2, NonZeroBits),
            ("Zg===Zg=", 5, AfterPadding),
            ("Zm==Zm8=", 4, AfterPadding),
            ("Zm9v====", 4, MisplacedPadding),
            ("Zm9vZ===", 4, LoneSymbol),
            ("Zm9v Zg=", 4, InvalidSymbol(b' ')),
        ] {
            assert_eq!(decode(text), Err(Base64Error { offset, kind }), "{text:?}");
        }
    }
}
