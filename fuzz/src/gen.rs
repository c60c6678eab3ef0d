//! Structure-aware inputs: fuzz bytes that start with a byte >= 0x80 are not JSON text but a
//! recipe (read with `arbitrary`) for a mostly valid model and second argument, written out
//! as JSON text. Random JSON text rarely gets past the reader; these reach the arithmetic,
//! the solver and the simulation with edge-case numbers (the decimal type's limits, 28
//! digits after the point, rates of 0 and 1, zero deals), while a few odd choices (absent
//! fields, unknown pointers, numbers as JSON numbers) keep the error paths in play.

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use serde_json::{json, Map, Value};

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "0.5",
    "0.1",
    "0.2",
    "0.025",
    "45",
    "100",
    "12000",
    "12500",
    "90000",
    "1000000",
    "79228162514264337593543950335",
    "79228162514264337593543950334",
    "39614081257132168796771975168",
    "7.9228162514264337593543950335",
    "0.0000000000000000000000000001",
    "0.0000000000000000000000000005",
    "1e-28",
    "1e28",
    "1E+27",
    "9.999999999999999999999999999e27",
    "0.9999999999999999999999999999",
    "1.0000000000000000000000000001",
    "0.3333333333333333333333333333",
    "0.6666666666666666666666666667",
    "18446744073709551615",
    "4294967296",
    "1000000000000000",
    "-1",
    "-0",
    "-0.0",
    "1.50000",
];

const RATES: &[&str] = &[
    "0",
    "1",
    "0.5",
    "0.025",
    "0.2",
    "0.1",
    "0.9",
    "0.0000000000000000000000000001",
    "0.9999999999999999999999999999",
    "0.3333333333333333333333333333",
    "1e-28",
    "1.0",
    "0.00000000000001",
];

const NAMES: &[&str] = &[
    "meetings",
    "deals",
    "a",
    "ünïcødé ✓ 𝄞",
    "1234567890123456789012345678901234567890",
    "12345678901234567890123456789012345678901",
    "",
    "__proto__",
    "<script>alert(1)</script>",
    "\u{0}\u{1f}\u{7f}",
    "/~",
];

const LEVERS: &[&str] = &[
    "/funnel/top",
    "/funnel/dealSize",
    "/target",
    "/cycleDays",
    "/acquisitionCost",
    "/customer/purchaseValue",
    "/customer/purchasesPerYear",
    "/customer/lifespanYears",
    "/customer/annualChurn",
    "/customer/grossMargin",
    "/retention/start",
    "/retention/end",
    "/retention/new",
    "/growth/previous",
    "/growth/current",
];

const METRICS: &[&str] = &[
    "/funnel/conversion",
    "/funnel/deals",
    "/funnel/revenue",
    "/target/attainment",
    "/target/gap",
    "/target/dealsNeeded",
    "/target/needed/top",
    "/velocity/perDay",
    "/economics/cac",
    "/economics/clv",
    "/economics/ltvToCac",
    "/economics/paybackMonths",
    "/retention/rate",
    "/retention/churn",
    "/growth/rate",
];

const ODD_POINTERS: &[&str] = &[
    "",
    "/",
    "abc",
    "/~1",
    "/~",
    "/funnel/stages/-1/rate",
    "/funnel/stages/01/rate",
    "/funnel/stages/12/rate",
    "/funnel/stages/99999999999999999999/rate",
    "/funnel",
    "/funnel/revenue/",
    "/funnel/stages/0/count/",
    "/__proto__",
    "/funnel/top: spoof",
];

fn pick<'a>(u: &mut Unstructured, list: &[&'a str]) -> Result<&'a str> {
    Ok(list[u.choose_index(list.len())?])
}

/// A decimal text: from the list of edge cases, a small number, or random digits.
fn number_text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=9u8)? {
        0..=4 => pick(u, NUMBERS)?.to_owned(),
        5..=7 => {
            let whole: u32 = u.arbitrary()?;
            let places = u.int_in_range(0..=6u32)?;
            let text = whole.to_string();
            if places == 0 || places as usize >= text.len() {
                text
            } else {
                let (int, frac) = text.split_at(text.len() - places as usize);
                format!("{int}.{frac}")
            }
        }
        _ => {
            let int_len = u.int_in_range(1..=30usize)?;
            let frac_len = u.int_in_range(0..=30usize)?;
            let mut text = String::new();
            if u.ratio(1, 8)? {
                text.push('-');
            }
            for _ in 0..int_len {
                text.push(char::from(b'0' + u.int_in_range(0..=9u8)?));
            }
            if frac_len > 0 {
                text.push('.');
                for _ in 0..frac_len {
                    text.push(char::from(b'0' + u.int_in_range(0..=9u8)?));
                }
            }
            if u.ratio(1, 4)? {
                let exponent = u.int_in_range(-40..=40i32)?;
                text.push_str(&format!("e{exponent}"));
            }
            text
        }
    })
}

fn rate_text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=9u8)? {
        0..=5 => pick(u, RATES)?.to_owned(),
        6..=8 => {
            let digits = u.int_in_range(1..=28usize)?;
            let mut text = String::from("0.");
            for _ in 0..digits {
                text.push(char::from(b'0' + u.int_in_range(0..=9u8)?));
            }
            text
        }
        _ => number_text(u)?,
    })
}

/// A decimal as JSON: usually a string, sometimes a JSON number with the same text.
fn as_json(u: &mut Unstructured, text: String) -> Result<Value> {
    if u.ratio(1, 6)? {
        if let Ok(number) = serde_json::from_str::<Value>(&text) {
            if number.is_number() {
                return Ok(number);
            }
        }
    }
    Ok(Value::String(text))
}

fn number(u: &mut Unstructured) -> Result<Value> {
    let text = number_text(u)?;
    as_json(u, text)
}

fn rate(u: &mut Unstructured) -> Result<Value> {
    let text = rate_text(u)?;
    as_json(u, text)
}

fn maybe(
    u: &mut Unstructured,
    map: &mut Map<String, Value>,
    key: &str,
    value: Value,
) -> Result<()> {
    if u.ratio(1, 2)? {
        map.insert(key.to_owned(), value);
    } else if u.ratio(1, 16)? {
        map.insert(key.to_owned(), Value::Null);
    }
    Ok(())
}

/// A model: the funnel always, each optional part half of the time.
pub fn model(u: &mut Unstructured) -> Result<Value> {
    let stage_count = if u.ratio(1, 20)? {
        u.int_in_range(0..=14usize)?
    } else {
        u.int_in_range(1..=12usize)?
    };
    let mut stages = Vec::new();
    for index in 0..stage_count {
        let name = if u.ratio(1, 4)? {
            pick(u, NAMES)?.to_owned()
        } else {
            format!("stage {index}")
        };
        stages.push(json!({ "name": name, "rate": rate(u)? }));
    }
    let mut root = Map::new();
    root.insert(
        "funnel".into(),
        json!({ "top": number(u)?, "stages": stages, "dealSize": number(u)? }),
    );
    let target = number(u)?;
    maybe(u, &mut root, "target", target)?;
    let cycle = number(u)?;
    maybe(u, &mut root, "cycleDays", cycle)?;
    let cost = number(u)?;
    maybe(u, &mut root, "acquisitionCost", cost)?;
    if u.ratio(1, 2)? {
        let mut customer = Map::new();
        let value = number(u)?;
        maybe(u, &mut customer, "purchaseValue", value)?;
        let per_year = number(u)?;
        maybe(u, &mut customer, "purchasesPerYear", per_year)?;
        match u.int_in_range(0..=9u8)? {
            0..=4 => {
                customer.insert("lifespanYears".into(), number(u)?);
            }
            5..=8 => {
                customer.insert("annualChurn".into(), rate(u)?);
            }
            _ => {}
        }
        let margin = rate(u)?;
        maybe(u, &mut customer, "grossMargin", margin)?;
        root.insert("customer".into(), Value::Object(customer));
    }
    if u.ratio(1, 3)? {
        root.insert(
            "retention".into(),
            json!({ "start": number(u)?, "end": number(u)?, "new": number(u)? }),
        );
    }
    if u.ratio(1, 3)? {
        root.insert(
            "growth".into(),
            json!({ "previous": number(u)?, "current": number(u)? }),
        );
    }
    Ok(Value::Object(root))
}

fn lever(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=19u8)? {
        0..=9 => pick(u, LEVERS)?.to_owned(),
        10..=18 => format!("/funnel/stages/{}/rate", u.int_in_range(0..=12u8)?),
        _ => pick(u, ODD_POINTERS)?.to_owned(),
    })
}

fn metric(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=19u8)? {
        0..=11 => pick(u, METRICS)?.to_owned(),
        12..=14 => format!("/funnel/stages/{}/count", u.int_in_range(0..=12u8)?),
        15..=18 => format!("/target/needed/stages/{}/count", u.int_in_range(0..=12u8)?),
        _ => pick(u, ODD_POINTERS)?.to_owned(),
    })
}

/// What-if changes: up to 5, each `by`, `add` or `to`.
pub fn changes(u: &mut Unstructured) -> Result<Value> {
    let count = u.int_in_range(0..=5usize)?;
    let mut list = Vec::new();
    for _ in 0..count {
        let lever = lever(u)?;
        let op = ["by", "add", "to"][u.choose_index(3)?];
        let amount = if lever.ends_with("rate") || u.ratio(1, 2)? {
            rate(u)?
        } else {
            number(u)?
        };
        let amount = if op != "to" && u.ratio(1, 3)? {
            // Negative moves: "lower by 5 %", "one point less".
            match amount {
                Value::String(text) if !text.starts_with('-') => Value::String(format!("-{text}")),
                other => other,
            }
        } else {
            amount
        };
        list.push(json!({ "lever": lever, op: amount }));
    }
    Ok(Value::Array(list))
}

/// A goal for `solve`.
pub fn goal(u: &mut Unstructured) -> Result<Value> {
    Ok(json!({ "lever": lever(u)?, "metric": metric(u)?, "target": number(u)? }))
}

/// Options for `sensitivity` (sometimes `null`).
pub fn sensitivity_options(u: &mut Unstructured) -> Result<Value> {
    if u.ratio(1, 4)? {
        return Ok(Value::Null);
    }
    let mut options = Map::new();
    let metric = metric(u)?;
    maybe(u, &mut options, "metric", Value::String(metric))?;
    let by = rate(u)?;
    maybe(u, &mut options, "by", by)?;
    Ok(Value::Object(options))
}

/// Options for `simulate`: ranges mostly inside the levers' valid ranges, low <= high,
/// samples 1..=2000 (the cost grows with the samples; see the simulate target).
pub fn simulate_options(u: &mut Unstructured) -> Result<Value> {
    let count = u.int_in_range(0..=6usize)?;
    let mut ranges = Vec::new();
    for _ in 0..count {
        let lever = lever(u)?;
        let is_rate =
            lever.ends_with("rate") || lever.ends_with("Churn") || lever.ends_with("Margin");
        let mut ends = Vec::new();
        for _ in 0..3 {
            ends.push(if is_rate {
                rate_text(u)?
            } else {
                number_text(u)?
            });
        }
        // Sort the three ends numerically where they read, so that low <= mode <= high.
        ends.sort_by_key(|text| sales_kpi::number::parse_decimal(text).ok());
        let mut range = Map::new();
        range.insert("lever".into(), Value::String(lever));
        let (low, mode, high) = (ends[0].clone(), ends[1].clone(), ends[2].clone());
        range.insert("low".into(), as_json(u, low)?);
        range.insert("high".into(), as_json(u, high)?);
        if u.ratio(1, 2)? {
            range.insert("mode".into(), as_json(u, mode)?);
        }
        ranges.push(Value::Object(range));
    }
    let mut options = Map::new();
    options.insert("ranges".into(), Value::Array(ranges));
    options.insert(
        "samples".into(),
        if u.ratio(1, 10)? {
            number(u)?
        } else {
            json!(u.int_in_range(1..=2000u32)?)
        },
    );
    if u.ratio(1, 2)? {
        let seed: u64 = u.arbitrary()?;
        options.insert("seed".into(), Value::String(seed.to_string()));
    }
    let metric = metric(u)?;
    maybe(u, &mut options, "metric", Value::String(metric))?;
    let threshold = number(u)?;
    maybe(u, &mut options, "threshold", threshold)?;
    Ok(Value::Object(options))
}

/// Dates for `plan`: valid ones across the range and its edges (leap days, year ends, ISO
/// week 53), and a few that are not dates.
const DATES: &[&str] = &[
    "2027-01-01",
    "2027-03-31",
    "2026-12-28",
    "2020-12-31",
    "2021-01-03",
    "2024-02-29",
    "2000-02-29",
    "1900-01-01",
    "1900-02-28",
    "2200-12-31",
    "2199-12-29",
    "2100-02-28",
    "2100-02-29",
    "2023-02-29",
    "1899-12-31",
    "2201-01-01",
    "2027-13-01",
    "2027-1-01",
    "27-01-01",
    "",
];

/// A date: from the list, or any valid day from 1900 to 2200 by its offset.
fn date(u: &mut Unstructured) -> Result<Value> {
    if u.ratio(1, 8)? {
        return Ok(Value::String(pick(u, DATES)?.to_owned()));
    }
    let year = u.int_in_range(1900..=2200u32)?;
    let month = u.int_in_range(1..=12u32)?;
    let day = u.int_in_range(1..=28u32)?;
    Ok(Value::String(format!("{year:04}-{month:02}-{day:02}")))
}

/// Options for `plan`: a window mostly within the limits (sometimes past them), any
/// weekdays, holidays in and around the window, and each optional field now and then.
pub fn plan_options(u: &mut Unstructured) -> Result<Value> {
    let mut options = Map::new();
    let start = date(u)?;
    let text = start.as_str().unwrap_or_default().to_owned();
    let shaped = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    let end = if shaped && u.ratio(3, 4)? {
        // Up to 1100 days after the start, so the limit's edge (1096) is reached.
        Value::String(shift(&text, u.int_in_range(0..=1100i64)?))
    } else {
        date(u)?
    };
    options.insert("start".into(), start);
    options.insert("end".into(), end);
    match u.int_in_range(0..=3u8)? {
        0 => {}
        1 => {
            options.insert("target".into(), number(u)?);
        }
        2 => {
            options.insert(
                "growth".into(),
                json!({ "baseline": number(u)?, "by": rate(u)? }),
            );
        }
        _ => {
            options.insert("target".into(), number(u)?);
            options.insert(
                "growth".into(),
                json!({ "baseline": number(u)?, "by": number(u)? }),
            );
        }
    }
    for key in ["reps", "capacity"] {
        let value = if u.ratio(1, 4)? {
            number(u)?
        } else {
            Value::String(pick(u, &["1", "2.5", "4", "70", "0.5", "1000000"])?.to_owned())
        };
        maybe(u, &mut options, key, value)?;
    }
    if u.ratio(1, 2)? {
        let mut workdays = Vec::new();
        if u.ratio(1, 10)? {
            // Anything: repeats, out of range, not numbers.
            for _ in 0..u.int_in_range(0..=8usize)? {
                workdays.push(if u.ratio(1, 3)? {
                    number(u)?
                } else {
                    json!(u.int_in_range(0..=8u8)?)
                });
            }
        } else {
            // A set of distinct weekdays, in any order.
            let mask = u.int_in_range(1..=127u8)?;
            let mut days: Vec<u8> = (1..=7).filter(|day| mask & (1 << (day - 1)) != 0).collect();
            if u.ratio(1, 2)? {
                days.reverse();
            }
            workdays.extend(days.into_iter().map(|day| json!(day)));
        }
        options.insert("workdays".into(), Value::Array(workdays));
    }
    if u.ratio(1, 2)? {
        let count = if u.ratio(1, 20)? {
            u.int_in_range(395..=405usize)?
        } else {
            u.int_in_range(0..=12usize)?
        };
        let mut holidays = Vec::new();
        for _ in 0..count {
            holidays.push(date(u)?);
        }
        options.insert("holidays".into(), Value::Array(holidays));
    }
    Ok(Value::Object(options))
}

/// The ISO date `days` after `date` (a valid ISO date), by the proleptic Gregorian calendar.
fn shift(date: &str, days: i64) -> String {
    let part = |range: core::ops::Range<usize>| date[range].parse::<i64>().unwrap_or(1);
    let (year, month, day) = (part(0..4), part(5..7), part(8..10));
    // Howard Hinnant's days_from_civil and civil_from_days.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let epoch = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468 + days;
    let z = epoch + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The model and second argument as JSON text, from the recipe after the mode byte.
pub fn texts(
    data: &[u8],
    second: fn(&mut Unstructured) -> Result<Value>,
) -> Option<(String, String)> {
    let mut u = Unstructured::new(data);
    let model = model(&mut u).ok()?;
    let other = second(&mut u).ok()?;
    Some((model.to_string(), other.to_string()))
}

/// `progress` options: plan options, then `asOf`, 1 to 8 rows (dates mostly in order, figures
/// mostly whole and >= 0) and sometimes `open`, with odd values among them.
pub fn progress_options(u: &mut Unstructured) -> Result<Value> {
    let Value::Object(mut options) = plan_options(u)? else {
        return Ok(Value::Null);
    };
    let start = options
        .get("start")
        .and_then(Value::as_str)
        .unwrap_or("2027-01-01")
        .to_owned();
    let shaped = start.len() == 10 && start.as_bytes()[4] == b'-' && start.as_bytes()[7] == b'-';
    let day = |u: &mut Unstructured, most: i64| -> Result<Value> {
        Ok(if shaped && u.ratio(7, 8)? {
            Value::String(shift(&start, u.int_in_range(-2..=most)?))
        } else {
            date(u)?
        })
    };
    options.insert("asOf".into(), day(u, 120)?);
    let mut rows = Vec::new();
    let mut offset = 0i64;
    for _ in 0..u.int_in_range(0..=8usize)? {
        offset += u.int_in_range(-1..=20i64)?;
        let mut row = Map::new();
        row.insert(
            "date".into(),
            if shaped && u.ratio(7, 8)? {
                Value::String(shift(&start, offset))
            } else {
                date(u)?
            },
        );
        for key in ["revenue", "deals", "top"] {
            let value = if u.ratio(1, 6)? {
                number(u)?
            } else {
                json!(u.int_in_range(0..=5000u32)?.to_string())
            };
            maybe(u, &mut row, key, value)?;
        }
        if u.ratio(1, 2)? {
            let mut stages = Vec::new();
            for _ in 0..u.int_in_range(0..=13usize)? {
                stages.push(if u.ratio(1, 8)? {
                    number(u)?
                } else {
                    json!(u.int_in_range(0..=900u32)?)
                });
            }
            row.insert("stages".into(), Value::Array(stages));
        }
        rows.push(Value::Object(row));
    }
    options.insert("actuals".into(), Value::Array(rows));
    if u.ratio(2, 3)? {
        let mut open = Vec::new();
        for _ in 0..u.int_in_range(0..=12usize)? {
            open.push(if u.ratio(1, 8)? {
                number(u)?
            } else {
                json!(u.int_in_range(0..=400u32)?.to_string())
            });
        }
        options.insert("open".into(), Value::Array(open));
    }
    Ok(Value::Object(options))
}
