//! The two passes of [`super::read_definition`] agree. They run the same productions with
//! different error types, so they must accept the same definitions, read them the same way
//! and fail on the same ones, recoverably (`Err::Error`) or not (`Err::Failure`) alike.
//! Also checked here: [`type_refs`] only calls a definition unsuspicious when
//! [`check_definition`] would find nothing in it besides an id mismatch.

use proptest::prelude::*;

use super::*;
use crate::check::{check_definition, type_refs, FileContext, SCAN_LIMIT};
use crate::model::DiagnosticKind;

/// How one pass over a definition ended.
#[derive(Debug, PartialEq)]
enum Outcome<'a> {
    /// The definition, the offsets of its result type, and where it ended.
    Read(Box<Definition<'a>>, (usize, usize), usize),
    /// A failure another production may recover from.
    Error,
    /// A committed failure.
    Failure,
    /// Never returned by `complete` parsers.
    Incomplete,
}

/// Reads the definition at `start` of `text` with the error type `E`.
fn outcome<'a, E: ProductionError<'a>>(text: &'a str, start: usize) -> (Outcome<'a>, Option<E>) {
    let input = text.get(start..).expect("a char boundary");
    let (mut scratch, mut out) = (Vec::new(), Vec::new());
    let read = definition::<E>(text, 0, Category::Function, &mut scratch, &mut out, input);
    match read {
        Ok((rest, parsed)) => {
            let def = out.pop().expect("the definition is pushed");
            let end = offset_in(text, rest);
            (Outcome::Read(Box::new(def), parsed.result, end), None)
        }
        Err(_) if !out.is_empty() => panic!("a definition is pushed on failure"),
        Err(Err::Error(e)) => (Outcome::Error, Some(e)),
        Err(Err::Failure(e)) => (Outcome::Failure, Some(e)),
        Err(Err::Incomplete(_)) => (Outcome::Incomplete, None),
    }
}

/// Reads the definition at `start` of `text` with both error types, checks that they agree,
/// that the error says where it is, and what the cheap checks of a definition find; returns
/// whether it was read.
fn agree(text: &str, start: usize) -> bool {
    let (cheap, _) = outcome::<()>(text, start);
    let (rich, error) = outcome::<GrammarError>(text, start);
    assert_eq!(cheap, rich, "{:?}", text.get(start..));
    if let Some(error) = error {
        let at = offset_in(text, error.at);
        assert!(start <= at && at <= text.len(), "{error:?}");
        assert!(!error.message().is_empty());
    }
    let Outcome::Read(def, _, _) = rich else {
        assert_ne!(rich, Outcome::Incomplete);
        return false;
    };
    let mut def = *def;
    def.computed_id = crate::ids::compute_id(&def);
    let mut refs = Vec::new();
    let suspect = type_refs(&def, &mut refs);
    let cx = FileContext {
        name: "t.tl",
        source: text,
    };
    let mut diagnostics = Vec::new();
    check_definition(&def, Span::default(), &cx, &mut diagnostics);
    diagnostics.retain(|d| d.kind != DiagnosticKind::IdMismatch);
    // Unsuspicious means nothing to report; suspicious means something to report, unless
    // there are too many params to look at closely.
    assert_eq!(
        suspect,
        !diagnostics.is_empty() || def.params.len() > SCAN_LIMIT,
        "{def}: {diagnostics:?}"
    );
    true
}

/// Every line of the real schemas, as the start of a definition.
#[test]
fn the_passes_agree_on_every_line_of_the_real_schemas() {
    for text in [tlgen_schema::API_TL, tlgen_schema::MTPROTO_TL] {
        let mut start = 0;
        let mut read = 0;
        for line in text.split_inclusive('\n') {
            read += usize::from(agree(text, start));
            start += line.len();
        }
        // Every definition of the file starts a line and was read.
        let definitions = crate::parse(text).definitions.len();
        assert!(definitions > 50);
        assert_eq!(read, definitions);
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
    "{X:",
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
    "k:flags.1",
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

/// The definitions of `api.tl`, one a line.
fn api_lines() -> Vec<&'static str> {
    tlgen_schema::API_TL
        .lines()
        .filter(|line| line.ends_with(';'))
        .collect()
}

/// Characters TL is made of, plus a few that it is not.
const ALPHABET: &[char] = &[
    'a', 'X', '_', '.', '#', ':', '?', '!', '%', '<', '>', '{', '}', '=', ';', ',', '0', '3', ' ',
    '\n', '/', '*', 'é',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Definitions put together from pieces.
    #[test]
    fn the_passes_agree_on_pieces(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 1..16),
        separators in prop::collection::vec(prop::sample::select(&[" ", "", " ", "\n"][..]), 16),
    ) {
        let mut text = String::new();
        for (piece, separator) in pieces.iter().zip(&separators) {
            text.push_str(piece);
            text.push_str(separator);
        }
        text.push_str(" = R;");
        agree(&text, 0);
    }

    /// Real definitions with a few characters inserted, deleted or replaced.
    #[test]
    fn the_passes_agree_on_mutated_real_definitions(
        line in prop::sample::select(api_lines()),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0..3u8, prop::sample::select(ALPHABET)),
            1..4,
        ),
    ) {
        let mut chars: Vec<char> = line.chars().collect();
        for (at, op, c) in edits {
            let at = at.index(chars.len() + 1);
            match op {
                0 => chars.insert(at, c),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                _ if at < chars.len() => chars[at] = c,
                _ => chars.push(c),
            }
        }
        let text: String = chars.into_iter().collect();
        agree(&text, 0);
    }
}
