//! The model every function takes, and its numbers by lever; reading it from JSON and
//! checking it against the contract's ranges is `model/read.rs`.

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Result};
use crate::lever::{Bound, Bounds, Lever};
use crate::schema::{row_of, MODEL_FIELDS, NOT_ABOVE};

mod read;

/// A sales model: the funnel and, optionally, target, cycle, costs, customer, retention and
/// growth. Every number besides the funnel's is kept by its row in the schema table
/// ([`crate::MODEL_FIELDS`]) and read with [`Model::get`].
///
/// ```
/// use sales_kpi::{Lever, Model};
/// let model = Model::from_json_str(r#"{"funnel": {"top": "100",
///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
/// assert_eq!(model.funnel.stages.len(), 1);
/// assert!(model.get(Lever::Target).is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The universal sales formula: volume in, conversion per stage, deal size.
    pub funnel: Funnel,
    /// The other numbers, by schema row; `None` where the model does not give one.
    values: [Option<Decimal>; MODEL_FIELDS.len()],
}

/// The funnel: `top` enters the first stage; each stage converts a share of the one before.
///
/// ```
/// use rust_decimal::Decimal;
/// use sales_kpi::{Funnel, Stage};
/// let funnel = Funnel { top: Decimal::from(1000), deal_size: Decimal::from(50),
///     stages: vec![Stage { name: "deals".into(), rate: Decimal::new(2, 2) }] };
/// assert_eq!(funnel.stages[0].rate.to_string(), "0.02");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    /// Website visitors, calls and e-mails, or leads.
    pub top: Decimal,
    /// 1 to 12 steps, in order.
    pub stages: Vec<Stage>,
    /// The average revenue per won deal.
    pub deal_size: Decimal,
}

/// One step of the funnel.
///
/// ```
/// let stage = sales_kpi::Stage { name: "meetings".into(), rate: rust_decimal::Decimal::new(25, 3) };
/// assert_eq!(stage.name, "meetings");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// 1 to 40 characters shown to the reader.
    pub name: String,
    /// The share of the previous step that reaches this one, in [0, 1].
    pub rate: Decimal,
}

impl Model {
    /// A model of the funnel alone; [`Model::give`] adds the other numbers.
    ///
    /// ```
    /// use sales_kpi::{Funnel, Lever, Model, Stage};
    /// let funnel = Funnel { top: 100.into(), deal_size: 500.into(),
    ///     stages: vec![Stage { name: "deals".into(), rate: rust_decimal::Decimal::new(1, 1) }] };
    /// let mut model = Model::new(funnel);
    /// model.give(Lever::Target, Some(1000.into()));
    /// assert!(model.validate().is_ok());
    /// let attainment = sales_kpi::compute(&model).unwrap().target.unwrap().attainment;
    /// assert_eq!(attainment.normalize().to_string(), "5");
    /// ```
    pub fn new(funnel: Funnel) -> Model {
        Model {
            funnel,
            values: [None; MODEL_FIELDS.len()],
        }
    }

    /// Gives (`Some`) or removes (`None`) a number outside the funnel; the funnel's own
    /// levers are always given, so for them only `Some` changes anything. Unchecked, like
    /// [`Model::set`].
    ///
    /// ```
    /// use sales_kpi::Lever;
    /// let mut model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}, "target": "1"}"#).unwrap();
    /// model.give(Lever::Target, None);
    /// assert_eq!(model.get(Lever::Target), None);
    /// ```
    pub fn give(&mut self, lever: Lever, value: Option<Decimal>) {
        match (self.slot(lever), value) {
            (Some(slot), _) => *slot = value,
            (None, Some(value)) => {
                self.set(lever, value);
            }
            (None, None) => {}
        }
    }

    /// Whether the model gives any number of the object at `pointer`, such as `/customer`.
    ///
    /// ```
    /// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"},
    ///     "customer": {"annualChurn": "0.2"}}"#).unwrap();
    /// assert!(model.gives("/customer"));
    /// assert!(!model.gives("/retention"));
    /// ```
    pub fn gives(&self, pointer: &str) -> bool {
        MODEL_FIELDS.iter().zip(&self.values).any(|(field, value)| {
            value.is_some()
                && field.pointer.starts_with(pointer)
                && field.pointer.as_bytes().get(pointer.len()) == Some(&b'/')
        })
    }

    /// The slot of a number outside the funnel.
    fn slot(&mut self, lever: Lever) -> Option<&mut Option<Decimal>> {
        match lever {
            Lever::Top | Lever::StageRate(_) | Lever::DealSize => None,
            other => self.values.get_mut(row_of(other)?),
        }
    }

    /// Every number in the model that a what-if can change, in a fixed order.
    ///
    /// ```
    /// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}, "target": "1"}"#).unwrap();
    /// let pointers: Vec<String> = model.levers().iter().map(|lever| lever.pointer()).collect();
    /// assert_eq!(pointers, ["/funnel/top", "/funnel/stages/0/rate", "/funnel/dealSize", "/target"]);
    /// ```
    pub fn levers(&self) -> Vec<Lever> {
        self.given_levers().collect()
    }

    /// [`Model::levers`] one by one, without a list: validating walks them on every read.
    fn given_levers(&self) -> impl Iterator<Item = Lever> + '_ {
        MODEL_FIELDS
            .iter()
            .filter_map(|field| field.lever)
            .flat_map(move |lever| {
                let count = match lever {
                    Lever::StageRate(_) => self.funnel.stages.len(),
                    other => usize::from(self.get(other).is_some()),
                };
                (0..count).map(move |index| match lever {
                    Lever::StageRate(_) => Lever::StageRate(index),
                    other => other,
                })
            })
    }

    /// Finds the lever a pointer names, refusing pointers that name nothing present. An
    /// error begins with the pointer; text that is not a pointer at all is reported at
    /// `field`, the place in the caller's input that holds it (such as `/lever`).
    ///
    /// ```
    /// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
    /// assert!(model.lever("/funnel/dealSize", "/lever").is_ok());
    /// assert!(model.lever("/target", "/lever").unwrap_err().to_string().starts_with("/target: "));
    /// assert!(model.lever("dealSize", "/lever").unwrap_err().to_string().starts_with("/lever: "));
    /// ```
    pub fn lever(&self, pointer: &str, field: &str) -> Result<Lever> {
        if !crate::pointer::is_pointer_shaped(pointer) {
            return Err(crate::json::not_a_pointer(
                field,
                pointer,
                "/funnel/dealSize",
            ));
        }
        let lever = Lever::parse(pointer).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownPointer,
                pointer,
                "names no number in the model; use a pointer such as /funnel/dealSize or /funnel/stages/0/rate",
            )
        })?;
        if self.get(lever).is_none() {
            let message = match lever {
                Lever::StageRate(_) => format!(
                    "names a stage the funnel does not have (it has {})",
                    self.funnel.stages.len()
                ),
                _ => "names a field the model does not give; add it to the model first".into(),
            };
            return Err(Error::new(ErrorCode::UnknownPointer, pointer, message));
        }
        Ok(lever)
    }

    /// The current value of a lever, or `None` when the model does not give it.
    ///
    /// ```
    /// use sales_kpi::Lever;
    /// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
    /// assert_eq!(model.get(Lever::DealSize).unwrap().to_string(), "500");
    /// assert_eq!(model.get(Lever::CycleDays), None);
    /// ```
    pub fn get(&self, lever: Lever) -> Option<Decimal> {
        match lever {
            Lever::Top => Some(self.funnel.top),
            Lever::StageRate(index) => self.funnel.stages.get(index).map(|stage| stage.rate),
            Lever::DealSize => Some(self.funnel.deal_size),
            other => *self.values.get(row_of(other)?)?,
        }
    }

    /// Sets a lever that the model gives; returns `false`, changing nothing, when it does not.
    /// The new value is not checked: call [`Model::validate`] or check [`Model::bounds`].
    ///
    /// ```
    /// use sales_kpi::Lever;
    /// let mut model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
    /// assert!(model.set(Lever::Top, 200.into()));
    /// assert!(!model.set(Lever::Target, 1.into()));
    /// assert_eq!(model.funnel.top.to_string(), "200");
    /// ```
    pub fn set(&mut self, lever: Lever, value: Decimal) -> bool {
        let slot: Option<&mut Decimal> = match lever {
            Lever::Top => Some(&mut self.funnel.top),
            Lever::StageRate(index) => self.funnel.stages.get_mut(index).map(|s| &mut s.rate),
            Lever::DealSize => Some(&mut self.funnel.deal_size),
            other => self.slot(other).and_then(Option::as_mut),
        };
        match slot {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// The range a lever's value must stay in, given the rest of the model.
    ///
    /// ```
    /// use sales_kpi::Lever;
    /// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
    /// assert!(model.bounds(Lever::StageRate(0)).contains(1.into()));
    /// assert!(!model.bounds(Lever::StageRate(0)).contains(2.into()));
    /// ```
    pub fn bounds(&self, lever: Lever) -> Bounds {
        let mut bounds = lever.own_bounds();
        for (low, high) in NOT_ABOVE {
            if lever == low {
                if let Some(limit) = self.get(high) {
                    bounds.max = Bound::Inclusive(limit);
                    bounds = bounds.relative_to(schema_pointer(high), true);
                }
            } else if lever == high {
                if let Some(limit) = self.get(low) {
                    bounds.min = Bound::Inclusive(limit);
                    bounds = bounds.relative_to(schema_pointer(low), false);
                }
            }
        }
        bounds
    }
}
/// The schema's own pointer of a lever that is not in a list, which lives as long as the
/// schema does.
fn schema_pointer(lever: Lever) -> &'static str {
    crate::schema::row_of(lever).map_or("", |row| crate::schema::MODEL_FIELDS[row].pointer)
}
