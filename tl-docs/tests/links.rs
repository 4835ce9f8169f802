//! Link markers → Markdown, and escaping, on hand-made and random text.

use proptest::prelude::*;
// The escaping is the generator's rule; the docs crate applies it to text outside links.
use tlgen_codegen::markdown::escape_markdown;
use tlgen_docs::links::{
    description_to_markdown, plain_text, plain_to_markdown, same_plain_text, text_to_markdown,
};

fn links(urls: &[&str]) -> Vec<String> {
    urls.iter().map(|u| (*u).to_string()).collect()
}

#[test]
fn link_text_rules() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("see here »¹ for more", &["u"], "see [here »](u) for more"),
        (
            "a Telegram Stars¹ transaction",
            &["u"],
            "a [Telegram Stars](u) transaction",
        ),
        (
            "using Seamless Telegram Login².",
            &["a", "u"],
            "using [Seamless Telegram Login](u).",
        ),
        ("The PTS¹ value", &["u"], "The [PTS](u) value"),
        ("Topic ID¹ of", &["u"], "[Topic ID](u) of"),
        ("If (boolTrue)¹ is", &["u"], "If ([boolTrue](u)) is"),
        ("replies (for groups)¹", &["u"], "replies ([for groups](u))"),
        (
            "passed to messages.sendMessage¹.",
            &["u"],
            "passed to [messages.sendMessage](u).",
        ),
        ("document¹.ids", &["u"], "[document](u).ids"),
        ("an IV v2¹ page", &["u"], "an IV [v2](u) page"),
        ("more info².", &["u"], "more [info](u)."),
        // More markers than links: the digits pick the link; `³` has none.
        ("a¹ b³ c²", &["x", "y"], "[a](x) b [c](y)"),
        (
            "A takeout¹ session², see here »³",
            &[],
            "A takeout session, see here »",
        ),
        ("the ¹ thing", &["u"], "the [link](u) thing"),
        (
            "ten¹⁰ links",
            &["0", "1", "2", "3", "4", "5", "6", "7", "8", "u"],
            "[ten](u) links",
        ),
        ("(\"quoted\"¹)", &["u"], "(\"[quoted](u)\")"),
        ("x¹", &[""], "x"),
        (
            "url (with) space¹",
            &["https://a/b c(d)"],
            "url (with) [space](https://a/b%20c%28d%29)",
        ),
    ];
    for (text, urls, expected) in cases {
        assert_eq!(
            text_to_markdown(text, &links(urls)).as_deref(),
            Some(*expected),
            "{text}"
        );
    }
}

#[test]
fn paragraphs_and_occurrence_order() {
    // As many markers as links: the n-th marker takes the n-th link, even when the
    // footnote numbers restart in each paragraph.
    let md = description_to_markdown(
        &["away »¹ and greeting »²", "", "away »¹ again"],
        &links(&["a1", "g", "a2"]),
    );
    assert_eq!(
        md.as_deref(),
        Some("[away »](a1) and [greeting »](g)\n\n[away »](a2) again")
    );
    assert_eq!(description_to_markdown::<&str>(&[], &[]), None);
    assert_eq!(description_to_markdown(&["  ", "\u{a0}"], &[]), None);
    assert_eq!(
        plain_to_markdown("one\n\ntwo\n"),
        Some("one\n\ntwo".to_string())
    );
    assert_eq!(plain_to_markdown(" \n "), None);
}

#[test]
fn escaping() {
    let cases = [
        (
            "Quote (equivalent to the HTML <blockquote>)",
            "Quote (equivalent to the HTML \\<blockquote\\>)",
        ),
        ("messages[0] within", "messages\\[0\\] within"),
        ("8*24*60 minutes", "8\\*24\\*60 minutes"),
        (
            "`uint64_t random_id = (time() << 32)",
            "\\`uint64_t random_id = (time() \\<\\< 32)",
        ),
        ("set&true, &raquo", "set\\&true, \\&raquo"),
        (
            "snake_case and _private_ and trailing_",
            "snake_case and \\_private\\_ and trailing\\_",
        ),
        ("~strike~ and back\\slash", "\\~strike\\~ and back\\\\slash"),
        ("#hashtag message entity", "\\#hashtag message entity"),
        ("- not a list", "\\- not a list"),
        ("12. not a list", "12\\. not a list"),
        (
            "See https://www.unicode.org/a_b.html.",
            "See <https://www.unicode.org/a_b.html>.",
        ),
        ("(https://t.me/x)", "(<https://t.me/x>)"),
        ("a  b\u{a0}\u{a0}c", "a b c"),
        ("xhttps://not.a.url", "xhttps://not.a.url"),
    ];
    for (text, expected) in cases {
        assert_eq!(escape_markdown(text), expected, "{text}");
    }
}

#[test]
fn plain_text_comparison() {
    assert_eq!(
        plain_text("Refund a Telegram Stars¹  transaction »²."),
        "Refund a Telegram Stars transaction »."
    );
    assert!(same_plain_text("see here »¹\u{a0}for", "see here » for"));
    assert!(!same_plain_text("a", "b"));
}

/// Number of `](` in `md` whose `]` is not backslash-escaped.
fn unescaped_link_ends(md: &str) -> usize {
    let mut count = 0;
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            ']' if chars.peek() == Some(&'(') => count += 1,
            _ => {}
        }
    }
    count
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn conversion_never_panics(
        paragraphs in proptest::collection::vec("[a-zA-Z »()\\[\\]<>*_`#&~.,:/\\-\u{a0}¹²³⁰⁹]{0,40}|https?://[a-z./()_]{0,20}[.,)]?", 0..4),
        urls in proptest::collection::vec("[a-z:/ ()<>]{0,12}", 0..6),
    ) {
        let md = description_to_markdown(&paragraphs, &urls);
        if let Some(md) = md {
            prop_assert!(!md.is_empty());
            prop_assert!(!md.starts_with(' ') && !md.ends_with(' '));
            // Never more links than markers.
            let markers: usize = paragraphs.iter().map(|p| tlgen_docs::links::count_markers(p)).sum();
            prop_assert!(unescaped_link_ends(&md) <= markers, "{md}");
        }
    }

    #[test]
    fn escaping_never_panics(text in "\\PC{0,80}") {
        let escaped = escape_markdown(&text);
        // No raw HTML can survive: every `<` opens an autolink or is escaped.
        let chars: Vec<char> = escaped.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c == '<' {
                let escaped_lt = i > 0 && chars[i - 1] == '\\';
                let autolink = chars[i + 1..].starts_with(&['h', 't', 't', 'p']);
                prop_assert!(escaped_lt || autolink, "{escaped}");
            }
        }
    }
}
