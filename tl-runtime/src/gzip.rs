//! `gzip_packed#3072cfa1 packed_data:bytes = Object`: an object replaced by its gzipped
//! serialization.
//!
//! # The rules
//!
//! * [Service messages, "Packed Object"](https://core.telegram.org/mtproto/service_messages#packed-object):
//!   `gzip_packed` is "used to replace any other object (or rather, a serialization
//!   thereof) with its archived (gzipped) representation"; servers send it "in the body of
//!   an RPC response (i.e., as `result` in `rpc_result`)" for some high-level queries, and
//!   clients may send requests packed. `mtproto.tl` declares `packed_data` a `string`; its
//!   content is binary, so it is read here as `bytes` (the same wire format).
//! * The content is one gzip member ([RFC 1952](https://www.rfc-editor.org/rfc/rfc1952)):
//!   a 10-byte header (`1f 8b`, method 8 = deflate, flags, time, extra flags, OS) with the
//!   optional parts its flags announce, raw deflate data
//!   ([RFC 1951](https://www.rfc-editor.org/rfc/rfc1951)), then `CRC32` and `ISIZE` (the
//!   size modulo 2^32), both little-endian. Independent clients unpack it as such: Telethon
//!   with Python's `gzip.decompress`, gotd with Go's `compress/gzip`, grammers with
//!   flate2's `GzDecoder`, tdlib with zlib in gzip mode.
//!
//! # What is checked
//!
//! The header (magic, method, reserved flag bits, its CRC-16 when present), the deflate data,
//! the trailer's CRC-32 and size, and that nothing follows the member. The unpacked size is
//! capped ([`DEFAULT_MAX_UNPACKED`], or [`unpack_with_limit`]): the cap is enforced while
//! inflating, the output grows by doubling up to the cap, and no size the input claims is
//! trusted. A packed object that unpacks to another `gzip_packed` is refused, as is a
//! `gzip_packed` anywhere inside a packed object's content, and every packed object a decode
//! unpacks counts against one budget: see [`Scope`], where these envelope rules are written
//! once for every decoder. Every failure is
//! a [`DecodeErrorKind::Gzip`](crate::DecodeErrorKind::Gzip) at the offset of the problem in
//! the packed input (the header byte, the start of the deflate data, the trailer).
//!
//! Errors found later, while decoding the unpacked object, have offsets into the unpacked
//! bytes.

use crate::error::{DecodeError, Result};
use crate::reader::Reader;
use crate::scope::{packed_data_offset, Scope};

/// The constructor id of `gzip_packed`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// The most bytes a `gzip_packed` unpacks to by default: 16 MiB.
///
/// MTProto payloads are far smaller (a file part is at most 512 KiB, and TL `bytes` cannot
/// exceed 16 MiB − 1); the cap bounds what a forged stream (a "gzip bomb") can make a
/// decoder allocate.
pub const DEFAULT_MAX_UNPACKED: usize = 16 << 20;

/// Whether `bytes` starts with the `gzip_packed` constructor id.
#[inline]
#[must_use]
pub fn is_gzip_packed(bytes: &[u8]) -> bool {
    Reader::new(bytes).peek_u32().ok() == Some(GZIP_PACKED_ID)
}

/// The object in `bytes`, unpacked: if `bytes` is a `gzip_packed` (and nothing after it),
/// its content inflated into `buffer` (cleared first), else `bytes` itself.
///
/// Values decoded borrowed from the result borrow from `bytes` or `buffer`, which the caller
/// keeps. The unpacked size is capped at [`DEFAULT_MAX_UNPACKED`]; a content that is itself a
/// `gzip_packed` is [`GzipError::Nested`].
///
/// ```
/// # #[cfg(feature = "gzip")] {
/// // gzip_packed holding `boolTrue#997275b5`, packed by Python's `gzip.compress(…, mtime=0)`:
/// let packed = [
///     0xa1, 0xcf, 0x72, 0x30, // gzip_packed
///     24, // packed_data: 24 bytes, then 3 bytes of padding
///     0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3, // header: magic, deflate, no flags, time 0, …
///     0xdb, 0x5a, 0x5a, 0x34, 0x13, 0x00, // deflate data
///     0x9b, 0xfb, 0x08, 0xcd, 4, 0, 0, 0, // CRC-32 0xcd08fb9b, size 4
///     0, 0, 0,
/// ];
/// let mut buffer = Vec::new();
/// let object = tlgen_runtime::unpack(&packed, &mut buffer)?;
/// assert_eq!(object, 0x9972_75b5_u32.to_le_bytes());
/// // Anything else is returned as it is:
/// assert_eq!(tlgen_runtime::unpack(object, &mut Vec::new())?, object);
/// # }
/// # Ok::<(), tlgen_runtime::DecodeError>(())
/// ```
pub fn unpack<'a>(bytes: &'a [u8], buffer: &'a mut Vec<u8>) -> Result<&'a [u8]> {
    unpack_with_limit(bytes, buffer, DEFAULT_MAX_UNPACKED)
}

/// [`unpack`] with a cap of `limit` unpacked bytes instead of [`DEFAULT_MAX_UNPACKED`].
pub fn unpack_with_limit<'a>(
    bytes: &'a [u8],
    buffer: &'a mut Vec<u8>,
    limit: usize,
) -> Result<&'a [u8]> {
    Scope::with_unpack_limit(limit)
        .open(bytes, buffer)
        .map(|reader| reader.remaining_bytes())
}

/// Inflates the gzip member `data` (found at `base` in the input) into `out`.
#[cfg(feature = "gzip")]
pub(crate) fn inflate_packed(
    data: &[u8],
    base: usize,
    limit: usize,
    out: &mut Vec<u8>,
) -> Result<()> {
    inflate::gunzip(data, limit, out).map_err(|(at, error)| DecodeError::gzip(base + at, error))
}

/// Without the `gzip` feature, every packed object is [`GzipError::Unsupported`].
#[cfg(not(feature = "gzip"))]
pub(crate) fn inflate_packed(
    _data: &[u8],
    base: usize,
    _limit: usize,
    _out: &mut Vec<u8>,
) -> Result<()> {
    Err(DecodeError::gzip(
        base,
        crate::error::GzipError::Unsupported,
    ))
}

/// Decodes a `T` from a `gzip_packed` whose id was just read, for generated dispatchers
/// (`Object`): checks the envelope rules ([`Scope::check`]: not inside another packed
/// object), unpacks it within the reader's unpack budget (which it spends) and decodes the
/// content whole, in the packed scope.
#[doc(hidden)]
pub fn decode_gzip_packed<T: crate::Deserializable>(reader: &mut Reader<'_>) -> Result<T> {
    decode_gzip_packed_with(reader, T::deserialize)
}

/// [`decode_gzip_packed`] with the content decoded by `decode` (e.g.
/// [`Deserializable::deserialize_function`](crate::Deserializable::deserialize_function)
/// where only a function call may stand).
#[doc(hidden)]
pub fn decode_gzip_packed_with<T>(
    reader: &mut Reader<'_>,
    decode: fn(&mut Reader<'_>) -> Result<T>,
) -> Result<T> {
    let start = reader.position();
    let mut scope = reader.scope();
    scope.check(GZIP_PACKED_ID, start.saturating_sub(4))?;
    let data = reader.read_bytes()?;
    let mut buffer = Vec::new();
    let base = start.saturating_sub(4) + packed_data_offset(data);
    let packed = scope.unpack(data, base, &mut buffer)?;
    let mut inner =
        Reader::with_max_depth(&buffer, reader.max_depth().saturating_sub(reader.depth()));
    inner.set_scope(packed);
    let value = decode(&mut inner)?;
    inner.finish()?;
    reader.set_scope(scope.spent_by(inner.scope()));
    Ok(value)
}

/// The RFC 1952 reader, over miniz_oxide's inflater.
#[cfg(feature = "gzip")]
mod inflate {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    use crate::error::GzipError;

    /// An error and its offset in the member.
    type Failure = (usize, GzipError);

    /// Header flags (RFC 1952 §2.3.1).
    const FHCRC: u8 = 0x02;
    const FEXTRA: u8 = 0x04;
    const FNAME: u8 = 0x08;
    const FCOMMENT: u8 = 0x10;
    const RESERVED: u8 = 0xe0;

    /// The first size the output gets; it doubles from there, up to the limit.
    const INITIAL_OUTPUT: usize = 16 << 10;

    /// Inflates one gzip member that takes up all of `data` into `out` (cleared first),
    /// producing at most `limit` bytes.
    pub(super) fn gunzip(data: &[u8], limit: usize, out: &mut Vec<u8>) -> Result<(), Failure> {
        let body = header_len(data)?;
        let deflate = data.get(body..).unwrap_or(&[]);
        let used = inflate(deflate, limit, out).map_err(|(at, e)| (body + at, e))?;
        let trailer_at = body + used;
        let trailer = data
            .get(trailer_at..)
            .and_then(|rest| rest.first_chunk::<8>())
            .ok_or((trailer_at, GzipError::Truncated))?;
        let [c0, c1, c2, c3, s0, s1, s2, s3] = *trailer;
        if crc32fast::hash(out) != u32::from_le_bytes([c0, c1, c2, c3]) {
            return Err((trailer_at, GzipError::Checksum));
        }
        // ISIZE is the size modulo 2^32: truncation is the rule.
        if out.len() as u32 != u32::from_le_bytes([s0, s1, s2, s3]) {
            return Err((trailer_at + 4, GzipError::Size));
        }
        if data.len() > trailer_at + 8 {
            return Err((trailer_at + 8, GzipError::TrailingData));
        }
        Ok(())
    }

    /// The length of the member header at the front of `data`, checked.
    fn header_len(data: &[u8]) -> Result<usize, Failure> {
        let bad = |at: usize| (at, GzipError::Header);
        let Some(&[id1, id2, method, flags, ..]) = data.first_chunk::<10>() else {
            return Err(bad(data.len()));
        };
        if id1 != 0x1f {
            return Err(bad(0));
        }
        if id2 != 0x8b {
            return Err(bad(1));
        }
        if method != 8 {
            return Err(bad(2));
        }
        if flags & RESERVED != 0 {
            return Err(bad(3));
        }
        let mut at = 10;
        if flags & FEXTRA != 0 {
            let Some(&[lo, hi]) = data.get(at..).and_then(|rest| rest.first_chunk::<2>()) else {
                return Err(bad(at));
            };
            at += 2 + usize::from(u16::from_le_bytes([lo, hi]));
        }
        for flag in [FNAME, FCOMMENT] {
            if flags & flag != 0 {
                // A zero-terminated field.
                let field = data.get(at..).ok_or(bad(at))?;
                let end = field.iter().position(|&b| b == 0).ok_or(bad(at))?;
                at += end + 1;
            }
        }
        if flags & FHCRC != 0 {
            let covered = data.get(..at).ok_or(bad(at))?;
            let Some(&[lo, hi]) = data.get(at..).and_then(|rest| rest.first_chunk::<2>()) else {
                return Err(bad(at));
            };
            // The low 16 bits of the CRC-32 of the header before it.
            if crc32fast::hash(covered) as u16 != u16::from_le_bytes([lo, hi]) {
                return Err(bad(at));
            }
            at += 2;
        }
        if at > data.len() {
            return Err(bad(data.len()));
        }
        Ok(at)
    }

    /// Inflates the raw deflate data at the front of `input` into `out`, at most `limit`
    /// bytes; returns how many input bytes the deflate data took.
    fn inflate(input: &[u8], limit: usize, out: &mut Vec<u8>) -> Result<usize, Failure> {
        // The whole input is present, and the output is one flat buffer.
        let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let mut state = Box::<DecompressorOxide>::default();
        out.clear();
        out.resize(INITIAL_OUTPUT.min(limit), 0);
        let (mut read, mut written) = (0, 0);
        loop {
            let rest = input.get(read..).unwrap_or(&[]);
            let (status, consumed, produced) = decompress(&mut state, rest, out, written, flags);
            read += consumed;
            written += produced;
            match status {
                TINFLStatus::Done => {
                    out.truncate(written);
                    return Ok(read);
                }
                TINFLStatus::HasMoreOutput => {
                    if out.len() >= limit {
                        out.truncate(written);
                        return Err((read, GzipError::TooLarge { limit }));
                    }
                    let grown = out.len().saturating_mul(2).clamp(1, limit);
                    out.resize(grown, 0);
                }
                TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                    return Err((input.len(), GzipError::Truncated));
                }
                _ => return Err((read, GzipError::Deflate)),
            }
        }
    }
}
