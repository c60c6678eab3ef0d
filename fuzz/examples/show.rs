//! Prints the texts a fuzz input stands for (the model and the second argument) and the
//! engine's answer, to turn a crash file into a reproducer:
//!
//!     cd fuzz && cargo +nightly run --example show -- solve artifacts/solve/crash-...
use sales_kpi_fuzz::gen;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, target, path] = &args[..] else {
        eprintln!("usage: show <compute|what_if|solve|sensitivity|simulate> <input file>");
        std::process::exit(2);
    };
    let data = std::fs::read(path).expect("read the input file");
    let second = match target.as_str() {
        "compute" | "what_if" => gen::changes,
        "solve" => gen::goal,
        "sensitivity" => gen::sensitivity_options,
        "simulate" => gen::simulate_options,
        other => panic!("unknown target {other}"),
    };
    let Some((mut model, other)) = sales_kpi_fuzz::inputs(&data, second) else {
        println!("(skipped: the recipe ran out of bytes)");
        return;
    };
    if target == "compute" && data.first().is_some_and(|&b| b < 0x80) {
        model = String::from_utf8_lossy(&data).into_owned();
    }
    println!("model:  {model}");
    if target != "compute" {
        println!("second: {other}");
    }
    let answer = match target.as_str() {
        "compute" => sales_kpi::text::compute(&model),
        "what_if" => sales_kpi::text::what_if(&model, &other),
        "solve" => sales_kpi::text::solve(&model, &other),
        "sensitivity" => sales_kpi::text::sensitivity(&model, &other),
        _ => sales_kpi::text::simulate(&model, &other),
    };
    match answer {
        Ok(text) => println!("answer: {text}"),
        Err(error) => println!("error:  {error}"),
    }
}
