//! TON's dialect of TL: `ton_api.tl`, `lite_api.tl` and `tonlib_api.tl` (fixtures in
//! `tests/fixtures/ton/`, LGPL, see the README there) parse, with TON's ids.

use tlgen_parser::{
    parse, parse_files, Category, Dialect, ParamKind, ParseOptions, Schema, Severity,
};

const LITE_API: &str = include_str!("fixtures/ton/lite_api.tl");
const TON_API: &str = include_str!("fixtures/ton/ton_api.tl");
const TONLIB_API: &str = include_str!("fixtures/ton/tonlib_api.tl");

/// Parses one fixture, failing on any error.
fn schema(name: &str, source: &'static str) -> Schema<'static> {
    let schema = parse_files([(name, source)], &ParseOptions::default());
    let errors: Vec<String> = schema.errors().map(|d| d.render()).collect();
    assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    assert_eq!(schema.dialect, Dialect::Ton, "{name}");
    schema
}

/// The wire id of the definition called `name`.
fn id(schema: &Schema, name: &str) -> u32 {
    schema
        .definitions
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .id()
}

#[test]
fn the_three_schemas_parse_without_errors() {
    for (name, source, min_defs, notes) in [
        ("lite_api.tl", LITE_API, 80, 3),
        ("ton_api.tl", TON_API, 600, 3),
        ("tonlib_api.tl", TONLIB_API, 200, 0),
    ] {
        let schema = schema(name, source);
        assert!(schema.definitions.len() >= min_defs, "{name}");
        // No warning: the only diagnostics are notes on declared ids that differ from the
        // text, kept on purpose upstream (`tlgen_parser::ids::KNOWN_MISMATCHES`).
        assert_eq!(schema.diagnostics.len(), notes, "{name}");
        assert_eq!(
            schema.dialect_reason,
            tlgen_parser::DialectReason::DeclaresBuiltins(
                if name == "tonlib_api.tl" {
                    "int32 = Int32"
                } else {
                    "bytes data:string = Bytes"
                }
                .to_owned()
            ),
            "{name}"
        );
        for d in &schema.diagnostics {
            assert_eq!(d.severity, Severity::Note, "{}", d.render());
            assert_eq!(
                d.kind,
                tlgen_parser::DiagnosticKind::IdMismatch,
                "{}",
                d.render()
            );
        }
    }
}

/// The wire bytes TON's documentation gives (docs.ton.org, "ADNL TCP - Liteserver":
/// the getMasterchainInfo example), read as little-endian `u32`s.
#[test]
fn ids_from_tons_documentation() {
    let lite = schema("lite_api.tl", LITE_API);
    let wire = |name: &str| id(&lite, name).to_le_bytes();
    assert_eq!(wire("adnl.message.query"), [0x7a, 0xf9, 0x8b, 0xb4]);
    assert_eq!(wire("adnl.message.answer"), [0x16, 0x84, 0xac, 0x0f]);
    assert_eq!(wire("liteServer.query"), [0xdf, 0x06, 0x8c, 0x79]);
    assert_eq!(
        wire("liteServer.getMasterchainInfo"),
        [0x2e, 0xe6, 0xb5, 0x89]
    );
    assert_eq!(wire("liteServer.masterchainInfo"), [0x81, 0x28, 0x83, 0x85]);
}

/// `static const std::int32_t ID` of each class in TON's own generated C++, as checked into
/// `DanShaders/ton` at 2486050d88f96d1cfe668e1f6c39649bc17a0051,
/// `tl/generate/auto/tl/lite_api.h` (output of TON's C++ generator from `lite_api.tl`).
const TON_GENERATED_LITE_IDS: &[(&str, i32)] = &[
    ("adnl.message.query", -1265895046),
    ("adnl.message.answer", 262964246),
    ("liteServer.accountDispatchQueueInfo", -1689081157),
    ("liteServer.accountId", 1973478085),
    ("liteServer.accountState", 1887029073),
    ("liteServer.allShardsInfo", 160425773),
    ("liteServer.blockData", -1519063700),
    ("liteServer.blockHeader", 1965916697),
    ("liteServer.blockLinkBack", -276947985),
    ("liteServer.blockOutMsgQueueSize", -1966227941),
    ("liteServer.blockState", -1414669300),
    ("liteServer.blockTransactions", -1114854101),
    ("liteServer.blockTransactionsExt", -74449692),
    ("liteServer.configInfo", -1367660753),
    ("liteServer.currentTime", -380436467),
    ("liteServer.dispatchQueueInfo", 1561408208),
    ("liteServer.dispatchQueueMessage", -2067520534),
    ("liteServer.dispatchQueueMessages", 1262516529),
    ("liteServer.error", -1146494648),
    ("liteServer.libraryEntry", -1962990522),
    ("liteServer.libraryResult", 293255531),
    ("liteServer.libraryResultWithProof", 279521215),
    ("liteServer.lookupBlockResult", -1720161305),
    ("liteServer.masterchainInfo", -2055001983),
    ("liteServer.masterchainInfoExt", -1462968075),
    ("liteServer.outMsgQueueSize", -1480176507),
    ("liteServer.outMsgQueueSizes", -128955901),
    ("liteServer.partialBlockProof", -1898917183),
    ("liteServer.runMethodResult", -1550163605),
    ("liteServer.sendMsgStatus", 961602967),
    ("liteServer.shardBlockLink", -754069646),
    ("liteServer.shardBlockProof", 493002874),
    ("liteServer.shardInfo", -1612264060),
    ("liteServer.signature", -1545668523),
    ("liteServer.transactionId", -1322293841),
    ("liteServer.transactionId3", 746707575),
    ("liteServer.transactionInfo", 249490759),
    ("liteServer.transactionList", 1864812043),
    ("liteServer.transactionMetadata", -9411707),
    ("liteServer.validatorStats", -1174956328),
    ("liteServer.version", 1510248933),
    ("liteServer.debug.verbosity", 1564493619),
    ("liteServer.nonfinal.candidate", -2134686068),
    ("liteServer.nonfinal.candidateId", 1426358254),
    ("liteServer.nonfinal.candidateInfo", 1307312597),
    ("liteServer.nonfinal.validatorGroupInfo", -103380313),
    ("liteServer.nonfinal.validatorGroups", -1928618498),
    ("tonNode.blockId", -1211256473),
    ("tonNode.blockIdExt", 1733487480),
    ("tonNode.zeroStateIdExt", 494024110),
    ("liteServer.getAccountState", 1804144165),
    ("liteServer.getAccountStatePrunned", 1516864775),
    ("liteServer.getAllShardsInfo", 1960050027),
    ("liteServer.getBlock", 1668796173),
    ("liteServer.getBlockHeader", 569116318),
    ("liteServer.getBlockOutMsgQueueSize", -1888716935),
    ("liteServer.getBlockProof", -1964336060),
    ("liteServer.getConfigAll", -1860491593),
    ("liteServer.getConfigParams", 705764377),
    ("liteServer.getDispatchQueueInfo", 31878131),
    ("liteServer.getDispatchQueueMessages", -1141021639),
    ("liteServer.getLibraries", -786254238),
    ("liteServer.getLibrariesWithProof", -646540355),
    ("liteServer.getMasterchainInfo", -1984567762),
    ("liteServer.getMasterchainInfoExt", 1889956319),
    ("liteServer.getOneTransaction", -737205014),
    ("liteServer.getOutMsgQueueSizes", 2076286006),
    ("liteServer.getShardBlockProof", 1285948240),
    ("liteServer.getShardInfo", 1185084453),
    ("liteServer.getState", -1167184202),
    ("liteServer.getTime", 380459572),
    ("liteServer.getTransactions", 474015649),
    ("liteServer.getValidatorStats", 152721596),
    ("liteServer.getVersion", 590058507),
    ("liteServer.listBlockTransactions", -1375942694),
];

#[test]
fn ids_match_tons_generated_code() {
    let lite = schema("lite_api.tl", LITE_API);
    let wrong: Vec<String> = TON_GENERATED_LITE_IDS
        .iter()
        .filter(|&&(name, expected)| id(&lite, name) != expected as u32)
        .map(|&(name, expected)| {
            format!(
                "{name}: {:#010x} != {:#010x}",
                id(&lite, name),
                expected as u32
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// tonlib's generated `tonlib_api.h` (TON's generator, as in `DanShaders/ton` above):
/// `vector<T>` hashes as `vector T`, `secureString` as written.
#[test]
fn tonlib_ids_match_tons_generated_code() {
    let tonlib = schema("tonlib_api.tl", TONLIB_API);
    for (name, expected) in [
        ("exportedKey", -1449248297),
        ("exportedPemKey", 1425473725),
        ("exportedEncryptedKey", 2024406612),
        ("error", -1679978726),
    ] {
        assert_eq!(id(&tonlib, name), expected as u32, "{name}");
    }
}

#[test]
fn parenthesized_types_are_type_applications() {
    let paren = parse("bytes data:string = Bytes;\nt ids:(vector (vector int)) a:(int) = T;");
    let angle = parse("bytes data:string = Bytes;\nt ids:vector<vector<int>> a:int = T;");
    assert!(!paren.has_errors(), "{:?}", paren.diagnostics);
    assert_eq!(paren.definitions[0].params, {
        let mut params = angle.definitions[0].params.clone();
        // Spans differ: the texts differ.
        for (p, q) in params.iter_mut().zip(&paren.definitions[0].params) {
            p.span = q.span;
        }
        params
    });
    assert_eq!(
        paren.definitions[0].computed_id,
        angle.definitions[0].computed_id
    );
    assert_eq!(
        tlgen_parser::ids::canonical_form_in(&paren.definitions[0], Dialect::Ton),
        "t ids:vector vector int a:int = T"
    );
}

#[test]
fn builtins_in_definition_syntax_are_builtins() {
    let schema = schema("tonlib_api.tl", TONLIB_API);
    let builtins: Vec<&str> = schema.builtins.iter().map(|b| b.name).collect();
    for name in [
        "int32",
        "int53",
        "int64",
        "int256",
        "bytes",
        "secureString",
        "secureBytes",
        "object",
        "function",
        "vector",
    ] {
        assert!(builtins.contains(&name), "{name}: {builtins:?}");
        assert!(schema.definitions.iter().all(|d| d.name != name), "{name}");
    }
    let lite = self::schema("lite_api.tl", LITE_API);
    let bytes = lite
        .builtins
        .iter()
        .find(|b| b.name == "bytes")
        .expect("bytes");
    assert_eq!(bytes.text, "bytes data:string = Bytes");
    assert_eq!((bytes.span.line, bytes.span.column), (7, 1));
    // `true = True;` and `boolTrue = Bool;` are real constructors.
    assert_eq!(id(&lite, "boolTrue"), 0x997275b5);
    assert_eq!(id(&lite, "true"), 0x3fedd339);
}

#[test]
fn hash_params_are_flag_words_only_when_named_by_conditionals() {
    let lite = schema("lite_api.tl", LITE_API);
    let def = |name: &str| {
        lite.definitions
            .iter()
            .find(|d| d.name == name)
            .expect(name)
    };
    let list = def("liteServer.listBlockTransactions");
    assert!(list.is_flag_word("mode"));
    assert!(!list.is_flag_word("count"));
    assert_eq!(list.flag_bits("mode"), (1 << 7) | (1 << 6) | (1 << 5));
    assert!(matches!(list.params[2].kind, ParamKind::FlagField));
    assert!(!def("liteServer.blockTransactions").is_flag_word("req_count"));
    assert_eq!(def("liteServer.query").result.name, "Object");
    assert_eq!(def("liteServer.query").category, Category::Function);
    // `last:tonNode.blockIdExt` names a constructor: bare.
    let info = def("liteServer.masterchainInfo");
    let ParamKind::Plain(last) = &info.params[0].kind else {
        panic!()
    };
    assert!(last.is_bare());
}

#[test]
fn comments_at_the_end_of_a_line() {
    let schema = parse(
        "bytes data:string = Bytes;\n\
         a x:int // the x\n  y:(vector int) /* why */ = A; // after\n\
         b = A; // done",
    );
    assert!(!schema.has_errors(), "{:?}", schema.diagnostics);
    assert_eq!(schema.definitions.len(), 2);
    assert_eq!(schema.definitions[0].params.len(), 2);
    // Parentheses may span lines.
    let schema = parse("a x:(vector\n    int) = A;");
    assert!(!schema.has_errors(), "{:?}", schema.diagnostics);
}

#[test]
fn malformed_parentheses_are_errors_at_their_place() {
    for (source, line, column, message) in [
        (
            "a x:(vector int = A;",
            1,
            17,
            "expected `)` to close the parenthesized type",
        ),
        ("a x:() = A;", 1, 6, "expected a type after `(`"),
        (
            "a x:(vector int)) = A;",
            1,
            17,
            "expected `=` before the result type",
        ),
        (
            "a x:vector int) = A;",
            1,
            12,
            "expected `=` before the result type",
        ),
        (
            "a\n  x:(vector\n  (int = A;",
            3,
            8,
            "expected `)` to close the parenthesized type",
        ),
        ("a x:( = A;", 1, 7, "expected a type after `(`"),
    ] {
        let schema = parse(source);
        let error = schema.errors().next().unwrap_or_else(|| panic!("{source}"));
        assert_eq!(
            (error.span.line, error.span.column, error.message.as_str()),
            (line, column, message),
            "{source}"
        );
    }
}

#[test]
fn ten_thousand_parentheses_are_an_error_not_a_stack_overflow() {
    let deep = format!(
        "a x:{}int{} = A;",
        "(vector ".repeat(10_000),
        ")".repeat(10_000)
    );
    let schema = parse(&deep);
    let error = schema.errors().next().expect("an error");
    assert!(
        error.message.contains("nested too deeply"),
        "{}",
        error.message
    );
    let open = format!("a x:{}int = A;\nb = B;", "(".repeat(10_000));
    let schema = parse(&open);
    assert!(schema.has_errors());
    // Recovery goes on after the `;`.
    assert!(schema.definitions.iter().any(|d| d.name == "b"));
}

#[test]
fn telegram_schemas_keep_telegram_ids() {
    // No `bytes` declaration: Telegram's rules (bytes as string, `?true` left out).
    let schema = parse("a flags:# b:flags.0?true c:bytes = A;");
    assert_eq!(schema.dialect, Dialect::Telegram);
    assert_eq!(
        tlgen_parser::ids::canonical_form(&schema.definitions[0]),
        "a flags:# c:string = A"
    );
    let ton = parse("bytes = Bytes;\na flags:# b:flags.0?true c:bytes = A;");
    assert_eq!(ton.dialect, Dialect::Ton);
    assert_eq!(
        tlgen_parser::ids::canonical_form_in(&ton.definitions[0], Dialect::Ton),
        "a flags:# b:flags.0?true c:bytes = A"
    );
    assert_ne!(
        ton.definitions[0].computed_id,
        schema.definitions[0].computed_id
    );
}

#[test]
fn the_fuzz_seeds_parse() {
    let schema = parse(include_str!("../fuzz/seeds/parse/ton_dialect.tl"));
    assert!(!schema.has_errors(), "{:?}", schema.diagnostics);
    let malformed = parse(include_str!("../fuzz/seeds/parse/ton_malformed.tl"));
    assert_eq!(malformed.errors().count(), 2, "{:?}", malformed.diagnostics);
    assert!(malformed.definitions.iter().any(|d| d.name == "c"));
}
