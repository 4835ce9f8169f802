//! The schema model: what a TL file says, with source positions.
//!
//! The model is syntax-level: names are kept as written (`payments.sendStarsForm`),
//! types as trees (`Vector<MessageEntity>`), and every definition remembers where
//! it came from. Code generators lower it into their own IR.
//!
//! Names borrow from the source text (the `'a` of [`Schema<'a>`]), so parsing allocates
//! little: only lists, doc comments (joined from several lines), diagnostics and file names
//! are owned.

use std::fmt;

/// A byte range in one source file, plus the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// Index of the file in [`Schema::files`].
    pub file: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, counted in characters.
    pub column: u32,
}

impl Span {
    /// A byte range whose line and column are filled in later, once per definition.
    pub(crate) fn unplaced(file: usize, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end,
            line: 0,
            column: 0,
        }
    }
}

/// A parsed schema: one or more TL files read together.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema<'a> {
    /// The layer from a `// LAYER N` comment, if any file had one.
    pub layer: Option<i32>,
    /// The file names, in the order they were read; [`Span::file`] indexes this.
    pub files: Vec<String>,
    /// Every constructor and function, in source order.
    pub definitions: Vec<Definition<'a>>,
    /// Builtin lines such as `int ? = Int;` or `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`.
    pub builtins: Vec<Builtin<'a>>,
    /// Errors and warnings, in source order per file.
    pub diagnostics: Vec<Diagnostic>,
    /// Which TL dialect the ids were computed for (see [`crate::ids`]).
    pub dialect: Dialect,
    /// Why [`Schema::dialect`] was chosen: the caller's choice, or the evidence.
    pub dialect_reason: DialectReason,
}

/// The TL dialect of a schema: it decides how constructor ids are computed.
///
/// Chosen by evidence unless the caller chooses ([`crate::ParseOptions::dialect`]): when
/// definitions declare ids, the rule that more of them agree with wins (Telegram's for every
/// Telegram schema, also TDLib's `telegram_api.tl` and gotd's, which declare `bytes = Bytes;`);
/// without ids telling the rules apart, [`Dialect::Ton`] when the schema declares its
/// builtins (`int32 = Int32;`, `bytes = Bytes;`, as TON's `ton_api.tl`, `lite_api.tl`,
/// `tonlib_api.tl` and TDLib's `td_api.tl`, `e2e_api.tl` do), else [`Dialect::Telegram`].
/// [`Schema::dialect_reason`] says which. See [`crate::ids`] for what differs.
///
/// TDLib's own schemas and TON's hash alike and are generated alike (no `rpc_error`, `#`
/// params that no conditional names are values), so they are one dialect; `tdlib` is
/// accepted as its name by [`Dialect::from_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// Telegram's MTProto schemas: `bytes` hashes as `string`, `flags.N?true` params are left out.
    #[default]
    Telegram,
    /// TON's and TDLib's generator: the definition hashes as written, parentheses removed.
    Ton,
}

impl Dialect {
    /// The dialect called `name`: `telegram`, or `tdlib` or `ton` (the same rule); `None` for
    /// anything else.
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name.to_ascii_lowercase().as_str() {
            "telegram" | "mtproto" => Some(Dialect::Telegram),
            "tdlib" | "ton" => Some(Dialect::Ton),
            _ => None,
        }
    }

    /// The rule's name in messages: `Telegram's` or `TDLib/TON's`.
    pub fn rule_name(self) -> &'static str {
        match self {
            Dialect::Telegram => "Telegram's",
            Dialect::Ton => "TDLib/TON's",
        }
    }
}

/// `telegram` or `tdlib/ton`, as `--dialect` and `inspect --json` write it.
impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Telegram => "telegram",
            Dialect::Ton => "tdlib/ton",
        })
    }
}

/// Why a schema's [`Dialect`] was chosen (see [`Dialect`] for the rule).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DialectReason {
    /// The caller chose it ([`crate::ParseOptions::dialect`], `--dialect`).
    Chosen,
    /// Declared ids decided: of `declared` definitions that declare an id, `telegram` agree
    /// with Telegram's rule and `raw` with TDLib/TON's (a definition that both rules hash
    /// alike counts for both).
    DeclaredIds {
        /// Definitions that declare an id.
        declared: usize,
        /// How many of those ids Telegram's rule computes.
        telegram: usize,
        /// How many of those ids TDLib/TON's rule computes.
        raw: usize,
    },
    /// No declared id tells the rules apart, and the schema declares this builtin itself
    /// (its text, e.g. `bytes = Bytes`), as TDLib's and TON's schemas do.
    DeclaresBuiltins(String),
    /// No declared id tells the rules apart and the schema declares no builtin type: Telegram's.
    #[default]
    Default,
}

/// One line: `telegram: 1402 of the 1405 declared ids agree with Telegram's rule, 860 with TDLib/TON's`.
impl fmt::Display for DialectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DialectReason::Chosen => f.write_str("chosen by the caller"),
            DialectReason::DeclaredIds {
                declared,
                telegram,
                raw,
            } => write!(
                f,
                "{telegram} of the {declared} declared ids agree with Telegram's rule, \
                 {raw} with TDLib/TON's"
            ),
            DialectReason::DeclaresBuiltins(text) => write!(
                f,
                "no declared id tells the rules apart and the schema declares its builtins (`{text}`)"
            ),
            DialectReason::Default => f.write_str(
                "no declared id tells the rules apart and the schema declares no builtin type",
            ),
        }
    }
}

/// Whether a definition is a constructor (`---types---`) or a function (`---functions---`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A constructor of a type.
    Type,
    /// An RPC function.
    Function,
}

/// One constructor or function: `ns.name#id {X:Type} params = Result;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition<'a> {
    /// Constructor or function.
    pub category: Category,
    /// The qualified name as written: `payments.sendStarsForm`, `inputPeerEmpty`.
    pub name: &'a str,
    /// The `#hex` id as written, if any. This is what goes on the wire.
    pub declared_id: Option<u32>,
    /// CRC32 of the canonical form (see [`crate::ids`]).
    pub computed_id: u32,
    /// Generic parameters `{X:Type}`.
    pub generics: Vec<GenericParam<'a>>,
    /// Parameters in order, including `flags:#` fields.
    pub params: Vec<Param<'a>>,
    /// The result type after `=`.
    pub result: Type<'a>,
    /// Documentation from `//@` comments before the definition.
    pub docs: Docs,
    /// The whole definition, from its name to its `;`.
    pub span: Span,
}

/// A generic parameter declaration `{X:Type}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GenericParam<'a> {
    /// The name, `X`.
    pub name: &'a str,
    /// The kind after the colon, normally `Type`.
    pub kind: &'a str,
}

/// One parameter `name:Type`, `flags:#` or `name:flags.N?Type`.
#[derive(Debug, Clone, PartialEq)]
pub struct Param<'a> {
    /// The name as written.
    pub name: &'a str,
    /// What kind of parameter it is.
    pub kind: ParamKind<'a>,
    /// The text of a `//@name` doc comment, if any.
    pub docs: Option<String>,
    /// From the name to the end of the type.
    pub span: Span,
}

/// The three kinds of parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamKind<'a> {
    /// `name:#`: a 32-bit natural. When conditional params name it (`flags.N?T`,
    /// `mode.N?T`) it is a flag word whose bits say which of them are present; otherwise
    /// (TON's `req_count:#`, `count:#`) it is a plain number. [`Definition::is_flag_word`]
    /// tells the two apart.
    FlagField,
    /// `name:field.bit?Type`: present only when `bit` of `field` is set.
    Conditional {
        /// The `#` param holding the bit, e.g. `flags` or `flags2`.
        field: &'a str,
        /// The bit, 0 to 31.
        bit: u8,
        /// The type when present; `true` means the bit alone carries the value.
        ty: Type<'a>,
    },
    /// `name:Type`: always present.
    Plain(Type<'a>),
}

/// A type reference: `int`, `Vector<MessageEntity>`, `%Message`, `!X`, `payments.PaymentResult`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Type<'a> {
    /// The qualified name as written, without `%` or `!`: `Vector`, `payments.PaymentResult`, `X`.
    pub name: &'a str,
    /// Written with a `%` prefix (a bare use of a boxed type).
    pub percent: bool,
    /// Written with a `!` prefix (a reference to a generic parameter, e.g. `!X`).
    pub generic_ref: bool,
    /// Generic arguments: `Vector<T>` has one.
    pub args: Vec<Type<'a>>,
}

/// Documentation attached to a definition.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Docs {
    /// The `@description` text, if any.
    pub description: Option<String>,
    /// Every other `@key value` pair in order (param docs are also copied to [`Param::docs`]).
    pub fields: Vec<(String, String)>,
}

/// A builtin line the schema declares but cannot express in TL proper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Builtin<'a> {
    /// The name before any `#` or space: `int`, `vector`, `int128`.
    pub name: &'a str,
    /// The declared id, if the line has one.
    pub declared_id: Option<u32>,
    /// The line's text with whitespace collapsed, without the `;`.
    pub text: String,
    /// Where it was.
    pub span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Known and harmless, e.g. a declared id that differs from its line on purpose
    /// ([`crate::ids::KNOWN_MISMATCHES`]): `tl-codegen inspect` shows it; a build does not,
    /// unless asked (`Config::warn_ids` in tlgen-codegen).
    Note,
    /// Something worth knowing that does not stop code generation.
    Warning,
    /// The schema is wrong.
    Error,
}

/// What a diagnostic is about; each kind has a fixed message shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// The text does not follow the grammar.
    Syntax,
    /// The declared id differs from the id every rule computes (the declared id is used).
    IdMismatch,
    /// Two definitions share a name.
    DuplicateName,
    /// Two definitions share an id.
    DuplicateId,
    /// Two definitions share an id and the params of one are the first params of the other:
    /// TDLib's `…Prefix = Error;` functions, which write the leading bytes of the full one
    /// (a warning; decoding by id reads the full definition).
    PrefixDefinition,
    /// Two params of one definition share a name.
    DuplicateParam,
    /// `field.N?` names a param that is not declared earlier.
    UndeclaredFlagField,
    /// `field.N?` names a param that is not of type `#`.
    NotAFlagField,
    /// `field.N?` with N above 31.
    FlagBitOutOfRange,
    /// A type is referenced but no constructor declares it.
    UndeclaredType,
    /// A function's result is a bare type.
    BareFunctionResult,
    /// `!X` or `X` without a matching `{X:Type}`.
    UnknownGeneric,
}

/// An error or warning with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What it is about.
    pub kind: DiagnosticKind,
    /// The file name as given to the parser.
    pub file: String,
    /// Where.
    pub span: Span,
    /// What was expected or what is wrong, in one sentence.
    pub message: String,
    /// The text of the source line holding `span.start`, for rendering.
    pub source_line: String,
}

impl<'a> Definition<'a> {
    /// The id that goes on the wire: the declared one, or the computed one when none is declared.
    pub fn id(&self) -> u32 {
        self.declared_id.unwrap_or(self.computed_id)
    }

    /// The namespace, `payments` for `payments.sendStarsForm`.
    pub fn namespace(&self) -> Option<&'a str> {
        self.name.rsplit_once('.').map(|(ns, _)| ns)
    }

    /// Whether the `#` param called `name` is a flag word: some conditional param
    /// (`name.N?T`) names it. A `#` param that none names is a plain 32-bit natural.
    pub fn is_flag_word(&self, name: &str) -> bool {
        self.params
            .iter()
            .any(|p| matches!(&p.kind, ParamKind::Conditional { field, .. } if *field == name))
    }

    /// The bits of the flag word `name` that conditional params stand for.
    pub fn flag_bits(&self, name: &str) -> u32 {
        self.params
            .iter()
            .filter_map(|p| match &p.kind {
                ParamKind::Conditional { field, bit, .. } if *field == name => {
                    1u32.checked_shl(u32::from(*bit))
                }
                _ => None,
            })
            .fold(0, |bits, bit| bits | bit)
    }

    /// The name without namespace, `sendStarsForm` for `payments.sendStarsForm`.
    pub fn short_name(&self) -> &'a str {
        self.name.rsplit_once('.').map_or(self.name, |(_, n)| n)
    }

    /// Whether this is a prefix definition of `full`, as TDLib's
    /// `invokeWithBusinessConnectionPrefix#dd289f8e connection_id:string = Error;` is of
    /// `invokeWithBusinessConnection#dd289f8e {X:Type} connection_id:string query:!X = X;`:
    /// the same id and category, fewer params, and its params are the first params of `full`
    /// (names and types). It writes the leading bytes of `full`; decoding by id reads `full`.
    pub fn is_prefix_of(&self, full: &Definition<'_>) -> bool {
        self.id() == full.id()
            && self.category == full.category
            && self.params.len() < full.params.len()
            && self
                .params
                .iter()
                .zip(&full.params)
                .all(|(p, q)| p.name == q.name && p.kind == q.kind)
    }
}

impl Param<'_> {
    /// Whether its `//@` doc comment says the value may be null, as TDLib's and tonlib's
    /// schemas write it: "…; may be null" (what the library sends) or "…; pass null if none"
    /// (what a request may leave out), in any case. Their JSON mappings read such a field
    /// as absent or `null`; on a vector (`messages:vector<message>`, "messages may be
    /// null") it is the items that may be `null`. See [`docs_say_nullable`].
    pub fn may_be_null(&self) -> bool {
        self.docs.as_deref().is_some_and(docs_say_nullable)
    }
}

/// Whether a parameter's doc text says the value may be null: it contains "may be null" or
/// "pass null" in any case (`td_api.tl` 1.8.61 has 332 and 193 of them; no other wording
/// marks a nullable field there or in `tonlib_api.tl`).
pub fn docs_say_nullable(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("may be null") || lower.contains("pass null")
}

impl<'a> Type<'a> {
    /// A plain type with no arguments or prefixes.
    pub fn named(name: &'a str) -> Self {
        Type {
            name,
            percent: false,
            generic_ref: false,
            args: Vec::new(),
        }
    }

    /// The name without namespace.
    pub fn short_name(&self) -> &'a str {
        self.name.rsplit_once('.').map_or(self.name, |(_, n)| n)
    }

    /// The namespace, if any.
    pub fn namespace(&self) -> Option<&'a str> {
        self.name.rsplit_once('.').map(|(ns, _)| ns)
    }

    /// Bare: written with `%`, or a name whose last part starts with a lowercase letter.
    pub fn is_bare(&self) -> bool {
        if self.percent {
            return true;
        }
        // Names are short: a plain scan beats searching for the `.`.
        let bytes = self.name.as_bytes();
        let short = bytes
            .iter()
            .rposition(|&b| b == b'.')
            .map_or(0, |dot| dot + 1);
        bytes.get(short).is_some_and(u8::is_ascii_lowercase)
    }
}

/// Prints the type in canonical form: `Vector<MessageEntity>`, `%Message`, `!X`.
impl fmt::Display for Type<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.percent {
            f.write_str("%")?;
        }
        if self.generic_ref {
            f.write_str("!")?;
        }
        f.write_str(self.name)?;
        if !self.args.is_empty() {
            f.write_str("<")?;
            for (i, arg) in self.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{arg}")?;
            }
            f.write_str(">")?;
        }
        Ok(())
    }
}

impl Schema<'_> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// How many constructors, functions and types the schema declares: the one count
    /// `tl-codegen generate`, `inspect` and `diff` print.
    pub fn counts(&self) -> Counts {
        let constructors = self
            .definitions
            .iter()
            .filter(|d| d.category == Category::Type);
        let types: std::collections::BTreeSet<&str> =
            constructors.clone().map(|d| d.result.name).collect();
        Counts {
            constructors: constructors.count(),
            functions: self
                .definitions
                .iter()
                .filter(|d| d.category == Category::Function)
                .count(),
            types: types.len(),
        }
    }
}

/// What a schema declares, counted by [`Schema::counts`]. Builtin lines (`int ? = Int;`)
/// are not definitions and count nowhere; a definition whose parse failed counts nowhere
/// either (it is a diagnostic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Constructors (the `---types---` sections), every one: `boolFalse` and `boolTrue`
    /// too, though a generator maps `Bool` to a primitive.
    pub constructors: usize,
    /// Functions (the `---functions---` sections).
    pub functions: usize,
    /// Types: the distinct boxed result types of the constructors (`Bool`, `Peer`, …).
    pub types: usize,
}

impl Counts {
    /// Constructors and functions: the schema's definitions.
    pub fn definitions(&self) -> usize {
        self.constructors + self.functions
    }
}
