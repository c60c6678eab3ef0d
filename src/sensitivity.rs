//! `sensitivity`: which lever moves a metric most, for a tornado chart.

use crate::number::Exact;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Result};
use crate::fields::Fields;
use crate::json::Json;
use crate::lever::Bounds;
use crate::metric::evaluate;
use crate::model::Model;
use crate::number;
use crate::schema::SENSITIVITY_OPTIONS;

/// Which metric to rank the levers for, and how far to move each lever.
///
/// ```
/// let options = sales_kpi::SensitivityOptions::default();
/// assert_eq!(options.metric, "/funnel/revenue");
/// assert_eq!(options.by.to_string(), "0.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivityOptions {
    /// The JSON Pointer of the metric in the report; `/funnel/revenue` by default.
    pub metric: String,
    /// The relative move of each lever, in (0, 1); `0.1` (10 %) by default.
    pub by: Decimal,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            metric: "/funnel/revenue".into(),
            by: Decimal::new(1, 1),
        }
    }
}

impl SensitivityOptions {
    /// Reads options; `null` or absent fields take the defaults.
    ///
    /// ```
    /// use sales_kpi::{json::Json, SensitivityOptions};
    /// let options = SensitivityOptions::from_json(&Json::parse(r#"{"by": "0.2"}"#).unwrap()).unwrap();
    /// assert_eq!(options.by.to_string(), "0.2");
    /// assert!(SensitivityOptions::from_json(&Json::parse(r#"{"by": "1"}"#).unwrap()).is_err());
    /// ```
    pub fn from_json(value: &Json) -> Result<SensitivityOptions> {
        let mut options = SensitivityOptions::default();
        if *value == Json::Null {
            return Ok(options);
        }
        let fields = Fields::open(value, "", &["metric", "by"])?;
        if fields.get("metric").is_some() {
            options.metric = fields.text("metric")?.to_owned();
        }
        if let Some(by) = fields.optional_number("by")? {
            check_by(by)?;
            options.by = by;
        }
        Ok(options)
    }
}

/// One bar of the tornado: the metric with the lever moved down and up.
///
/// ```
/// let row = sales_kpi::SensitivityRow { lever: "/funnel/top".into(), low_value: 9.into(),
///     high_value: 11.into(), low: 90.into(), high: 110.into(), swing: 20.into() };
/// assert_eq!(row.swing.to_string(), "20");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SensitivityRow {
    /// The lever's JSON Pointer.
    pub lever: String,
    /// old x (1 - by), clamped into the lever's valid range.
    #[serde(serialize_with = "number::serialize")]
    pub low_value: Decimal,
    /// old x (1 + by), clamped into the lever's valid range.
    #[serde(serialize_with = "number::serialize")]
    pub high_value: Decimal,
    /// The metric at `low_value`.
    #[serde(serialize_with = "number::serialize")]
    pub low: Decimal,
    /// The metric at `high_value`.
    #[serde(serialize_with = "number::serialize")]
    pub high: Decimal,
    /// |high - low|.
    #[serde(serialize_with = "number::serialize")]
    pub swing: Decimal,
}

/// Moves every lever of the model down and up by `by` and ranks them by the metric's swing.
///
/// Each value is clamped into its lever's valid range; a lever is measured by its true
/// effect, so non-proportional levers (cycle days, churn) rank where they belong. Levers
/// with zero swing, or where the metric is undefined, are left out. Rows are sorted by
/// swing, largest first, then by pointer.
///
/// ```
/// use sales_kpi::{sensitivity, Model, SensitivityOptions};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "12000", "stages": [
///     {"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}],
///     "dealSize": "12500"}, "target": "1000000"}"#).unwrap();
/// let rows = sensitivity(&model, &SensitivityOptions::default()).unwrap();
/// assert_eq!(rows.len(), 4); // the target does not move revenue
/// assert_eq!(rows[0].lever, "/funnel/dealSize");
/// assert_eq!(rows[0].swing.normalize().to_string(), "150000");
/// ```
pub fn sensitivity(model: &Model, options: &SensitivityOptions) -> Result<Vec<SensitivityRow>> {
    let metric = model.metric(&options.metric, "/metric")?;
    check_by(options.by)?;
    // `by` lies in (0, 1), so neither factor can overflow.
    let down = Decimal::ONE.minus(options.by).unwrap_or_default();
    let up = Decimal::ONE.plus(options.by).unwrap_or_default();
    let mut rows = Vec::new();
    let mut moved = model.clone();
    for lever in model.levers() {
        let old = model.get(lever).unwrap_or_default();
        let bounds = model.bounds(lever);
        let pointer = lever.pointer();
        let overflow = || {
            Error::new(
                ErrorCode::Overflow,
                &pointer,
                "moving it overflows the decimal range",
            )
        };
        let low_value = bounds.clamp(old.times(down).ok_or_else(overflow)?);
        let high_value = bounds.clamp(old.times(up).ok_or_else(overflow)?);
        if !bounds.contains(low_value) || !bounds.contains(high_value) {
            continue;
        }
        moved.set(lever, low_value);
        let low = evaluate(&moved, metric)?;
        moved.set(lever, high_value);
        let high = evaluate(&moved, metric)?;
        moved.set(lever, old);
        let (Some(low), Some(high)) = (low, high) else {
            continue;
        };
        let swing = high
            .minus(low)
            .ok_or_else(|| Error::overflow(&options.metric))?
            .abs();
        if swing.is_zero() {
            continue;
        }
        rows.push(SensitivityRow {
            lever: pointer,
            low_value,
            high_value,
            low,
            high,
            swing,
        });
    }
    // At most 28 rows: an insertion sort does it without the standard library's 2 KB sort.
    for sorted in 1..rows.len() {
        let mut at = sorted;
        while at > 0 && ranks_before(&rows[at], &rows[at - 1]) {
            rows.swap(at, at - 1);
            at -= 1;
        }
    }
    Ok(rows)
}

fn check_by(by: Decimal) -> Result<()> {
    let field = &SENSITIVITY_OPTIONS[0];
    Bounds::new(field.minimum, field.maximum).check(by, field.pointer)
}

/// Larger swing first; equal swings by lever pointer, ascending.
fn ranks_before(row: &SensitivityRow, other: &SensitivityRow) -> bool {
    row.swing > other.swing || (row.swing == other.swing && row.lever < other.lever)
}
