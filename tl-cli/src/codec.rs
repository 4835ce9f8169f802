//! What `decode` and `encode` share: the schema (built in, or `--schema` files), the type
//! of the payload (`--function`, `--type`), the input, the output, and how failures end
//! the command.
//!
//! The checked-in layer (`schema/api.tl` + `schema/mtproto.tl`) is compiled into the
//! binary, so both commands work from any directory; it is built into a
//! [`tlgen_dynamic::Schema`] once, on first use.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, StdoutLock, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use tlgen_dynamic::{Schema, SchemaError, Type};

use tlgen_schema::{API_TL, MTPROTO_TL};

/// Buffer size of the input and output streams.
const BUFFER: usize = 64 * 1024;

/// The schema and the payload type, as chosen on the command line.
#[derive(Debug, clap::Args)]
pub struct Target {
    /// A .tl file to use instead of the built-in layer (repeat for several, read as one schema).
    #[arg(long = "schema", value_name = "FILE")]
    schemas: Vec<PathBuf>,
    /// The payload is a function call (default: a boxed constructor, named by its id).
    #[arg(long, conflicts_with = "ty")]
    function: bool,
    /// The payload's type: `Vector<User>`, `%Message` (bare), `message`, `int`, ….
    #[arg(long = "type", value_name = "T")]
    ty: Option<String>,
    /// With --schema: how its ids are computed (default: by evidence).
    #[command(flatten)]
    dialect: crate::dialect::DialectArg,
}

impl Target {
    /// Whether `--schema` files were given.
    #[must_use]
    pub fn has_schema(&self) -> bool {
        !self.schemas.is_empty()
    }

    /// Runs `f` with the schema (the built-in one unless `--schema` was given) and the type.
    pub fn with_schema<R>(
        &self,
        f: impl FnOnce(&Schema, &Type) -> Result<R, Failure>,
    ) -> Result<R, Failure> {
        let custom;
        let schema = if self.schemas.is_empty() {
            builtin()?
        } else {
            custom = load(&self.schemas, self.dialect)?;
            &custom
        };
        let ty = match (&self.ty, self.function) {
            (Some(text), _) => schema
                .parse_type(text)
                .map_err(|e| Failure::message(format!("--type: {e}")))?,
            (None, true) => Type::FUNCTION,
            (None, false) => Type::OBJECT,
        };
        f(schema, &ty)
    }
}

/// The built-in layer's schema, built on first use.
pub fn builtin() -> Result<&'static Schema, Failure> {
    static BUILTIN: OnceLock<Result<Schema, SchemaError>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| Schema::from_sources(&[API_TL, MTPROTO_TL]))
        .as_ref()
        .map_err(|e| Failure::message(format!("the built-in schema: {e}")))
}

/// Reads and builds the schema of `files` (its ids computed in `dialect`); a parse error is
/// reported as its first diagnostic, on one line.
fn load(files: &[PathBuf], dialect: crate::dialect::DialectArg) -> Result<Schema, Failure> {
    let mut sources = Vec::with_capacity(files.len());
    for path in files {
        let text = tlgen_parser::read_file(path).map_err(|e| Failure::message(e.to_string()))?;
        sources.push((path.display().to_string(), text));
    }
    let parsed = tlgen_parser::parse_files(
        sources
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str())),
        &dialect.options(false),
    );
    let mut errors = parsed.errors();
    if let Some(first) = errors.next() {
        let more = errors.count();
        let tail = if more == 0 {
            String::new()
        } else {
            format!(" (and {more} more)")
        };
        return Err(Failure::message(format!(
            "invalid schema: {}{tail}",
            first.summary()
        )));
    }
    Schema::from_parsed(&parsed).map_err(|e| Failure::message(format!("invalid schema: {e}")))
}

/// Runs `decode` or `encode` on the input at `path` (stdin for none or `-`) with the
/// schema and type of `target`, writing to stdout: `whole` gets the whole input or, with
/// `lines`, `line` gets each line that is not blank, with its 1-based number, and says
/// whether it succeeded (a failed line is reported by `line` itself). `Ok(false)` when a
/// line failed.
pub fn run(
    path: Option<&Path>,
    target: &Target,
    lines: bool,
    whole: impl FnOnce(&Schema, &Type, &[u8], &mut Output) -> Result<(), Failure>,
    mut line: impl FnMut(&Schema, &Type, usize, &[u8], &mut Output) -> Result<bool, Failure>,
) -> Result<bool, Failure> {
    let mut input = Input::open(path)?;
    let mut out = Output::stdout();
    let ok = target.with_schema(|schema, ty| {
        if !lines {
            let text = input.read_all()?;
            whole(schema, ty, &text, &mut out)?;
            return Ok(true);
        }
        let mut all_ok = true;
        input.for_each_line(&mut out, |number, text, out| {
            all_ok &= line(schema, ty, number, text, out)?;
            Ok(())
        })?;
        Ok(all_ok)
    })?;
    out.flush()?;
    Ok(ok)
}

/// Why a command stops.
#[derive(Debug)]
pub enum Failure {
    /// An error, reported as `error: <message>` on stderr.
    Message(String),
    /// Whoever reads stdout has gone: stop quietly.
    BrokenPipe,
}

impl Failure {
    /// A failure reported with `message`.
    pub fn message(message: impl Into<String>) -> Self {
        Failure::Message(message.into())
    }

    /// A failure to write stdout.
    fn output(e: &io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::message(format!("cannot write the output: {e}"))
        }
    }
}

/// The exit status of a command that returned `result`: whether every payload succeeded
/// (failures of single lines were reported as they happened), or why it stopped.
pub fn exit(result: Result<bool, Failure>) -> ExitCode {
    match result {
        Ok(true) | Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(Failure::Message(message)) => {
            report(&message);
            ExitCode::FAILURE
        }
    }
}

/// Writes `error: <message>` on stderr (ignoring a closed stderr).
pub fn report(message: &str) {
    let _ = writeln!(io::stderr().lock(), "error: {message}");
}

/// The input: a file, or stdin for `-` or none.
pub struct Input {
    reader: BufReader<Box<dyn Read>>,
    name: String,
    line: Vec<u8>,
    line_number: usize,
}

impl Input {
    /// Opens `path` (stdin when it is `None` or `-`).
    pub fn open(path: Option<&Path>) -> Result<Self, Failure> {
        let (inner, name): (Box<dyn Read>, String) = match path {
            None => (Box::new(io::stdin()), "stdin".to_owned()),
            Some(p) if p == Path::new("-") => (Box::new(io::stdin()), "stdin".to_owned()),
            Some(p) => {
                let file =
                    File::open(p).map_err(|e| Failure::message(format!("{}: {e}", p.display())))?;
                (Box::new(file), p.display().to_string())
            }
        };
        Ok(Input {
            reader: BufReader::with_capacity(BUFFER, inner),
            name,
            line: Vec::new(),
            line_number: 0,
        })
    }

    /// The whole input.
    pub fn read_all(&mut self) -> Result<Vec<u8>, Failure> {
        let mut all = Vec::new();
        self.reader
            .read_to_end(&mut all)
            .map_err(|e| self.error(&e))?;
        Ok(all)
    }

    /// Calls `each` with the 1-based number and the text of every line that is not blank
    /// (without its `\n` or `\r\n`), flushing `out` before a read that may wait for the
    /// producer, so that interactive pipelines see every answer.
    pub fn for_each_line(
        &mut self,
        out: &mut Output,
        mut each: impl FnMut(usize, &[u8], &mut Output) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        loop {
            if self.may_block() {
                out.flush()?;
            }
            let Some((number, line)) = self.next_line()? else {
                return Ok(());
            };
            if !line.iter().all(u8::is_ascii_whitespace) {
                each(number, line, out)?;
            }
        }
    }

    /// The next line without its `\n` or `\r\n`, with its 1-based number; `None` at the end.
    fn next_line(&mut self) -> Result<Option<(usize, &[u8])>, Failure> {
        self.line.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.line)
            .map_err(|e| self.error(&e))?;
        if n == 0 {
            return Ok(None);
        }
        self.line_number += 1;
        let mut line = self.line.as_slice();
        if let Some(rest) = line.strip_suffix(b"\n") {
            line = rest;
        }
        if let Some(rest) = line.strip_suffix(b"\r") {
            line = rest;
        }
        Ok(Some((self.line_number, line)))
    }

    /// Whether reading more may wait for the producer (nothing is buffered).
    fn may_block(&self) -> bool {
        self.reader.buffer().is_empty()
    }

    /// A failure to read the input.
    fn error(&self, e: &io::Error) -> Failure {
        Failure::message(format!("cannot read {}: {e}", self.name))
    }
}

/// Buffered stdout; a closed pipe becomes [`Failure::BrokenPipe`].
pub struct Output {
    out: BufWriter<StdoutLock<'static>>,
}

impl Output {
    /// Locks stdout.
    #[must_use]
    pub fn stdout() -> Self {
        Output {
            out: BufWriter::with_capacity(BUFFER, io::stdout().lock()),
        }
    }

    /// Writes `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.out.write_all(bytes).map_err(|e| Failure::output(&e))
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> Result<(), Failure> {
        self.out.flush().map_err(|e| Failure::output(&e))
    }
}
