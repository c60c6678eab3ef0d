//! Reading a model from JSON and checking it against the contract's ranges: every field by its
//! row in the schema table, the funnel's stages, names and counts, and the fields that exclude
//! or bound each other.

use super::{Funnel, Model, Stage};
use crate::error::{Error, ErrorCode, Param, Result};
use crate::fields::{not_a_list, Fields};
use crate::json::Json;
use crate::pointer::split_pointer;
use crate::schema::{model_keys, MAX_NAME_CHARS, MAX_STAGES, MODEL_FIELDS, ONE_OF};

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
