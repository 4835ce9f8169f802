//! The model of `getdoc.json`, the JSON dump of core.telegram.org.
//!
//! The model is tolerant: every field may be missing or `null`, a description may
//! be one string or a list of paragraphs, and an error code may be a number or a
//! numeric string. Unknown keys are ignored.
//!
//! Shape (layer 223): `index` (`layer`, `categories` listing the names of every
//! constructor, method and type), `constructors` (name → description paragraphs,
//! `links`, `fields`), `types` (name → description, `links`), `methods` (name →
//! description, `links`, `parameters`, `errors`) and `errors` (name → `code`,
//! `type`, `description`). Descriptions carry link markers (`Stars¹`), see
//! [`crate::links`].

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

/// The whole dump.
#[derive(Debug, Clone, Default)]
pub struct Dump {
    /// The layer and the lists of names.
    pub index: DumpIndex,
    /// Constructors by name.
    pub constructors: BTreeMap<String, DumpItem>,
    /// Boxed types by name.
    pub types: BTreeMap<String, DumpItem>,
    /// Methods by name.
    pub methods: BTreeMap<String, DumpItem>,
    /// The global error table, by error name.
    pub errors: BTreeMap<String, DumpError>,
}

/// The `index` object.
#[derive(Debug, Clone, Default)]
pub struct DumpIndex {
    /// The layer the dump documents.
    pub layer: Option<i32>,
    /// Name lists: `constructor`, `method`, `type`.
    pub categories: Vec<DumpCategory>,
}

/// One name list of the index.
#[derive(Debug, Clone, Default)]
pub struct DumpCategory {
    /// `constructor`, `method` or `type`.
    pub name: String,
    /// The names, as spelled in the schema.
    pub values: Vec<String>,
}

/// A constructor, type or method entry.
#[derive(Debug, Clone, Default)]
pub struct DumpItem {
    /// The name (also the map key).
    pub name: Option<String>,
    /// Description paragraphs, with link markers.
    pub description: Vec<String>,
    /// The URLs of the description's link markers, in order.
    pub links: Vec<String>,
    /// Constructor fields by name.
    pub fields: BTreeMap<String, DumpParam>,
    /// Method parameters by name.
    pub parameters: BTreeMap<String, DumpParam>,
    /// Errors the method can return.
    pub errors: Vec<DumpError>,
}

/// A field or parameter entry.
#[derive(Debug, Clone, Default)]
pub struct DumpParam {
    /// The name (also the map key).
    pub name: Option<String>,
    /// The description, with link markers; paragraphs are joined by a space.
    pub description: Vec<String>,
    /// The URLs of the description's link markers, in order.
    pub links: Vec<String>,
}

/// An error entry, of a method or of the global table.
#[derive(Debug, Clone, Default)]
pub struct DumpError {
    /// The numeric code (400, 420, -503, …).
    pub code: i32,
    /// The error name (`FLOOD_WAIT_%d`), the JSON's `type`; the map key when missing.
    pub name: Option<String>,
    /// The description.
    pub description: Vec<String>,
}

impl Dump {
    /// The names of one index category (`constructor`, `method`, `type`).
    pub fn category(&self, name: &str) -> &[String] {
        self.index
            .categories
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.values.as_slice())
            .unwrap_or(&[])
    }
}

/// Why the dump was refused: its JSON does not parse, or a value has the wrong type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Where in the dump, as a path from its top: `methods["auth.sendCode"].errors[2].code`;
    /// empty for the dump itself and for syntax errors.
    pub at: String,
    /// The line and column (from 1) of a syntax error; `None` for a value of the wrong type.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.position, self.at.is_empty()) {
            (Some((line, column)), _) => {
                write!(f, "{} at line {line} column {column}", self.message)
            }
            (None, true) => f.write_str(&self.message),
            (None, false) => write!(f, "at {}: {}", self.at, self.message),
        }
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    /// A syntax error of `serde_json`, with its position.
    fn syntax(error: &serde_json::Error) -> Self {
        let (line, column) = (error.line(), error.column());
        let text = error.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
        JsonError {
            at: String::new(),
            position: (line > 0).then_some((line, column)),
            message,
        }
    }
}

/// Parses the dump.
///
/// Every field may be missing or `null` (its default); a value of another type than the
/// field's is an error naming where it is.
pub fn parse_dump(json: &str) -> Result<Dump, JsonError> {
    let start = json.trim_start();
    if !start.is_empty() && !start.starts_with('{') {
        return Err(not_an_object());
    }
    let value: Value = serde_json::from_str(json).map_err(|e| JsonError::syntax(&e))?;
    let Value::Object(mut top) = value else {
        return Err(not_an_object());
    };
    dump(&mut top).map_err(Mismatch::into_error)
}

fn not_an_object() -> JsonError {
    JsonError {
        at: String::new(),
        position: None,
        message: "the documentation dump must be a JSON object".into(),
    }
}

/// A value of the wrong type, and where: the path is built from the inside out.
struct Mismatch {
    /// Path segments, innermost first.
    path: Vec<Segment>,
    message: String,
}

/// One step of a path into the dump.
enum Segment {
    /// `.name` of an object with known fields.
    Field(&'static str),
    /// `["key"]` of a map.
    Key(String),
    /// `[index]` of a list.
    Index(usize),
}

impl Mismatch {
    /// `found` where `expected` was expected.
    fn new(found: &Value, expected: &str) -> Self {
        Mismatch {
            path: Vec::new(),
            message: format!("invalid type: {}, expected {expected}", describe(found)),
        }
    }

    fn within(mut self, segment: Segment) -> Self {
        self.path.push(segment);
        self
    }

    fn into_error(self) -> JsonError {
        let mut at = String::new();
        for segment in self.path.iter().rev() {
            match segment {
                Segment::Field(name) if at.is_empty() => at.push_str(name),
                Segment::Field(name) => {
                    at.push('.');
                    at.push_str(name);
                }
                Segment::Key(key) => {
                    at.push('[');
                    at.push_str(&Value::String(key.clone()).to_string());
                    at.push(']');
                }
                Segment::Index(i) => at.push_str(&format!("[{i}]")),
            }
        }
        JsonError {
            at,
            position: None,
            message: self.message,
        }
    }
}

/// A value as a type error shows it: its type, and a short form of a scalar.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if short.len() < s.len() { "…" } else { "" };
            format!("string {:?}{more}", short)
        }
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

type Shape<T> = Result<T, Mismatch>;

/// Takes field `name` out of `object` and reads it with `read` (which gets `Null` when the
/// field is missing).
fn field<T>(
    object: &mut Map<String, Value>,
    name: &'static str,
    read: impl FnOnce(Value) -> Shape<T>,
) -> Shape<T> {
    read(object.remove(name).unwrap_or(Value::Null)).map_err(|e| e.within(Segment::Field(name)))
}

fn dump(top: &mut Map<String, Value>) -> Shape<Dump> {
    Ok(Dump {
        index: field(top, "index", |v| nullable_object(v, "the index", index))?,
        constructors: field(top, "constructors", |v| map(v, item))?,
        types: field(top, "types", |v| map(v, item))?,
        methods: field(top, "methods", |v| map(v, item))?,
        errors: field(top, "errors", |v| map(v, error))?,
    })
}

fn index(object: &mut Map<String, Value>) -> Shape<DumpIndex> {
    Ok(DumpIndex {
        layer: field(object, "layer", optional_i32)?,
        categories: field(object, "categories", |v| list(v, category))?,
    })
}

fn category(value: Value) -> Shape<DumpCategory> {
    object(value, "a category", |object| {
        Ok(DumpCategory {
            name: field(object, "name", |v| {
                Ok(optional_string(v)?.unwrap_or_default())
            })?,
            values: field(object, "values", strings)?,
        })
    })
}

fn item(value: Value) -> Shape<DumpItem> {
    object(value, "an entry", |object| {
        Ok(DumpItem {
            name: field(object, "name", optional_string)?,
            description: field(object, "description", paragraphs)?,
            links: field(object, "links", strings)?,
            fields: field(object, "fields", |v| map(v, param))?,
            parameters: field(object, "parameters", |v| map(v, param))?,
            errors: field(object, "errors", |v| list(v, error))?,
        })
    })
}

fn param(value: Value) -> Shape<DumpParam> {
    object(value, "a parameter", |object| {
        Ok(DumpParam {
            name: field(object, "name", optional_string)?,
            description: field(object, "description", paragraphs)?,
            links: field(object, "links", strings)?,
        })
    })
}

fn error(value: Value) -> Shape<DumpError> {
    object(value, "an error", |object| {
        Ok(DumpError {
            code: field(object, "code", code)?,
            name: field(object, "type", optional_string)?,
            description: field(object, "description", paragraphs)?,
        })
    })
}

/// An object (not `null`), read by `read`.
fn object<T>(
    value: Value,
    expected: &str,
    read: impl FnOnce(&mut Map<String, Value>) -> Shape<T>,
) -> Shape<T> {
    match value {
        Value::Object(mut object) => read(&mut object),
        other => Err(Mismatch::new(&other, &format!("{expected} (an object)"))),
    }
}

/// An object read by `read`, or `T::default()` for `null`.
fn nullable_object<T: Default>(
    value: Value,
    expected: &str,
    read: impl FnOnce(&mut Map<String, Value>) -> Shape<T>,
) -> Shape<T> {
    match value {
        Value::Null => Ok(T::default()),
        other => object(other, expected, read),
    }
}

/// An object whose values are read by `read`, by key; empty for `null`.
fn map<T>(value: Value, read: impl Fn(Value) -> Shape<T>) -> Shape<BTreeMap<String, T>> {
    match value {
        Value::Null => Ok(BTreeMap::new()),
        Value::Object(object) => object
            .into_iter()
            .map(|(key, value)| match read(value) {
                Ok(value) => Ok((key, value)),
                Err(e) => Err(e.within(Segment::Key(key))),
            })
            .collect(),
        other => Err(Mismatch::new(&other, "an object")),
    }
}

/// A list whose elements are read by `read`; empty for `null`.
fn list<T>(value: Value, read: impl Fn(Value) -> Shape<T>) -> Shape<Vec<T>> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(values) => values
            .into_iter()
            .enumerate()
            .map(|(i, value)| read(value).map_err(|e| e.within(Segment::Index(i))))
            .collect(),
        other => Err(Mismatch::new(&other, "a list")),
    }
}

/// A list of strings; empty for `null`.
fn strings(value: Value) -> Shape<Vec<String>> {
    list(value, |value| match value {
        Value::String(s) => Ok(s),
        other => Err(Mismatch::new(&other, "a string")),
    })
}

/// A string, or `None` for `null`.
fn optional_string(value: Value) -> Shape<Option<String>> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        other => Err(Mismatch::new(&other, "a string")),
    }
}

/// An `i32`, or `None` for `null`.
fn optional_i32(value: Value) -> Shape<Option<i32>> {
    match &value {
        Value::Null => Ok(None),
        Value::Number(n) => match n.as_i64().map(i32::try_from) {
            Some(Ok(n)) => Ok(Some(n)),
            Some(Err(_)) => Err(Mismatch {
                path: Vec::new(),
                message: format!("{n} is out of range of a 32-bit integer"),
            }),
            None => Err(Mismatch::new(&value, "an integer")),
        },
        _ => Err(Mismatch::new(&value, "an integer")),
    }
}

/// Description paragraphs: a string, a list of strings (`null` ones skipped) or `null`.
fn paragraphs(value: Value) -> Shape<Vec<String>> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(vec![s]),
        Value::Array(values) => {
            let paragraphs = values
                .into_iter()
                .enumerate()
                .map(|(i, value)| optional_string(value).map_err(|e| e.within(Segment::Index(i))))
                .collect::<Shape<Vec<Option<String>>>>()?;
            Ok(paragraphs.into_iter().flatten().collect())
        }
        other => Err(Mismatch::new(&other, "a string or a list of strings")),
    }
}

/// An error code: a number, a numeric string or `null` (0).
fn code(value: Value) -> Shape<i32> {
    let wrong = |message: String| Mismatch {
        path: Vec::new(),
        message,
    };
    let code = match &value {
        Value::Null => return Ok(0),
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| Mismatch::new(&value, "an error code (an integer)"))?,
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| wrong(format!("error code {s:?} is not a number")))?,
        _ => {
            return Err(Mismatch::new(
                &value,
                "an error code (a number or a string)",
            ))
        }
    };
    i32::try_from(code).map_err(|_| wrong(format!("error code {code} is out of range")))
}
