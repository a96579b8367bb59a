//! wixgen: Wix API reference pages → typed Rust bindings.
//!
//! The pipeline runs one way: doc pages ([`docs`]) → schema IR ([`schema`], saved as YAML) →
//! model ([`resolve`]) → Rust ([`emit`]). [`import`] drives the first stage over files and
//! directories; [`Builder`] drives the rest, from `build.rs`, the CLI and tests.

pub mod diagnostics;
pub mod docs;
pub mod emit;
pub mod import;
pub mod overrides;
pub mod resolve;
pub mod schema;

use std::fmt;
use std::path::{Path, PathBuf};

/// Which naming variants to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variants {
    Rest,
    Sdk,
    #[default]
    Both,
}

/// A failure to generate: unreadable or invalid input, or output that cannot be written.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// Generates bindings from a schema directory (the YAML `wixgen import` writes).
///
/// ```no_run
/// // build.rs
/// wixgen::Builder::new()
///     .schema_dir("schema")
///     .out_dir(std::env::var("OUT_DIR").unwrap())
///     .build()
///     .unwrap();
/// ```
///
/// Then, in the crate: `include!(concat!(env!("OUT_DIR"), "/wix_api.rs"));`
#[derive(Debug, Clone, Default)]
pub struct Builder {
    schema_dir: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    packages: Vec<String>,
    variants: Variants,
    features: bool,
    cargo: bool,
}

/// What a build wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// Files written, entry file first.
    pub files: Vec<PathBuf>,
    /// Inputs read (for `cargo:rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The directory holding `<package>.yaml` files.
    pub fn schema_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.schema_dir = Some(dir.into());
        self
    }

    /// Where to write `wix_api.rs` (the entry file) and one file per package.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates only this package (by its Wix name, e.g. `referralProgram`); may be repeated.
    pub fn package(mut self, name: impl Into<String>) -> Self {
        self.packages.push(name.into());
        self
    }

    pub fn variants(mut self, variants: Variants) -> Self {
        self.variants = variants;
        self
    }

    /// Puts every package module behind a cargo feature named after it (`referral-program`).
    pub fn cargo_features(mut self, on: bool) -> Self {
        self.features = on;
        self
    }

    /// Prints `cargo:rerun-if-changed` for every input (for `build.rs`).
    pub fn cargo_rerun(mut self, on: bool) -> Self {
        self.cargo = on;
        self
    }

    /// Reads the schema and returns the model, without writing anything.
    pub fn model(&self) -> Result<(resolve::Model, Vec<PathBuf>), Error> {
        let dir = self
            .schema_dir
            .as_deref()
            .ok_or_else(|| Error("no schema directory given".into()))?;
        let (packages, inputs) = load_schema(dir)?;
        for wanted in &self.packages {
            if !packages.iter().any(|p| &p.package == wanted) {
                return Err(Error(format!(
                    "package `{wanted}` is not in {}",
                    dir.display()
                )));
            }
        }
        let packages: Vec<schema::Package> = packages
            .into_iter()
            .filter(|p| self.packages.is_empty() || self.packages.contains(&p.package))
            .collect();
        let mut model = resolve::resolve(&packages);
        for package in &mut model.packages {
            if self.variants == Variants::Sdk {
                package.rest.methods.clear();
                package.rest.types.clear();
            }
            if self.variants == Variants::Rest {
                package.sdk.methods.clear();
                package.sdk.types.clear();
            }
        }
        Ok((model, inputs))
    }

    /// Writes the entry file `wix_api.rs` and one `<module>.rs` per package into the out dir.
    pub fn build(self) -> Result<Generated, Error> {
        let out = self
            .out_dir
            .clone()
            .ok_or_else(|| Error("no output directory given".into()))?;
        let (model, inputs) = self.model()?;
        if self.cargo {
            for input in &inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        std::fs::create_dir_all(&out).map_err(|e| Error(format!("{}: {e}", out.display())))?;
        let mut files = Vec::new();
        let mut entry = String::from(HEADER.trim_end());
        entry.push('\n');
        for package in &model.packages {
            let module = package.module.trim_start_matches("r#");
            let mut variants = Vec::new();
            for variant in [&package.rest, &package.sdk]
                .into_iter()
                .filter(|v| !v.is_empty())
            {
                let file = format!("{module}_{}.rs", variant.variant.module());
                let code = emit::format(emit::variant_items(variant)).map_err(Error)?;
                write(&out.join(&file), &format!("{HEADER}{code}"))?;
                files.push(out.join(&file));
                variants.push((variant.variant, file));
            }
            entry.push_str(&entry_module(package, &variants, self.features));
        }
        let entry_path = out.join("wix_api.rs");
        write(&entry_path, &entry)?;
        files.insert(0, entry_path);
        Ok(Generated {
            files,
            inputs,
            warnings: model.warnings,
        })
    }
}

/// The first line of every generated file.
const HEADER: &str = "// Generated by wixgen from the Wix API reference. Do not edit.\n\n";

/// A package module holding its variant modules, each including its file from `OUT_DIR`.
fn entry_module(
    package: &resolve::PackageModel,
    variants: &[(resolve::Variant, String)],
    features: bool,
) -> String {
    let mut text = format!("\n/// The Wix package `{}`.\n", package.wix_name);
    if features {
        text.push_str(&format!("#[cfg(feature = \"{}\")]\n", package.feature));
    }
    text.push_str(&format!("pub mod {} {{\n", package.module));
    for (index, (variant, file)) in variants.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        for line in emit::doc_lines(&emit::variant_doc(package, *variant)) {
            text.push_str(&format!("    /// {line}\n"));
        }
        text.push_str(&format!(
            "    {}\n    pub mod {} {{\n        include!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n    }}\n",
            emit::MODULE_ALLOWS,
            variant.module()
        ));
    }
    text.push_str("}\n");
    text
}

/// Writes only when the contents change, so that an unchanged build touches nothing.
fn write(path: &Path, contents: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|e| Error(format!("{}: {e}", path.display())))
}

/// Reads every `<package>.yaml` in `dir` (not `overrides.yaml`), in file-name order. Returns the
/// packages and the inputs read, the directory itself included.
pub fn load_schema(dir: &Path) -> Result<(Vec<schema::Package>, Vec<PathBuf>), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error(format!("{}: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| p.file_name().is_some_and(|n| n != import::OVERRIDES_FILE))
        .collect();
    paths.sort();
    let mut packages = Vec::new();
    for path in &paths {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error(format!("{}: {e}", path.display())))?;
        let package = schema::from_yaml(&text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            Error(format!(
                "error: {}:{line}:{column}: not a wixgen schema file: {e}\n    = expected: the YAML `wixgen import` writes",
                path.display()
            ))
        })?;
        packages.push(package);
    }
    let mut inputs = vec![dir.to_path_buf()];
    inputs.extend(paths);
    Ok((packages, inputs))
}
