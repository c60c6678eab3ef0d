//! `plan`: what the target needs, spread over a calendar window: per month, per ISO week,
//! per workday and per salesperson.
//!
//! Calendar facts (weekdays, ISO weeks, month lengths, leap years) come from `jiff`'s civil
//! dates; the arithmetic is exact: whole counts are rounded up with [`crate::target`]'s
//! checked ceiling, and months and weeks share the totals out by the largest remainder in
//! integers, so the rows add up to the totals exactly.

use jiff::civil::Date;
use jiff::SignedDuration;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::json::{Fields, Json};
use crate::lever::{Bound, Bounds};
use crate::model::Model;
use crate::number::{self, format_decimal, Exact};
use crate::target::{ceil_div, needed, Needed, NeededStage};

/// The earliest year a window date may have.
pub const MIN_PLAN_YEAR: i16 = 1900;
/// The latest year a window date may have.
pub const MAX_PLAN_YEAR: i16 = 2200;
/// The most days `end` may lie after `start`: three years and a leap day.
pub const MAX_WINDOW_DAYS: u32 = 1096;
/// The most holidays one plan may list.
pub const MAX_HOLIDAYS: usize = 400;

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
/// use sales_kpi::{Date, PlanOptions};
/// let options = PlanOptions::new(Date::constant(2027, 1, 1), Date::constant(2027, 3, 31));
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
    /// use sales_kpi::{Date, PlanOptions};
    /// let options = PlanOptions::new(Date::constant(2027, 1, 1), Date::constant(2027, 1, 31));
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
        let fields = Fields::open(
            value,
            "",
            &[
                "start", "end", "target", "growth", "reps", "capacity", "workdays", "holidays",
            ],
        )?;
        let start = read_date(fields.required("start")?, "/start")?;
        let end = read_date(fields.required("end")?, "/end")?;
        check_window(start, end)?;
        let mut options = PlanOptions::new(start, end);
        options.target = fields.optional_number("target")?;
        options.growth = fields
            .get("growth")
            .map(|value| {
                let growth = Fields::open(value, "/growth", &["baseline", "by"])?;
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
            let items = list(value, "/workdays", 7)?;
            options.workdays = items
                .iter()
                .enumerate()
                .map(|(index, item)| read_weekday(item, index))
                .collect::<Result<_>>()?;
        }
        if let Some(value) = fields.get("holidays") {
            let items = list(value, "/holidays", MAX_HOLIDAYS)?;
            options.holidays = items
                .iter()
                .enumerate()
                .map(|(index, item)| read_date(item, &format!("/holidays/{index}")))
                .collect::<Result<_>>()?;
        }
        options.validate()?;
        Ok(options)
    }

    /// Checks every option against the contract, naming the first one that is off.
    ///
    /// ```
    /// use sales_kpi::{Date, PlanOptions};
    /// let mut options = PlanOptions::new(Date::constant(2027, 1, 1), Date::constant(2027, 1, 31));
    /// options.workdays = vec![1, 1];
    /// assert_eq!(options.validate().unwrap_err().pointer(), "/workdays/1");
    /// ```
    pub fn validate(&self) -> Result<()> {
        check_year(self.start, "/start")?;
        check_year(self.end, "/end")?;
        check_window(self.start, self.end)?;
        let positive = Bounds::new(Bound::Exclusive(Decimal::ZERO), Bound::Unbounded);
        if let Some(target) = self.target {
            positive.check(target, "/target")?;
        }
        if let Some(growth) = self.growth {
            if self.target.is_some() {
                return Err(Error::new("/growth", "give target or growth, not both"));
            }
            positive.check(growth.baseline, "/growth/baseline")?;
            Bounds::new(Bound::Exclusive(Decimal::NEGATIVE_ONE), Bound::Unbounded)
                .check(growth.by, "/growth/by")?;
        }
        positive.check(self.reps, "/reps")?;
        if let Some(capacity) = self.capacity {
            positive.check(capacity, "/capacity")?;
        }
        check_count(self.workdays.len(), 1, 7, "/workdays", "weekdays")?;
        for (index, &weekday) in self.workdays.iter().enumerate() {
            if !(1..=7).contains(&weekday) {
                return Err(weekday_error(index, &weekday.to_string()));
            }
            if self.workdays[..index].contains(&weekday) {
                return Err(Error::new(
                    format!("/workdays/{index}"),
                    format!("repeats weekday {weekday}; give each weekday once"),
                ));
            }
        }
        check_count(self.holidays.len(), 0, MAX_HOLIDAYS, "/holidays", "dates")?;
        for (index, &holiday) in self.holidays.iter().enumerate() {
            check_year(holiday, &format!("/holidays/{index}"))?;
        }
        Ok(())
    }
}

/// What a target needs in a calendar window.
///
/// ```
/// use sales_kpi::{plan, Date, Model, PlanOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let plan = plan(&model, &PlanOptions::new(Date::constant(2027, 1, 1),
///     Date::constant(2027, 3, 31))).unwrap();
/// assert_eq!((plan.days, plan.workdays), (90, 64));
/// assert_eq!(plan.per_workday.top.unwrap().to_string(), "250"); // 16000 visitors / 64
/// assert_eq!(plan.months.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Calendar days from start to end, both included.
    #[serde(serialize_with = "serialize_count")]
    pub days: u32,
    /// Days whose weekday is worked and that are not holidays.
    #[serde(serialize_with = "serialize_count")]
    pub workdays: u32,
    /// The window's revenue target.
    #[serde(serialize_with = "number::serialize")]
    pub target: Decimal,
    /// ceil(target / deal size); `None` when the deal size is 0.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals_needed: Option<Decimal>,
    /// The backwards funnel for the target, as `compute` gives it.
    pub needed: Needed,
    /// At least this many every workday: ceil(needed / workdays).
    pub per_workday: Quota,
    /// At least this many per rep every workday: ceil(needed / (workdays x reps)).
    pub per_rep: Quota,
    /// ceil(needed top / (workdays x capacity)), when a capacity is given; `Some(None)`
    /// (null) when the top count is null.
    #[serde(
        serialize_with = "serialize_nested_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub reps_needed: Option<Option<Decimal>>,
    /// One row per calendar month the window touches, in order.
    pub months: Vec<MonthRow>,
    /// One row per ISO 8601 week the window touches, in order.
    pub weeks: Vec<WeekRow>,
    /// When leads must enter the funnel to close inside the window, when the model has
    /// `cycleDays`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_window: Option<EntryWindow>,
}

/// Whole counts per workday (or per rep and workday), each rounded up.
///
/// ```
/// let quota = sales_kpi::Quota { top: Some(250.into()), stages: vec![], deals: Some(2.into()) };
/// assert_eq!(quota.deals.unwrap().to_string(), "2");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quota {
    /// Top-of-funnel units; `None` when the needed top is null.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
    /// Each stage's count; `None` where the needed count is null.
    pub stages: Vec<NeededStage>,
    /// Deals; `None` when the deal size is 0.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals: Option<Decimal>,
}

/// One calendar month's share of the plan.
///
/// ```
/// let row = sales_kpi::MonthRow { month: "2027-01".into(), workdays: 20, target: 1.into(),
///     deals: None, top: None, stages: vec![] };
/// assert_eq!(row.month, "2027-01");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The window's workdays in this month.
    #[serde(serialize_with = "serialize_count")]
    pub workdays: u32,
    /// The target x workdays / the plan's workdays.
    #[serde(serialize_with = "number::serialize")]
    pub target: Decimal,
    /// This month's share of the deals needed.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals: Option<Decimal>,
    /// This month's share of the needed top.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
    /// This month's share of each stage's needed count.
    pub stages: Vec<NeededStage>,
}

/// One ISO week's share of the plan.
///
/// ```
/// use sales_kpi::{Date, WeekRow};
/// let row = WeekRow { week: "2026-W53".into(), start: Date::constant(2027, 1, 1), workdays: 1,
///     target: 1.into(), deals: None, top: None, stages: vec![] };
/// assert_eq!(row.week, "2026-W53");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekRow {
    /// The ISO week-year and week number, `YYYY-Www`.
    pub week: String,
    /// The first day of this week inside the window.
    #[serde(serialize_with = "serialize_date")]
    pub start: Date,
    /// The window's workdays in this week.
    #[serde(serialize_with = "serialize_count")]
    pub workdays: u32,
    /// The target x workdays / the plan's workdays.
    #[serde(serialize_with = "number::serialize")]
    pub target: Decimal,
    /// This week's share of the deals needed.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals: Option<Decimal>,
    /// This week's share of the needed top.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
    /// This week's share of each stage's needed count.
    pub stages: Vec<NeededStage>,
}

/// The days on which leads must enter the funnel for their deals to close in the window.
///
/// ```
/// use sales_kpi::{Date, EntryWindow};
/// let window = EntryWindow { from: Date::constant(2026, 11, 17), to: Date::constant(2027, 2, 14) };
/// assert!(window.from < window.to);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EntryWindow {
    /// start - ceil(cycleDays) days.
    #[serde(serialize_with = "serialize_date")]
    pub from: Date,
    /// end - ceil(cycleDays) days.
    #[serde(serialize_with = "serialize_date")]
    pub to: Date,
}

/// Spreads what the target needs over the options' window.
///
/// The target is `options.target`, else baseline x (1 + by) from `options.growth`, else the
/// model's; without any, the error is `/target: required`. Months and weeks share out each
/// whole total by the largest remainder, so the rows add up to it exactly.
///
/// ```
/// use sales_kpi::{plan, Date, Model, PlanGrowth, PlanOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let mut options = PlanOptions::new(Date::constant(2027, 1, 1), Date::constant(2027, 3, 31));
/// options.growth = Some(PlanGrowth { baseline: 135_000.into(), by: "0.14".parse().unwrap() });
/// let plan = plan(&model, &options).unwrap();
/// assert_eq!(plan.target.to_string(), "153900.00");
/// assert_eq!(plan.deals_needed.unwrap().to_string(), "13");
/// let month_deals: rust_decimal::Decimal = plan.months.iter().map(|m| m.deals.unwrap()).sum();
/// assert_eq!(month_deals.to_string(), "13");
/// ```
pub fn plan(model: &Model, options: &PlanOptions) -> Result<Plan> {
    options.validate()?;
    let target = window_target(model, options)?;
    let calendar = Calendar::of(options)?;
    let total_workdays = calendar.workdays;
    if total_workdays == 0 {
        return Err(Error::new(
            "/workdays",
            "no workday in the window; widen the window, add weekdays or remove holidays",
        ));
    }
    let workdays = Decimal::from(total_workdays);

    let (deals_needed, needed) = needed(&model.funnel, target, "")?;
    let per_workday = quota(&needed, deals_needed, workdays, "/perWorkday")?;
    let rep_days = workdays
        .times(options.reps)
        .ok_or_else(|| Error::overflow("/perRep"))?;
    let per_rep = quota(&needed, deals_needed, rep_days, "/perRep")?;
    let reps_needed = options
        .capacity
        .map(|capacity| {
            let units = workdays
                .times(capacity)
                .ok_or_else(|| Error::overflow("/repsNeeded"))?;
            needed
                .top
                .map(|top| ceil_div(top, units, "/repsNeeded"))
                .transpose()
        })
        .transpose()?;

    let shares = Shares {
        target,
        deals_needed,
        needed: &needed,
        total_workdays,
    };
    let month_days: Vec<u32> = calendar.months.iter().map(|row| row.workdays).collect();
    let mut months = Vec::with_capacity(calendar.months.len());
    for (index, row) in shares.rows(&month_days, "/months")?.into_iter().enumerate() {
        let month = &calendar.months[index];
        months.push(MonthRow {
            month: month.label.clone(),
            workdays: month.workdays,
            target: row.target,
            deals: row.deals,
            top: row.top,
            stages: row.stages,
        });
    }
    let week_days: Vec<u32> = calendar.weeks.iter().map(|row| row.workdays).collect();
    let mut weeks = Vec::with_capacity(calendar.weeks.len());
    for (index, row) in shares.rows(&week_days, "/weeks")?.into_iter().enumerate() {
        let week = &calendar.weeks[index];
        weeks.push(WeekRow {
            week: week.label.clone(),
            start: week.start,
            workdays: week.workdays,
            target: row.target,
            deals: row.deals,
            top: row.top,
            stages: row.stages,
        });
    }

    Ok(Plan {
        days: calendar.days,
        workdays: total_workdays,
        target,
        deals_needed,
        per_workday,
        per_rep,
        reps_needed,
        months,
        weeks,
        entry_window: model
            .cycle_days
            .map(|cycle_days| entry_window(options, cycle_days))
            .transpose()?,
        needed,
    })
}

/// The window's target: given, from growth, or the model's.
fn window_target(model: &Model, options: &PlanOptions) -> Result<Decimal> {
    if let Some(target) = options.target {
        return Ok(target);
    }
    if let Some(growth) = options.growth {
        // by > -1, so 1 + by > 0 and cannot overflow.
        let factor = Decimal::ONE
            .plus(growth.by)
            .ok_or_else(|| Error::overflow("/target"))?;
        let target = growth
            .baseline
            .times(factor)
            .ok_or_else(|| Error::overflow("/target"))?;
        if target.is_zero() {
            return Err(Error::new(
                "/growth/by",
                format!(
                    "leaves a target of 0 (baseline {} x (1 + {})); raise baseline or by",
                    format_decimal(growth.baseline),
                    format_decimal(growth.by)
                ),
            ));
        }
        return Ok(target);
    }
    model
        .target
        .ok_or_else(|| Error::new("/target", "required"))
}

/// A month or an ISO week of the window, with its workdays.
struct Period {
    label: String,
    start: Date,
    workdays: u32,
}

/// The window laid out in days: its length, workdays, months and ISO weeks.
struct Calendar {
    days: u32,
    workdays: u32,
    months: Vec<Period>,
    weeks: Vec<Period>,
}

impl Calendar {
    fn of(options: &PlanOptions) -> Result<Calendar> {
        let mut worked = [false; 8];
        for &weekday in &options.workdays {
            worked[usize::from(weekday.min(7))] = true;
        }
        let mut holidays: Vec<Date> = options
            .holidays
            .iter()
            .copied()
            .filter(|day| (options.start..=options.end).contains(day))
            .collect();
        // At most 400 dates: an insertion sort keeps the standard library's sort out of wasm.
        for sorted in 1..holidays.len() {
            let mut at = sorted;
            while at > 0 && holidays[at - 1] > holidays[at] {
                holidays.swap(at - 1, at);
                at -= 1;
            }
        }
        let mut calendar = Calendar {
            days: 0,
            workdays: 0,
            months: Vec::new(),
            weeks: Vec::new(),
        };
        let mut next_holiday = 0;
        let mut day = options.start;
        loop {
            calendar.days += 1;
            while holidays
                .get(next_holiday)
                .is_some_and(|&holiday| holiday < day)
            {
                next_holiday += 1;
            }
            let holiday = holidays.get(next_holiday) == Some(&day);
            let weekday = day.weekday().to_monday_one_offset();
            let is_workday = !holiday && worked[weekday.unsigned_abs() as usize];
            let week = day.iso_week_date();
            let first_of_week = day == options.start || weekday == 1;
            if day == options.start || day.day() == 1 {
                calendar.months.push(Period {
                    label: format!("{:04}-{:02}", day.year(), day.month()),
                    start: day,
                    workdays: 0,
                });
            }
            if first_of_week {
                calendar.weeks.push(Period {
                    label: format!("{:04}-W{:02}", week.year(), week.week()),
                    start: day,
                    workdays: 0,
                });
            }
            if is_workday {
                calendar.workdays += 1;
                for period in [calendar.months.last_mut(), calendar.weeks.last_mut()]
                    .into_iter()
                    .flatten()
                {
                    period.workdays += 1;
                }
            }
            if day >= options.end {
                break;
            }
            // The window ends by 2200-12-31 at the latest, far inside jiff's range.
            day = day.tomorrow().map_err(|_| Error::overflow("/days"))?;
        }
        Ok(calendar)
    }
}

/// What the rows share out, and over how many workdays.
struct Shares<'a> {
    target: Decimal,
    deals_needed: Option<Decimal>,
    needed: &'a Needed,
    total_workdays: u32,
}

/// One row's part of the plan before it is labelled.
struct RowShare {
    target: Decimal,
    deals: Option<Decimal>,
    top: Option<Decimal>,
    stages: Vec<NeededStage>,
}

impl Shares<'_> {
    /// Each row's target and whole counts, for rows with the given workdays.
    fn rows(&self, workdays: &[u32], pointer: &str) -> Result<Vec<RowShare>> {
        let total = Decimal::from(self.total_workdays);
        let deals = share_out(self.deals_needed, workdays, self.total_workdays);
        let top = share_out(self.needed.top, workdays, self.total_workdays);
        let stages: Vec<Vec<Option<Decimal>>> = self
            .needed
            .stages
            .iter()
            .map(|stage| share_out(stage.count, workdays, self.total_workdays))
            .collect();
        let mut rows = Vec::with_capacity(workdays.len());
        for (index, &days) in workdays.iter().enumerate() {
            let target = self
                .target
                .times(Decimal::from(days))
                .and_then(|part| part.over(total))
                .ok_or_else(|| Error::overflow(format!("{pointer}/{index}/target")))?;
            rows.push(RowShare {
                target,
                deals: deals[index],
                top: top[index],
                stages: self
                    .needed
                    .stages
                    .iter()
                    .zip(&stages)
                    .map(|(stage, shares)| NeededStage {
                        name: stage.name.clone(),
                        count: shares[index],
                    })
                    .collect(),
            });
        }
        Ok(rows)
    }
}

/// Shares a whole `total` out over rows in proportion to their `weights` (which add up to
/// `total_weight`) by the largest remainder: each row gets floor(total x weight /
/// total_weight), and what is left goes one by one to the rows with the largest remainder
/// (total x weight mod total_weight), the earlier row first on a tie. `None` stays `None`
/// in every row. Computed in integers, so the rows add up to `total` exactly.
fn share_out(total: Option<Decimal>, weights: &[u32], total_weight: u32) -> Vec<Option<Decimal>> {
    let Some(whole) = total.and_then(whole_number) else {
        return vec![None; weights.len()];
    };
    let divisor = u128::from(total_weight.max(1));
    // whole < 2^96 and weight <= 1097 < 2^11: the product fits in 128 bits.
    let mut shares: Vec<u128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (index, &weight) in weights.iter().enumerate() {
        let product = whole * u128::from(weight);
        shares.push(product / divisor);
        remainders.push((product % divisor, index));
    }
    let given: u128 = shares.iter().sum();
    let left = whole.saturating_sub(given);
    // A stable insertion sort, largest remainder first; rows are few (at most 157 weeks)
    // and mostly of equal weight, so it does little work, without the standard sort's bytes.
    for sorted in 1..remainders.len() {
        let mut at = sorted;
        while at > 0 && remainders[at - 1].0 < remainders[at].0 {
            remainders.swap(at - 1, at);
            at -= 1;
        }
    }
    // The remainders add up to left x total_weight and each is below total_weight, so more
    // than `left` rows have one: a row without workdays (remainder 0) never gets a unit.
    for &(_, index) in remainders
        .iter()
        .take(usize::try_from(left).unwrap_or(usize::MAX))
    {
        shares[index] += 1;
    }
    shares
        .into_iter()
        .map(|share| Decimal::try_from_i128_with_scale(share as i128, 0).ok())
        .collect()
}

/// A whole, non-negative decimal as an integer.
fn whole_number(value: Decimal) -> Option<u128> {
    let value = value.normalize();
    if value.scale() != 0 || value.is_sign_negative() {
        return None;
    }
    u128::try_from(value.mantissa()).ok()
}

/// ceil(x / divisor) of every needed count.
fn quota(
    needed: &Needed,
    deals_needed: Option<Decimal>,
    divisor: Decimal,
    pointer: &str,
) -> Result<Quota> {
    let ceil = |count: Option<Decimal>, field: &str| {
        count
            .map(|count| ceil_div(count, divisor, &format!("{pointer}{field}")))
            .transpose()
    };
    let mut stages = Vec::with_capacity(needed.stages.len());
    for (index, stage) in needed.stages.iter().enumerate() {
        stages.push(NeededStage {
            name: stage.name.clone(),
            count: ceil(stage.count, &format!("/stages/{index}/count"))?,
        });
    }
    Ok(Quota {
        top: ceil(needed.top, "/top")?,
        stages,
        deals: ceil(deals_needed, "/deals")?,
    })
}

/// The entry window: the window moved back by ceil(cycleDays) days.
fn entry_window(options: &PlanOptions, cycle_days: Decimal) -> Result<EntryWindow> {
    let too_early = || {
        Error::new(
            "/entryWindow/from",
            format!(
                "lies before the year 1: cycleDays ({}) is too long for a calendar date",
                format_decimal(cycle_days)
            ),
        )
    };
    // jiff's calendar spans about 7.3 million days; a longer cycle cannot be subtracted.
    let days = whole_number(cycle_days.ceil())
        .filter(|&days| days <= 7_000_000)
        .ok_or_else(too_early)?;
    let shift = SignedDuration::from_hours(days as i64 * 24);
    let back = |date: Date| {
        date.checked_sub(shift)
            .ok()
            .filter(|moved| moved.year() >= 1)
            .ok_or_else(too_early)
    };
    Ok(EntryWindow {
        from: back(options.start)?,
        to: back(options.end)?,
    })
}

/// An ISO date, `YYYY-MM-DD`, in the years [`MIN_PLAN_YEAR`] to [`MAX_PLAN_YEAR`].
fn read_date(value: &Json, pointer: &str) -> Result<Date> {
    let Json::String(text) = value else {
        return Err(Error::new(
            pointer,
            format!(
                "must be a date written YYYY-MM-DD, as text (got {})",
                value.kind()
            ),
        ));
    };
    let invalid = || {
        let shown: String = text.chars().take(32).collect();
        Error::new(
            pointer,
            format!(
                "must be a calendar date written YYYY-MM-DD, in the years {MIN_PLAN_YEAR} to {MAX_PLAN_YEAR} (got \"{shown}\")"
            ),
        )
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
    if !shaped {
        return Err(invalid());
    }
    let digits = |range: core::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0i16, |value, &digit| value * 10 + i16::from(digit - b'0'))
    };
    let year = digits(0..4);
    if !(MIN_PLAN_YEAR..=MAX_PLAN_YEAR).contains(&year) {
        return Err(invalid());
    }
    // Month and day are below 100, so they fit an i8; jiff refuses 2027-02-30 and 2100-02-29.
    Date::new(year, digits(5..7) as i8, digits(8..10) as i8).map_err(|_| invalid())
}

/// A date's year must lie in the plan's range (dates built in Rust skip the reader).
fn check_year(date: Date, pointer: &str) -> Result<()> {
    if (MIN_PLAN_YEAR..=MAX_PLAN_YEAR).contains(&date.year()) {
        Ok(())
    } else {
        Err(Error::new(
            pointer,
            format!(
                "must be a calendar date in the years {MIN_PLAN_YEAR} to {MAX_PLAN_YEAR} (got {})",
                iso_date(date)
            ),
        ))
    }
}

/// `end` on or after `start`, at most [`MAX_WINDOW_DAYS`] after it.
fn check_window(start: Date, end: Date) -> Result<()> {
    if end < start {
        return Err(Error::new(
            "/end",
            format!(
                "must be on or after start ({}) (got {})",
                iso_date(start),
                iso_date(end)
            ),
        ));
    }
    let days = start.duration_until(end).as_secs() / 86_400;
    if days > i64::from(MAX_WINDOW_DAYS) {
        return Err(Error::new(
            "/end",
            format!(
                "must be at most {MAX_WINDOW_DAYS} days after start (got {days} days); plan three years at most"
            ),
        ));
    }
    Ok(())
}

/// A JSON list of at most `max` items.
fn list<'a>(value: &'a Json, pointer: &str, max: usize) -> Result<&'a [Json]> {
    match value {
        Json::Array(items) => {
            check_count(items.len(), 0, max, pointer, "items")?;
            Ok(items)
        }
        other => Err(Error::new(
            pointer,
            format!("must be a list (got {})", other.kind()),
        )),
    }
}

/// A list's length between `min` and `max`.
fn check_count(count: usize, min: usize, max: usize, pointer: &str, what: &str) -> Result<()> {
    if count < min {
        Err(Error::new(
            pointer,
            format!("must hold at least {min} {what} (got {count})"),
        ))
    } else if count > max {
        Err(Error::new(
            pointer,
            format!("must hold at most {max} {what} (got {count})"),
        ))
    } else {
        Ok(())
    }
}

/// An ISO weekday, a whole number from 1 (Monday) to 7 (Sunday).
fn read_weekday(value: &Json, index: usize) -> Result<u8> {
    let pointer = format!("/workdays/{index}");
    let weekday = crate::json::decimal(value, &pointer)?;
    if weekday.fract().is_zero() && weekday >= Decimal::ONE && weekday <= Decimal::from(7) {
        // 1 to 7, checked just above.
        Ok(weekday.normalize().mantissa() as u8)
    } else {
        Err(weekday_error(index, &format_decimal(weekday)))
    }
}

fn weekday_error(index: usize, got: &str) -> Error {
    Error::new(
        format!("/workdays/{index}"),
        format!("must be a whole number from 1 (Monday) to 7 (Sunday) (got {got})"),
    )
}

/// `YYYY-MM-DD`, for years 0 to 9999.
fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

fn serialize_date<S: serde::Serializer>(
    date: &Date,
    serializer: S,
) -> core::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(&iso_date(*date))
}

fn serialize_count<S: serde::Serializer>(
    count: &u32,
    serializer: S,
) -> core::result::Result<S::Ok, S::Error> {
    serializer.serialize_str(&count.to_string())
}

fn serialize_nested_option<S: serde::Serializer>(
    value: &Option<Option<Decimal>>,
    serializer: S,
) -> core::result::Result<S::Ok, S::Error> {
    number::serialize_option(&value.flatten(), serializer)
}
