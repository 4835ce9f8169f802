//! The TL grammar as nom productions, one function per production, built bottom-up.
//!
//! Productions work on `&str` slices of the whole file, so every position is a byte offset
//! into it; lines and columns are computed later, only where needed. `cut` marks the points
//! where a production has committed, and `context` labels say what was expected there.
//!
//! Every production is generic over its error type ([`ProductionError`]). A definition is
//! read first with `()`, which costs nothing to build, pass around or throw away when `alt`
//! and `opt` backtrack; only a definition that fails is read again with [`GrammarError`] to
//! find where and what was expected. Both passes run the same code, so they agree on what
//! they accept: only the error differs.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while};
use nom::combinator::{cut, eof, map, opt, peek, recognize, value};
use nom::error::{context, ContextError, ErrorKind, ParseError};
use nom::multi::many0_count;
use nom::sequence::{preceded, terminated};
use nom::{Err, IResult, Parser};

use crate::model::{Category, Definition, Docs, GenericParam, Param, ParamKind, Span, Type};

/// How deeply generic arguments and parentheses may nest (`Vector<Vector<...>>`,
/// `(vector (vector ...))`) before the parser gives up.
pub(crate) const MAX_TYPE_DEPTH: u32 = 64;

/// What a failed production has to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    /// Nothing yet; an enclosing `context` will name what was expected.
    None,
    /// What was expected at the failure point, e.g. "`=` before the result type".
    Expected(&'static str),
    /// A problem that is not a missing token, as a whole sentence.
    Problem(&'static str),
}

/// The error type of the productions: nom's traits, plus a committed failure that says
/// what is wrong in a whole sentence (an unterminated comment, a too long id).
pub(crate) trait ProductionError<'a>: ParseError<&'a str> + ContextError<&'a str> {
    /// A failure at `at` whose message is `message`.
    fn problem(at: &'a str, message: &'static str) -> Self;
}

/// The error of the first pass: nothing at all.
impl<'a> ProductionError<'a> for () {
    fn problem(_at: &'a str, _message: &'static str) -> Self {}
}

/// The error of the second pass: where a production failed and what was expected there.
///
/// It is `Copy` and never allocates, so backtracking through `alt` and `opt` stays cheap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GrammarError<'a> {
    /// The input left where the production failed.
    pub at: &'a str,
    /// What was expected there.
    pub label: Label,
}

impl GrammarError<'_> {
    /// The one-sentence message of a diagnostic.
    pub(crate) fn message(&self) -> String {
        match self.label {
            Label::Expected(what) => format!("expected {what}"),
            Label::Problem(message) => message.to_owned(),
            Label::None => "unexpected input".to_owned(),
        }
    }
}

impl<'a> ProductionError<'a> for GrammarError<'a> {
    fn problem(at: &'a str, message: &'static str) -> Self {
        GrammarError {
            at,
            label: Label::Problem(message),
        }
    }
}

impl<'a> ParseError<&'a str> for GrammarError<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        GrammarError {
            at: input,
            label: Label::None,
        }
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Keeps the error that got further; on a tie, the one that says more.
    fn or(self, other: Self) -> Self {
        if other.at.len() < self.at.len()
            || (other.at.len() == self.at.len() && self.label == Label::None)
        {
            other
        } else {
            self
        }
    }
}

impl<'a> ContextError<&'a str> for GrammarError<'a> {
    /// Labels an error with what this context expected when the error is where the context
    /// began (nothing of it matched); an error further in keeps its own, more precise label.
    fn add_context(input: &'a str, ctx: &'static str, mut other: Self) -> Self {
        let here = other.at.len() == input.len();
        match other.label {
            Label::None => other.label = Label::Expected(ctx),
            Label::Expected(_) if here => other.label = Label::Expected(ctx),
            Label::Expected(_) | Label::Problem(_) => {}
        }
        other
    }
}

/// The result of a production, by default with the error of the second pass.
pub(crate) type PResult<'a, O, E = GrammarError<'a>> = IResult<&'a str, O, E>;

/// A committed failure with a message that is not "expected ...".
fn problem<'a, E: ProductionError<'a>>(at: &'a str, message: &'static str) -> Err<E> {
    Err::Failure(E::problem(at, message))
}

/// A failure to match, to be labelled by an enclosing `context`.
fn no_match<'a, E: ParseError<&'a str>>(at: &'a str) -> Err<E> {
    Err::Error(E::from_error_kind(at, ErrorKind::Verify))
}

/// The byte offset of `sub`, a suffix of `base`, in `base`; the end of `base` if `sub` is not in it.
pub(crate) fn offset_in(base: &str, sub: &str) -> usize {
    let start = base.as_ptr() as usize;
    let at = sub.as_ptr() as usize;
    if at < start || at > start + base.len() {
        base.len()
    } else {
        at - start
    }
}

/// The empty slice at the end of `s`. Unlike a literal `""` it points into `s`, so
/// [`offset_in`] stays right for it.
pub(crate) fn end_of(s: &str) -> &str {
    s.get(s.len()..).unwrap_or(s)
}

/// Whether `c` may continue an identifier.
pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whitespace and comments between tokens: spaces, tabs, newlines, `// …` and `/* … */`.
pub(crate) fn ws<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, (), E> {
    let mut rest = input;
    loop {
        let blank = rest
            .bytes()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest = rest.get(blank..).unwrap_or_else(|| end_of(rest));
        if !rest.starts_with('/') {
            return Ok((rest, ()));
        }
        if let Some(comment) = rest.strip_prefix("//") {
            rest = comment
                .split_once('\n')
                .map_or_else(|| end_of(comment), |(_, after)| after);
        } else if let Some(comment) = rest.strip_prefix("/*") {
            match comment.split_once("*/") {
                Some((_, after)) => rest = after,
                None => return Err(problem(rest, "unterminated `/*` comment")),
            }
        } else {
            return Ok((rest, ()));
        }
    }
}

/// The ASCII character `c`, like nom's `char` but without decoding UTF-8.
fn punct<'a, E: ParseError<&'a str>>(c: u8) -> impl Fn(&'a str) -> PResult<'a, char, E> {
    move |input: &'a str| match input.as_bytes().first() {
        Some(&b) if b == c => Ok((input.get(1..).unwrap_or_default(), char::from(c))),
        _ => Err(no_match(input)),
    }
}

/// The longest run of bytes that satisfy `accept`, at least `min` of them long.
fn byte_run<'a, E: ParseError<&'a str>>(
    input: &'a str,
    min: usize,
    accept: impl Fn(u8) -> bool,
) -> PResult<'a, &'a str, E> {
    let bytes = input.as_bytes();
    let len = bytes
        .iter()
        .position(|&b| !accept(b))
        .unwrap_or(bytes.len());
    if len < min {
        return Err(no_match(input));
    }
    Ok(split_ascii(input, len))
}

/// One or more ASCII digits, like nom's `digit1` but without decoding UTF-8.
fn digit1<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    byte_run(input, 1, |b| b.is_ascii_digit())
}

/// Spaces and tabs, possibly none, like nom's `space0` but without decoding UTF-8.
fn space0<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    byte_run(input, 0, |b| b == b' ' || b == b'\t')
}

/// One or more spaces and tabs, like nom's `space1` but without decoding UTF-8.
fn space1<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    byte_run(input, 1, |b| b == b' ' || b == b'\t')
}

/// Whitespace, newlines included, possibly none (inside parentheses, which may span lines).
fn blank0<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    byte_run(input, 0, |b| b.is_ascii_whitespace())
}

/// One or more whitespace characters, newlines included.
fn blank1<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    byte_run(input, 1, |b| b.is_ascii_whitespace())
}

/// Splits `input` after `len` bytes, which end on an ASCII character.
fn split_ascii(input: &str, len: usize) -> (&str, &str) {
    match input.split_at_checked(len) {
        Some((token, rest)) => (rest, token),
        None => (end_of(input), input),
    }
}

/// Which bytes may continue an identifier: ASCII letters, digits and `_`.
const IDENT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// Whether byte `b` may continue an identifier.
fn is_ident_byte(b: u8) -> bool {
    IDENT_BYTES[usize::from(b)]
}

/// An identifier: an ASCII letter or `_`, then letters, digits and `_`.
pub(crate) fn ident<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    let bytes = input.as_bytes();
    if !bytes
        .first()
        .is_some_and(|&b| is_ident_byte(b) && !b.is_ascii_digit())
    {
        return Err(no_match(input));
    }
    let len = bytes
        .iter()
        .position(|&b| !is_ident_byte(b))
        .unwrap_or(bytes.len());
    Ok(split_ascii(input, len))
}

/// A possibly qualified name: `inputPeerEmpty`, `payments.sendStarsForm`, `help.ConfigSimple`.
pub(crate) fn qualified_name<'a, E: ParseError<&'a str>>(
    input: &'a str,
) -> PResult<'a, &'a str, E> {
    let bytes = input.as_bytes();
    let mut len = 0;
    // Each `.` must start another identifier; stop before the first that does not, as in `flags.0`.
    loop {
        let segment = bytes.get(len..).unwrap_or_default();
        if !segment
            .first()
            .is_some_and(|&b| is_ident_byte(b) && !b.is_ascii_digit())
        {
            return if len == 0 {
                Err(no_match(input))
            } else {
                Ok(split_ascii(input, len - 1))
            };
        }
        len += segment
            .iter()
            .position(|&b| !is_ident_byte(b))
            .unwrap_or(segment.len());
        if bytes.get(len) != Some(&b'.') {
            return Ok(split_ascii(input, len));
        }
        len += 1;
    }
}

/// A decimal number as `u32`, saturating: `3`, `31`, `4`.
fn decimal<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, u32, E> {
    map(digit1, |digits: &str| {
        digits.bytes().fold(0u32, |n, d| {
            n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
        })
    })
    .parse(input)
}

/// The hex digits of a constructor id: one to eight, not followed by a letter or digit.
fn hex_id<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, u32, E> {
    let bytes = input.as_bytes();
    let len = bytes
        .iter()
        .position(|b| !b.is_ascii_hexdigit())
        .unwrap_or(bytes.len());
    let (rest, digits) = split_ascii(input, len);
    if digits.is_empty() || rest.as_bytes().first().is_some_and(|&b| is_ident_byte(b)) {
        return Err(no_match(if digits.is_empty() { input } else { rest }));
    }
    if digits.len() > 8 {
        return Err(problem(input, "a constructor id has at most 8 hex digits"));
    }
    let id = digits.bytes().fold(0u32, |id, digit| {
        let value = match digit {
            b'0'..=b'9' => digit - b'0',
            b'a'..=b'f' => digit - b'a' + 10,
            _ => digit.wrapping_sub(b'A').wrapping_add(10),
        };
        (id << 4) | u32::from(value & 0xf)
    });
    Ok((rest, id))
}

/// A constructor id: `#` then hex digits, as in `#7998c914`.
pub(crate) fn constructor_id<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, u32, E> {
    preceded(
        punct(b'#'),
        cut(context("a hexadecimal constructor id after `#`", hex_id)),
    )
    .parse(input)
}

/// A generic parameter declaration: `{X:Type}`.
pub(crate) fn generic_param<'a, E: ProductionError<'a>>(
    input: &'a str,
) -> PResult<'a, GenericParam<'a>, E> {
    let body = (
        context("a generic parameter name after `{`", ident),
        context("`:` after the generic parameter name", punct(b':')),
        context("the kind of the generic parameter, like `Type`", ident),
        context("`}` to close the generic parameter", punct(b'}')),
    );
    map(
        preceded(punct(b'{'), cut(body)),
        |(name, _, kind, _): (&str, char, &str, char)| GenericParam { name, kind },
    )
    .parse(input)
}

/// A type at nesting `depth`: optional `%` or `!`, a qualified name, optional `<arguments>`;
/// or a parenthesized application `(vector int)`.
pub(crate) fn type_expr<'a, E: ProductionError<'a>>(
    input: &'a str,
    depth: u32,
) -> PResult<'a, Type<'a>, E> {
    if depth > MAX_TYPE_DEPTH {
        return Err(problem(
            input,
            "type arguments are nested too deeply (more than 64 levels)",
        ));
    }
    if input.starts_with('(') {
        return parenthesized_type(input, depth);
    }
    let (input, prefix) = match input.as_bytes().first() {
        Some(&b @ (b'%' | b'!')) => (input.get(1..).unwrap_or_default(), Some(b)),
        _ => (input, None),
    };
    let (input, name) = if prefix.is_some() {
        cut(context("a type name", qualified_name)).parse(input)?
    } else {
        context("a type name", qualified_name).parse(input)?
    };
    let (input, args) = if input.starts_with('<') {
        type_args(input, depth)?
    } else {
        (input, Vec::new())
    };
    let ty = Type {
        name,
        percent: prefix == Some(b'%'),
        generic_ref: prefix == Some(b'!'),
        args,
    };
    Ok((input, ty))
}

/// A parenthesized type application at nesting `depth`, as TON's schemas write them:
/// `(vector tonNode.blockIdExt)`, `(vector (vector int))`. The first type is applied to
/// the others, so `(vector int)` is the same type as `vector<int>`.
fn parenthesized_type<'a, E: ProductionError<'a>>(
    input: &'a str,
    depth: u32,
) -> PResult<'a, Type<'a>, E> {
    let (input, _) = punct(b'(').parse(input)?;
    let (input, _) = blank0.parse(input)?;
    let (mut input, mut ty) =
        cut(context("a type after `(`", |i| type_expr(i, depth + 1))).parse(input)?;
    loop {
        match preceded(blank1, |i| type_expr(i, depth + 1)).parse(input) {
            Ok((rest, arg)) => {
                ty.args.push(arg);
                input = rest;
            }
            Err(Err::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    let (input, _) = cut(preceded(
        blank0,
        context("`)` to close the parenthesized type", punct(b')')),
    ))
    .parse(input)?;
    Ok((input, ty))
}

/// The separator between generic arguments: `,` or spaces.
fn type_arg_separator<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, (), E> {
    alt((value((), (space0, punct(b','), space0)), value((), space1))).parse(input)
}

/// Generic arguments of a type at nesting `depth`: `<MessageEntity>`, `<A B>`, `<A, B>`.
fn type_args<'a, E: ProductionError<'a>>(
    input: &'a str,
    depth: u32,
) -> PResult<'a, Vec<Type<'a>>, E> {
    let (input, _) = punct(b'<').parse(input)?;
    let (input, _) = space0.parse(input)?;
    let (input, first) = cut(context("a type argument after `<`", |i| {
        type_expr(i, depth + 1)
    }))
    .parse(input)?;
    let mut args = vec![first];
    let mut input = input;
    loop {
        match preceded(type_arg_separator, |i| type_expr(i, depth + 1)).parse(input) {
            Ok((rest, arg)) => {
                args.push(arg);
                input = rest;
            }
            Err(Err::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    let (input, _) = cut(preceded(
        space0,
        context("`>` to close the type arguments", punct(b'>')),
    ))
    .parse(input)?;
    Ok((input, args))
}

/// A type that is not nested in another: a parameter's or the result's.
pub(crate) fn top_type<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, Type<'a>, E> {
    type_expr(input, 0)
}

/// The condition of a conditional parameter: `flags.3?`, giving the field and the bit.
fn flag_condition<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, (&'a str, u32), E> {
    let (input, field) = terminated(ident, (punct(b'.'), peek(digit1))).parse(input)?;
    let (input, bit) = cut(decimal).parse(input)?;
    let (input, _) = cut(context("`?` after the flag bit", punct(b'?'))).parse(input)?;
    Ok((input, (field, bit)))
}

/// What follows `name:`: `#`, a conditional `field.N?Type`, or a type.
pub(crate) fn param_kind<'a, E: ProductionError<'a>>(
    input: &'a str,
) -> PResult<'a, ParamKind<'a>, E> {
    if let Some(rest) = input.strip_prefix('#') {
        return Ok((rest, ParamKind::FlagField));
    }
    match flag_condition(input) {
        Ok((rest, (field, bit))) => {
            let (rest, ty) = cut(context("a type after `?`", top_type)).parse(rest)?;
            let bit = u8::try_from(bit).unwrap_or(u8::MAX);
            Ok((rest, ParamKind::Conditional { field, bit, ty }))
        }
        Err(Err::Error(_)) => map(top_type, ParamKind::Plain).parse(input),
        Err(e) => Err(e),
    }
}

/// A parameter, pushed onto `out`: `name:Type`, `flags:#` or `name:flags.N?Type`; `base`
/// is the whole file, for spans. (Pushed rather than returned: a `Param` is large, and it
/// would be copied again on the way out.)
fn param<'a, E: ProductionError<'a>>(
    base: &'a str,
    file: usize,
    out: &mut Vec<Param<'a>>,
    input: &'a str,
) -> PResult<'a, (), E> {
    let (rest, name) = terminated(ident, punct(b':')).parse(input)?;
    let (rest, kind) = cut(context("a parameter type after `:`", param_kind)).parse(rest)?;
    let span = Span::unplaced(file, offset_in(base, input), offset_in(base, rest));
    out.push(Param {
        name,
        kind,
        docs: None,
        span,
    });
    Ok((rest, ()))
}

/// Zero or more of `parser`, pushed onto `out` (unlike `many0`, nothing is allocated for none).
fn push_many<'a, P, E>(
    mut parser: P,
    mut input: &'a str,
    out: &mut Vec<P::Output>,
) -> PResult<'a, (), E>
where
    P: Parser<&'a str, Error = E>,
    E: ParseError<&'a str>,
{
    loop {
        match parser.parse(input) {
            Ok((rest, item)) if rest.len() < input.len() => {
                out.push(item);
                input = rest;
            }
            Ok(_) | Err(Err::Error(_)) => return Ok((input, ())),
            Err(e) => return Err(e),
        }
    }
}

/// What reading a definition tells besides the definition itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParsedDefinition {
    /// Byte offsets of the result type.
    pub result: (usize, usize),
}

/// Reads the definition at `input`, a suffix of `base` (the whole file, for spans), and
/// pushes it onto `out`: first with the error type `()`, and only if that fails again with
/// [`GrammarError`] for the diagnostic. `params` is scratch space, reused from one
/// definition to the next.
pub(crate) fn read_definition<'a>(
    base: &'a str,
    file: usize,
    category: Category,
    params: &mut Vec<Param<'a>>,
    out: &mut Vec<Definition<'a>>,
    input: &'a str,
) -> PResult<'a, ParsedDefinition> {
    params.clear();
    match definition::<()>(base, file, category, params, out, input) {
        Ok(read) => Ok(read),
        Err(_) => {
            params.clear();
            definition(base, file, category, params, out, input)
        }
    }
}

/// A definition: `ns.name#id {X:Type} params = Result;`, possibly over several lines.
///
/// `input` is a suffix of `base`, the whole file (for spans). The definition is pushed onto
/// `out` (only if it is read whole), its `computed_id` 0 and its spans without lines and
/// columns. The params are read into `scratch` and moved out into the definition.
pub(crate) fn definition<'a, E: ProductionError<'a>>(
    base: &'a str,
    file: usize,
    category: Category,
    scratch: &mut Vec<Param<'a>>,
    out: &mut Vec<Definition<'a>>,
    input: &'a str,
) -> PResult<'a, ParsedDefinition, E> {
    let (rest, name) = context("a definition name", qualified_name).parse(input)?;
    let (rest, declared_id) = opt(constructor_id).parse(rest)?;
    let mut generics = Vec::new();
    let (rest, ()) = push_many(preceded(ws, generic_param), rest, &mut generics)?;
    let mut rest = rest;
    loop {
        match preceded(ws, |i| param(base, file, scratch, i)).parse(rest) {
            Ok((after, ())) => rest = after,
            Err(Err::Error(_)) => break,
            Err(e) => return Err(e),
        }
    }
    let (rest, _) =
        preceded(ws, context("`=` before the result type", cut(punct(b'=')))).parse(rest)?;
    let (rest, _) = ws(rest)?;
    let result_start = offset_in(base, rest);
    let (rest, result) = cut(context("a result type after `=`", top_type)).parse(rest)?;
    let result_end = offset_in(base, rest);
    let (rest, _) = preceded(
        ws,
        context("`;` at the end of the definition", cut(punct(b';'))),
    )
    .parse(rest)?;
    let span = Span::unplaced(file, offset_in(base, input), offset_in(base, rest));
    out.push(Definition {
        category,
        name,
        declared_id,
        computed_id: 0,
        generics,
        params: take_all(scratch),
        result,
        docs: Docs::default(),
        span,
    });
    let parsed = ParsedDefinition {
        result: (result_start, result_end),
    };
    Ok((rest, parsed))
}

/// Moves everything out of `scratch` into a new vector of just the right capacity.
fn take_all<T>(scratch: &mut Vec<T>) -> Vec<T> {
    let mut all = Vec::with_capacity(scratch.len());
    all.append(scratch);
    all
}

/// The body of a builtin line: `?`, `# [ t ]` or `4*[ int ]`.
fn builtin_body<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, &'a str, E> {
    let bracketed = || (punct(b'['), ws, ident, ws, punct(b']'));
    alt((
        recognize(punct(b'?')),
        recognize((punct(b'#'), ws, bracketed())),
        recognize((digit1, ws, punct(b'*'), ws, bracketed())),
    ))
    .parse(input)
}

/// A builtin line's result: one or more words, `Int` or `Vector t`.
fn builtin_result<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, &'a str, E> {
    recognize((
        qualified_name,
        many0_count(preceded(space1, qualified_name)),
    ))
    .parse(input)
}

/// A builtin line, without its `;`: `int ? = Int`, `vector#1cb5c415 {t:Type} # [ t ] = Vector t`.
pub(crate) fn builtin<'a, E: ProductionError<'a>>(
    input: &'a str,
) -> PResult<'a, (&'a str, Option<u32>, &'a str), E> {
    let (rest, (name, id)) = (ident, opt(constructor_id)).parse(input)?;
    let (rest, _) = (
        many0_count(preceded(ws, generic_param)),
        ws,
        builtin_body,
        ws,
        punct(b'='),
        ws,
        builtin_result,
    )
        .parse(rest)?;
    let text_len = offset_in(input, rest);
    let (rest, _) = (ws, punct(b';')).parse(rest)?;
    let text = input.get(..text_len).unwrap_or(input);
    Ok((rest, (name, id, text)))
}

/// A section separator: `---functions---` or `---types---`, with any spaces or tabs
/// around the word as TDLib's generator allows: `--- functions ---`.
pub(crate) fn separator<'a, E: ProductionError<'a>>(input: &'a str) -> PResult<'a, Category, E> {
    let word = alt((
        value(Category::Function, tag("functions")),
        value(Category::Type, tag("types")),
    ));
    context(
        "`---functions---` or `---types---`",
        (tag("---"), space0, word, space0, tag("---")),
    )
    .parse(input)
    .map(|(rest, (_, _, category, _, _))| (rest, category))
}

/// The text of a layer comment after `//`: `LAYER 230`.
pub(crate) fn layer_comment<'a, E: ParseError<&'a str>>(input: &'a str) -> PResult<'a, i32, E> {
    let (rest, (_, _, _, digits, _, _)) = (
        space0,
        tag_no_case("layer"),
        space1,
        digit1,
        take_while(|c: char| c.is_whitespace()),
        eof,
    )
        .parse(input)?;
    match digits.parse::<i32>() {
        Ok(layer) => Ok((rest, layer)),
        Err(_) => Err(no_match(input)),
    }
}

#[cfg(test)]
mod two_passes;

#[cfg(test)]
mod tests {
    use super::*;

    /// The name `qualified_name` takes from the start of `input`, if any.
    fn name(input: &str) -> Option<&str> {
        qualified_name::<()>(input).ok().map(|(_, name)| name)
    }

    #[test]
    fn qualified_names_stop_where_a_segment_cannot_start() {
        assert_eq!(
            name("payments.sendStarsForm#7998c914"),
            Some("payments.sendStarsForm")
        );
        assert_eq!(name("a.b.c<d>"), Some("a.b.c"));
        assert_eq!(name("flags.0?true"), Some("flags"));
        assert_eq!(name("flags2.31?true"), Some("flags2"));
        assert_eq!(name("a..b"), Some("a"));
        assert_eq!(name("a. b"), Some("a"));
        assert_eq!(name("_x.y_1 "), Some("_x.y_1"));
        assert_eq!(name("p_q_inner_data"), Some("p_q_inner_data"));
        assert_eq!(name("1abc"), None);
        assert_eq!(name(".a"), None);
        assert_eq!(name(""), None);
        assert_eq!(name("é"), None);
    }

    #[test]
    fn whitespace_and_comments() {
        let input = " \t\n// c\n/* d */ x";
        let (rest, ()) = ws::<GrammarError>(input).expect("skips");
        assert_eq!(rest, "x");
        let (rest, ()) = ws::<GrammarError>("// to the end").expect("skips");
        assert_eq!(offset_in("// to the end", rest), "// to the end".len());
        assert!(matches!(
            ws::<GrammarError>("/* open"),
            Err(Err::Failure(_))
        ));
    }

    #[test]
    fn offsets_of_foreign_slices_are_the_end() {
        let base = "abc";
        assert_eq!(offset_in(base, &base[1..]), 1);
        assert_eq!(offset_in(base, end_of(base)), 3);
        assert_eq!(offset_in(base, "elsewhere"), 3);
    }

    #[test]
    fn types_and_their_depth_limit() {
        let (rest, ty) = top_type::<GrammarError>("Vector<%Message> rest").expect("a type");
        assert_eq!(
            (ty.to_string().as_str(), rest),
            ("Vector<%Message>", " rest")
        );
        let deep = format!("{}int{}", "Vector<".repeat(65), ">".repeat(65));
        match top_type::<GrammarError>(&deep) {
            Err(Err::Failure(e)) => assert!(matches!(e.label, Label::Problem(_))),
            other => panic!("{other:?}"),
        }
    }
}
