//! The TL lines quoted in the documentation pages of `tests/fixtures/seeds/`: each parses,
//! and each computed id equals the declared one.

use tlgen_parser::{parse, Category, DiagnosticKind, Schema};

/// The TL lines of a seed file: definitions with a `#hex` id ending in `;`, and separators.
/// They are kept for the rest of the run: schemas borrow from them.
fn tl_lines(seed: &str) -> &'static str {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/seeds/");
    let entries = std::fs::read_dir(dir).expect("the seeds directory exists");
    let path = entries
        .map(|e| e.expect("a directory entry").path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(seed))
        })
        .expect("the seed file exists");
    let text = std::fs::read_to_string(path).expect("the seed is readable");
    let mut out = String::new();
    for line in text.lines().map(str::trim) {
        let has_hex_id = line.split_once('#').is_some_and(|(name, id)| {
            !name.is_empty() && id.starts_with(|c: char| c.is_ascii_hexdigit())
        });
        if (has_hex_id && line.ends_with(';')) || line == "---functions---" {
            out.push_str(line);
            out.push('\n');
        }
    }
    Box::leak(out.into_boxed_str())
}

/// Parses a seed's TL lines, checking there is no syntax error and every id verifies.
fn parse_seed(seed: &str) -> Schema<'static> {
    let schema = parse(tl_lines(seed));
    for d in &schema.diagnostics {
        // The seeds quote single definitions, so the types they use are not declared.
        assert!(
            !matches!(d.kind, DiagnosticKind::Syntax | DiagnosticKind::IdMismatch),
            "{seed}: {d}"
        );
    }
    for def in &schema.definitions {
        assert_eq!(def.declared_id, Some(def.computed_id), "{seed}: {def}");
    }
    schema
}

/// Finds a definition by name.
fn find<'s, 'a>(schema: &'s Schema<'a>, name: &str) -> &'s tlgen_parser::Definition<'a> {
    schema
        .definitions
        .iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("`{name}` was parsed"))
}

#[test]
fn seed_000_payment_result_and_send_stars_form() {
    let schema = parse_seed("000_");
    assert_eq!(schema.definitions.len(), 3);
    let result = find(&schema, "payments.paymentResult");
    assert_eq!(result.computed_id, 0x4e5f810d);
    assert_eq!(result.category, Category::Type);
    let send = find(&schema, "payments.sendStarsForm");
    assert_eq!(send.computed_id, 0x7998c914);
    assert_eq!(send.category, Category::Function);
    assert_eq!(send.result.to_string(), "payments.PaymentResult");
    assert_eq!(send.namespace(), Some("payments"));
    assert_eq!(send.short_name(), "sendStarsForm");
}

#[test]
fn seed_001_stars_transaction() {
    let schema = parse_seed("001_");
    assert_eq!(schema.definitions.len(), 1);
    let tx = find(&schema, "starsTransaction");
    assert_eq!(tx.declared_id, Some(0xa9ee4c2));
    assert_eq!(tx.computed_id, 0xa9ee4c2);
    assert_eq!(tx.params.len(), 21);
    // `bot_payload:flags.7?bytes` is written `flags.7?string` in the canonical form.
    assert!(tlgen_parser::ids::canonical_form(tx).contains(" bot_payload:flags.7?string "));
    assert!(!tlgen_parser::ids::canonical_form(tx).contains("refund:"));
}

#[test]
fn seed_002_updates_and_refund_stars_charge() {
    let schema = parse_seed("002_");
    let refund = find(&schema, "payments.refundStarsCharge");
    assert_eq!(refund.computed_id, 0x25ae8f4a);
    assert_eq!(refund.category, Category::Function);
    let updates: Vec<(&str, u32)> = schema
        .definitions
        .iter()
        .filter(|d| d.category == Category::Type && d.result.name == "Updates")
        .map(|d| (d.name, d.computed_id))
        .collect();
    assert_eq!(
        updates,
        [
            ("updatesTooLong", 0xe317af7e),
            ("updateShortMessage", 0x313bc7f8),
            ("updateShortChatMessage", 0x4d6deea5),
            ("updateShort", 0x78d4dec1),
            ("updatesCombined", 0x725b04c3),
            ("updates", 0x74ae4240),
            ("updateShortSentMessage", 0x9015e101),
        ]
    );
}
