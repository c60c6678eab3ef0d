//! The input schema: every field the engine reads, with its JSON Pointer, its kind and its
//! valid range, written down once. The reader, the levers, the range checks and their
//! error messages, the TypeScript types of the model and the JSON schema the widget loads
//! (`www/pkg/sales_kpi_schema.js`, written by `node scripts/build.mjs`) all come from here.
//!
//! Adding an input to the model is one [`Lever`] variant and one row of [`MODEL_FIELDS`];
//! the KPI that uses it reads it with [`crate::Model::get`].

use rust_decimal::Decimal;

use crate::lever::Bound::{self, Exclusive, Inclusive, Unbounded};
use crate::lever::{Bounds, Lever};

use crate::pointer::{parse_index, split_at_index};

/// The most stages a funnel may have.
pub const MAX_STAGES: usize = 12;

/// The longest stage name, in characters (Unicode code points).
pub const MAX_NAME_CHARS: usize = 40;

/// The most ranges one simulation may draw: one per lever of the largest model.
pub const MAX_RANGES: usize = 32;

/// The most samples one simulation may draw, so a page stays responsive.
pub const MAX_SAMPLES: u32 = 1_000_000;

/// The earliest year a date of `plan` may have.
pub const MIN_PLAN_YEAR: i32 = 1900;

/// The latest year a date of `plan` may have.
pub const MAX_PLAN_YEAR: i32 = 2200;

/// The most days a plan's `end` may lie after its `start`: three years and a leap day.
pub const MAX_WINDOW_DAYS: u32 = 1096;

/// The most holidays one plan may list.
pub const MAX_HOLIDAYS: usize = 400;

/// The most `actuals` rows one `progress` call may give: a row per day of the longest window.
pub const MAX_ACTUALS: usize = 1100;

/// The most open opportunities `progress` weighs, all stages together, so its chance stays
/// well inside a frame.
pub const MAX_OPEN: u32 = 1000;

/// What a field holds, so the widget knows how to show and read it.
///
/// ```
/// assert_eq!(sales_kpi::Kind::Money.as_str(), "money");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An amount in the page's currency.
    Money,
    /// A number of things (visitors, deals, customers); may be fractional.
    Count,
    /// A fraction: `0.025` is 2.5 %.
    Rate,
    /// A number of days.
    Days,
    /// A number of years.
    Years,
    /// Text shown to the reader.
    Text,
    /// An ISO date, `YYYY-MM-DD`.
    Date,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 7] = [
        Kind::Money,
        Kind::Count,
        Kind::Rate,
        Kind::Days,
        Kind::Years,
        Kind::Text,
        Kind::Date,
    ];

    /// The kind's name in the JSON schema.
    ///
    /// ```
    /// assert_eq!(sales_kpi::Kind::Rate.as_str(), "rate");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Money => "money",
            Kind::Count => "count",
            Kind::Rate => "rate",
            Kind::Days => "days",
            Kind::Years => "years",
            Kind::Text => "text",
            Kind::Date => "date",
        }
    }
}

/// One input field. `*` in a pointer stands for an array index.
///
/// ```
/// let top = &sales_kpi::MODEL_FIELDS[0];
/// assert_eq!((top.pointer, top.kind, top.required), ("/funnel/top", sales_kpi::Kind::Count, true));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Where the field sits, such as `/customer/grossMargin`.
    pub pointer: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it must be given when the object holding it is given.
    pub required: bool,
    /// The lower end of a number's valid range.
    pub minimum: Bound,
    /// The upper end of a number's valid range.
    pub maximum: Bound,
    /// The fewest and most characters of a text.
    pub length: Option<(usize, usize)>,
    /// The lever the field is, for a number of the model; `StageRate(0)` stands for every
    /// stage.
    pub lever: Option<Lever>,
}

const ZERO: Decimal = Decimal::ZERO;
const ONE: Decimal = Decimal::ONE;

const fn number(
    pointer: &'static str,
    kind: Kind,
    required: bool,
    (minimum, maximum): (Bound, Bound),
    lever: Option<Lever>,
) -> Field {
    Field {
        pointer,
        kind,
        required,
        minimum,
        maximum,
        length: None,
        lever,
    }
}

/// A whole count of 0 or more, such as deals won (its pointer is in [`WHOLE_NUMBERS`]).
const fn whole_count(pointer: &'static str, required: bool) -> Field {
    number(pointer, Kind::Count, required, AT_LEAST_ZERO, None)
}

/// The option rows whose numbers must be whole: counts of deals, leads and opportunities.
/// Kept beside the rows rather than in [`Field`]: a wider row made the model's table, which
/// the widget's small engine carries, 77 bytes larger.
pub const WHOLE_NUMBERS: [&str; 4] = [
    "/actuals/*/deals",
    "/actuals/*/top",
    "/actuals/*/stages/*",
    "/open/*",
];

/// 0 or more.
const AT_LEAST_ZERO: (Bound, Bound) = (Inclusive(ZERO), Unbounded);
/// More than 0.
const POSITIVE: (Bound, Bound) = (Exclusive(ZERO), Unbounded);
/// From 0 to 1, both included.
const FRACTION: (Bound, Bound) = (Inclusive(ZERO), Inclusive(ONE));

/// Every field of the model, in the order the reader lists them and the levers are ranked.
pub const MODEL_FIELDS: &[Field] = &[
    number(
        "/funnel/top",
        Kind::Count,
        true,
        AT_LEAST_ZERO,
        Some(Lever::Top),
    ),
    Field {
        pointer: "/funnel/stages/*/name",
        kind: Kind::Text,
        required: true,
        minimum: Unbounded,
        maximum: Unbounded,
        length: Some((1, MAX_NAME_CHARS)),
        lever: None,
    },
    number(
        "/funnel/stages/*/rate",
        Kind::Rate,
        true,
        FRACTION,
        Some(Lever::StageRate(0)),
    ),
    number(
        "/funnel/dealSize",
        Kind::Money,
        true,
        AT_LEAST_ZERO,
        Some(Lever::DealSize),
    ),
    number("/target", Kind::Money, false, POSITIVE, Some(Lever::Target)),
    number(
        "/cycleDays",
        Kind::Days,
        false,
        POSITIVE,
        Some(Lever::CycleDays),
    ),
    number(
        "/acquisitionCost",
        Kind::Money,
        false,
        AT_LEAST_ZERO,
        Some(Lever::AcquisitionCost),
    ),
    number(
        "/customer/purchaseValue",
        Kind::Money,
        false,
        POSITIVE,
        Some(Lever::PurchaseValue),
    ),
    number(
        "/customer/purchasesPerYear",
        Kind::Count,
        false,
        POSITIVE,
        Some(Lever::PurchasesPerYear),
    ),
    number(
        "/customer/lifespanYears",
        Kind::Years,
        false,
        POSITIVE,
        Some(Lever::LifespanYears),
    ),
    number(
        "/customer/annualChurn",
        Kind::Rate,
        false,
        (Exclusive(ZERO), Inclusive(ONE)),
        Some(Lever::AnnualChurn),
    ),
    number(
        "/customer/grossMargin",
        Kind::Rate,
        false,
        FRACTION,
        Some(Lever::GrossMargin),
    ),
    number(
        "/retention/start",
        Kind::Count,
        true,
        POSITIVE,
        Some(Lever::RetentionStart),
    ),
    number(
        "/retention/end",
        Kind::Count,
        true,
        AT_LEAST_ZERO,
        Some(Lever::RetentionEnd),
    ),
    number(
        "/retention/new",
        Kind::Count,
        true,
        AT_LEAST_ZERO,
        Some(Lever::RetentionNew),
    ),
    number(
        "/growth/previous",
        Kind::Money,
        true,
        POSITIVE,
        Some(Lever::GrowthPrevious),
    ),
    number(
        "/growth/current",
        Kind::Money,
        true,
        AT_LEAST_ZERO,
        Some(Lever::GrowthCurrent),
    ),
];

/// The objects of the model and whether each must be given.
pub const MODEL_OBJECTS: [(&str, bool); 4] = [
    ("/funnel", true),
    ("/customer", false),
    ("/retention", false),
    ("/growth", false),
];

/// Lists of the model and how many items each holds: (pointer, fewest, most).
pub const MODEL_LISTS: [(&str, usize, usize); 1] = [("/funnel/stages", 1, MAX_STAGES)];

/// Fields of one object of which exactly one must be given: (object, fields, why one is
/// needed).
pub static ONE_OF: [(&str, [&str; 2], &str); 1] = [(
    "/customer",
    ["lifespanYears", "annualChurn"],
    "to know how long a customer stays",
)];

/// Pairs of levers where the first may not exceed the second (new customers cannot
/// outnumber the customers at the end).
pub const NOT_ABOVE: [(Lever, Lever); 1] = [(Lever::RetentionNew, Lever::RetentionEnd)];

/// The options of `plan`, in the same form as [`MODEL_FIELDS`].
pub const PLAN_OPTIONS: &[Field] = &[
    number("/start", Kind::Date, true, (Unbounded, Unbounded), None),
    number("/end", Kind::Date, true, (Unbounded, Unbounded), None),
    number("/target", Kind::Money, false, POSITIVE, None),
    number("/growth/baseline", Kind::Money, true, POSITIVE, None),
    number(
        "/growth/by",
        Kind::Rate,
        true,
        (Exclusive(Decimal::NEGATIVE_ONE), Unbounded),
        None,
    ),
    number("/reps", Kind::Count, false, POSITIVE, None),
    number("/capacity", Kind::Count, false, POSITIVE, None),
    number(
        "/workdays/*",
        Kind::Count,
        true,
        (
            Inclusive(ONE),
            Inclusive(Decimal::from_parts(7, 0, 0, false, 0)),
        ),
        None,
    ),
    number(
        "/holidays/*",
        Kind::Date,
        true,
        (Unbounded, Unbounded),
        None,
    ),
];

/// The numbers among the options of `sensitivity`.
pub const SENSITIVITY_OPTIONS: &[Field] = &[number(
    "/by",
    Kind::Rate,
    false,
    (Exclusive(ZERO), Exclusive(ONE)),
    None,
)];

/// Lists of the plan options: (pointer, fewest, most).
pub const PLAN_LISTS: [(&str, usize, usize); 2] =
    [("/workdays", 1, 7), ("/holidays", 0, MAX_HOLIDAYS)];

/// The options `progress` adds to [`PLAN_OPTIONS`], in the order they are checked.
pub const PROGRESS_OPTIONS: &[Field] = &[
    number("/asOf", Kind::Date, true, (Unbounded, Unbounded), None),
    number(
        "/actuals/*/date",
        Kind::Date,
        true,
        (Unbounded, Unbounded),
        None,
    ),
    number(
        "/actuals/*/revenue",
        Kind::Money,
        false,
        AT_LEAST_ZERO,
        None,
    ),
    whole_count("/actuals/*/deals", false),
    whole_count("/actuals/*/top", false),
    whole_count("/actuals/*/stages/*", true),
    whole_count("/open/*", true),
];

/// Lists of the progress options: (pointer, fewest, most). A row's `stages` and `open` are
/// shorter still in a model with fewer stages: at most n and n - 1 entries; `actuals` is
/// required, `open` may be left out.
pub const PROGRESS_LISTS: [(&str, usize, usize); 3] = [
    ("/actuals", 1, MAX_ACTUALS),
    ("/actuals/*/stages", 1, MAX_STAGES),
    ("/open", 0, MAX_STAGES - 1),
];

/// The row of a lever in [`MODEL_FIELDS`]. A table made at compile time: `Model::get` asks
/// this for every optional number of every report, and a search of the table was a tenth of
/// reading a model in wasm.
pub(crate) fn row_of(lever: Lever) -> Option<usize> {
    LEVER_ROWS.get(lever.ordinal()).copied().flatten()
}

/// The number of [`Lever`] variants, `StageRate` counted once.
const LEVERS: usize = 16;

/// [`MODEL_FIELDS`]' row of each lever, by [`Lever::ordinal`].
const LEVER_ROWS: [Option<usize>; LEVERS] = {
    let mut rows = [None; LEVERS];
    let mut row = 0;
    while row < MODEL_FIELDS.len() {
        if let Some(lever) = MODEL_FIELDS[row].lever {
            rows[lever.ordinal()] = Some(row);
        }
        row += 1;
    }
    rows
};

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
                    .and_then(|text| parse_index(text, MAX_STAGES))
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

/// The fields directly inside the object at `parent`, in schema order: the names the
/// reader accepts there.
///
/// ```
/// assert_eq!(sales_kpi::schema::keys_of("/retention"), ["start", "end", "new"]);
/// assert_eq!(sales_kpi::schema::keys_of("")[..3], ["funnel", "target", "cycleDays"]);
/// ```
pub fn keys_of(parent: &str) -> Vec<&'static str> {
    keys_in(MODEL_FIELDS, parent)
}

/// [`keys_of`] for the model's objects, worked out once: reading a model opens about eight
/// objects, and scanning the table for each was a third of the time it took to read one.
pub(crate) fn model_keys(parent: &str) -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<(&'static str, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for field in MODEL_FIELDS {
            let pointer = field.pointer;
            for (at, byte) in pointer.bytes().enumerate() {
                let parent = pointer.get(..at).unwrap_or_default();
                if byte == b'/' && !keys.iter().any(|(known, _)| *known == parent) {
                    keys.push((parent, keys_in(MODEL_FIELDS, parent)));
                }
            }
        }
        keys
    });
    keys.iter()
        .find(|(known, _)| *known == parent)
        .map_or(&[], |(_, keys)| keys.as_slice())
}

/// The fields directly inside the object at `parent` of a field table.
pub(crate) fn keys_in(table: &[Field], parent: &str) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for field in table {
        let Some(rest) = field
            .pointer
            .strip_prefix(parent)
            .and_then(|rest| rest.strip_prefix('/'))
        else {
            continue;
        };
        // Byte search, not `split`: the char searcher costs a kilobyte of wasm.
        let end = rest
            .bytes()
            .position(|byte| byte == b'/')
            .unwrap_or(rest.len());
        let key = rest.get(..end).unwrap_or_default();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

// Build-time output (JSON schema, TypeScript): native only, through serde_json.
#[cfg(not(target_arch = "wasm32"))]
mod emit;
#[cfg(not(target_arch = "wasm32"))]
pub use emit::{schema_json, schema_typescript, typescript};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_has_its_row_and_round_trips_through_its_pointer() {
        let model = crate::Model::from_json_str(
            r#"{"funnel": {"top": "1", "stages": [{"name": "a", "rate": "1"},
            {"name": "b", "rate": "1"}], "dealSize": "1"}, "target": "1", "cycleDays": "1",
            "acquisitionCost": "1", "customer": {"purchaseValue": "1", "purchasesPerYear": "1",
            "lifespanYears": "1", "grossMargin": "1"},
            "retention": {"start": "1", "end": "1", "new": "1"},
            "growth": {"previous": "1", "current": "1"}}"#,
        )
        .unwrap();
        let mut levers = model.levers();
        levers.push(Lever::AnnualChurn);
        assert_eq!(levers.len(), 17);
        for lever in levers {
            assert!(row_of(lever).is_some(), "{lever:?}");
            assert_eq!(Lever::parse(&lever.pointer()), Some(lever));
        }
    }
}
