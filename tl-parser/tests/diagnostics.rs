//! Every diagnostic kind, with its line and column, how diagnostics render, and recovery.

use tlgen_parser::{parse, parse_files, DiagnosticKind, ParseOptions, Severity};

/// The diagnostics of `source` as `(kind, line, column, message)`.
fn diagnostics(source: &str) -> Vec<(DiagnosticKind, u32, u32, String)> {
    parse(source)
        .diagnostics
        .into_iter()
        .map(|d| (d.kind, d.span.line, d.span.column, d.message))
        .collect()
}

/// The one diagnostic of `source`, which must be of `kind`; returns its line and column.
fn only(source: &str, kind: DiagnosticKind) -> (u32, u32) {
    let all = diagnostics(source);
    assert_eq!(all.len(), 1, "{source}: {all:#?}");
    let (got, line, column, _) = &all[0];
    assert_eq!(*got, kind, "{source}: {all:#?}");
    (*line, *column)
}

#[test]
fn syntax_renders_like_rustc() {
    let source = "a = A;\nb = A;\nc = A;\nd = A;\ne = A;\nf = A;\ng = A;\nh = A;\ni = A;\nj = A;\nk = A;\nfoo#1234 a:int Bar;\n";
    let schema = parse_files([("schema/api.tl", source)], &ParseOptions::default());
    assert_eq!(schema.diagnostics.len(), 1);
    let error = &schema.diagnostics[0];
    assert_eq!(error.kind, DiagnosticKind::Syntax);
    assert_eq!(error.severity, Severity::Error);
    assert_eq!(error.file, "schema/api.tl");
    assert_eq!((error.span.line, error.span.column), (12, 16));
    assert_eq!(error.span.end - error.span.start, 3);
    assert_eq!(error.source_line, "foo#1234 a:int Bar;");
    assert_eq!(
        error.render(),
        "error: expected `=` before the result type\n --> schema/api.tl:12:16\n   |\n12 | foo#1234 a:int Bar;\n   |                ^^^"
    );
    assert_eq!(error.to_string(), error.render());
    assert_eq!(
        error.summary(),
        "schema/api.tl:12:16: error: expected `=` before the result type"
    );
}

#[test]
fn syntax_errors_say_what_was_expected() {
    let cases: &[(&str, u32, u32, &str)] = &[
        (
            "a#xyz = A;",
            1,
            3,
            "expected a hexadecimal constructor id after `#`",
        ),
        (
            "a#123456789 = A;",
            1,
            3,
            "a constructor id has at most 8 hex digits",
        ),
        ("a x: = A;", 1, 5, "expected a parameter type after `:`"),
        ("a x:flags.1 = A;", 1, 12, "expected `?` after the flag bit"),
        ("a x:flags.1? = A;", 1, 13, "expected a type after `?`"),
        (
            "a x:Vector<int = A;",
            1,
            16,
            "expected `>` to close the type arguments",
        ),
        (
            "a x:Vector<> = A;",
            1,
            12,
            "expected a type argument after `<`",
        ),
        (
            "a {X:Type = A;",
            1,
            10,
            "expected `}` to close the generic parameter",
        ),
        ("a x:int =;", 1, 10, "expected a result type after `=`"),
        (
            "a x:int = A\nb = B;",
            2,
            1,
            "expected `;` at the end of the definition",
        ),
        (
            "a x:int = A",
            1,
            12,
            "expected `;` at the end of the definition",
        ),
        ("= A;", 1, 1, "expected a definition name"),
        ("é = A;", 1, 1, "expected a definition name"),
        ("a x:%;", 1, 6, "expected a type name"),
        ("a /* never closed", 1, 3, "unterminated `/*` comment"),
        // A comment that runs to the end of the input, inside a definition.
        (
            "a x:int // the end",
            1,
            19,
            "expected `=` before the result type",
        ),
        (
            "a x:int = A // the end",
            1,
            23,
            "expected `;` at the end of the definition",
        ),
        ("/* never closed", 1, 1, "unterminated `/*` comment"),
        (
            "---methods---\na = A;",
            1,
            1,
            "expected `---functions---` or `---types---`",
        ),
    ];
    for &(source, line, column, message) in cases {
        let all = diagnostics(source);
        let syntax: Vec<_> = all
            .iter()
            .filter(|d| d.0 == DiagnosticKind::Syntax)
            .collect();
        assert_eq!(syntax.len(), 1, "{source}: {all:#?}");
        assert_eq!(
            (syntax[0].1, syntax[0].2, syntax[0].3.as_str()),
            (line, column, message),
            "{source}"
        );
    }
}

#[test]
fn every_error_is_reported_in_one_pass() {
    let source = "ok1 = A;\nbad1 x: = A;\nok2 = A;\nbad2 = ;\nbad3 x:int Y;\nok3 = A;\n---types---\nbad4 x:Vector<int = A;\nok4 = A;";
    let schema = parse(source);
    let lines: Vec<(u32, u32)> = schema
        .errors()
        .map(|d| (d.span.line, d.span.column))
        .collect();
    assert_eq!(lines, [(2, 8), (4, 8), (5, 12), (8, 19)]);
    let names: Vec<&str> = schema.definitions.iter().map(|d| d.name).collect();
    assert_eq!(names, ["ok1", "ok2", "ok3", "ok4"]);
}

#[test]
fn recovery_stops_at_a_separator() {
    let schema = parse("a = A;\nbroken line without a semicolon\n---functions---\nf = A;");
    assert_eq!(schema.errors().count(), 1, "{:?}", schema.diagnostics);
    let f = &schema.definitions[1];
    assert_eq!(
        (f.name, f.category),
        ("f", tlgen_parser::Category::Function)
    );
}

#[test]
fn id_mismatch() {
    let (line, column) = only("\nboolFalse#bc799738 = Bool;", DiagnosticKind::IdMismatch);
    assert_eq!((line, column), (2, 10));
    let schema = parse("boolFalse#bc799738 = Bool;");
    let warning = &schema.diagnostics[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert!(!schema.has_errors());
    assert_eq!(
        warning.render(),
        "warning: declared id 0xbc799738 of `boolFalse` differs from the computed id 0xbc799737 of `boolFalse = Bool`; the declared id is used\n --> <input>:1:10\n  |\n1 | boolFalse#bc799738 = Bool;\n  |          ^^^^^^^^^"
    );
    let strict = parse_files(
        [("x.tl", "boolFalse#bc799738 = Bool;")],
        &ParseOptions {
            strict_ids: true,
            ..ParseOptions::default()
        },
    );
    assert_eq!(strict.diagnostics[0].severity, Severity::Error);
    assert!(strict.has_errors());
    // The declared id is kept: it is what goes on the wire.
    assert_eq!(strict.definitions[0].id(), 0xbc799738);
    assert_eq!(strict.definitions[0].computed_id, 0xbc799737);
}

#[test]
fn duplicate_name() {
    assert_eq!(
        only(
            "a x:int = A;\nb = A;\n  a = A;",
            DiagnosticKind::DuplicateName
        ),
        (3, 3)
    );
    // Across files too.
    let schema = parse_files(
        [("one.tl", "a = A;"), ("two.tl", "\na x:int = A;")],
        &ParseOptions::default(),
    );
    let d = &schema.diagnostics[0];
    assert_eq!(
        (d.kind, d.file.as_str(), d.span.line, d.span.column),
        (DiagnosticKind::DuplicateName, "two.tl", 2, 1)
    );
    assert!(d.message.contains("one.tl:1:1"), "{}", d.message);
}

#[test]
fn duplicate_id() {
    let all = diagnostics("a#12345678 = A;\nb#12345678 = A;");
    let duplicates: Vec<_> = all
        .iter()
        .filter(|d| d.0 == DiagnosticKind::DuplicateId)
        .collect();
    assert_eq!(duplicates.len(), 1, "{all:#?}");
    assert_eq!((duplicates[0].1, duplicates[0].2), (2, 2));
    // A declared id can clash with a computed one.
    let computed = parse("a = A;").definitions[0].computed_id;
    let all = diagnostics(&format!("a = A;\n  b#{computed:08x} = A;"));
    let kinds: Vec<_> = all.iter().map(|d| (d.0, d.1, d.2)).collect();
    assert_eq!(
        kinds,
        [
            (DiagnosticKind::IdMismatch, 2, 4),
            (DiagnosticKind::DuplicateId, 2, 4)
        ]
    );
    let all = diagnostics("vector#1cb5c415 {t:Type} # [ t ] = Vector t;\nv#1cb5c415 = A;");
    assert!(
        all.iter()
            .any(|d| d.0 == DiagnosticKind::DuplicateId && (d.1, d.2) == (2, 2)),
        "{all:#?}"
    );
    // A builtin owns its id wherever it is, even after the definitions that use it, and in
    // another file.
    let messages = |schema: tlgen_parser::Schema<'_>| {
        schema
            .errors()
            .map(|d| (d.span.line, d.message.clone()))
            .collect::<Vec<_>>()
    };
    let expected = [
        (
            1,
            "id 0x1cb5c415 of `v` is already used by a builtin".to_owned(),
        ),
        (
            3,
            "id 0x1cb5c415 of `w` is already used by a builtin".to_owned(),
        ),
    ];
    let after = "v#1cb5c415 = A;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\nw#1cb5c415 = A;";
    assert_eq!(messages(parse(after)), expected);
    let (first, second) = after.split_at(16);
    let options = tlgen_parser::ParseOptions::default();
    let two_files = tlgen_parser::parse_files([("a.tl", first), ("b.tl", second)], &options);
    let expected_second = "id 0x1cb5c415 of `w` is already used by a builtin";
    assert_eq!(
        messages(two_files),
        [(1, expected[0].1.clone()), (2, expected_second.to_owned())]
    );
}

#[test]
fn duplicate_param() {
    assert_eq!(
        only("a x:int y:int x:long = A;", DiagnosticKind::DuplicateParam),
        (1, 15)
    );
}

#[test]
fn undeclared_flag_field() {
    assert_eq!(
        only("a x:flags.0?int = A;", DiagnosticKind::UndeclaredFlagField),
        (1, 5)
    );
    // Declared after the param that uses it.
    assert_eq!(
        only(
            "a\n  x:flags2.0?true flags2:# = A;",
            DiagnosticKind::UndeclaredFlagField
        ),
        (2, 5)
    );
}

#[test]
fn not_a_flag_field() {
    assert_eq!(
        only(
            "a flags:int x:flags.0?int = A;",
            DiagnosticKind::NotAFlagField
        ),
        (1, 15)
    );
}

#[test]
fn flag_bit_out_of_range() {
    assert_eq!(
        only(
            "a flags:# x:flags.32?int = A;",
            DiagnosticKind::FlagBitOutOfRange
        ),
        (1, 19)
    );
    assert_eq!(
        only(
            "a flags:# x:flags.99999999999?true = A;",
            DiagnosticKind::FlagBitOutOfRange
        ),
        (1, 19)
    );
    let schema = parse("a flags:# x:flags.31?int = A;");
    assert!(schema.diagnostics.is_empty());
}

#[test]
fn undeclared_type() {
    assert_eq!(only("a x:Foo = A;", DiagnosticKind::UndeclaredType), (1, 5));
    let all = diagnostics("a flags:# x:flags.0?Vector<%Foo> = A;");
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].0, all[0].1, all[0].2),
        (DiagnosticKind::UndeclaredType, 1, 28)
    );
    // A bare reference names a constructor.
    assert_eq!(
        only(
            "future_salt x:int = FutureSalt;\nb s:vector<future_sal> = B;",
            DiagnosticKind::UndeclaredType
        ),
        (2, 12)
    );
    assert!(
        diagnostics("future_salt x:int = FutureSalt;\nb s:vector<future_salt> = B;").is_empty()
    );
    // A function result must be declared by a constructor; a function's own result does not declare.
    assert_eq!(
        only(
            "---functions---\nf = Nothing;",
            DiagnosticKind::UndeclaredType
        ),
        (2, 5)
    );
    // Primitives, builtins and generics count as declared.
    assert!(diagnostics("a a:int b:long c:double d:string e:bytes f:int128 g:int256 h:int32 i:int53 j:int64 k:Bool l:Vector<Object> m:flags.0?true flags:# = A;")
        .iter()
        .all(|d| d.0 == DiagnosticKind::UndeclaredFlagField));
    assert!(diagnostics(
        "int ? = Int;\na x:Int = A;\n---functions---\ng {X:Type} q:!X r:Vector<X> = X;"
    )
    .is_empty());
}

#[test]
fn bare_function_result() {
    assert_eq!(
        only(
            "---functions---\n  f = int;",
            DiagnosticKind::BareFunctionResult
        ),
        (2, 7)
    );
    assert_eq!(
        only(
            "a = A;\n---functions---\nf = %A;",
            DiagnosticKind::BareFunctionResult
        ),
        (3, 5)
    );
    assert!(diagnostics("a = A;\n---functions---\nf = Vector<A>;").is_empty());
}

#[test]
fn unknown_generic() {
    assert_eq!(
        only(
            "---functions---\nf q:!X = X;",
            DiagnosticKind::UnknownGeneric
        ),
        (2, 5)
    );
    assert_eq!(
        only(
            "---functions---\nf {X:Type} q:!Y = X;",
            DiagnosticKind::UnknownGeneric
        ),
        (2, 14)
    );
    assert_eq!(
        only(
            "---functions---\nf {X:Type} q:Vector<!Y> = X;",
            DiagnosticKind::UnknownGeneric
        ),
        (2, 21)
    );
}

#[test]
fn diagnostics_are_in_source_order_with_file_names() {
    let schema = parse_files(
        [
            ("a.tl", "x:Nope = A;\nb z:Nope = B;\nb = B;"),
            ("b.tl", "c#1 = C;"),
        ],
        &ParseOptions::default(),
    );
    let order: Vec<(&str, u32, DiagnosticKind)> = schema
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.span.line, d.kind))
        .collect();
    assert_eq!(
        order,
        [
            ("a.tl", 1, DiagnosticKind::Syntax),
            ("a.tl", 2, DiagnosticKind::UndeclaredType),
            ("a.tl", 3, DiagnosticKind::DuplicateName),
            ("b.tl", 1, DiagnosticKind::IdMismatch),
        ]
    );
    assert!(schema
        .diagnostics
        .iter()
        .all(|d| schema.files[d.span.file] == d.file));
}

#[test]
fn non_ascii_columns_count_characters() {
    let schema = parse("/* ünï */ a x: = A;");
    let d = &schema.diagnostics[0];
    assert_eq!((d.span.line, d.span.column), (1, 15));
    assert_eq!(
        d.render(),
        "error: expected a parameter type after `:`\n --> <input>:1:15\n  |\n1 | /* ünï */ a x: = A;\n  |               ^"
    );
    let schema = parse("a x:int\t= A\t£;");
    let d = &schema.diagnostics[0];
    assert_eq!((d.span.column, d.span.end - d.span.start), (13, 2));
    // Tabs show as four spaces, and the caret stays under the `£`.
    let expected = format!("\n1 | a x:int    = A    £;\n  | {}^", " ".repeat(18));
    assert!(d.render().ends_with(&expected), "{}", d.render());
}

#[test]
fn a_bad_separator_word_is_an_error_at_the_separator() {
    for (separator, len) in [
        ("--- methods ---", 15),
        ("---function---", 14),
        ("--- functions", 13),
        ("---\tfunctions -- ", 16),
    ] {
        let source = format!("a = A;\n{separator}\nb = B;\n");
        let schema = parse(&source);
        let syntax: Vec<_> = schema
            .diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Syntax)
            .collect();
        assert_eq!(syntax.len(), 1, "{separator}: {:#?}", schema.diagnostics);
        let error = syntax[0];
        assert_eq!(
            error.message, "expected `---functions---` or `---types---`",
            "{separator}"
        );
        assert_eq!((error.span.line, error.span.column), (2, 1), "{separator}");
        assert_eq!(error.span.end - error.span.start, len, "{separator}");
        // The definitions around it are read, in the section before it.
        assert_eq!(schema.definitions.len(), 2, "{separator}");
    }
}
