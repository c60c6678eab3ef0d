//! The one error type of the engine: a JSON Pointer, a stable code with its parameters,
//! and a sentence.

use core::fmt;

/// Declares [`ErrorCode`] from one list of variants and their JavaScript names: the enum, its
/// `ALL` array and `as_str`, so a new code cannot miss one of them.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $code:ident => $name:literal,)*) => {
        /// What went wrong, as a stable identifier a program can branch on (the sentence is for
        /// people and may be reworded; the code may not). In JavaScript it is the error's `code`
        /// property, in camelCase ([`ErrorCode::as_str`]).
        ///
        /// ```
        /// use sales_kpi::{ErrorCode, Model};
        /// let error = Model::from_json_str(r#"{"funnel": {"top": "1", "stages": [], "dealsize": "1"}}"#)
        ///     .unwrap_err();
        /// assert_eq!(error.code(), ErrorCode::UnknownField);
        /// assert_eq!(error.code().as_str(), "unknownField");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $code,)*
        }

        impl ErrorCode {
            /// Every code, in the order the README lists them.
            ///
            /// ```
            /// assert!(sales_kpi::ErrorCode::ALL.contains(&sales_kpi::ErrorCode::OutOfRange));
            /// ```
            pub const ALL: [ErrorCode; [$(ErrorCode::$code),*].len()] = [$(ErrorCode::$code),*];

            /// The code's stable camelCase name, as JavaScript sees it.
            ///
            /// ```
            /// assert_eq!(sales_kpi::ErrorCode::NotANumber.as_str(), "notANumber");
            /// ```
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$code => $name,)*
                }
            }
        }
    };
}

error_codes! {
    /// The input cannot be read as JSON, or refers to itself. No parameters.
    InvalidJson => "invalidJson",
    /// The input text is over the byte limit. `max`: the limit in bytes.
    InputTooLarge => "inputTooLarge",
    /// The input is nested over the depth limit. `max`: the deepest nesting allowed.
    TooDeep => "tooDeep",
    /// A value of the wrong JSON type. `expected`: `object`, `array`, `string`, `number`,
    /// `integer` or `date`.
    WrongType => "wrongType",
    /// A required field is absent or null. No parameters.
    Required => "required",
    /// A field the schema does not know, such as a typo. No parameters.
    UnknownField => "unknownField",
    /// Text that is not a plain decimal, such as `"12,5"`. `value`: the text.
    NotANumber => "notANumber",
    /// A number outside its valid range. `value`, and those of `minimum`, `maximum`,
    /// `exclusiveMinimum` and `exclusiveMaximum` that apply, as decimal text. Also a date
    /// past a limit other than the window's start (progress: `asOf` after `end`, an
    /// `actuals` date after `asOf` or not after the row before), the limits as ISO dates.
    OutOfRange => "outOfRange",
    /// Text over its length. `max`: the most characters (Unicode code points).
    TooLong => "tooLong",
    /// An empty or blank name. `min`: the fewest characters.
    TooShort => "tooShort",
    /// Too many list items (progress: or open opportunities in all). `max`: the most
    /// allowed.
    TooMany => "tooMany",
    /// Too few list items. `min`: the fewest allowed.
    TooFew => "tooFew",
    /// Two fields that exclude each other are both given. `other`: the other field.
    BothGiven => "bothGiven",
    /// One of several fields is needed. `fields`: their names.
    OneRequired => "oneRequired",
    /// A value past another field it must not pass (retention `new` above `end`).
    /// `other`: that field's pointer; `value`; and `minimum` or `maximum`.
    ExceedsField => "exceedsField",
    /// A whole number was required. `value`: the number given.
    NotWhole => "notWhole",
    /// A result does not fit the decimal type; the pointer is the result's. No parameters.
    Overflow => "overflow",
    /// A lever or metric pointer that names nothing (or no lever). No parameters.
    UnknownPointer => "unknownPointer",
    /// Goal seek found no value in the lever's range. `reason`: `outOfRange`, `noEffect`
    /// or `notFound`.
    NoSolution => "noSolution",
    /// Not an ISO date, or a year outside 1900..2200. `value`: the text.
    InvalidDate => "invalidDate",
    /// A date before the window's start: plan's `end`, progress's `asOf` or an `actuals`
    /// date. `start`: the start.
    BeforeStart => "beforeStart",
    /// A window longer than allowed. `max`: the most days.
    WindowTooLong => "windowTooLong",
    /// No workday in the window. No parameters.
    NoWorkdays => "noWorkdays",
    /// A repeated value where each may appear once. `value`: the repeated value.
    Duplicate => "duplicate",
    /// Text with line breaks or control characters where a visible name is needed.
    /// No parameters.
    InvalidText => "invalidText",
    /// simulate: the metric is undefined for some drawn values (zero deals for CAC).
    /// No parameters.
    MetricUndefined => "metricUndefined",
}

/// One parameter of an error: what a translation needs to say the sentence in another
/// language. In JavaScript, text is a string, an integer a number, a list an array.
///
/// ```
/// use sales_kpi::{ErrorCode, Model, Param};
/// // A stage name over the 40 characters allowed: the limit is a whole number, the name text.
/// let long = "x".repeat(41);
/// let model = format!(r#"{{"funnel": {{"top": "1", "stages": [{{"name": "{long}", "rate": "1"}}], "dealSize": "1"}}}}"#);
/// let error = Model::from_json_str(&model).unwrap_err();
/// assert_eq!(error.code(), ErrorCode::TooLong);
/// assert!(error.params().iter().any(|(_, param)| *param == Param::Integer(40)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// Text: a decimal in plain notation (`"1.5"`), a pointer, a name or a word.
    Text(String),
    /// A whole-number limit, such as a maximum length.
    Integer(u64),
    /// A list of names.
    List(&'static [&'static str]),
}

/// An error that names the JSON Pointer (RFC 6901) of the input or result it is about.
///
/// Its text is `pointer: message`, the form the contract fixes for every error. Programs
/// branch on [`Error::code`] and read [`Error::params`], never on the sentence.
///
/// ```
/// use sales_kpi::{Error, ErrorCode};
/// let error = Error::new(ErrorCode::Required, "/funnel/top", "required");
/// assert_eq!(error.to_string(), "/funnel/top: required");
/// assert_eq!(error.pointer(), "/funnel/top");
/// assert_eq!(error.code(), ErrorCode::Required);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Parts>);

/// The parts of an error, behind one pointer: every `Result` the engine passes around stays
/// one word wide on the error side, which keeps each `?` small in wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    pointer: String,
    message: String,
    code: ErrorCode,
    params: Vec<(&'static str, Param)>,
}

impl Error {
    /// Makes an error with `code` about the field or result at `pointer`.
    ///
    /// ```
    /// use sales_kpi::{Error, ErrorCode};
    /// let error = Error::new(ErrorCode::OutOfRange, "/target", "must be more than 0 (got 0)");
    /// assert_eq!(error.message(), "must be more than 0 (got 0)");
    /// ```
    pub fn new(code: ErrorCode, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error::from_parts(code, pointer.into(), message.into())
    }

    /// One out-of-line constructor, so the many error sites stay small in wasm.
    #[inline(never)]
    fn from_parts(code: ErrorCode, pointer: String, message: String) -> Self {
        Error(Box::new(Parts {
            pointer,
            message,
            code,
            params: Vec::new(),
        }))
    }

    /// Adds a parameter, in the order they are added.
    ///
    /// ```
    /// use sales_kpi::{Error, ErrorCode, Param};
    /// let error = Error::new(ErrorCode::TooMany, "/ranges", "must hold at most 32 ranges")
    ///     .with("max", Param::Integer(32));
    /// assert_eq!(error.params(), [("max", Param::Integer(32))]);
    /// ```
    #[must_use]
    #[inline(never)]
    pub fn with(mut self, name: &'static str, value: Param) -> Self {
        self.0.params.push((name, value));
        self
    }

    /// Adds a text parameter, such as a decimal in plain notation or a pointer.
    #[must_use]
    pub(crate) fn with_text(self, name: &'static str, value: impl Into<String>) -> Self {
        self.with(name, Param::Text(value.into()))
    }

    /// Adds a whole-number parameter, such as a limit.
    #[must_use]
    pub(crate) fn with_integer(self, name: &'static str, value: usize) -> Self {
        self.with(name, Param::Integer(value as u64))
    }

    /// The same error about another place: the reader learns where a value sits only
    /// after it has read it.
    #[must_use]
    pub(crate) fn at(mut self, pointer: String) -> Self {
        self.0.pointer = pointer;
        self
    }

    /// The same code and parameters at another place with another sentence, for an error
    /// that a change or a drawn value caused somewhere else; `other` is where it arose.
    #[must_use]
    pub(crate) fn reworded(mut self, pointer: &str, message: String) -> Self {
        let other = core::mem::replace(&mut self.0.pointer, pointer.to_owned());
        self.0.message = message;
        self.with_text("other", other)
    }

    /// The JSON Pointer of the offending input or result; `""` is the whole input.
    ///
    /// ```
    /// use sales_kpi::{Error, ErrorCode};
    /// assert_eq!(Error::new(ErrorCode::WrongType, "", "must be an object").pointer(), "");
    /// ```
    pub fn pointer(&self) -> &str {
        &self.0.pointer
    }

    /// The sentence after the pointer, written for the person who typed the value.
    ///
    /// ```
    /// use sales_kpi::{Error, ErrorCode};
    /// let error = Error::new(ErrorCode::UnknownField, "/a", "unknown field");
    /// assert_eq!(error.message(), "unknown field");
    /// ```
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// What went wrong, as a stable code.
    ///
    /// ```
    /// let error = sales_kpi::Model::from_json_str("{").unwrap_err();
    /// assert_eq!(error.code(), sales_kpi::ErrorCode::InvalidJson);
    /// ```
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The values the sentence mentions, by name, in a fixed order: the bound, the value,
    /// the other field (see [`ErrorCode`] for each code's names).
    ///
    /// ```
    /// use sales_kpi::{ErrorCode, Model, Param};
    /// let error = Model::from_json_str(r#"{"funnel": {"top": "1",
    ///     "stages": [{"name": "deals", "rate": "1.5"}], "dealSize": "1"}}"#).unwrap_err();
    /// assert_eq!(error.code(), ErrorCode::OutOfRange);
    /// assert_eq!(error.params(), [
    ///     ("value", Param::Text("1.5".into())),
    ///     ("minimum", Param::Text("0".into())),
    ///     ("maximum", Param::Text("1".into())),
    /// ]);
    /// ```
    pub fn params(&self) -> &[(&'static str, Param)] {
        &self.0.params
    }

    /// The error for a result that does not fit the decimal type.
    pub(crate) fn overflow(pointer: impl Into<String>) -> Self {
        Error::overflow_at(pointer.into())
    }

    #[inline(never)]
    fn overflow_at(pointer: String) -> Self {
        Error::from_parts(
            ErrorCode::Overflow,
            pointer,
            "the result is too large for exact decimal arithmetic; use smaller numbers".into(),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.pointer)?;
        f.write_str(": ")?;
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

/// The result type of every fallible engine function.
pub type Result<T> = core::result::Result<T, Error>;

/// An error as data, for answers that carry one error per part instead of failing whole
/// (`evaluate`): `{ "code", "pointer", "params", "message" }`, the same fields the JS `Error`
/// of the other functions has (`message` is the whole `pointer: sentence`).
///
/// ```
/// let error = sales_kpi::Model::from_json_str("{").unwrap_err();
/// let json = serde_json::to_value(&error).unwrap();
/// assert_eq!(json["code"], "invalidJson");
/// assert_eq!(json["pointer"], "");
/// ```
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Params<'a>(&'a [(&'static str, Param)]);
        impl serde::Serialize for Params<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (name, value) in self.0 {
                    match value {
                        Param::Text(text) => map.serialize_entry(name, text)?,
                        // Limits are small: a JS number, as the thrown errors give them.
                        Param::Integer(number) => map.serialize_entry(name, &(*number as f64))?,
                        Param::List(names) => map.serialize_entry(name, names)?,
                    }
                }
                map.end()
            }
        }
        use serde::ser::SerializeStruct;
        let mut error = serializer.serialize_struct("Error", 4)?;
        error.serialize_field("code", self.code().as_str())?;
        error.serialize_field("pointer", self.pointer())?;
        error.serialize_field("params", &Params(self.params()))?;
        error.serialize_field("message", &self.to_string())?;
        error.end()
    }
}
