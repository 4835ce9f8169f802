//! Telegram's documentation for `tl-codegen`: the core.telegram.org dump
//! (`schema/docs/getdoc.json`) merged with page files (`schema/docs/pages/*.txt`).
//!
//! [`Documentation`] answers the code generator's questions — the description of a
//! constructor, method, parameter or type, and the errors a method returns — with
//! Markdown ready to be put in `///` comments (see [`links`] for the link and
//! escaping rules). [`Documentation`] is a [`tlgen_codegen::DocSource`]:
//!
//! ```no_run
//! let docs = tlgen_docs::load_dir("schema/docs".as_ref()).unwrap();
//! tlgen_codegen::Config::new()
//!     .schema("schema/api.tl")
//!     .docs(docs)
//!     .compile()
//!     .unwrap();
//! ```
//!
//! # Merging pages into the dump
//!
//! [`load_dir`] reads the dump, then every `pages/*.txt` sorted by file name; each
//! page extends and overrides what is known of its item:
//! * the page's description wins, and so does each parameter's description;
//!   an empty page text overrides nothing, and a page text that says the same as
//!   the dump (once the dump's link markers are removed and whitespace collapsed)
//!   keeps the dump's version, which has the links;
//! * a method's errors become the page's rows (first row wins for a repeated name)
//!   followed by the dump's rows whose names the page does not have, so the page's
//!   code and description win for duplicates;
//! * a page of [`PageKind::Unknown`] kind is applied to the method, constructor or
//!   type of that name if the dump has one; otherwise it is taken for a method if it
//!   has errors, for a type if its last name segment is capitalised, and for a
//!   constructor otherwise.
//!
//! # Names
//!
//! Constructor and method names are the schema's (`payments.sendStarsForm`); the
//! dump's few mis-cased keys (`FileHash`, `upload.getWebfile`) are renamed to the
//! spelling of its own index. Type names are matched with a lowercase namespace
//! (`Account.Takeout` and `account.Takeout` are the same) and without type
//! arguments (`Vector t` is `Vector`).

pub mod dump;
pub mod extract;
mod global_errors;
pub mod links;
pub mod page;
mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

pub use extract::extract_pages;
pub use global_errors::global_errors;
pub use page::{parse_page, parse_page_bytes, Page, PageError, PageErrorRow, PageKind, PageParam};

use dump::{Dump, DumpError, DumpItem, DumpParam};
use links::{description_to_markdown, plain_text, plain_to_markdown, text_to_markdown};

/// The documentation of a constructor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDoc {
    /// The description, as Markdown.
    pub description: Option<String>,
    /// Parameter name → description (Markdown); parameters without text are absent.
    pub params: BTreeMap<String, String>,
}

/// The documentation of a method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MethodDoc {
    /// The description, as Markdown.
    pub description: Option<String>,
    /// Parameter name → description (Markdown); parameters without text are absent.
    pub params: BTreeMap<String, String>,
    /// The errors the method can return, one per name.
    pub errors: Vec<ErrorDoc>,
}

/// An RPC error.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ErrorDoc {
    /// The code (303, 400, 420, -503, …).
    pub code: i32,
    /// The name as Telegram sends it, `%d` standing for a number (`FLOOD_WAIT_%d`).
    pub name: String,
    /// The description, as Markdown (may be empty).
    pub description: String,
}

/// Why documentation could not be loaded.
#[derive(Debug)]
pub enum DocsError {
    /// A file or directory could not be read.
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The dump is not valid JSON of the expected shape.
    Json {
        /// The dump's path, when it was read from a file.
        path: Option<PathBuf>,
        /// The error: the line and column of a syntax error, the path to a value of the
        /// wrong type.
        source: dump::JsonError,
    },
    /// A page could not be parsed.
    Page {
        /// The page's path.
        path: PathBuf,
        /// The error, with its line and column.
        error: PageError,
    },
}

impl fmt::Display for DocsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocsError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            DocsError::Json {
                path: Some(path),
                source,
            } => match source.position {
                Some((line, column)) => write!(
                    f,
                    "{}:{line}:{column}: invalid documentation dump: {source}",
                    path.display()
                ),
                None => write!(
                    f,
                    "{}: invalid documentation dump: {source}",
                    path.display()
                ),
            },
            DocsError::Json { path: None, source } => {
                write!(f, "invalid documentation dump: {source}")
            }
            DocsError::Page { path, error } => write!(
                f,
                "{}:{}:{}: {}",
                path.display(),
                error.line,
                error.column,
                error.message
            ),
        }
    }
}

impl std::error::Error for DocsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DocsError::Io { source, .. } => Some(source),
            DocsError::Json { source, .. } => Some(source),
            DocsError::Page { error, .. } => Some(error),
        }
    }
}

/// Loads the dump from JSON text (see [`Documentation::load_dump`]).
pub fn load_dump(json: &str) -> Result<Documentation, DocsError> {
    Documentation::load_dump(json)
}

/// Loads `getdoc.json` and `pages/*.txt` from a `schema/docs` directory (see
/// [`Documentation::load_dir`]).
pub fn load_dir(schema_docs_dir: &Path) -> Result<Documentation, DocsError> {
    Documentation::load_dir(schema_docs_dir)
}

/// The merged documentation database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Documentation {
    /// The documented layer.
    layer: Option<i32>,
    /// Constructors by name.
    constructors: BTreeMap<String, ItemDoc>,
    /// Methods by name.
    methods: BTreeMap<String, MethodDoc>,
    /// Type descriptions by [`type_key`].
    types: BTreeMap<String, String>,
    /// The dump's global error table by name.
    error_table: BTreeMap<String, ErrorDoc>,
    /// Every known error by name (see [`Documentation::errors`]).
    all_errors: BTreeMap<String, ErrorDoc>,
    /// The directory the documentation was read from, if any.
    dir: Option<PathBuf>,
    /// The plain text (markers removed, whitespace collapsed) behind each current
    /// description, keyed by [`text_key`]; used to keep linked text a page repeats.
    plain: BTreeMap<String, String>,
}

/// Which map a description belongs to, for [`text_key`].
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A constructor.
    Constructor,
    /// A method.
    Method,
    /// A type.
    Type,
}

/// The key of a description (of an item, or of one of its parameters) in
/// [`Documentation::plain`].
fn text_key(slot: Slot, name: &str, param: Option<&str>) -> String {
    let prefix = match slot {
        Slot::Constructor => 'c',
        Slot::Method => 'm',
        Slot::Type => 't',
    };
    match param {
        Some(p) => format!("{prefix}:{name}:{p}"),
        None => format!("{prefix}:{name}"),
    }
}

/// The lookup key of a type name: without type arguments, namespace lowercased.
fn type_key(name: &str) -> String {
    let name = name.split_whitespace().next().unwrap_or_default();
    match name.rsplit_once('.') {
        Some((namespace, base)) => format!("{}.{base}", namespace.to_lowercase()),
        None => name.to_string(),
    }
}

impl Documentation {
    /// Loads the dump from JSON text.
    pub fn load_dump(json: &str) -> Result<Self, DocsError> {
        let dump: Dump =
            dump::parse_dump(json).map_err(|source| DocsError::Json { path: None, source })?;
        Ok(Self::from_dump(dump))
    }

    /// Loads `getdoc.json` from `schema_docs_dir`, then merges every
    /// `pages/*.txt` (sorted by file name) into it (see the module docs). A missing
    /// `pages` directory means no pages; an unreadable or malformed page is an error.
    pub fn load_dir(schema_docs_dir: &Path) -> Result<Self, DocsError> {
        let json_path = schema_docs_dir.join("getdoc.json");
        let json = std::fs::read_to_string(&json_path).map_err(|source| DocsError::Io {
            path: json_path.clone(),
            source,
        })?;
        let dump: Dump = dump::parse_dump(&json).map_err(|source| DocsError::Json {
            path: Some(json_path),
            source,
        })?;
        let mut docs = Self::from_dump(dump);
        docs.dir = Some(schema_docs_dir.to_path_buf());
        let pages_dir = schema_docs_dir.join("pages");
        if pages_dir.is_dir() {
            for path in page_files(&pages_dir)? {
                let bytes = std::fs::read(&path).map_err(|source| DocsError::Io {
                    path: path.clone(),
                    source,
                })?;
                let page = parse_page_bytes(&bytes).map_err(|error| DocsError::Page {
                    path: path.clone(),
                    error,
                })?;
                docs.merge_page(&page);
            }
        }
        docs.rebuild_errors();
        Ok(docs)
    }

    /// Merges one page into the database (see the module docs for the rules).
    pub fn apply_page(&mut self, page: &Page) {
        self.merge_page(page);
        self.rebuild_errors();
    }

    /// The documentation of a constructor (`starsTransaction`).
    pub fn constructor(&self, name: &str) -> Option<&ItemDoc> {
        self.constructors.get(name)
    }

    /// The documentation of a method (`payments.sendStarsForm`).
    pub fn method(&self, name: &str) -> Option<&MethodDoc> {
        self.methods.get(name)
    }

    /// The description of a boxed type (`StarsTransaction`, `payments.PaymentResult`).
    pub fn type_doc(&self, name: &str) -> Option<&str> {
        self.types.get(&type_key(name)).map(String::as_str)
    }

    /// Every known error — the dump's global table, [`global_errors`] and every
    /// method's errors — one per name (the global table first, then the global
    /// errors, then methods in name order win), sorted by name.
    pub fn errors(&self) -> impl Iterator<Item = &ErrorDoc> {
        self.all_errors.values()
    }

    /// The documented layer (`index.layer` of the dump).
    pub fn layer(&self) -> Option<i32> {
        self.layer
    }

    /// Every documented constructor, sorted by name.
    pub fn constructors(&self) -> impl Iterator<Item = (&str, &ItemDoc)> {
        self.constructors.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Every documented method, sorted by name.
    pub fn methods(&self) -> impl Iterator<Item = (&str, &MethodDoc)> {
        self.methods.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Every documented type and its description, sorted by name.
    pub fn types(&self) -> impl Iterator<Item = (&str, &str)> {
        self.types.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The files it was read from: `getdoc.json` and the `pages` directory, for
    /// [`Documentation::load_dir`]; none for [`Documentation::load_dump`].
    pub fn files(&self) -> Vec<PathBuf> {
        match &self.dir {
            Some(dir) => vec![dir.join("getdoc.json"), dir.join("pages")],
            None => Vec::new(),
        }
    }

    /// The dump's global error table, sorted by name.
    pub fn error_table(&self) -> impl Iterator<Item = &ErrorDoc> {
        self.error_table.values()
    }

    /// Builds the database from a parsed dump.
    fn from_dump(dump: Dump) -> Self {
        let mut docs = Documentation {
            layer: dump.index.layer,
            ..Default::default()
        };
        let constructor_names = canonical_names(dump.category("constructor"), &dump.constructors);
        let method_names = canonical_names(dump.category("method"), &dump.methods);
        for (key, item) in &dump.constructors {
            let name = constructor_names
                .get(key)
                .cloned()
                .unwrap_or_else(|| key.clone());
            let (description, params) =
                docs.convert_item(Slot::Constructor, &name, item, &item.fields);
            docs.constructors.insert(
                name,
                ItemDoc {
                    description,
                    params,
                },
            );
        }
        for (key, item) in &dump.methods {
            let name = method_names
                .get(key)
                .cloned()
                .unwrap_or_else(|| key.clone());
            let (description, params) =
                docs.convert_item(Slot::Method, &name, item, &item.parameters);
            let mut errors: Vec<ErrorDoc> = Vec::new();
            for e in &item.errors {
                let error = convert_error(e, None);
                if !error.name.is_empty() && !errors.iter().any(|x| x.name == error.name) {
                    errors.push(error);
                }
            }
            docs.methods.insert(
                name,
                MethodDoc {
                    description,
                    params,
                    errors,
                },
            );
        }
        for (key, item) in &dump.types {
            let name = type_key(key);
            if let Some(text) = description_to_markdown(&item.description, &item.links) {
                docs.plain.insert(
                    text_key(Slot::Type, &name, None),
                    plain_text(&item.description.join(" ")),
                );
                docs.types.insert(name, text);
            }
        }
        for (key, e) in &dump.errors {
            let error = convert_error(e, Some(key));
            docs.error_table.insert(error.name.clone(), error);
        }
        docs.rebuild_errors();
        docs
    }

    /// Converts an item's description and parameters, recording their plain text.
    fn convert_item(
        &mut self,
        slot: Slot,
        name: &str,
        item: &DumpItem,
        params: &BTreeMap<String, DumpParam>,
    ) -> (Option<String>, BTreeMap<String, String>) {
        let description = description_to_markdown(&item.description, &item.links);
        if description.is_some() {
            self.plain.insert(
                text_key(slot, name, None),
                plain_text(&item.description.join(" ")),
            );
        }
        let mut converted = BTreeMap::new();
        for (key, param) in params {
            let text = param.description.join(" ");
            if let Some(markdown) = text_to_markdown(&text, &param.links) {
                self.plain
                    .insert(text_key(slot, name, Some(key)), plain_text(&text));
                converted.insert(key.clone(), markdown);
            }
        }
        (description, converted)
    }

    /// Merges one page without rebuilding the error list.
    fn merge_page(&mut self, page: &Page) {
        let name = page.name.as_str();
        match self.kind_of(page) {
            PageKind::Method => {
                let entry = self.methods.entry(name.to_string()).or_default();
                merge_text(
                    &mut self.plain,
                    text_key(Slot::Method, name, None),
                    &mut entry.description,
                    page.description.as_deref(),
                );
                merge_params(&mut self.plain, Slot::Method, name, &mut entry.params, page);
                let mut errors: Vec<ErrorDoc> = Vec::new();
                for row in &page.errors {
                    if !errors.iter().any(|e| e.name == row.name) {
                        errors.push(ErrorDoc {
                            code: row.code,
                            name: row.name.clone(),
                            description: plain_to_markdown(&row.description).unwrap_or_default(),
                        });
                    }
                }
                let from_page: BTreeSet<String> = errors.iter().map(|e| e.name.clone()).collect();
                errors.extend(
                    entry
                        .errors
                        .drain(..)
                        .filter(|e| !from_page.contains(&e.name)),
                );
                entry.errors = errors;
            }
            PageKind::Constructor | PageKind::Unknown => {
                let entry = self.constructors.entry(name.to_string()).or_default();
                merge_text(
                    &mut self.plain,
                    text_key(Slot::Constructor, name, None),
                    &mut entry.description,
                    page.description.as_deref(),
                );
                merge_params(
                    &mut self.plain,
                    Slot::Constructor,
                    name,
                    &mut entry.params,
                    page,
                );
            }
            PageKind::Type => {
                let key = type_key(name);
                let mut current = self.types.get(&key).cloned();
                merge_text(
                    &mut self.plain,
                    text_key(Slot::Type, &key, None),
                    &mut current,
                    page.description.as_deref(),
                );
                if let Some(text) = current {
                    self.types.insert(key, text);
                }
            }
        }
    }

    /// The kind a page is merged as (resolving [`PageKind::Unknown`]).
    fn kind_of(&self, page: &Page) -> PageKind {
        let name = page.name.as_str();
        match page.kind {
            PageKind::Unknown => {
                if self.methods.contains_key(name) {
                    PageKind::Method
                } else if self.constructors.contains_key(name) {
                    PageKind::Constructor
                } else if self.types.contains_key(&type_key(name)) {
                    PageKind::Type
                } else if !page.errors.is_empty() {
                    PageKind::Method
                } else if name
                    .rsplit('.')
                    .next()
                    .is_some_and(|last| last.starts_with(|c: char| c.is_uppercase()))
                {
                    PageKind::Type
                } else {
                    PageKind::Constructor
                }
            }
            kind => kind,
        }
    }

    /// Recomputes [`Documentation::errors`].
    fn rebuild_errors(&mut self) {
        let mut all = self.error_table.clone();
        let method_errors = self.methods.values().flat_map(|m| m.errors.iter());
        for error in global_errors().iter().chain(method_errors) {
            if !all.contains_key(&error.name) {
                all.insert(error.name.clone(), error.clone());
            }
        }
        self.all_errors = all;
    }
}

/// Converts a dump error; `key` is its map key in the global table.
fn convert_error(e: &DumpError, key: Option<&str>) -> ErrorDoc {
    ErrorDoc {
        code: e.code,
        name: e
            .name
            .clone()
            .or_else(|| key.map(str::to_string))
            .unwrap_or_default(),
        description: description_to_markdown(&e.description, &[]).unwrap_or_default(),
    }
}

/// Maps dump keys that differ from the index's names only by case to the index's
/// spelling (`FileHash` → `fileHash`).
fn canonical_names<T>(index: &[String], entries: &BTreeMap<String, T>) -> BTreeMap<String, String> {
    let mut by_lowercase: BTreeMap<String, &String> = BTreeMap::new();
    for name in index {
        by_lowercase.insert(name.to_lowercase(), name);
    }
    let known: BTreeSet<&String> = index.iter().collect();
    entries
        .keys()
        .filter(|k| !known.contains(k))
        .filter_map(|k| {
            let canonical = by_lowercase.get(&k.to_lowercase())?;
            (!entries.contains_key(*canonical)).then(|| (k.clone(), (*canonical).clone()))
        })
        .collect()
}

/// Replaces `current` by the page's `text` unless the text is blank or says the
/// same as the current description's plain text (which keeps the dump's links).
fn merge_text(
    plain: &mut BTreeMap<String, String>,
    key: String,
    current: &mut Option<String>,
    text: Option<&str>,
) {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return;
    };
    let page_plain = plain_text(text);
    if current.is_some() && plain.get(&key) == Some(&page_plain) {
        return;
    }
    if let Some(markdown) = plain_to_markdown(text) {
        *current = Some(markdown);
        plain.insert(key, page_plain);
    }
}

/// Merges a page's parameter descriptions into `params`.
fn merge_params(
    plain: &mut BTreeMap<String, String>,
    slot: Slot,
    name: &str,
    params: &mut BTreeMap<String, String>,
    page: &Page,
) {
    for param in &page.params {
        let mut current = params.get(&param.name).cloned();
        merge_text(
            plain,
            text_key(slot, name, Some(&param.name)),
            &mut current,
            Some(&param.description),
        );
        if let Some(text) = current {
            params.insert(param.name.clone(), text);
        }
    }
}

/// The `*.txt` files of `dir`, sorted by file name.
fn page_files(dir: &Path) -> Result<Vec<PathBuf>, DocsError> {
    let io = |source| DocsError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "txt") && path.is_file() {
            files.push(path);
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}
