//! Answers `evaluate` natively for the widget's first views: reads a JSON list of
//! `[model, request]` pairs on standard input and writes the list of answers (each
//! `text::evaluate`'s JSON, or `{"error": "pointer: message"}`) on standard output.
//! `scripts/first-views.mjs` runs it during the build.
use std::io::Read;

fn main() {
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        std::process::exit(2);
    }
    let pairs: Vec<(serde_json::Value, serde_json::Value)> = match serde_json::from_str(&input) {
        Ok(pairs) => pairs,
        Err(error) => {
            eprintln!("first_views: {error}");
            std::process::exit(2);
        }
    };
    let answers: Vec<String> = pairs
        .iter()
        .map(|(model, request)| {
            match sales_kpi::text::evaluate(&model.to_string(), &request.to_string()) {
                Ok(answer) => answer,
                Err(error) => serde_json::json!({ "error": error.to_string() }).to_string(),
            }
        })
        .collect();
    println!("[{}]", answers.join(","));
}
