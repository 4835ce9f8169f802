//! `Serialize` and `Deserialize` for every generated type, through the TL encoding and
//! `tlgen-dynamic`: a value is encoded, decoded against the schema this crate was generated from
//! (embedded in it) and written as canonical TL-JSON, so the JSON of a generated value is
//! exactly what `tlgen-dynamic` (and `tl-codegen decode`) print for its bytes; reading goes the
//! other way. One small generic impl per type replaces the derives, which tripled the build.
//!
//! The JSON mapping is documented in `tlgen-dynamic`'s crate docs. `Deserialize` reads the input
//! into a `serde_json::Value` first, so it needs a self-describing format (JSON, YAML, …).

use std::sync::OnceLock;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tlgen_dynamic::{Schema, Type};
use tlgen_runtime::{Deserializable, Serializable};

/// The schema of this crate, parsed once on first use.
fn schema() -> Result<&'static Schema, String> {
    static SCHEMA: OnceLock<Result<Schema, String>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            Schema::from_sources(&[tlgen_schema::API_TL, tlgen_schema::MTPROTO_TL])
                .map_err(|e| format!("the embedded schema does not load: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Serializes `value` as its canonical TL-JSON.
pub(crate) fn serialize<T: Serializable + ?Sized, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let schema = schema().map_err(S::Error::custom)?;
    let decoded = schema.decode(&value.to_bytes()).map_err(S::Error::custom)?;
    schema.json(&decoded).serialize(serializer)
}

/// Deserializes a value from its canonical TL-JSON (`"_"` names the constructor or function).
pub(crate) fn deserialize<'de, T: Deserializable, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let json = serde_json::Value::deserialize(deserializer)?;
    let schema = schema().map_err(D::Error::custom)?;
    let value = schema
        .from_json(&json, &Type::OBJECT)
        .map_err(D::Error::custom)?;
    let bytes = schema.encode(&value).map_err(D::Error::custom)?;
    T::from_bytes(&bytes).map_err(D::Error::custom)
}
