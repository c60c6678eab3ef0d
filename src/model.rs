//! The model every function takes, read from JSON and checked against the contract's ranges.

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Param, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::lever::{Bound, Bounds, Lever};
use crate::pointer::split_pointer;
use crate::schema::{
    model_keys, row_of, MAX_NAME_CHARS, MAX_STAGES, MODEL_FIELDS, NOT_ABOVE, ONE_OF,
};

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
    /// Reads and validates a model from JSON text.
    ///
    /// ```
    /// let error = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "1", "stages": [], "dealsize": "1"}}"#)
    ///     .unwrap_err();
    /// assert_eq!(error.to_string().split(':').next(), Some("/funnel/dealsize"));
    /// ```
    pub fn from_json_str(text: &str) -> Result<Model> {
        Model::from_json(&Json::parse(text)?)
    }

    /// Reads and validates a model from a JSON tree.
    ///
    /// ```
    /// use sales_kpi::{json::Json, Model};
    /// let error = Model::from_json(&Json::Null).unwrap_err();
    /// assert_eq!(error.to_string(), ": must be an object (got null)");
    /// ```
    pub fn from_json(value: &Json) -> Result<Model> {
        let root = Fields::open(value, "", model_keys(""))?;
        let mut model = Model::new(read_funnel(root.required("funnel")?)?);
        // The other numbers in schema order. An object is opened when its first row comes;
        // the schema keeps an object's rows together (a row out of place would only open its
        // object again). The funnel's rows are read above.
        let mut object: (&str, Option<Fields>) = ("", Some(root));
        for (row, field) in MODEL_FIELDS.iter().enumerate() {
            let (parent, key) = split_pointer(field.pointer);
            if parent.starts_with("/funnel") {
                continue;
            }
            if parent != object.0 {
                let fields = root
                    .get(parent.get(1..).unwrap_or_default())
                    .map(|value| Fields::open(value, parent, model_keys(parent)))
                    .transpose()?;
                object = (parent, fields);
            }
            let Some(fields) = object.1 else {
                continue;
            };
            model.values[row] = if field.required {
                Some(fields.number(key)?)
            } else {
                fields.optional_number(key)?
            };
        }
        // Which of two fields an object needs is checked once every number has been read.
        for (object, _, _) in ONE_OF {
            if root.get(object.get(1..).unwrap_or_default()).is_some() {
                model.check_one_of(object)?;
            }
        }
        model.check_ranges()?;
        Ok(model)
    }

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

    /// Exactly one of the fields [`crate::schema::ONE_OF`] names for `object` is given.
    fn check_one_of(&self, object: &str) -> Result<()> {
        for (one_of, names, why) in &ONE_OF {
            if *one_of != object {
                continue;
            }
            let [first, second] = *names;
            let given = |key: &str| {
                MODEL_FIELDS.iter().zip(&self.values).any(|(field, value)| {
                    value.is_some()
                        && field
                            .pointer
                            .strip_prefix(object)
                            .and_then(|rest| rest.strip_prefix('/'))
                            == Some(key)
                })
            };
            let error = match (given(first), given(second)) {
                (true, true) => Error::new(
                    ErrorCode::BothGiven,
                    object,
                    format!("give {first} or {second}, not both"),
                )
                .with_text("other", second),
                (false, false) => Error::new(
                    ErrorCode::OneRequired,
                    object,
                    format!("give {first} or {second}, {why}"),
                ),
                _ => continue,
            };
            return Err(error.with("fields", Param::List(names)));
        }
        Ok(())
    }

    /// Checks every value against its valid range, naming the first one that is off.
    ///
    /// ```
    /// let mut model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "100",
    ///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
    /// model.funnel.stages[0].rate = rust_decimal::Decimal::new(15, 1);
    /// assert_eq!(model.validate().unwrap_err().to_string(),
    ///     "/funnel/stages/0/rate: must be between 0 and 1 (got 1.5)");
    /// ```
    pub fn validate(&self) -> Result<()> {
        check_stage_count(self.funnel.stages.len())?;
        for (index, stage) in self.funnel.stages.iter().enumerate() {
            check_name(&stage.name, index)?;
        }
        for (object, _, _) in ONE_OF {
            if self.gives(object) {
                self.check_one_of(object)?;
            }
        }
        self.check_ranges()
    }

    /// Checks every number against its valid range: the part of [`Model::validate`] that
    /// reading a model has not already done.
    fn check_ranges(&self) -> Result<()> {
        for lever in self.given_levers() {
            let value = self.get(lever).unwrap_or_default();
            let bounds = self.bounds(lever);
            // The pointer is text made on demand: only an error needs it.
            if !bounds.contains(value) {
                bounds.check(value, &lever.pointer())?;
            }
        }
        Ok(())
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

/// Each stage's pointer, written out so that reading a stage allocates none (only an error
/// needs it). As many as [`MAX_STAGES`]: the array's type says so.
const STAGE_POINTERS: [&str; MAX_STAGES] = [
    "/funnel/stages/0",
    "/funnel/stages/1",
    "/funnel/stages/2",
    "/funnel/stages/3",
    "/funnel/stages/4",
    "/funnel/stages/5",
    "/funnel/stages/6",
    "/funnel/stages/7",
    "/funnel/stages/8",
    "/funnel/stages/9",
    "/funnel/stages/10",
    "/funnel/stages/11",
];

fn read_funnel(value: &Json) -> Result<Funnel> {
    let fields = Fields::open(value, "/funnel", model_keys("/funnel"))?;
    let top = fields.number("top")?;
    let stages_value = fields.required("stages")?;
    let Json::Array(items) = stages_value else {
        return Err(not_a_list(
            "/funnel/stages",
            "a list of stages",
            stages_value,
        ));
    };
    check_stage_count(items.len())?;
    let mut stages = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let pointer = STAGE_POINTERS
            .get(index)
            .copied()
            .unwrap_or("/funnel/stages");
        let stage = Fields::open(item, pointer, model_keys("/funnel/stages/*"))?;
        let name = stage.text("name")?;
        check_name(name, index)?;
        stages.push(Stage {
            name: name.to_owned(),
            rate: stage.number("rate")?,
        });
    }
    Ok(Funnel {
        top,
        stages,
        deal_size: fields.number("dealSize")?,
    })
}

fn check_name(name: &str, index: usize) -> Result<()> {
    // A plain fold: `count()` brings a vectorised counter that is large in wasm.
    let characters = name.chars().fold(0usize, |count, _| count + 1);
    let pointer = || format!("/funnel/stages/{index}/name");
    if characters == 0 || characters > MAX_NAME_CHARS {
        let message = format!("must be 1 to {MAX_NAME_CHARS} characters (got {characters})");
        return Err(if characters == 0 {
            Error::new(ErrorCode::TooShort, pointer(), message).with_integer("min", 1)
        } else {
            Error::new(ErrorCode::TooLong, pointer(), message).with_integer("max", MAX_NAME_CHARS)
        });
    }
    let blank = name.trim().is_empty();
    if blank || name.chars().any(char::is_control) {
        let message = "must be visible text, without line breaks or control characters";
        return Err(if blank {
            Error::new(ErrorCode::TooShort, pointer(), message).with_integer("min", 1)
        } else {
            Error::new(ErrorCode::InvalidText, pointer(), message)
        });
    }
    Ok(())
}

fn check_stage_count(stages: usize) -> Result<()> {
    if (1..=MAX_STAGES).contains(&stages) {
        return Ok(());
    }
    let message = format!("must hold 1 to {MAX_STAGES} stages (got {stages})");
    Err(if stages == 0 {
        Error::new(ErrorCode::TooFew, "/funnel/stages", message).with_integer("min", 1)
    } else {
        Error::new(ErrorCode::TooMany, "/funnel/stages", message).with_integer("max", MAX_STAGES)
    })
}

/// The schema's own pointer of a lever that is not in a list, which lives as long as the
/// schema does.
fn schema_pointer(lever: Lever) -> &'static str {
    crate::schema::row_of(lever).map_or("", |row| crate::schema::MODEL_FIELDS[row].pointer)
}
