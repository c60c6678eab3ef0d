//! What `plan` answers: the window's totals, per workday and per salesperson, each month and
//! ISO week, and the window in which new leads still close inside it.

use rust_decimal::Decimal;
use serde::Serialize;
use time::Date;

use super::calendar::serialize_date;
use crate::number;
use crate::target::{Needed, NeededStage};

/// What a target needs in a calendar window.
///
/// ```
/// use sales_kpi::{plan, Date, Model, Month, PlanOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let plan = plan(&model, &PlanOptions::new(Date::from_calendar_date(2027, Month::January, 1).unwrap(),
///     Date::from_calendar_date(2027, Month::March, 31).unwrap())).unwrap();
/// assert_eq!((plan.days, plan.workdays), (90, 64));
/// assert_eq!(plan.per_workday.top.unwrap().to_string(), "250"); // 16000 visitors / 64
/// assert_eq!(plan.months.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Calendar days from start to end, both included.
    #[serde(serialize_with = "number::serialize_count")]
    pub days: u32,
    /// Days whose weekday is worked and that are not holidays.
    #[serde(serialize_with = "number::serialize_count")]
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
        serialize_with = "number::serialize_nested_option",
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
    #[serde(serialize_with = "number::serialize_count")]
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
/// use sales_kpi::{Date, Month, WeekRow};
/// let row = WeekRow { week: "2026-W53".into(), start: Date::from_calendar_date(2027, Month::January, 1).unwrap(), workdays: 1,
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
    #[serde(serialize_with = "number::serialize_count")]
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
/// use sales_kpi::{Date, EntryWindow, Month};
/// let window = EntryWindow { from: Date::from_calendar_date(2026, Month::November, 17).unwrap(), to: Date::from_calendar_date(2027, Month::February, 14).unwrap() };
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
