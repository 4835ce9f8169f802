//! A hand-written fast path for the definition production of [`crate::grammar`].
//!
//! Nearly every line of a real schema is a well-formed definition, and the combinators
//! pay for the generality they need to report errors well. The functions here read the
//! same grammar byte by byte with plain indexes into the file. Each either succeeds with
//! exactly what the combinators would produce (same values, same spans, same end), or
//! gives up with `None`, and the combinators then read the definition again from its start
//! and report what is wrong. Giving up is always safe; accepting anything the combinators
//! reject, or reading it differently, is a bug (the differential tests below look for one).
//!
//! While it reads, the fast path also writes the canonical form for the id (see
//! [`crate::ids`]), and watches for anything the checks of a single definition
//! (`check::check_definition`) would report. A definition it finds clean skips them.

use crate::check::{is_primitive, TypeRef};
use crate::grammar::{take_all, Buffers, ParsedDefinition, IDENT_BYTES, MAX_TYPE_DEPTH};
use crate::hash::same_str;
use crate::ids::{self, CanonicalBuffer, Sink};
use crate::model::{Category, Definition, Docs, GenericParam, Param, ParamKind, Span, Type};

/// The file being read: its text and bytes. Past the end, [`Scan::byte`] reads as `0`,
/// which no production accepts.
#[derive(Clone, Copy)]
struct Scan<'a> {
    /// The whole file.
    text: &'a str,
    /// Its bytes.
    bytes: &'a [u8],
}

/// Whether `b` may start an identifier: an ASCII letter or `_`.
fn starts_ident(b: u8) -> bool {
    IDENT_BYTES[usize::from(b)] && !b.is_ascii_digit()
}

/// Eight copies of `b`.
const fn bytes8(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// How many of the eight bytes of `word` (little-endian) are identifier bytes before the
/// first that is not: ASCII letters, digits and `_`. Each byte's range checks are done on
/// all eight at once, with bit 7 of each byte as its flag.
fn ident_prefix(word: u64) -> usize {
    const HIGH: u64 = bytes8(0x80);
    let low = word & bytes8(0x7f);
    // Bit 7 is set in the bytes of `x` (all below 0x80) from `lo` to `hi`: adding
    // `128 - lo` carries into bit 7 from `lo` up, adding `127 - hi` from above `hi`.
    let in_range = |x: u64, lo: u8, hi: u8| (x + bytes8(128 - lo)) & !(x + bytes8(127 - hi)) & HIGH;
    // Setting bit 5 folds `A`-`Z` onto `a`-`z`, and nothing else onto them.
    let letters = in_range(low | bytes8(0x20), b'a', b'z');
    let digits = in_range(low, b'0', b'9');
    let underscores = in_range(low, b'_', b'_');
    let ident = (letters | digits | underscores) & !word;
    (!ident & HIGH).trailing_zeros() as usize / 8
}

/// Whether `b` is skipped as blank space between tokens (like [`u8::is_ascii_whitespace`]).
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r' | b'\x0C')
}

impl<'a> Scan<'a> {
    /// The byte at `i`, or `0` past the end.
    fn byte(self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    /// The text from `start` to `end`.
    fn slice(self, start: usize, end: usize) -> Option<&'a str> {
        self.text.get(start..end)
    }

    /// Skips whitespace and comments from `i`, like `grammar::ws`; `None` for an unterminated `/*`.
    fn ws(self, mut i: usize) -> Option<usize> {
        loop {
            let b = self.byte(i);
            if is_blank(b) {
                i += 1;
            } else if b != b'/' {
                return Some(i);
            } else {
                match self.byte(i + 1) {
                    b'/' => {
                        let comment = self.text.get(i + 2..)?;
                        i = comment
                            .find('\n')
                            .map_or(self.bytes.len(), |newline| i + 2 + newline + 1);
                    }
                    b'*' => {
                        let comment = self.text.get(i + 2..)?;
                        i = i + 2 + comment.find("*/")? + 2;
                    }
                    _ => return Some(i),
                }
            }
        }
    }

    /// Skips spaces and tabs from `i`, like nom's `space0`.
    fn spaces(self, mut i: usize) -> usize {
        while matches!(self.byte(i), b' ' | b'\t') {
            i += 1;
        }
        i
    }

    /// The end of the run of identifier bytes from `i`, found eight bytes at a time:
    /// names are short, and a loop byte by byte mispredicts its exit on every name.
    fn ident_run(self, mut i: usize) -> usize {
        while let Some(word) = self.bytes.get(i..i + 8) {
            let run = ident_prefix(<[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes));
            i += run;
            if run < 8 {
                return i;
            }
        }
        while IDENT_BYTES[usize::from(self.byte(i))] {
            i += 1;
        }
        i
    }

    /// The end of an identifier at `i`, like `grammar::ident`.
    fn ident(self, i: usize) -> Option<usize> {
        starts_ident(self.byte(i)).then(|| self.ident_run(i + 1))
    }

    /// The end of a possibly qualified name at `i`, like `grammar::qualified_name`: each
    /// `.` must be followed by a letter or `_`, else the name stops before it.
    /// Also gives where its last part starts.
    fn qualified_name(self, i: usize) -> Option<(usize, usize)> {
        let mut end = self.ident(i)?;
        let mut last = i;
        while self.byte(end) == b'.' && starts_ident(self.byte(end + 1)) {
            last = end + 1;
            end = self.ident_run(end + 2);
        }
        Some((end, last))
    }

    /// The hex digits of an id at `i` (after `#`), like `grammar::hex_id` when it succeeds.
    fn hex_id(self, i: usize) -> Option<(usize, u32)> {
        let mut end = i;
        let mut id = 0u32;
        while let Some(digit) = char::from(self.byte(end)).to_digit(16) {
            if end - i == 8 {
                return None;
            }
            id = (id << 4) | digit;
            end += 1;
        }
        // No digits, more than eight, or a letter or digit right after them.
        if end == i || IDENT_BYTES[usize::from(self.byte(end))] {
            return None;
        }
        Some((end, id))
    }

    /// A generic parameter at `i`, just after its `{`: `X:Type}`.
    fn generic_param(self, i: usize) -> Option<(usize, GenericParam<'a>)> {
        let name_end = self.ident(i)?;
        if self.byte(name_end) != b':' {
            return None;
        }
        let kind_end = self.ident(name_end + 1)?;
        if self.byte(kind_end) != b'}' {
            return None;
        }
        let generic = GenericParam {
            name: self.slice(i, name_end)?,
            kind: self.slice(name_end + 1, kind_end)?,
        };
        Some((kind_end + 1, generic))
    }
}

/// Beyond this many params, whether their names repeat is left to `check::check_definition`.
const SCAN_LIMIT: usize = 32;

/// Reading one definition: the file, the canonical form being written, and what was seen.
struct DefinitionScan<'a, 'b> {
    /// The file.
    scan: Scan<'a>,
    /// The definition's generic parameters, once read.
    generics: &'b [GenericParam<'a>],
    /// The canonical form so far.
    canonical: &'b mut CanonicalBuffer,
    /// The type names to look up, so far.
    refs: &'b mut Vec<TypeRef<'a>>,
    /// The param being read, or `None` for the result.
    param: Option<usize>,
    /// Whether nothing seen so far would be reported by the checks of one definition.
    clean: bool,
}

impl<'a> DefinitionScan<'a, '_> {
    /// A type at `i` nested `depth` deep, like `grammar::type_expr`, written into `out`
    /// (a fresh `Type::named("")`: building in place saves moving types around) and
    /// onto the canonical form.
    fn type_expr(&mut self, i: usize, depth: u32, out: &mut Type<'a>) -> Option<usize> {
        if depth > MAX_TYPE_DEPTH {
            return None;
        }
        let scan = self.scan;
        let prefix = scan.byte(i);
        let start = if matches!(prefix, b'%' | b'!') {
            i + 1
        } else {
            i
        };
        let (name_end, last_part) = scan.qualified_name(start)?;
        let name = scan.slice(start, name_end)?;
        out.name = name;
        out.percent = prefix == b'%';
        out.generic_ref = prefix == b'!';
        let generic = self.generics.iter().any(|g| same_str(g.name, name));
        if out.generic_ref {
            self.clean &= generic;
        } else if !generic && !is_primitive(name) {
            self.refs.push(TypeRef {
                name,
                bare: !out.percent && scan.byte(last_part).is_ascii_lowercase(),
                param: self.param,
            });
        }
        // `%` and `!` stay in the canonical form.
        self.canonical.push_range(scan.text, i, name_end);
        if scan.byte(name_end) == b'<' {
            self.type_args(name_end + 1, depth, &mut out.args)
        } else {
            Some(name_end)
        }
    }

    /// Pushes a fresh type onto `args` and reads the type at `i` into it; in the canonical
    /// form, arguments follow a space.
    fn push_type(&mut self, i: usize, depth: u32, args: &mut Vec<Type<'a>>) -> Option<usize> {
        self.canonical.push(b' ');
        args.push(Type::named(""));
        let arg = args.last_mut()?;
        self.type_expr(i, depth, arg)
    }

    /// The generic arguments of a type nested `depth` deep, at `i` just after the `<`,
    /// like `grammar::type_args`: separated by `,` or by spaces, closed by `>`.
    fn type_args(&mut self, i: usize, depth: u32, args: &mut Vec<Type<'a>>) -> Option<usize> {
        args.reserve_exact(1);
        let scan = self.scan;
        let mut end = self.push_type(scan.spaces(i), depth + 1, args)?;
        loop {
            let next = scan.spaces(end);
            match scan.byte(next) {
                b',' => end = self.push_type(scan.spaces(next + 1), depth + 1, args)?,
                b'>' => return Some(next + 1),
                // Spaces alone separate arguments too.
                _ if next > end => end = self.push_type(next, depth + 1, args)?,
                _ => return None,
            }
        }
    }

    /// A param's type at `i`, into `out`: in the canonical form, a plain `bytes` is `string`.
    fn param_type(&mut self, i: usize, out: &mut Type<'a>) -> Option<usize> {
        let mark = self.canonical.len();
        let end = self.type_expr(i, 0, out)?;
        if out.name == "bytes" && out.args.is_empty() && !out.percent && !out.generic_ref {
            self.canonical.truncate(mark);
            self.canonical.push_str("string");
        }
        Some(end)
    }

    /// What follows a param's `:` at `i`, like `grammar::param_kind`, written into `out`
    /// (a fresh `ParamKind::FlagField`). `earlier` are the params before this one.
    fn param_kind(
        &mut self,
        i: usize,
        out: &mut ParamKind<'a>,
        earlier: &[Param<'a>],
    ) -> Option<usize> {
        let scan = self.scan;
        if scan.byte(i) == b'#' {
            self.canonical.push(b'#');
            return Some(i + 1);
        }
        if let Some(field_end) = scan.ident(i) {
            if scan.byte(field_end) == b'.' && scan.byte(field_end + 1).is_ascii_digit() {
                let mut end = field_end + 1;
                let mut bit = 0u32;
                while scan.byte(end).is_ascii_digit() {
                    let digit = u32::from(scan.byte(end) - b'0');
                    bit = bit.saturating_mul(10).saturating_add(digit);
                    end += 1;
                }
                if scan.byte(end) != b'?' {
                    return None;
                }
                let field = scan.slice(i, field_end)?;
                let digits = end - field_end - 1;
                let bit = u8::try_from(bit).unwrap_or(u8::MAX);
                // The first param with the field's name must come earlier and be a `#`.
                if self.clean {
                    let flag_field = earlier.iter().find(|p| same_str(p.name, field));
                    let is_flag_field = |p: &Param<'_>| matches!(p.kind, ParamKind::FlagField);
                    self.clean = bit <= 31 && flag_field.is_some_and(is_flag_field);
                }
                if digits == 1 || (digits == 2 && bit >= 10) {
                    // The bit is written as in the canonical form: `flags.3?`.
                    self.canonical.push_range(scan.text, i, end + 1);
                } else {
                    self.canonical.push_str(field);
                    self.canonical.push(b'.');
                    ids::push_decimal(self.canonical, bit);
                    self.canonical.push(b'?');
                }
                *out = ParamKind::Conditional {
                    field,
                    bit,
                    ty: Type::named(""),
                };
                let ParamKind::Conditional { ty, .. } = out else {
                    return None;
                };
                return self.param_type(end + 1, ty);
            }
        }
        *out = ParamKind::Plain(Type::named(""));
        let ParamKind::Plain(ty) = out else {
            return None;
        };
        self.param_type(i, ty)
    }
}

/// The definition starting at byte `start` of `base` (a whole file), and where it ends,
/// exactly as `grammar::definition_combinators` reads it, pushed onto `out`; `None` (and
/// nothing pushed) to let them read it. Its `computed_id` is filled in, and
/// [`ParsedDefinition::fast`] says whether it is clean.
pub(crate) fn definition<'a>(
    base: &'a str,
    file: usize,
    category: Category,
    start: usize,
    buffers: &mut Buffers<'a>,
    out: &mut Vec<Definition<'a>>,
) -> Option<(usize, ParsedDefinition)> {
    let scan = Scan {
        text: base,
        bytes: base.as_bytes(),
    };
    let (name_end, _) = scan.qualified_name(start)?;
    let name = scan.slice(start, name_end)?;
    let Buffers {
        params: scratch,
        canonical,
        refs,
    } = buffers;
    let mut end = name_end;
    let declared_id = if scan.byte(end) == b'#' {
        let (id_end, id) = scan.hex_id(end + 1)?;
        end = id_end;
        Some(id)
    } else {
        None
    };
    canonical.clear();
    canonical.push_range(base, start, name_end);
    let mut generics = Vec::new();
    loop {
        let next = scan.ws(end)?;
        if scan.byte(next) != b'{' {
            break;
        }
        let (generic_end, generic) = scan.generic_param(next + 1)?;
        canonical.push(b' ');
        canonical.push_str(generic.name);
        canonical.push(b':');
        canonical.push_str(generic.kind);
        generics.push(generic);
        end = generic_end;
    }
    let mut reader = DefinitionScan {
        scan,
        generics: &generics,
        canonical,
        refs,
        param: None,
        clean: true,
    };
    reader.refs.clear();
    scratch.clear();
    loop {
        let next = scan.ws(end)?;
        let Some(name_end) = scan.ident(next) else {
            break;
        };
        if scan.byte(name_end) != b':' {
            break;
        }
        let name = scan.slice(next, name_end)?;
        // Many params are left to the checks of one definition, which index them.
        if scratch.len() >= SCAN_LIMIT || scratch.iter().any(|p| same_str(p.name, name)) {
            reader.clean = false;
        }
        let mark = reader.canonical.len();
        if scan.byte(next.wrapping_sub(1)) == b' ' {
            // ` name:` as written.
            reader
                .canonical
                .push_range(scan.text, next - 1, name_end + 1);
        } else {
            reader.canonical.push(b' ');
            reader.canonical.push_range(scan.text, next, name_end + 1);
        }
        // Made in place (a `push` would build it aside and copy it over).
        scratch.resize_with(scratch.len() + 1, || Param {
            name,
            kind: ParamKind::FlagField,
            docs: None,
            span: Span::unplaced(file, next, next),
        });
        let (param, earlier) = scratch.split_last_mut()?;
        reader.param = Some(earlier.len());
        end = reader.param_kind(name_end + 1, &mut param.kind, earlier)?;
        param.span.end = end;
        // A `flags.N?true` param is left out of the canonical form.
        if let ParamKind::Conditional { ty, .. } = &param.kind {
            if ty.name == "true" && ty.args.is_empty() && !ty.percent && !ty.generic_ref {
                reader.canonical.truncate(mark);
            }
        }
    }
    let equals = scan.ws(end)?;
    if scan.byte(equals) != b'=' {
        return None;
    }
    let result_start = scan.ws(equals + 1)?;
    reader.canonical.push_str(" = ");
    let mut result = Type::named("");
    reader.param = None;
    let result_end = reader.type_expr(result_start, 0, &mut result)?;
    let semicolon = scan.ws(result_end)?;
    if scan.byte(semicolon) != b';' {
        return None;
    }
    if category == Category::Function && result.is_bare() && !result.generic_ref {
        reader.clean = false;
    }
    let clean = reader.clean;
    let computed_id = crc32fast::hash(reader.canonical.as_bytes());
    let end = semicolon + 1;
    out.push(Definition {
        category,
        name,
        declared_id,
        computed_id,
        generics,
        params: take_all(scratch),
        result,
        docs: Docs::default(),
        span: Span::unplaced(file, start, end),
    });
    let parsed = ParsedDefinition {
        result: (result_start, result_end),
        fast: Some(clean),
    };
    Some((end, parsed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_definition, type_refs, FileContext};
    use crate::grammar::definition_combinators;
    use crate::model::DiagnosticKind;
    use proptest::prelude::*;

    /// Reads the definition at `start` of `text` both ways; when the fast path takes it,
    /// checks that it read exactly what the combinators read, and what it found on the way.
    fn compare(text: &str, start: usize) {
        let mut buffers = Buffers::default();
        let mut out = Vec::new();
        let Some((end, parsed)) =
            definition(text, 0, Category::Type, start, &mut buffers, &mut out)
        else {
            return;
        };
        let fast = out.pop().expect("the fast path pushes its definition");
        let mut scratch = Vec::new();
        let input = text.get(start..).expect("a char boundary");
        let (rest, (mut slow, slow_parsed)) =
            definition_combinators(text, 0, Category::Type, &mut scratch, input).unwrap_or_else(
                |e| panic!("the combinators reject what the fast path read: {e:?}\n{input}"),
            );
        assert_eq!(text.len() - rest.len(), end, "{input}");
        assert_eq!(parsed.result, slow_parsed.result, "{input}");
        slow.computed_id = crate::ids::compute_id(&slow);
        assert_eq!(fast, slow, "{input}");
        let mut refs = Vec::new();
        type_refs(&slow, &mut refs);
        fn key<'a>(r: &TypeRef<'a>) -> (&'a str, bool, Option<usize>) {
            (r.name, r.bare, r.param)
        }
        assert_eq!(
            buffers.refs.iter().map(key).collect::<Vec<_>>(),
            refs.iter().map(key).collect::<Vec<_>>(),
            "{input}"
        );
        let cx = FileContext {
            name: "t.tl",
            source: text,
            strict_ids: false,
        };
        let mut diagnostics = Vec::new();
        check_definition(&slow, Span::default(), &cx, &mut diagnostics);
        diagnostics.retain(|d| d.kind != DiagnosticKind::IdMismatch);
        // Clean means nothing to report; the fast path may leave a definition to the checks
        // without finding anything itself (with many params).
        if parsed.fast == Some(true) {
            assert!(diagnostics.is_empty(), "{input}: {diagnostics:?}");
        } else {
            assert!(
                !diagnostics.is_empty() || fast.params.len() > SCAN_LIMIT,
                "{input}"
            );
        }
    }

    /// Every line of the real schemas.
    #[test]
    fn the_fast_path_reads_the_real_schemas_like_the_combinators() {
        for text in [
            include_str!("../../schema/api.tl"),
            include_str!("../../schema/mtproto.tl"),
        ] {
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                compare(text, start);
                start += line.len();
            }
        }
    }

    /// Pieces of definitions, the odd ones included.
    const PIECES: &[&str] = &[
        "a",
        "b.c",
        "Bool",
        "#1cb5c415",
        "#ffffffff",
        "#123456789",
        "#1g",
        "{X:Type}",
        "{t:Type}",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "/* c */",
        "// c\n",
        "/* open",
        "x:int",
        "x:int",
        "y:#",
        "flags:#",
        "f:flags.0?true",
        "g:flags.31?bytes",
        "h:flags.32?int",
        "i:flags.300?int",
        "j:flags.07?long",
        "k:flags2.1?int",
        "bytes",
        "b:bytes",
        "v:Vector<bytes>",
        "w:vector<%M>",
        "q:!X",
        "q:!Y",
        "r:%T",
        "s:Vector< int >",
        "t:V<A,B>",
        "u:V<A B>",
        "z:V<A ,B >",
        "l:a.B",
        "m:a.b",
        "n:A.b",
        "=",
        "= X",
        "= !X",
        "= %T",
        "= t",
        "= a.b",
        "= V<X>",
        ";",
        ":",
        "?",
        "<",
        ">",
        ",",
        "%",
        "!",
        "é",
        "1",
        "x:V<V<V<int>>>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_path_reads_like_the_combinators(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 1..16),
            separators in prop::collection::vec(prop::sample::select(&[" ", "", " ", "\n"][..]), 16),
        ) {
            let mut text = String::new();
            for (piece, separator) in pieces.iter().zip(&separators) {
                text.push_str(piece);
                text.push_str(separator);
            }
            text.push_str(" = R;");
            compare(&text, 0);
        }
    }

    #[test]
    fn ident_prefix_counts_identifier_bytes() {
        for b in 0..=255u8 {
            let expected = usize::from(!IDENT_BYTES[usize::from(b)]);
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let run = ident_prefix(u64::from_le_bytes(word));
                let want = if IDENT_BYTES[usize::from(b)] { 8 } else { at };
                assert_eq!(run, want, "byte {b:#x} at {at} ({expected})");
            }
        }
        let scan = |s: &str| {
            let scan = Scan {
                text: s,
                bytes: s.as_bytes(),
            };
            scan.ident_run(0)
        };
        assert_eq!(scan("abc_DEF_0123456789xyz:int"), 21);
        assert_eq!(scan("a"), 1);
        assert_eq!(scan("ab cdefghijkl"), 2);
        assert_eq!(scan("abcdefgh"), 8);
        assert_eq!(scan("abcdefghé"), 8);
        assert_eq!(scan(""), 0);
    }
}
