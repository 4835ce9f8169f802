//! Base64 as TDLib and tonlib read and write it: the standard alphabet (`+`, `/`) with `=`
//! padding, nothing else.
//!
//! Source: `tdutils/td/utils/base64.cpp` in tdlib/td (the same file in TON's copy of tdutils):
//! `base64_encode` pads with `=`; `base64_decode` drops at most two trailing `=`, then needs
//! the length with its padding to be a multiple of 4 ("Wrong padding length" — unpadded
//! input is refused), refuses any character outside the standard alphabet ("Wrong character
//! in the string" — the URL-safe `-` and `_` included) and non-zero bits after the last byte
//! ("Wrong padding in the string"). libtdjson 1.8.61 answers `"AAE"` with "Wrong padding
//! length" and `"AA-_"` with "Wrong character in the string".

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The value of each byte in the alphabet, or `INVALID`.
const INVALID: u8 = 0xff;
const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Appends the padded base64 of `bytes` to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len().div_ceil(3) * 4);
    let char_at = |index: u32| char::from(ALPHABET[(index & 63) as usize]);
    let mut chunks = bytes.chunks_exact(3);
    for chunk in &mut chunks {
        if let [a, b, c] = *chunk {
            let n = u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c);
            out.push(char_at(n >> 18));
            out.push(char_at(n >> 12));
            out.push(char_at(n >> 6));
            out.push(char_at(n));
        }
    }
    match *chunks.remainder() {
        [a] => {
            let n = u32::from(a) << 16;
            out.push(char_at(n >> 18));
            out.push(char_at(n >> 12));
            out.push_str("==");
        }
        [a, b] => {
            let n = u32::from(a) << 16 | u32::from(b) << 8;
            out.push(char_at(n >> 18));
            out.push(char_at(n >> 12));
            out.push(char_at(n >> 6));
            out.push('=');
        }
        _ => {}
    }
}

/// Decodes padded standard base64 into `out` (appending); `Err(())` for anything TDLib's
/// `base64_decode` refuses. `out` grows with what is decoded, never ahead of it by more than
/// the text's own length justifies.
pub(crate) fn decode_into(text: &[u8], out: &mut Vec<u8>) -> Result<(), ()> {
    if text.len() % 4 != 0 {
        return Err(());
    }
    let body_len = match text {
        [.., b'=', b'='] => text.len() - 2,
        [.., b'='] => text.len() - 1,
        _ => text.len(),
    };
    let (body, _) = text.split_at_checked(body_len).ok_or(())?;
    out.reserve(body.len() / 4 * 3 + 2);
    let mut chunks = body.chunks_exact(4);
    for chunk in &mut chunks {
        let mut n = 0u32;
        for &c in chunk {
            let v = DECODE[usize::from(c)];
            if v == INVALID {
                return Err(());
            }
            n = n << 6 | u32::from(v);
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = chunks.remainder();
    let mut n = 0u32;
    for &c in rest {
        let v = DECODE[usize::from(c)];
        if v == INVALID {
            return Err(());
        }
        n = n << 6 | u32::from(v);
    }
    match rest.len() {
        0 => {}
        // Two characters: 12 bits, one byte; the low 4 bits must be zero.
        2 => {
            if n & 0xf != 0 {
                return Err(());
            }
            out.push((n >> 4) as u8);
        }
        // Three characters: 18 bits, two bytes; the low 2 bits must be zero.
        3 => {
            if n & 0x3 != 0 {
                return Err(());
            }
            out.extend_from_slice(&[(n >> 10) as u8, (n >> 2) as u8]);
        }
        // One character cannot be: `len % 4 == 0` with at most two `=`.
        _ => return Err(()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &str) -> Result<Vec<u8>, ()> {
        let mut out = Vec::new();
        decode_into(text.as_bytes(), &mut out).map(|()| out)
    }

    #[test]
    fn rfc4648_vectors() {
        // RFC 4648, section 10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            encode_into(plain.as_bytes(), &mut out);
            assert_eq!(out, encoded);
            assert_eq!(decode(encoded).as_deref(), Ok(plain.as_bytes()));
        }
    }

    #[test]
    fn refuses_what_tdlib_refuses() {
        for bad in [
            "Zg", "Zg=", "Zm8", "Z===", "Zh==", "Zm9=", "AA-_", "Zm 9v", "Zg==Zg==", "=", "====",
        ] {
            assert_eq!(decode(bad), Err(()), "{bad}");
        }
    }
}
