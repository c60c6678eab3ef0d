//! The options of `plan`: reading and checking them against the schema's plan rows, before
//! any calendar work.

use rust_decimal::Decimal;
use time::Date;

use super::option_fields::{before_start, check_count, check_year, list, read_date};
use crate::error::{Error, ErrorCode, Result};
use crate::fields::Fields;
use crate::json::Json;
use crate::lever::Bounds;
use crate::number::format_decimal;
use crate::schema::{keys_in, MAX_WINDOW_DAYS, PLAN_LISTS, PLAN_OPTIONS};

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
