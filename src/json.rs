//! A small JSON tree and its reader. Numbers keep their text, so `0.1` reaches the decimal
//! parser as written and never passes through a binary float. The reader caps size and
//! nesting before it builds anything, so hostile input is refused early.

use crate::error::{Error, ErrorCode, Result};
pub use crate::fields::decimal;
pub use crate::pointer::{child_pointer, is_pointer_shaped};
use std::borrow::Cow;

/// The most bytes of JSON one input may have, so a page stays responsive.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;

/// The deepest nesting one input may have; the deepest valid input is 4 levels deep.
pub const MAX_DEPTH: usize = 16;

/// A JSON value as the engine reads it. Numbers, keys and texts without escapes borrow from
/// the input text: a keystroke's model is read without copying a string.
///
/// ```
/// use sales_kpi::json::Json;
/// let value = Json::parse(r#"{"top": 1.50}"#).unwrap();
/// assert_eq!(value, Json::Object(vec![("top".into(), Json::Number("1.50"))]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as the text it was written in.
    Number(&'a str),
    /// A text.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, its entries in input order.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// Parses JSON text of at most [`MAX_INPUT_BYTES`], nested at most [`MAX_DEPTH`] deep.
    /// A key that appears twice in one object is an error.
    ///
    /// ```
    /// use sales_kpi::json::Json;
    /// assert!(Json::parse("[1, 2").unwrap_err().to_string().starts_with(": is not valid JSON"));
    /// assert_eq!(Json::parse(r#"{"a": 1, "a": 2}"#).unwrap_err().to_string(),
    ///     "/a: appears twice; give each field once");
    /// assert!(Json::parse("[0, -0, 0.5]").is_ok());
    /// assert!(Json::parse("01").unwrap_err().to_string().starts_with(": is not valid JSON"));
    /// ```
    pub fn parse(text: &'a str) -> Result<Json<'a>> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(too_large());
        }
        let mut reader = Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
        };
        let value = reader.value(0).map_err(ReadError::into_error)?;
        reader.skip_space();
        if reader.at != reader.bytes.len() {
            return Err(reader.syntax("nothing after the value").into_error());
        }
        Ok(value)
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

/// The error for an input over [`MAX_INPUT_BYTES`], about the input as a whole.
pub(crate) fn too_large() -> Error {
    Error::new(
        ErrorCode::InputTooLarge,
        "",
        format!(
            "is larger than {} KB, the limit for one input",
            MAX_INPUT_BYTES / 1024
        ),
    )
    .with_integer("max", MAX_INPUT_BYTES)
}

/// The error for lever or metric text that is not a pointer, at the field that holds it.
pub(crate) fn not_a_pointer(field: &str, text: &str, example: &str) -> Error {
    let shown: String = text.chars().take(64).collect();
    Error::new(
        ErrorCode::UnknownPointer,
        field,
        format!("is not a JSON Pointer (got \"{shown}\"); use one such as {example}"),
    )
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// A syntax error is about the text as a whole; a located one gets the path to its value
/// prefixed while the reader unwinds, so the happy path never builds a pointer.
enum ReadError {
    Syntax(Error),
    Located(Error),
}

impl ReadError {
    fn within(self, token: &str) -> Self {
        match self {
            ReadError::Located(error) => {
                let pointer = child_pointer("", token) + error.pointer();
                ReadError::Located(error.at(pointer))
            }
            syntax => syntax,
        }
    }

    fn into_error(self) -> Error {
        match self {
            ReadError::Syntax(error) | ReadError::Located(error) => error,
        }
    }
}

type Read<T> = core::result::Result<T, ReadError>;

impl<'a> Reader<'a> {
    fn syntax(&self, expected: &str) -> ReadError {
        ReadError::Syntax(Error::new(
            ErrorCode::InvalidJson,
            "",
            format!("is not valid JSON: expected {expected} at byte {}", self.at),
        ))
    }

    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Read<Json<'a>> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.syntax("a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Read<Json<'a>> {
        if depth > MAX_DEPTH {
            return Err(ReadError::Located(
                Error::new(
                    ErrorCode::TooDeep,
                    "",
                    format!("is nested deeper than {MAX_DEPTH} levels"),
                )
                .with_integer("max", MAX_DEPTH),
            ));
        }
        self.skip_space();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut entries: Vec<(Cow<'a, str>, Json<'a>)> = Vec::new();
                if self.eat(b'}') {
                    return Ok(Json::Object(entries));
                }
                loop {
                    self.skip_space();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return Err(self.syntax("a key in quotes"));
                    }
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return Err(self.syntax("':'"));
                    }
                    if entries.iter().any(|(seen, _)| *seen == key) {
                        return Err(ReadError::Located(
                            Error::new(
                                ErrorCode::Duplicate,
                                child_pointer("", &key),
                                "appears twice; give each field once",
                            )
                            .with_text("value", key.into_owned()),
                        ));
                    }
                    let value = self.value(depth + 1).map_err(|error| error.within(&key))?;
                    entries.push((key, value));
                    if self.eat(b'}') {
                        return Ok(Json::Object(entries));
                    }
                    if !self.eat(b',') {
                        return Err(self.syntax("',' or '}'"));
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(Json::Array(items));
                }
                loop {
                    let item = self
                        .value(depth + 1)
                        .map_err(|error| error.within(&items.len().to_string()))?;
                    items.push(item);
                    if self.eat(b']') {
                        return Ok(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return Err(self.syntax("',' or ']'"));
                    }
                }
            }
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax("a value")),
        }
    }

    /// A number as JSON writes it; its text is kept for the exact decimal parser.
    fn number(&mut self) -> Read<Json<'a>> {
        let start = self.at;
        let digits = |reader: &mut Self| {
            let first = reader.at;
            while reader.bytes.get(reader.at).is_some_and(u8::is_ascii_digit) {
                reader.at += 1;
            }
            reader.at > first
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let whole = self.at;
        if !digits(self) {
            return Err(self.syntax("digits"));
        }
        // RFC 8259: the whole part is `0` or starts with 1-9, so `01` and `-01` are not JSON.
        if self.at - whole > 1 && self.bytes.get(whole) == Some(&b'0') {
            self.at = whole;
            return Err(self.syntax("no leading zero"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(self.syntax("digits after '.'"));
            }
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(self.syntax("exponent digits"));
            }
        }
        // Only ASCII was read, so the slice falls on character boundaries.
        Ok(Json::Number(
            self.text.get(start..self.at).unwrap_or_default(),
        ))
    }

    /// A string starting at the opening quote, with escapes resolved. A lone surrogate
    /// becomes U+FFFD, as a browser would show it. Without escapes it borrows the input.
    fn string(&mut self) -> Read<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b'"' => {
                    let text = self.text.get(start..self.at).unwrap_or_default();
                    self.at += 1;
                    return Ok(Cow::Borrowed(text));
                }
                b'\\' | 0..=0x1F => break,
                _ => self.at += 1,
            }
        }
        let mut text = String::new();
        // Runs without escapes are copied as slices of the input, which is already UTF-8:
        // quotes and backslashes are ASCII, so every cut falls on a character boundary.
        let mut run = start;
        loop {
            let Some(&byte) = self.bytes.get(self.at) else {
                return Err(self.syntax("'\"'"));
            };
            match byte {
                b'"' => {
                    text.push_str(self.text.get(run..self.at).unwrap_or_default());
                    self.at += 1;
                    break;
                }
                b'\\' => {
                    text.push_str(self.text.get(run..self.at).unwrap_or_default());
                    self.at += 1;
                    let Some(&escape) = self.bytes.get(self.at) else {
                        return Err(self.syntax("an escape"));
                    };
                    self.at += 1;
                    let character = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.syntax("a valid escape")),
                    };
                    text.push(character);
                    run = self.at;
                }
                0..=0x1F => return Err(self.syntax("no control characters inside text")),
                _ => self.at += 1,
            }
        }
        Ok(Cow::Owned(text))
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair.
    fn unicode_escape(&mut self) -> Read<char> {
        let unit = self.hex4()?;
        if (0xD800..0xDC00).contains(&unit) && self.bytes[self.at..].starts_with(b"\\u") {
            let resume = self.at;
            self.at += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let joined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(joined).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            self.at = resume;
        }
        Ok(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Read<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.bytes.get(self.at) {
                Some(&byte @ b'0'..=b'9') => byte - b'0',
                Some(&byte @ b'a'..=b'f') => byte - b'a' + 10,
                Some(&byte @ b'A'..=b'F') => byte - b'A' + 10,
                _ => return Err(self.syntax("four hex digits")),
            };
            unit = unit * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_like_serde_json() {
        for text in [
            r#""plain""#,
            r#""é€😀 <b>""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9\u20AC""#,
            r#""\ud83d\ude00""#,
            r#""""#,
        ] {
            let Json::String(ours) = Json::parse(text).unwrap() else {
                panic!("{text}")
            };
            let theirs: String = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
        // serde_json refuses a lone surrogate; this reader reads it as U+FFFD, as a JS string
        // written out as UTF-8 would be.
        for (text, read) in [
            (r#""lone \ud800 surrogate""#, "lone \u{fffd} surrogate"),
            (r#""\ud800\u0041""#, "\u{fffd}A"),
        ] {
            assert!(serde_json::from_str::<String>(text).is_err(), "{text}");
            assert_eq!(
                Json::parse(text).unwrap(),
                Json::String(read.into()),
                "{text}"
            );
        }
        for bad in ["\"a", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\u{1}\""] {
            assert!(Json::parse(bad).is_err(), "{bad:?}");
        }
    }
}
