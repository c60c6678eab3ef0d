//! The WebAssembly bindings: the only module that knows about JavaScript.
//!
//! Inputs cross the boundary as JSON text (one `JSON.stringify`) for the engine's exact,
//! limited reader: serde's `Deserialize` through serde-wasm-bindgen cost 25.6 KB brotli,
//! turned JS numbers into binary floats and ignored `deny_unknown_fields`. Reports go out
//! through their serde derives and serde-wasm-bindgen (`json_compatible`), the one
//! definition of their shape. Every failure becomes a JS `Error` whose message starts with
//! a JSON Pointer and which carries `code`, `pointer` and `params`.

use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorCode, Param};
use crate::json::{too_large, Json, MAX_INPUT_BYTES};
#[cfg(feature = "simulate-export")]
use crate::SimulateOptions;
#[cfg(feature = "each-export")]
use crate::{Change, Goal, SensitivityOptions};
use crate::{Model, Request};
use serde::Serialize;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("bindings.d.ts");

/// Turns an engine error into a JS `Error` with the contract's `pointer: message` text and
/// the properties programs read instead: `code`, `pointer` and `params`.
fn js_error(error: Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    let params = js_sys::Object::new();
    for (name, value) in error.params() {
        let value = match value {
            Param::Text(text) => JsValue::from_str(text),
            Param::Integer(number) => JsValue::from_f64(*number as f64),
            Param::List(names) => names
                .iter()
                .map(|name| JsValue::from_str(name))
                .collect::<js_sys::Array>()
                .into(),
        };
        set(&params, name, &value);
    }
    set(&js_error, "code", &JsValue::from_str(error.code().as_str()));
    set(&js_error, "pointer", &JsValue::from_str(error.pointer()));
    set(&js_error, "params", &params);
    js_error.into()
}

/// Sets an own, enumerable property; on a fresh object this cannot fail.
fn set(target: &JsValue, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), value);
}

#[wasm_bindgen(inline_js = r#"
// Non-finite numbers would silently become null; as text they are refused by the
// engine's number reader. BigInts cannot be stringified; their digits are exact.
function keepNumbers(key, value) {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}
const encoder = new TextEncoder();
export function toJsonBytes(value, limit) {
  let text;
  try {
    text = JSON.stringify(value);
    // Only a null in the text can hide a NaN or an Infinity; only then is the slower,
    // careful pass needed. BigInts throw here and take the careful pass too.
    if (text === undefined || text.includes('null')) text = undefined;
  } catch {}
  text ??= JSON.stringify(value, keepNumbers) ?? 'null';
  // Refused here, before the text is copied into wasm memory, which never shrinks: each
  // UTF-16 unit is at least one UTF-8 byte, so a longer text is over the engine's limit.
  // The text crosses as bytes, copied in one piece: as a `String` the glue copied it one
  // character at a time, 7 % of `compute` (README, Performance).
  return text.length > limit ? undefined : encoder.encode(text);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = toJsonBytes)]
    fn to_json_bytes(value: &JsValue, limit: u32) -> Result<Option<Vec<u8>>, JsValue>;
}

/// The JSON text of a JS value (one `JSON.stringify`), refused when it is over the engine's limit
/// before it is copied into wasm memory. The caller parses it, and the tree borrows it.
#[inline(never)]
fn json_text(value: JsValue) -> Result<String, Error> {
    let unreadable = || {
        Error::new(
            ErrorCode::InvalidJson,
            "",
            "cannot be read as JSON (it may refer to itself or hold values JSON cannot express)",
        )
    };
    let bytes = to_json_bytes(&value, MAX_INPUT_BYTES as u32).map_err(|_| unreadable())?;
    // `None`: longer than the limit, refused before it was copied into wasm memory.
    // `TextEncoder` writes a lone surrogate as U+FFFD, so its bytes are always UTF-8.
    String::from_utf8(bytes.ok_or_else(too_large)?).map_err(|_| unreadable())
}

/// A report as a plain JS object, through its serde derive and serde-wasm-bindgen
/// (`json_compatible`: maps as plain objects): `None` becomes `null`, and decimals are
/// already strings. An engine error becomes a JS `Error`. (A hand-written serde `Serializer`
/// to JSON text and one `JSON.parse` measured 2.0 KB brotli smaller and no faster per
/// `compute`; the library is kept, README, Performance.)
fn answer<T: Serialize>(result: Result<T, Error>) -> Result<JsValue, JsValue> {
    result
        .map_err(js_error)?
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// Reads and validates the model argument every function takes.
#[inline(never)]
fn read_model(model: JsValue) -> Result<Model, Error> {
    Model::from_json(&Json::parse(&json_text(model)?)?)
}

/// `compute(model)`: every KPI of the model.
#[cfg(feature = "each-export")]
#[wasm_bindgen(js_name = compute, unchecked_return_type = "Report")]
pub fn compute_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| crate::compute(&model)))
}

/// `whatIf(model, changes)`: the report before and after the changes.
#[cfg(feature = "each-export")]
#[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIfResult")]
pub fn what_if_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Change[]")] changes: JsValue,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| {
        let changes = Change::list_from_json(&Json::parse(&json_text(changes)?)?)?;
        crate::what_if(&model, &changes)
    }))
}

/// `solve(model, goal)`: the lever value that makes the metric hit the target.
#[cfg(feature = "each-export")]
#[wasm_bindgen(js_name = solve, unchecked_return_type = "Solution")]
pub fn solve_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Goal")] goal: JsValue,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| {
        let goal = Goal::from_json(&Json::parse(&json_text(goal)?)?)?;
        crate::solve(&model, &goal)
    }))
}

/// `sensitivity(model, options?)`: the levers ranked by the metric's swing.
#[cfg(feature = "each-export")]
#[wasm_bindgen(js_name = sensitivity, unchecked_return_type = "SensitivityRow[]")]
pub fn sensitivity_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SensitivityOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| {
        let options = match options {
            Some(options) => SensitivityOptions::from_json(&Json::parse(&json_text(options)?)?)?,
            None => SensitivityOptions::from_json(&Json::Null)?,
        };
        crate::sensitivity(&model, &options)
    }))
}

/// `simulate(model, options)`: Monte Carlo percentiles and the chance of reaching the threshold.
#[cfg(feature = "simulate-export")]
#[wasm_bindgen(js_name = simulate, unchecked_return_type = "Summary")]
pub fn simulate_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| {
        let options = SimulateOptions::from_json(&Json::parse(&json_text(options)?)?)?;
        crate::simulate(&model, &options)
    }))
}

/// `evaluate(model, request)`: the report and every part the request asks for, from one
/// crossing. Each part's value goes out through its own serde derive, as its own function
/// would send it; a failed part is `{ error }`, the same JS `Error` that function would have
/// thrown. (The envelope is put together here rather than through `Evaluation`'s derive:
/// serialising the errors as data through serde-wasm-bindgen cost 2.8 KB brotli.)
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "Evaluation")]
pub fn evaluate_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let evaluation = read_model(model)
        .and_then(|model| {
            let request = Request::from_json(&Json::parse(&json_text(request)?)?, &model)?;
            crate::evaluate_all(&model, request)
        })
        .map_err(js_error)?;
    let answers = js_sys::Object::new();
    set(&answers, "report", &answer(Ok(evaluation.report))?);
    if let Some(what_if) = evaluation.what_if {
        set(&answers, "whatIf", &part(what_if)?);
    }
    if let Some(goals) = evaluation.goals {
        let list = js_sys::Array::new();
        for goal in goals {
            let value = goal.map(crate::number::format_decimal);
            list.push(&match value {
                Ok(value) => {
                    let solved = js_sys::Object::new();
                    set(&solved, "value", &JsValue::from_str(&value));
                    solved.into()
                }
                Err(error) => failed(error),
            });
        }
        set(&answers, "goals", &list);
    }
    if let Some(sensitivity) = evaluation.sensitivity {
        set(&answers, "sensitivity", &part(sensitivity)?);
    }
    #[cfg(feature = "progress-export")]
    if let Some(progress) = evaluation.progress {
        set(&answers, "progress", &part(progress)?);
    }
    Ok(answers.into())
}

/// A part's value through its derive, or `{ error }`.
fn part<T: Serialize>(result: Result<T, Error>) -> Result<JsValue, JsValue> {
    match result {
        Ok(value) => answer(Ok(value)),
        Err(error) => Ok(failed(error)),
    }
}

fn failed(error: Error) -> JsValue {
    let failed = js_sys::Object::new();
    set(&failed, "error", &js_error(error));
    failed.into()
}

/// `plan(model, options)`: the target spread over a calendar window, per month, ISO week,
/// workday and rep.
#[cfg(feature = "plan-export")]
#[wasm_bindgen(js_name = plan, unchecked_return_type = "Plan")]
pub fn plan_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| {
        let options = crate::PlanOptions::from_json(&Json::parse(&json_text(options)?)?)?;
        crate::plan(&model, &options)
    }))
}

/// `progress(model, options)`: the results so far against the plan of the same window, what
/// the rest needs, where the funnel stalls and the open pipeline's chance to close the gap.
#[cfg(feature = "progress-export")]
#[wasm_bindgen(js_name = progress, unchecked_return_type = "Progress")]
pub fn progress_js(
    #[wasm_bindgen(unchecked_param_type = "Model")] model: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProgressOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    answer(read_model(model).and_then(|model| {
        let options =
            crate::ProgressOptions::from_json(&Json::parse(&json_text(options)?)?, &model)?;
        crate::progress(&model, &options)
    }))
}

/// Traps on purpose, so tests can prove the widget recovers from a dead instance.
/// Only in builds with the `test-trap` feature, never in the published package.
#[cfg(feature = "test-trap")]
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    core::arch::wasm32::unreachable()
}
