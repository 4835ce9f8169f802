//! The serde model of `getdoc.json`, the JSON dump of core.telegram.org.
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

use serde::{Deserialize, Deserializer};

/// The whole dump.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Dump {
    /// The layer and the lists of names.
    #[serde(deserialize_with = "nullable")]
    pub index: DumpIndex,
    /// Constructors by name.
    #[serde(deserialize_with = "nullable")]
    pub constructors: BTreeMap<String, DumpItem>,
    /// Boxed types by name.
    #[serde(deserialize_with = "nullable")]
    pub types: BTreeMap<String, DumpItem>,
    /// Methods by name.
    #[serde(deserialize_with = "nullable")]
    pub methods: BTreeMap<String, DumpItem>,
    /// The global error table, by error name.
    #[serde(deserialize_with = "nullable")]
    pub errors: BTreeMap<String, DumpError>,
}

/// The `index` object.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DumpIndex {
    /// The layer the dump documents.
    pub layer: Option<i32>,
    /// Name lists: `constructor`, `method`, `type`.
    #[serde(deserialize_with = "nullable")]
    pub categories: Vec<DumpCategory>,
}

/// One name list of the index.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DumpCategory {
    /// `constructor`, `method` or `type`.
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    /// The names, as spelled in the schema.
    #[serde(deserialize_with = "nullable")]
    pub values: Vec<String>,
}

/// A constructor, type or method entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DumpItem {
    /// The name (also the map key).
    pub name: Option<String>,
    /// Description paragraphs, with link markers.
    #[serde(deserialize_with = "paragraphs")]
    pub description: Vec<String>,
    /// The URLs of the description's link markers, in order.
    #[serde(deserialize_with = "nullable")]
    pub links: Vec<String>,
    /// Constructor fields by name.
    #[serde(deserialize_with = "nullable")]
    pub fields: BTreeMap<String, DumpParam>,
    /// Method parameters by name.
    #[serde(deserialize_with = "nullable")]
    pub parameters: BTreeMap<String, DumpParam>,
    /// Errors the method can return.
    #[serde(deserialize_with = "nullable")]
    pub errors: Vec<DumpError>,
}

/// A field or parameter entry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DumpParam {
    /// The name (also the map key).
    pub name: Option<String>,
    /// The description, with link markers; paragraphs are joined by a space.
    #[serde(deserialize_with = "paragraphs")]
    pub description: Vec<String>,
    /// The URLs of the description's link markers, in order.
    #[serde(deserialize_with = "nullable")]
    pub links: Vec<String>,
}

/// An error entry, of a method or of the global table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DumpError {
    /// The numeric code (400, 420, -503, …).
    #[serde(deserialize_with = "code")]
    pub code: i32,
    /// The error name (`FLOOD_WAIT_%d`); the map key when missing.
    #[serde(rename = "type")]
    pub name: Option<String>,
    /// The description.
    #[serde(deserialize_with = "paragraphs")]
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

/// Parses the dump.
pub fn parse_dump(json: &str) -> Result<Dump, serde_json::Error> {
    use serde::de::Error;
    let start = json.trim_start();
    if !start.is_empty() && !start.starts_with('{') {
        return Err(serde_json::Error::custom(
            "the documentation dump must be a JSON object",
        ));
    }
    serde_json::from_str(json)
}

/// Deserializes `T`, mapping `null` to `T::default()`.
fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A string or a list of strings (or `null`).
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    /// One paragraph.
    One(String),
    /// Several paragraphs.
    Many(Vec<Option<String>>),
}

/// Deserializes description paragraphs from a string, a list or `null`.
fn paragraphs<'de, D>(deserializer: D) -> Result<Vec<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Option::<OneOrMany>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v.into_iter().flatten().collect(),
    })
}

/// A number or a numeric string.
#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrString {
    /// `400`.
    Number(i64),
    /// `"400"`.
    Text(String),
}

/// Deserializes an error code from a number, a numeric string or `null` (0).
fn code<'de, D>(deserializer: D) -> Result<i32, D::Error>
where
    D: Deserializer<'de>,
{
    use serde::de::Error;
    let value = match Option::<NumberOrString>::deserialize(deserializer)? {
        None => return Ok(0),
        Some(NumberOrString::Number(n)) => n,
        Some(NumberOrString::Text(s)) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| D::Error::custom(format!("error code {s:?} is not a number")))?,
    };
    i32::try_from(value)
        .map_err(|_| D::Error::custom(format!("error code {value} is out of range")))
}
