//! Constructor ids: the CRC32 (IEEE) of a definition's canonical form.
//!
//! The canonical form is the definition written on one line with single spaces, without
//! its `#id`, where:
//! - a generic declaration `{X:Type}` becomes `X:Type`;
//! - `<` becomes a space and `>` is dropped: `Vector<long>` is `Vector long`;
//! - parentheses are dropped: TON's `ids:(vector tonNode.blockIdExt)` is
//!   `ids:vector tonNode.blockIdExt`, the same text as `ids:vector<tonNode.blockIdExt>`;
//! - `%` and `!` prefixes stay: `query:!X`.
//!
//! Two rules depend on the schema's [`Dialect`]:
//! - [`Dialect::Telegram`] (MTProto's `api.tl`, `mtproto.tl`, and every schema in their
//!   style: TDLib's `telegram_api.tl`, `secret_api.tl`, `mtproto_api.tl`, gotd's and
//!   Telethon's): a param of type `bytes` is written `string` (but `Vector<bytes>` keeps
//!   `bytes`), and `name:flags.N?true` params are left out (other conditionals stay
//!   `name:flags.N?Type`);
//! - [`Dialect::Ton`] (TON's `ton_api.tl`, `lite_api.tl`, `tonlib_api.tl`, TDLib's own
//!   `td_api.tl` and `e2e_api.tl`): neither; the definition is hashed as written,
//!   `mode.6?true` params and `bytes` included.
//!
//! Which one a schema uses is decided by evidence (see [`Dialect`]): declaring `bytes`
//! proves nothing, since TDLib's `telegram_api.tl` (`bytes = Bytes;`) and gotd's
//! (`bytes#e937bb82 = Bytes;`) do while their ids are Telegram's. A declared id that
//! neither rule computes is reported once, as a warning that the declared id is used,
//! unless it is one of the [`KNOWN_MISMATCHES`] (a note then: known and harmless).
//!
//! TDLib's own schemas are hashed as written: a real libtdjson 1.8.61 accepts
//! `{"@type": <id>}` for `testCallBytes` with id `0xd4215aa9`, the CRC32 of
//! `testCallBytes x:bytes = TestBytes`, and refuses the id computed with `string`; gotd's
//! TL parser (`ernado/tl`, its README's `tl-print` of `td_api.tl`) prints
//! `error#9bdd8f1a = Error;`, the CRC32 of `error code:int32 message:string = Error`.
//!
use crate::model::{Definition, Dialect, ParamKind, Type};

/// The canonical form of `def` under Telegram's rules, whose CRC32 is its id.
pub fn canonical_form(def: &Definition<'_>) -> String {
    canonical_form_in(def, Dialect::Telegram)
}

/// The canonical form of `def` under the rules of `dialect`.
pub fn canonical_form_in(def: &Definition<'_>, dialect: Dialect) -> String {
    let mut out = String::with_capacity(128);
    write_to(&mut out, def, dialect);
    out
}

/// The id computed from `def`'s canonical form under Telegram's rules (whatever id it declares).
pub fn compute_id(def: &Definition<'_>) -> u32 {
    compute_id_in(def, Dialect::Telegram)
}

/// The id computed from `def`'s canonical form under the rules of `dialect`.
pub fn compute_id_in(def: &Definition<'_>, dialect: Dialect) -> u32 {
    crc32fast::hash(canonical_form_in(def, dialect).as_bytes())
}

/// Appends the canonical form of `def` under Telegram's rules to `out`.
pub fn write_canonical_form(out: &mut String, def: &Definition<'_>) {
    write_to(out, def, Dialect::Telegram);
}

/// Like [`compute_id_in`], with `buffer` reused for the canonical form.
pub(crate) fn compute_id_with(
    buffer: &mut CanonicalBuffer,
    def: &Definition<'_>,
    dialect: Dialect,
) -> u32 {
    buffer.clear();
    write_to(buffer, def, dialect);
    crc32fast::hash(buffer.as_bytes())
}

/// Whether `source` declares `bytes` itself, as a line `bytes data:string = Bytes;` or
/// `bytes = Bytes;`: a cheap first guess of [`Dialect::Ton`] while the file is read, checked
/// against the evidence once the whole schema is read.
pub(crate) fn declares_bytes(source: &str) -> bool {
    // Cheap first: Telegram's schemas never contain the result.
    if !source.contains("Bytes") {
        return false;
    }
    source.lines().any(|line| {
        let Some(rest) = line.trim_start().strip_prefix("bytes") else {
            return false;
        };
        let declares = rest.starts_with([' ', '\t', '#', '=']);
        declares
            && rest
                .split_once('=')
                .is_some_and(|(_, result)| result.trim_start().starts_with("Bytes"))
    })
}

/// The builtins that only TDLib's and TON's schemas declare (Telegram's declare `int`,
/// `long`, `double`, `string`, `int128` and `int256`, never these): what makes a schema
/// without telling ids [`Dialect::Ton`].
pub(crate) const RAW_BUILTINS: [&str; 6] = [
    "bytes",
    "int32",
    "int53",
    "int64",
    "secureString",
    "secureBytes",
];

/// Whether the two rules can compute different ids for `def`: it has a `bytes` param or a
/// `flags.N?true` param.
pub(crate) fn rules_differ(def: &Definition<'_>) -> bool {
    def.params.iter().any(|p| match &p.kind {
        ParamKind::Plain(ty) => is_plain(ty, "bytes"),
        ParamKind::Conditional { ty, .. } => is_plain(ty, "bytes") || is_true(ty),
        ParamKind::FlagField => false,
    })
}

/// Whether `ty` is the plain type `name`, without arguments or prefixes.
fn is_plain(ty: &Type<'_>, name: &str) -> bool {
    ty.name == name && ty.args.is_empty() && !ty.percent && !ty.generic_ref
}

/// The name a versioned definition stands for: `decryptedMessage` for TDLib's
/// `decryptedMessage8` or `decryptedMessage46` (in `secret_api.tl`, one per layer), and
/// `inputStickerSetThumb` for `inputStickerSetThumbLegacy` (in `telegram_api.tl`). Their
/// declared ids are those of the lines with that name; `None` for a name without such a
/// suffix.
pub fn versioned_base(name: &str) -> Option<&str> {
    let base = name
        .strip_suffix("Legacy")
        .unwrap_or_else(|| name.trim_end_matches(|c: char| c.is_ascii_digit()));
    let ok = base.len() < name.len()
        && base
            .rsplit('.')
            .next()
            .is_some_and(|short| short.ends_with(|c: char| c.is_ascii_alphabetic()));
    ok.then_some(base)
}

/// A declared id that differs from the line's CRC32 on purpose and is the id on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownMismatch {
    /// The definition's name.
    pub name: &'static str,
    /// Its declared (wire) id.
    pub declared_id: u32,
    /// Where it comes from, for the note.
    pub why: &'static str,
}

/// The declared ids of real schemas that no rule computes and that are right on the wire.
///
/// The parser reports each as a [`Severity::Note`](crate::Severity::Note) instead of a
/// warning (and not as an error under `strict_ids`), for that name with exactly that id:
/// - Telegram's `mtproto.tl`: `accessPointRule` and `help.configSimple`, used in the
///   DC-config fallback; their ids come from an older form of the lines. (The third,
///   `ipPortSecret#37982646`, needs no entry: it is TDLib/TON's rule's id of its line, with
///   `bytes` as written, and a declared id that the other rule computes is a note anyway.)
/// - TON's `lite_api.tl` and `ton_api.tl`: ids kept when params were added
///   (`liteServer.transactionId#b12f65af` gained `metadata:mode.8?…`); TON's own generated
///   C++ (`tl/generate/auto/tl/lite_api.h`) uses the declared ids.
pub const KNOWN_MISMATCHES: [KnownMismatch; 8] = [
    KnownMismatch {
        name: "accessPointRule",
        declared_id: 0x4679_b65f,
        why: "Telegram's mtproto.tl, an older form of the line",
    },
    KnownMismatch {
        name: "help.configSimple",
        declared_id: 0x5a59_2a6c,
        why: "Telegram's mtproto.tl, an older form of the line",
    },
    KnownMismatch {
        name: "liteServer.transactionId",
        declared_id: 0xb12f_65af,
        why: "TON's lite_api.tl, kept when params were added",
    },
    KnownMismatch {
        name: "liteServer.signatureSet.ordinary",
        declared_id: 0xf644_a6e6,
        why: "TON's lite_api.tl, kept when the line changed",
    },
    KnownMismatch {
        name: "liteServer.getValidatorStats",
        declared_id: 0x091a_58bc,
        why: "TON's lite_api.tl, kept when params were added",
    },
    KnownMismatch {
        name: "tonNode.capabilities",
        declared_id: 0xf5bf_60c0,
        why: "TON's ton_api.tl, kept when the line changed",
    },
    KnownMismatch {
        name: "db.block.info",
        declared_id: 0x4ac6_e727,
        why: "TON's ton_api.tl, kept when the line changed",
    },
    KnownMismatch {
        name: "collatorNode.pong",
        declared_id: 0x5bbf_0521,
        why: "TON's ton_api.tl, kept when the line changed",
    },
];

/// The known mismatch of the definition `name` declaring `declared_id`, if it is one.
pub fn known_mismatch(name: &str, declared_id: u32) -> Option<&'static KnownMismatch> {
    KNOWN_MISMATCHES
        .iter()
        .find(|k| k.name == name && k.declared_id == declared_id)
}

/// Where a canonical form is written.
pub(crate) trait Sink {
    /// Appends `s`.
    fn push_str(&mut self, s: &str);
    /// Appends one ASCII character.
    fn push(&mut self, c: u8);
    /// Appends `s` between the ASCII characters `before` and `after`.
    fn push_between(&mut self, before: u8, s: &str, after: u8) {
        self.push(before);
        self.push_str(s);
        self.push(after);
    }
}

impl Sink for String {
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }

    fn push(&mut self, c: u8) {
        String::push(self, char::from(c));
    }
}

/// A buffer for canonical forms that appends short strings with a few fixed-size moves
/// instead of a call to `memcpy` each: names are short, and there are many of them.
#[derive(Debug, Default)]
pub(crate) struct CanonicalBuffer {
    /// Zeros past `len`, at least 16 of them.
    bytes: Vec<u8>,
    /// The length of the canonical form.
    len: usize,
}

impl CanonicalBuffer {
    /// Empties the buffer.
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    /// What is written.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    /// Makes sure `extra` more bytes fit, with the spare bytes the fixed-size moves of up
    /// to 16 bytes may touch; returns where they end.
    #[inline]
    fn room(&mut self, extra: usize) -> usize {
        let end = self.len + extra;
        if self.bytes.len() < end + SPARE {
            self.grow(end + SPARE);
        }
        end
    }

    /// Makes the buffer at least `len` long.
    #[cold]
    fn grow(&mut self, len: usize) {
        self.bytes.resize(len.max(2 * self.bytes.len()).max(256), 0);
    }
}

/// Spare bytes kept past the end, for the fixed-size moves.
const SPARE: usize = 16;

/// Copies `N` bytes of `from` at `at` into `to` at `to_at`, if both have them.
fn copy_fixed<const N: usize>(to: &mut [u8], to_at: usize, from: &[u8], at: usize) {
    if let (Some(to), Some(from)) = (to.get_mut(to_at..to_at + N), from.get(at..at + N)) {
        to.copy_from_slice(from);
    }
}

impl CanonicalBuffer {
    /// Writes `from` at `start`, where [`CanonicalBuffer::room`] made room for it.
    #[inline]
    fn write_at(&mut self, start: usize, from: &[u8]) {
        let to = &mut self.bytes;
        let len = from.len();
        // Two overlapping moves cover any length from the move's size to twice it.
        match len {
            0 => {}
            1..=3 => {
                for (i, &b) in from.iter().enumerate() {
                    if let Some(slot) = to.get_mut(start + i) {
                        *slot = b;
                    }
                }
            }
            4..=7 => {
                copy_fixed::<4>(to, start, from, 0);
                copy_fixed::<4>(to, start + len - 4, from, len - 4);
            }
            8..=16 => {
                copy_fixed::<8>(to, start, from, 0);
                copy_fixed::<8>(to, start + len - 8, from, len - 8);
            }
            _ => {
                if let Some(to) = to.get_mut(start..start + len) {
                    to.copy_from_slice(from);
                }
            }
        }
    }

    /// Writes the ASCII character `c` at `at`, where [`CanonicalBuffer::room`] made room for it.
    #[inline]
    fn write_byte_at(&mut self, at: usize, c: u8) {
        if let Some(slot) = self.bytes.get_mut(at) {
            *slot = c;
        }
    }
}

impl Sink for CanonicalBuffer {
    #[inline]
    fn push_str(&mut self, s: &str) {
        let start = self.len;
        self.len = self.room(s.len());
        self.write_at(start, s.as_bytes());
    }

    #[inline]
    fn push(&mut self, c: u8) {
        let at = self.len;
        self.len = self.room(1);
        self.write_byte_at(at, c);
    }

    #[inline]
    fn push_between(&mut self, before: u8, s: &str, after: u8) {
        let start = self.len;
        self.len = self.room(s.len() + 2);
        self.write_byte_at(start, before);
        self.write_at(start + 1, s.as_bytes());
        self.write_byte_at(self.len - 1, after);
    }
}

/// Writes the canonical form of `def` under the rules of `dialect` to `out`.
fn write_to(out: &mut impl Sink, def: &Definition<'_>, dialect: Dialect) {
    let telegram = dialect == Dialect::Telegram;
    out.push_str(def.name);
    for generic in &def.generics {
        out.push(b' ');
        out.push_str(generic.name);
        out.push(b':');
        out.push_str(generic.kind);
    }
    for param in &def.params {
        match &param.kind {
            ParamKind::Conditional { ty, .. } if telegram && is_true(ty) => {}
            ParamKind::Conditional { field, bit, ty } => {
                push_param_name(out, param.name);
                out.push_str(field);
                out.push(b'.');
                push_decimal(out, *bit);
                out.push(b'?');
                write_param_type(out, ty, telegram);
            }
            ParamKind::FlagField => {
                push_param_name(out, param.name);
                out.push(b'#');
            }
            ParamKind::Plain(ty) => {
                push_param_name(out, param.name);
                write_param_type(out, ty, telegram);
            }
        }
    }
    out.push_str(" = ");
    write_type(out, &def.result);
}

/// Whether `ty` is plain `true`, the type of a flag that carries no value.
fn is_true(ty: &Type<'_>) -> bool {
    is_plain(ty, "true")
}

/// ` name:`.
fn push_param_name(out: &mut impl Sink, name: &str) {
    out.push_between(b' ', name, b':');
}

/// A decimal number of at most three digits.
pub(crate) fn push_decimal(out: &mut impl Sink, n: u8) {
    if n >= 100 {
        out.push(b'0' + n / 100);
    }
    if n >= 10 {
        out.push(b'0' + n / 10 % 10);
    }
    out.push(b'0' + n % 10);
}

/// A param's type: under Telegram's rules (`telegram`), `bytes` is written `string`.
fn write_param_type(out: &mut impl Sink, ty: &Type<'_>, telegram: bool) {
    if telegram && ty.name == "bytes" && ty.args.is_empty() && !ty.percent && !ty.generic_ref {
        out.push_str("string");
    } else {
        write_type(out, ty);
    }
}

/// A type with its arguments after spaces: `Vector long`, `%Message`, `!X`.
fn write_type(out: &mut impl Sink, ty: &Type<'_>) {
    if ty.percent {
        out.push(b'%');
    }
    if ty.generic_ref {
        out.push(b'!');
    }
    out.push_str(ty.name);
    for arg in &ty.args {
        out.push(b' ');
        write_type(out, arg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffer_writes_what_a_string_does() {
        let mut buffer = CanonicalBuffer::default();
        let mut string = String::new();
        for i in 0..300 {
            let piece = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(2);
            let piece = &piece[..i % 70];
            Sink::push_str(&mut buffer, piece);
            Sink::push_str(&mut string, piece);
            Sink::push(&mut buffer, b' ');
            Sink::push(&mut string, b' ');
            Sink::push_between(&mut buffer, b'<', piece, b'>');
            Sink::push_between(&mut string, b'<', piece, b'>');
        }
        assert_eq!(buffer.as_bytes(), string.as_bytes());
    }
}
