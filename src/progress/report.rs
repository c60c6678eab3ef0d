//! What `progress` answers: the window's standing, the sums of the rows, the plan to date, the
//! figures still needed, each stage against its planned rate, and the open pipeline.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::number;

/// Where a window stands on its `asOf` day.
///
/// ```
/// use sales_kpi::{json::Json, progress, Model, ProgressOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "1000", "stages": [
///     {"name": "meetings", "rate": "0.4"}, {"name": "deals", "rate": "0.3"}],
///     "dealSize": "4500"}}"#).unwrap();
/// let options = ProgressOptions::from_json(&Json::parse(r#"{"start": "2027-01-04",
///     "end": "2027-01-15", "target": "45000", "asOf": "2027-01-08",
///     "actuals": [{"date": "2027-01-08", "revenue": "18000", "deals": "4"}]}"#).unwrap(), &model).unwrap();
/// let progress = progress(&model, &options).unwrap();
/// assert_eq!((progress.workdays, progress.elapsed), (10, 5));
/// assert_eq!(progress.projected.unwrap().to_string(), "36000");
/// assert_eq!(progress.on_track, Some(false));
/// assert_eq!(progress.gap.deals.unwrap().to_string(), "6");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The plan's workdays.
    #[serde(serialize_with = "number::serialize_count")]
    pub workdays: u32,
    /// Workdays from the start to `asOf`, both included.
    #[serde(serialize_with = "number::serialize_count")]
    pub elapsed: u32,
    /// Workdays after `asOf`.
    #[serde(serialize_with = "number::serialize_count")]
    pub remaining: u32,
    /// The plan's target.
    #[serde(serialize_with = "number::serialize")]
    pub target: Decimal,
    /// The sums of the rows.
    pub actual: Actual,
    /// The plan up to `asOf`.
    pub expected: Expected,
    /// actual revenue / target.
    #[serde(serialize_with = "number::serialize_option")]
    pub attainment: Option<Decimal>,
    /// actual revenue / expected revenue; `None` before the first workday.
    #[serde(serialize_with = "number::serialize_option")]
    pub pace: Option<Decimal>,
    /// The revenue at the end of the window at today's pace.
    #[serde(serialize_with = "number::serialize_option")]
    pub projected: Option<Decimal>,
    /// projected >= target.
    pub on_track: Option<bool>,
    /// What the rest of the window must still bring.
    pub gap: Figures,
    /// What each remaining workday needs, for the whole team; `None` when none remains.
    pub per_workday: Option<Figures>,
    /// The same per rep; `None` when no workday remains.
    pub per_rep: Option<Figures>,
    /// ceil(gap top / (remaining x capacity)), when a capacity is given.
    #[serde(
        serialize_with = "number::serialize_nested_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub reps_needed: Option<Option<Decimal>>,
    /// Each stage's planned and observed rate.
    pub stages: Vec<StageProgress>,
    /// The stage with the smallest ratio below 1 (the earliest on a tie).
    #[serde(serialize_with = "serialize_index_option")]
    pub weakest: Option<usize>,
    /// The open opportunities, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<Pipeline>,
}

/// The results so far: each the sum of the rows, `None` where no row gives it.
///
/// ```
/// let actual = sales_kpi::Actual { revenue: Some(58_500.into()), deals: None, top: None, stages: None };
/// assert_eq!(actual.revenue.unwrap().to_string(), "58500");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actual {
    /// Revenue won.
    #[serde(serialize_with = "number::serialize_option")]
    pub revenue: Option<Decimal>,
    /// Deals won.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals: Option<Decimal>,
    /// Top-of-funnel units.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
    /// How many reached each stage, as many entries as the longest row's.
    #[serde(serialize_with = "serialize_decimals_option")]
    pub stages: Option<Vec<Decimal>>,
}

/// The plan's totals up to `asOf`: total x elapsed / workdays, one division each.
///
/// ```
/// let expected = sales_kpi::Expected { revenue: 76_950.into(), deals: None, top: None };
/// assert!(expected.deals.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expected {
    /// target x elapsed / workdays.
    #[serde(serialize_with = "number::serialize")]
    pub revenue: Decimal,
    /// dealsNeeded x elapsed / workdays.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals: Option<Decimal>,
    /// needed top x elapsed / workdays.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
}

/// Revenue, deals and top-of-funnel units: a gap, or what a workday or a rep needs.
///
/// ```
/// let gap = sales_kpi::Figures { revenue: Some(95_400.into()), deals: Some(22.into()), top: None };
/// assert_eq!(gap.deals.unwrap().to_string(), "22");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Revenue.
    #[serde(serialize_with = "number::serialize_option")]
    pub revenue: Option<Decimal>,
    /// Deals, a whole number.
    #[serde(serialize_with = "number::serialize_option")]
    pub deals: Option<Decimal>,
    /// Top-of-funnel units, a whole number.
    #[serde(serialize_with = "number::serialize_option")]
    pub top: Option<Decimal>,
}

/// One stage: the planned rate against the one observed in the results.
///
/// ```
/// let stage = sales_kpi::StageProgress { name: "deals".into(), planned: rust_decimal::Decimal::new(3, 1),
///     observed: None, ratio: None };
/// assert!(stage.ratio.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageProgress {
    /// The stage's name.
    pub name: String,
    /// The model's rate.
    #[serde(serialize_with = "number::serialize")]
    pub planned: Decimal,
    /// This stage's count / the one before (the top for the first stage).
    #[serde(serialize_with = "number::serialize_option")]
    pub observed: Option<Decimal>,
    /// observed / planned.
    #[serde(serialize_with = "number::serialize_option")]
    pub ratio: Option<Decimal>,
}

/// The open opportunities weighed against the gap.
///
/// ```
/// let pipeline = sales_kpi::Pipeline { count: 49.into(), weighted: 39_150.into(), coverage: None,
///     deals_to_close: None, chance: None };
/// assert_eq!(pipeline.count.to_string(), "49");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pipeline {
    /// The sum of `open`.
    #[serde(serialize_with = "number::serialize")]
    pub count: Decimal,
    /// dealSize x the deals the opportunities are expected to bring.
    #[serde(serialize_with = "number::serialize")]
    pub weighted: Decimal,
    /// weighted / gap revenue.
    #[serde(serialize_with = "number::serialize_option")]
    pub coverage: Option<Decimal>,
    /// ceil(gap revenue / dealSize).
    #[serde(serialize_with = "number::serialize_option")]
    pub deals_to_close: Option<Decimal>,
    /// The probability that at least `deals_to_close` of them become deals, within 1e-12.
    #[serde(serialize_with = "number::serialize_option")]
    pub chance: Option<Decimal>,
}

/// Serializes an optional index (a stage's) as decimal text or `null`.
fn serialize_index_option<S: serde::Serializer>(
    index: &Option<usize>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match index {
        Some(index) => serializer.serialize_str(&index.to_string()),
        None => serializer.serialize_none(),
    }
}

/// Serializes an optional list of decimals as plain texts or `null`.
fn serialize_decimals_option<S: serde::Serializer>(
    values: &Option<Vec<Decimal>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct Plain(Decimal);
    impl serde::Serialize for Plain {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            number::serialize(&self.0, serializer)
        }
    }
    match values {
        Some(values) => serializer.collect_seq(values.iter().map(|&value| Plain(value))),
        None => serializer.serialize_none(),
    }
}
