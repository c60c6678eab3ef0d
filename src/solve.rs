//! `solve`: goal seek. Which value of one lever makes a metric hit a target?

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::fields::Fields;
use crate::json::Json;
use crate::lever::{Bound, Lever};
use crate::metric::{evaluate, Metric};
use crate::model::Model;
use crate::number::{self, format_decimal};
use crate::report::{compute, Report};

/// The most metric evaluations one bracketing search may spend, so a solve always ends.
pub const MAX_SOLVER_EVALUATIONS: usize = 600;

/// A metric within this relative distance of the target (1e-9) counts as hitting it.
const RELATIVE_HIT: Decimal = Decimal::from_parts(1, 0, 0, false, 9);

/// For a target of 0, where no relative distance works, a metric this close (1e-20) hits it.
const ABSOLUTE_HIT: Decimal = Decimal::from_parts(1, 0, 0, false, 20);

/// What to seek: the value of `lever` at which the report's `metric` equals `target`.
///
/// ```
/// use sales_kpi::{json::Json, Goal};
/// let goal = Goal::from_json(&Json::parse(r#"{"lever": "/funnel/dealSize",
///     "metric": "/funnel/revenue", "target": "1000000"}"#).unwrap()).unwrap();
/// assert_eq!(goal.metric, "/funnel/revenue");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// The JSON Pointer of the number in the model to solve for.
    pub lever: String,
    /// The JSON Pointer of the number in the report to aim at.
    pub metric: String,
    /// The value the metric should take.
    pub target: Decimal,
}

impl Goal {
    /// Reads a goal; errors point into it, such as `/target`.
    ///
    /// ```
    /// let error = sales_kpi::Goal::from_json(&sales_kpi::json::Json::Null).unwrap_err();
    /// assert_eq!(error.to_string(), ": must be an object (got null)");
    /// ```
    pub fn from_json(value: &Json) -> Result<Goal> {
        let fields = Fields::open(value, "", &["lever", "metric", "target"])?;
        Ok(Goal {
            lever: fields.text("lever")?.to_owned(),
            metric: fields.text("metric")?.to_owned(),
            target: fields.number("target")?,
        })
    }
}

/// The solved value and the report of the model with it in place.
///
/// ```
/// # let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "1",
/// #     "stages": [{"name": "deals", "rate": "1"}], "dealSize": "1"}}"#).unwrap();
/// let solution = sales_kpi::Solution { value: 1.into(), report: sales_kpi::compute(&model).unwrap() };
/// assert_eq!(solution.value.to_string(), "1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// The lever's value that reaches the target.
    #[serde(serialize_with = "number::serialize")]
    pub value: Decimal,
    /// `compute` of the model with `value` in place.
    pub report: Report,
}

/// Finds the lever's value that makes the metric equal the target, all else held.
///
/// Where the metric is proportional to the lever (revenue against top, a rate or the deal
/// size) the answer is exact, such as deal size = target / deals. Elsewhere a bracketing
/// search with bisection finds it to within 1e-12 relative, in a bounded number of steps.
/// No solution in the lever's valid range is an error naming the lever and saying why.
///
/// ```
/// use sales_kpi::{json::Json, solve, Goal, Model};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let goal = Goal { lever: "/funnel/stages/0/rate".into(), metric: "/funnel/revenue".into(),
///     target: 1_000_000.into() };
/// let solution = solve(&model, &goal).unwrap();
/// assert_eq!(solution.value.normalize().to_string(), "0.0333333333333333333333333333");
///
/// let too_high = Goal { target: 100_000_000.into(), ..goal };
/// assert!(solve(&model, &too_high).unwrap_err().to_string()
///     .starts_with("/funnel/stages/0/rate: would need to be"));
/// ```
pub fn solve(model: &Model, goal: &Goal) -> Result<Solution> {
    let (solved, value) = solved_model(model, goal)?;
    Ok(Solution {
        value,
        report: compute(&solved)?,
    })
}

/// The solved lever value and the model with it in place, checked; `evaluate` stops here,
/// as the widget needs only the value.
pub(crate) fn solved_model(model: &Model, goal: &Goal) -> Result<(Model, Decimal)> {
    let lever = model.lever(&goal.lever, "/lever")?;
    let metric = model.metric(&goal.metric, "/metric")?;
    let value = match closed_form(model, lever, metric, goal)? {
        Some(value) => value,
        None => search(model, lever, metric, goal)?,
    };
    let bounds = model.bounds(lever);
    if !bounds.contains(value) {
        let limit = match bounds.max {
            Bound::Inclusive(max) | Bound::Exclusive(max) if value > max => {
                let percent = if lever.is_rate() {
                    ", that is more than 100 %"
                } else {
                    ""
                };
                format!("above {}{percent}", format_decimal(max))
            }
            _ => "below what it can be".to_owned(),
        };
        return Err(no_solution(
            goal,
            "outOfRange",
            format!(
                "would need to be {} ({limit}), so {} cannot reach {} with this lever alone",
                format_decimal(value),
                goal.metric,
                format_decimal(goal.target)
            ),
        )
        .with_text("value", format_decimal(value)));
    }
    let mut solved = model.clone();
    solved.set(lever, value);
    solved.validate().map_err(|error| {
        no_solution(
            goal,
            "outOfRange",
            format!(
                "the solution {} leaves the model invalid: {error}",
                format_decimal(value)
            ),
        )
        .with_text("value", format_decimal(value))
        .with_text("other", error.pointer())
    })?;
    Ok((solved, value))
}

/// The error for a goal that no value of its lever reaches, and why (`reason`).
fn no_solution(goal: &Goal, reason: &'static str, message: String) -> Error {
    Error::new(ErrorCode::NoSolution, &goal.lever, message).with_text("reason", reason)
}

/// How a metric depends on a lever when everything else is held.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// metric = k x lever
    Proportional,
    /// metric = k / lever
    Inverse,
}

fn shape(lever: Lever, metric: Metric) -> Option<Shape> {
    use Lever as L;
    use Metric as M;
    match (lever, metric) {
        (L::Top | L::DealSize, M::Revenue) => Some(Shape::Proportional),
        (L::Top | L::StageRate(_), M::Deals) => Some(Shape::Proportional),
        (L::StageRate(_), M::Revenue | M::Conversion) => Some(Shape::Proportional),
        (L::Top, M::StageCount(_)) => Some(Shape::Proportional),
        (L::StageRate(rate), M::StageCount(count)) if rate <= count => Some(Shape::Proportional),
        (L::AcquisitionCost, M::Cac | M::PaybackMonths) => Some(Shape::Proportional),
        (
            L::PurchaseValue | L::PurchasesPerYear | L::LifespanYears | L::GrossMargin,
            M::Clv | M::LtvToCac,
        ) => Some(Shape::Proportional),
        (L::CycleDays, M::PerDay) => Some(Shape::Inverse),
        (L::AcquisitionCost, M::LtvToCac) => Some(Shape::Inverse),
        (L::AnnualChurn, M::Clv | M::LtvToCac) => Some(Shape::Inverse),
        (L::Target, M::Attainment) => Some(Shape::Inverse),
        _ => None,
    }
}

/// The closed-form answer where the metric is `k x lever` or `k / lever`, with `k` the
/// metric at lever = 1. It is checked against the metric before it is trusted; `None`
/// sends the goal to the bracketing search.
fn closed_form(
    model: &Model,
    lever: Lever,
    metric: Metric,
    goal: &Goal,
) -> Result<Option<Decimal>> {
    let overflow = || {
        Error::new(
            ErrorCode::Overflow,
            &goal.lever,
            "would need to be too large for exact decimals",
        )
    };
    // Attainment and velocity are revenue over a constant: seek that revenue instead,
    // so the answer takes one rounding, as deal size = target / deals does.
    let given = (model.get(Lever::Target), model.get(Lever::CycleDays));
    let (metric, wanted) = match (lever, metric, given.0, given.1) {
        (
            Lever::Top | Lever::StageRate(_) | Lever::DealSize,
            Metric::Attainment,
            Some(target),
            _,
        ) => (
            Metric::Revenue,
            goal.target.times(target).ok_or_else(overflow)?,
        ),
        (Lever::Top | Lever::StageRate(_) | Lever::DealSize, Metric::PerDay, _, Some(days)) => (
            Metric::Revenue,
            goal.target.times(days).ok_or_else(overflow)?,
        ),
        _ => (metric, goal.target),
    };
    let Some(shape) = shape(lever, metric) else {
        return Ok(None);
    };
    let mut unit = model.clone();
    unit.set(lever, Decimal::ONE);
    let Some(per_unit) = evaluate(&unit, metric)? else {
        return Ok(None);
    };
    if per_unit.is_zero() {
        return Err(no_solution(
            goal,
            "noEffect",
            format!(
                "does not move {}, because another factor of it is 0",
                goal.metric
            ),
        ));
    }
    let value = match shape {
        Shape::Proportional => wanted.over(per_unit).ok_or_else(overflow)?,
        Shape::Inverse if wanted.is_zero() || wanted.is_sign_negative() => {
            return Err(no_solution(
                goal,
                "notFound",
                format!(
                    "no value makes {} equal {}: it is always more than 0",
                    goal.metric,
                    format_decimal(goal.target)
                ),
            ))
        }
        Shape::Inverse => per_unit.over(wanted).ok_or_else(overflow)?,
    };
    if !model.bounds(lever).contains(value) {
        // Out of range: report it as the answer, so solve says why it cannot be reached.
        return Ok(Some(value));
    }
    // k = metric(1) may itself be rounded (CAC at 1 is 1 / deals); scaling from the
    // current value instead (value = target x L / metric(L)) is exact wherever the
    // current metric is. Both are checked, and the closer one wins.
    let current = model.get(lever).unwrap_or_default();
    let scaled = evaluate(model, metric)?
        .filter(|at_current| !at_current.is_zero() && !current.is_zero())
        .and_then(|at_current| match shape {
            Shape::Proportional => wanted.times(current)?.over(at_current),
            Shape::Inverse => at_current.times(current)?.over(wanted),
        });
    let miss = |candidate: Decimal| {
        let mut check = model.clone();
        check.set(lever, candidate);
        evaluate(&check, metric)
            .ok()
            .flatten()
            .and_then(|reached| reached.minus(wanted))
            .map(|miss| miss.abs())
    };
    let tolerance = wanted.abs().times(RELATIVE_HIT).unwrap_or_default();
    let mut best = miss(value)
        .filter(|&off| off <= tolerance)
        .map(|off| (value, off));
    if let Some(candidate) = scaled.filter(|&c| c != value && model.bounds(lever).contains(c)) {
        if let Some(off) = miss(candidate).filter(|&off| off <= tolerance) {
            if best.is_none_or(|(_, best_off)| off < best_off) {
                best = Some((candidate, off));
            }
        }
    }
    Ok(best.map(|(value, _)| value))
}

/// One point of the search: a lever value and how far the metric is from the target there.
#[derive(Clone, Copy)]
struct Probe {
    value: Decimal,
    miss: Decimal,
}

struct Search<'a> {
    model: Model,
    lever: Lever,
    metric: Metric,
    goal: &'a Goal,
    evaluations: usize,
    lowest: Option<Decimal>,
    highest: Option<Decimal>,
}

impl Search<'_> {
    /// The metric minus the target at `value`; `None` where the metric is undefined.
    fn miss(&mut self, value: Decimal) -> Result<Option<Probe>> {
        self.evaluations += 1;
        if self.evaluations > MAX_SOLVER_EVALUATIONS {
            return Err(no_solution(
                self.goal,
                "notFound",
                format!("no solution found within {MAX_SOLVER_EVALUATIONS} steps"),
            ));
        }
        self.model.set(self.lever, value);
        let Some(metric) = evaluate(&self.model, self.metric).ok().flatten() else {
            return Ok(None);
        };
        self.lowest = Some(self.lowest.map_or(metric, |low| low.min(metric)));
        self.highest = Some(self.highest.map_or(metric, |high| high.max(metric)));
        Ok(metric
            .minus(self.goal.target)
            .map(|miss| Probe { value, miss }))
    }
}

/// Probes outward from the current value until the metric crosses the target, bisects
/// that bracket down to the last decimal digit, then prefers the shortest decimal in it
/// that does as well: a search for growth 0 answers 800000, not 800000.000000000006.
fn search(model: &Model, lever: Lever, metric: Metric, goal: &Goal) -> Result<Decimal> {
    let start = model.get(lever).unwrap_or_default();
    let bounds = model.bounds(lever);
    let mut search = Search {
        model: model.clone(),
        lever,
        metric,
        goal,
        evaluations: 0,
        lowest: None,
        highest: None,
    };
    let origin = search.miss(start)?;
    if let Some(probe) = origin {
        if probe.miss.is_zero() {
            return Ok(start);
        }
    }
    let ways = [
        probe_points(start, bounds.max, true),
        probe_points(start, bounds.min, false),
    ];
    let mut previous = [origin, origin];
    let mut bracket = None;
    let longest = ways.iter().map(Vec::len).max().unwrap_or(0);
    'probing: for step in 0..longest {
        for (way, points) in ways.iter().enumerate() {
            let Some(&point) = points.get(step) else {
                continue;
            };
            let Some(probe) = search.miss(point)? else {
                continue;
            };
            if probe.miss.is_zero() {
                return Ok(probe.value);
            }
            if let Some(before) = previous[way] {
                if before.miss.is_sign_negative() != probe.miss.is_sign_negative() {
                    bracket = Some((before, probe));
                    break 'probing;
                }
            }
            previous[way] = Some(probe);
        }
    }
    let Some((mut a, mut b)) = bracket else {
        let reach = match (search.lowest, search.highest) {
            (Some(low), Some(high)) if low == high => {
                return Err(no_solution(
                    goal,
                    "noEffect",
                    format!("does not move {} for this model", goal.metric),
                ))
            }
            (Some(low), Some(high)) => format!(
                "; within its valid range {} only goes from about {} to {}",
                goal.metric,
                format_decimal(low.round_dp(6)),
                format_decimal(high.round_dp(6))
            ),
            _ => String::new(),
        };
        return Err(no_solution(
            goal,
            "notFound",
            format!(
                "no valid value makes {} equal {}{reach}",
                goal.metric,
                format_decimal(goal.target)
            ),
        ));
    };
    // Halve until the two ends are neighbouring decimals; the evaluation cap bounds it too.
    while let Some(middle) = a.value.plus(b.value).and_then(|sum| sum.over(Decimal::TWO)) {
        if middle == a.value || middle == b.value {
            break;
        }
        match search.miss(middle)? {
            Some(probe) if probe.miss.is_zero() => return Ok(probe.value),
            Some(probe) if probe.miss.is_sign_negative() == a.miss.is_sign_negative() => a = probe,
            Some(probe) => b = probe,
            // Undefined inside the bracket: give up on that half, keep the defined one.
            None => b = Probe { value: middle, ..b },
        }
    }
    let mut best = if a.miss.abs() <= b.miss.abs() { a } else { b };
    let (low, high) = (a.value.min(b.value), b.value.max(a.value));
    for places in 0..=28 {
        let short = best.value.round_dp(places);
        if short == best.value {
            break;
        }
        if short < low || short > high {
            continue;
        }
        if let Some(probe) = search.miss(short)? {
            if probe.miss.abs() <= best.miss.abs() {
                best = probe;
                break;
            }
        }
    }
    let tolerance = if goal.target.is_zero() {
        ABSOLUTE_HIT
    } else {
        goal.target.abs().times(RELATIVE_HIT).unwrap_or_default()
    };
    if best.miss.abs() > tolerance {
        return Err(no_solution(
            goal,
            "notFound",
            format!(
                "{} jumps past {} near {}: no value makes it equal, only close",
                goal.metric,
                format_decimal(goal.target),
                format_decimal(best.value.round_dp(12))
            ),
        ));
    }
    Ok(best.value)
}

/// How many halvings the probes take toward either end of a finite range.
const PROBE_HALVINGS: u32 = 60;

/// Probe points from `start` toward one end, ordered outward: fine steps near the start,
/// then ever closer to a finite end, or doubling steps toward an open one. Probing both
/// near the start and near the end finds a crossing wherever it lies.
fn probe_points(start: Decimal, bound: Bound, upward: bool) -> Vec<Decimal> {
    let mut points = Vec::new();
    let halves = |k: u32| power_of_two(k).and_then(|power| Decimal::ONE.over(power));
    match bound {
        Bound::Inclusive(end) | Bound::Exclusive(end) => {
            let Some(distance) = end.minus(start) else {
                return points;
            };
            if distance.is_zero() {
                return points;
            }
            for k in (2..=PROBE_HALVINGS).rev() {
                points.extend(halves(k).and_then(|f| start.plus(distance.times(f)?)));
            }
            for k in 1..=PROBE_HALVINGS {
                points.extend(halves(k).and_then(|f| end.minus(distance.times(f)?)));
            }
            if matches!(bound, Bound::Inclusive(_)) {
                points.push(end);
            }
        }
        Bound::Unbounded if upward => {
            let unit = start.abs().max(Decimal::ONE);
            for k in (1..=PROBE_HALVINGS).rev() {
                points.extend(halves(k).and_then(|f| start.plus(unit.times(f)?)));
            }
            for k in 0..=96 {
                let Some(point) = power_of_two(k)
                    .and_then(|power| unit.times(power))
                    .and_then(|step| start.plus(step))
                else {
                    break;
                };
                points.push(point);
            }
        }
        Bound::Unbounded => {}
    }
    points.dedup();
    points
}

/// 2^exponent, or `None` past the decimal range.
fn power_of_two(exponent: u32) -> Option<Decimal> {
    (0..exponent).try_fold(Decimal::ONE, |power, _| power.times(Decimal::TWO))
}
