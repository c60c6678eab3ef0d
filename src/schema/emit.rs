//! The schema's build-time output: the JSON schema the widget loads and the TypeScript
//! declarations of `sales_kpi.d.ts` and of the schema module, which `node scripts/build.mjs`
//! writes through `examples/schema.rs`. Native only (serde_json): none of it ships in wasm.

use serde::Serialize;

use super::{
    keys_in, keys_of, Field, Kind, MAX_ACTUALS, MAX_HOLIDAYS, MAX_OPEN, MAX_PLAN_YEAR, MAX_RANGES,
    MAX_SAMPLES, MAX_WINDOW_DAYS, MIN_PLAN_YEAR, MODEL_FIELDS, MODEL_LISTS, MODEL_OBJECTS,
    NOT_ABOVE, ONE_OF, PLAN_LISTS, PLAN_OPTIONS, PROGRESS_LISTS, PROGRESS_OPTIONS,
    SENSITIVITY_OPTIONS, WHOLE_NUMBERS,
};
use crate::error::ErrorCode;
use crate::json::{MAX_DEPTH, MAX_INPUT_BYTES};
use crate::lever::Bound::{self, Exclusive, Inclusive, Unbounded};
use crate::number::{format_decimal, MAX_NUMBER_TEXT};

/// One row of a field table as the schema writes it. At most one of each pair of bounds is
/// there, so the keys come out `minimum`-side first, then `maximum`-side.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FieldRow {
    pointer: &'static str,
    kind: &'static str,
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclusive_minimum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exclusive_maximum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    whole: Option<bool>,
}

/// A bound as the schema's (inclusive, exclusive) pair of decimal texts.
fn bound_texts(bound: Bound) -> (Option<String>, Option<String>) {
    match bound {
        Inclusive(value) => (Some(format_decimal(value)), None),
        Exclusive(value) => (None, Some(format_decimal(value))),
        Unbounded => (None, None),
    }
}

fn field_rows(table: &[Field]) -> Vec<FieldRow> {
    table
        .iter()
        .map(|field| {
            let (minimum, exclusive_minimum) = bound_texts(field.minimum);
            let (maximum, exclusive_maximum) = bound_texts(field.maximum);
            FieldRow {
                pointer: field.pointer,
                kind: field.kind.as_str(),
                required: field.required,
                minimum,
                exclusive_minimum,
                maximum,
                exclusive_maximum,
                min_length: field.length.map(|(min, _)| min),
                max_length: field.length.map(|(_, max)| max),
                whole: WHOLE_NUMBERS.contains(&field.pointer).then_some(true),
            }
        })
        .collect()
}

/// A table of lists as the schema writes it: an object from each list's pointer to its
/// item counts, in table order.
struct ListCounts(&'static [(&'static str, usize, usize)]);

impl Serialize for ListCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Counts {
            min_items: usize,
            max_items: usize,
        }
        serializer.collect_map(self.0.iter().map(|&(pointer, min_items, max_items)| {
            (
                pointer,
                Counts {
                    min_items,
                    max_items,
                },
            )
        }))
    }
}

#[derive(Serialize)]
struct OneOf {
    pointer: &'static str,
    fields: [&'static str; 2],
}

#[derive(Serialize)]
struct NotAbove {
    pointer: String,
    other: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    max_input_bytes: usize,
    max_depth: usize,
    max_number_chars: usize,
    max_ranges: usize,
    max_samples: u32,
    max_holidays: usize,
    max_window_days: u32,
    min_plan_year: i32,
    max_plan_year: i32,
    max_actuals: usize,
    max_open: u32,
}

/// The schema the widget reads; its TypeScript type is [`schema_typescript`]'s `Schema`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema {
    fields: Vec<FieldRow>,
    lists: ListCounts,
    one_of: Vec<OneOf>,
    not_above: Vec<NotAbove>,
    plan_options: Vec<FieldRow>,
    sensitivity_options: Vec<FieldRow>,
    plan_lists: ListCounts,
    progress_options: Vec<FieldRow>,
    progress_lists: ListCounts,
    limits: Limits,
    error_codes: Vec<&'static str>,
}

/// The schema the widget reads, as JSON text: every field with its kind and range, the
/// lists, the limits and the error codes. `node scripts/build.mjs` writes it to
/// `www/pkg/sales_kpi_schema.json` and, as a module, `www/pkg/sales_kpi_schema.js`.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&sales_kpi::schema::schema_json()).unwrap();
/// assert_eq!(schema["fields"][0]["pointer"], "/funnel/top");
/// assert_eq!(schema["fields"][2]["maximum"], "1");
/// assert_eq!(schema["lists"]["/funnel/stages"]["maxItems"], 12);
/// assert_eq!(schema["limits"]["maxInputBytes"], 16384);
/// assert_eq!(schema["errorCodes"][0], "invalidJson");
/// ```
pub fn schema_json() -> String {
    let schema = Schema {
        fields: field_rows(MODEL_FIELDS),
        lists: ListCounts(&MODEL_LISTS),
        one_of: ONE_OF
            .iter()
            .map(|&(pointer, fields, _)| OneOf { pointer, fields })
            .collect(),
        not_above: NOT_ABOVE
            .iter()
            .map(|(low, high)| NotAbove {
                pointer: low.pointer(),
                other: high.pointer(),
            })
            .collect(),
        plan_options: field_rows(PLAN_OPTIONS),
        sensitivity_options: field_rows(SENSITIVITY_OPTIONS),
        plan_lists: ListCounts(&PLAN_LISTS),
        progress_options: field_rows(PROGRESS_OPTIONS),
        progress_lists: ListCounts(&PROGRESS_LISTS),
        limits: Limits {
            max_input_bytes: MAX_INPUT_BYTES,
            max_depth: MAX_DEPTH,
            max_number_chars: MAX_NUMBER_TEXT,
            max_ranges: MAX_RANGES,
            max_samples: MAX_SAMPLES,
            max_holidays: MAX_HOLIDAYS,
            max_window_days: MAX_WINDOW_DAYS,
            min_plan_year: MIN_PLAN_YEAR,
            max_plan_year: MAX_PLAN_YEAR,
            max_actuals: MAX_ACTUALS,
            max_open: MAX_OPEN,
        },
        error_codes: error_codes().collect(),
    };
    // Plain data with string keys: serializing it cannot fail.
    serde_json::to_string(&schema).unwrap_or_default()
}

/// A TypeScript union of string literals: `'a' | 'b'`, joined by `separator`.
fn literal_union(names: impl Iterator<Item = &'static str>, separator: &str) -> String {
    let literals: Vec<String> = names.map(|name| format!("'{name}'")).collect();
    literals.join(separator)
}

fn error_codes() -> impl Iterator<Item = &'static str> {
    ErrorCode::ALL.iter().map(|code| code.as_str())
}

fn kinds() -> impl Iterator<Item = &'static str> {
    Kind::ALL.iter().map(|kind| kind.as_str())
}

/// The TypeScript type of the object (or list item, `parent` ending in `/*`) at `parent`.
fn typescript_object(parent: &str, out: &mut String) {
    out.push_str("{ ");
    for (index, key) in keys_of(parent).into_iter().enumerate() {
        if index > 0 {
            out.push_str("; ");
        }
        let pointer = format!("{parent}/{key}");
        let field = MODEL_FIELDS.iter().find(|field| field.pointer == pointer);
        let list = MODEL_LISTS.iter().find(|(list, _, _)| *list == pointer);
        let required = match (field, list) {
            (Some(field), _) => field.required,
            (None, Some(_)) => true,
            (None, None) => MODEL_OBJECTS.contains(&(pointer.as_str(), true)),
        };
        out.push_str(key);
        out.push_str(if required { ": " } else { "?: " });
        match (field, list) {
            (Some(field), _) if field.kind == Kind::Text => out.push_str("string"),
            (Some(_), _) => out.push_str("DecimalInput"),
            (None, Some(_)) => {
                typescript_object(&format!("{pointer}/*"), out);
                out.push_str("[]");
            }
            (None, None) => typescript_object(&pointer, out),
        }
        if !required {
            out.push_str(" | null");
        }
    }
    out.push_str(" }");
}

/// The TypeScript type of an options object (or list item, `parent` ending in `/*`) of a
/// field table and its lists: [`PLAN_OPTIONS`] or [`PROGRESS_OPTIONS`]. A field is required
/// as its row says, a list when `required_lists` names it; everything else is optional and
/// may be null.
fn typescript_options(
    table: &[Field],
    lists: &[(&str, usize, usize)],
    required_lists: &[&str],
    parent: &str,
    out: &mut String,
) {
    out.push_str("{ ");
    for (index, key) in keys_in(table, parent).into_iter().enumerate() {
        if index > 0 {
            out.push_str("; ");
        }
        let pointer = format!("{parent}/{key}");
        let field = table.iter().find(|field| field.pointer == pointer);
        let item = table
            .iter()
            .find(|field| field.pointer.strip_suffix("/*") == Some(pointer.as_str()));
        let list = lists.iter().any(|(list, _, _)| *list == pointer);
        let required = field.map_or(required_lists.contains(&pointer.as_str()), |field| {
            field.required
        });
        out.push_str(key);
        out.push_str(if required { ": " } else { "?: " });
        let scalar = |field: &Field| {
            if field.kind == Kind::Date {
                "string"
            } else {
                "DecimalInput"
            }
        };
        match (field, item) {
            (Some(field), _) => out.push_str(scalar(field)),
            (None, Some(item)) => {
                out.push_str(scalar(item));
                out.push_str("[]");
            }
            (None, None) if list => {
                typescript_options(table, lists, required_lists, &format!("{pointer}/*"), out);
                out.push_str("[]");
            }
            (None, None) => typescript_options(table, lists, required_lists, &pointer, out),
        }
        if !required {
            out.push_str(" | null");
        }
    }
    out.push_str(" }");
}

/// The lists of [`PROGRESS_OPTIONS`] that must be given.
const PROGRESS_REQUIRED_LISTS: [&str; 1] = ["/actuals"];

/// The TypeScript declarations that come from this schema: the model every function takes,
/// the error codes and the error every function throws. `node scripts/build.mjs` adds them
/// to `www/pkg/sales_kpi.d.ts`.
///
/// ```
/// let types = sales_kpi::schema::typescript();
/// assert!(types.contains("export interface Model {"));
/// assert!(types.contains("dealSize: DecimalInput"));
/// assert!(types.contains("| 'outOfRange'"));
/// assert!(types.contains("export interface PlanOptions { start: string; end: string; target?: DecimalInput | null;"));
/// assert!(types.contains("workdays?: DecimalInput[] | null; holidays?: string[] | null }"));
/// assert!(types.contains("export interface ProgressOptions extends PlanOptions { asOf: string; actuals: { date: string; revenue?: DecimalInput | null;"));
/// ```
pub fn typescript() -> String {
    let mut model = String::new();
    typescript_object("", &mut model);
    let mut plan_options = String::new();
    typescript_options(PLAN_OPTIONS, &PLAN_LISTS, &[], "", &mut plan_options);
    let mut progress_options = String::new();
    typescript_options(
        PROGRESS_OPTIONS,
        &PROGRESS_LISTS,
        &PROGRESS_REQUIRED_LISTS,
        "",
        &mut progress_options,
    );
    let codes = format!("\n  | {}", literal_union(error_codes(), "\n  | "));
    let kinds = literal_union(kinds(), " | ");
    let stage = MODEL_LISTS
        .first()
        .map(|(list, _, _)| {
            let mut item = String::new();
            typescript_object(&format!("{list}/*"), &mut item);
            item
        })
        .unwrap_or_default();
    format!(
        "
// Generated from the engine's schema table (src/schema.rs) by scripts/build.mjs.

/** The model every function takes (see the contract). Optional fields may be null. */
export interface Model {model}
/** One stage of the funnel. */
export type Stage = {stage};
/**
 * The options of `plan`: dates are ISO text `YYYY-MM-DD`; `workdays` are ISO weekdays
 * (1 = Monday ... 7 = Sunday). Optional fields may be null.
 */
export interface PlanOptions {plan_options}
/**
 * The options of `progress`: the plan's, plus the last day whose results are in (`asOf`), the
 * results so far, one row per period (not running totals), and the open opportunities per stage.
 */
export interface ProgressOptions extends PlanOptions {progress_options}

/** The stable code of an engine error; the README lists each code's parameters. */
export type ErrorCode ={codes};

/** What a field of the model holds (schema `kind`). */
export type FieldKind = {kinds};

/**
 * What every engine function throws: an `Error` whose message is `<pointer>: <sentence>`
 * and which also carries the stable `code`, the JSON Pointer and the values the sentence
 * mentions (decimals as strings, integer limits as numbers, other fields as pointers or names).
 */
export interface EngineError extends Error {{
  code: ErrorCode;
  pointer: string;
  params: {{ [name: string]: string | number | string[] }};
}}
",
    )
}

/// The TypeScript declarations of the schema module `www/pkg/sales_kpi_schema.js`.
///
/// ```
/// assert!(sales_kpi::schema::schema_typescript().contains("export default schema;"));
/// ```
pub fn schema_typescript() -> String {
    let kinds = literal_union(kinds(), " | ");
    let codes = literal_union(error_codes(), " | ");
    format!(
        "// Generated from the engine's schema table (src/schema.rs) by scripts/build.mjs.
/** One input field; `*` in the pointer stands for an array index. Bounds are decimal text. */
export interface SchemaField {{
  pointer: string;
  kind: {kinds};
  /** Must be given whenever the object holding it is given. */
  required: boolean;
  minimum?: string;
  maximum?: string;
  exclusiveMinimum?: string;
  exclusiveMaximum?: string;
  /** Text length in Unicode code points (`[...text].length`). */
  minLength?: number;
  maxLength?: number;
  /** The number must be whole (a count of deals, not an average). */
  whole?: boolean;
}}
export interface SchemaList {{ minItems: number; maxItems: number }}
export interface Schema {{
  fields: SchemaField[];
  lists: {{ [pointer: string]: SchemaList }};
  /** Objects of which exactly one of `fields` must be given. */
  oneOf: {{ pointer: string; fields: string[] }}[];
  /** `pointer` may not exceed the value at `other`. */
  notAbove: {{ pointer: string; other: string }}[];
  planOptions: SchemaField[];
  planLists: {{ [pointer: string]: SchemaList }};
  /** The options `progress` adds to the plan's. */
  progressOptions: SchemaField[];
  progressLists: {{ [pointer: string]: SchemaList }};
  sensitivityOptions: SchemaField[];
  limits: {{
    maxInputBytes: number; maxDepth: number; maxNumberChars: number; maxRanges: number; maxSamples: number;
    /** plan: the most holidays, the most days from start to end, the years dates may have. */
    maxHolidays: number; maxWindowDays: number; minPlanYear: number; maxPlanYear: number;
    /** progress: the most `actuals` rows, the most open opportunities in all. */
    maxActuals: number; maxOpen: number;
  }};
  errorCodes: ({codes})[];
}}
declare const schema: Schema;
export default schema;
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_valid_json() {
        let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
        assert_eq!(
            schema["fields"].as_array().unwrap().len(),
            MODEL_FIELDS.len()
        );
        assert_eq!(
            schema["errorCodes"].as_array().unwrap().len(),
            ErrorCode::ALL.len()
        );
    }
}
