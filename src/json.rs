//! A small JSON tree that keeps what the engine must see and `serde_json::Value` hides:
//! a JS `NaN` stays a non-finite number (to be refused) instead of turning into `null`.
//! It also caps nesting and size while it is read, so hostile input is refused early.

use core::cell::Cell;
use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Error, Result};
use crate::number::parse_decimal;
use rust_decimal::Decimal;

/// The most bytes of input one call reads (keys, texts and 8 per value), so a page stays responsive.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;

/// The deepest nesting one input may have; the deepest valid input is 4 levels deep.
pub const MAX_DEPTH: usize = 16;

/// A JSON value as the engine reads it.
///
/// ```
/// use sales_kpi::json::Json;
/// let value = Json::parse(r#"{"top": "12000"}"#).unwrap();
/// assert!(matches!(value, Json::Object(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`, or `undefined` from JS.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as read; it may be non-finite when it comes from JS.
    Number(JsonNumber),
    /// A text.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its entries in input order.
    Object(Vec<(String, Json)>),
}

/// A JSON number as the reader handed it over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonNumber {
    /// A whole number that fits `i64`.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// Anything else, possibly `NaN` or infinite.
    Float(f64),
}

impl JsonNumber {
    /// The number's shortest round-trip text, as the contract reads JS numbers.
    ///
    /// ```
    /// use sales_kpi::json::JsonNumber;
    /// assert_eq!(JsonNumber::Float(0.1).to_text().unwrap(), "1e-1");
    /// assert!(JsonNumber::Float(f64::NAN).to_text().is_none());
    /// ```
    pub fn to_text(self) -> Option<String> {
        match self {
            JsonNumber::Int(value) => Some(value.to_string()),
            JsonNumber::UInt(value) => Some(value.to_string()),
            // `{:e}` prints the shortest digits that round-trip, like JS's Number#toString.
            JsonNumber::Float(value) if value.is_finite() => Some(format!("{value:e}")),
            JsonNumber::Float(_) => None,
        }
    }
}

impl Json {
    /// Parses JSON text, with the same depth and size limits as input from JS.
    ///
    /// ```
    /// use sales_kpi::json::Json;
    /// assert!(Json::parse("[1, 2").is_err());
    /// ```
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(text: &str) -> Result<Json> {
        if text.len() > 4 * MAX_INPUT_BYTES {
            return Err(Error::new("", too_large_message()));
        }
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = Json::from_deserializer(&mut deserializer)?;
        deserializer
            .end()
            .map_err(|error| Error::new("", format!("is not valid JSON: {error}")))?;
        Ok(value)
    }

    /// Reads a value from any serde deserializer (serde_json, serde-wasm-bindgen),
    /// turning its errors into engine errors with a pointer.
    ///
    /// ```
    /// use sales_kpi::json::Json;
    /// let mut reader = serde_json::Deserializer::from_str("[true]");
    /// assert_eq!(Json::from_deserializer(&mut reader).unwrap(), Json::Array(vec![Json::Bool(true)]));
    /// ```
    pub fn from_deserializer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Json> {
        let budget = Cell::new(MAX_INPUT_BYTES);
        let seed = Node {
            budget: &budget,
            depth: 0,
            pointer: String::new(),
        };
        seed.deserialize(deserializer)
            .map_err(|error| split_error(&error.to_string()))
    }

    /// A short name of the value's kind, for error messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a true/false value",
            Json::Number(_) => "a number",
            Json::String(_) => "text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

fn too_large_message() -> String {
    format!(
        "is larger than {} KB, the limit for one input",
        MAX_INPUT_BYTES / 1024
    )
}

/// Our own messages inside serde errors read `pointer: sentence`; others get the root pointer.
fn split_error(text: &str) -> Error {
    if text.starts_with('/') {
        if let Some((pointer, message)) = text.split_once(": ") {
            return Error::new(pointer, message);
        }
    }
    if let Some(message) = text.strip_prefix(": ") {
        return Error::new("", message);
    }
    Error::new("", format!("cannot be read: {text}"))
}

/// Appends one reference token to a pointer, escaped as RFC 6901 requires.
///
/// ```
/// use sales_kpi::json::child_pointer;
/// assert_eq!(child_pointer("/funnel", "a/b~c"), "/funnel/a~1b~0c");
/// ```
pub fn child_pointer(parent: &str, token: &str) -> String {
    let mut pointer = String::with_capacity(parent.len() + token.len() + 1);
    pointer.push_str(parent);
    pointer.push('/');
    for character in token.chars() {
        match character {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            other => pointer.push(other),
        }
    }
    pointer
}

struct Node<'a> {
    budget: &'a Cell<usize>,
    depth: usize,
    pointer: String,
}

impl Node<'_> {
    fn spend<E: de::Error>(&self, bytes: usize) -> core::result::Result<(), E> {
        let left = self.budget.get();
        if bytes > left {
            return Err(E::custom(format!(": {}", too_large_message())));
        }
        self.budget.set(left - bytes);
        Ok(())
    }

    fn child(&self, token: &str) -> Node<'_> {
        Node {
            budget: self.budget,
            depth: self.depth + 1,
            pointer: child_pointer(&self.pointer, token),
        }
    }

    /// Puts this node's pointer in front of an error that does not carry one yet.
    fn locate<E: de::Error>(&self, error: E) -> E {
        let text = error.to_string();
        if text.starts_with('/') || text.starts_with(": ") {
            error
        } else {
            E::custom(format!("{}: cannot be read: {text}", self.pointer))
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Json, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format!(
                "{}: is nested deeper than {MAX_DEPTH} levels",
                self.pointer
            )));
        }
        self.spend(8)?;
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Json;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> core::result::Result<Json, E> {
        Ok(Json::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> core::result::Result<Json, E> {
        Ok(Json::Number(JsonNumber::Int(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> core::result::Result<Json, E> {
        Ok(Json::Number(match i64::try_from(value) {
            Ok(value) => JsonNumber::Int(value),
            Err(_) => JsonNumber::UInt(value),
        }))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> core::result::Result<Json, E> {
        Ok(Json::Number(JsonNumber::Float(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> core::result::Result<Json, E> {
        self.spend(value.len())?;
        Ok(Json::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> core::result::Result<Json, E> {
        self.spend(value.len())?;
        Ok(Json::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> core::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> core::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> core::result::Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> core::result::Result<Json, A::Error> {
        let mut items = Vec::new();
        loop {
            let index = items.len().to_string();
            match access.next_element_seed(self.child(&index)) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => break,
                Err(error) => return Err(self.child(&index).locate(error)),
            }
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> core::result::Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        loop {
            let key = match access.next_key::<String>() {
                Ok(Some(key)) => key,
                Ok(None) => break,
                Err(error) => return Err(self.locate(error)),
            };
            self.spend(key.len())?;
            let child = self.child(&key);
            if entries.iter().any(|(seen, _)| *seen == key) {
                return Err(de::Error::custom(format!(
                    "{}: appears twice; give each field once",
                    child.pointer
                )));
            }
            let value = match access.next_value_seed(self.child(&key)) {
                Ok(value) => value,
                Err(error) => return Err(child.locate(error)),
            };
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

/// Reads the fields of one JSON object, refusing the ones it does not know.
pub(crate) struct Fields<'a> {
    pointer: &'a str,
    entries: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    /// Opens `value` as an object whose keys must all be in `known`.
    pub(crate) fn open(value: &'a Json, pointer: &'a str, known: &[&str]) -> Result<Self> {
        let Json::Object(entries) = value else {
            return Err(Error::new(
                pointer,
                format!("must be an object (got {})", value.kind()),
            ));
        };
        if let Some((key, _)) = entries.iter().find(|(key, _)| !known.contains(&key.as_str())) {
            return Err(Error::new(
                child_pointer(pointer, key),
                format!("unknown field; the fields here are {}", known.join(", ")),
            ));
        }
        Ok(Fields { pointer, entries })
    }

    /// The pointer of the field `key`.
    pub(crate) fn pointer_of(&self, key: &str) -> String {
        child_pointer(self.pointer, key)
    }

    /// The value of `key`; a `null` counts as absent.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Json> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
            .filter(|value| **value != Json::Null)
    }

    /// The value of a required field.
    pub(crate) fn required(&self, key: &str) -> Result<&'a Json> {
        self.get(key)
            .ok_or_else(|| Error::new(self.pointer_of(key), "required"))
    }

    /// A required decimal.
    pub(crate) fn number(&self, key: &str) -> Result<Decimal> {
        decimal(self.required(key)?, &self.pointer_of(key))
    }

    /// An optional decimal.
    pub(crate) fn optional_number(&self, key: &str) -> Result<Option<Decimal>> {
        self.get(key)
            .map(|value| decimal(value, &self.pointer_of(key)))
            .transpose()
    }

    /// A required text.
    pub(crate) fn text(&self, key: &str) -> Result<&'a str> {
        match self.required(key)? {
            Json::String(text) => Ok(text),
            other => Err(Error::new(
                self.pointer_of(key),
                format!("must be text (got {})", other.kind()),
            )),
        }
    }
}

/// Reads a decimal from a JSON string or a finite JSON number.
///
/// ```
/// use sales_kpi::json::{decimal, Json};
/// let value = decimal(&Json::String("0.025".into()), "/rate").unwrap();
/// assert_eq!(value.to_string(), "0.025");
/// let error = decimal(&Json::Bool(true), "/rate").unwrap_err();
/// assert_eq!(error.to_string(), "/rate: must be a number (got a true/false value)");
/// ```
pub fn decimal(value: &Json, pointer: &str) -> Result<Decimal> {
    let text = match value {
        Json::String(text) => text.clone(),
        Json::Number(number) => number.to_text().ok_or_else(|| {
            Error::new(pointer, "must be a finite number (got NaN or Infinity)")
        })?,
        other => {
            return Err(Error::new(
                pointer,
                format!("must be a number (got {})", other.kind()),
            ))
        }
    };
    parse_decimal(&text).map_err(|message| Error::new(pointer, message))
}
