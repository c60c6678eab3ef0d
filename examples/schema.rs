//! Prints what `node scripts/build.mjs` writes from the engine's schema table:
//! `cargo run --example schema` the JSON schema, `-- --typescript` the declarations for
//! `sales_kpi.d.ts`, `-- --schema-types` those of the schema module.

fn main() {
    let wanted = std::env::args().nth(1).unwrap_or_default();
    print!(
        "{}",
        match wanted.as_str() {
            "--typescript" => sales_kpi::schema::typescript(),
            "--schema-types" => sales_kpi::schema::schema_typescript(),
            _ => sales_kpi::schema::schema_json(),
        }
    );
}
