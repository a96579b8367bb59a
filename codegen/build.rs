//! Embeds the repository's default schema (`../schema/*.yaml`) for `wixgen` run without
//! arguments. Outside the repository (a published crate) nothing is embedded.

use std::path::Path;

fn main() {
    let dir = Path::new("../schema");
    println!("cargo:rerun-if-changed=../schema");
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
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("default_schema.yaml"), embedded)
        .expect("OUT_DIR is writable");
}
