//! Levers: the numbers of a model that what-if, goal seek, sensitivity and simulation move,
//! and the ranges they may take. Their rows (pointer, kind, range) are in [`crate::schema`],
//! which reads this module's types; the lookups from a lever to its row are there.

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::number::format_decimal;
use crate::pointer::split_pointer;

/// A number in the model, named by its JSON Pointer: what what-if, goal seek, sensitivity
/// and simulation move. Each variant has its row in [`crate::schema::MODEL_FIELDS`].
///
/// ```
/// use sales_kpi::Lever;
/// assert_eq!(Lever::parse("/funnel/stages/1/rate"), Some(Lever::StageRate(1)));
/// assert_eq!(Lever::StageRate(1).pointer(), "/funnel/stages/1/rate");
/// assert_eq!(Lever::parse("/funnel/stages/01/rate"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lever {
    /// `/funnel/top`
    Top,
    /// `/funnel/stages/i/rate`
    StageRate(usize),
    /// `/funnel/dealSize`
    DealSize,
    /// `/target`
    Target,
    /// `/cycleDays`
    CycleDays,
    /// `/acquisitionCost`
    AcquisitionCost,
    /// `/customer/purchaseValue`
    PurchaseValue,
    /// `/customer/purchasesPerYear`
    PurchasesPerYear,
    /// `/customer/lifespanYears`
    LifespanYears,
    /// `/customer/annualChurn`
    AnnualChurn,
    /// `/customer/grossMargin`
    GrossMargin,
    /// `/retention/start`
    RetentionStart,
    /// `/retention/end`
    RetentionEnd,
    /// `/retention/new`
    RetentionNew,
    /// `/growth/previous`
    GrowthPrevious,
    /// `/growth/current`
    GrowthCurrent,
}

impl Lever {
    /// The variant's place in the declaration, `StageRate` counted once.
    pub(crate) const fn ordinal(self) -> usize {
        match self {
            Lever::Top => 0,
            Lever::StageRate(_) => 1,
            Lever::DealSize => 2,
            Lever::Target => 3,
            Lever::CycleDays => 4,
            Lever::AcquisitionCost => 5,
            Lever::PurchaseValue => 6,
            Lever::PurchasesPerYear => 7,
            Lever::LifespanYears => 8,
            Lever::AnnualChurn => 9,
            Lever::GrossMargin => 10,
            Lever::RetentionStart => 11,
            Lever::RetentionEnd => 12,
            Lever::RetentionNew => 13,
            Lever::GrowthPrevious => 14,
            Lever::GrowthCurrent => 15,
        }
    }
}

/// One end of a lever's valid range.
///
/// ```
/// use sales_kpi::Bound;
/// assert!(matches!(Bound::Inclusive(1.into()), Bound::Inclusive(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The value itself is allowed.
    Inclusive(Decimal),
    /// Only values strictly beyond it are allowed.
    Exclusive(Decimal),
    /// No limit on this side.
    Unbounded,
}

/// The valid range of a lever, with the words that explain it.
///
/// ```
/// use sales_kpi::{Bound, Bounds};
/// let rate = Bounds::new(Bound::Inclusive(0.into()), Bound::Inclusive(1.into()));
/// assert_eq!(rate.clamp(rust_decimal::Decimal::new(15, 1)).to_string(), "1");
/// assert_eq!(rate.check(2.into(), "/x").unwrap_err().to_string(), "/x: must be between 0 and 1 (got 2)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The lower end.
    pub min: Bound,
    /// The upper end.
    pub max: Bound,
    /// The pointer of the field one bound comes from, when it depends on another value of
    /// the model, and whether that is the upper bound.
    relative: Option<(&'static str, bool)>,
}

impl Bounds {
    /// A range from `min` to `max`.
    ///
    /// ```
    /// use sales_kpi::{Bound, Bounds};
    /// let positive = Bounds::new(Bound::Exclusive(0.into()), Bound::Unbounded);
    /// assert!(!positive.contains(0.into()));
    /// ```
    pub fn new(min: Bound, max: Bound) -> Self {
        Bounds {
            min,
            max,
            relative: None,
        }
    }

    /// Marks the lower (`upper` false) or upper bound as the value of the field at `pointer`.
    pub(crate) fn relative_to(mut self, pointer: &'static str, upper: bool) -> Self {
        self.relative = Some((pointer, upper));
        self
    }

    /// Whether `value` lies in the range.
    ///
    /// ```
    /// use sales_kpi::{Bound, Bounds};
    /// assert!(Bounds::new(Bound::Inclusive(0.into()), Bound::Unbounded).contains(0.into()));
    /// ```
    pub fn contains(&self, value: Decimal) -> bool {
        let above_min = match self.min {
            Bound::Inclusive(min) => value >= min,
            Bound::Exclusive(min) => value > min,
            Bound::Unbounded => true,
        };
        let below_max = match self.max {
            Bound::Inclusive(max) => value <= max,
            Bound::Exclusive(max) => value < max,
            Bound::Unbounded => true,
        };
        above_min && below_max
    }

    /// Moves `value` onto the nearest inclusive end when it lies past it; an exclusive
    /// end cannot be reached, so a value past one is returned as it is.
    ///
    /// ```
    /// use sales_kpi::{Bound, Bounds};
    /// let margin = Bounds::new(Bound::Inclusive(0.into()), Bound::Inclusive(1.into()));
    /// assert_eq!(margin.clamp((-3).into()).to_string(), "0");
    /// ```
    pub fn clamp(&self, value: Decimal) -> Decimal {
        match (self.min, self.max) {
            (Bound::Inclusive(min), _) if value < min => min,
            (_, Bound::Inclusive(max)) if value > max => max,
            _ => value,
        }
    }

    /// Checks `value`, with an error at `pointer` that says the range and the value.
    ///
    /// ```
    /// use sales_kpi::{Bound, Bounds};
    /// let positive = Bounds::new(Bound::Exclusive(0.into()), Bound::Unbounded);
    /// assert_eq!(positive.check(0.into(), "/target").unwrap_err().message(), "must be more than 0 (got 0)");
    /// ```
    pub fn check(&self, value: Decimal, pointer: &str) -> Result<()> {
        if self.contains(value) {
            return Ok(());
        }
        let message = format!("{} (got {})", self.describe(), format_decimal(value));
        Err(self.error(value, pointer, message))
    }

    /// The error for `value` outside this range, with `message`: `outOfRange` with the
    /// value and the bounds, or `exceedsField` when the bound it passes is another field's.
    pub(crate) fn error(&self, value: Decimal, pointer: &str, message: String) -> Error {
        let below = match self.min {
            Bound::Inclusive(min) => value < min,
            Bound::Exclusive(min) => value <= min,
            Bound::Unbounded => false,
        };
        // Past a bound that is another field's value: only that bound is named.
        let relative = self.relative.filter(|&(_, upper)| upper != below);
        let mut error = match relative {
            Some((other, _)) => {
                Error::new(ErrorCode::ExceedsField, pointer, message).with_text("other", other)
            }
            None => Error::new(ErrorCode::OutOfRange, pointer, message),
        }
        .with_text("value", format_decimal(value));
        for (upper, names, bound) in [
            (false, ["minimum", "exclusiveMinimum"], self.min),
            (true, ["maximum", "exclusiveMaximum"], self.max),
        ] {
            let (exclusive, limit) = match bound {
                Bound::Inclusive(limit) => (false, limit),
                Bound::Exclusive(limit) => (true, limit),
                Bound::Unbounded => continue,
            };
            if relative.is_none_or(|(_, relative_upper)| relative_upper == upper) {
                error = error.with_text(names[usize::from(exclusive)], format_decimal(limit));
            }
        }
        error
    }

    /// The range in words: "must be between 0 and 1", "must be more than 0".
    ///
    /// ```
    /// use sales_kpi::{Bound, Bounds};
    /// let churn = Bounds::new(Bound::Exclusive(0.into()), Bound::Inclusive(1.into()));
    /// assert_eq!(churn.describe(), "must be more than 0 and at most 1");
    /// ```
    pub fn describe(&self) -> String {
        let relative = self
            .relative
            .map(|(pointer, _)| format!(", the value of {}", split_pointer(pointer).1))
            .unwrap_or_default();
        let number = |value: Decimal| format_decimal(value);
        match (self.min, self.max) {
            (Bound::Inclusive(min), Bound::Inclusive(max)) => {
                format!(
                    "must be between {} and {}{relative}",
                    number(min),
                    number(max)
                )
            }
            (Bound::Inclusive(min), Bound::Unbounded) if self.relative.is_none() => {
                format!("must be {} or more", number(min))
            }
            (Bound::Inclusive(min), Bound::Unbounded) => {
                format!("must be at least {}{relative}", number(min))
            }
            (Bound::Exclusive(min), Bound::Unbounded) => {
                format!("must be more than {}", number(min))
            }
            (Bound::Exclusive(min), Bound::Inclusive(max)) => {
                format!(
                    "must be more than {} and at most {}",
                    number(min),
                    number(max)
                )
            }
            (Bound::Exclusive(min), Bound::Exclusive(max)) => {
                format!(
                    "must be more than {} and less than {}",
                    number(min),
                    number(max)
                )
            }
            _ => "is outside its valid range".into(),
        }
    }
}
