//! plan's shares: the target and the whole counts spread over months and weeks by their
//! workdays, by the largest remainder in integers so the rows add up to the totals exactly.

use rust_decimal::Decimal;

use super::calendar::Period;
use crate::error::{Error, Result};
use crate::number::Exact;
use crate::target::NeededStage;

/// What the rows share out: the target, and the whole totals over the plan's workdays.
pub(crate) struct Shares<'a> {
    pub(crate) target: Decimal,
    pub(crate) totals: &'a [Option<Decimal>],
    pub(crate) names: &'a [NeededStage],
    pub(crate) workdays: u32,
}

/// One row's part of the plan before it is labelled.
pub(crate) struct RowShare {
    pub(crate) target: Decimal,
    pub(crate) deals: Option<Decimal>,
    pub(crate) top: Option<Decimal>,
    pub(crate) stages: Vec<NeededStage>,
}

impl Shares<'_> {
    /// Each period's target and whole counts.
    pub(crate) fn rows(&self, periods: &[Period], pointer: &str) -> Result<Vec<RowShare>> {
        let mut weights = Vec::with_capacity(periods.len());
        for period in periods {
            weights.push(period.workdays);
        }
        let mut columns = Vec::with_capacity(self.totals.len());
        for &total in self.totals {
            columns.push(share_out(total, &weights, self.workdays));
        }
        let mut rows = Vec::with_capacity(periods.len());
        let mut counts = Vec::with_capacity(columns.len());
        for (index, &workdays) in weights.iter().enumerate() {
            counts.clear();
            for column in &columns {
                counts.push(column[index]);
            }
            let target = pro_rata(self.target, workdays, self.workdays)
                .ok_or_else(|| Error::overflow(format!("{pointer}/{index}/target")))?;
            rows.push(RowShare {
                target,
                deals: counts[0],
                top: counts[1],
                stages: stages(self.names, &counts[2..]),
            });
        }
        Ok(rows)
    }
}

/// target x workdays / total (a row's share of the target; `progress`'s expected figures),
/// rounded once like a division: with target = m x 10^-s, the
/// whole part of m x workdays / total is exact in integers (it is at most m, for workdays <=
/// total), and only the remainder's fraction is divided. Multiplying first in decimals would
/// round the product of a 28-digit target before the division, so a row with every workday
/// would not get the target back exactly.
pub(crate) fn pro_rata(target: Decimal, workdays: u32, total: u32) -> Option<Decimal> {
    let scale = target.scale();
    let product = u128::try_from(target.mantissa()).ok()? * u128::from(workdays);
    let total = u128::from(total.max(1));
    let whole = Decimal::try_from_i128_with_scale((product / total) as i128, scale).ok()?;
    // The remainder is below total, at most 1097.
    let rest = Decimal::from((product % total) as u64)
        .over(Decimal::from(total as u64))?
        .times(Decimal::new(1, scale))?;
    whole.plus(rest)
}

/// The stages' names with new counts.
pub(crate) fn stages(names: &[NeededStage], counts: &[Option<Decimal>]) -> Vec<NeededStage> {
    let mut stages = Vec::with_capacity(names.len());
    for (stage, &count) in names.iter().zip(counts) {
        stages.push(NeededStage {
            name: stage.name.clone(),
            count,
        });
    }
    stages
}

/// Shares a whole `total` out over rows in proportion to their `weights` (which add up to
/// `total_weight`) by the largest remainder: each row gets floor(total x weight /
/// total_weight), and what is left goes one by one to the rows with the largest remainder
/// (total x weight mod total_weight), the earlier row first on a tie. `None` stays `None`
/// in every row. Computed in integers, so the rows add up to `total` exactly.
fn share_out(total: Option<Decimal>, weights: &[u32], total_weight: u32) -> Vec<Option<Decimal>> {
    let mut counts = Vec::with_capacity(weights.len());
    let Some(whole) = total.and_then(whole_number) else {
        counts.resize(weights.len(), None);
        return counts;
    };
    let divisor = u128::from(total_weight.max(1));
    // whole < 2^96 and weight <= 1097 < 2^11: the product fits in 128 bits.
    let mut shares: Vec<u128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    let mut left = whole;
    for (index, &weight) in weights.iter().enumerate() {
        let product = whole * u128::from(weight);
        shares.push(product / divisor);
        left -= product / divisor;
        remainders.push((product % divisor, index));
    }
    // A stable insertion sort, largest remainder first; rows are few (at most 157 weeks)
    // and mostly of equal weight, so it does little work, without the standard sort's bytes
    // (measured with simulate's selection: see `select` there).
    for sorted in 1..remainders.len() {
        let mut at = sorted;
        while at > 0 && remainders[at - 1].0 < remainders[at].0 {
            remainders.swap(at - 1, at);
            at -= 1;
        }
    }
    // The remainders add up to left x total_weight and each is below total_weight, so more
    // than `left` rows have one: a row without workdays (remainder 0) never gets a unit.
    for &(_, index) in remainders.iter().take(left as usize) {
        shares[index] += 1;
    }
    for share in shares {
        counts.push(Decimal::try_from_i128_with_scale(share as i128, 0).ok());
    }
    counts
}

/// A whole, non-negative decimal as an integer.
pub(crate) fn whole_number(value: Decimal) -> Option<u128> {
    let value = value.normalize();
    if value.scale() != 0 || value.is_sign_negative() {
        return None;
    }
    u128::try_from(value.mantissa()).ok()
}
