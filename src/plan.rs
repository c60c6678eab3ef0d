//! `plan`: what the target needs, spread over a calendar window: per month, per ISO week,
//! per workday and per salesperson.
//!
//! Calendar facts (weekdays, ISO weeks, month lengths, leap years) come from the `time`
//! crate's dates; the arithmetic is exact: whole counts are rounded up with [`crate::target`]'s
//! checked ceiling, and months and weeks share the totals out by the largest remainder in
//! integers, so the rows add up to the totals exactly.

use rust_decimal::Decimal;
use time::Date;

use crate::error::{Error, ErrorCode, Result};
use crate::lever::Lever;
use crate::model::Model;
use crate::number::Exact;
use crate::target::{ceil_div, needed, NeededStage};

mod calendar;
mod option_fields;
mod options;
mod report;
mod share;

pub(crate) use calendar::iso_date;
use calendar::{days_before, Calendar};
// progress's expected figures: the plan's workdays and shares, up to its `asOf`.
use share::{stages, whole_number, Shares};
#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
pub(crate) use {calendar::workdays_through, share::pro_rata};

#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
pub(crate) use option_fields::{before_start, check_count_at, check_field, check_year, read_date};
pub use options::{PlanGrowth, PlanOptions};
pub use report::{EntryWindow, MonthRow, Plan, Quota, WeekRow};

/// Spreads what the target needs over the options' window.
///
/// The target is `options.target`, else baseline x (1 + by) from `options.growth`, else the
/// model's; without any, the error is `/target: required`. Months and weeks share out each
/// whole total by the largest remainder, so the rows add up to it exactly.
///
/// ```
/// use sales_kpi::{plan, Date, Model, Month, PlanGrowth, PlanOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let mut options = PlanOptions::new(Date::from_calendar_date(2027, Month::January, 1).unwrap(), Date::from_calendar_date(2027, Month::March, 31).unwrap());
/// options.growth = Some(PlanGrowth { baseline: 135_000.into(), by: "0.14".parse().unwrap() });
/// let plan = plan(&model, &options).unwrap();
/// assert_eq!(plan.target.to_string(), "153900.00");
/// assert_eq!(plan.deals_needed.unwrap().to_string(), "13");
/// let month_deals: rust_decimal::Decimal = plan.months.iter().map(|m| m.deals.unwrap()).sum();
/// assert_eq!(month_deals.to_string(), "13");
/// ```
pub fn plan(model: &Model, options: &PlanOptions) -> Result<Plan> {
    let (target, calendar) = window(model, options)?;
    let workdays = Decimal::from(calendar.workdays);
    let (deals_needed, needed) = needed(&model.funnel, target, "")?;
    // Every whole total in one list, in the order the rows hold them: deals, top, stages.
    let mut totals = vec![deals_needed, needed.top];
    for stage in &needed.stages {
        totals.push(stage.count);
    }
    let names = &needed.stages;

    let per_workday = quota(names, &totals, workdays, "/perWorkday")?;
    let rep_days = workdays
        .times(options.reps)
        .ok_or_else(|| Error::overflow("/perRep"))?;
    let per_rep = quota(names, &totals, rep_days, "/perRep")?;
    let reps_needed = match (options.capacity, needed.top) {
        (None, _) => None,
        (Some(_), None) => Some(None),
        (Some(capacity), Some(top)) => Some(Some(
            workdays
                .times(capacity)
                .and_then(|units| ceil_div(top, units, "").ok())
                .ok_or_else(|| Error::overflow("/repsNeeded"))?,
        )),
    };

    let shares = Shares {
        target,
        totals: &totals,
        names,
        workdays: calendar.workdays,
    };
    let mut months = Vec::with_capacity(calendar.months.len());
    for (row, period) in shares
        .rows(&calendar.months, "/months")?
        .into_iter()
        .zip(calendar.months)
    {
        months.push(MonthRow {
            month: period.label,
            workdays: period.workdays,
            target: row.target,
            deals: row.deals,
            top: row.top,
            stages: row.stages,
        });
    }
    let mut weeks = Vec::with_capacity(calendar.weeks.len());
    for (row, period) in shares
        .rows(&calendar.weeks, "/weeks")?
        .into_iter()
        .zip(calendar.weeks)
    {
        weeks.push(WeekRow {
            week: period.label,
            start: period.start,
            workdays: period.workdays,
            target: row.target,
            deals: row.deals,
            top: row.top,
            stages: row.stages,
        });
    }
    let entry_window = match model.get(Lever::CycleDays) {
        Some(cycle_days) => Some(entry_window(options, cycle_days)?),
        None => None,
    };
    Ok(Plan {
        days: calendar.days,
        workdays: calendar.workdays,
        target,
        deals_needed,
        needed,
        per_workday,
        per_rep,
        reps_needed,
        months,
        weeks,
        entry_window,
    })
}

/// The window's target and calendar, after every check of the plan's options in the order
/// plan makes them: the options themselves, the target, a workday in the window. `progress`
/// checks its plan part the same way.
pub(crate) fn window(model: &Model, options: &PlanOptions) -> Result<(Decimal, Calendar)> {
    options.validate()?;
    let target = window_target(model, options)?;
    let calendar = Calendar::of(options)?;
    if calendar.workdays == 0 {
        return Err(Error::new(
            ErrorCode::NoWorkdays,
            "/workdays",
            "no workday in the window; widen the window, add weekdays or remove holidays",
        ));
    }
    Ok((target, calendar))
}

/// The window's target: given, from growth, or the model's.
fn window_target(model: &Model, options: &PlanOptions) -> Result<Decimal> {
    match (options.target, options.growth) {
        (Some(target), _) => Ok(target),
        // by > -1, so 1 + by lies in (0, 1 + by] and cannot overflow; the product can.
        (None, Some(growth)) => Decimal::ONE
            .plus(growth.by)
            .and_then(|factor| growth.baseline.times(factor))
            .ok_or_else(|| Error::overflow("/target")),
        (None, None) => model
            .get(Lever::Target)
            .ok_or_else(|| Error::new(ErrorCode::Required, "/target", "required")),
    }
}

/// ceil(total / divisor) of every whole total (deals, top, stages).
fn quota(
    names: &[NeededStage],
    totals: &[Option<Decimal>],
    divisor: Decimal,
    pointer: &str,
) -> Result<Quota> {
    let mut counts = Vec::with_capacity(totals.len());
    for &total in totals {
        counts.push(match total {
            Some(total) => {
                Some(ceil_div(total, divisor, "").map_err(|_| Error::overflow(pointer))?)
            }
            None => None,
        });
    }
    Ok(Quota {
        top: counts[1],
        stages: stages(names, &counts[2..]),
        deals: counts[0],
    })
}

/// The entry window: the window moved back by ceil(cycleDays) days.
fn entry_window(options: &PlanOptions, cycle_days: Decimal) -> Result<EntryWindow> {
    let back = |date: Date| {
        ceil_div(cycle_days, Decimal::ONE, "")
            .ok()
            .and_then(whole_number)
            .and_then(|days| days_before(date, days))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::Overflow,
                    "/entryWindow/from",
                    "lies before the year 1: cycleDays is too long for a calendar date",
                )
            })
    };
    Ok(EntryWindow {
        from: back(options.start)?,
        to: back(options.end)?,
    })
}
