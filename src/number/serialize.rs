//! The engine's numbers in its answers: every decimal and count as plain decimal text, for
//! `#[serde(serialize_with)]`, so JS reads each one the same way and never as a float.

use rust_decimal::Decimal;

use super::{decimal_text, DECIMAL_TEXT};

/// Serializes a decimal as its plain text, for `#[serde(serialize_with)]`.
pub(crate) fn serialize<S: serde::Serializer>(
    value: &Decimal,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(decimal_text(*value, &mut [0; DECIMAL_TEXT]))
}

/// Serializes an optional decimal as its plain text or `null`.
pub(crate) fn serialize_option<S: serde::Serializer>(
    value: &Option<Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serialize(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Serializes an optional value that may itself be unknown (`Some(None)`) as its plain text
/// or `null`: JSON has one `null` for both.
pub(crate) fn serialize_nested_option<S: serde::Serializer>(
    value: &Option<Option<Decimal>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serialize_option(&value.flatten(), serializer)
}

/// Serializes a count as decimal text, as every number the engine returns: JS reads all of
/// them the same way.
pub(crate) fn serialize_count<S: serde::Serializer>(
    count: &u32,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&count.to_string())
}
