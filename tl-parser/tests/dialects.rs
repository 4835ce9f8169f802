//! Every schema read in its own dialect: the rule its declared ids agree with, or, without
//! telling ids, TDLib/TON's when it declares its builtins (fixtures in `tests/fixtures/tdlib/`,
//! BSL-1.0, see the README there).

use tlgen_parser::{
    parse, parse_files, Definition, DiagnosticKind, Dialect, DialectReason, ParseOptions, Schema,
    Severity,
};

const TELEGRAM_API: &str = include_str!("fixtures/tdlib/telegram_api_excerpt.tl");
const SECRET_API: &str = include_str!("fixtures/tdlib/secret_api.tl");
const MTPROTO_API: &str = include_str!("fixtures/tdlib/mtproto_api.tl");
const TD_API: &str = include_str!("fixtures/tdlib/td_api_excerpt.tl");
const GOTD: &str = include_str!("fixtures/tdlib/gotd_style.tl");
const API_TL: &str = include_str!("../../schema/api.tl");

/// Parses `source` as the file `name`, with the dialect chosen by evidence unless `dialect`.
fn read(name: &str, source: &'static str, dialect: Option<Dialect>) -> Schema<'static> {
    let options = ParseOptions {
        dialect,
        ..ParseOptions::default()
    };
    parse_files([(name, source)], &options)
}

/// The definition called `name`.
fn def<'s>(schema: &'s Schema<'static>, name: &str) -> &'s Definition<'static> {
    schema
        .definitions
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// `(severity, kind, line)` of every diagnostic.
fn diagnostics(schema: &Schema) -> Vec<(Severity, DiagnosticKind, u32)> {
    schema
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.kind, d.span.line))
        .collect()
}

/// TDLib's `telegram_api.tl` declares `bytes = Bytes;` and is Telegram's: no id warning, the
/// five legacy ids are notes, the three `…Prefix` functions are warnings, no error.
#[test]
fn tdlibs_telegram_api_is_telegrams() {
    let schema = read("telegram_api.tl", TELEGRAM_API, None);
    assert_eq!(schema.dialect, Dialect::Telegram);
    assert_eq!(
        schema.dialect_reason,
        DialectReason::DeclaredIds {
            declared: 30,
            telegram: 22,
            raw: 17
        }
    );
    assert_eq!(
        diagnostics(&schema),
        [
            (Severity::Note, DiagnosticKind::IdMismatch, 18),
            (Severity::Note, DiagnosticKind::IdMismatch, 19),
            (Severity::Note, DiagnosticKind::IdMismatch, 20),
            (Severity::Note, DiagnosticKind::IdMismatch, 22),
            (Severity::Note, DiagnosticKind::IdMismatch, 23),
            (Severity::Warning, DiagnosticKind::PrefixDefinition, 55),
            (Severity::Warning, DiagnosticKind::PrefixDefinition, 56),
            (Severity::Warning, DiagnosticKind::PrefixDefinition, 57),
        ],
        "{:#?}",
        schema.diagnostics
    );
    // Telegram's ids, declared and computed alike.
    for name in [
        "inputPhoto",
        "inputFileLocation",
        "userStatusRecently",
        "inputPeerPhotoFileLocation",
        "upload.saveFilePart",
    ] {
        let d = def(&schema, name);
        assert_eq!(d.declared_id, Some(d.computed_id), "{name}");
    }
    // Without an id: Telegram's rule too.
    assert_eq!(
        def(&schema, "test.useConfigSimple").computed_id,
        crc32("test.useConfigSimple = help.ConfigSimple")
    );
    let prefix = &schema.diagnostics[5];
    assert_eq!(
        prefix.message,
        "`invokeWithBusinessConnectionPrefix` and `invokeWithBusinessConnection` share the id \
         0xdd289f8e: the params of `invokeWithBusinessConnectionPrefix` are the first params of \
         `invokeWithBusinessConnection`, a prefix definition (it writes the leading bytes of \
         `invokeWithBusinessConnection`); decoding by id reads `invokeWithBusinessConnection`"
    );
}

/// What reading it as TON's did (the rule chosen for any schema declaring `bytes`): every
/// definition with a `bytes` or `flags.N?true` param differs from its computed id.
#[test]
fn tdlibs_telegram_api_in_tons_rule_differs_on_every_bytes_line() {
    let schema = read("telegram_api.tl", TELEGRAM_API, Some(Dialect::Ton));
    assert_eq!(schema.dialect_reason, DialectReason::Chosen);
    let differing = schema
        .definitions
        .iter()
        .filter(|d| d.declared_id.is_some_and(|id| id != d.computed_id))
        .count();
    assert_eq!(differing, 30 - 17);
}

/// The whole layer in TDLib's form: TDLib's header (builtins, `bytes = Bytes;`, legacy
/// definitions, `…Prefix` functions) before the body of this repository's `api.tl`, as
/// TDLib's `telegram_api.tl` is built: no id warning, no error.
#[test]
fn a_whole_layer_in_tdlibs_form() {
    let header = TELEGRAM_API
        .split("\n---types---\n")
        .next()
        .unwrap_or_default();
    let in_header = ["boolFalse#", "boolTrue#", "true#", "vector#", "error#"];
    let body: String = API_TL
        .lines()
        .filter(|line| !in_header.iter().any(|h| line.starts_with(h)))
        .map(|line| format!("{line}\n"))
        .collect();
    let text = format!("{header}\n---types---\n{body}");
    let text: &'static str = Box::leak(text.into_boxed_str());
    let schema = read("telegram_api.tl", text, None);
    assert_eq!(schema.dialect, Dialect::Telegram);
    let kinds: Vec<_> = schema
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| (d.severity, d.kind))
        .collect();
    assert_eq!(
        kinds,
        [(Severity::Warning, DiagnosticKind::PrefixDefinition); 3],
        "{:#?}",
        schema.diagnostics
    );
    // In TON's rule, what the user saw before: hundreds of differing ids.
    let ton = read("telegram_api.tl", text, Some(Dialect::Ton));
    let differing = ton
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::IdMismatch)
        .count();
    assert!(differing > 500, "{differing}");
}

/// TDLib's `secret_api.tl` (`bytes = Bytes;`, `boolFalse = Bool;` without ids) and
/// `mtproto_api.tl` (no `bytes`): Telegram's, silent.
#[test]
fn tdlibs_secret_and_mtproto_apis_are_telegrams() {
    let secret = read("secret_api.tl", SECRET_API, None);
    assert_eq!(secret.dialect, Dialect::Telegram);
    assert_eq!(
        secret.dialect_reason,
        DialectReason::DeclaredIds {
            declared: 86,
            telegram: 71,
            raw: 62
        }
    );
    // TDLib's versioned names (`decryptedMessage8`, `documentAttributeAudio23`) carry the id
    // of the line named without the layer; one of layer 143 is hashed with `bytes`: notes.
    assert_eq!(secret.diagnostics.len(), 15);
    assert!(secret
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Note && d.kind == DiagnosticKind::IdMismatch));
    assert!(secret.diagnostics[0].message.ends_with(
        "(it is the id of the line named `decryptedMessage`, of which `decryptedMessage8` is a version)"
    ));
    assert_eq!(def(&secret, "decryptedMessage8").id(), 0x1f81_4f1f);
    assert_eq!(
        crc32(
            "decryptedMessage random_id:long random_bytes:string message:string \
             media:DecryptedMessageMedia = DecryptedMessage"
        ),
        0x1f81_4f1f
    );
    let d = def(&secret, "decryptedMessageLayer");
    assert_eq!(d.computed_id, 0x1be3_1789);
    assert_eq!(def(&secret, "boolTrue").id(), 0x9972_75b5);

    let mtproto = read("mtproto_api.tl", MTPROTO_API, None);
    assert_eq!(mtproto.dialect, Dialect::Telegram);
    // Its ids are the same in both rules (no `bytes`, no `?true`), and it declares no
    // builtin of TDLib/TON's: Telegram's by default.
    assert_eq!(mtproto.dialect_reason, DialectReason::Default);
    // One genuine mismatch: TDLib rewrote MTProto's `gzip_packed#3072cfa1 packed_data:bytes
    // = Object` with a `string` and its own result type.
    assert_eq!(
        diagnostics(&mtproto),
        [(Severity::Warning, DiagnosticKind::IdMismatch, 53)]
    );
}

/// gotd's schema declares `bytes#e937bb82 = Bytes;` (a builtin with an id, the CRC32 of
/// `bytes = Bytes`): Telegram's, silent.
#[test]
fn gotds_schema_is_telegrams() {
    let schema = read("telegram.tl", GOTD, None);
    assert_eq!(schema.dialect, Dialect::Telegram);
    assert_eq!(diagnostics(&schema), [], "{:#?}", schema.diagnostics);
    let bytes = schema.builtins.iter().find(|b| b.name == "bytes");
    assert_eq!(bytes.and_then(|b| b.declared_id), Some(0xe937_bb82));
    assert_eq!(crc32("bytes = Bytes"), 0xe937_bb82);
    assert!(schema.definitions.iter().all(|d| d.name != "bytes"));
}

/// TDLib's `td_api.tl` has no ids and declares its builtins: hashed as written. Golden ids:
/// `testCallBytes` `0xd4215aa9` is what a real libtdjson 1.8.61 accepts as its `@type`
/// (and it refuses the id computed with `string`); gotd's TL parser `ernado/tl` prints
/// `error#9bdd8f1a` and `ok#d4edbe69` for `td_api.tl` (its README's `tl-print` example).
#[test]
fn tdlibs_td_api_is_hashed_as_written() {
    let schema = read("td_api.tl", TD_API, None);
    assert_eq!(schema.dialect, Dialect::Ton);
    assert_eq!(
        schema.dialect_reason,
        DialectReason::DeclaresBuiltins("int32 = Int32".to_owned())
    );
    assert_eq!(diagnostics(&schema), []);
    assert_eq!(def(&schema, "testCallBytes").id(), 0xd421_5aa9);
    assert_eq!(def(&schema, "error").id(), 0x9bdd_8f1a);
    assert_eq!(def(&schema, "ok").id(), 0xd4ed_be69);
    assert_eq!(
        def(&schema, "testBytes").id(),
        crc32("testBytes value:bytes = TestBytes")
    );
    assert_eq!(
        schema.dialect_reason.to_string(),
        "no declared id tells the rules apart and the schema declares its builtins (`int32 = Int32`)"
    );
}

/// The caller's choice wins over the evidence.
#[test]
fn an_explicit_dialect_overrides_the_evidence() {
    let schema = read("td_api.tl", TD_API, Some(Dialect::Telegram));
    assert_eq!(schema.dialect, Dialect::Telegram);
    assert_eq!(schema.dialect_reason, DialectReason::Chosen);
    assert_eq!(
        def(&schema, "testCallBytes").id(),
        crc32("testCallBytes x:string = TestBytes")
    );
    assert_eq!(Dialect::from_name("tdlib"), Some(Dialect::Ton));
    assert_eq!(Dialect::from_name("TON"), Some(Dialect::Ton));
    assert_eq!(Dialect::from_name("telegram"), Some(Dialect::Telegram));
    assert_eq!(Dialect::from_name("grammers"), None);
}

/// Evidence counts what the declared ids agree with; the line alone decides nothing.
#[test]
fn the_rule_more_ids_agree_with_wins() {
    // Declared with TDLib/TON's rule (`bytes` as written): TON's, though nothing declares `bytes`.
    let raw = format!(
        "a#{:08x} x:bytes = A;\nb#{:08x} flags:# y:flags.0?true = B;",
        crc32("a x:bytes = A"),
        crc32("b flags:# y:flags.0?true = B")
    );
    let schema = parse(&raw);
    assert_eq!(schema.dialect, Dialect::Ton);
    assert_eq!(
        schema.dialect_reason,
        DialectReason::DeclaredIds {
            declared: 2,
            telegram: 0,
            raw: 2
        }
    );
    assert_eq!(diagnostics(&schema), []);
    assert_eq!(
        schema.dialect_reason.to_string(),
        "0 of the 2 declared ids agree with Telegram's rule, 2 with TDLib/TON's"
    );
    // Telegram's, though `bytes = Bytes;` is declared.
    let telegram = format!(
        "bytes = Bytes;\na#{:08x} x:bytes = A;\nc x:bytes = C;",
        crc32("a x:string = A")
    );
    let schema = parse(&telegram);
    assert_eq!(schema.dialect, Dialect::Telegram);
    // The definition without an id is hashed in the schema's rule.
    assert_eq!(schema.definitions[1].computed_id, crc32("c x:string = C"));
    // Across files: the evidence of all of them, for all of them.
    let schema = parse_files(
        [
            ("one.tl", "c x:bytes = C;"),
            ("two.tl", "bytes = Bytes;\nd x:bytes = D;"),
        ],
        &ParseOptions::default(),
    );
    assert_eq!(schema.dialect, Dialect::Ton);
    assert_eq!(schema.definitions[0].computed_id, crc32("c x:bytes = C"));
}

/// A declared id no rule computes: one warning saying the declared id is used (an error with
/// `strict_ids`); one the other rule computes, or a known one: a note.
#[test]
fn one_warning_per_unexplained_id() {
    let text = format!(
        "a#{:08x} x:int = A;\nb#00000001 x:int = B;\nc#{:08x} x:bytes = C;\n\
         accessPointRule#4679b65f phone_prefix_rules:string dc_id:int = AccessPointRule;\n\
         d#{:08x} x:bytes = D;\ne#{:08x} x:bytes = E;",
        crc32("a x:int = A"),
        crc32("c x:bytes = C"),
        crc32("d x:string = D"),
        crc32("e x:string = E"),
    );
    let schema = parse(&text);
    assert_eq!(schema.dialect, Dialect::Telegram);
    assert_eq!(
        diagnostics(&schema),
        [
            (Severity::Warning, DiagnosticKind::IdMismatch, 2),
            (Severity::Note, DiagnosticKind::IdMismatch, 3),
            (Severity::Note, DiagnosticKind::IdMismatch, 4),
        ]
    );
    assert_eq!(
        schema.diagnostics[0].summary(),
        format!(
            "<input>:2:2: warning: declared id 0x00000001 of `b` differs from the computed id \
             {:#010x} of `b x:int = B`; the declared id is used",
            crc32("b x:int = B")
        )
    );
    assert!(
        schema.diagnostics[1]
            .message
            .ends_with("(it is TDLib/TON's rule's id, of `c x:bytes = C`)"),
        "{}",
        schema.diagnostics[1].message
    );
    assert!(schema.diagnostics[2]
        .message
        .ends_with("(known: Telegram's mtproto.tl, an older form of the line)"));
    let strict = parse_files(
        [("x.tl", text.as_str())],
        &ParseOptions {
            strict_ids: true,
            ..ParseOptions::default()
        },
    );
    let severities: Vec<_> = strict.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(
        severities,
        [Severity::Error, Severity::Note, Severity::Note]
    );
}

/// Only a prefix pair shares an id without an error.
#[test]
fn other_duplicate_ids_stay_errors() {
    let kinds = |text: &str| -> Vec<(Severity, DiagnosticKind)> {
        parse(text)
            .diagnostics
            .iter()
            .filter(|d| d.kind != DiagnosticKind::IdMismatch)
            .map(|d| (d.severity, d.kind))
            .collect()
    };
    let error = (Severity::Error, DiagnosticKind::DuplicateId);
    let prefix = (Severity::Warning, DiagnosticKind::PrefixDefinition);
    // Prefix first or full first, the same.
    assert_eq!(
        kinds("a#00000001 x:int = A;\nb#00000001 x:int y:long = A;"),
        [prefix]
    );
    assert_eq!(
        kinds("b#00000001 x:int y:long = A;\na#00000001 x:int = A;"),
        [prefix]
    );
    // Not a prefix: another name or type, as many params, or another category.
    assert_eq!(
        kinds("a#00000001 x:int = A;\nb#00000001 z:int y:long = A;"),
        [error]
    );
    assert_eq!(
        kinds("a#00000001 x:long = A;\nb#00000001 x:int y:long = A;"),
        [error]
    );
    assert_eq!(
        kinds("a#00000001 x:int = A;\nb#00000001 y:int = A;"),
        [error]
    );
    assert_eq!(
        kinds("a#00000001 x:int = A;\n---functions---\nb#00000001 x:int y:long = A;"),
        [error]
    );
}

/// CRC32 (IEEE) of `text`: the id of a canonical form.
fn crc32(text: &str) -> u32 {
    // Bitwise, independent of the parser's hashing.
    let mut crc = 0xffff_ffffu32;
    for &b in text.as_bytes() {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
