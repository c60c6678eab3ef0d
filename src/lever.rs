//! Levers: the numbers of a model that what-if, goal seek, sensitivity and simulation move.

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::number::format_decimal;
pub use crate::schema::Lever;
use crate::schema::{row_of, split_at_index, Field, Kind, MAX_STAGES, MODEL_FIELDS};

impl Lever {
    /// The lever a JSON Pointer names, if it names one.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Lever::parse("/target"), Some(sales_kpi::Lever::Target));
    /// assert_eq!(sales_kpi::Lever::parse("/funnel/stages/-1/rate"), None);
    /// ```
    pub fn parse(pointer: &str) -> Option<Lever> {
        MODEL_FIELDS.iter().find_map(|field| {
            let lever = field.lever?;
            match split_at_index(field.pointer) {
                Some((before, after)) => pointer
                    .strip_prefix(before)
                    .and_then(|rest| rest.strip_suffix(after))
                    .and_then(parse_index)
                    .map(|index| match lever {
                        Lever::StageRate(_) => Lever::StageRate(index),
                        other => other,
                    }),
                None => (field.pointer == pointer).then_some(lever),
            }
        })
    }

    /// The lever's row in the schema.
    fn field(self) -> &'static Field {
        // Every variant has its row; the first row is only a fallback the tests rule out.
        &MODEL_FIELDS[row_of(self).unwrap_or_default()]
    }

    /// The lever's JSON Pointer in the model.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Lever::AnnualChurn.pointer(), "/customer/annualChurn");
    /// ```
    pub fn pointer(self) -> String {
        let pattern = self.field().pointer;
        match (self, split_at_index(pattern)) {
            (Lever::StageRate(index), Some((before, after))) => format!("{before}{index}{after}"),
            _ => pattern.to_owned(),
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
        let field = self.field();
        Bounds::new(field.minimum, field.maximum)
    }

    /// Whether the lever is a rate, so that a change of one percentage point makes sense.
    ///
    /// ```
    /// assert!(sales_kpi::Lever::StageRate(0).is_rate());
    /// assert!(!sales_kpi::Lever::DealSize.is_rate());
    /// ```
    pub fn is_rate(self) -> bool {
        self.field().kind == Kind::Rate
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
            .map(|(pointer, _)| {
                let slash = pointer.bytes().rposition(|byte| byte == b'/');
                let name = pointer
                    .get(slash.map_or(0, |at| at + 1)..)
                    .unwrap_or_default();
                format!(", the value of {name}")
            })
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
