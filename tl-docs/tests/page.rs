//! The page parser on the seed pages, on malformed pages, and on random input.

use std::path::PathBuf;

use proptest::prelude::*;
use tlgen_docs::{parse_page, parse_page_bytes, Page, PageError, PageKind};

/// The test copy of the page files: the seed pages, also read by tlgen-parser's tests.
fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/seeds")
}

fn fixture(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const SEED_000: &str = "000_269694b05f78eb7f.txt";
const SEED_001: &str = "001_30703dd70f95f8dc.txt";
const SEED_002: &str = "002_9b41aff3d8a77f76.txt";

fn parse_ok(text: &str) -> Page {
    parse_page(text).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_err(text: &str) -> PageError {
    match parse_page(text) {
        Ok(page) => panic!("expected an error, parsed {page:#?}"),
        Err(e) => e,
    }
}

#[test]
fn fixtures_are_the_real_pages() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/docs/pages");
    for name in [SEED_000, SEED_001, SEED_002] {
        let fixture = std::fs::read(fixtures().join(name));
        let page = std::fs::read(real.join(name));
        assert!(fixture.is_ok(), "{name}");
        assert_eq!(fixture.as_ref().ok(), page.as_ref().ok(), "{name}");
    }
}

#[test]
fn seed_000_pipe_method_page() {
    let page = parse_ok(&fixture(SEED_000));
    assert_eq!(page.name, "payments.sendStarsForm");
    assert_eq!(page.kind, PageKind::Method);
    assert_eq!(
        page.description.as_deref(),
        Some("Make a payment using Telegram Stars, see here » for more info.")
    );
    assert_eq!(
        page.tl_lines,
        vec![
            "payments.paymentResult#4e5f810d updates:Updates = payments.PaymentResult;",
            "payments.paymentVerificationNeeded#d8411139 url:string = payments.PaymentResult;",
            "---functions---",
            "payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;",
        ]
    );
    let params: Vec<(&str, &str, &str)> = page
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.ty.as_str(), p.description.as_str()))
        .collect();
    assert_eq!(
        params,
        vec![
            ("form_id", "long", "Payment form ID"),
            ("invoice", "InputInvoice", "Invoice"),
        ]
    );
    let expected: &[(i32, &str)] = &[
        (406, "API_GIFT_RESTRICTED_UPDATE_APP"),
        (400, "BALANCE_TOO_LOW"),
        (403, "BOT_ACCESS_FORBIDDEN"),
        (400, "BOT_INVOICE_INVALID"),
        (400, "BUSINESS_CONNECTION_INVALID"),
        (400, "FORM_EXPIRED"),
        (400, "FORM_ID_EMPTY"),
        (400, "FORM_SUBMIT_DUPLICATE"),
        (400, "FORM_UNSUPPORTED"),
        (400, "GIFT_STARS_INVALID"),
        (400, "MEDIA_ALREADY_PAID"),
        (400, "MONTH_INVALID"),
        (400, "PEER_ID_INVALID"),
        (406, "PRECHECKOUT_FAILED"),
        (400, "PURPOSE_INVALID"),
        (400, "STARGIFT_ALREADY_UPGRADED"),
        (400, "STARGIFT_NOT_FOUND"),
        (400, "STARGIFT_OWNER_INVALID"),
        (400, "STARGIFT_SLUG_INVALID"),
        (400, "STARGIFT_USAGE_LIMITED"),
        (400, "STARGIFT_USER_USAGE_LIMITED"),
        (406, "STARS_FORM_AMOUNT_MISMATCH"),
        (400, "TO_ID_INVALID"),
        (400, "USER_ID_INVALID"),
    ];
    let errors: Vec<(i32, &str)> = page
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str()))
        .collect();
    assert_eq!(errors, expected);
    assert_eq!(
        page.errors[0].description,
        "Please update the app to access the gift API."
    );
    assert_eq!(
        page.errors[23].description,
        "The provided user ID is invalid."
    );
    assert_eq!(
        page.errors[7].description,
        "The same payment form was already submitted. ."
    );
}

#[test]
fn seed_001_plain_constructor_page() {
    let page = parse_ok(&fixture(SEED_001));
    assert_eq!(page.name, "starsTransaction");
    assert_eq!(page.kind, PageKind::Constructor);
    assert_eq!(
        page.description.as_deref(),
        Some("Represents a Telegram Stars transaction ».")
    );
    assert_eq!(page.tl_lines.len(), 1);
    assert!(page.errors.is_empty());
    let expected: &[(&str, &str)] = &[
        ("flags", "#"),
        ("refund", "flags.3?true"),
        ("pending", "flags.4?true"),
        ("failed", "flags.6?true"),
        ("gift", "flags.10?true"),
        ("reaction", "flags.11?true"),
        ("id", "string"),
        ("stars", "long"),
        ("date", "int"),
        ("peer", "StarsTransactionPeer"),
        ("title", "flags.0?string"),
        ("description", "flags.1?string"),
        ("photo", "flags.2?WebDocument"),
        ("transaction_date", "flags.5?int"),
        ("transaction_url", "flags.5?string"),
        ("bot_payload", "flags.7?bytes"),
        ("msg_id", "flags.8?int"),
        ("extended_media", "flags.9?Vector<MessageMedia>"),
        ("subscription_period", "flags.12?int"),
        ("giveaway_post_id", "flags.13?int"),
        ("stargift", "flags.14?StarGift"),
        ("floodskip_number", "flags.15?int"),
    ];
    let params: Vec<(&str, &str)> = page
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.ty.as_str()))
        .collect();
    assert_eq!(params, expected);
    let description = |name: &str| {
        page.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.description.as_str())
    };
    assert_eq!(
        description("flags"),
        Some("Flags, see TL conditional fields")
    );
    assert_eq!(
        description("refund"),
        Some("Whether this transaction is a refund.")
    );
    assert_eq!(
        description("peer"),
        Some("Source of the incoming transaction, or its recipient for outgoing transactions.")
    );
    assert_eq!(description("giveaway_post_id"), Some(""));
    assert_eq!(
        description("floodskip_number"),
        Some(
            "This transaction is payment for paid bot broadcasts.\n\
             Paid broadcasts are only allowed if the allow_paid_floodskip parameter of \
             messages.sendMessage and other message sending methods is set while trying to \
             broadcast more than 30 messages per second to bot users.\n\
             The integer value returned by this flag indicates the number of billed API calls."
        )
    );
}

#[test]
fn seed_002_plain_method_page() {
    let page = parse_ok(&fixture(SEED_002));
    assert_eq!(page.name, "payments.refundStarsCharge");
    assert_eq!(page.kind, PageKind::Method);
    assert_eq!(
        page.description.as_deref(),
        Some("Refund a Telegram Stars transaction, see here » for more info.")
    );
    assert_eq!(page.tl_lines.len(), 9);
    assert_eq!(page.tl_lines[7], "---functions---");
    let params: Vec<(&str, &str, &str)> = page
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.ty.as_str(), p.description.as_str()))
        .collect();
    assert_eq!(
        params,
        vec![
            ("user_id", "InputUser", "User to refund."),
            ("charge_id", "string", "Transaction ID."),
        ]
    );
    let errors: Vec<(i32, &str, &str)> = page
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str(), e.description.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (
                400,
                "CHARGE_ALREADY_REFUNDED",
                "The transaction was already refunded."
            ),
            (
                400,
                "USER_BOT_REQUIRED",
                "This method can only be called by a bot."
            ),
            (400, "USER_ID_INVALID", "The provided user ID is invalid."),
        ]
    );
}

#[test]
fn crlf_and_bytes() {
    let text = fixture(SEED_002).replace('\n', "\r\n");
    let page = parse_page_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page, parse_ok(&fixture(SEED_002)));
}

/// A plain method page with more rows and column values, written like a real page.
const PLAIN_METHOD: &str = "\
messages.getMessages

Returns the list of messages by their IDs.

inputMessageID#a676a322 id:int = InputMessage;
---functions---
messages.getMessages#63c66506 id:Vector<InputMessage> flags:# silent:flags.0?true ids:flags.1?Vector<long> peer:%Message x:!X = messages.Messages;

Parameters

Name Type Description
id Vector<InputMessage> Message ID list (see here »), e.g. 1, 2; or \"3\": ok?
flags # Flags, see TL conditional fields
silent flags.0?true Whether to send silently
ids flags.1?Vector<long> IDs
peer %Message Bare message
x !X Query

Result

messages.Messages

Possible errors

Code Type Description
400 CHANNEL_INVALID The provided channel is invalid.
400 MSG_ID_INVALID Invalid message ID provided.
420 FLOOD_WAIT_%d Please wait %d seconds.
-503 Timeout Timeout while fetching data.

Both users and bots can use this method

Related pages
";

#[test]
fn plain_method_page_with_many_columns() {
    let page = parse_ok(PLAIN_METHOD);
    assert_eq!(page.name, "messages.getMessages");
    assert_eq!(page.kind, PageKind::Method);
    let params: Vec<(&str, &str)> = page
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.ty.as_str()))
        .collect();
    assert_eq!(
        params,
        vec![
            ("id", "Vector<InputMessage>"),
            ("flags", "#"),
            ("silent", "flags.0?true"),
            ("ids", "flags.1?Vector<long>"),
            ("peer", "%Message"),
            ("x", "!X"),
        ]
    );
    assert_eq!(
        page.params[0].description,
        "Message ID list (see here »), e.g. 1, 2; or \"3\": ok?"
    );
    let errors: Vec<(i32, &str)> = page
        .errors
        .iter()
        .map(|e| (e.code, e.name.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (400, "CHANNEL_INVALID"),
            (400, "MSG_ID_INVALID"),
            (420, "FLOOD_WAIT_%d"),
            (-503, "Timeout"),
        ]
    );
}

#[test]
fn type_page() {
    let text = "\
StarsTransaction

Represents a Telegram Stars transaction ».

starsTransaction#a9ee4c2 flags:# id:string = StarsTransaction;
starsTransactionEmpty#1 = StarsTransaction;

Constructors

Constructor Description
starsTransaction Represents a Telegram Stars transaction ».
";
    let page = parse_ok(text);
    assert_eq!(page.name, "StarsTransaction");
    assert_eq!(page.kind, PageKind::Type);
    assert!(page.params.is_empty() && page.errors.is_empty());
    // Without a name line, a page of constructors of one type is that type's page.
    let page = parse_ok("Some type.\na#1 x:int = T;\nb#2 = T;\n");
    assert_eq!((page.name.as_str(), page.kind), ("T", PageKind::Type));
}

#[test]
fn unknown_name_and_unlisted_parameters() {
    let text = "\
someName

Text.

a#1 x:int = T;

Name Type Description
x int The x.
extra flags.2?Vector<int> Not in the TL line.
more text
";
    let page = parse_ok(text);
    assert_eq!(page.kind, PageKind::Unknown);
    assert_eq!(page.params.len(), 2);
    assert_eq!(page.params[1].description, "Not in the TL line.\nmore text");
}

#[test]
fn one_word_description_before_the_tl_block() {
    let page = parse_ok("Pings\n---functions---\nhelp.ping#1 id:long = Pong;\n");
    assert_eq!(page.name, "help.ping");
    assert_eq!(page.kind, PageKind::Method);
    assert_eq!(page.description.as_deref(), Some("Pings"));
    let page = parse_ok("help.ping\n---functions---\nhelp.ping#1 id:long = Pong;\n");
    assert_eq!(page.name, "help.ping");
    assert_eq!(page.description, None);
    let page = parse_ok("Pong\npong#1 id:long = Pong;\n");
    assert_eq!((page.name.as_str(), page.kind), ("Pong", PageKind::Type));
}

fn seed_lines(name: &str) -> Vec<String> {
    fixture(name).split('\n').map(str::to_string).collect()
}

/// A seed page with line `index` (0-based) replaced.
fn with_line(name: &str, index: usize, line: &str) -> String {
    let mut lines = seed_lines(name);
    lines[index] = line.to_string();
    lines.join("\n")
}

fn line_index(name: &str, prefix: &str) -> usize {
    seed_lines(name)
        .iter()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("{prefix} not in {name}"))
}

#[test]
fn missing_columns() {
    // Plain layout: a row with only its name.
    let i = line_index(SEED_001, "refund ");
    let e = parse_err(&with_line(SEED_001, i, "refund"));
    assert_eq!(e.line, i + 1);
    assert!(e.message.contains("missing the Type"), "{e}");

    let i = line_index(SEED_002, "400 USER_BOT_REQUIRED");
    let e = parse_err(&with_line(SEED_002, i, "400"));
    assert_eq!(e.line, i + 1);
    assert!(e.message.contains("missing the Type"), "{e}");

    // Pipe layout: two cells instead of three.
    let i = line_index(SEED_000, "invoice |");
    let e = parse_err(&with_line(SEED_000, i, "invoice | InputInvoice |"));
    assert_eq!((e.line, e.column), (i + 1, 25));
    assert!(e.message.contains("expected 3 columns"), "{e}");
    assert!(e.message.contains("found 2"), "{e}");

    let i = line_index(SEED_000, "400 | BALANCE_TOO_LOW");
    let e = parse_err(&with_line(SEED_000, i, "400 | BALANCE_TOO_LOW"));
    assert_eq!(e.line, i + 1);
    assert!(e.message.contains("expected 3 columns"), "{e}");
    assert_eq!(
        e.to_string(),
        format!(
            "line {}:22: expected 3 columns (Code | Type | Description), found 2",
            i + 1
        )
    );
}

#[test]
fn code_not_a_number() {
    let i = line_index(SEED_002, "400 USER_BOT_REQUIRED");
    let e = parse_err(&with_line(
        SEED_002,
        i,
        "4OO USER_BOT_REQUIRED This method can only be called by a bot.",
    ));
    assert_eq!((e.line, e.column), (i + 1, 1));
    assert_eq!(e.message, "error code `4OO` is not a number");

    let e = parse_err(&with_line(
        SEED_002,
        i,
        "abc USER_BOT_REQUIRED This method can only be called by a bot.",
    ));
    assert_eq!(e.line, i + 1);
    assert!(e.message.contains("`abc` is not a number"), "{e}");

    let i = line_index(SEED_000, "400 | FORM_ID_EMPTY");
    let e = parse_err(&with_line(
        SEED_000,
        i,
        "x400 | FORM_ID_EMPTY | The specified form ID is empty. |",
    ));
    assert_eq!((e.line, e.column), (i + 1, 1));
    assert!(e.message.contains("`x400` is not a number"), "{e}");

    let e = parse_err(&with_line(
        SEED_000,
        i,
        " 99999999999 | FORM_ID_EMPTY | x |",
    ));
    assert_eq!((e.line, e.column), (i + 1, 2));
    assert!(e.message.contains("out of range"), "{e}");
}

#[test]
fn truncated_tables() {
    // Plain header and nothing after it.
    let text = fixture(SEED_002);
    let cut = text
        .find("400 CHARGE_ALREADY_REFUNDED")
        .unwrap_or(text.len());
    let e = parse_err(&text[..cut]);
    let header_line = text[..cut].matches('\n').count();
    assert_eq!(e.line, header_line);
    assert!(e.message.contains("has no rows"), "{e}");

    // Plain header followed by a blank line.
    let i = line_index(SEED_001, "flags #");
    let lines = seed_lines(SEED_001);
    let truncated = format!("{}\n\nType\n", lines[..i].join("\n"));
    let e = parse_err(&truncated);
    assert_eq!(e.line, i);
    assert!(
        e.message.contains("`Name Type Description` has no rows"),
        "{e}"
    );

    // Pipe: separator without rows.
    let text = fixture(SEED_000);
    let cut = text.find("406 | API_GIFT").unwrap_or(text.len());
    let e = parse_err(&text[..cut]);
    assert!(
        e.message
            .contains("`Code | Type | Description` has no rows"),
        "{e}"
    );
    assert_eq!(e.line, 11);

    // Pipe: header without separator.
    let cut = text.find("---|---|---|\n406").unwrap_or(text.len());
    let e = parse_err(&text[..cut]);
    assert_eq!(e.line, 10);
    assert!(e.message.contains("separator"), "{e}");
    let e = parse_err(&format!("{}prose\n", &text[..cut]));
    assert_eq!(e.line, 11);
    assert!(e.message.contains("expected the separator row"), "{e}");

    // A page that ends inside its description.
    let e = parse_err("payments.refundStarsCharge\n\nRefund a transaction.\n");
    assert!(e.message.contains("without a TL definition"), "{e}");
}

#[test]
fn empty_and_binary() {
    for text in ["", "\n", "  \n\t\n\r\n"] {
        let e = parse_err(text);
        assert_eq!((e.line, e.column), (1, 1));
        assert_eq!(e.message, "the page is empty");
    }
    let e = parse_page_bytes(b"starsTransaction\n\nab\xff\xfecd\n").err();
    let e = e.unwrap_or_else(|| panic!("invalid UTF-8 accepted"));
    assert_eq!((e.line, e.column), (3, 3));
    assert!(e.message.contains("invalid UTF-8"), "{e}");
    assert!(e.message.contains("0xFF"), "{e}");

    let e = parse_page_bytes(b"\x00\x01\x02ELF\x7f").err();
    let e = e.unwrap_or_else(|| panic!("binary accepted"));
    assert_eq!((e.line, e.column), (1, 1));
    assert!(e.message.contains("control character U+0000"), "{e}");

    let e = parse_err("hello\nworld");
    assert!(e.message.contains("without a TL definition"), "{e}");
}

#[test]
fn non_tl_seeds_are_rejected() {
    for name in ["003_9765a56558d704e5.txt", "004_3c04864113725fbf.txt"] {
        let bytes = std::fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let e = parse_page_bytes(&bytes).err();
        assert!(e.is_some(), "{name} parsed");
    }
}

/// A mutation applied to a seed page.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a line.
    DeleteLine(usize),
    /// Duplicate a line.
    DuplicateLine(usize),
    /// Truncate at a byte.
    Truncate(usize),
    /// Replace a byte.
    ReplaceByte(usize, u8),
    /// Insert text at a byte.
    Insert(usize, String),
    /// Swap two lines.
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::ReplaceByte(i, b)),
        (any::<usize>(), "[|#<>?%!. \n\t0-9a-zA-Z_-]{0,12}")
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let mut lines: Vec<Vec<u8>> = bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) => {
                if !lines.is_empty() {
                    lines.remove(i % n);
                }
                bytes = lines.join(&b'\n');
            }
            Mutation::DuplicateLine(i) => {
                if let Some(line) = lines.get(i % n).cloned() {
                    lines.insert(i % n, line);
                }
                bytes = lines.join(&b'\n');
            }
            Mutation::SwapLines(a, b) => {
                if !lines.is_empty() {
                    lines.swap(a % n, b % n);
                }
                bytes = lines.join(&b'\n');
            }
            Mutation::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
            Mutation::ReplaceByte(i, b) => {
                let len = bytes.len();
                if let Some(x) = bytes.get_mut(i % len.max(1)) {
                    *x = *b;
                }
            }
            Mutation::Insert(i, s) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, s.bytes());
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_strings_never_panic(text in "\\PC{0,400}") {
        let _ = parse_page(&text);
    }

    #[test]
    fn random_table_like_strings_never_panic(
        text in "([a-z_.]{1,8}(#[0-9a-f]{1,8})?( [a-z]{1,4}:[A-Za-z.?<>%!#0-9]{1,10}){0,3} = [A-Z][a-z]{0,5};|---functions---|Name Type Description|Code Type Description|Name \\| Type \\| Description \\||---\\|---\\|---\\||[0-9-]{0,4} [A-Z_%]{0,8} [a-z ]{0,10}|[a-z|]{0,10} [a-zA-Z.?<>%!#0-9]{0,10}|)(\n([a-z_.]{1,8}(#[0-9a-f]{1,8})?( [a-z]{1,4}:[A-Za-z.?<>%!#0-9]{1,10}){0,3} = [A-Z][a-z]{0,5};|---functions---|Name Type Description|Code Type Description|Name \\| Type \\| Description \\||---\\|---\\|---\\||[0-9-]{0,4} [A-Z_%]{0,8} [a-z ]{0,10}|[a-z|]{0,10} [a-zA-Z.?<>%!#0-9]{0,10}|)){0,25}"
    ) {
        let _ = parse_page(&text);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_page_bytes(&bytes);
    }

    #[test]
    fn mutated_seeds_never_panic(
        seed in 0usize..3,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let name = [SEED_000, SEED_001, SEED_002][seed];
        let bytes = mutate(&fixture(name), &mutations);
        match parse_page_bytes(&bytes) {
            Ok(page) => prop_assert!(!page.name.is_empty()),
            Err(e) => {
                prop_assert!(e.line >= 1 && e.column >= 1);
                prop_assert!(!e.message.is_empty());
                let lines = bytes.split(|b| *b == b'\n').count();
                prop_assert!(e.line <= lines, "line {} of {}", e.line, lines);
            }
        }
    }
}
