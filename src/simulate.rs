//! `simulate`: Monte Carlo over uncertain levers, with exact decimal KPIs per sample.

use crate::number::Exact;
use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::lever::Lever;
use crate::metric::evaluate;
use crate::model::Model;
use crate::number::format_decimal;
use crate::schema::NOT_ABOVE;
pub use crate::schema::{MAX_RANGES, MAX_SAMPLES};
use summary::summarise;
pub use summary::{Bin, Summary};

mod summary;

/// Draws are decimals with this many digits after the point: fine enough for any
/// statistic, and exact to build from an integer without a binary float.
const DRAW_DIGITS: u32 = 9;
const DRAW_STEPS: u64 = 1_000_000_000;
/// Shifting a random u64 right by this leaves the fewest bits that cover DRAW_STEPS, so the
/// rejection loop below accepts most draws (93 % for 10^9), whatever DRAW_STEPS is.
const DRAW_SHIFT: u32 = DRAW_STEPS.leading_zeros();

/// One uncertain lever: uniform on [low, high], or triangular when `mode` is given.
///
/// ```
/// use rust_decimal::Decimal;
/// use sales_kpi::{simulate, Model, Range, SimulateOptions};
/// // 12000 x 0.025 x 0.2 = 60 deals: revenue is 60 x the deal size drawn.
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let range = Range { lever: "/funnel/dealSize".into(), low: 10_000.into(),
///     high: 15_000.into(), mode: Some(14_000.into()) };
/// let deals = Decimal::from(60);
/// let summary = simulate(&model, &SimulateOptions::new(vec![range.clone()])).unwrap();
/// // Every draw lies in [low, high]...
/// assert!(summary.p10 >= deals * range.low && summary.p90 <= deals * range.high);
/// // ...and most lie near the mode, above the middle of the range.
/// assert!(summary.p50 > deals * (range.low + range.high) / Decimal::TWO);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    /// The JSON Pointer of the lever in the model.
    pub lever: String,
    /// The lowest value drawn.
    pub low: Decimal,
    /// The highest value drawn.
    pub high: Decimal,
    /// The most likely value, for a triangular draw.
    pub mode: Option<Decimal>,
}

/// What to simulate and how often.
///
/// ```
/// let options = sales_kpi::SimulateOptions::new(vec![]);
/// assert_eq!(options.samples, 10_000);
/// assert_eq!(options.metric, "/funnel/revenue");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulateOptions {
    /// The uncertain levers, each drawn independently.
    pub ranges: Vec<Range>,
    /// 1 to 1,000,000 samples; 10,000 by default.
    pub samples: u32,
    /// The generator's seed; the same seed gives the same summary.
    pub seed: u64,
    /// The JSON Pointer of the metric; `/funnel/revenue` by default.
    pub metric: String,
    /// The value to beat for `probabilityAtLeast`; the model's target by default.
    pub threshold: Option<Decimal>,
}

impl SimulateOptions {
    /// Options with the given ranges and every default.
    ///
    /// ```
    /// assert_eq!(sales_kpi::SimulateOptions::new(vec![]).seed, 0);
    /// ```
    pub fn new(ranges: Vec<Range>) -> Self {
        SimulateOptions {
            ranges,
            samples: 10_000,
            seed: 0,
            metric: "/funnel/revenue".into(),
            threshold: None,
        }
    }

    /// Reads options; errors point into them, such as `/samples` or `/ranges/0/low`.
    ///
    /// ```
    /// use sales_kpi::{json::Json, SimulateOptions};
    /// let options = SimulateOptions::from_json(&Json::parse(r#"{"ranges": [{"lever": "/funnel/top",
    ///     "low": "100", "high": "200"}], "samples": 500, "seed": 7}"#).unwrap()).unwrap();
    /// assert_eq!((options.samples, options.seed), (500, 7));
    /// let error = SimulateOptions::from_json(&Json::parse(r#"{"ranges": [], "samples": 0}"#).unwrap());
    /// assert!(error.unwrap_err().to_string().starts_with("/samples: "));
    /// ```
    pub fn from_json(value: &Json) -> Result<SimulateOptions> {
        let fields = Fields::open(
            value,
            "",
            &["ranges", "samples", "seed", "metric", "threshold"],
        )?;
        let ranges = match fields.get("ranges") {
            None => Vec::new(),
            Some(Json::Array(items)) => {
                let mut ranges = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let pointer = format!("/ranges/{index}");
                    let range = Fields::open(item, &pointer, &["lever", "low", "high", "mode"])?;
                    ranges.push(Range {
                        lever: range.text("lever")?.to_owned(),
                        low: range.number("low")?,
                        high: range.number("high")?,
                        mode: range.optional_number("mode")?,
                    });
                }
                ranges
            }
            Some(other) => return Err(not_a_list("/ranges", "a list of ranges", other)),
        };
        let mut options = SimulateOptions::new(ranges);
        if let Some(samples) = fields.optional_number("samples")? {
            options.samples = samples
                .to_u32()
                .filter(|&count| {
                    Decimal::from(count) == samples && (1..=MAX_SAMPLES).contains(&count)
                })
                .ok_or_else(|| {
                    whole_number_error(
                        "/samples",
                        samples,
                        format!(
                            "must be a whole number from 1 to {MAX_SAMPLES} (got {})",
                            format_decimal(samples)
                        ),
                        (Decimal::ONE, Decimal::from(MAX_SAMPLES)),
                    )
                })?;
        }
        if let Some(seed) = fields.optional_number("seed")? {
            options.seed = seed
                .to_u64()
                .filter(|&whole| Decimal::from(whole) == seed)
                .ok_or_else(|| {
                    whole_number_error(
                        "/seed",
                        seed,
                        format!(
                            "must be a whole number from 0 to 18446744073709551615 (got {})",
                            format_decimal(seed)
                        ),
                        (Decimal::ZERO, Decimal::from(u64::MAX)),
                    )
                })?;
        }
        if fields.get("metric").is_some() {
            options.metric = fields.text("metric")?.to_owned();
        }
        options.threshold = fields.optional_number("threshold")?;
        Ok(options)
    }
}

/// `notWhole` for a fractional value, else `outOfRange` with the bounds.
fn whole_number_error(
    pointer: &str,
    value: Decimal,
    message: String,
    (minimum, maximum): (Decimal, Decimal),
) -> Error {
    if value.normalize().scale() == 0 {
        Error::new(ErrorCode::OutOfRange, pointer, message)
            .with_text("value", format_decimal(value))
            .with_text("minimum", format_decimal(minimum))
            .with_text("maximum", format_decimal(maximum))
    } else {
        Error::new(ErrorCode::NotWhole, pointer, message).with_text("value", format_decimal(value))
    }
}

/// How one lever is drawn, prepared once before the loop.
struct Draw {
    lever: Lever,
    low: Decimal,
    span: Decimal,
    /// Where the mode sits in [0, 1] for a triangular draw.
    peak: Option<f64>,
}

impl Draw {
    fn value(&self, rng: &mut Xoshiro256PlusPlus) -> Decimal {
        if self.span.is_zero() {
            return self.low;
        }
        let share = match self.peak {
            None => uniform_steps(rng),
            Some(peak) => {
                // Inverse CDF of the triangular distribution on [0, 1].
                let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let t = if u < peak {
                    (u * peak).sqrt()
                } else {
                    1.0 - ((1.0 - u) * (1.0 - peak)).sqrt()
                };
                ((t * DRAW_STEPS as f64).round() as u64).min(DRAW_STEPS)
            }
        };
        // share <= 10^15 with 15 digits: always a valid decimal in [0, 1].
        let fraction =
            Decimal::try_from_i128_with_scale(i128::from(share), DRAW_DIGITS).unwrap_or_default();
        // span x fraction <= span, so the sum stays within [low, high]; the fallback is unreachable.
        self.span
            .times(fraction)
            .and_then(|offset| self.low.plus(offset))
            .unwrap_or(self.low)
    }
}

/// A whole number in [0, DRAW_STEPS), uniform, by rejection so no value is favoured.
fn uniform_steps(rng: &mut Xoshiro256PlusPlus) -> u64 {
    loop {
        let candidate = rng.next_u64() >> DRAW_SHIFT;
        if candidate < DRAW_STEPS {
            return candidate;
        }
    }
}

/// Draws the levers, computes the metric exactly for each sample, and summarises it.
///
/// The same model, options and seed give the same summary, byte for byte.
///
/// ```
/// use sales_kpi::{simulate, Model, Range, SimulateOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let mut options = SimulateOptions::new(vec![Range { lever: "/funnel/dealSize".into(),
///     low: 10_000.into(), high: 20_000.into(), mode: None }]);
/// options.seed = 42;
/// let summary = simulate(&model, &options).unwrap();
/// assert!(summary.p10 <= summary.p50 && summary.p50 <= summary.p90);
/// assert!(summary.p10 >= 600_000.into() && summary.p90 <= 1_200_000.into());
/// assert_eq!(summary, simulate(&model, &options).unwrap());
/// ```
pub fn simulate(model: &Model, options: &SimulateOptions) -> Result<Summary> {
    let metric = model.metric(&options.metric, "/metric")?;
    if !(1..=MAX_SAMPLES).contains(&options.samples) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "/samples",
            format!("must be a whole number from 1 to {MAX_SAMPLES}"),
        )
        .with_text("value", options.samples.to_string())
        .with_text("minimum", "1")
        .with_text("maximum", MAX_SAMPLES.to_string()));
    }
    let draws = prepare(model, &options.ranges)?;
    let relations_matter = draws.iter().any(|draw| {
        NOT_ABOVE
            .iter()
            .any(|&(low, high)| draw.lever == low || draw.lever == high)
    });
    let threshold = options.threshold.or(model.get(Lever::Target));

    let mut rng = Xoshiro256PlusPlus::seed_from_u64(options.seed);
    let mut sampled = model.clone();
    let mut values = Vec::with_capacity(options.samples as usize);
    for _ in 0..options.samples {
        for draw in &draws {
            sampled.set(draw.lever, draw.value(&mut rng));
        }
        if relations_matter {
            sampled.validate().map_err(|error| {
                let message = format!("the ranges can draw an invalid model ({error}); narrow them so they cannot overlap");
                error.reworded("/ranges", message)
            })?;
        }
        let value = evaluate(&sampled, metric)?.ok_or_else(|| {
            Error::new(
                ErrorCode::MetricUndefined,
                &options.metric,
                "is undefined for some drawn values (for example with zero deals); narrow the ranges",
            )
        })?;
        values.push(value);
    }
    summarise(values, threshold)
}

fn prepare(model: &Model, ranges: &[Range]) -> Result<Vec<Draw>> {
    if ranges.len() > MAX_RANGES {
        return Err(Error::new(
            ErrorCode::TooMany,
            "/ranges",
            format!("must hold at most {MAX_RANGES} ranges"),
        )
        .with_integer("max", MAX_RANGES));
    }
    let mut draws: Vec<Draw> = Vec::with_capacity(ranges.len());
    for (index, range) in ranges.iter().enumerate() {
        let lever = model.lever(&range.lever, &format!("/ranges/{index}/lever"))?;
        let pointer = |field: &str| format!("/ranges/{index}/{field}");
        if draws.iter().any(|draw| draw.lever == lever) {
            return Err(Error::new(
                ErrorCode::Duplicate,
                pointer("lever"),
                format!("{} already has a range; give each lever once", range.lever),
            )
            .with_text("value", &range.lever));
        }
        // Each lever on its own: relations between drawn levers are checked per sample.
        let bounds = lever.own_bounds();
        for (field, value) in [
            ("low", Some(range.low)),
            ("high", Some(range.high)),
            ("mode", range.mode),
        ] {
            if let Some(value) = value {
                if !bounds.contains(value) {
                    return Err(bounds.error(
                        value,
                        &pointer(field),
                        format!(
                            "{} {} (got {})",
                            range.lever,
                            bounds.describe(),
                            format_decimal(value)
                        ),
                    ));
                }
            }
        }
        if range.high < range.low {
            return Err(Error::new(
                ErrorCode::ExceedsField,
                pointer("high"),
                format!(
                    "must be at least low ({}) (got {})",
                    format_decimal(range.low),
                    format_decimal(range.high)
                ),
            )
            .with_text("other", pointer("low"))
            .with_text("value", format_decimal(range.high))
            .with_text("minimum", format_decimal(range.low)));
        }
        let span = range
            .high
            .minus(range.low)
            .ok_or_else(|| Error::overflow(pointer("high")))?;
        let peak = match range.mode {
            Some(mode) if mode < range.low || mode > range.high => {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    pointer("mode"),
                    format!(
                        "must lie between low and high (got {})",
                        format_decimal(mode)
                    ),
                )
                .with_text("value", format_decimal(mode))
                .with_text("minimum", format_decimal(range.low))
                .with_text("maximum", format_decimal(range.high)))
            }
            Some(mode) if !span.is_zero() => mode
                .minus(range.low)
                .and_then(|offset| offset.over(span))
                .and_then(|share| share.to_f64()),
            _ => None,
        };
        draws.push(Draw {
            lever,
            low: range.low,
            span,
            peak,
        });
    }
    Ok(draws)
}
