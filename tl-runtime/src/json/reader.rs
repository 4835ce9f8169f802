//! The JSON reader: a cursor over the input's bytes that reads one value at a time, knows the
//! JSON path of where it stands (for errors), and never allocates ahead of the input.

use std::borrow::Cow;

use super::{base64, JsonAs, JsonError, JsonErrorKind, UnknownObject};

/// One step of the JSON path to where the reader stands.
#[derive(Debug, Clone, Copy)]
enum Segment {
    /// An object key, as the byte range of its text (between the quotes, still escaped).
    Key { start: usize, end: usize },
    /// A field named by the caller ([`JsonReader::read_field`] outside an object).
    Field(&'static str),
    /// An array item.
    Index(usize),
}

/// An object being read key by key: from [`JsonReader::begin_object`] (or
/// [`begin_object_keys`](JsonReader::begin_object_keys)), passed to each
/// [`next_field`](JsonReader::next_field) / [`next_key`](JsonReader::next_key) call.
#[derive(Debug)]
pub struct ObjectCursor {
    /// Where the object starts.
    start: usize,
    /// The constructor whose `@type` the object may carry; `None`: `@type` is a key like
    /// the others.
    expected: Option<(&'static str, i32)>,
    state: CursorState,
    /// The index after the field found last (TDLib writes fields in schema order).
    next: usize,
    /// The fields [`JsonReader::next_field`] found: bit `1 << index` for each of the first
    /// 64 keys, checked by [`JsonReader::check_required`].
    seen: u64,
    /// For [`JsonReader::begin_struct`]'s cursors: the struct's keys and its required ones
    /// (a mask over the keys' indices).
    keys: &'static [&'static str],
    required: u64,
    /// An error met by [`begin_struct`](JsonReader::begin_struct) or
    /// [`read_into`](Self::read_into), returned by the next
    /// [`next_struct_field`](JsonReader::next_struct_field).
    failed: Option<JsonError>,
}

impl ObjectCursor {
    /// A cursor right after the `{` at `start`, expecting `@type` `expected` (if any).
    fn new(start: usize, expected: Option<(&'static str, i32)>) -> Self {
        Self {
            start,
            expected,
            state: CursorState::First,
            next: 0,
            seen: 0,
            keys: &[],
            required: 0,
            failed: None,
        }
    }

    /// Reads the value at `input`'s cursor as `A` into `slot`: generated code's read of one
    /// field, `0 => object.read_into::<i32, Plain>(input, &mut value.id),`. An error is kept
    /// and returned by the next [`next_struct_field`](JsonReader::next_struct_field) (which
    /// the generated loop calls at once): one call per field and one `?` per struct, not one
    /// per field — those early returns were most of a generated crate's size.
    #[inline]
    pub fn read_into<T, A: JsonAs<T>>(&mut self, input: &mut JsonReader<'_>, slot: &mut T) {
        match A::read_json(input) {
            Ok(value) => *slot = value,
            Err(error) => self.failed = Some(error),
        }
    }
}

/// Where an [`ObjectCursor`] stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CursorState {
    /// After `{`.
    First,
    /// After a key (on the path) and its value.
    InMember,
    /// After a member that put nothing on the path (a `@type` peeked before).
    AfterMember,
    /// After `}`.
    Done,
}

/// The kind of the JSON value at the cursor, as [`JsonReader::peek_kind`] sees it from its
/// first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonKind {
    /// The word errors use for this kind: `"null"`, `"boolean"`, `"number"`, `"string"`,
    /// `"array"`, `"object"`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool => "boolean",
            Self::Number => "number",
            Self::String => "string",
            Self::Array => "array",
            Self::Object => "object",
        }
    }
}

/// Reads TDLib/tonlib JSON: a byte-level cursor over a `&str` (see the
/// [module docs](super#what-the-reader-accepts) for what it accepts).
///
/// Generated code reads an object with [`begin_object`](Self::begin_object) and a loop over
/// [`next_field`](Self::next_field), [`peek_constructor`](Self::peek_constructor) for abstract types, and
/// [`required`](Self::required) for fields that must be present. Errors carry the JSON path and
/// the byte offset.
///
/// ```
/// use tlgen_runtime::json::{JsonError, JsonReader, Plain};
///
/// let mut input = JsonReader::new(r#"{"@type":"textEntity","offset":0,"length":9,"x":[1]}"#);
/// let (mut offset, mut length) = (None, None);
/// input.read_object("textEntity", -1951688280, |input, key| {
///     match key {
///         "offset" => offset = Some(input.read_field::<i32, Plain>("offset")?),
///         "length" => length = Some(input.read_field::<i32, Plain>("length")?),
///         _ => input.skip_value()?,
///     }
///     Ok(())
/// })?;
/// assert_eq!((input.required(offset, "offset")?, input.required(length, "length")?), (0, 9));
/// input.finish()?;
/// # Ok::<(), JsonError>(())
/// ```
#[derive(Debug, Clone)]
pub struct JsonReader<'a> {
    text: &'a str,
    input: &'a [u8],
    pos: usize,
    depth: u32,
    max_depth: u32,
    path: Vec<Segment>,
    /// Where the last object that [`read_object`](Self::read_object) finished started: the
    /// offset of a [`MissingField`](JsonErrorKind::MissingField) error.
    object_start: usize,
    /// What [`peek_constructor`](Self::peek_constructor) learnt of the object at the cursor
    /// when its `@type` is its first key, for the [`read_object`](Self::read_object) that
    /// follows.
    peeked: Option<Peeked<'a>>,
}

/// An object whose first key is a `@type` already read: where the object and that value end,
/// and the name.
#[derive(Debug, Clone, Copy)]
struct Peeked<'a> {
    object: usize,
    value_end: usize,
    name: &'a str,
}

impl<'a> JsonReader<'a> {
    /// TDLib's limit: a value may stand inside at most 100 arrays and objects
    /// (`DEFAULT_MAX_DEPTH` in `tdutils/td/utils/JsonBuilder.h`).
    pub const DEFAULT_MAX_DEPTH: u32 = 100;

    /// A reader at the start of `input`.
    pub fn new(input: &'a str) -> Self {
        Self::with_max_depth(input, Self::DEFAULT_MAX_DEPTH)
    }

    /// A reader at the start of `input` that refuses values inside more than `max_depth`
    /// arrays and objects ([`JsonErrorKind::TooDeep`]).
    pub fn with_max_depth(input: &'a str, max_depth: u32) -> Self {
        Self {
            text: input,
            input: input.as_bytes(),
            pos: 0,
            depth: 0,
            max_depth,
            path: Vec::new(),
            object_start: 0,
            peeked: None,
        }
    }

    /// The byte offset of the cursor.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The input the reader was made with.
    pub fn input(&self) -> &'a str {
        self.text
    }

    /// The JSON path of where the reader stands: `$`, `$.message.content`, `$.messages[3]`.
    pub fn path(&self) -> String {
        let mut path = String::from("$");
        for segment in &self.path {
            self.push_segment(&mut path, *segment);
        }
        path
    }

    fn push_segment(&self, path: &mut String, segment: Segment) {
        match segment {
            Segment::Key { start, end } => {
                path.push('.');
                let raw = self.text.get(start..end).unwrap_or("");
                if raw.contains('\\') {
                    let mut quoted = JsonReader::new(self.text);
                    quoted.pos = start.saturating_sub(1);
                    match quoted.read_str() {
                        Ok(key) => path.push_str(&key),
                        Err(_) => path.push_str(raw),
                    }
                } else {
                    path.push_str(raw);
                }
            }
            Segment::Field(name) => {
                path.push('.');
                path.push_str(name);
            }
            Segment::Index(index) => {
                use core::fmt::Write;
                let _ = write!(path, "[{index}]");
            }
        }
    }

    /// An error of `kind` at the reader's path and the cursor's offset.
    #[cold]
    pub fn error(&self, kind: JsonErrorKind) -> JsonError {
        self.error_at(kind, self.pos)
    }

    /// An error of `kind` at the reader's path and byte `offset`.
    #[cold]
    pub fn error_at(&self, kind: JsonErrorKind, offset: usize) -> JsonError {
        JsonError::new(kind, self.path(), offset)
    }

    // ----- bytes and tokens -------------------------------------------------------------

    #[inline]
    fn peek_byte(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek_byte() {
            self.pos += 1;
        }
    }

    /// Skips whitespace and returns the next byte without consuming it; an error at the end.
    #[inline]
    fn peek_token(&mut self) -> Result<u8, JsonError> {
        self.skip_whitespace();
        match self.peek_byte() {
            Some(b) => Ok(b),
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
    }

    fn kind_of(byte: u8) -> Option<JsonKind> {
        Some(match byte {
            b'n' => JsonKind::Null,
            b't' | b'f' => JsonKind::Bool,
            b'-' | b'+' | b'.' | b'0'..=b'9' => JsonKind::Number,
            b'"' => JsonKind::String,
            b'[' => JsonKind::Array,
            b'{' => JsonKind::Object,
            _ => return None,
        })
    }

    /// The kind of the value at the cursor (skipping whitespace before it), judged from its
    /// first character; an error at the end of input or on a character no value starts with.
    pub fn peek_kind(&mut self) -> Result<JsonKind, JsonError> {
        let byte = self.peek_token()?;
        Self::kind_of(byte).ok_or_else(|| {
            self.error(JsonErrorKind::Syntax {
                expected: "a JSON value",
            })
        })
    }

    /// The error for a value of the wrong kind at the cursor (after whitespace).
    #[cold]
    fn unexpected(&mut self, expected: &'static str) -> JsonError {
        match self.peek_kind() {
            Ok(kind) => self.error(JsonErrorKind::UnexpectedType {
                expected,
                found: kind.name(),
            }),
            Err(error) => error,
        }
    }

    /// Consumes the literal `word` (`null`, `true`, `false`) whose first byte is at the cursor.
    fn literal(&mut self, word: &'static [u8]) -> Result<(), JsonError> {
        let end = self.pos + word.len();
        match self.input.get(self.pos..end) {
            Some(found) if found == word => {
                self.pos = end;
                Ok(())
            }
            Some(_) => Err(self.error(JsonErrorKind::Syntax {
                expected: "a JSON value",
            })),
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
    }

    /// Consumes `null` if it is the value at the cursor.
    pub fn read_null(&mut self) -> Result<bool, JsonError> {
        if self.peek_token()? == b'n' {
            self.literal(b"null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// The text of the number token at the cursor (whose first byte is a number's), as TDLib
    /// cuts it: the longest run of `-+.0123456789eE`.
    fn number_token(&mut self) -> &'a [u8] {
        let start = self.pos;
        while let Some(b'-' | b'+' | b'.' | b'0'..=b'9' | b'e' | b'E') = self.peek_byte() {
            self.pos += 1;
        }
        self.input.get(start..self.pos).unwrap_or(&[])
    }

    // ----- strings ---------------------------------------------------------------------

    /// Reads a string, borrowed from the input when it has no escapes.
    pub fn read_str(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek_token()? != b'"' {
            return Err(self.unexpected("string"));
        }
        self.string_at_quote()
    }

    /// Reads the string whose opening quote is at the cursor.
    #[inline]
    fn string_at_quote(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escape before the closing quote.
        self.skip_to_quote_or_backslash()?;
        if self.peek_byte() == Some(b'"') {
            let end = self.pos;
            self.pos += 1;
            // Quotes are ASCII, so `start..end` lies on char boundaries.
            return Ok(Cow::Borrowed(self.text.get(start..end).unwrap_or("")));
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or(""));
        self.string_rest(Some(&mut out))?;
        Ok(Cow::Owned(out))
    }

    /// Reads the rest of a string from the cursor (inside the quotes) up to and including the
    /// closing quote, unescaping into `out` if given (validating either way).
    fn string_rest(&mut self, mut out: Option<&mut String>) -> Result<(), JsonError> {
        loop {
            let run_start = self.pos;
            self.skip_to_quote_or_backslash()?;
            if let Some(out) = out.as_deref_mut() {
                out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            }
            let escape_start = self.pos;
            match self.peek_byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => self.pos += 1, // the backslash
            }
            let c = match self.peek_byte() {
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    self.pos += 1;
                    let high = self.hex4(escape_start)?;
                    let code = match high {
                        0xd800..=0xdbff => {
                            if self.input.get(self.pos..self.pos + 2) != Some(&b"\\u"[..]) {
                                return Err(
                                    self.error_at(JsonErrorKind::LoneSurrogate, escape_start)
                                );
                            }
                            self.pos += 2;
                            let low = self.hex4(escape_start)?;
                            if !(0xdc00..=0xdfff).contains(&low) {
                                return Err(
                                    self.error_at(JsonErrorKind::LoneSurrogate, escape_start)
                                );
                            }
                            0x1_0000 + ((high - 0xd800) << 10) + (low - 0xdc00)
                        }
                        0xdc00..=0xdfff => {
                            return Err(self.error_at(JsonErrorKind::LoneSurrogate, escape_start))
                        }
                        _ => high,
                    };
                    let c = char::from_u32(code)
                        .ok_or_else(|| self.error_at(JsonErrorKind::LoneSurrogate, escape_start))?;
                    if let Some(out) = out.as_deref_mut() {
                        out.push(c);
                    }
                    continue;
                }
                Some(_) => return Err(self.error_at(JsonErrorKind::InvalidEscape, escape_start)),
            };
            self.pos += 1;
            if let Some(out) = out.as_deref_mut() {
                out.push(c);
            }
        }
    }

    /// Moves the cursor to the next `"` or `\\`; an error at the end of input.
    #[inline]
    fn skip_to_quote_or_backslash(&mut self) -> Result<(), JsonError> {
        let rest = self.input.get(self.pos..).unwrap_or(&[]);
        match find_quote_or_backslash(rest) {
            Some(index) => {
                self.pos += index;
                Ok(())
            }
            None => {
                self.pos = self.input.len();
                Err(self.error(JsonErrorKind::UnexpectedEnd))
            }
        }
    }

    /// Four hex digits at the cursor.
    fn hex4(&mut self, escape_start: usize) -> Result<u32, JsonError> {
        let Some(digits) = self.input.get(self.pos..self.pos + 4) else {
            return Err(self.error_at(JsonErrorKind::InvalidEscape, escape_start));
        };
        let mut value = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error_at(JsonErrorKind::InvalidEscape, escape_start)),
            };
            value = value << 4 | u32::from(v);
        }
        self.pos += 4;
        Ok(value)
    }

    /// Reads a string into a new `String`.
    pub fn read_string(&mut self) -> Result<String, JsonError> {
        self.read_str().map(Cow::into_owned)
    }

    /// Reads a base64 string (`bytes`, `secureBytes`).
    pub fn read_bytes(&mut self) -> Result<Vec<u8>, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let text = self.read_str()?;
        let mut out = Vec::new();
        base64::decode_into(text.as_bytes(), &mut out)
            .map_err(|()| self.error_at(JsonErrorKind::InvalidBase64, start))?;
        Ok(out)
    }

    /// Reads a base64 string of exactly `N` bytes (`int128`, `int256`).
    pub fn read_byte_array<const N: usize>(&mut self) -> Result<[u8; N], JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let bytes = self.read_bytes()?;
        <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| {
            self.error_at(
                JsonErrorKind::InvalidLength {
                    expected: N,
                    found: bytes.len(),
                },
                start,
            )
        })
    }

    // ----- numbers and booleans --------------------------------------------------------

    /// Reads an integer as TDLib does: a JSON number or a string, whose text must be the
    /// canonical decimal form of a value in `min..=max` (`-?(0|[1-9][0-9]*)`, no `-0`).
    fn read_integer(
        &mut self,
        min: i64,
        max: i64,
        expected: &'static str,
    ) -> Result<i64, JsonError> {
        let byte = self.peek_token()?;
        let start = self.pos;
        let value = match Self::kind_of(byte) {
            Some(JsonKind::Number) => parse_canonical(self.number_token()),
            Some(JsonKind::String) => parse_canonical(self.read_str()?.as_bytes()),
            _ => return Err(self.unexpected("number")),
        };
        match value {
            Some(value) if (min..=max).contains(&value) => Ok(value),
            _ => Err(self.error_at(JsonErrorKind::InvalidNumber { expected }, start)),
        }
    }

    /// Reads an `int32`: a number, or a string holding one (TDLib accepts both).
    pub fn read_i32(&mut self) -> Result<i32, JsonError> {
        let value = self.read_integer(i32::MIN.into(), i32::MAX.into(), "int32")?;
        // In range by the check above.
        Ok(i32::try_from(value).unwrap_or_default())
    }

    /// Reads an `int53` or `int64`: a number, or a string holding one (TDLib accepts both).
    pub fn read_i64(&mut self) -> Result<i64, JsonError> {
        self.read_integer(i64::MIN, i64::MAX, "int64")
    }

    /// Reads a `double`: a JSON number (not a string, as in TDLib), finite.
    pub fn read_f64(&mut self) -> Result<f64, JsonError> {
        let byte = self.peek_token()?;
        if Self::kind_of(byte) != Some(JsonKind::Number) {
            return Err(self.unexpected("number"));
        }
        let start = self.pos;
        let token = self.number_token();
        core::str::from_utf8(token)
            .ok()
            .and_then(|text| text.parse::<f64>().ok())
            .filter(|value| value.is_finite())
            .ok_or_else(|| {
                self.error_at(JsonErrorKind::InvalidNumber { expected: "double" }, start)
            })
    }

    /// Reads a `Bool`: `true` or `false`; as in TDLib, an `int32` (number or string) is also
    /// accepted, non-zero meaning `true`.
    pub fn read_bool(&mut self) -> Result<bool, JsonError> {
        match self.peek_token()? {
            b't' => self.literal(b"true").map(|()| true),
            b'f' => self.literal(b"false").map(|()| false),
            b'"' | b'-' | b'+' | b'.' | b'0'..=b'9' => Ok(self.read_i32()? != 0),
            _ => Err(self.unexpected("boolean")),
        }
    }

    // ----- containers ------------------------------------------------------------------

    /// Enters an array or object whose opening byte is at the cursor.
    #[inline]
    fn enter(&mut self) {
        self.pos += 1;
        self.depth += 1;
    }

    /// Before the first item of the container just entered: TDLib refuses a value inside more
    /// than `max_depth` containers (an empty container there is fine).
    #[inline]
    fn check_depth(&self) -> Result<(), JsonError> {
        if self.depth > self.max_depth {
            Err(self.error(JsonErrorKind::TooDeep {
                limit: self.max_depth,
            }))
        } else {
            Ok(())
        }
    }

    /// After an item: consumes `,` (true: another item follows) or `close` (false).
    #[inline]
    fn after_item(&mut self, close: u8, expected: &'static str) -> Result<bool, JsonError> {
        match self.peek_token()? {
            b',' => {
                self.pos += 1;
                Ok(true)
            }
            b if b == close => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            _ => Err(self.error(JsonErrorKind::Syntax { expected })),
        }
    }

    /// Reads an array, calling `item` at each item (which must consume it); the item's index
    /// is on the error path meanwhile.
    pub fn read_array(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        if self.peek_token()? != b'[' {
            return Err(self.unexpected("array"));
        }
        self.enter();
        if self.peek_token()? == b']' {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        self.check_depth()?;
        let mut index = 0;
        loop {
            self.path.push(Segment::Index(index));
            item(self)?;
            self.path.pop();
            if !self.after_item(b']', "',' or ']'")? {
                return Ok(());
            }
            index += 1;
        }
    }

    /// Reads the key at the cursor and the `:` after it; returns the key and its raw range.
    fn object_key(&mut self) -> Result<(Cow<'a, str>, Segment), JsonError> {
        if self.peek_token()? != b'"' {
            return Err(self.error(JsonErrorKind::Syntax {
                expected: "a string key",
            }));
        }
        let start = self.pos + 1;
        let key = self.string_at_quote()?;
        let segment = Segment::Key {
            start,
            end: self.pos - 1,
        };
        if self.peek_token()? != b':' {
            return Err(self.error(JsonErrorKind::Syntax { expected: "':'" }));
        }
        self.pos += 1;
        Ok((key, segment))
    }

    /// Starts reading an object of constructor `type_name` (numeric id `id`), key by key with
    /// [`next_field`](Self::next_field) (generated code) or [`next_key`](Self::next_key).
    /// A `@type` key, if present (anywhere in the object), must be `type_name` or the number
    /// `id` (TDLib accepts both); it may be absent (TDLib accepts that for a concrete type).
    ///
    /// ```
    /// use tlgen_runtime::json::{JsonAs, JsonError, JsonReader, Plain};
    ///
    /// let mut input = JsonReader::new(r#"{"@type":"textEntity","offset":0,"length":9,"x":[1]}"#);
    /// let (mut offset, mut length) = (None, None);
    /// let mut object = input.begin_object("textEntity", -1951688280)?;
    /// while let Some(field) = input.next_field(&mut object, &["offset", "length"])? {
    ///     match field {
    ///         0 => offset = Some(<Plain as JsonAs<i32>>::read_json(&mut input)?),
    ///         _ => length = Some(<Plain as JsonAs<i32>>::read_json(&mut input)?),
    ///     }
    /// }
    /// assert_eq!((input.required(offset, "offset")?, input.required(length, "length")?), (0, 9));
    /// input.finish()?;
    /// # Ok::<(), JsonError>(())
    /// ```
    pub fn begin_object(
        &mut self,
        type_name: &'static str,
        id: i32,
    ) -> Result<ObjectCursor, JsonError> {
        if self.peek_token()? != b'{' {
            return Err(self.unexpected("object"));
        }
        let start = self.pos;
        let mut cursor = ObjectCursor::new(start, Some((type_name, id)));
        // Right after `peek_constructor` found this object's `@type` as its first key: go on
        // after it instead of reading it again.
        if let Some(peeked) = self.peeked.take() {
            if peeked.object == start && peeked.name == type_name {
                self.depth += 1;
                self.check_depth()?;
                self.pos = peeked.value_end;
                cursor.state = CursorState::AfterMember;
                return Ok(cursor);
            }
        }
        self.enter();
        Ok(cursor)
    }

    /// Starts reading an object of any constructor, key by key with
    /// [`next_key`](Self::next_key), which then passes its `@type` on like any other key: for
    /// readers driven by a schema at run time.
    pub fn begin_object_keys(&mut self) -> Result<ObjectCursor, JsonError> {
        if self.peek_token()? != b'{' {
            return Err(self.unexpected("object"));
        }
        let start = self.pos;
        self.enter();
        Ok(ObjectCursor::new(start, None))
    }

    /// The next key of the object `cursor` reads, with the cursor before its value (which the
    /// caller must consume: a `read_*` call or [`skip_value`](Self::skip_value)); `None` after
    /// the closing `}`. The key is on the error path until the next call. A `@type` is checked
    /// and passed over (for [`begin_object`](Self::begin_object)'s cursors).
    pub fn next_key(
        &mut self,
        cursor: &mut ObjectCursor,
    ) -> Result<Option<Cow<'a, str>>, JsonError> {
        loop {
            match cursor.state {
                CursorState::Done => return Ok(None),
                CursorState::First => {
                    if self.peek_token()? == b'}' {
                        self.pos += 1;
                        self.depth -= 1;
                        return Ok(self.end_object(cursor));
                    }
                    self.check_depth()?;
                }
                CursorState::InMember => {
                    self.path.pop();
                    if !self.after_item(b'}', "',' or '}'")? {
                        return Ok(self.end_object(cursor));
                    }
                }
                CursorState::AfterMember => {
                    if !self.after_item(b'}', "',' or '}'")? {
                        return Ok(self.end_object(cursor));
                    }
                }
            }
            let (key, segment) = self.object_key()?;
            self.path.push(segment);
            cursor.state = CursorState::InMember;
            match cursor.expected {
                Some((type_name, id)) if key == "@type" => self.expect_type(type_name, id)?,
                _ => return Ok(Some(key)),
            }
        }
    }

    /// The next field of the object `cursor` reads that is one of `keys`, as its index into
    /// `keys`, with the cursor before its value (which the caller must consume); other keys'
    /// values are skipped (bindings for TDLib N read what N+k sends). `None` after the closing
    /// `}`. The key is on the error path until the next call.
    pub fn next_field(
        &mut self,
        cursor: &mut ObjectCursor,
        keys: &[&str],
    ) -> Result<Option<usize>, JsonError> {
        while let Some(key) = self.next_key(cursor)? {
            // TDLib writes the fields in their schema order: try the one after the last first.
            let found = match keys.get(cursor.next) {
                Some(next) if *next == key => Some(cursor.next),
                _ => keys.iter().position(|k| *k == key),
            };
            if let Some(index) = found {
                cursor.next = index + 1;
                cursor.seen |= u32::try_from(index)
                    .ok()
                    .and_then(|index| 1u64.checked_shl(index))
                    .unwrap_or(0);
                return Ok(Some(index));
            }
            self.skip_value()?;
        }
        Ok(None)
    }

    /// Starts reading a struct of constructor `type_name` (numeric id `id`) whose fields are
    /// `keys`, the ones whose bit is set in `required` (`1 << index`, the first 64 keys)
    /// required: generated code's reader, driven by
    /// [`next_struct_field`](Self::next_struct_field) and [`ObjectCursor::read_into`]. The
    /// checks of [`begin_object`](Self::begin_object) apply; an error is returned by the first
    /// `next_struct_field`.
    ///
    /// ```
    /// use tlgen_runtime::json::{JsonError, JsonReader, Plain};
    ///
    /// const KEYS: &[&str] = &["offset", "length"];
    /// let read = |line: &str| -> Result<(i32, i32), JsonError> {
    ///     let mut input = JsonReader::new(line);
    ///     let (mut offset, mut length) = (0, 0);
    ///     let mut object = input.begin_struct("textEntity", -1951688280, KEYS, 0b11);
    ///     while let Some(field) = input.next_struct_field(&mut object)? {
    ///         match field {
    ///             0 => object.read_into::<i32, Plain>(&mut input, &mut offset),
    ///             _ => object.read_into::<i32, Plain>(&mut input, &mut length),
    ///         }
    ///     }
    ///     input.finish()?;
    ///     Ok((offset, length))
    /// };
    /// assert_eq!(read(r#"{"@type":"textEntity","offset":3,"length":9,"new":[]}"#)?, (3, 9));
    /// assert_eq!(
    ///     read(r#"{"@type":"textEntity","offset":3}"#).unwrap_err().to_string(),
    ///     "$: missing required field `length` (at byte 0)"
    /// );
    /// assert_eq!(
    ///     read(r#"{"offset":"x"}"#).unwrap_err().to_string(),
    ///     "$.offset: invalid int32 (at byte 10)"
    /// );
    /// # Ok::<(), JsonError>(())
    /// ```
    pub fn begin_struct(
        &mut self,
        type_name: &'static str,
        id: i32,
        keys: &'static [&'static str],
        required: u64,
    ) -> ObjectCursor {
        let mut cursor = match self.begin_object(type_name, id) {
            Ok(cursor) => cursor,
            Err(error) => ObjectCursor {
                state: CursorState::Done,
                failed: Some(error),
                ..ObjectCursor::new(self.pos, Some((type_name, id)))
            },
        };
        cursor.keys = keys;
        cursor.required = required;
        cursor
    }

    /// The next field of the struct `cursor` reads ([`begin_struct`](Self::begin_struct)),
    /// as [`next_field`](Self::next_field) finds it among the struct's keys; after the
    /// closing `}`, the check that every required field was there, then `None`. Returns the
    /// error of the last [`ObjectCursor::read_into`] first, if it failed.
    pub fn next_struct_field(
        &mut self,
        cursor: &mut ObjectCursor,
    ) -> Result<Option<usize>, JsonError> {
        if let Some(error) = cursor.failed.take() {
            cursor.state = CursorState::Done;
            return Err(error);
        }
        let keys = cursor.keys;
        match self.next_field(cursor, keys)? {
            Some(index) => Ok(Some(index)),
            None => {
                let required = core::mem::take(&mut cursor.required);
                self.check_required(cursor, required, keys)?;
                Ok(None)
            }
        }
    }

    /// After an object's `}`: where it started is the offset of a missing-field error.
    fn end_object<T>(&mut self, cursor: &mut ObjectCursor) -> Option<T> {
        cursor.state = CursorState::Done;
        self.object_start = cursor.start;
        None
    }

    /// Reads an object of constructor `type_name` (numeric id `id`), as
    /// [`begin_object`](Self::begin_object) does, passing every other key to `field`, which
    /// must consume its value with [`read_field`](Self::read_field) or
    /// [`skip_value`](Self::skip_value) (unknown keys: skip).
    ///
    /// ```
    /// use tlgen_runtime::json::{JsonError, JsonReader, Plain};
    ///
    /// let mut input = JsonReader::new(r#"{"offset":0,"@type":"textEntity","length":9}"#);
    /// let (mut offset, mut length) = (None, None);
    /// input.read_object("textEntity", -1951688280, |input, key| {
    ///     match key {
    ///         "offset" => offset = Some(input.read_field::<i32, Plain>("offset")?),
    ///         "length" => length = Some(input.read_field::<i32, Plain>("length")?),
    ///         _ => input.skip_value()?,
    ///     }
    ///     Ok(())
    /// })?;
    /// assert_eq!((offset, length), (Some(0), Some(9)));
    /// # Ok::<(), JsonError>(())
    /// ```
    pub fn read_object(
        &mut self,
        type_name: &'static str,
        id: i32,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        let mut cursor = self.begin_object(type_name, id)?;
        while let Some(key) = self.next_key(&mut cursor)? {
            field(self, &key)?;
        }
        Ok(())
    }

    /// Reads an object, passing every key (`@type` included) to `field`, which must consume
    /// its value; the key is on the error path meanwhile. For readers driven by a schema at
    /// run time.
    pub fn read_object_keys(
        &mut self,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        let mut cursor = self.begin_object_keys()?;
        while let Some(key) = self.next_key(&mut cursor)? {
            field(self, &key)?;
        }
        Ok(())
    }

    /// Reads a `@type` value and checks that it names `type_name` (or is its id).
    fn expect_type(&mut self, type_name: &'static str, id: i32) -> Result<(), JsonError> {
        let byte = self.peek_token()?;
        let start = self.pos;
        let found = match Self::kind_of(byte) {
            Some(JsonKind::String) => {
                let found = self.read_str()?;
                if found == type_name {
                    return Ok(());
                }
                found.into_owned()
            }
            Some(JsonKind::Number) => {
                let token = self.number_token();
                if parse_canonical(token) == Some(i64::from(id)) {
                    return Ok(());
                }
                String::from_utf8_lossy(token).into_owned()
            }
            _ => return Err(self.unexpected("string")),
        };
        Err(self.error_at(
            JsonErrorKind::UnexpectedConstructor {
                expected: type_name,
                found,
            },
            start,
        ))
    }

    /// Reads the value of field `name` as `A`. Inside [`read_object`](Self::read_object) the
    /// field's key is already on the error path; elsewhere `name` is pushed on it.
    #[inline]
    pub fn read_field<T, A: JsonAs<T>>(&mut self, name: &'static str) -> Result<T, JsonError> {
        if let Some(Segment::Key { .. }) = self.path.last() {
            A::read_json(self)
        } else {
            self.path.push(Segment::Field(name));
            let value = A::read_json(self)?;
            self.path.pop();
            Ok(value)
        }
    }

    /// `value`, or the error "missing required field `name`" (path: the field's, offset: where
    /// the object that lacks it starts — the last one [`read_object`](Self::read_object) read).
    #[inline]
    pub fn required<T>(&self, value: Option<T>, name: &'static str) -> Result<T, JsonError> {
        match value {
            Some(value) => Ok(value),
            None => Err(self.missing(name)),
        }
    }

    /// After the object `object` read is closed: the error "missing required field" for the
    /// first of `keys` whose bit (`1 << index`) is set in `required` but was not found by
    /// [`next_field`](Self::next_field), or `Ok`. Only the first 64 keys have bits.
    ///
    /// ```
    /// use tlgen_runtime::json::{JsonError, JsonErrorKind, JsonReader, Plain};
    ///
    /// const KEYS: &[&str] = &["offset", "length"];
    /// let mut input = JsonReader::new(r#"{"@type":"textEntity","offset":3}"#);
    /// let (mut offset, mut length) = (0, 0);
    /// let mut object = input.begin_object("textEntity", -1951688280)?;
    /// while let Some(field) = input.next_field(&mut object, KEYS)? {
    ///     match field {
    ///         0 => offset = input.read_field::<i32, Plain>("offset")?,
    ///         _ => length = input.read_field::<i32, Plain>("length")?,
    ///     }
    /// }
    /// let error = input.check_required(&object, 0b11, KEYS).unwrap_err();
    /// assert_eq!(error.to_string(), "$: missing required field `length` (at byte 0)");
    /// # Ok::<(), JsonError>(())
    /// ```
    #[inline]
    pub fn check_required(
        &self,
        object: &ObjectCursor,
        required: u64,
        keys: &[&'static str],
    ) -> Result<(), JsonError> {
        let missing = required & !object.seen;
        if missing == 0 {
            return Ok(());
        }
        match usize::try_from(missing.trailing_zeros())
            .ok()
            .and_then(|index| keys.get(index))
        {
            Some(name) => Err(self.missing(name)),
            None => Ok(()),
        }
    }

    #[cold]
    fn missing(&self, name: &str) -> JsonError {
        let mut path = self.path();
        path.push('.');
        path.push_str(name);
        JsonError::new(
            JsonErrorKind::MissingField {
                field: name.to_owned(),
            },
            path,
            self.object_start,
        )
    }

    /// Skips one JSON value of any kind, checking its syntax (strings' escapes included) and
    /// the depth limit.
    pub fn skip_value(&mut self) -> Result<(), JsonError> {
        match self.peek_token()? {
            b'"' => {
                self.pos += 1;
                self.string_rest(None)
            }
            b'{' => {
                self.enter();
                if self.peek_token()? == b'}' {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                self.check_depth()?;
                loop {
                    let (_, segment) = self.object_key()?;
                    self.path.push(segment);
                    self.skip_value()?;
                    self.path.pop();
                    if !self.after_item(b'}', "',' or '}'")? {
                        return Ok(());
                    }
                }
            }
            b'[' => self.read_array(Self::skip_value),
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'-' | b'+' | b'.' | b'0'..=b'9' => {
                self.number_token();
                Ok(())
            }
            _ => Err(self.error(JsonErrorKind::Syntax {
                expected: "a JSON value",
            })),
        }
    }

    /// Scans the object at the cursor for its first `@type` key, without consuming anything;
    /// returns the byte offset of that key's value, or `None` when the object has none.
    /// Only the object's own keys count; their values are skipped (and checked) on the way.
    fn find_type(&mut self) -> Result<Option<(usize, bool)>, JsonError> {
        if self.peek_token()? != b'{' {
            return Err(self.unexpected("object"));
        }
        let start = self.pos;
        let depth = self.depth;
        let path_len = self.path.len();
        let result = self.find_type_inner();
        self.pos = start;
        self.depth = depth;
        self.path.truncate(path_len);
        result
    }

    fn find_type_inner(&mut self) -> Result<Option<(usize, bool)>, JsonError> {
        self.enter();
        if self.peek_token()? == b'}' {
            return Ok(None);
        }
        self.check_depth()?;
        let mut first = true;
        loop {
            let (key, segment) = self.object_key()?;
            if key == "@type" {
                self.skip_whitespace();
                return Ok(Some((self.pos, first)));
            }
            first = false;
            self.path.push(segment);
            self.skip_value()?;
            self.path.pop();
            if !self.after_item(b'}', "',' or '}'")? {
                return Ok(None);
            }
        }
    }

    /// For an abstract type: which constructor the object at the cursor is, from its `@type`
    /// (found wherever it stands in the object, without consuming anything). `table` is sorted
    /// by name (byte order) and gives each constructor's (name, id); returns the index into
    /// `table`, or `None` when the `@type` is not in it (an unknown constructor: read it with
    /// [`read_unknown`](Self::read_unknown)). A numeric `@type` is looked up by id.
    ///
    /// When the `@type` is the object's first key (as TDLib writes it), the
    /// [`read_object`](Self::read_object) of the same constructor that follows goes on after
    /// it instead of reading it again.
    ///
    /// An error when the value is not an object or has no `@type` (or a `@type` that is
    /// neither a string nor a number).
    pub fn peek_constructor(&mut self, table: &[(&str, i32)]) -> Result<Option<usize>, JsonError> {
        let Some((type_at, first)) = self.find_type()? else {
            return Err(self.error(JsonErrorKind::MissingType));
        };
        let object = self.pos;
        self.pos = type_at;
        let found = self.read_type();
        let value_end = self.pos;
        self.pos = object;
        Ok(match found? {
            TypeTag::Name(name) => {
                let index = table.binary_search_by(|(n, _)| (*n).cmp(&*name)).ok();
                if let (true, Some(_), Cow::Borrowed(name)) = (first, index, name) {
                    self.peeked = Some(Peeked {
                        object,
                        value_end,
                        name,
                    });
                }
                index
            }
            TypeTag::Id { id: Some(id), .. } => table.iter().position(|&(_, i)| i == id),
            TypeTag::Id { id: None, .. } => None,
        })
    }

    /// The `@type` of the object at the cursor (its first one, wherever it stands among the
    /// keys), without consuming anything; `None` when the object has none. For readers driven
    /// by a schema at run time, which look the name up themselves; generated code uses
    /// [`peek_constructor`](Self::peek_constructor). An error when the value is not an object,
    /// or the `@type` is neither a string nor a number.
    ///
    /// ```
    /// use tlgen_runtime::json::{JsonReader, TypeTag};
    ///
    /// let mut input = JsonReader::new(r#"{"text":"hi","@type":"formattedText"}"#);
    /// assert_eq!(input.peek_type()?, Some(TypeTag::Name("formattedText".into())));
    /// assert_eq!(input.position(), 0);
    /// let mut input = JsonReader::new(r#"{"@type":-1951688280}"#);
    /// assert_eq!(input.peek_type()?, Some(TypeTag::Id { id: Some(-1951688280), text: "-1951688280" }));
    /// assert_eq!(JsonReader::new("{}").peek_type()?, None);
    /// # Ok::<(), tlgen_runtime::json::JsonError>(())
    /// ```
    pub fn peek_type(&mut self) -> Result<Option<TypeTag<'a>>, JsonError> {
        let Some((type_at, _)) = self.find_type()? else {
            return Ok(None);
        };
        let saved = self.pos;
        self.pos = type_at;
        let found = self.read_type();
        self.pos = saved;
        found.map(Some)
    }

    /// Reads a `@type` value at the cursor: a string (a name) or a number (a constructor id,
    /// `None` unless it is an `int32` in canonical form, as TDLib's `to_integer<int32>`
    /// reads it). Anything else is [`JsonErrorKind::UnexpectedType`].
    pub fn read_type(&mut self) -> Result<TypeTag<'a>, JsonError> {
        let byte = self.peek_token()?;
        match Self::kind_of(byte) {
            Some(JsonKind::String) => Ok(TypeTag::Name(self.read_str()?)),
            Some(JsonKind::Number) => {
                let token = self.number_token();
                Ok(TypeTag::Id {
                    id: parse_canonical(token).and_then(|id| i32::try_from(id).ok()),
                    // The token's bytes are all ASCII.
                    text: core::str::from_utf8(token).unwrap_or(""),
                })
            }
            _ => Err(self.unexpected("string")),
        }
    }

    /// Reads the object at the cursor whole, as an [`UnknownObject`]: its `@type` (the text
    /// of a numeric one) and its exact JSON text. An error if it is not an object or has no
    /// `@type`.
    pub fn read_unknown(&mut self) -> Result<UnknownObject, JsonError> {
        let Some((type_at, _)) = self.find_type()? else {
            return Err(self.error(JsonErrorKind::MissingType));
        };
        let start = self.pos;
        let saved = self.pos;
        self.pos = type_at;
        let type_name = match self.read_type()? {
            TypeTag::Name(name) => name.into_owned(),
            TypeTag::Id { text, .. } => text.to_owned(),
        };
        self.pos = saved;
        self.skip_value()?;
        let json = self.text.get(start..self.pos).unwrap_or("").to_owned();
        Ok(UnknownObject::new(type_name, json))
    }

    /// Skips a value and returns its exact text (an `@extra`, a value kept as it is).
    pub fn read_raw(&mut self) -> Result<&'a str, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        self.skip_value()?;
        Ok(self.text.get(start..self.pos).unwrap_or(""))
    }

    /// An error unless only whitespace is left.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.pos < self.input.len() {
            Err(self.error(JsonErrorKind::TrailingCharacters))
        } else {
            Ok(())
        }
    }
}

/// An object's `@type` as written, from [`JsonReader::peek_type`] and
/// [`JsonReader::read_type`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeTag<'a> {
    /// A constructor's name: `"updateNewMessage"`.
    Name(Cow<'a, str>),
    /// A number: the constructor's id (TDLib reads `@type` as an `int32` too).
    Id {
        /// The value, if the number is an `int32` in canonical decimal form.
        id: Option<i32>,
        /// The number's text as written.
        text: &'a str,
    },
}

/// The value of `text` if it is the canonical decimal form of an `i64`: `-?(0|[1-9][0-9]*)`,
/// not `-0` — what TDLib's `to_integer_safe` accepts (it prints the value back and compares).
pub(crate) fn parse_canonical(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    match digits {
        [] => return None,
        [b'0'] if !negative => return Some(0),
        [b'0', ..] => return None,
        _ if digits.len() > 19 => return None,
        _ => {}
    }
    let mut magnitude: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        magnitude = magnitude
            .checked_mul(10)?
            .checked_add(u64::from(d - b'0'))?;
    }
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// The index of the first `"` or `\\` in `bytes`, eight bytes at a time (the "has zero byte"
/// test of a word XORed with the byte repeated: a borrow only ever marks bytes above a real
/// match, so the lowest marked byte is the first match).
#[inline]
fn find_quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const QUOTES: u64 = ONES * b'"' as u64;
    const BACKSLASHES: u64 = ONES * b'\\' as u64;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        if let Ok(word) = <[u8; 8]>::try_from(chunk) {
            let word = u64::from_le_bytes(word);
            let quote = word ^ QUOTES;
            let backslash = word ^ BACKSLASHES;
            let found = (quote.wrapping_sub(ONES) & !quote
                | backslash.wrapping_sub(ONES) & !backslash)
                & HIGHS;
            if found != 0 {
                return Some(offset + (found.trailing_zeros() / 8) as usize);
            }
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\')
        .map(|index| offset + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_quote_or_backslash_agrees_with_a_plain_search() {
        // Every length up to three words, every position of the match, with bytes around it
        // that are close to the targets ('"' ± 1, '\\' ± 1, 0x80 and 0xff set the high bits).
        for len in 0..24 {
            for at in 0..=len {
                for target in [b'"', b'\\'] {
                    for filler in [b'!', b'#', b'[', b']', 0x80, 0xff, 0x00, 0x22 ^ 0x80] {
                        let mut bytes = vec![filler; len];
                        if let Some(byte) = bytes.get_mut(at) {
                            *byte = target;
                        }
                        let plain = bytes.iter().position(|&b| b == b'"' || b == b'\\');
                        assert_eq!(find_quote_or_backslash(&bytes), plain, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn canonical_integers() {
        assert_eq!(parse_canonical(b"0"), Some(0));
        assert_eq!(parse_canonical(b"-9223372036854775808"), Some(i64::MIN));
        assert_eq!(parse_canonical(b"9223372036854775807"), Some(i64::MAX));
        for bad in [
            &b""[..],
            b"-",
            b"-0",
            b"00",
            b"+1",
            b"9223372036854775808",
            b"1a",
            b"12345678901234567890",
        ] {
            assert_eq!(parse_canonical(bad), None, "{bad:?}");
        }
    }
}
