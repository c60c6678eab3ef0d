//! Levers: the numbers of a model that what-if, goal seek, sensitivity and simulation move.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::model::MAX_STAGES;
use crate::number::format_decimal;

/// A number in the model, named by its JSON Pointer.
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

const NAMED: [(&str, Lever); 15] = [
    ("/funnel/top", Lever::Top),
    ("/funnel/dealSize", Lever::DealSize),
    ("/target", Lever::Target),
    ("/cycleDays", Lever::CycleDays),
    ("/acquisitionCost", Lever::AcquisitionCost),
    ("/customer/purchaseValue", Lever::PurchaseValue),
    ("/customer/purchasesPerYear", Lever::PurchasesPerYear),
    ("/customer/lifespanYears", Lever::LifespanYears),
    ("/customer/annualChurn", Lever::AnnualChurn),
    ("/customer/grossMargin", Lever::GrossMargin),
    ("/retention/start", Lever::RetentionStart),
    ("/retention/end", Lever::RetentionEnd),
    ("/retention/new", Lever::RetentionNew),
    ("/growth/previous", Lever::GrowthPrevious),
    ("/growth/current", Lever::GrowthCurrent),
];

impl Lever {
    /// The lever a JSON Pointer names, if it names one.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Lever::parse("/target"), Some(sales_kpi::Lever::Target));
    /// assert_eq!(sales_kpi::Lever::parse("/funnel/stages/-1/rate"), None);
    /// ```
    pub fn parse(pointer: &str) -> Option<Lever> {
        if let Some(index) = pointer
            .strip_prefix("/funnel/stages/")
            .and_then(|rest| rest.strip_suffix("/rate"))
        {
            return parse_index(index).map(Lever::StageRate);
        }
        NAMED
            .iter()
            .find(|(name, _)| *name == pointer)
            .map(|&(_, lever)| lever)
    }

    /// The lever's JSON Pointer in the model.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Lever::AnnualChurn.pointer(), "/customer/annualChurn");
    /// ```
    pub fn pointer(self) -> String {
        match self {
            Lever::StageRate(index) => format!("/funnel/stages/{index}/rate"),
            other => NAMED
                .iter()
                .find(|(_, lever)| *lever == other)
                .map_or_else(String::new, |(name, _)| (*name).to_owned()),
        }
    }

    /// The lever's valid range on its own, before relations with other fields
    /// (retention's `new` may not exceed `end`; see [`crate::Model::bounds`]).
    ///
    /// ```
    /// use sales_kpi::Lever;
    /// assert!(Lever::AnnualChurn.own_bounds().contains(1.into()));
    /// assert!(!Lever::AnnualChurn.own_bounds().contains(0.into()));
    /// ```
    pub fn own_bounds(self) -> Bounds {
        use Bound::{Exclusive, Inclusive, Unbounded};
        let (zero, one) = (Decimal::ZERO, Decimal::ONE);
        match self {
            Lever::StageRate(_) | Lever::GrossMargin => {
                Bounds::new(Inclusive(zero), Inclusive(one))
            }
            Lever::Top
            | Lever::DealSize
            | Lever::AcquisitionCost
            | Lever::GrowthCurrent
            | Lever::RetentionEnd
            | Lever::RetentionNew => Bounds::new(Inclusive(zero), Unbounded),
            Lever::Target
            | Lever::CycleDays
            | Lever::PurchaseValue
            | Lever::PurchasesPerYear
            | Lever::LifespanYears
            | Lever::RetentionStart
            | Lever::GrowthPrevious => Bounds::new(Exclusive(zero), Unbounded),
            Lever::AnnualChurn => Bounds::new(Exclusive(zero), Inclusive(one)),
        }
    }

    /// Whether the lever is a rate, so that a change of one percentage point makes sense.
    ///
    /// ```
    /// assert!(sales_kpi::Lever::StageRate(0).is_rate());
    /// assert!(!sales_kpi::Lever::DealSize.is_rate());
    /// ```
    pub fn is_rate(self) -> bool {
        matches!(
            self,
            Lever::StageRate(_) | Lever::GrossMargin | Lever::AnnualChurn
        )
    }
}

/// Reads an RFC 6901 array index below [`MAX_STAGES`]: `0`, or digits without a leading zero.
pub(crate) fn parse_index(text: &str) -> Option<usize> {
    let valid = !text.is_empty()
        && text.len() <= 2
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if !valid {
        return None;
    }
    text.parse().ok().filter(|&index| index < MAX_STAGES)
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
    /// The field a bound comes from, when it depends on another value of the model.
    relative: Option<&'static str>,
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

    pub(crate) fn relative_to(mut self, field: &'static str) -> Self {
        self.relative = Some(field);
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
            Ok(())
        } else {
            Err(Error::new(
                pointer,
                format!("{} (got {})", self.describe(), format_decimal(value)),
            ))
        }
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
            .map(|field| format!(", the value of {field}"))
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

/// The most ranges one simulation may draw: one per lever of the largest model.
pub const MAX_RANGES: usize = 32;
