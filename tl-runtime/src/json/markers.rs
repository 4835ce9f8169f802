//! How each Rust type is written in TDLib's JSON: [`TdJson`] for the primitives, and the
//! [`JsonAs`] markers the generator picks per field.
//!
//! The generic impls here are compiled once per field type of a generated crate (thousands
//! for TDLib): they wrap results after `tri!` (a `match`), not with `Result::map(Some)`,
//! which would add a `map` and a closure shim per type.

use core::marker::PhantomData;

use super::{JsonError, JsonReader, JsonWriter};

/// A value in TDLib's / tonlib's JSON mapping.
///
/// Implemented by the runtime for `i32` (`int32`: a JSON number), `i64` (`int53`: a JSON
/// number — `int64` fields use the [`Int64`] marker), `f64` (`double`), `bool` (`Bool`),
/// `String` (`string`, `secureString`), [`UnknownObject`](super::UnknownObject),
/// [`TdError`](super::TdError), `Box<T>`, and by generated code for every struct and enum.
///
/// Writing works through `&dyn TdJson` (reading needs `Self: Sized`): [`debug`](super::debug)
/// takes one, so the `Debug` of thousands of generated types shares one body.
pub trait TdJson {
    /// Writes the value.
    fn write_json(&self, out: &mut JsonWriter);
    /// Reads a value at the reader's cursor.
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError>
    where
        Self: Sized;
}

/// How a field of Rust type `T` is written in JSON: the generator picks the marker per field
/// (`Plain` for most, `Int64` for `int64`, `Bytes` for `bytes`, `Vector<…>` for vectors,
/// `Nullable<…>` for "may be null" fields, `Boxed<…>` for recursive ones).
pub trait JsonAs<T> {
    /// Writes `value`.
    fn write_json(value: &T, out: &mut JsonWriter);
    /// Reads a value at the reader's cursor.
    fn read_json(input: &mut JsonReader<'_>) -> Result<T, JsonError>;
    /// Whether `value` is left out of its object entirely: only a `Nullable` of `None` says
    /// yes (TDLib's generated `to_json` writes an object field only `if (object.field)`,
    /// `td/generate/tl_json_converter.cpp`).
    #[inline]
    fn is_absent(_value: &T) -> bool {
        false
    }
}

/// `T` as its own [`TdJson`] mapping.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

/// An `int64`: an `i64` written as a decimal JSON string (`"-5"`); read from a string or a
/// number.
#[derive(Debug, Clone, Copy, Default)]
pub struct Int64;

/// `bytes`, `secureBytes`: a `Vec<u8>` as padded standard base64.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bytes;

/// tonlib's `int128`: a `[u8; 16]` as base64 of exactly 16 bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Int128;

/// tonlib's `int256`: a `[u8; 32]` as base64 of exactly 32 bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Int256;

/// A vector: a `Vec<T>` as a JSON array of items written as `A`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Vector<A>(PhantomData<A>);

/// A field that may be null: an `Option<T>`; `None` is left out of its object (and written
/// `null` inside an array); absent or `null` reads as `None`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Nullable<A>(PhantomData<A>);

/// A boxed value (recursive types): a `Box<T>` written as `A`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Boxed<A>(PhantomData<A>);

impl<T: TdJson> JsonAs<T> for Plain {
    #[inline]
    fn write_json(value: &T, out: &mut JsonWriter) {
        value.write_json(out);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<T, JsonError> {
        T::read_json(input)
    }
}

impl JsonAs<i64> for Int64 {
    #[inline]
    fn write_json(value: &i64, out: &mut JsonWriter) {
        out.int64_string(*value);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<i64, JsonError> {
        input.read_i64()
    }
}

impl JsonAs<Vec<u8>> for Bytes {
    #[inline]
    fn write_json(value: &Vec<u8>, out: &mut JsonWriter) {
        out.bytes(value);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Vec<u8>, JsonError> {
        input.read_bytes()
    }
}

impl JsonAs<[u8; 16]> for Int128 {
    #[inline]
    fn write_json(value: &[u8; 16], out: &mut JsonWriter) {
        out.bytes(value);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<[u8; 16], JsonError> {
        input.read_byte_array()
    }
}

impl JsonAs<[u8; 32]> for Int256 {
    #[inline]
    fn write_json(value: &[u8; 32], out: &mut JsonWriter) {
        out.bytes(value);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<[u8; 32], JsonError> {
        input.read_byte_array()
    }
}

impl<T, A: JsonAs<T>> JsonAs<Vec<T>> for Vector<A> {
    #[inline]
    fn write_json(value: &Vec<T>, out: &mut JsonWriter) {
        out.array::<T, A>(value);
    }
    fn read_json(input: &mut JsonReader<'_>) -> Result<Vec<T>, JsonError> {
        // Grows with the items actually read; nothing is reserved from a claim in the input.
        let mut items = Vec::new();
        input.read_array(|input| {
            items.push(A::read_json(input)?);
            Ok(())
        })?;
        Ok(items)
    }
}

impl<T, A: JsonAs<T>> JsonAs<Option<T>> for Nullable<A> {
    #[inline]
    fn write_json(value: &Option<T>, out: &mut JsonWriter) {
        match value {
            Some(value) => A::write_json(value, out),
            None => out.null(),
        }
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Option<T>, JsonError> {
        if input.read_null()? {
            return Ok(None);
        }
        Ok(Some(crate::__tri!(A::read_json(input))))
    }
    #[inline]
    fn is_absent(value: &Option<T>) -> bool {
        value.is_none()
    }
}

impl<T, A: JsonAs<T>> JsonAs<Box<T>> for Boxed<A> {
    #[inline]
    fn write_json(value: &Box<T>, out: &mut JsonWriter) {
        A::write_json(value, out);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Box<T>, JsonError> {
        Ok(Box::new(crate::__tri!(A::read_json(input))))
    }
}

impl TdJson for i32 {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.i64(i64::from(*self));
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        input.read_i32()
    }
}

impl TdJson for i64 {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.i64(*self);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        input.read_i64()
    }
}

impl TdJson for f64 {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.f64(*self);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        input.read_f64()
    }
}

impl TdJson for bool {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.bool(*self);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        input.read_bool()
    }
}

impl TdJson for String {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        out.string(self);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        input.read_string()
    }
}

impl<T: TdJson> TdJson for Box<T> {
    #[inline]
    fn write_json(&self, out: &mut JsonWriter) {
        (**self).write_json(out);
    }
    #[inline]
    fn read_json(input: &mut JsonReader<'_>) -> Result<Self, JsonError> {
        Ok(Box::new(crate::__tri!(T::read_json(input))))
    }
}
