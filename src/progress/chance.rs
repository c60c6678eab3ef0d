//! The chance that enough open opportunities become deals: the upper tail of a
//! Poisson-binomial distribution, without a binary float.
//!
//! Opportunities waiting at the same stage share one probability, so the count of deals is
//! a sum of at most eleven binomials. It is worked out one opportunity at a time over the
//! counts 0 to `needed`, the last of which absorbs every count of `needed` or more, in
//! decimal fixed point: every probability is a whole number of 10^-18 units in a `u64`.
//! A pipeline of 1,000 opportunities takes up to a few hundred thousand steps, and a step in
//! `rust_decimal` took five times as long in wasm as this one (both measured on the same
//! 1,000 x 500 distribution, opt-level 2).
//!
//! Why the answer stays within 1e-12 of the exact value:
//! - a step moves round(p x mass) of every count one count up, so no mass is made or lost
//!   by rounding, and the chance of ending at `needed` or more from a count never falls as
//!   the count rises: one step's roundings, each at most half a unit, move the answer by at
//!   most half a unit in all, 5e-16 over 1,000 steps;
//! - each probability is rounded to a unit once: at most 1,000 x 0.5e-18 = 5e-16;
//! - a count that can no longer reach `needed` is dropped, which changes nothing, and a
//!   count at either end of the window holding at most [`NEGLIGIBLE`] units is dropped too:
//!   the low end only rises, at most `needed` <= 1,000 times, and the high end falls at most
//!   as often as it rose, once a step: at most 2,000 drops of 1e-17, 2e-14 in all.
//!
//! In all, within 2.2e-14.
//!
//! The tests compare it with exact fractions (tests/progress.rs).

use rust_decimal::Decimal;

/// Certainty in units of 10^-18.
const UNITS: u64 = 1_000_000_000_000_000_000;

/// The square root of [`UNITS`]: numbers are split into two halves of nine digits to
/// multiply within 64 bits.
const HALF: u64 = 1_000_000_000;

/// A count at the edge of the window holding no more than this (1e-17) is dropped: the
/// roundings of small probabilities would otherwise leave a few units on every count below
/// the bulk of the distribution, and the window would never narrow.
const NEGLIGIBLE: u64 = 10;

/// A probability as a whole number of units, split into its nine-digit halves once.
#[derive(Clone, Copy)]
struct Fixed {
    high: u64,
    low: u64,
}

impl Fixed {
    fn of(units: u64) -> Fixed {
        Fixed {
            high: units / HALF,
            low: units % HALF,
        }
    }

    /// round(self x mass / UNITS), half up, for `mass` <= UNITS, in 64-bit arithmetic: the
    /// partial products of the halves are each below 10^18, and their sums below 3 x 10^18.
    /// The result is at most `mass` for a probability of at most 1.
    #[inline(always)]
    fn of_mass(self, mass: u64) -> u64 {
        let (high, low) = (mass / HALF, mass % HALF);
        let middle = high * self.low + low * self.high;
        let lowest = low * self.low;
        let carried = middle + lowest / HALF;
        let rest = (carried % HALF) * HALF + lowest % HALF;
        high * self.high + carried / HALF + u64::from(rest >= UNITS / 2)
    }
}

/// A probability in [0, 1] as a whole number of units, rounded half to even.
fn units_of(probability: Decimal) -> u64 {
    let probability = probability.max(Decimal::ZERO).min(Decimal::ONE);
    // At most 28 digits after the point and a value of at most 1: the mantissa fits a u128.
    let mantissa = probability.mantissa().unsigned_abs();
    let scale = probability.scale();
    if scale <= 18 {
        return u64::try_from(mantissa * 10u128.pow(18 - scale)).unwrap_or(UNITS);
    }
    let divisor = 10u128.pow(scale - 18);
    let (quotient, remainder) = (mantissa / divisor, mantissa % divisor);
    let up = remainder * 2 > divisor || (remainder * 2 == divisor && quotient % 2 == 1);
    u64::try_from(quotient + u128::from(up))
        .unwrap_or(UNITS)
        .min(UNITS)
}

/// The probability that at least `needed` of the opportunities become deals, each
/// independently; `groups` holds (how many, the probability each has).
pub(crate) fn at_least(groups: &[(u32, Decimal)], needed: u32) -> Decimal {
    if needed == 0 {
        return Decimal::ONE;
    }
    let mut needed = needed as usize;
    let mut uncertain: Vec<(u32, Fixed)> = Vec::with_capacity(groups.len());
    for &(count, probability) in groups {
        match units_of(probability) {
            0 => {}
            // Sure to close: they lower what the others must bring.
            UNITS => needed = needed.saturating_sub(count as usize),
            units => uncertain.push((count, Fixed::of(units))),
        }
        if needed == 0 {
            return Decimal::ONE;
        }
    }
    let mut remaining: usize = uncertain.iter().map(|&(count, _)| count as usize).sum();
    if remaining < needed {
        return Decimal::ZERO;
    }
    // mass[j]: the chance of j deals so far; mass[needed]: of `needed` or more.
    let mut mass = vec![0u64; needed + 1];
    if let Some(first) = mass.first_mut() {
        *first = UNITS;
    }
    // The window of counts that may hold mass.
    let (mut low, mut high) = (0usize, 0usize);
    for &(count, probability) in &uncertain {
        for _ in 0..count {
            let top = (high + 1).min(needed);
            let Some(window) = mass.get_mut(low..=top) else {
                break;
            };
            let mut moving = 0;
            for (count, value) in (low..).zip(window.iter_mut()) {
                if count == needed {
                    *value += moving;
                } else if count <= high {
                    let up = probability.of_mass(*value);
                    *value = *value - up + moving;
                    moving = up;
                } else {
                    *value = moving;
                }
            }
            high = top;
            remaining -= 1;
            // Counts that cannot reach `needed` with the opportunities left, and negligible
            // ones at the ends, leave the window.
            while low < needed
                && (low + remaining < needed
                    || (low < high && mass.get(low).is_some_and(|&m| m <= NEGLIGIBLE)))
            {
                if let Some(value) = mass.get_mut(low) {
                    *value = 0;
                }
                low += 1;
            }
            while high > low && high < needed && mass.get(high).is_some_and(|&m| m <= NEGLIGIBLE) {
                if let Some(value) = mass.get_mut(high) {
                    *value = 0;
                }
                high -= 1;
            }
            if low >= needed {
                break;
            }
        }
    }
    let units = mass.get(needed).copied().unwrap_or(0);
    Decimal::from_i128_with_scale(i128::from(units), 18).normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chance(groups: &[(u32, &str)], needed: u32) -> String {
        let groups: Vec<(u32, Decimal)> = groups
            .iter()
            .map(|&(count, p)| (count, p.parse().unwrap()))
            .collect();
        crate::number::format_decimal(at_least(&groups, needed))
    }

    #[test]
    fn small_cases_are_exact() {
        assert_eq!(chance(&[(2, "0.5")], 2), "0.25");
        assert_eq!(chance(&[(2, "0.5")], 1), "0.75");
        assert_eq!(chance(&[(1, "0.3"), (1, "0.5")], 2), "0.15");
        assert_eq!(chance(&[(3, "0.1")], 0), "1");
        assert_eq!(chance(&[(3, "0.1")], 4), "0");
        assert_eq!(chance(&[(3, "1"), (2, "0")], 3), "1");
        assert_eq!(chance(&[(3, "1"), (2, "0")], 4), "0");
        assert_eq!(chance(&[], 1), "0");
    }

    #[test]
    fn probabilities_become_units_rounded_half_to_even() {
        assert_eq!(units_of(Decimal::ONE), UNITS);
        assert_eq!(units_of("0.15".parse().unwrap()), 150_000_000_000_000_000);
        assert_eq!(units_of("0.0000000000000000005".parse().unwrap()), 0);
        assert_eq!(units_of("0.0000000000000000015".parse().unwrap()), 2);
        assert_eq!(
            units_of("0.0000000000000000025000000001".parse().unwrap()),
            3
        );
    }

    #[test]
    fn multiplying_in_halves_rounds_like_wide_arithmetic() {
        let cases = [
            (UNITS, UNITS),
            (UNITS, 1),
            (123_456_789_012_345_678, 987_654_321_098_765_432),
            (999_999_999_999_999_999, 500_000_000_000_000_000),
            (1, 500_000_000_000_000_000),
            (3, 166_666_666_666_666_667),
        ];
        for (mass, probability) in cases {
            let wide = (u128::from(mass) * u128::from(probability) + u128::from(UNITS / 2))
                / u128::from(UNITS);
            assert_eq!(
                u128::from(Fixed::of(probability).of_mass(mass)),
                wide,
                "{mass} x {probability}"
            );
        }
    }
}
