//! `progress`: what has been won so far against the plan for the same window, what the rest
//! of the window needs, where the funnel stalls, and how likely the open pipeline is to
//! close the gap.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::model::Model;
use crate::number::Exact;
use crate::plan::{self, pro_rata, workdays_through};
use crate::target::{ceil_div, needed};

mod chance;
mod options;

mod report;

pub use options::{ActualsRow, ProgressOptions};
pub use report::{Actual, Expected, Figures, Pipeline, Progress, StageProgress};

/// How a window stands on its `asOf` day against the plan of the same model and options.
///
/// Sums, `max` and ceilings are exact; each division is one division of exact operands (pace
/// as actual revenue x workdays / (target x elapsed), a ratio as count / (count before x
/// rate)). A figure from a missing input is `None` (null), never an error.
///
/// ```
/// use sales_kpi::{json::Json, progress, Model, ProgressOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "1000", "stages": [
///     {"name": "meetings", "rate": "0.4"}, {"name": "deals", "rate": "0.5"}],
///     "dealSize": "1000"}}"#).unwrap();
/// let options = ProgressOptions::from_json(&Json::parse(r#"{"start": "2027-01-04",
///     "end": "2027-01-15", "target": "10000", "asOf": "2027-01-08",
///     "actuals": [{"date": "2027-01-08", "revenue": "8000", "top": "50", "stages": [10, 8]}],
///     "open": ["4"]}"#).unwrap(), &model).unwrap();
/// let progress = progress(&model, &options).unwrap();
/// assert_eq!(progress.weakest, Some(0)); // 10 of 50 met: 0.2 against 0.4 planned
/// let pipeline = progress.pipeline.unwrap();
/// assert_eq!(pipeline.deals_to_close.unwrap().to_string(), "2");
/// assert_eq!(pipeline.chance.unwrap().to_string(), "0.6875"); // 2 of 4 coin flips or more
/// ```
pub fn progress(model: &Model, options: &ProgressOptions) -> Result<Progress> {
    let (target, calendar) = plan::window(model, &options.plan)?;
    options.check_own(model)?;
    let workdays = calendar.workdays;
    let elapsed = workdays_through(&options.plan, options.as_of);
    let remaining = workdays.saturating_sub(elapsed);
    let (deals_needed, needed) = needed(&model.funnel, target, "").map_err(|error| {
        Error::overflow(if error.pointer() == "/dealsNeeded" {
            "/expected/deals"
        } else {
            "/expected/top"
        })
    })?;
    let actual = sum_rows(&options.actuals, "/actual")?;

    let share = |total: Decimal, pointer: &str| {
        pro_rata(total, elapsed, workdays).ok_or_else(|| Error::overflow(pointer))
    };
    let expected = Expected {
        revenue: share(target, "/expected/revenue")?,
        deals: deals_needed
            .map(|deals| share(deals, "/expected/deals"))
            .transpose()?,
        top: needed
            .top
            .map(|top| share(top, "/expected/top"))
            .transpose()?,
    };
    let revenue = actual.revenue;
    let attainment = revenue
        .map(|revenue| divide(revenue, target, "/attainment"))
        .transpose()?;
    // pace = revenue / (target x elapsed / workdays), as one division of exact products.
    let (pace, projected, on_track) = match revenue {
        Some(revenue) if elapsed > 0 => {
            let won = times(revenue, workdays.into(), "/projected")?;
            let due = times(target, elapsed.into(), "/pace")?;
            (
                Some(divide(won, due, "/pace")?),
                Some(divide(won, elapsed.into(), "/projected")?),
                Some(won >= due),
            )
        }
        _ => (None, None, None),
    };
    let gap = Figures {
        revenue: revenue
            .map(|revenue| shortfall(target, revenue, "/gap/revenue"))
            .transpose()?,
        deals: both(deals_needed, actual.deals)
            .map(|(needed, won)| shortfall(needed, won, "/gap/deals"))
            .transpose()?,
        top: both(needed.top, actual.top)
            .map(|(needed, reached)| shortfall(needed, reached, "/gap/top"))
            .transpose()?,
    };
    let (per_workday, per_rep, reps_needed) = if remaining == 0 {
        (None, None, options.plan.capacity.map(|_| None))
    } else {
        let days = Decimal::from(remaining);
        let rep_days = times(days, options.plan.reps, "/perRep")?;
        let reps_needed = match options.plan.capacity {
            None => None,
            Some(capacity) => Some(
                gap.top
                    .map(|top| {
                        let units = times(days, capacity, "/repsNeeded")?;
                        ceil_div(top, units, "/repsNeeded")
                    })
                    .transpose()?,
            ),
        };
        (
            Some(per(&gap, days, "/perWorkday")?),
            Some(per(&gap, rep_days, "/perRep")?),
            reps_needed,
        )
    };
    let stages = stage_rows(model, &actual)?;
    let weakest = weakest(&stages);
    let pipeline = options
        .open
        .as_ref()
        .map(|open| pipeline(model, open, gap.revenue))
        .transpose()?;
    Ok(Progress {
        workdays,
        elapsed,
        remaining,
        target,
        actual,
        expected,
        attainment,
        pace,
        projected,
        on_track,
        gap,
        per_workday,
        per_rep,
        reps_needed,
        stages,
        weakest,
        pipeline,
    })
}

/// The sums of the rows; a field no row gives is `None`, and one a row leaves out counts 0
/// there.
fn sum_rows(rows: &[ActualsRow], pointer: &str) -> Result<Actual> {
    let add = |sum: Option<Decimal>, value: Option<Decimal>, key: &str| match (sum, value) {
        (sum, None) => Ok(sum),
        (sum, Some(value)) => sum
            .unwrap_or(Decimal::ZERO)
            .plus(value)
            .map(Some)
            .ok_or_else(|| Error::overflow(format!("{pointer}/{key}"))),
    };
    let mut actual = Actual {
        revenue: None,
        deals: None,
        top: None,
        stages: None,
    };
    for row in rows {
        actual.revenue = add(actual.revenue, row.revenue, "revenue")?;
        actual.deals = add(actual.deals, row.deals, "deals")?;
        actual.top = add(actual.top, row.top, "top")?;
        if let Some(counts) = &row.stages {
            let sums = actual.stages.get_or_insert_with(Vec::new);
            if sums.len() < counts.len() {
                sums.resize(counts.len(), Decimal::ZERO);
            }
            for (index, (sum, &count)) in sums.iter_mut().zip(counts).enumerate() {
                *sum = sum
                    .plus(count)
                    .ok_or_else(|| Error::overflow(format!("{pointer}/stages/{index}")))?;
            }
        }
    }
    Ok(actual)
}

/// Each stage's planned rate, observed rate and their ratio.
fn stage_rows(model: &Model, actual: &Actual) -> Result<Vec<StageProgress>> {
    let counts = actual.stages.as_deref().unwrap_or_default();
    let mut rows = Vec::with_capacity(model.funnel.stages.len());
    let mut before = actual.top;
    for (index, stage) in model.funnel.stages.iter().enumerate() {
        let count = counts.get(index).copied();
        let (observed, ratio) = match (count, before) {
            (Some(count), Some(before)) if !before.is_zero() => {
                let pointer = format!("/stages/{index}/ratio");
                let ratio = if stage.rate.is_zero() {
                    None
                } else {
                    // count / (before x rate): one division, not observed / planned.
                    Some(divide(
                        count,
                        times(before, stage.rate, &pointer)?,
                        &pointer,
                    )?)
                };
                (
                    Some(divide(count, before, &format!("/stages/{index}/observed"))?),
                    ratio,
                )
            }
            _ => (None, None),
        };
        rows.push(StageProgress {
            name: stage.name.clone(),
            planned: stage.rate,
            observed,
            ratio,
        });
        before = count;
    }
    Ok(rows)
}

/// The stage with the smallest ratio below 1, the earliest on a tie.
fn weakest(stages: &[StageProgress]) -> Option<usize> {
    let mut weakest: Option<(usize, Decimal)> = None;
    for (index, stage) in stages.iter().enumerate() {
        if let Some(ratio) = stage.ratio.filter(|&ratio| ratio < Decimal::ONE) {
            if weakest.is_none_or(|(_, smallest)| ratio < smallest) {
                weakest = Some((index, ratio));
            }
        }
    }
    weakest.map(|(index, _)| index)
}

/// The open opportunities: their count, weight, coverage of the gap and chance to close it.
fn pipeline(model: &Model, open: &[Decimal], gap: Option<Decimal>) -> Result<Pipeline> {
    let stages = &model.funnel.stages;
    // p_k = rate_{k+1} x ... x rate_{n-1}: the chance that an opportunity waiting after stage
    // k becomes a deal, worked backwards from the last stage.
    let mut chances = vec![Decimal::ONE; stages.len()];
    for index in (0..stages.len().saturating_sub(1)).rev() {
        let after = chances.get(index + 1).copied().unwrap_or(Decimal::ONE);
        let rate = stages
            .get(index + 1)
            .map_or(Decimal::ONE, |stage| stage.rate);
        if let Some(chance) = chances.get_mut(index) {
            *chance = times(rate, after, "/pipeline/weighted")?;
        }
    }
    let mut count = Decimal::ZERO;
    let mut expected_deals = Decimal::ZERO;
    let mut groups = Vec::with_capacity(open.len());
    for (&waiting, &chance) in open.iter().zip(&chances) {
        count = count
            .plus(waiting)
            .ok_or_else(|| Error::overflow("/pipeline/count"))?;
        expected_deals = expected_deals
            .plus(times(waiting, chance, "/pipeline/weighted")?)
            .ok_or_else(|| Error::overflow("/pipeline/weighted"))?;
        // The options hold at most 1,000 opportunities in all.
        let waiting = u32::try_from(waiting.trunc().mantissa()).unwrap_or(0);
        groups.push((waiting, chance));
    }
    let weighted = times(model.funnel.deal_size, expected_deals, "/pipeline/weighted")?;
    let coverage = gap
        .filter(|gap| !gap.is_zero())
        .map(|gap| divide(weighted, gap, "/pipeline/coverage"))
        .transpose()?;
    let deal_size = model.funnel.deal_size;
    let deals_to_close = gap
        .filter(|_| !deal_size.is_zero())
        .map(|gap| ceil_div(gap, deal_size, "/pipeline/dealsToClose"))
        .transpose()?;
    let chance = deals_to_close.map(|deals| {
        // More deals to close than the 1,000 opportunities at most: no chance.
        let deals = u32::try_from(deals.trunc().mantissa()).unwrap_or(u32::MAX);
        chance::at_least(&groups, deals)
    });
    Ok(Pipeline {
        count,
        weighted,
        coverage,
        deals_to_close,
        chance,
    })
}

/// max(total - done, 0).
fn shortfall(total: Decimal, done: Decimal, pointer: &str) -> Result<Decimal> {
    Ok(total
        .minus(done)
        .ok_or_else(|| Error::overflow(pointer))?
        .max(Decimal::ZERO))
}

/// What a gap needs per divisor: the revenue divided, the counts rounded up.
fn per(gap: &Figures, divisor: Decimal, pointer: &str) -> Result<Figures> {
    let ceiling = |count: Option<Decimal>, key: &str| {
        count
            .map(|count| ceil_div(count, divisor, &format!("{pointer}/{key}")))
            .transpose()
    };
    Ok(Figures {
        revenue: gap
            .revenue
            .map(|revenue| divide(revenue, divisor, &format!("{pointer}/revenue")))
            .transpose()?,
        deals: ceiling(gap.deals, "deals")?,
        top: ceiling(gap.top, "top")?,
    })
}

fn both(a: Option<Decimal>, b: Option<Decimal>) -> Option<(Decimal, Decimal)> {
    a.zip(b)
}

fn times(a: Decimal, b: Decimal, pointer: &str) -> Result<Decimal> {
    a.times(b).ok_or_else(|| Error::overflow(pointer))
}

fn divide(a: Decimal, b: Decimal, pointer: &str) -> Result<Decimal> {
    a.over(b).ok_or_else(|| Error::overflow(pointer))
}
