//! JSON text for the reports, written directly. The wasm bindings and [`crate::text`] use it:
//! serde_json's serializer brought its error and I/O machinery into the wasm module (about
//! 2 KB brotli) and took longer. The reports still derive `serde::Serialize` for Rust
//! callers; a test checks that both give the same JSON.

use rust_decimal::Decimal;

use crate::number::format_decimal;
use crate::plan::iso_date;
use crate::{
    EconomicsReport, FunnelReport, GrowthReport, NeededStage, Plan, Quota, Report, RetentionReport,
    SensitivityRow, Solution, Summary, TargetReport, VelocityReport, WhatIf,
};

/// A value that writes itself as JSON text.
///
/// ```
/// use sales_kpi::write::ToJson;
/// let model = sales_kpi::Model::from_json_str(r#"{"funnel": {"top": "10",
///     "stages": [{"name": "deals", "rate": "0.5"}], "dealSize": "3"}}"#).unwrap();
/// let json = sales_kpi::compute(&model).unwrap().to_json();
/// assert!(json.contains(r#""revenue":"15""#));
/// ```
pub trait ToJson {
    /// Appends the value's JSON to `out`.
    fn write_json(&self, out: &mut String);

    /// The value's JSON text.
    fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        self.write_json(&mut out);
        out
    }
}

/// Writes `{"key":value,...}` with keys in the order they are given.
struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, empty: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        text(self.out, key);
        self.out.push(':');
        self.out
    }

    fn number(mut self, key: &str, value: Decimal) -> Self {
        let out = self.key(key);
        number(out, value);
        self
    }

    fn optional(mut self, key: &str, value: Option<Decimal>) -> Self {
        let out = self.key(key);
        match value {
            Some(value) => number(out, value),
            None => out.push_str("null"),
        }
        self
    }

    fn text(mut self, key: &str, value: &str) -> Self {
        let out = self.key(key);
        text(out, value);
        self
    }

    fn value(mut self, key: &str, value: &dyn ToJson) -> Self {
        let out = self.key(key);
        value.write_json(out);
        self
    }

    fn section(self, key: &str, value: Option<&dyn ToJson>) -> Self {
        match value {
            Some(value) => self.value(key, value),
            None => self,
        }
    }

    fn close(self) {
        self.out.push('}');
    }
}

fn number(out: &mut String, value: Decimal) {
    out.push('"');
    out.push_str(&format_decimal(value));
    out.push('"');
}

/// A JSON string, escaped as RFC 8259 requires.
fn text(out: &mut String, value: &str) {
    out.push('"');
    for character in value.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            control if (control as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = control as usize;
                out.push_str("\\u00");
                out.push(HEX[code >> 4] as char);
                out.push(HEX[code & 15] as char);
            }
            other => out.push(other),
        }
    }
    out.push('"');
}

fn list<T>(out: &mut String, items: &[T], mut write: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

impl ToJson for Report {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .value("funnel", &self.funnel)
            .section("target", self.target.as_ref().map(|v| v as &dyn ToJson))
            .section("velocity", self.velocity.as_ref().map(|v| v as &dyn ToJson))
            .section(
                "economics",
                self.economics.as_ref().map(|v| v as &dyn ToJson),
            )
            .section(
                "retention",
                self.retention.as_ref().map(|v| v as &dyn ToJson),
            )
            .section("growth", self.growth.as_ref().map(|v| v as &dyn ToJson))
            .close();
    }
}

impl ToJson for FunnelReport {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        list(object.key("stages"), &self.stages, |out, stage| {
            Object::open(out)
                .text("name", &stage.name)
                .number("rate", stage.rate)
                .number("count", stage.count)
                .close();
        });
        object
            .number("conversion", self.conversion)
            .number("deals", self.deals)
            .number("revenue", self.revenue)
            .close();
    }
}

impl ToJson for TargetReport {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out)
            .number("attainment", self.attainment)
            .number("gap", self.gap)
            .optional("dealsNeeded", self.deals_needed);
        let mut needed = Object::open(object.key("needed")).optional("top", self.needed.top);
        list(needed.key("stages"), &self.needed.stages, |out, stage| {
            Object::open(out)
                .text("name", &stage.name)
                .optional("count", stage.count)
                .close();
        });
        needed.close();
        object.close();
    }
}

impl ToJson for VelocityReport {
    fn write_json(&self, out: &mut String) {
        Object::open(out).number("perDay", self.per_day).close();
    }
}

impl ToJson for EconomicsReport {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .optional("cac", self.cac)
            .optional("clv", self.clv)
            .optional("ltvToCac", self.ltv_to_cac)
            .optional("paybackMonths", self.payback_months)
            .close();
    }
}

impl ToJson for RetentionReport {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .number("rate", self.rate)
            .number("churn", self.churn)
            .close();
    }
}

impl ToJson for GrowthReport {
    fn write_json(&self, out: &mut String) {
        Object::open(out).number("rate", self.rate).close();
    }
}

impl ToJson for WhatIf {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .value("base", &self.base)
            .value("scenario", &self.scenario)
            .close();
    }
}

impl ToJson for Solution {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .number("value", self.value)
            .value("report", &self.report)
            .close();
    }
}

impl ToJson for Vec<SensitivityRow> {
    fn write_json(&self, out: &mut String) {
        list(out, self, |out, row| {
            Object::open(out)
                .text("lever", &row.lever)
                .number("lowValue", row.low_value)
                .number("highValue", row.high_value)
                .number("low", row.low)
                .number("high", row.high)
                .number("swing", row.swing)
                .close();
        });
    }
}

impl ToJson for Summary {
    fn write_json(&self, out: &mut String) {
        Object::open(out)
            .number("samples", Decimal::from(self.samples))
            .number("mean", self.mean)
            .number("p10", self.p10)
            .number("p50", self.p50)
            .number("p90", self.p90)
            .section(
                "probabilityAtLeast",
                self.probability_at_least.as_ref().map(|v| v as &dyn ToJson),
            )
            .close();
    }
}

impl ToJson for Plan {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out)
            .number("days", Decimal::from(self.days))
            .number("workdays", Decimal::from(self.workdays))
            .number("target", self.target)
            .optional("dealsNeeded", self.deals_needed);
        let mut needed = Object::open(object.key("needed")).optional("top", self.needed.top);
        stages(needed.key("stages"), &self.needed.stages);
        needed.close();
        let mut object = object
            .value("perWorkday", &self.per_workday)
            .value("perRep", &self.per_rep);
        if let Some(reps) = self.reps_needed {
            object = object.optional("repsNeeded", reps);
        }
        list(object.key("months"), &self.months, |out, row| {
            let month = Object::open(out).text("month", &row.month);
            period(
                month,
                row.workdays,
                row.target,
                row.deals,
                row.top,
                &row.stages,
            );
        });
        list(object.key("weeks"), &self.weeks, |out, row| {
            let week = Object::open(out)
                .text("week", &row.week)
                .text("start", &iso_date(row.start));
            period(
                week,
                row.workdays,
                row.target,
                row.deals,
                row.top,
                &row.stages,
            );
        });
        if let Some(window) = self.entry_window {
            Object::open(object.key("entryWindow"))
                .text("from", &iso_date(window.from))
                .text("to", &iso_date(window.to))
                .close();
        }
        object.close();
    }
}

impl ToJson for Quota {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out).optional("top", self.top);
        stages(object.key("stages"), &self.stages);
        object.optional("deals", self.deals).close();
    }
}

/// The figures a month and a week row share, after their labels.
fn period(
    object: Object<'_>,
    workdays: u32,
    target: Decimal,
    deals: Option<Decimal>,
    top: Option<Decimal>,
    counts: &[NeededStage],
) {
    let mut object = object
        .number("workdays", Decimal::from(workdays))
        .number("target", target)
        .optional("deals", deals)
        .optional("top", top);
    stages(object.key("stages"), counts);
    object.close();
}

/// `[{"name":...,"count":...}]`: the whole counts of the stages.
fn stages(out: &mut String, stages: &[NeededStage]) {
    list(out, stages, |out, stage| {
        Object::open(out)
            .text("name", &stage.name)
            .optional("count", stage.count)
            .close();
    });
}

impl ToJson for Decimal {
    fn write_json(&self, out: &mut String) {
        number(out, *self);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{json::Json, Change, Goal, Model, SensitivityOptions, SimulateOptions};
    use serde::Serialize;

    fn same<T: ToJson + Serialize>(value: &T) {
        let ours: serde_json::Value = serde_json::from_str(&value.to_json()).unwrap();
        assert_eq!(ours, serde_json::to_value(value).unwrap());
    }

    #[test]
    fn every_result_writes_the_same_json_as_serde() {
        let model = Model::from_json_str(
            r#"{"funnel": {"top": "12000", "stages": [{"name": "m\"<x>", "rate": "0.025"},
            {"name": "deals", "rate": "0.2"}], "dealSize": "0"}, "target": "1000000",
            "cycleDays": "45", "acquisitionCost": "90000",
            "customer": {"annualChurn": "0.3", "grossMargin": "0.6"},
            "retention": {"start": "200", "end": "210", "new": "30"},
            "growth": {"previous": "800000", "current": "912000"}}"#,
        )
        .unwrap();
        let report = crate::compute(&model).unwrap();
        assert!(report.target.as_ref().unwrap().deals_needed.is_none());
        same(&report);
        let changes = Change::list_from_json(
            &Json::parse(r#"[{"lever": "/funnel/top", "by": "0.1"}]"#).unwrap(),
        )
        .unwrap();
        same(&crate::what_if(&model, &changes).unwrap());
        let goal = Goal::from_json(
            &Json::parse(r#"{"lever": "/funnel/top", "metric": "/funnel/deals", "target": "100"}"#)
                .unwrap(),
        )
        .unwrap();
        same(&crate::solve(&model, &goal).unwrap());
        same(
            &crate::sensitivity(
                &model,
                &SensitivityOptions {
                    metric: "/funnel/deals".into(),
                    ..Default::default()
                },
            )
            .unwrap(),
        );
        let mut options = SimulateOptions::new(vec![]);
        options.samples = 3;
        same(&crate::simulate(&model, &options).unwrap());
        options.metric = "/funnel/deals".into();
        options.threshold = None;
        let mut no_target = model.clone();
        no_target.target = None;
        same(&crate::simulate(&no_target, &options).unwrap());
        let mut plan_options = crate::PlanOptions::new(
            crate::Date::from_calendar_date(2027, crate::Month::January, 1).unwrap(),
            crate::Date::from_calendar_date(2027, crate::Month::January, 20).unwrap(),
        );
        same(&crate::plan(&model, &plan_options).unwrap());
        plan_options.capacity = Some(Decimal::from(70));
        let mut priced = model.clone();
        priced.funnel.deal_size = Decimal::from(12_500);
        same(&crate::plan(&priced, &plan_options).unwrap());
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        for sample in [
            "plain",
            "quo\"te",
            "back\\slash",
            "line\nbreak",
            "\u{1}\u{1f}",
            "<b>é€😀</b>",
        ] {
            let mut ours = String::new();
            text(&mut ours, sample);
            assert_eq!(ours, serde_json::to_string(sample).unwrap());
        }
    }
}
