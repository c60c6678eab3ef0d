//! The JSON reader against serde_json: on generated JSON, valid or not, both accept or both
//! refuse, and what the reader keeps (number texts, strings) is what was written. Numbers
//! cover leading zeros, signs, fractions, exponents and long digit strings, where a reader
//! written by hand most easily strays from RFC 8259.

use proptest::prelude::*;
use sales_kpi::json::Json;
use sales_kpi::ErrorCode;

/// A value to write as JSON text; numbers are written as their token, which may be malformed.
#[derive(Debug, Clone)]
enum Value {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Value>),
    /// Keys are `k0`, `k1`, ...: the reader refuses a repeated key, serde_json keeps the last.
    Object(Vec<Value>),
}

fn number_token() -> impl Strategy<Value = String> {
    let pattern = |regex: &str| proptest::string::string_regex(regex).unwrap();
    prop_oneof![
        // Valid: RFC 8259's grammar, with long digit strings.
        4 => pattern("-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,40})?([eE][+-]?[0-9]{1,5})?"),
        // Leading zeros, valid or not: 0, -0, 00, 01, -01, 0.5, 00.5, 0e1, 01e1.
        3 => pattern("-?0[0-9]{0,3}(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?"),
        // Malformed around a number: signs, dots and exponents without digits. Never empty: an
        // empty token writes nothing, and `[]` is not what was written.
        2 => pattern("[+-]?[0-9]{0,3}\\.?[0-9]{0,2}([eE][+-]?)?[0-9]{0,2}").prop_filter("a token", |token| !token.is_empty()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-z0-9 \"\\\\/\u{e9}\u{1F600}\t\n]{0,12}").unwrap()
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_token().prop_map(Value::Number),
        text().prop_map(Value::Text),
    ];
    // Three levels deep at most: far under the reader's depth limit.
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::List),
            proptest::collection::vec(inner, 0..4).prop_map(Value::Object),
        ]
    })
}

fn write(value: &Value, spaced: bool, out: &mut String) {
    let gap = if spaced { " " } else { "" };
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(token) => out.push_str(token),
        Value::Text(text) => out.push_str(&serde_json::to_string(text).unwrap()),
        Value::List(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                    out.push_str(gap);
                }
                write(item, spaced, out);
            }
            out.push(']');
        }
        Value::Object(items) => {
            out.push('{');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&format!("{gap}\"k{index}\":{gap}"));
                write(item, spaced, out);
            }
            out.push('}');
        }
    }
}

/// Whether what the reader kept is what was written: the same shape, the same number texts
/// and the same strings.
fn same(read: &Json<'_>, written: &Value) -> bool {
    match (read, written) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(a), Value::Number(b)) => a == b,
        (Json::String(a), Value::Text(b)) => a == b,
        (Json::Array(a), Value::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Json::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .enumerate()
                    .all(|(index, ((key, a), b))| *key == format!("k{index}") && same(a, b))
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_reader_accepts_what_serde_json_accepts_and_keeps_what_was_written(
        written in value(),
        spaced in any::<bool>(),
    ) {
        let mut text = String::new();
        write(&written, spaced, &mut text);
        // IgnoredAny checks the syntax of numbers without converting them, so a number past
        // f64 (`1e400`) is as valid to serde_json as it is to the reader.
        let serde_accepts = serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok();
        match Json::parse(&text) {
            Ok(read) => {
                prop_assert!(serde_accepts, "the reader accepted {text}");
                prop_assert!(same(&read, &written), "{text} read as {read:?}");
            }
            Err(error) => {
                prop_assert!(!serde_accepts, "the reader refused {text}: {error}");
                prop_assert_eq!(error.code(), ErrorCode::InvalidJson);
                prop_assert_eq!(error.pointer(), "");
            }
        }
    }
}

#[test]
fn leading_zeros_are_refused_as_any_malformed_json() {
    for valid in ["0", "-0", "0.5", "-0.5", "0e5", "[0,10]", "{\"a\":0}"] {
        assert!(Json::parse(valid).is_ok(), "{valid}");
    }
    let malformed = Json::parse("[1,").unwrap_err();
    for invalid in ["01", "-01", "00", "01.5", "[0,01]", "{\"a\":007}"] {
        let error = Json::parse(invalid).unwrap_err();
        assert_eq!(error.code(), malformed.code(), "{invalid}");
        assert_eq!(error.pointer(), malformed.pointer(), "{invalid}");
        assert!(
            error.message().starts_with("is not valid JSON: expected "),
            "{invalid}"
        );
    }
}
