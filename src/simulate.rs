//! `simulate`: Monte Carlo over uncertain levers, with exact decimal KPIs per sample.

use crate::number::Exact;
use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::lever::Lever;
use crate::metric::evaluate;
use crate::model::Model;
use crate::number::{self, format_decimal};
use crate::schema::NOT_ABOVE;
pub use crate::schema::{MAX_RANGES, MAX_SAMPLES};

/// Draws are decimals with this many digits after the point: fine enough for any
/// statistic, and exact to build from an integer without a binary float.
const DRAW_DIGITS: u32 = 9;
const DRAW_STEPS: u64 = 1_000_000_000;
/// About this many bins in the histogram (8 to 21 once their width is rounded): enough to show
/// the shape of the outcomes in a small chart.
const BINS: u32 = 20;
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

/// The distribution of the metric over the samples. Percentiles are nearest-rank.
///
/// ```
/// let summary = sales_kpi::Summary { samples: 1, mean: 5.into(), p10: 5.into(), p50: 5.into(),
///     p90: 5.into(), probability_at_least: None, bins: vec![] };
/// assert_eq!(summary.p50, summary.mean);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// How many samples were drawn.
    #[serde(serialize_with = "number::serialize_count")]
    pub samples: u32,
    /// The mean of the metric.
    #[serde(serialize_with = "number::serialize")]
    pub mean: Decimal,
    /// The 10th percentile.
    #[serde(serialize_with = "number::serialize")]
    pub p10: Decimal,
    /// The median.
    #[serde(serialize_with = "number::serialize")]
    pub p50: Decimal,
    /// The 90th percentile.
    #[serde(serialize_with = "number::serialize")]
    pub p90: Decimal,
    /// The share of samples with the metric at or above the threshold, when there is one.
    #[serde(
        serialize_with = "number::serialize_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub probability_at_least: Option<Decimal>,
    /// The histogram of the metric: bins of one round width (1, 2 or 5 times a power of ten),
    /// lowest first, that hold every sample between them; empty if an edge would pass the
    /// decimal range.
    pub bins: Vec<Bin>,
}

/// One bar of the histogram: how many samples lie from `lower` up to, not including, `upper`
/// (when every sample is the same value, one bin from it to it holds them all).
///
/// ```
/// use sales_kpi::{simulate, Model, Range, SimulateOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}}"#).unwrap();
/// let options = SimulateOptions::new(vec![Range { lever: "/funnel/dealSize".into(),
///     low: 10_000.into(), high: 20_000.into(), mode: None }]);
/// let bins = simulate(&model, &options).unwrap().bins;
/// // Revenue is 60 x [10,000, 20,000]: bins 50,000 wide (the round width for a 600,000 span
/// // in about 20 bins) from 600,000, which together hold every sample.
/// assert_eq!((bins[0].lower, bins[0].upper), (600_000.into(), 650_000.into()));
/// assert!(bins.windows(2).all(|pair| pair[0].upper == pair[1].lower));
/// assert_eq!(bins.iter().map(|bin| bin.count).sum::<u32>(), options.samples);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bin {
    /// The bin's lower edge, the lowest value it can hold.
    #[serde(serialize_with = "number::serialize")]
    pub lower: Decimal,
    /// The bin's upper edge, itself in the next bin.
    #[serde(serialize_with = "number::serialize")]
    pub upper: Decimal,
    /// How many samples lie in the bin.
    #[serde(serialize_with = "number::serialize_count")]
    pub count: u32,
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

fn summarise(mut values: Vec<Decimal>, threshold: Option<Decimal>) -> Result<Summary> {
    let count = values.len();
    let mean = mean(&values).ok_or_else(|| Error::overflow("/mean"))?;
    let probability_at_least = threshold.map(|threshold| {
        let hits = values.iter().filter(|&&value| value >= threshold).count();
        Decimal::from(hits as u64)
            .over(Decimal::from(count as u64))
            .unwrap_or_default()
    });
    // Nearest rank: the value at index ceil(p x n) - 1 of the sorted samples. Selection
    // finds the three ranks in linear time; sorting all samples is not needed.
    let rank = |tenths: usize| (tenths * count).div_ceil(10) - 1;
    let (p10_rank, p50_rank, p90_rank) = (rank(1), rank(5), rank(9));
    // Selecting the median first leaves smaller values below it and larger above, so the
    // other two ranks are found in the halves.
    let p50 = select(&mut values, p50_rank).unwrap_or_default();
    let (below, above) = values.split_at_mut(p50_rank);
    let p10 = select(below, p10_rank).unwrap_or(p50);
    let p90 = select(above, p90_rank - p50_rank).unwrap_or(p50);
    let bins = histogram(&values).unwrap_or_default();
    Ok(Summary {
        samples: count as u32,
        mean,
        p10,
        p50,
        p90,
        probability_at_least,
        bins,
    })
}

/// The samples counted into bins of a round width; `None` where an edge would pass the
/// decimal range. Each sample is placed by comparing it with the edges themselves, so the
/// counts agree exactly with the edges reported, whatever rounding made them.
fn histogram(values: &[Decimal]) -> Option<Vec<Bin>> {
    let (&low, &high) = (values.iter().min()?, values.iter().max()?);
    if low == high {
        let count = u32::try_from(values.len()).ok()?;
        return Some(vec![Bin {
            lower: low,
            upper: high,
            count,
        }]);
    }
    let width = round_width(high.minus(low)?)?;
    let mut from = low.over(width)?.floor().times(width)?;
    if from > low {
        from = from.minus(width)?;
    }
    let mut edges = vec![from];
    while let Some(&edge) = edges.last().filter(|&&edge| edge <= high) {
        // A round width gives at most BINS + 1 bins (BINS + 2 edges); more, or a step that is not
        // the width, means the edges were rounded: samples that large in so small a span have
        // more digits than a decimal holds.
        if edges.len() > BINS as usize + 1 {
            return None;
        }
        let next = edge.plus(width)?;
        if next.minus(edge)? != width {
            return None;
        }
        edges.push(next);
    }
    let mut counts = vec![0u32; edges.len() - 1];
    for value in values {
        // The edges at or below the value: at least the first, at most all but the last.
        let index = edges.partition_point(|edge| edge <= value);
        if let Some(count) = counts.get_mut(index.wrapping_sub(1)) {
            *count += 1;
        }
    }
    Some(
        edges
            .windows(2)
            .zip(counts)
            .map(|(pair, count)| Bin {
                lower: pair[0],
                upper: pair[1],
                count,
            })
            .collect(),
    )
}

/// The smallest of 1, 2 or 5 times a power of ten of which BINS cover `span` (positive).
/// Multiplied, not divided: a twentieth of a span at the 28th decimal place would be rounded,
/// down as often as up, and a width below it made more than BINS + 1 bins.
fn round_width(span: Decimal) -> Option<Decimal> {
    let mut power = Decimal::try_new(1, 28).ok()?;
    loop {
        for factor in [1u8, 2, 5] {
            let width = power.times(Decimal::from(factor))?;
            // Past the decimal range, BINS of them cover any span there is.
            if width
                .times(Decimal::from(BINS))
                .is_none_or(|covered| covered >= span)
            {
                return Some(width);
            }
        }
        power = power.times(Decimal::TEN)?;
    }
}

/// The mean, exactly where it can be. Summing distances from the first sample keeps the sum
/// small and makes the mean of identical samples that very sample; if even that sum would
/// overflow, a running mean (one division per sample) gets there without large sums.
fn mean(values: &[Decimal]) -> Option<Decimal> {
    let origin = *values.first()?;
    let count = Decimal::from(values.len() as u64);
    let total = values.iter().try_fold(Decimal::ZERO, |total, value| {
        value
            .minus(origin)
            .and_then(|distance| total.plus(distance))
    });
    if let Some(total) = total {
        return total.over(count).and_then(|shift| origin.plus(shift));
    }
    values
        .iter()
        .enumerate()
        .try_fold(Decimal::ZERO, |mean, (index, value)| {
            let step = value.minus(mean)?.over(Decimal::from(index as u64 + 1))?;
            mean.plus(step)
        })
}

/// The value of rank `rank` (0-based) in `values`, rearranging them so that smaller values
/// come before it and larger after: Hoare's quickselect with a median-of-three pivot.
/// Expected linear time; the samples are random, so adversarial orders do not arise.
/// A small hand-written loop, measured against `select_nth_unstable` (with the standard
/// stable sort in place of plan's insertion sort, src/plan/share.rs): the standard pair made
/// the full engine 3.5 KB brotli larger (67,363 B against 63,836 B) and simulate of 100,000
/// samples no faster (31.0 ms against 30.0 ms, `npm run bench -- --only=engine`).
fn select(values: &mut [Decimal], rank: usize) -> Option<Decimal> {
    if rank >= values.len() {
        return None;
    }
    let (mut low, mut high) = (0, values.len() - 1);
    while low < high {
        let middle = low + (high - low) / 2;
        // Median of three as the pivot, moved to `middle`.
        if values[middle] < values[low] {
            values.swap(middle, low);
        }
        if values[high] < values[low] {
            values.swap(high, low);
        }
        if values[high] < values[middle] {
            values.swap(high, middle);
        }
        let pivot = values[middle];
        let (mut i, mut j) = (low, high);
        while i <= j {
            while values[i] < pivot {
                i += 1;
            }
            while pivot < values[j] {
                j -= 1;
            }
            if i <= j {
                values.swap(i, j);
                i += 1;
                if j == 0 {
                    break;
                }
                j -= 1;
            }
        }
        // Now values[low..=j] <= pivot <= values[i..=high], and values between are the pivot.
        if rank <= j {
            high = j;
        } else if rank >= i {
            low = i;
        } else {
            break;
        }
    }
    values.get(rank).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_of_a_span_at_the_last_decimal_place_has_at_most_21_bins() {
        let dec = |text: &str| text.parse::<Decimal>().unwrap();
        // A twentieth of 4.4e-27 is 2.2e-28, which a decimal rounds to 2e-28: 22 widths of that.
        let bins = histogram(&[dec("0"), dec("0.0000000000000000000000000044")]).unwrap();
        assert!((8..=21).contains(&bins.len()), "{} bins", bins.len());
        let width = bins[0].upper - bins[0].lower;
        assert!(bins.iter().all(|bin| bin.upper - bin.lower == width));
    }

    #[test]
    fn histogram_counts_every_sample_between_round_edges() {
        let dec = |text: &str| text.parse::<Decimal>().unwrap();
        let values: Vec<Decimal> = ["0.5", "1", "1.75", "2", "9.99", "10.4", "10.4"]
            .map(dec)
            .to_vec();
        // A span of 9.9 over 20 bins is 0.495, rounded up to 0.5; the edges start at 0.5.
        let bins = histogram(&values).unwrap();
        assert_eq!((bins[0].lower, bins[0].upper), (dec("0.5"), dec("1")));
        assert_eq!(bins.len(), 20);
        let last = &bins[bins.len() - 1];
        assert_eq!(
            (last.lower, last.upper, last.count),
            (dec("10"), dec("10.5"), 2)
        );
        assert_eq!(bins.iter().map(|bin| bin.count).sum::<u32>(), 7);
        // 1 sits in the bin it starts, not in the one it ends; 9.99 in [9.5, 10).
        assert_eq!(bins[1].count, 1);
        assert_eq!(bins[0].count, 1);
        assert_eq!(bins[18].count, 1);
        // A negative start rounds down, and equal samples make one bin holding them all.
        assert_eq!(
            histogram(&[dec("-3"), dec("17")]).unwrap()[0].lower,
            dec("-3")
        );
        assert_eq!(
            histogram(&[dec("-3.3"), dec("17")]).unwrap()[0].lower,
            dec("-4")
        );
        assert_eq!(
            histogram(&[dec("7"), dec("7")]),
            Some(vec![Bin {
                lower: dec("7"),
                upper: dec("7"),
                count: 2
            }])
        );
        // Edges past the decimal range give no histogram rather than an error.
        assert_eq!(histogram(&[Decimal::MIN, Decimal::MAX]), None);
        assert_eq!(
            round_width(dec("0.000000000000000000000000002")),
            Decimal::try_new(1, 28).ok()
        );
        assert_eq!(round_width(dec("60020")), Some(dec("5000")));
    }

    #[test]
    fn select_agrees_with_sorting() {
        // A fixed pseudo-random sequence with many ties, of every length up to 60.
        let mut state = 7u64;
        for length in 1..60 {
            let values: Vec<Decimal> = (0..length)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    Decimal::from((state >> 59) as i64)
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort();
            for rank in 0..length {
                let mut work = values.clone();
                assert_eq!(
                    select(&mut work, rank),
                    Some(sorted[rank]),
                    "{values:?} rank {rank}"
                );
                assert!(work[..rank].iter().all(|v| *v <= sorted[rank]));
                assert!(work[rank..].iter().all(|v| *v >= sorted[rank]));
            }
            assert_eq!(select(&mut values.clone(), length), None);
        }
    }
}
