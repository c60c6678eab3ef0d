//! The options of `progress`: the plan's, then `asOf`, the `actuals` rows and the `open`
//! opportunities, read and checked in that order against the schema's progress rows. Some
//! limits depend on the model (a row's `stages`, `open`, the plan's target), so the model
//! comes along.

use rust_decimal::Decimal;
use time::Date;

use crate::error::{Error, ErrorCode, Result};
use crate::fields::{decimal, not_a_list, Fields};
use crate::json::Json;
use crate::model::Model;
use crate::number::{format_decimal, Exact};
use crate::plan::{
    self, before_start, check_count_at, check_field, check_year, iso_date, read_date,
};
use crate::schema::{keys_in, Field, MAX_OPEN, PLAN_OPTIONS, PROGRESS_LISTS, PROGRESS_OPTIONS};
use crate::PlanOptions;

/// One row of results: what one period brought, dated by its last day.
///
/// ```
/// use sales_kpi::{ActualsRow, Date, Month};
/// let row = ActualsRow::new(Date::from_calendar_date(2027, Month::January, 31).unwrap());
/// assert!(row.revenue.is_none() && row.stages.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualsRow {
    /// The last day of the period the row covers.
    pub date: Date,
    /// The revenue won in the period, 0 or more.
    pub revenue: Option<Decimal>,
    /// The deals won in the period, a whole number.
    pub deals: Option<Decimal>,
    /// The top-of-funnel units of the period (calls, leads, visitors), a whole number.
    pub top: Option<Decimal>,
    /// How many reached each stage in the period, in order: the first 1 to n stages.
    pub stages: Option<Vec<Decimal>>,
}

impl ActualsRow {
    /// A row for `date` without figures.
    ///
    /// ```
    /// use sales_kpi::{ActualsRow, Date, Month};
    /// let mut row = ActualsRow::new(Date::from_calendar_date(2027, Month::January, 8).unwrap());
    /// row.deals = Some(2.into());
    /// assert_eq!(row.deals.unwrap().to_string(), "2");
    /// ```
    pub fn new(date: Date) -> Self {
        ActualsRow {
            date,
            revenue: None,
            deals: None,
            top: None,
            stages: None,
        }
    }
}

/// The options of `progress`: a plan's window and people, the last day whose results are in,
/// the results so far and the opportunities still open.
///
/// ```
/// use sales_kpi::{ActualsRow, Date, Month, PlanOptions, ProgressOptions};
/// let day = |month, day| Date::from_calendar_date(2027, month, day).unwrap();
/// let plan = PlanOptions::new(day(Month::January, 1), day(Month::March, 31));
/// let options = ProgressOptions::new(plan, day(Month::February, 12), vec![ActualsRow::new(day(Month::January, 31))]);
/// assert!(options.open.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressOptions {
    /// The window, target and people, as for `plan`.
    pub plan: PlanOptions,
    /// The last day whose results are in: from the window's start to its end.
    pub as_of: Date,
    /// 1 to 1,100 rows, dates strictly increasing, each from the start to `as_of`.
    pub actuals: Vec<ActualsRow>,
    /// Opportunities waiting now: `open[k]` reached stage k and not yet stage k + 1. At most
    /// n - 1 entries for n stages, whole numbers adding up to at most 1,000.
    pub open: Option<Vec<Decimal>>,
}

impl ProgressOptions {
    /// Options with the given window, day and rows, and no open opportunities.
    ///
    /// ```
    /// use sales_kpi::{Date, Month, PlanOptions, ProgressOptions};
    /// let start = Date::from_calendar_date(2027, Month::January, 1).unwrap();
    /// let options = ProgressOptions::new(PlanOptions::new(start, start), start, vec![]);
    /// assert!(options.actuals.is_empty());
    /// ```
    pub fn new(plan: PlanOptions, as_of: Date, actuals: Vec<ActualsRow>) -> Self {
        ProgressOptions {
            plan,
            as_of,
            actuals,
            open: None,
        }
    }

    /// Reads and checks options for `model`, in the contract's order: the plan's (as `plan`
    /// checks them, its target and workdays included), then `asOf`, then `actuals` row by
    /// row, then `open`. Errors point into the options, such as `/actuals/3/date`.
    ///
    /// ```
    /// use sales_kpi::{json::Json, Model, ProgressOptions};
    /// let model = Model::from_json_str(r#"{"funnel": {"top": "100", "stages": [
    ///     {"name": "meetings", "rate": "0.4"}, {"name": "deals", "rate": "0.3"}],
    ///     "dealSize": "4500"}, "target": "90000"}"#).unwrap();
    /// let read = |text| ProgressOptions::from_json(&Json::parse(text).unwrap(), &model);
    /// let options = read(r#"{"start": "2027-01-01", "end": "2027-03-31", "asOf": "2027-01-31",
    ///     "actuals": [{"date": "2027-01-31", "revenue": "9000", "deals": "2"}], "open": ["7"]}"#).unwrap();
    /// assert_eq!(options.actuals[0].deals.unwrap().to_string(), "2");
    /// let error = read(r#"{"start": "2027-01-01", "end": "2027-03-31", "asOf": "2027-01-31",
    ///     "actuals": [{"date": "2027-01-31"}], "open": ["7", "1"]}"#).unwrap_err();
    /// assert_eq!((error.pointer(), error.code().as_str()), ("/open", "tooMany"));
    /// ```
    pub fn from_json(value: &Json, model: &Model) -> Result<ProgressOptions> {
        let mut keys = keys_in(PLAN_OPTIONS, "");
        keys.extend(keys_in(PROGRESS_OPTIONS, ""));
        let fields = Fields::open(value, "", &keys)?;
        let plan = PlanOptions::from_fields(&fields)?;
        plan::window(model, &plan)?;
        let as_of = read_date(fields.required("asOf")?, "/asOf")?;
        check_as_of(&plan, as_of)?;
        let rows = match fields.required("actuals")? {
            Json::Array(rows) => rows,
            other => return Err(not_a_list("/actuals", "a list of rows", other)),
        };
        check_count_at(
            rows.len(),
            "/actuals",
            "/actuals",
            &PROGRESS_LISTS,
            usize::MAX,
        )?;
        let stages = model.funnel.stages.len();
        let mut actuals: Vec<ActualsRow> = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            let previous = actuals.last().map(|row| row.date);
            actuals.push(read_row(row, index, &plan, as_of, previous, stages)?);
        }
        let open = match fields.get("open") {
            None => None,
            Some(Json::Array(items)) => {
                check_open_count(items.len(), stages)?;
                let mut open = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let pointer = format!("/open/{index}");
                    let count = decimal(item, &pointer)?;
                    check_field(count, &pointer, schema_row("/open/*"))?;
                    open.push(count);
                }
                check_open_sum(&open)?;
                Some(open)
            }
            Some(other) => return Err(not_a_list("/open", "a list of counts", other)),
        };
        Ok(ProgressOptions {
            plan,
            as_of,
            actuals,
            open,
        })
    }

    /// Checks every option for `model`, in the order [`ProgressOptions::from_json`] does,
    /// naming the first one that is off.
    ///
    /// ```
    /// use sales_kpi::{ActualsRow, Date, Model, Month, PlanOptions, ProgressOptions};
    /// let model = Model::from_json_str(r#"{"funnel": {"top": "100", "stages": [
    ///     {"name": "deals", "rate": "0.3"}], "dealSize": "4500"}, "target": "90000"}"#).unwrap();
    /// let day = |day| Date::from_calendar_date(2027, Month::January, day).unwrap();
    /// let options = ProgressOptions::new(PlanOptions::new(day(1), day(31)), day(15),
    ///     vec![ActualsRow::new(day(20))]);
    /// let error = options.validate(&model).unwrap_err();
    /// assert_eq!((error.pointer(), error.code().as_str()), ("/actuals/0/date", "outOfRange"));
    /// ```
    pub fn validate(&self, model: &Model) -> Result<()> {
        plan::window(model, &self.plan)?;
        self.check_own(model)
    }

    /// The checks after the plan's: `asOf`, the rows, `open`.
    pub(crate) fn check_own(&self, model: &Model) -> Result<()> {
        check_year(self.as_of, "/asOf")?;
        check_as_of(&self.plan, self.as_of)?;
        check_count_at(
            self.actuals.len(),
            "/actuals",
            "/actuals",
            &PROGRESS_LISTS,
            usize::MAX,
        )?;
        let stages = model.funnel.stages.len();
        let mut previous = None;
        for (index, row) in self.actuals.iter().enumerate() {
            let pointer = format!("/actuals/{index}");
            check_year(row.date, &format!("{pointer}/date"))?;
            check_row_date(&self.plan, self.as_of, previous, row.date, &pointer)?;
            for (key, value) in [
                ("revenue", row.revenue),
                ("deals", row.deals),
                ("top", row.top),
            ] {
                if let Some(value) = value {
                    check_field(
                        value,
                        &format!("{pointer}/{key}"),
                        schema_row(&format!("/actuals/*/{key}")),
                    )?;
                }
            }
            if let Some(counts) = &row.stages {
                check_stage_count(counts.len(), &pointer, stages)?;
                for (stage, &count) in counts.iter().enumerate() {
                    check_field(
                        count,
                        &format!("{pointer}/stages/{stage}"),
                        schema_row("/actuals/*/stages/*"),
                    )?;
                }
            }
            previous = Some(row.date);
        }
        if let Some(open) = &self.open {
            check_open_count(open.len(), stages)?;
            for (index, &count) in open.iter().enumerate() {
                check_field(count, &format!("/open/{index}"), schema_row("/open/*"))?;
            }
            check_open_sum(open)?;
        }
        Ok(())
    }
}

/// The schema row of a progress option, such as `/open/*`.
fn schema_row(pattern: &str) -> &'static Field {
    // Every pattern asked for is a row of the table; the first row stands in otherwise.
    PROGRESS_OPTIONS
        .iter()
        .find(|field| field.pointer == pattern)
        .unwrap_or(&PROGRESS_OPTIONS[0])
}

/// One row of `actuals`, each field checked as soon as it is read.
fn read_row(
    value: &Json,
    index: usize,
    plan: &PlanOptions,
    as_of: Date,
    previous: Option<Date>,
    stages: usize,
) -> Result<ActualsRow> {
    let pointer = format!("/actuals/{index}");
    let fields = Fields::open(value, &pointer, &keys_in(PROGRESS_OPTIONS, "/actuals/*"))?;
    let date = read_date(fields.required("date")?, &format!("{pointer}/date"))?;
    check_row_date(plan, as_of, previous, date, &pointer)?;
    let mut row = ActualsRow::new(date);
    for (key, slot) in [
        ("revenue", &mut row.revenue),
        ("deals", &mut row.deals),
        ("top", &mut row.top),
    ] {
        if let Some(value) = fields.get(key) {
            let at = format!("{pointer}/{key}");
            let number = decimal(value, &at)?;
            check_field(number, &at, schema_row(&format!("/actuals/*/{key}")))?;
            *slot = Some(number);
        }
    }
    if let Some(value) = fields.get("stages") {
        let Json::Array(items) = value else {
            return Err(not_a_list(
                &format!("{pointer}/stages"),
                "a list of counts",
                value,
            ));
        };
        check_stage_count(items.len(), &pointer, stages)?;
        let mut counts = Vec::with_capacity(items.len());
        for (stage, item) in items.iter().enumerate() {
            let at = format!("{pointer}/stages/{stage}");
            let count = decimal(item, &at)?;
            check_field(count, &at, schema_row("/actuals/*/stages/*"))?;
            counts.push(count);
        }
        row.stages = Some(counts);
    }
    Ok(row)
}

/// `asOf` from the window's start to its end.
fn check_as_of(plan: &PlanOptions, as_of: Date) -> Result<()> {
    check_in_window(plan.start, plan.end, as_of, "/asOf", "end")
}

/// A row's date from the start to `asOf`, after the row before.
fn check_row_date(
    plan: &PlanOptions,
    as_of: Date,
    previous: Option<Date>,
    date: Date,
    row: &str,
) -> Result<()> {
    let pointer = format!("{row}/date");
    check_in_window(plan.start, as_of, date, &pointer, "asOf")?;
    match previous {
        Some(previous) if date <= previous => {
            let previous = iso_date(previous);
            Err(Error::new(
                ErrorCode::OutOfRange,
                pointer,
                format!("must come after the row before ({previous}): give each period once, oldest first"),
            )
            .with_text("value", iso_date(date))
            .with_text("exclusiveMinimum", previous))
        }
        _ => Ok(()),
    }
}

/// `date` from `start` to `latest` (named `latest_name` in the sentence).
fn check_in_window(
    start: Date,
    latest: Date,
    date: Date,
    pointer: &str,
    latest_name: &str,
) -> Result<()> {
    if date < start {
        Err(before_start(pointer, start))
    } else if date > latest {
        let latest = iso_date(latest);
        Err(Error::new(
            ErrorCode::OutOfRange,
            pointer,
            format!("must be on or before {latest_name} ({latest})"),
        )
        .with_text("value", iso_date(date))
        .with_text("maximum", latest))
    } else {
        Ok(())
    }
}

/// A row's `stages`: 1 to n entries, n the model's stages.
fn check_stage_count(count: usize, row: &str, stages: usize) -> Result<()> {
    check_count_at(
        count,
        "/actuals/*/stages",
        &format!("{row}/stages"),
        &PROGRESS_LISTS,
        stages,
    )
}

/// `open`: at most n - 1 entries; a deal at the last stage is won, not open.
fn check_open_count(count: usize, stages: usize) -> Result<()> {
    check_count_at(
        count,
        "/open",
        "/open",
        &PROGRESS_LISTS,
        stages.saturating_sub(1),
    )
}

/// The open opportunities add up to at most [`MAX_OPEN`].
fn check_open_sum(open: &[Decimal]) -> Result<()> {
    let limit = Decimal::from(MAX_OPEN);
    let mut sum = Decimal::ZERO;
    for &count in open {
        // Each is a whole number >= 0 below 2^96; a sum past the range is past the limit too.
        sum = sum.plus(count).unwrap_or(Decimal::MAX);
    }
    if sum > limit {
        let value = format_decimal(sum);
        return Err(Error::new(
            ErrorCode::TooMany,
            "/open",
            format!("must add up to at most {MAX_OPEN} opportunities (got {value})"),
        )
        .with_integer("max", MAX_OPEN as usize));
    }
    Ok(())
}
