//! The readers and checks that the options of `plan` and `progress` share: ISO dates within the
//! plan years, lists within their schema limits, and numbers against their schema rows.

use time::{Date, Month};

use super::iso_date;
use crate::error::{Error, ErrorCode, Result};
use crate::fields::not_a_list;
use crate::json::Json;
use crate::schema::{MAX_PLAN_YEAR, MIN_PLAN_YEAR};
// check_field's, which only progress's options use.
#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
use {crate::lever::Bounds, crate::number::format_decimal, rust_decimal::Decimal};

/// An ISO date, `YYYY-MM-DD`, in the years [`MIN_PLAN_YEAR`] to [`MAX_PLAN_YEAR`].
pub(crate) fn read_date(value: &Json, pointer: &str) -> Result<Date> {
    let Json::String(text) = value else {
        return Err(Error::new(
            ErrorCode::WrongType,
            pointer,
            format!(
                "must be a date written YYYY-MM-DD, as text (got {})",
                value.kind()
            ),
        )
        .with_text("expected", "date"));
    };
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, &byte)| {
            if at == 4 || at == 7 {
                byte == b'-'
            } else {
                byte.is_ascii_digit()
            }
        });
    let digits = |from: usize, to: usize| {
        bytes[from..to]
            .iter()
            .fold(0i32, |value, &digit| value * 10 + i32::from(digit - b'0'))
    };
    // The calendar refuses 2027-02-30 and 2100-02-29; the year range is checked apart.
    shaped
        .then(|| {
            let month = Month::try_from(digits(5, 7) as u8).ok()?;
            Date::from_calendar_date(digits(0, 4), month, digits(8, 10) as u8).ok()
        })
        .flatten()
        .filter(|date| (MIN_PLAN_YEAR..=MAX_PLAN_YEAR).contains(&date.year()))
        .ok_or_else(|| {
            let shown: String = text.chars().take(32).collect();
            date_error(pointer, shown)
        })
}

/// A date's year must lie in the plan's range (dates built in Rust skip the reader).
pub(crate) fn check_year(date: Date, pointer: &str) -> Result<()> {
    if (MIN_PLAN_YEAR..=MAX_PLAN_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(date_error(pointer, iso_date(date)))
    }
}

#[inline(never)]
fn date_error(pointer: &str, got: String) -> Error {
    Error::new(
        ErrorCode::InvalidDate,
        pointer,
        format!(
            "must be a calendar date written YYYY-MM-DD, in the years {MIN_PLAN_YEAR} to {MAX_PLAN_YEAR} (got \"{got}\")"
        ),
    )
    .with_text("value", got)
}

/// The error for a date at `pointer` before the window's `start`.
pub(crate) fn before_start(pointer: &str, start: Date) -> Error {
    let start = iso_date(start);
    Error::new(
        ErrorCode::BeforeStart,
        pointer,
        format!("must be on or after start ({start})"),
    )
    .with_text("start", start)
}

/// A JSON list, of as many items as the schema's `lists` allow.
pub(crate) fn list<'a>(
    value: &'a Json<'a>,
    pointer: &str,
    lists: &[(&str, usize, usize)],
) -> Result<&'a [Json<'a>]> {
    match value {
        Json::Array(items) => {
            check_count(items.len(), pointer, lists)?;
            Ok(items)
        }
        other => Err(not_a_list(pointer, "a list", other)),
    }
}

/// A list's length within the limits of its row in `lists` (`pattern`, such as
/// `/actuals/*/stages`), or of `max` when it is lower; errors name `pointer`.
pub(crate) fn check_count(
    count: usize,
    pointer: &str,
    lists: &[(&str, usize, usize)],
) -> Result<()> {
    check_count_at(count, pointer, pointer, lists, usize::MAX)
}

/// [`check_count`] for a list whose `pointer` differs from its row's `pattern`, with a `max`
/// that may be lower than the row's (a model with fewer stages).
pub(crate) fn check_count_at(
    count: usize,
    pattern: &str,
    pointer: &str,
    lists: &[(&str, usize, usize)],
    max: usize,
) -> Result<()> {
    let (min, max) = lists
        .iter()
        .find(|(list, _, _)| *list == pattern)
        .map_or((0, 0), |&(_, min, most)| (min, most.min(max)));
    if count < min {
        Err(Error::new(
            ErrorCode::TooFew,
            pointer,
            format!("must hold at least {min} items (got {count})"),
        )
        .with_integer("min", min))
    } else if count > max {
        Err(Error::new(
            ErrorCode::TooMany,
            pointer,
            format!("must hold at most {max} items (got {count})"),
        )
        .with_integer("max", max))
    } else {
        Ok(())
    }
}

/// Checks a number against its row of an option table: its range, and whether it must be
/// whole.
#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
pub(crate) fn check_field(
    value: Decimal,
    pointer: &str,
    field: &crate::schema::Field,
) -> Result<()> {
    Bounds::new(field.minimum, field.maximum).check(value, pointer)?;
    if crate::schema::WHOLE_NUMBERS.contains(&field.pointer) && value.trunc() != value {
        let value = format_decimal(value);
        return Err(Error::new(
            ErrorCode::NotWhole,
            pointer,
            format!("must be a whole number (got {value})"),
        )
        .with_text("value", value));
    }
    Ok(())
}
