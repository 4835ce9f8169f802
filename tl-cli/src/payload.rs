//! Payloads as text: hex and base64, read with the offset of the first bad character and
//! written on one line.
//!
//! Reading is lenient about layout: ASCII whitespace anywhere is skipped, hex digits may
//! be either case, base64 `=` padding is optional (but, when present, ends the text).
//! Writing is canonical: lowercase hex, standard base64 (RFC 4648 §4) with padding.

use std::fmt;

use tlgen_dynamic::base64::{self, Base64ErrorKind};

/// How payload bytes are written as text, or read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The bytes themselves.
    Raw,
    /// Two hex digits per byte.
    Hex,
    /// Standard base64 with `=` padding.
    Base64,
}

impl Format {
    /// The format chosen by the `--hex` and `--base64` flags.
    #[must_use]
    pub fn from_flags(hex: bool, base64: bool) -> Self {
        match (hex, base64) {
            (true, _) => Format::Hex,
            (false, true) => Format::Base64,
            (false, false) => Format::Raw,
        }
    }

    /// Reads the payload that `text` holds in this format (raw text is the payload).
    pub fn read(self, text: &[u8]) -> Result<Vec<u8>, TextError> {
        match self {
            Format::Raw => Ok(text.to_vec()),
            Format::Hex => decode_hex(text),
            Format::Base64 => decode_base64(text),
        }
    }

    /// Appends `bytes` to `out` in this format, without a newline.
    pub fn write(self, bytes: &[u8], out: &mut Vec<u8>) {
        match self {
            Format::Raw => out.extend_from_slice(bytes),
            Format::Hex => encode_hex(bytes, out),
            Format::Base64 => encode_base64(bytes, out),
        }
    }
}

/// What is wrong with a payload's text; see [`TextError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextErrorKind {
    /// A byte that is not a hex digit or whitespace.
    InvalidHexDigit(u8),
    /// The last digit has no pair; the offset is its own.
    OddHexDigits,
    /// Base64 that cannot be read (an invalid character, data after the `=` padding, a lone
    /// final symbol).
    Base64(Base64ErrorKind),
}

/// Shows a byte as `'g'` when it is printable ASCII, else as `byte 0xff`.
struct ShowByte(u8);

impl fmt::Display for ShowByte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_ascii_graphic() {
            write!(f, "'{}'", char::from(self.0))
        } else {
            write!(f, "byte {:#04x}", self.0)
        }
    }
}

impl fmt::Display for TextErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidHexDigit(b) => write!(f, "hex: invalid digit {}", ShowByte(*b)),
            Self::OddHexDigits => f.write_str("hex: odd number of digits"),
            Self::Base64(kind) => write!(f, "base64: {kind}"),
        }
    }
}

/// A payload's text that cannot be read: what, and the byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The byte offset of the offending character in the text.
    pub offset: usize,
    /// What is wrong.
    pub kind: TextErrorKind,
}

impl fmt::Display for TextError {
    /// Formats as e.g. `hex: invalid digit 'g' at byte 5 of the text`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {} of the text", self.kind, self.offset)
    }
}

impl std::error::Error for TextError {}

/// The value of a hex digit.
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Reads hex digits of either case, skipping ASCII whitespace.
pub fn decode_hex(text: &[u8]) -> Result<Vec<u8>, TextError> {
    let mut out = Vec::with_capacity(text.len() / 2);
    // The high digit of the byte being read, and its offset.
    let mut high: Option<(u8, usize)> = None;
    for (offset, &b) in text.iter().enumerate() {
        if b.is_ascii_whitespace() {
            continue;
        }
        let Some(v) = hex_value(b) else {
            return Err(TextError {
                offset,
                kind: TextErrorKind::InvalidHexDigit(b),
            });
        };
        match high.take() {
            Some((h, _)) => out.push(h << 4 | v),
            None => high = Some((v, offset)),
        }
    }
    match high {
        Some((_, offset)) => Err(TextError {
            offset,
            kind: TextErrorKind::OddHexDigits,
        }),
        None => Ok(out),
    }
}

/// Appends `bytes` as lowercase hex.
pub fn encode_hex(bytes: &[u8], out: &mut Vec<u8>) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)]);
        out.push(DIGITS[usize::from(b & 15)]);
    }
}

/// Reads standard base64 as [`tlgen_dynamic::base64::decode_lenient`] does: ASCII
/// whitespace skipped, `=` padding optional (but, when present, ending the text), leftover
/// bits ignored.
pub fn decode_base64(text: &[u8]) -> Result<Vec<u8>, TextError> {
    base64::decode_lenient(text).map_err(|e| TextError {
        offset: e.offset,
        kind: TextErrorKind::Base64(e.kind),
    })
}

/// Appends `bytes` as standard base64 with `=` padding.
pub fn encode_base64(bytes: &[u8], out: &mut Vec<u8>) {
    base64::encode_into(bytes, out);
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
    fn base64_rfc_4648_vectors() {
        for (plain, coded) in RFC {
            let mut out = Vec::new();
            encode_base64(plain.as_bytes(), &mut out);
            assert_eq!(out, coded.as_bytes());
            assert_eq!(decode_base64(coded.as_bytes()).unwrap(), plain.as_bytes());
            // Padding is optional when reading.
            let bare = coded.trim_end_matches('=');
            assert_eq!(decode_base64(bare.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(decode_base64(b"+/8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode_base64(b" Zm9v\n Ym Fy\r\n").unwrap(), b"foobar");
    }

    #[test]
    fn base64_errors_point_at_the_character() {
        let err = |text: &[u8]| decode_base64(text).unwrap_err();
        assert_eq!(
            err(b"Zm9v!"),
            TextError {
                offset: 4,
                kind: TextErrorKind::Base64(Base64ErrorKind::InvalidSymbol(b'!'))
            }
        );
        assert_eq!(err(b"Zm8=Zm9v").offset, 4);
        assert_eq!(
            err(b"Zm8=Zm9v").kind,
            TextErrorKind::Base64(Base64ErrorKind::AfterPadding)
        );
        assert_eq!(
            err(b"Zm9vY").kind,
            TextErrorKind::Base64(Base64ErrorKind::LoneSymbol)
        );
        assert_eq!(err(b"Zm9v Y").offset, 5);
        assert_eq!(
            err(b"Zm\xff").to_string(),
            "base64: invalid character byte 0xff at byte 2 of the text"
        );
    }

    #[test]
    fn hex_round_trips_and_reports_offsets() {
        let data: Vec<u8> = (0..=255).collect();
        let mut text = Vec::new();
        encode_hex(&data, &mut text);
        assert_eq!(&text[..8], b"00010203");
        assert_eq!(decode_hex(&text).unwrap(), data);
        assert_eq!(
            decode_hex(b" DE ad\nbE\tef ").unwrap(),
            [0xde, 0xad, 0xbe, 0xef]
        );
        let err = decode_hex(b"de ag").unwrap_err();
        assert_eq!(
            err.to_string(),
            "hex: invalid digit 'g' at byte 4 of the text"
        );
        let err = decode_hex(b"dead b").unwrap_err();
        assert_eq!(
            err.to_string(),
            "hex: odd number of digits at byte 5 of the text"
        );
    }
}
