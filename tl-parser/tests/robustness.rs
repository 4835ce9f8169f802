//! No input makes the parser panic, hang or blow the stack: random bytes, TL-shaped noise,
//! mutated real lines, truncations, deep nesting and gigantic lines.

use proptest::prelude::*;
use tlgen_parser::{parse, DiagnosticKind, Schema};

/// The schema the mutations start from.
const API: &str = include_str!("../../schema/api.tl");

/// Parses `source` and checks what must hold of any result.
fn parse_checked(source: &str) -> Schema<'_> {
    let schema = parse(source);
    for d in &schema.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= source.len(),
            "{d:?}"
        );
        assert!(d.span.line >= 1 && d.span.column >= 1, "{d:?}");
        assert!(!d.source_line.contains('\n'), "{d:?}");
        assert!(!d.message.is_empty());
        assert!(d.render().contains(&d.message));
    }
    for def in &schema.definitions {
        assert!(def.span.start < def.span.end && def.span.end <= source.len());
        assert!(def.span.line >= 1 && def.span.column >= 1);
        let _ = def.to_string();
    }
    schema
}

/// Characters TL is made of, plus a few that it is not.
const TL_ALPHABET: &[char] = &[
    'a', 'b', 'x', 'X', 'T', 'V', 'e', 'c', 't', 'o', 'r', '_', '.', '#', ':', '?', '!', '%', '<',
    '>', '{', '}', '[', ']', '=', ';', ',', '*', '0', '1', '3', '9', 'f', ' ', ' ', '\n', '\t',
    '/', '/', '*', '-', '@', 'é', '🎉',
];

/// A string from the TL alphabet.
fn tl_noise() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TL_ALPHABET), 0..300)
        .prop_map(|chars| chars.into_iter().collect())
}

/// An edit of a line: insert, delete or replace a character at a position (taken modulo the length).
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

/// A random edit.
fn edit() -> impl Strategy<Value = Edit> {
    let c = prop::sample::select(TL_ALPHABET);
    prop_oneof![
        (any::<usize>(), c.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), c).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

/// Applies `edits` to the characters of `line`.
fn mutate(line: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for e in edits {
        let n = chars.len();
        match *e {
            Edit::Insert(i, c) => chars.insert(i % (n + 1), c),
            Edit::Delete(i) if n > 0 => {
                chars.remove(i % n);
            }
            Edit::Replace(i, c) if n > 0 => chars[i % n] = c,
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        parse_checked(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn tl_noise_never_panics(source in tl_noise()) {
        parse_checked(&source);
    }

    #[test]
    fn mutated_api_lines_never_panic(
        start in 0usize..3235,
        count in 1usize..4,
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let lines: Vec<&str> = API.lines().skip(start).take(count).collect();
        let source = mutate(&lines.join("\n"), &edits);
        parse_checked(&source);
    }
}

#[test]
fn every_truncation_of_real_definitions() {
    let chunk: String = API
        .lines()
        .skip(2355)
        .take(8)
        .collect::<Vec<_>>()
        .join("\n");
    for (i, _) in chunk.char_indices() {
        parse_checked(&chunk[..i]);
    }
}

#[test]
fn deep_nesting_is_limited() {
    for source in [
        format!("a x:{} = A;", "Vector<".repeat(100_000)),
        format!(
            "a x:{}int{} = A;",
            "Vector<".repeat(100_000),
            ">".repeat(100_000)
        ),
        format!("---functions---\nf = {}", "Vector<".repeat(100_000)),
        "Vector<".repeat(100_000),
        "<".repeat(100_000),
        "{".repeat(100_000),
    ] {
        let schema = parse_checked(&source);
        assert!(schema.has_errors());
        assert!(
            schema.diagnostics.len() <= 2,
            "{:?}",
            &schema.diagnostics[..3]
        );
    }
    let source = format!("a x:{}int{} = A;", "Vector<".repeat(100), ">".repeat(100));
    let schema = parse(&source);
    let d = &schema.diagnostics[0];
    assert_eq!(
        (d.kind, d.span.column),
        (DiagnosticKind::Syntax, 5 + 7 * 65)
    );
    assert_eq!(
        d.message,
        "type arguments are nested too deeply (more than 64 levels)"
    );
    // 64 levels are fine.
    let source = format!("a x:{}int{} = A;", "Vector<".repeat(64), ">".repeat(64));
    let schema = parse(&source);
    assert!(schema.diagnostics.is_empty(), "{:?}", schema.diagnostics);
}

#[test]
fn huge_single_lines() {
    // 200,000 params on one line.
    let params: String = (0..200_000).map(|i| format!(" p{i}:int")).collect();
    let source = format!("big{params} = Big;");
    let schema = parse(&source);
    assert_eq!(schema.definitions[0].params.len(), 200_000);
    assert!(schema.diagnostics.is_empty());
    let last = &schema.definitions[0].params[199_999];
    assert_eq!(last.span.line, 1);
    assert_eq!(
        last.span.column as usize,
        1 + "big".len() + params.len() - " p199999:int".len() + 1
    );

    // The same param 30,000 times: as many diagnostics, each small.
    let source = format!("dup{} = Dup;", " p:int".repeat(30_000));
    let schema = parse_checked(&source);
    assert_eq!(schema.diagnostics.len(), 29_999);
    assert!(schema
        .diagnostics
        .iter()
        .all(|d| d.source_line.chars().count() < 1200));
    let last = schema.diagnostics.last().expect("diagnostics");
    assert_eq!(last.span.column as usize, 1 + "dup".len() + 6 * 29_999 + 1);
    let rendered = last.render();
    assert!(rendered.ends_with("^"), "{rendered}");

    // 30,000 syntax errors on one line.
    let source = "x: ;".repeat(30_000);
    let schema = parse_checked(&source);
    assert_eq!(schema.diagnostics.len(), 30_000);
    assert!(schema
        .diagnostics
        .iter()
        .all(|d| d.source_line.chars().count() < 1200));

    // A megabyte of one token.
    parse_checked(&"a".repeat(1 << 20));
    parse_checked(&format!("a#{} = A;", "f".repeat(1 << 20)));
    parse_checked(&format!("// {}", "é".repeat(1 << 20)));
}

#[test]
fn binary_noise() {
    // A deterministic megabyte of pseudo-random bytes.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let bytes: Vec<u8> = (0..1 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    parse_checked(&String::from_utf8_lossy(&bytes));
    let text: String = bytes
        .iter()
        .map(|&b| TL_ALPHABET[b as usize % TL_ALPHABET.len()])
        .collect();
    parse_checked(&text);
}
