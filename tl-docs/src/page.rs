//! The parser for page files: the text form of core.telegram.org method,
//! constructor and type pages.
//!
//! # Grammar
//!
//! A page is read line by line (`\n` or `\r\n`); each line-level production below
//! is one function, and the productions inside a line are nom parsers.
//!
//! ```text
//! page        := blank* header tl_block body
//! header      := (name_line blank*)? description_line*
//! name_line   := qualified_name    (followed by a blank line, or by the TL block if it names one of its items)
//! tl_block    := (tl_definition | tl_separator) (blank* (tl_definition | tl_separator))*
//! tl_definition := one TL definition, as `tlgen_parser` reads it
//! tl_separator  := '---functions---' | '---types---'
//! body        := (params_table | errors_table | other_line)*
//! ```
//!
//! A `tl_definition` line is one that [`tlgen_parser::parse`] reads without a syntax
//! error as exactly one constructor or function, or as one builtin line with an
//! explicit id (`vector#1cb5c415 {t:Type} # [ t ] = Vector t;`), a trailing `//`
//! comment allowed; prose such as `Set x = y;` is not.
//!
//! Tables come in two layouts:
//!
//! * pipe: a header `Name | Type | Description |` or `Code | Type | Description |`,
//!   a separator `---|---|---|`, then rows of three cells; the first line without a
//!   `|`, or the header of the next table, ends the table;
//! * plain: a header `Name Type Description` or `Code Type Description`, then rows
//!   `name type description…` / `code NAME description…` whose first two columns are
//!   single words. A line that is not a row continues the description of the row
//!   before it; a blank line or a section heading (`Type`, `Result`, …) ends the table.
//!
//! In a plain parameter table a line is a row when its first word is a parameter
//! of the page's TL definition and its second word a type expression (`int`,
//! `flags.3?true`, `Vector<InputUser>`, `#`, `%Message`, `!X`), or when its first
//! word is a lowercase identifier and its second a type expression that cannot be an
//! ordinary word (it contains one of `.?<#%!`, starts with an uppercase letter, or
//! is a builtin such as `int`): a table may list a parameter that the page's TL line
//! lacks. In a plain error table a line is a row when it starts with a number (or
//! `-`, or its second word looks like `AN_ERROR_NAME`). The first line after a
//! header must be a row. Type expressions and name lines are read with `tlgen_parser`'s
//! own type grammar and nesting limit ([`tlgen_parser::parse_param_type`],
//! [`tlgen_parser::parse_type`]).
//!
//! # Name and kind
//!
//! The name is the name line when there is one; otherwise (pipe layout) it is the
//! only method after `---functions---`, or the only constructor, or the common
//! result type of the constructors. The kind is [`PageKind::Method`] when a
//! function of that name is defined, [`PageKind::Constructor`] for a constructor,
//! [`PageKind::Type`] when it is a constructor's result type, and
//! [`PageKind::Unknown`] otherwise.
//!
//! # Raw text
//!
//! Descriptions are the page's text, trimmed, with lines (description lines,
//! continuation lines of a row) joined by `\n`. They are not Markdown; see
//! [`crate::links::plain_to_markdown`].

use std::collections::BTreeSet;
use std::fmt;

use nom::bytes::complete::{take_till1, take_while, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, map_res, opt, recognize};
use nom::sequence::preceded;
use nom::{IResult, Parser};
use tlgen_parser::{Category, DiagnosticKind};

/// One parsed page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The documented item: `payments.sendStarsForm`, `starsTransaction`, `StarsTransaction`.
    pub name: String,
    /// What the item is.
    pub kind: PageKind,
    /// The description before the TL block, lines joined by `\n`.
    pub description: Option<String>,
    /// The TL block, one trimmed line each, separators (`---functions---`) included.
    pub tl_lines: Vec<String>,
    /// The parameters table, in page order.
    pub params: Vec<PageParam>,
    /// The errors table, in page order.
    pub errors: Vec<PageErrorRow>,
}

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    /// An RPC method (defined after `---functions---`).
    Method,
    /// A constructor.
    Constructor,
    /// A boxed type (the result type of the page's constructors).
    Type,
    /// The name matches nothing in the page's TL block.
    Unknown,
}

impl PageKind {
    /// `method`, `constructor`, `type` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Method => "method",
            PageKind::Constructor => "constructor",
            PageKind::Type => "type",
            PageKind::Unknown => "unknown",
        }
    }
}

/// A row of the parameters table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageParam {
    /// The parameter name.
    pub name: String,
    /// The Type column as written (`flags.3?true`).
    pub ty: String,
    /// The Description column (may be empty), continuation lines joined by `\n`.
    pub description: String,
}

/// A row of the errors table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageErrorRow {
    /// The error code (400, 420, …).
    pub code: i32,
    /// The error name (`BALANCE_TOO_LOW`).
    pub name: String,
    /// The description (may be empty), continuation lines joined by `\n`.
    pub description: String,
}

/// Why a page could not be parsed, and where (1-based line and character column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for PageError {}

/// Parses a page from bytes; invalid UTF-8 is reported with its line and column.
pub fn parse_page_bytes(bytes: &[u8]) -> Result<Page, PageError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_page(text),
        Err(e) => {
            let valid_len = e.valid_up_to();
            let valid = bytes.get(..valid_len).unwrap_or_default();
            // `valid` is valid UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let column = prefix.get(line_start..).unwrap_or_default().chars().count() + 1;
            let byte = bytes.get(valid_len).copied().unwrap_or_default();
            Err(PageError {
                line,
                column,
                message: format!(
                    "invalid UTF-8 (byte 0x{byte:02X} at offset {valid_len}); a page must be UTF-8 text"
                ),
            })
        }
    }
}

/// Parses a page (see the module docs for the grammar).
pub fn parse_page(text: &str) -> Result<Page, PageError> {
    let lines = split_lines(text);
    check_characters(&lines)?;
    let mut cursor = Cursor { lines, pos: 0 };
    let mut header = header(&mut cursor)?;
    let block = tl_block(&mut cursor)?;
    if header.tentative && !names_an_item(header.name.as_deref(), &block) {
        // A one-word description directly followed by the TL block (pipe layout).
        if let Some(word) = header.name.take() {
            header.description = Some(match header.description.take() {
                Some(rest) => format!("{word}\n{rest}"),
                None => word,
            });
        }
    }
    let (name, kind) = resolve_name(header.name, &block)?;
    let args = item_args(&name, kind, &block);
    let (params, errors) = body(&mut cursor, &args)?;
    Ok(Page {
        name,
        kind,
        description: header.description,
        tl_lines: block
            .iter()
            .map(|e| e.line.text.trim().to_string())
            .collect(),
        params,
        errors,
    })
}

/// One line of the page with its 1-based number; the line break is removed.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// The text, without `\n` or `\r\n`.
    text: &'a str,
}

impl Line<'_> {
    /// Whether the line has nothing but whitespace.
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// An error at `column` of this line.
    fn error(&self, column: usize, message: impl Into<String>) -> PageError {
        PageError {
            line: self.number,
            column,
            message: message.into(),
        }
    }

    /// The column just after the last character of the line.
    fn end_column(&self) -> usize {
        self.text.trim_end().chars().count() + 1
    }

    /// The 1-based column of `part`, a sub-slice of this line's text.
    fn column_of(&self, part: &str) -> usize {
        column_in(self.text, part)
    }
}

/// The 1-based character column of `part` (a sub-slice of `text`) in `text`.
fn column_in(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    text.get(..offset.min(text.len()))
        .map_or(1, |before| before.chars().count() + 1)
}

/// Reads lines in order.
struct Cursor<'a> {
    /// Every line of the page.
    lines: Vec<Line<'a>>,
    /// Index of the next line.
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// The next line, without consuming it.
    fn peek(&self) -> Option<Line<'a>> {
        self.lines.get(self.pos).copied()
    }

    /// The next line.
    fn next_line(&mut self) -> Option<Line<'a>> {
        let line = self.peek();
        if line.is_some() {
            self.pos += 1;
        }
        line
    }

    /// The next non-blank line at or after the cursor, without consuming anything.
    fn peek_non_blank(&self) -> Option<Line<'a>> {
        self.lines
            .iter()
            .skip(self.pos)
            .find(|l| !l.is_blank())
            .copied()
    }

    /// Consumes blank lines.
    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|l| l.is_blank()) {
            self.pos += 1;
        }
    }

    /// The last line of the page (for errors at the end).
    fn last(&self) -> Line<'a> {
        self.lines.last().copied().unwrap_or(Line {
            number: 1,
            text: "",
        })
    }
}

/// Splits text into numbered lines, dropping `\r` before `\n` and a leading BOM.
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: l.strip_suffix('\r').unwrap_or(l),
        })
        .collect()
}

/// Rejects empty pages and control characters (binary data that happens to be UTF-8).
fn check_characters(lines: &[Line<'_>]) -> Result<(), PageError> {
    for line in lines {
        if let Some((offset, c)) = line
            .text
            .char_indices()
            .find(|(_, c)| c.is_control() && *c != '\t')
        {
            let column = line.text.get(..offset).map_or(1, |b| b.chars().count() + 1);
            return Err(line.error(
                column,
                format!(
                    "unexpected control character U+{:04X}; a page must be plain text",
                    u32::from(c)
                ),
            ));
        }
    }
    if lines.iter().all(Line::is_blank) {
        return Err(PageError {
            line: 1,
            column: 1,
            message: "the page is empty".to_string(),
        });
    }
    Ok(())
}

/// The name line and description before the TL block.
struct Header {
    /// The name line's text, if the page has one.
    name: Option<String>,
    /// The name line is directly followed by the TL block: it is only a name if it
    /// names an item of the block, otherwise it is a one-word description.
    tentative: bool,
    /// Description lines joined by `\n`.
    description: Option<String>,
}

/// `header := (name_line blank*)? description_line*`, up to the first TL line.
fn header(cursor: &mut Cursor<'_>) -> Result<Header, PageError> {
    cursor.skip_blank();
    let mut name = None;
    let mut tentative = false;
    if let Some(first) = cursor.peek() {
        let text = first.text.trim();
        if !is_tl_line(text) && is_name_line(text) {
            let after = cursor.lines.get(cursor.pos + 1);
            let blank_after = after.map_or(true, Line::is_blank);
            if blank_after || after.is_some_and(|l| is_tl_line(l.text.trim())) {
                name = Some(text.to_string());
                tentative = !blank_after;
                cursor.next_line();
            }
        }
    }
    let mut description = Vec::new();
    loop {
        match cursor.peek() {
            None => {
                let last = cursor.last();
                return Err(last.error(
                    1,
                    "reached the end of the page without a TL definition \
                     (a line such as `name#1a2b3c4d param:Type = Result;`)",
                ));
            }
            Some(line) if is_tl_line(line.text.trim()) => break,
            Some(line) => {
                if !line.is_blank() {
                    description.push(line.text.trim());
                }
                cursor.next_line();
            }
        }
    }
    Ok(Header {
        name,
        tentative,
        description: (!description.is_empty()).then(|| description.join("\n")),
    })
}

/// Which part of a TL block a definition is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Constructors (`---types---`, the default).
    Types,
    /// Methods (`---functions---`).
    Functions,
}

/// One line of the TL block.
struct TlEntry<'a> {
    /// The line.
    line: Line<'a>,
    /// The section the line is in (a separator starts its own section).
    section: Section,
    /// The definition, or `None` for a separator.
    definition: Option<TlDefinition<'a>>,
}

/// The parts of a TL definition the page parser needs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TlDefinition<'a> {
    /// `payments.sendStarsForm`.
    name: &'a str,
    /// Named parameters in order: `form_id`, `invoice`.
    args: Vec<&'a str>,
    /// The result type, without type arguments (`payments.PaymentResult`, `Vector`).
    result: &'a str,
}

/// `tl_block := (tl_definition | tl_separator) (blank* (tl_definition | tl_separator))*`.
fn tl_block<'a>(cursor: &mut Cursor<'a>) -> Result<Vec<TlEntry<'a>>, PageError> {
    let mut entries = Vec::new();
    let mut section = Section::Types;
    while let Some(line) = cursor.peek_non_blank() {
        let text = line.text.trim();
        if let Some(next) = tl_separator(text) {
            section = next;
            entries.push(TlEntry {
                line,
                section,
                definition: None,
            });
        } else if let Some(definition) = tl_definition(text) {
            entries.push(TlEntry {
                line,
                section,
                definition: Some(definition),
            });
        } else {
            break;
        }
        cursor.skip_blank();
        cursor.next_line();
    }
    if entries.iter().all(|e| e.definition.is_none()) {
        let line = entries
            .first()
            .map(|e| e.line)
            .unwrap_or_else(|| cursor.last());
        return Err(line.error(1, "the TL block has no definition, only separators"));
    }
    Ok(entries)
}

/// Whether a trimmed line belongs to a TL block.
fn is_tl_line(text: &str) -> bool {
    tl_separator(text).is_some() || tl_definition(text).is_some()
}

/// Whether a trimmed line is a name line (a qualified name alone).
fn is_name_line(text: &str) -> bool {
    // A type expression that is its name alone: no prefix, arguments or parentheses.
    tlgen_parser::parse_type(text).is_ok_and(|ty| ty.name == text)
}

/// `tl_separator := '---functions---' | '---types---'`.
fn tl_separator(text: &str) -> Option<Section> {
    match text {
        "---functions---" => Some(Section::Functions),
        "---types---" => Some(Section::Types),
        _ => None,
    }
}

/// `tl_definition`: the line read by [`tlgen_parser::parse`] (see the module docs).
fn tl_definition(text: &str) -> Option<TlDefinition<'_>> {
    let schema = tlgen_parser::parse(text);
    if schema
        .diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::Syntax)
    {
        return None;
    }
    match (schema.definitions.as_slice(), schema.builtins.as_slice()) {
        // A line read alone starts in the types section: a function means the line also
        // holds a `---functions---` separator, which is not one TL line.
        ([d], []) if d.category == Category::Type => Some(TlDefinition {
            name: d.name,
            args: d.params.iter().map(|p| p.name).collect(),
            result: d.result.name,
        }),
        ([], [b]) if b.declared_id.is_some() => {
            // `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`: the result's name is the
            // first word after `=`.
            let (_, result) = text.rsplit_once('=')?;
            let result = result.trim_start().split([' ', ';', '<']).next()?;
            Some(TlDefinition {
                name: b.name,
                args: Vec::new(),
                result,
            })
        }
        _ => None,
    }
}

/// `identifier := [A-Za-z_][A-Za-z0-9_]*`, a TL identifier (a parameter name).
fn is_identifier(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `signed_digits := '-'? digits`.
fn signed_digits(input: &str) -> IResult<&str, &str> {
    recognize((opt(char('-')), digit1)).parse(input)
}

/// `error_code := signed_digits`, as an `i32`.
fn error_code(input: &str) -> IResult<&str, i32> {
    map_res(signed_digits, |s: &str| s.parse::<i32>()).parse(input)
}

/// `error_name := [A-Za-z0-9_%]+`.
fn error_name(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '%').parse(input)
}

/// `param_name := [a-z_][A-Za-z0-9_]*` (the syntactic check used without a TL definition).
fn is_param_name(token: &str) -> bool {
    is_identifier(token) && token.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
}

/// Whether `token` is a whole parameter type, as `tlgen_parser` reads what follows
/// `name:` in a schema (`int`, `flags.3?true`, `Vector<InputUser>`, `#`, `%Message`, `!X`),
/// with the parser's own grammar and nesting limit.
fn is_type(token: &str) -> bool {
    tlgen_parser::parse_param_type(token).is_ok()
}

/// Whether `token` is a type expression that cannot be an ordinary word: a builtin of the
/// parser's table ([`tlgen_parser::resolve::BUILTINS`]) but `object` and `function`, which
/// are words too, or `bool`, as the pages spell `Bool`.
fn is_distinctive_type(token: &str) -> bool {
    use tlgen_parser::resolve::{Primitive, BUILTINS};
    let builtin = token == "bool"
        || BUILTINS.iter().any(|&(name, primitive)| {
            name == token && !matches!(primitive, Primitive::Object | Primitive::Function)
        });
    is_type(token)
        && (token.contains(['.', '?', '<', '#', '%', '!'])
            || token.starts_with(|c: char| c.is_ascii_uppercase())
            || builtin)
}

/// Whether `token` looks like an error name (`USER_ID_INVALID`), for telling a
/// malformed row from a continuation line.
fn looks_like_error_name(token: &str) -> bool {
    token.len() >= 3
        && token.contains(['_', '%'])
        && token
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '%')
}

/// Resolves the page's name and kind from the name line and the TL block.
fn resolve_name(
    name_line: Option<String>,
    block: &[TlEntry<'_>],
) -> Result<(String, PageKind), PageError> {
    let defs = || {
        block
            .iter()
            .filter_map(|e| e.definition.as_ref().map(|d| (e, d)))
    };
    if let Some(name) = name_line {
        let kind = if defs().any(|(e, d)| e.section == Section::Functions && d.name == name) {
            PageKind::Method
        } else if defs().any(|(e, d)| e.section == Section::Types && d.name == name) {
            PageKind::Constructor
        } else if defs().any(|(e, d)| e.section == Section::Types && d.result == name) {
            PageKind::Type
        } else {
            PageKind::Unknown
        };
        return Ok((name, kind));
    }
    let functions: Vec<_> = defs()
        .filter(|(e, _)| e.section == Section::Functions)
        .collect();
    match functions.as_slice() {
        [(_, d)] => return Ok((d.name.to_string(), PageKind::Method)),
        [(e, _), _, ..] => {
            return Err(e.line.error(
                1,
                format!(
                    "the page has no name line and defines {} methods; cannot tell which one it documents",
                    functions.len()
                ),
            ))
        }
        [] => {}
    }
    let constructors: Vec<_> = defs().collect();
    match constructors.as_slice() {
        [(_, d)] => Ok((d.name.to_string(), PageKind::Constructor)),
        [(_, first), rest @ ..] if rest.iter().all(|(_, d)| d.result == first.result) => {
            Ok((first.result.to_string(), PageKind::Type))
        }
        _ => {
            let line = block.first().map_or(
                Line {
                    number: 1,
                    text: "",
                },
                |e| e.line,
            );
            Err(line.error(
                1,
                "the page has no name line and its TL block does not identify one item",
            ))
        }
    }
}

/// Whether `name` is a definition or a result type of the TL block.
fn names_an_item(name: Option<&str>, block: &[TlEntry<'_>]) -> bool {
    name.is_some_and(|name| {
        block
            .iter()
            .filter_map(|e| e.definition.as_ref())
            .any(|d| d.name == name || d.result == name)
    })
}

/// The TL parameters (name → type) of the page's item, if the block defines it.
fn item_args<'a>(name: &str, kind: PageKind, block: &[TlEntry<'a>]) -> BTreeSet<&'a str> {
    let section = match kind {
        PageKind::Method => Section::Functions,
        PageKind::Constructor => Section::Types,
        PageKind::Type | PageKind::Unknown => return BTreeSet::new(),
    };
    block
        .iter()
        .filter(|e| e.section == section)
        .filter_map(|e| e.definition.as_ref())
        .find(|d| d.name == name)
        .map(|d| d.args.iter().copied().collect())
        .unwrap_or_default()
}

/// Table headers recognised in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    /// `Name Type Description`.
    Params,
    /// `Code Type Description`.
    Errors,
}

/// The table a header row introduces, from its cells or words.
fn table_kind<S: AsRef<str>>(cells: &[S]) -> Option<TableKind> {
    let words: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
    match words.as_slice() {
        ["Name", "Type", "Description"] => Some(TableKind::Params),
        ["Code", "Type", "Description"] => Some(TableKind::Errors),
        _ => None,
    }
}

/// `body := (params_table | errors_table | other_line)*`.
fn body(
    cursor: &mut Cursor<'_>,
    args: &BTreeSet<&str>,
) -> Result<(Vec<PageParam>, Vec<PageErrorRow>), PageError> {
    let mut params = Vec::new();
    let mut errors = Vec::new();
    while let Some(line) = cursor.next_line() {
        let text = line.text.trim();
        if text.contains('|') {
            let cells: Vec<&str> = pipe_cells(line.text).into_iter().map(|c| c.text).collect();
            match table_kind(&cells) {
                Some(TableKind::Params) => params.extend(pipe_params_table(cursor, line)?),
                Some(TableKind::Errors) => errors.extend(pipe_errors_table(cursor, line)?),
                None => {}
            }
        } else {
            let words: Vec<&str> = text.split_whitespace().collect();
            match table_kind(&words) {
                Some(TableKind::Params) => params.extend(plain_params_table(cursor, line, args)?),
                Some(TableKind::Errors) => errors.extend(plain_errors_table(cursor, line)?),
                None => {}
            }
        }
    }
    Ok((params, errors))
}

/// One cell of a pipe row: its trimmed text.
#[derive(Debug, Clone, Copy)]
struct Cell<'a> {
    /// Trimmed text (a sub-slice of the line).
    text: &'a str,
}

/// Splits a pipe row into trimmed cells, ignoring an empty cell before a leading
/// `|` and after a trailing `|`.
fn pipe_cells(text: &str) -> Vec<Cell<'_>> {
    let mut cells: Vec<Cell<'_>> = text.split('|').map(|c| Cell { text: c.trim() }).collect();
    if cells.last().is_some_and(|c| c.text.is_empty()) {
        cells.pop();
    }
    if text.trim_start().starts_with('|') && cells.first().is_some_and(|c| c.text.is_empty()) {
        cells.remove(0);
    }
    cells
}

/// `separator := cell ('|' cell)*` where every cell is `:?-+:?`.
fn is_pipe_separator(text: &str) -> bool {
    let cells = pipe_cells(text);
    !cells.is_empty()
        && cells.iter().all(|c| {
            let inner = c.text.trim_start_matches(':').trim_end_matches(':');
            !inner.is_empty() && inner.chars().all(|ch| ch == '-')
        })
}

/// Reads the separator and the rows of a pipe table whose header is `header`,
/// parsing each row with `row`.
fn pipe_table<'a, T>(
    cursor: &mut Cursor<'a>,
    header: Line<'a>,
    title: &str,
    row: impl Fn(Line<'a>) -> Result<T, PageError>,
) -> Result<Vec<T>, PageError> {
    let separator = match cursor.peek() {
        Some(line) if is_pipe_separator(line.text) => line,
        Some(line) if !line.is_blank() => {
            return Err(line.error(
                1,
                format!("expected the separator row `---|---|---|` after the table header `{title}`"),
            ))
        }
        _ => {
            return Err(header.error(
                header.end_column(),
                format!("the table `{title}` ends after its header: expected the separator row `---|---|---|`"),
            ))
        }
    };
    cursor.next_line();
    let mut rows = Vec::new();
    while let Some(line) = cursor.peek() {
        let cells: Vec<&str> = pipe_cells(line.text).into_iter().map(|c| c.text).collect();
        if !line.text.contains('|') || table_kind(&cells).is_some() {
            break;
        }
        cursor.next_line();
        rows.push(row(line)?);
    }
    if rows.is_empty() {
        return Err(separator.error(
            separator.end_column(),
            format!("the table `{title}` has no rows"),
        ));
    }
    Ok(rows)
}

/// `pipe_params_table := header separator pipe_param_row+`.
fn pipe_params_table<'a>(
    cursor: &mut Cursor<'a>,
    header: Line<'a>,
) -> Result<Vec<PageParam>, PageError> {
    pipe_table(cursor, header, "Name | Type | Description", pipe_param_row)
}

/// `pipe_errors_table := header separator pipe_error_row+`.
fn pipe_errors_table<'a>(
    cursor: &mut Cursor<'a>,
    header: Line<'a>,
) -> Result<Vec<PageErrorRow>, PageError> {
    pipe_table(cursor, header, "Code | Type | Description", pipe_error_row)
}

/// Checks that a pipe row has at least three cells; returns them with the
/// description (the third and any further cells, joined by `|`).
fn three_cells<'a>(
    line: Line<'a>,
    columns: &str,
) -> Result<(Cell<'a>, Cell<'a>, String), PageError> {
    let cells = pipe_cells(line.text);
    match cells.as_slice() {
        [first, second, rest @ ..] if !rest.is_empty() => {
            let description = rest.iter().map(|c| c.text).collect::<Vec<_>>().join(" | ");
            Ok((*first, *second, description))
        }
        _ => Err(line.error(
            line.end_column(),
            format!("expected 3 columns ({columns}), found {}", cells.len()),
        )),
    }
}

/// `pipe_param_row := name '|' type '|' description '|'?`.
fn pipe_param_row(line: Line<'_>) -> Result<PageParam, PageError> {
    let (name, ty, description) = three_cells(line, "Name | Type | Description")?;
    if !is_identifier(name.text) {
        let what = if name.text.is_empty() {
            "the Name column is empty".to_string()
        } else {
            format!("`{}` is not a parameter name", name.text)
        };
        return Err(line.error(line.column_of(name.text), what));
    }
    if ty.text.is_empty() {
        return Err(line.error(line.column_of(ty.text), "the Type column is empty"));
    }
    Ok(PageParam {
        name: name.text.to_string(),
        ty: ty.text.to_string(),
        description,
    })
}

/// `pipe_error_row := error_code '|' name '|' description '|'?`.
fn pipe_error_row(line: Line<'_>) -> Result<PageErrorRow, PageError> {
    let (code, name, description) = three_cells(line, "Code | Type | Description")?;
    let code_value = parse_code(line, code.text)?;
    if name.text.is_empty() {
        return Err(line.error(
            line.column_of(name.text),
            "the Type column (error name) is empty",
        ));
    }
    Ok(PageErrorRow {
        code: code_value,
        name: name.text.to_string(),
        description,
    })
}

/// Parses an error code token of `line`, with a clear error when it is not a number.
fn parse_code(line: Line<'_>, token: &str) -> Result<i32, PageError> {
    match all_consuming(error_code).parse(token) {
        Ok((_, code)) => Ok(code),
        Err(_) => {
            let column = line.column_of(token);
            let numeric = all_consuming(signed_digits).parse(token).is_ok();
            Err(if token.is_empty() {
                line.error(column, "the Code column is empty")
            } else if numeric {
                line.error(column, format!("error code `{token}` is out of range"))
            } else {
                line.error(column, format!("error code `{token}` is not a number"))
            })
        }
    }
}

/// The first two words of a plain row and the rest of the line (trimmed).
struct PlainRow<'a> {
    /// First column.
    first: &'a str,
    /// Second column, if any.
    second: Option<&'a str>,
    /// The rest: the description.
    rest: &'a str,
}

/// `plain_row := word (ws word (ws text)?)?`, where words are whitespace-free.
fn plain_row(text: &str) -> PlainRow<'_> {
    let word = plain_word;
    match word(text) {
        Err(_) => PlainRow {
            first: text.trim(),
            second: None,
            rest: "",
        },
        Ok((after_first, first)) => match word(after_first) {
            Err(_) => PlainRow {
                first,
                second: None,
                rest: "",
            },
            Ok((rest, second)) => PlainRow {
                first,
                second: Some(second),
                rest: rest.trim(),
            },
        },
    }
}

/// `word := ws* [^ws]+` (any Unicode whitespace, so non-breaking spaces separate too).
fn plain_word(input: &str) -> IResult<&str, &str> {
    preceded(
        take_while(char::is_whitespace),
        take_till1(char::is_whitespace),
    )
    .parse(input)
}

/// Section headings that end a plain table even without a blank line.
const SECTION_HEADINGS: &[&str] = &[
    "Parameters",
    "Result",
    "Type",
    "Possible errors",
    "Related pages",
    "Constructors",
    "Methods",
    "Example",
    "Bots can use this method",
    "Users can use this method",
];

/// What one line of a plain table is.
enum PlainLine<T> {
    /// A new row.
    Row(T),
    /// More description for the row before.
    Continuation,
}

/// Reads the rows of a plain table after `header`: rows and continuation lines up
/// to a blank line, a section heading or the end.
fn plain_table<'a, T>(
    cursor: &mut Cursor<'a>,
    header: Line<'a>,
    title: &str,
    row: impl Fn(Line<'a>, bool) -> Result<PlainLine<T>, PageError>,
    description: impl Fn(&mut T) -> &mut String,
) -> Result<Vec<T>, PageError> {
    let mut rows: Vec<T> = Vec::new();
    while let Some(line) = cursor.peek() {
        let text = line.text.trim();
        if text.is_empty() || SECTION_HEADINGS.contains(&text) {
            break;
        }
        cursor.next_line();
        match row(line, rows.is_empty())? {
            PlainLine::Row(r) => rows.push(r),
            PlainLine::Continuation => {
                if let Some(last) = rows.last_mut() {
                    let d = description(last);
                    if !d.is_empty() {
                        d.push('\n');
                    }
                    d.push_str(text);
                }
            }
        }
    }
    if rows.is_empty() {
        return Err(header.error(
            header.end_column(),
            format!("the table `{title}` has no rows"),
        ));
    }
    Ok(rows)
}

/// `plain_params_table := 'Name Type Description' plain_param_row (plain_param_row | continuation)*`.
fn plain_params_table<'a>(
    cursor: &mut Cursor<'a>,
    header: Line<'a>,
    args: &BTreeSet<&str>,
) -> Result<Vec<PageParam>, PageError> {
    plain_table(
        cursor,
        header,
        "Name Type Description",
        |line, first| plain_param_row(line, first, args),
        |p: &mut PageParam| &mut p.description,
    )
}

/// `plain_param_row := name ws type (ws description)?`. `first` is set for the
/// first line after the header, which must be a row.
///
/// A line is a row when its first word is a parameter of the TL definition and its
/// second a type expression, or when its first word is a lowercase identifier and
/// its second a distinctive type expression (the table may list parameters that the
/// page's TL line lacks); other lines continue the row before.
fn plain_param_row(
    line: Line<'_>,
    first: bool,
    args: &BTreeSet<&str>,
) -> Result<PlainLine<PageParam>, PageError> {
    let row = plain_row(line.text);
    let in_args = args.contains(row.first);
    let syntactic = is_param_name(row.first);
    match row.second {
        Some(ty) if (in_args && is_type(ty)) || (syntactic && is_distinctive_type(ty)) => {
            Ok(PlainLine::Row(PageParam {
                name: row.first.to_string(),
                ty: ty.to_string(),
                description: row.rest.to_string(),
            }))
        }
        None if in_args || (first && syntactic) => Err(line.error(
            line.end_column(),
            format!(
                "the row of parameter `{}` is missing the Type and Description columns",
                row.first
            ),
        )),
        _ if !first => Ok(PlainLine::Continuation),
        Some(ty) if in_args || syntactic => Err(line.error(
            line.column_of(ty),
            format!("`{ty}` is not a TL type (parameter `{}`)", row.first),
        )),
        _ => Err(line.error(
            line.column_of(row.first),
            format!(
                "expected a parameter row `name type description`, found `{}`",
                line.text.trim()
            ),
        )),
    }
}

/// `plain_errors_table := 'Code Type Description' plain_error_row (plain_error_row | continuation)*`.
fn plain_errors_table<'a>(
    cursor: &mut Cursor<'a>,
    header: Line<'a>,
) -> Result<Vec<PageErrorRow>, PageError> {
    plain_table(
        cursor,
        header,
        "Code Type Description",
        plain_error_row,
        |e: &mut PageErrorRow| &mut e.description,
    )
}

/// `plain_error_row := error_code ws error_name (ws description)?`. A line that
/// starts with a digit or `-`, or whose second word looks like an error name, is a
/// (possibly malformed) row; other lines continue the row before.
fn plain_error_row(line: Line<'_>, first: bool) -> Result<PlainLine<PageErrorRow>, PageError> {
    let row = plain_row(line.text);
    let looks_numeric = row
        .first
        .trim_start_matches('-')
        .starts_with(|c: char| c.is_ascii_digit());
    let looks_like_row = first || looks_numeric || row.second.is_some_and(looks_like_error_name);
    if !looks_like_row {
        return Ok(PlainLine::Continuation);
    }
    let code = parse_code(line, row.first)?;
    let Some(name) = row.second else {
        return Err(line.error(
            line.end_column(),
            format!("the row of error code {code} is missing the Type and Description columns"),
        ));
    };
    if all_consuming(error_name).parse(name).is_err() {
        return Err(line.error(
            line.column_of(name),
            format!("`{name}` is not an error name (letters, digits, `_` and `%d`)"),
        ));
    }
    Ok(PlainLine::Row(PageErrorRow {
        code,
        name: name.to_string(),
        description: row.rest.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        for t in [
            "int",
            "flags.3?true",
            "Vector<InputUser>",
            "flags.0?Vector<long>",
            "#",
            "%Message",
            "!X",
            "flags2.1?Vector<Vector<int>>",
            "payments.PaymentResult",
        ] {
            assert!(is_type(t), "{t}");
        }
        for t in ["", "Vector<", "flags.?int", "a b", "<int>"] {
            assert!(!is_type(t), "{t}");
        }
        // The parser's grammar and nesting limit (64), not a shallower one of our own.
        let nested = |depth: usize| format!("{}int{}", "Vector<".repeat(depth), ">".repeat(depth));
        assert!(is_type(&nested(17)));
        assert!(is_type(&format!("flags.2?{}", nested(64))));
        assert!(!is_type(&nested(65)));
        assert!(!is_type(&nested(100_000)));
        assert!(is_name_line("payments.sendStarsForm"));
        for line in ["Vector<int>", "%Message", "(vector)", "a b", "flags.0?true"] {
            assert!(!is_name_line(line), "{line}");
        }
    }

    #[test]
    fn tl_lines() {
        let d = tl_definition(
            "payments.sendStarsForm#7998c914 form_id:long invoice:InputInvoice = payments.PaymentResult;",
        );
        let d = d.unwrap_or_else(|| panic!("not a TL line"));
        assert_eq!(d.name, "payments.sendStarsForm");
        assert_eq!(d.args, vec!["form_id", "invoice"]);
        assert_eq!(d.result, "payments.PaymentResult");
        let vector = tl_definition("vector#1cb5c415 {t:Type} # [ t ] = Vector t;");
        assert_eq!(
            vector.map(|d| (d.name, d.result)),
            Some(("vector", "Vector"))
        );
        let layer = tl_definition("invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;");
        assert_eq!(layer.map(|d| d.args), Some(vec!["layer", "query"]));
        let commented = tl_definition("a#1 b:int = A; // a TL comment");
        assert_eq!(commented.map(|d| d.name), Some("a"));
        let flags = tl_definition("tx flags:# refund:flags.3?true = Tx;");
        assert_eq!(flags.map(|d| d.args), Some(vec!["flags", "refund"]));
        assert_eq!(
            tl_definition("users.getUsers#d91a548 id:Vector<InputUser> = Vector<User>;")
                .map(|d| d.result),
            Some("Vector")
        );
        // Prose, builtins without an id, two definitions, and comments are not TL lines.
        for line in [
            "Set x = y;",
            "Make a payment = fun;",
            "See here = x;",
            "int ? = Int;",
            "a = B; c = D;",
            "// a = B;",
            "a:int = B;",
            "---functions--- a = B;",
        ] {
            assert!(tl_definition(line).is_none(), "{line}");
        }
    }
}
