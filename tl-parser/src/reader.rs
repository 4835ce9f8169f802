//! Reading files statement by statement: comments, docs, separators, builtins and
//! definitions, recovering at the next `;` after an error.

use nom::Err;

use crate::check;
use crate::docs::DocsBuilder;
use crate::grammar::{self, offset_in, GrammarError, Label};
use crate::ids::{self, CanonicalBuffer};
use crate::model::{
    Builtin, Category, Diagnostic, DiagnosticKind, Dialect, DialectReason, Param, Schema, Severity,
    Span,
};
use crate::position::{column_after, LineCursor};
use crate::ParseOptions;

/// Everything read so far from one or more files.
pub(crate) struct Reader<'s> {
    /// Whether id mismatches are errors.
    pub strict_ids: bool,
    /// The dialect the caller chose, if any.
    chosen: Option<Dialect>,
    /// The dialect each file's ids were computed in, indexed like [`Schema::files`].
    file_dialects: Vec<Dialect>,
    /// The evidence for the dialect (see [`Evidence`]).
    evidence: Evidence,
    /// The definitions whose declared id one rule does not compute, by index, with what
    /// explains it.
    mismatches: Vec<(usize, check::Explained)>,
    /// The text of each file, indexed like [`Schema::files`].
    pub sources: Vec<&'s str>,
    /// The schema being built.
    pub schema: Schema<'s>,
    /// What the checks of the whole schema need.
    index: check::SchemaIndex<'s>,
    /// Buffers for reading definitions, reused from one to the next.
    buffers: Buffers<'s>,
}

impl<'s> Reader<'s> {
    /// An empty reader.
    pub(crate) fn new(options: &ParseOptions) -> Self {
        Reader {
            strict_ids: options.strict_ids,
            chosen: options.dialect,
            file_dialects: Vec::new(),
            evidence: Evidence::default(),
            mismatches: Vec::new(),
            sources: Vec::new(),
            schema: Schema::default(),
            index: check::SchemaIndex::default(),
            buffers: Buffers::default(),
        }
    }

    /// Reads one file.
    pub(crate) fn read_file(&mut self, name: &str, source: &'s str) {
        let file = self.schema.files.len();
        self.schema.files.push(name.to_owned());
        // A first guess, settled by the evidence in `finish`.
        self.schema.dialect = match self.chosen {
            Some(dialect) => dialect,
            None if ids::declares_bytes(source) => Dialect::Ton,
            None => self.schema.dialect,
        };
        self.file_dialects.push(self.schema.dialect);
        self.sources.push(source);
        // About one definition per `;`: reserve once rather than grow.
        let statements = count_byte(source.as_bytes(), b';');
        self.schema.definitions.reserve(statements);
        self.index.reserve(statements);
        let mut reader = FileReader {
            reader: self,
            name,
            source,
            file,
            pos: 0,
            cursor: LineCursor::new(),
            category: Category::Type,
            docs: DocsBuilder::default(),
        };
        reader.run();
    }

    /// Runs the checks that need every file, and returns the schema with its diagnostics in order.
    pub(crate) fn finish(mut self) -> Schema<'s> {
        self.settle_dialect();
        let index = std::mem::take(&mut self.index);
        let prefixes = index.finish(&mut self.schema, &self.sources);
        self.report_ids(&prefixes);
        self.schema.diagnostics.sort_by_key(|d| {
            (
                d.span.file,
                d.span.start,
                d.kind != DiagnosticKind::IdMismatch,
            )
        });
        self.schema
    }
}

impl Reader<'_> {
    /// Chooses the schema's dialect (the caller's, or by [`Evidence`]) and recomputes the
    /// ids that were computed in another.
    fn settle_dialect(&mut self) {
        let (dialect, reason) = match self.chosen {
            Some(dialect) => (dialect, DialectReason::Chosen),
            None => self.evidence.decide(&self.schema.builtins),
        };
        self.schema.dialect = dialect;
        self.schema.dialect_reason = reason;
        if self.file_dialects.iter().any(|&d| d != dialect) {
            let mut buffer = CanonicalBuffer::default();
            for def in &mut self.schema.definitions {
                if self.file_dialects.get(def.span.file) != Some(&dialect) {
                    def.computed_id = ids::compute_id_with(&mut buffer, def, dialect);
                }
            }
            self.index.ids_changed();
        }
    }

    /// Reports the declared ids that differ from the computed ones, but for the prefix
    /// definitions' (their id is their full definition's, reported as such).
    fn report_ids(&mut self, prefixes: &[usize]) {
        let schema = &mut self.schema;
        let dialect = schema.dialect;
        for &(i, explained) in &self.mismatches {
            let Some(def) = schema.definitions.get(i) else {
                continue;
            };
            if def.declared_id == Some(def.computed_id) || prefixes.contains(&i) {
                continue;
            }
            let file = def.span.file;
            let id = check::IdCheck {
                file: schema.files.get(file).map_or("", String::as_str),
                source: self.sources.get(file).copied().unwrap_or_default(),
                strict_ids: self.strict_ids,
                dialect,
                explained,
            };
            schema.diagnostics.extend(id.diagnostic(def));
        }
    }
}

/// What the declared ids say about the dialect: how many definitions declare an id, and
/// how many of those ids each rule computes.
#[derive(Debug, Default)]
struct Evidence {
    /// Definitions that declare an id.
    declared: usize,
    /// Declared ids that Telegram's rule computes.
    telegram: usize,
    /// Declared ids that TDLib/TON's rule computes.
    raw: usize,
}

impl Evidence {
    /// The rule more declared ids agree with; on a tie, TDLib/TON's when the schema
    /// declares one of the [`ids::RAW_BUILTINS`], else Telegram's.
    fn decide(&self, builtins: &[Builtin<'_>]) -> (Dialect, DialectReason) {
        if self.telegram != self.raw {
            let reason = DialectReason::DeclaredIds {
                declared: self.declared,
                telegram: self.telegram,
                raw: self.raw,
            };
            let dialect = if self.telegram > self.raw {
                Dialect::Telegram
            } else {
                Dialect::Ton
            };
            return (dialect, reason);
        }
        match builtins
            .iter()
            .find(|b| ids::RAW_BUILTINS.contains(&b.name))
        {
            Some(builtin) => (
                Dialect::Ton,
                DialectReason::DeclaresBuiltins(builtin.text.clone()),
            ),
            None => (Dialect::Telegram, DialectReason::Default),
        }
    }
}

/// Buffers for reading definitions, reused from one to the next.
#[derive(Debug, Default)]
struct Buffers<'s> {
    /// The params of the definition being read.
    params: Vec<Param<'s>>,
    /// Its canonical form.
    canonical: CanonicalBuffer,
    /// The type names it uses that need looking up (see [`check::TypeRef`]).
    refs: Vec<check::TypeRef<'s>>,
}

/// The state of reading one file.
struct FileReader<'r, 's> {
    /// Where the results go.
    reader: &'r mut Reader<'s>,
    /// The file's name, for diagnostics.
    name: &'r str,
    /// The file's text.
    source: &'s str,
    /// Its index in [`Schema::files`].
    file: usize,
    /// The byte offset reached.
    pos: usize,
    /// Lines and columns, computed as `pos` moves on.
    cursor: LineCursor,
    /// The section: `---types---` or `---functions---`.
    category: Category,
    /// Doc comments waiting for the next definition.
    docs: DocsBuilder,
}

impl<'s> FileReader<'_, 's> {
    /// Reads the whole file.
    fn run(&mut self) {
        loop {
            self.skip_trivia();
            let rest = self.rest();
            if rest.is_empty() {
                break;
            }
            let before = self.pos;
            if rest.starts_with("---") {
                self.separator();
            } else {
                self.statement();
            }
            if self.pos <= before {
                // Never happens by construction; if it did, skipping a character ends the loop.
                self.pos = before + rest.chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// The text not read yet.
    fn rest(&self) -> &'s str {
        self.source
            .get(self.pos..)
            .unwrap_or_else(|| grammar::end_of(self.source))
    }

    /// Skips whitespace and comments, reading doc and layer comments on the way.
    fn skip_trivia(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
            self.pos += rest.len() - trimmed.len();
            if let Some(comment) = trimmed.strip_prefix("//") {
                let text = comment.split('\n').next().unwrap_or("");
                self.pos += 2 + text.len();
                self.comment(text);
            } else if let Some(comment) = trimmed.strip_prefix("/*") {
                match comment.find("*/") {
                    Some(end) => self.pos += 2 + end + 2,
                    None => {
                        self.syntax_error(self.pos, 2, "unterminated `/*` comment".to_owned());
                        self.pos = self.source.len();
                    }
                }
            } else {
                return;
            }
        }
    }

    /// Reads a line comment's text after `//`: docs, a continuation or the layer.
    fn comment(&mut self, text: &str) {
        if let Some(doc) = text.strip_prefix('@') {
            self.docs.doc_line(doc);
        } else if let Some(more) = text.strip_prefix('-') {
            self.docs.continuation(more);
        } else if let Ok((_, layer)) = grammar::layer_comment::<()>(text) {
            let schema = &mut self.reader.schema;
            schema.layer = Some(schema.layer.map_or(layer, |old| old.max(layer)));
        }
    }

    /// Reads `---functions---` or `---types---`.
    fn separator(&mut self) {
        self.docs.clear();
        let rest = self.rest();
        match grammar::separator::<()>(rest) {
            Ok((after, category)) => {
                self.category = category;
                self.pos = offset_in(self.source, after);
            }
            Err(_) => {
                // The whole separator line is underlined: `--- methods ---`.
                let line = rest.split('\n').next().unwrap_or(rest);
                let len = line.trim_end().len();
                let message = "expected `---functions---` or `---types---`".to_owned();
                self.syntax_error(self.pos, len, message);
                self.pos += line.len();
            }
        }
    }

    /// Reads a definition or a builtin line; after an error, skips to the next `;`.
    fn statement(&mut self) {
        let source = self.source;
        let input = self.rest();
        let reader = &mut *self.reader;
        let out = &mut reader.schema.definitions;
        let params = &mut reader.buffers.params;
        let parsed = grammar::read_definition(source, self.file, self.category, params, out, input);
        let error = match parsed {
            Ok((after, parsed)) => {
                let start = self.pos;
                self.pos = offset_in(source, after);
                if is_builtin_definition(&self.reader.schema.definitions) {
                    self.builtin_definition(start);
                } else {
                    self.accept(parsed);
                }
                return;
            }
            Err(Err::Error(e) | Err::Failure(e)) => e,
            Err(Err::Incomplete(_)) => GrammarError {
                at: input,
                label: Label::None,
            },
        };
        self.docs.clear();
        if let Ok((after, (name, declared_id, text))) = grammar::builtin::<()>(input) {
            let start = self.pos;
            self.pos = offset_in(source, after);
            self.push_builtin(start, name, declared_id, text);
            return;
        }
        let at = offset_in(source, error.at);
        self.syntax_error(at, token_len(error.at), error.message());
        self.pos = recovery_point(source, at);
    }

    /// Records a builtin line read from `start` to the current position.
    fn push_builtin(
        &mut self,
        start: usize,
        name: &'s str,
        declared_id: Option<u32>,
        text: &'s str,
    ) {
        let span = self.span(start, self.pos);
        self.reader.index.add_builtin(name, declared_id, text);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        self.reader.schema.builtins.push(Builtin {
            name,
            declared_id,
            text,
            span,
        });
    }

    /// Turns the definition just read (the last one), which declares a builtin type in
    /// definition syntax (`bytes data:string = Bytes;`, `int32 = Int32;`), into a builtin.
    fn builtin_definition(&mut self, start: usize) {
        self.docs.clear();
        let Some(def) = self.reader.schema.definitions.pop() else {
            return;
        };
        let text = self
            .source
            .get(def.span.start..def.span.end)
            .unwrap_or_default()
            .trim_end_matches(';')
            .trim_end();
        self.push_builtin(start, def.name, def.declared_id, text);
    }

    /// Fills in lines, columns, the id and docs of the definition just read (the last one),
    /// and checks it.
    fn accept(&mut self, parsed: grammar::ParsedDefinition) {
        let source = self.source;
        let (file, name) = (self.file, self.name);
        let reader = &mut *self.reader;
        let schema = &mut reader.schema;
        let index = schema.definitions.len().saturating_sub(1);
        let Some(def) = schema.definitions.last_mut() else {
            return;
        };
        let (result_start, result_end) = parsed.result;
        let (line, column, one_line) = self.cursor.locate_run(source, def.span.start, def.span.end);
        (def.span.line, def.span.column) = (line, column);
        let result_span = if one_line {
            // The usual case: every position is a column further on the same line.
            let column_of =
                |offset: usize| column_after(column, offset.saturating_sub(def.span.start));
            for param in &mut def.params {
                param.span.line = line;
                param.span.column = column_of(param.span.start);
            }
            Span {
                file,
                start: result_start,
                end: result_end,
                line,
                column: column_of(result_start),
            }
        } else {
            for param in &mut def.params {
                (param.span.line, param.span.column) = self.cursor.locate(source, param.span.start);
            }
            let (line, column) = self.cursor.locate(source, result_start);
            Span {
                file,
                start: result_start,
                end: result_end,
                line,
                column,
            }
        };
        let dialect = schema.dialect;
        def.computed_id = ids::compute_id_with(&mut reader.buffers.canonical, def, dialect);
        if let Some(declared) = def.declared_id {
            // The id under the other rule, when it can differ.
            let other = if ids::rules_differ(def) {
                let other = match dialect {
                    Dialect::Telegram => Dialect::Ton,
                    Dialect::Ton => Dialect::Telegram,
                };
                ids::compute_id_with(&mut reader.buffers.canonical, def, other)
            } else {
                def.computed_id
            };
            let (telegram, raw) = match dialect {
                Dialect::Telegram => (def.computed_id, other),
                Dialect::Ton => (other, def.computed_id),
            };
            let evidence = &mut reader.evidence;
            evidence.declared += 1;
            evidence.telegram += usize::from(declared == telegram);
            evidence.raw += usize::from(declared == raw);
            if declared != telegram || declared != raw {
                let explained = if declared == telegram || declared == raw {
                    check::Explained::OtherRule
                } else if versioned(&mut reader.buffers.canonical, def, declared) {
                    check::Explained::VersionedName
                } else {
                    check::Explained::No
                };
                reader.mismatches.push((index, explained));
            }
        }
        reader.buffers.refs.clear();
        let suspect = check::type_refs(def, &mut reader.buffers.refs);
        self.docs.attach(def);
        let context = check::FileContext { name, source };
        if suspect {
            check::check_definition(def, result_span, &context, &mut schema.diagnostics);
        }
        let (defs, files) = (&schema.definitions, &schema.files);
        let refs = &reader.buffers.refs;
        reader
            .index
            .add_definition(defs, files, result_span, &context, refs);
    }

    /// A span from `start` to `end`, located with the cursor.
    fn span(&mut self, start: usize, end: usize) -> Span {
        let (line, column) = self.cursor.locate(self.source, start);
        Span {
            file: self.file,
            start,
            end,
            line,
            column,
        }
    }

    /// Reports a syntax error of `len` bytes at `start`.
    fn syntax_error(&mut self, start: usize, len: usize, message: String) {
        let span = self.span(start, start + len);
        let diagnostic = Diagnostic::new(
            Severity::Error,
            DiagnosticKind::Syntax,
            self.name,
            self.source,
            span,
            message,
        );
        self.reader.schema.diagnostics.push(diagnostic);
    }
}

/// Whether `declared` is the id, in either rule, of `def` under the name it is a version
/// of ([`ids::versioned_base`]).
fn versioned(
    buffer: &mut CanonicalBuffer,
    def: &crate::model::Definition<'_>,
    declared: u32,
) -> bool {
    let Some(base) = ids::versioned_base(def.name) else {
        return false;
    };
    let mut renamed = def.clone();
    renamed.name = base;
    [Dialect::Telegram, Dialect::Ton]
        .into_iter()
        .any(|dialect| ids::compute_id_with(buffer, &renamed, dialect) == declared)
}

/// Whether the last of `defs`, just read, declares a builtin type in definition syntax:
/// a constructor named after a builtin (`bytes data:string = Bytes;`, `int32 = Int32;`)
/// whose result is that name capitalized, without an id unless it has no params
/// (`bytes#e937bb82 = Bytes;`).
fn is_builtin_definition(defs: &[crate::model::Definition<'_>]) -> bool {
    let Some(def) = defs.last() else {
        return false;
    };
    let result = def.result.name;
    // gotd's schemas give the builtin an id: `bytes#e937bb82 = Bytes;`.
    def.category == Category::Type
        && (def.declared_id.is_none() || def.params.is_empty())
        && crate::resolve::is_declarable_builtin(def.name)
        && result.len() == def.name.len()
        && result.get(1..) == def.name.get(1..)
        && result.starts_with(|c: char| c.is_ascii_uppercase())
}

/// How many times `byte` occurs in `bytes`, counted in blocks that the compiler vectorizes.
fn count_byte(bytes: &[u8], byte: u8) -> usize {
    let mut blocks = bytes.chunks_exact(128);
    let mut count = 0;
    for block in &mut blocks {
        // At most 128 per block: a `u8` sum cannot overflow.
        let in_block: u8 = block.iter().map(|&b| u8::from(b == byte)).sum();
        count += usize::from(in_block);
    }
    count + blocks.remainder().iter().filter(|&&b| b == byte).count()
}

/// The length of the token at the start of `rest`: a name, or one character.
fn token_len(rest: &str) -> usize {
    let name_len = rest
        .find(|c: char| !(grammar::is_ident_char(c) || c == '.'))
        .unwrap_or(rest.len());
    if name_len > 0 {
        name_len
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

/// Where to go on after an error at `at`: just after the next `;`, or at the next
/// line starting with `---` if that comes first, or the end.
fn recovery_point(source: &str, at: usize) -> usize {
    let rest = source.get(at..).unwrap_or("");
    let mut line_start = at == 0
        || source
            .get(..at)
            .is_some_and(|before| before.ends_with('\n'));
    for (i, byte) in rest.bytes().enumerate() {
        match byte {
            b';' => return at + i + 1,
            b'-' if line_start && rest.get(i..).is_some_and(|r| r.starts_with("---")) => {
                return at + i
            }
            _ => {}
        }
        line_start = byte == b'\n';
    }
    source.len()
}
