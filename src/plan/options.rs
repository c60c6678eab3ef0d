//! The options of `plan`: reading and checking them against the schema's plan rows, before
//! any calendar work.

use rust_decimal::Decimal;
use time::{Date, Month};

use super::iso_date;
use crate::error::{Error, ErrorCode, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::lever::Bounds;
use crate::number::format_decimal;
use crate::schema::{
    keys_in, MAX_PLAN_YEAR, MAX_WINDOW_DAYS, MIN_PLAN_YEAR, PLAN_LISTS, PLAN_OPTIONS,
};

/// Monday to Friday, the default working week.
const OFFICE_WEEK: [u8; 5] = [1, 2, 3, 4, 5];

/// The SMART form of a target: "+14 % on last quarter's 135,000".
///
/// ```
/// let growth = sales_kpi::PlanGrowth { baseline: 135_000.into(), by: rust_decimal::Decimal::new(14, 2) };
/// assert_eq!(growth.by.to_string(), "0.14");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanGrowth {
    /// The revenue grown from, more than 0.
    pub baseline: Decimal,
    /// The growth as a fraction, more than -1: target = baseline x (1 + by).
    pub by: Decimal,
}

/// The calendar window and the people of a plan.
///
/// ```
/// use sales_kpi::{Date, Month, PlanOptions};
/// let start = Date::from_calendar_date(2027, Month::January, 1).unwrap();
/// let options = PlanOptions::new(start, Date::from_calendar_date(2027, Month::March, 31).unwrap());
/// assert_eq!(options.workdays, [1, 2, 3, 4, 5]);
/// assert_eq!(options.reps.to_string(), "1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// The first day of the window, in the years 1900 to 2200.
    pub start: Date,
    /// The last day, inclusive: on or after `start`, at most 1096 days after it.
    pub end: Date,
    /// The revenue to win inside the window, more than 0; not together with `growth`.
    pub target: Option<Decimal>,
    /// The target as baseline x (1 + by); not together with `target`.
    pub growth: Option<PlanGrowth>,
    /// Salespeople sharing the work, more than 0 (full-time equivalents); 1 by default.
    pub reps: Decimal,
    /// The most top-of-funnel units one rep handles in a workday, more than 0.
    pub capacity: Option<Decimal>,
    /// ISO weekdays worked, 1 = Monday ... 7 = Sunday: 1 to 7 distinct ones.
    pub workdays: Vec<u8>,
    /// Days not worked, at most 400; those outside the window and repeats are ignored.
    pub holidays: Vec<Date>,
}

impl PlanOptions {
    /// A window with every default: Monday to Friday, one rep, the model's target.
    ///
    /// ```
    /// use sales_kpi::{Date, Month, PlanOptions};
    /// let start = Date::from_calendar_date(2027, Month::January, 1).unwrap();
    /// let options = PlanOptions::new(start, start.replace_day(31).unwrap());
    /// assert!(options.target.is_none() && options.holidays.is_empty());
    /// ```
    pub fn new(start: Date, end: Date) -> Self {
        PlanOptions {
            start,
            end,
            target: None,
            growth: None,
            reps: Decimal::ONE,
            capacity: None,
            workdays: OFFICE_WEEK.to_vec(),
            holidays: Vec::new(),
        }
    }

    /// Reads and checks options; errors point into them, such as `/end` or `/holidays/3`.
    /// Limits (the window's length, the number of holidays) are refused before the rest
    /// is read.
    ///
    /// ```
    /// use sales_kpi::{json::Json, PlanOptions};
    /// let options = PlanOptions::from_json(&Json::parse(r#"{"start": "2027-01-01",
    ///     "end": "2027-03-31", "reps": "2.5", "workdays": [1, 2, 3, 4]}"#).unwrap()).unwrap();
    /// assert_eq!((options.reps.to_string(), options.workdays.len()), ("2.5".into(), 4));
    /// let error = PlanOptions::from_json(&Json::parse(r#"{"start": "2027-02-30",
    ///     "end": "2027-03-31"}"#).unwrap()).unwrap_err();
    /// assert!(error.to_string().starts_with("/start: "));
    /// ```
    pub fn from_json(value: &Json) -> Result<PlanOptions> {
        PlanOptions::from_fields(&Fields::open(value, "", &keys_in(PLAN_OPTIONS, ""))?)
    }

    /// Reads the plan's options from an object already opened, which may hold others too
    /// (`progress` adds its own).
    pub(crate) fn from_fields(fields: &Fields) -> Result<PlanOptions> {
        let start = read_date(fields.required("start")?, "/start")?;
        let end = read_date(fields.required("end")?, "/end")?;
        check_window(start, end)?;
        let mut options = PlanOptions::new(start, end);
        options.target = fields.optional_number("target")?;
        options.growth = fields
            .get("growth")
            .map(|value| {
                let growth = Fields::open(value, "/growth", &keys_in(PLAN_OPTIONS, "/growth"))?;
                Ok(PlanGrowth {
                    baseline: growth.number("baseline")?,
                    by: growth.number("by")?,
                })
            })
            .transpose()?;
        if let Some(reps) = fields.optional_number("reps")? {
            options.reps = reps;
        }
        options.capacity = fields.optional_number("capacity")?;
        if let Some(value) = fields.get("workdays") {
            options.workdays.clear();
            for (index, item) in list(value, "/workdays", &PLAN_LISTS)?.iter().enumerate() {
                options.workdays.push(read_weekday(item, index)?);
            }
        }
        if let Some(value) = fields.get("holidays") {
            for (index, item) in list(value, "/holidays", &PLAN_LISTS)?.iter().enumerate() {
                options
                    .holidays
                    .push(read_date(item, &format!("/holidays/{index}"))?);
            }
        }
        options.validate()?;
        Ok(options)
    }

    /// Checks every option against the contract, naming the first one that is off.
    ///
    /// ```
    /// use sales_kpi::{Date, Month, PlanOptions};
    /// let start = Date::from_calendar_date(2027, Month::January, 1).unwrap();
    /// let mut options = PlanOptions::new(start, start.replace_day(31).unwrap());
    /// options.workdays = vec![1, 1];
    /// assert_eq!(options.validate().unwrap_err().pointer(), "/workdays/1");
    /// ```
    pub fn validate(&self) -> Result<()> {
        check_year(self.start, "/start")?;
        check_year(self.end, "/end")?;
        check_window(self.start, self.end)?;
        if let Some(target) = self.target {
            bounds("/target").check(target, "/target")?;
        }
        if let Some(growth) = self.growth {
            if self.target.is_some() {
                return Err(Error::new(
                    ErrorCode::BothGiven,
                    "/growth",
                    "give target or growth, not both",
                )
                .with_text("other", "target"));
            }
            bounds("/growth/baseline").check(growth.baseline, "/growth/baseline")?;
            bounds("/growth/by").check(growth.by, "/growth/by")?;
        }
        bounds("/reps").check(self.reps, "/reps")?;
        if let Some(capacity) = self.capacity {
            bounds("/capacity").check(capacity, "/capacity")?;
        }
        check_count(self.workdays.len(), "/workdays", &PLAN_LISTS)?;
        for (index, &weekday) in self.workdays.iter().enumerate() {
            let pointer = format!("/workdays/{index}");
            bounds("/workdays/*").check(weekday.into(), &pointer)?;
            if self.workdays[..index].contains(&weekday) {
                return Err(Error::new(
                    ErrorCode::Duplicate,
                    pointer,
                    format!("repeats weekday {weekday}; give each weekday once"),
                )
                .with_text("value", weekday.to_string()));
            }
        }
        check_count(self.holidays.len(), "/holidays", &PLAN_LISTS)?;
        for (index, &holiday) in self.holidays.iter().enumerate() {
            check_year(holiday, &format!("/holidays/{index}"))?;
        }
        Ok(())
    }
}

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

/// `end` on or after `start`, at most [`MAX_WINDOW_DAYS`] after it.
fn check_window(start: Date, end: Date) -> Result<()> {
    let days = (end - start).whole_days();
    if days < 0 {
        Err(before_start("/end", start))
    } else if days > i64::from(MAX_WINDOW_DAYS) {
        Err(Error::new(
            ErrorCode::WindowTooLong,
            "/end",
            format!("must be at most {MAX_WINDOW_DAYS} days after start (got {days}); plan three years at most"),
        )
        .with_integer("max", MAX_WINDOW_DAYS as usize))
    } else {
        Ok(())
    }
}

/// The valid range of the plan option at `pointer`, from the schema table.
fn bounds(pointer: &str) -> Bounds {
    PLAN_OPTIONS
        .iter()
        .find(|field| field.pointer == pointer)
        .map_or(
            Bounds::new(
                crate::lever::Bound::Unbounded,
                crate::lever::Bound::Unbounded,
            ),
            |field| Bounds::new(field.minimum, field.maximum),
        )
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

/// An ISO weekday, a whole number from 1 (Monday) to 7 (Sunday).
fn read_weekday(value: &Json, index: usize) -> Result<u8> {
    let pointer = format!("/workdays/{index}");
    let weekday = crate::fields::decimal(value, &pointer)?;
    bounds("/workdays/*").check(weekday, &pointer)?;
    if let Some(day) = (1..=7u8).find(|&day| Decimal::from(day) == weekday) {
        return Ok(day);
    }
    let value = format_decimal(weekday);
    Err(Error::new(
        ErrorCode::NotWhole,
        pointer,
        format!("must be a whole number, 1 (Monday) to 7 (Sunday) (got {value})"),
    )
    .with_text("value", value))
}
