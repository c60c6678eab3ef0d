//! Reading the engine's inputs out of a JSON tree: one object's known fields, its numbers
//! (exact decimals, from JSON numbers or strings) and texts, each error at the field's pointer.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::json::Json;
use crate::number::parse_decimal;
use crate::pointer::child_pointer;

/// The error for a value at `pointer` that must be a list: `kind` names it, as in "a list of
/// stages".
pub(crate) fn not_a_list(pointer: &str, kind: &str, value: &Json<'_>) -> Error {
    Error::new(
        ErrorCode::WrongType,
        pointer,
        format!("must be {kind} (got {})", value.kind()),
    )
    .with_text("expected", "array")
}

/// Reads the fields of one JSON object, refusing the ones it does not know.
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a> {
    pointer: &'a str,
    entries: &'a [(Cow<'a, str>, Json<'a>)],
}

impl<'a> Fields<'a> {
    /// Opens `value` as an object whose keys must all be in `known`.
    pub(crate) fn open(value: &'a Json<'a>, pointer: &'a str, known: &[&str]) -> Result<Self> {
        let Json::Object(entries) = value else {
            return Err(Error::new(
                ErrorCode::WrongType,
                pointer,
                format!("must be an object (got {})", value.kind()),
            )
            .with_text("expected", "object"));
        };
        if let Some((key, _)) = entries
            .iter()
            .find(|(key, _)| !known.contains(&key.as_ref()))
        {
            let mut message = String::from("unknown field; the fields here are ");
            for (index, name) in known.iter().enumerate() {
                if index > 0 {
                    message.push_str(", ");
                }
                message.push_str(name);
            }
            return Err(Error::new(
                ErrorCode::UnknownField,
                child_pointer(pointer, key),
                message,
            ));
        }
        Ok(Fields { pointer, entries })
    }

    /// The pointer of the field `key`.
    pub(crate) fn pointer_of(&self, key: &str) -> String {
        child_pointer(self.pointer, key)
    }

    /// The value of `key`; a `null` counts as absent.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Json<'a>> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
            .filter(|value| **value != Json::Null)
    }

    /// The value of a required field.
    pub(crate) fn required(&self, key: &str) -> Result<&'a Json<'a>> {
        self.get(key)
            .ok_or_else(|| Error::new(ErrorCode::Required, self.pointer_of(key), "required"))
    }

    /// A required decimal.
    pub(crate) fn number(&self, key: &str) -> Result<Decimal> {
        read_decimal(self.required(key)?).map_err(|error| error.at(self.pointer_of(key)))
    }

    /// An optional decimal.
    pub(crate) fn optional_number(&self, key: &str) -> Result<Option<Decimal>> {
        self.get(key)
            .map(|value| read_decimal(value).map_err(|error| error.at(self.pointer_of(key))))
            .transpose()
    }

    /// A required text.
    pub(crate) fn text(&self, key: &str) -> Result<&'a str> {
        match self.required(key)? {
            Json::String(text) => Ok(text),
            other => Err(Error::new(
                ErrorCode::WrongType,
                self.pointer_of(key),
                format!("must be text (got {})", other.kind()),
            )
            .with_text("expected", "string")),
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
pub fn decimal(value: &Json<'_>, pointer: &str) -> Result<Decimal> {
    read_decimal(value).map_err(|error| error.at(pointer.to_owned()))
}

/// A decimal from a JSON string or number, or the error (at `""`) that says why not.
fn read_decimal(value: &Json<'_>) -> Result<Decimal> {
    match value {
        Json::String(text) => parse_decimal(text),
        Json::Number(text) => parse_decimal(text),
        other => Err(Error::new(
            ErrorCode::WrongType,
            "",
            format!("must be a number (got {})", other.kind()),
        )
        .with_text("expected", "number")),
    }
}
