//! Checked decimal arithmetic, one shared copy of each operation.

use rust_decimal::Decimal;

/// Checked decimal arithmetic behind one call each. rust_decimal's operations are inlined
/// wherever they are used, which made every caller kilobytes larger in wasm; one shared
/// copy keeps the module small at no measurable cost in speed.
pub(crate) trait Exact: Sized {
    /// `self + other`, or `None` past the decimal range.
    fn plus(self, other: Self) -> Option<Self>;
    /// `self - other`, or `None` past the decimal range.
    fn minus(self, other: Self) -> Option<Self>;
    /// `self x other`, or `None` past the decimal range.
    fn times(self, other: Self) -> Option<Self>;
    /// `self / other` rounded to the last digit, or `None` past the range or for 0.
    fn over(self, other: Self) -> Option<Self>;
}

impl Exact for Decimal {
    #[inline(never)]
    fn plus(self, other: Self) -> Option<Self> {
        self.checked_add(other)
    }

    /// Adding the negation: rust_decimal subtracts that way itself, and one inlined copy of
    /// its addition (not two) saves about 2 KB of wasm. Only zeros could differ, in sign or
    /// scale, which no comparison or printed result sees; a zero `other` returns `self`.
    #[inline(never)]
    fn minus(self, other: Self) -> Option<Self> {
        if other.is_zero() {
            return Some(self);
        }
        self.plus(-other)
    }

    #[inline(never)]
    fn times(self, other: Self) -> Option<Self> {
        self.checked_mul(other)
    }

    #[inline(never)]
    fn over(self, other: Self) -> Option<Self> {
        self.checked_div(other)
    }
}
