//! What `simulate` answers: the distribution of the metric over the samples (mean, nearest-rank
//! percentiles, the share at or above a threshold) and its histogram of round-width bins.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::number::{self, Exact};

/// About this many bins in the histogram (8 to 21 once their width is rounded): enough to show
/// the shape of the outcomes in a small chart.
const BINS: u32 = 20;

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

pub(super) fn summarise(mut values: Vec<Decimal>, threshold: Option<Decimal>) -> Result<Summary> {
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
