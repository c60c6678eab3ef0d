//! The one error type of the engine: a JSON Pointer and a sentence.

use core::fmt;

/// An error that names the JSON Pointer (RFC 6901) of the input or result it is about.
///
/// Its text is `pointer: message`, the form the contract fixes for every error.
///
/// ```
/// use sales_kpi::Error;
/// let error = Error::new("/funnel/top", "required");
/// assert_eq!(error.to_string(), "/funnel/top: required");
/// assert_eq!(error.pointer(), "/funnel/top");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pointer: String,
    message: String,
}

impl Error {
    /// Makes an error about the field or result at `pointer`.
    ///
    /// ```
    /// let error = sales_kpi::Error::new("/target", "must be more than 0 (got 0)");
    /// assert_eq!(error.message(), "must be more than 0 (got 0)");
    /// ```
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error::from_parts(pointer.into(), message.into())
    }

    /// One out-of-line constructor, so the many error sites stay small in wasm.
    #[inline(never)]
    fn from_parts(pointer: String, message: String) -> Self {
        Error { pointer, message }
    }

    /// The JSON Pointer of the offending input or result; `""` is the whole input.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Error::new("", "must be an object").pointer(), "");
    /// ```
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The sentence after the pointer, written for the person who typed the value.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Error::new("/a", "unknown field").message(), "unknown field");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error for a result that does not fit the decimal type.
    pub(crate) fn overflow(pointer: impl Into<String>) -> Self {
        Error::overflow_at(pointer.into())
    }

    #[inline(never)]
    fn overflow_at(pointer: String) -> Self {
        Error::from_parts(
            pointer,
            "the result is too large for exact decimal arithmetic; use smaller numbers".into(),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pointer)?;
        f.write_str(": ")?;
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of every fallible engine function.
pub type Result<T> = core::result::Result<T, Error>;
