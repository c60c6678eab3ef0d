//! Turns fuzz inputs back into what they stand for.
//!
//!     cd fuzz && cargo +nightly run --release --example show -- solve artifacts/solve/crash-...
//!         prints the model, the second argument and the engine's answer for one input;
//!     cd fuzz && cargo +nightly run --release --example show -- solve corpus/solve
//!         summarises a corpus: how many inputs the engine answered, and the most common errors.
use std::collections::BTreeMap;

use sales_kpi_fuzz::gen;

type Second = fn(
    &mut libfuzzer_sys::arbitrary::Unstructured,
) -> libfuzzer_sys::arbitrary::Result<serde_json::Value>;

fn texts(target: &str, data: &[u8], second: Second) -> Option<(String, String)> {
    let (mut model, other) = sales_kpi_fuzz::inputs(data, second)?;
    if target == "compute" && data.first().is_some_and(|&b| b < 0x80) {
        model = String::from_utf8_lossy(data).into_owned();
    }
    Some((model, other))
}

fn answer(target: &str, model: &str, other: &str) -> Result<String, sales_kpi::Error> {
    match target {
        "compute" => sales_kpi::text::compute(model),
        "what_if" => sales_kpi::text::what_if(model, other),
        "solve" => sales_kpi::text::solve(model, other),
        "sensitivity" => sales_kpi::text::sensitivity(model, other),
        "plan" => sales_kpi::text::plan(model, other),
        "progress" => sales_kpi::text::progress(model, other),
        _ => sales_kpi::text::simulate(model, other),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, target, path] = &args[..] else {
        eprintln!(
            "usage: show <compute|what_if|solve|sensitivity|simulate|plan|progress> <input file or corpus dir>"
        );
        std::process::exit(2);
    };
    let second: Second = match target.as_str() {
        "compute" | "what_if" => gen::changes,
        "solve" => gen::goal,
        "sensitivity" => gen::sensitivity_options,
        "simulate" => gen::simulate_options,
        "plan" => gen::plan_options,
        "progress" => gen::progress_options,
        other => panic!("unknown target {other}"),
    };
    let path = std::path::Path::new(path);
    if path.is_dir() {
        let (mut inputs, mut answered, mut recipes) = (0, 0, 0);
        let mut errors: BTreeMap<String, usize> = BTreeMap::new();
        for entry in std::fs::read_dir(path).expect("read the corpus") {
            let data = std::fs::read(entry.expect("an entry").path()).expect("read an input");
            inputs += 1;
            recipes += usize::from(data.first().is_some_and(|&b| b >= 0x80));
            let Some((model, other)) = texts(target, &data, second) else {
                continue;
            };
            match answer(target, &model, &other) {
                Ok(_) => answered += 1,
                Err(error) => {
                    // Group by the pointer with stage and range indexes folded.
                    let key: String = error
                        .pointer()
                        .split('/')
                        .map(|t| {
                            if t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty() {
                                "N"
                            } else {
                                t
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("/");
                    *errors.entry(key).or_default() += 1;
                }
            }
        }
        println!("{target}: {inputs} inputs ({recipes} recipes), {answered} answered");
        let mut common: Vec<_> = errors.into_iter().collect();
        common.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
        for (pointer, count) in common.into_iter().take(8) {
            println!("  {count:6} errors at {pointer:?}");
        }
        return;
    }
    let data = std::fs::read(path).expect("read the input file");
    let Some((model, other)) = texts(target, &data, second) else {
        println!("(skipped: the recipe ran out of bytes)");
        return;
    };
    println!("model:  {model}");
    if target != "compute" {
        println!("second: {other}");
    }
    match answer(target, &model, &other) {
        Ok(text) => println!("answer: {text}"),
        Err(error) => println!("error:  {error}"),
    }
}
