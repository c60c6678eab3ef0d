//! # sales-kpi
//!
//! An exact sales-KPI engine: the universal sales formula (opportunities x hit rate x
//! average deal size), targets and the backwards funnel, pipeline velocity, CAC, CLV,
//! LTV:CAC, payback, retention, churn and growth, plus what-if, goal seek, sensitivity
//! and Monte Carlo simulation, a plan of the target over a calendar window, and the progress
//! of a window against its plan. Every KPI is computed in decimal arithmetic
//! (`rust_decimal`, 28 significant digits) with checked operations: no binary floats,
//! no panics. Bad input is an [`Error`] that names the JSON Pointer of the field.
//!
//! The same seven functions are exported to JavaScript by the WebAssembly bindings as
//! `compute`, `whatIf`, `solve`, `sensitivity`, `simulate`, `plan` and `progress`.
//!
//! ```
//! use sales_kpi::{compute, Model};
//! let model = Model::from_json_str(r#"{
//!   "funnel": { "top": "12000",
//!     "stages": [{ "name": "meetings", "rate": "0.025" }, { "name": "deals", "rate": "0.2" }],
//!     "dealSize": "12500" },
//!   "target": "1000000" }"#).unwrap();
//! let report = compute(&model).unwrap();
//! assert_eq!(sales_kpi::number::format_decimal(report.funnel.revenue), "750000");
//! let needed = report.target.unwrap().needed;
//! assert_eq!(needed.top.unwrap().to_string(), "16000"); // "you need 16000 visitors"
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod economics;
mod error;
mod evaluate;
mod fields;
mod funnel;
pub mod json;
mod lever;
mod metric;
mod model;
pub mod number;
mod plan;
mod pointer;
// Left out of the wasm module without the `progress-export` feature (the widget's small
// engine): compiled in but never called, it still moved that engine's code by 133 bytes.
#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
mod progress;
mod report;
mod retention;
pub mod schema;
mod sensitivity;
mod simulate;
mod solve;
mod target;
#[cfg(not(target_arch = "wasm32"))]
pub mod text;
mod velocity;
mod whatif;

#[cfg(target_arch = "wasm32")]
mod bindings;

pub use economics::EconomicsReport;
pub use error::{Error, ErrorCode, Param, Result};
pub use evaluate::{evaluate_all, Evaluation, Request, MAX_GOALS};
pub use funnel::{FunnelReport, StageReport};
pub use lever::{Bound, Bounds, Lever};
pub use metric::{evaluate, Metric};
pub use model::{Funnel, Model, Stage};
pub use plan::{plan, EntryWindow, MonthRow, Plan, PlanGrowth, PlanOptions, Quota, WeekRow};
#[cfg(any(feature = "progress-export", not(target_arch = "wasm32")))]
pub use progress::{
    progress, Actual, ActualsRow, Expected, Figures, Pipeline, Progress, ProgressOptions,
    StageProgress,
};
pub use report::{compute, Report};
pub use retention::{GrowthReport, RetentionReport};
pub use schema::{
    Field, Kind, MAX_ACTUALS, MAX_HOLIDAYS, MAX_NAME_CHARS, MAX_OPEN, MAX_PLAN_YEAR, MAX_RANGES,
    MAX_STAGES, MAX_WINDOW_DAYS, MIN_PLAN_YEAR, MODEL_FIELDS, PLAN_OPTIONS, PROGRESS_OPTIONS,
};
pub use sensitivity::{sensitivity, SensitivityOptions, SensitivityRow};
pub use simulate::{simulate, Bin, Range, SimulateOptions, Summary, MAX_SAMPLES};
pub use solve::{solve, Goal, Solution, MAX_SOLVER_EVALUATIONS};
pub use target::{Needed, NeededStage, TargetReport};
pub use time::{Date, Month};
pub use velocity::VelocityReport;
pub use whatif::{what_if, Change, ChangeOp, WhatIf};
