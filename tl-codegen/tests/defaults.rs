//! `Config::new()`'s switches are tlgen-types' default features: the typed errors are on;
//! the per-method error enums, `Object`, the struct↔enum conversions and the borrowed twins
//! are off (each costs a share
//! of every clean build and is rarely needed); each switch still puts its part in.

use tlgen_codegen::Config;

/// The Telegram Stars excerpt: constructors of multi-constructor types and functions.
const STARS: &str = include_str!("../../tests/schema/stars.tl");

/// The generated code of the excerpt with `switch` applied to a fresh `Config`.
fn generate(switch: impl FnOnce(&mut Config) -> &mut Config) -> String {
    let mut config = Config::new();
    config.schema_text("stars.tl", STARS).pretty(false);
    switch(&mut config);
    let output = config.generate().expect("the excerpt generates");
    assert_eq!(output.files.len(), 1);
    output.files[0].contents.clone()
}

/// Whether the code has `Object`, the conversions, the borrowed module and the errors module.
/// (The per-method enums: `docs_source.rs`, which has documented errors.)
/// (Spaces are dropped first: unformatted output spells `impl From < Photo >`.)
fn parts(code: &str) -> [bool; 4] {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    [
        code.contains("pubenumObject"),
        code.contains("implFrom<") && code.contains("implTryFrom<"),
        code.contains("pubmodborrowed"),
        code.contains("pubmoderrors"),
    ]
}

#[test]
fn only_the_typed_errors_are_on_by_default() {
    assert_eq!(parts(&generate(|c| c)), [false, false, false, true]);
}

#[test]
fn each_switch_puts_its_part_in() {
    type Switch = fn(&mut Config) -> &mut Config;
    let cases: [(&str, Switch, [bool; 4]); 4] = [
        ("object", |c| c.object(true), [true, false, false, true]),
        (
            "conversions",
            |c| c.conversions(true),
            [false, true, false, true],
        ),
        ("borrowed", |c| c.borrowed(true), [false, false, true, true]),
        (
            "no errors",
            |c| c.errors(false),
            [false, false, false, false],
        ),
    ];
    for (name, switch, expected) in cases {
        assert_eq!(parts(&generate(switch)), expected, "{name}");
    }
}
