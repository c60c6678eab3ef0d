//! The model every function takes, read from JSON and checked against the contract's ranges.

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Param, Result};
use crate::json::{child_pointer, Fields, Json};
use crate::lever::{Bound, Bounds, Lever};
use crate::schema::{keys_of, MAX_NAME_CHARS, MAX_STAGES, NOT_ABOVE, ONE_OF};

/// A sales model: the funnel and, optionally, target, cycle, costs, customer, retention and growth.
///
/// ```
/// use sales_kpi::Model;
/// let model = Model::from_json_str(r#"{"funnel": {"top": "100",
///     "stages": [{"name": "deals", "rate": "0.1"}], "dealSize": "500"}}"#).unwrap();
/// assert_eq!(model.funnel.stages.len(), 1);
/// assert!(model.target.is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The universal sales formula: volume in, conversion per stage, deal size.
    pub funnel: Funnel,
    /// The revenue target, if any.
    pub target: Option<Decimal>,
    /// The average sales cycle in days, for pipeline velocity.
    pub cycle_days: Option<Decimal>,
    /// The total cost of acquiring the period's customers, for CAC.
    pub acquisition_cost: Option<Decimal>,
    /// The customer's value over time, for CLV.
    pub customer: Option<Customer>,
    /// Customer counts over a period, for retention and churn.
    pub retention: Option<Retention>,
    /// Revenue of two periods, for sales growth.
    pub growth: Option<Growth>,
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

/// What one customer is worth over time.
///
/// ```
/// use sales_kpi::{Customer, Lifespan};
/// let customer = Customer { purchase_value: None, purchases_per_year: None,
///     lifespan: Lifespan::Years(4.into()), gross_margin: None };
/// assert!(matches!(customer.lifespan, Lifespan::Years(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    /// Revenue per purchase; defaults to the funnel's deal size.
    pub purchase_value: Option<Decimal>,
    /// Purchases per year; defaults to 1.
    pub purchases_per_year: Option<Decimal>,
    /// How long a customer stays.
    pub lifespan: Lifespan,
    /// The share of revenue kept as margin; defaults to 1.
    pub gross_margin: Option<Decimal>,
}

/// A customer's lifespan, given directly or through the yearly churn.
///
/// ```
/// use sales_kpi::Lifespan;
/// let lifespan = Lifespan::AnnualChurn(rust_decimal::Decimal::new(25, 2));
/// assert!(matches!(lifespan, Lifespan::AnnualChurn(_)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lifespan {
    /// `lifespanYears`, more than 0.
    Years(Decimal),
    /// `annualChurn`, in (0, 1]: lifespan = 1 / annualChurn.
    AnnualChurn(Decimal),
}

/// Customers at the start and end of a period, and the new ones won in it.
///
/// ```
/// let retention = sales_kpi::Retention { start: 200.into(), end: 210.into(), new: 30.into() };
/// assert_eq!(retention.end.to_string(), "210");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Retention {
    /// Customers at the start, more than 0.
    pub start: Decimal,
    /// Customers at the end, 0 or more.
    pub end: Decimal,
    /// New customers in the period, from 0 to `end`.
    pub new: Decimal,
}

/// Revenue in the previous and the current period.
///
/// ```
/// let growth = sales_kpi::Growth { previous: 800_000.into(), current: 912_000.into() };
/// assert!(growth.current > growth.previous);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Growth {
    /// The previous period's revenue, more than 0.
    pub previous: Decimal,
    /// The current period's revenue, 0 or more.
    pub current: Decimal,
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
        let root = Fields::open(value, "", &keys_of(""))?;
        let funnel = read_funnel(root.required("funnel")?)?;
        let model = Model {
            funnel,
            target: root.optional_number("target")?,
            cycle_days: root.optional_number("cycleDays")?,
            acquisition_cost: root.optional_number("acquisitionCost")?,
            customer: root.get("customer").map(read_customer).transpose()?,
            retention: root
                .get("retention")
                .map(|value| {
                    let fields = Fields::open(value, "/retention", &keys_of("/retention"))?;
                    Ok(Retention {
                        start: fields.number("start")?,
                        end: fields.number("end")?,
                        new: fields.number("new")?,
                    })
                })
                .transpose()?,
            growth: root
                .get("growth")
                .map(|value| {
                    let fields = Fields::open(value, "/growth", &keys_of("/growth"))?;
                    Ok(Growth {
                        previous: fields.number("previous")?,
                        current: fields.number("current")?,
                    })
                })
                .transpose()?,
        };
        model.validate()?;
        Ok(model)
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
        for lever in self.levers() {
            let value = self.get(lever).unwrap_or_default();
            self.bounds(lever).check(value, &lever.pointer())?;
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
        let mut levers = vec![Lever::Top];
        levers.extend((0..self.funnel.stages.len()).map(Lever::StageRate));
        levers.push(Lever::DealSize);
        levers.extend(
            [
                Lever::Target,
                Lever::CycleDays,
                Lever::AcquisitionCost,
                Lever::PurchaseValue,
                Lever::PurchasesPerYear,
                Lever::LifespanYears,
                Lever::AnnualChurn,
                Lever::GrossMargin,
                Lever::RetentionStart,
                Lever::RetentionEnd,
                Lever::RetentionNew,
                Lever::GrowthPrevious,
                Lever::GrowthCurrent,
            ]
            .into_iter()
            .filter(|&lever| self.get(lever).is_some()),
        );
        levers
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
        if !crate::json::is_pointer_shaped(pointer) {
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
        let customer = self.customer.as_ref();
        match lever {
            Lever::Top => Some(self.funnel.top),
            Lever::StageRate(index) => self.funnel.stages.get(index).map(|stage| stage.rate),
            Lever::DealSize => Some(self.funnel.deal_size),
            Lever::Target => self.target,
            Lever::CycleDays => self.cycle_days,
            Lever::AcquisitionCost => self.acquisition_cost,
            Lever::PurchaseValue => customer.and_then(|c| c.purchase_value),
            Lever::PurchasesPerYear => customer.and_then(|c| c.purchases_per_year),
            Lever::LifespanYears => customer.and_then(|c| match c.lifespan {
                Lifespan::Years(years) => Some(years),
                Lifespan::AnnualChurn(_) => None,
            }),
            Lever::AnnualChurn => customer.and_then(|c| match c.lifespan {
                Lifespan::AnnualChurn(churn) => Some(churn),
                Lifespan::Years(_) => None,
            }),
            Lever::GrossMargin => customer.and_then(|c| c.gross_margin),
            Lever::RetentionStart => self.retention.map(|r| r.start),
            Lever::RetentionEnd => self.retention.map(|r| r.end),
            Lever::RetentionNew => self.retention.map(|r| r.new),
            Lever::GrowthPrevious => self.growth.map(|g| g.previous),
            Lever::GrowthCurrent => self.growth.map(|g| g.current),
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
            Lever::Target => self.target.as_mut(),
            Lever::CycleDays => self.cycle_days.as_mut(),
            Lever::AcquisitionCost => self.acquisition_cost.as_mut(),
            Lever::PurchaseValue => self
                .customer
                .as_mut()
                .and_then(|c| c.purchase_value.as_mut()),
            Lever::PurchasesPerYear => self
                .customer
                .as_mut()
                .and_then(|c| c.purchases_per_year.as_mut()),
            Lever::LifespanYears => self.customer.as_mut().and_then(|c| match &mut c.lifespan {
                Lifespan::Years(years) => Some(years),
                Lifespan::AnnualChurn(_) => None,
            }),
            Lever::AnnualChurn => self.customer.as_mut().and_then(|c| match &mut c.lifespan {
                Lifespan::AnnualChurn(churn) => Some(churn),
                Lifespan::Years(_) => None,
            }),
            Lever::GrossMargin => self.customer.as_mut().and_then(|c| c.gross_margin.as_mut()),
            Lever::RetentionStart => self.retention.as_mut().map(|r| &mut r.start),
            Lever::RetentionEnd => self.retention.as_mut().map(|r| &mut r.end),
            Lever::RetentionNew => self.retention.as_mut().map(|r| &mut r.new),
            Lever::GrowthPrevious => self.growth.as_mut().map(|g| &mut g.previous),
            Lever::GrowthCurrent => self.growth.as_mut().map(|g| &mut g.current),
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

fn read_funnel(value: &Json) -> Result<Funnel> {
    let fields = Fields::open(value, "/funnel", &keys_of("/funnel"))?;
    let top = fields.number("top")?;
    let stages_value = fields.required("stages")?;
    let Json::Array(items) = stages_value else {
        return Err(Error::new(
            ErrorCode::WrongType,
            "/funnel/stages",
            format!("must be a list of stages (got {})", stages_value.kind()),
        )
        .with_text("expected", "array"));
    };
    check_stage_count(items.len())?;
    let mut stages = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let pointer = child_pointer("/funnel/stages", &index.to_string());
        let stage = Fields::open(item, &pointer, &keys_of("/funnel/stages/*"))?;
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

fn read_customer(value: &Json) -> Result<Customer> {
    let fields = Fields::open(value, "/customer", &keys_of("/customer"))?;
    let (object, [first, second], why) = ONE_OF[0];
    let lifespan = match (
        fields.optional_number(first)?,
        fields.optional_number(second)?,
    ) {
        (Some(_), Some(_)) => {
            return Err(Error::new(
                ErrorCode::BothGiven,
                object,
                format!("give {first} or {second}, not both"),
            )
            .with_text("other", second)
            .with("fields", Param::List(vec![first, second])))
        }
        (Some(years), None) => Lifespan::Years(years),
        (None, Some(churn)) => Lifespan::AnnualChurn(churn),
        (None, None) => {
            return Err(Error::new(
                ErrorCode::OneRequired,
                object,
                format!("give {first} or {second}, {why}"),
            )
            .with("fields", Param::List(vec![first, second])))
        }
    };
    Ok(Customer {
        purchase_value: fields.optional_number("purchaseValue")?,
        purchases_per_year: fields.optional_number("purchasesPerYear")?,
        lifespan,
        gross_margin: fields.optional_number("grossMargin")?,
    })
}
