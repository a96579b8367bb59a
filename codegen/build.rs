//! Embeds the default schema (`schema/*.yaml`) for `wixgen` run without arguments. Only the CLI
//! uses it: a build without the `cli` feature (a build-dependency) embeds nothing and does not
//! rebuild when the schema changes. `schema` is a link to the repository's `schema/`, which
//! cargo packages as the files it points to, so the published crate embeds the same schema.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let target = Path::new(&out).join("default_schema.yaml");
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_CLI").is_none() {
        std::fs::write(target, "").expect("OUT_DIR is writable");
        return;
    }
    let dir = Path::new("schema");
    println!("cargo:rerun-if-changed=schema");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| p.file_name().is_some_and(|n| n != "overrides.yaml"))
        .collect();
    files.sort();
    let mut embedded = String::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        embedded.push_str("---\n");
        embedded.push_str(&text);
    }
    std::fs::write(target, embedded).expect("OUT_DIR is writable");
}
