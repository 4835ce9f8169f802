//! The JSON writer: TDLib's compact text, byte for byte.

use super::{base64, JsonAs};

/// Writes TDLib/tonlib JSON into a `String`, exactly as TDLib's `JsonBuilder` does (see the
/// [module docs](super#what-the-writer-writes)): no whitespace, `@type` first, strings with
/// every non-ASCII character escaped, doubles with six decimals.
///
/// ```
/// use tlgen_runtime::json::{Int64, JsonWriter, Plain};
///
/// let mut out = JsonWriter::new();
/// out.begin_object("chatPosition");
/// out.field::<_, Int64>("order", &9_000_000_000_000_000_000);
/// out.field::<_, Plain>("is_pinned", &true);
/// out.end_object();
/// assert_eq!(out.as_str(), r#"{"@type":"chatPosition","order":"9000000000000000000","is_pinned":true}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonWriter {
    out: String,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty writer whose buffer holds `capacity` bytes before it grows.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
        }
    }

    /// The JSON written so far.
    pub fn into_string(self) -> String {
        self.out
    }

    /// The JSON written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// Empties the buffer, keeping its capacity (to write the next request into it).
    pub fn clear(&mut self) {
        self.out.clear();
    }

    /// Writes `{"@type":"<type_name>"`.
    #[inline]
    pub fn begin_object(&mut self, type_name: &str) {
        self.out.push_str("{\"@type\":");
        self.string(type_name);
    }

    /// Writes `,"<name>":<value>` with `value` written as `A` — or nothing at all when
    /// `A::is_absent(value)` (a null object field, which TDLib leaves out).
    #[inline]
    pub fn field<T, A: JsonAs<T>>(&mut self, name: &str, value: &T) {
        if A::is_absent(value) {
            return;
        }
        self.key(name);
        A::write_json(value, self);
    }

    /// Writes `,"<name>":`, for a value that the caller writes next (a key of a dynamic
    /// object; generated code uses [`field`](Self::field)).
    #[inline]
    pub fn key(&mut self, name: &str) {
        self.out.push(',');
        self.string(name);
        self.out.push(':');
    }

    /// Writes `}`.
    #[inline]
    pub fn end_object(&mut self) {
        self.out.push('}');
    }

    /// Writes `[`.
    #[inline]
    pub fn begin_array(&mut self) {
        self.out.push('[');
    }

    /// Before each item of an array: writes `,` unless the item is the first.
    #[inline]
    pub fn array_item(&mut self) {
        if !self.out.ends_with('[') {
            self.out.push(',');
        }
    }

    /// Writes `]`.
    #[inline]
    pub fn end_array(&mut self) {
        self.out.push(']');
    }

    /// Writes the items of `items` as a JSON array, each as `A`.
    pub fn array<T, A: JsonAs<T>>(&mut self, items: &[T]) {
        self.out.push('[');
        let mut first = true;
        for item in items {
            if !first {
                self.out.push(',');
            }
            first = false;
            A::write_json(item, self);
        }
        self.out.push(']');
    }

    /// Appends already-encoded JSON as it is (an [`UnknownObject`](super::UnknownObject)'s text).
    #[inline]
    pub fn raw(&mut self, json: &str) {
        self.out.push_str(json);
    }

    /// Adds the key `name` with the already-encoded value `json` to the object that ends the
    /// buffer (`{"@type":"getMe"}` becomes `{"@type":"getMe","@extra":7}`): how a client adds
    /// `@extra` (or `@client_id`) to a request written by its bindings. Returns false, and
    /// writes nothing, when the buffer does not end with `}`.
    ///
    /// ```
    /// use tlgen_runtime::json::JsonWriter;
    ///
    /// let mut out = JsonWriter::new();
    /// out.begin_object("getMe");
    /// out.end_object();
    /// assert!(out.append_raw_field("@extra", r#"{"id":7}"#));
    /// assert_eq!(out.as_str(), r#"{"@type":"getMe","@extra":{"id":7}}"#);
    /// ```
    pub fn append_raw_field(&mut self, name: &str, json: &str) -> bool {
        if !self.out.ends_with('}') {
            return false;
        }
        self.out.pop();
        if !self.out.ends_with('{') {
            self.out.push(',');
        }
        self.string(name);
        self.out.push(':');
        self.out.push_str(json);
        self.out.push('}');
        true
    }

    /// Writes `null`.
    #[inline]
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// Writes `true` or `false`.
    #[inline]
    pub fn bool(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Writes an `int32` (or an `int53`) as a JSON number.
    #[inline]
    pub fn i64(&mut self, value: i64) {
        let mut buffer = [0u8; 20];
        self.out.push_str(format_i64(value, &mut buffer));
    }

    /// Writes an `int64` as TDLib does: a decimal number in a JSON string, `"-123"`.
    #[inline]
    pub fn int64_string(&mut self, value: i64) {
        let mut buffer = [0u8; 20];
        self.out.push('"');
        self.out.push_str(format_i64(value, &mut buffer));
        self.out.push('"');
    }

    /// Writes a `double` as TDLib does: fixed notation with six decimals (`1.500000`,
    /// `-0.000000`, `100000000000000000000.000000`). TDLib's `inf` and `nan` are not JSON;
    /// a non-finite value is written `null`, which TDLib reads as `0`.
    #[inline]
    pub fn f64(&mut self, value: f64) {
        if value.is_finite() {
            use core::fmt::Write;
            // Rust's `{:.6}` and the C library's `%.6f` (what `std::fixed` with precision 6
            // prints) both round the exact binary value correctly, so they agree digit for
            // digit; `-0.0` keeps its sign in both.
            let _ = write!(self.out, "{value:.6}");
        } else {
            self.out.push_str("null");
        }
    }

    /// Writes a JSON string, escaped as TDLib does: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// `\u00XX` for the other control characters, and `\uXXXX` (lowercase hex; a surrogate
    /// pair above U+FFFF) for every non-ASCII character; `/` and DEL as they are.
    pub fn string(&mut self, value: &str) {
        let out = &mut self.out;
        out.reserve(value.len() + 2);
        out.push('"');
        let bytes = value.as_bytes();
        let mut run_start = 0;
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            if (0x20..0x80).contains(&byte) && byte != b'"' && byte != b'\\' {
                index += 1;
                continue;
            }
            // `index` is at a char's first byte (every byte before it in this run is ASCII),
            // so the run before it is a str.
            if let Some(run) = value.get(run_start..index) {
                out.push_str(run);
            }
            let c = value
                .get(index..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('\u{fffd}');
            index += c.len_utf8();
            run_start = index;
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                _ => {
                    let code = u32::from(c);
                    if code < 0x1_0000 {
                        push_u_escape(out, code);
                    } else {
                        let v = code - 0x1_0000;
                        push_u_escape(out, 0xd800 | (v >> 10));
                        push_u_escape(out, 0xdc00 | (v & 0x3ff));
                    }
                }
            }
        }
        if let Some(run) = value.get(run_start..) {
            out.push_str(run);
        }
        out.push('"');
    }

    /// Writes bytes as a JSON string of their padded standard base64.
    #[inline]
    pub fn bytes(&mut self, value: &[u8]) {
        self.out.push('"');
        base64::encode_into(value, &mut self.out);
        self.out.push('"');
    }
}

/// `\uXXXX` with lowercase hex digits, as TDLib's `JsonOneChar`.
fn push_u_escape(out: &mut String, code: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[((code >> shift) & 0xf) as usize]));
    }
}

/// The decimal digits of `value` in `buffer`, returned as a str.
fn format_i64(value: i64, buffer: &mut [u8; 20]) -> &str {
    let mut n = value.unsigned_abs();
    let mut start = buffer.len();
    loop {
        start -= 1;
        buffer[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        start -= 1;
        buffer[start] = b'-';
    }
    // The buffer holds ASCII digits and a sign only.
    core::str::from_utf8(&buffer[start..]).unwrap_or("0")
}
