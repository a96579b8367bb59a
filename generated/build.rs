//! Generates the API modules from `schema/*.yaml` into `OUT_DIR`; with the `testing` feature,
//! their typed mocks too. `schema` is a link to the repository's `schema/`, which cargo packages
//! as the files it points to.

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let result = wixgen::Builder::new()
        .schema_dir("schema")
        .out_dir(out_dir)
        .cargo_features(true)
        .mocks(std::env::var_os("CARGO_FEATURE_TESTING").is_some())
        .cargo_rerun(true)
        .build();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
