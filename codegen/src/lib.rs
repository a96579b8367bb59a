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

/// How generated files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// `wix_api.rs` with modules that `include!` their files from `OUT_DIR` (for `build.rs`).
    #[default]
    OutDir,
    /// A module tree to check in: `mod.rs`, `<package>/mod.rs`, `<package>/rest.rs`, `<package>/sdk.rs`.
    ModuleTree,
}

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
    layout: Layout,
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

    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
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
                let name = variant.variant.module();
                let file = match self.layout {
                    Layout::OutDir => format!("{module}_{name}.rs"),
                    Layout::ModuleTree => format!("{module}/{name}.rs"),
                };
                let code = emit::format(emit::variant_items(variant)).map_err(Error)?;
                files.push(write(&out.join(&file), &format!("{HEADER}{code}"))?);
                variants.push((variant.variant, file));
            }
            let modules = variant_modules(package, &variants, self.layout);
            let doc = format!("/// The Wix package `{}`.\n", package.wix_name);
            let cfg = if self.features {
                format!("#[cfg(feature = \"{}\")]\n", package.feature)
            } else {
                String::new()
            };
            match self.layout {
                Layout::OutDir => {
                    let body: String = modules
                        .lines()
                        .map(|l| {
                            if l.is_empty() {
                                "\n".to_string()
                            } else {
                                format!("    {l}\n")
                            }
                        })
                        .collect();
                    entry.push_str(&format!(
                        "\n{doc}{cfg}pub mod {} {{\n{body}}}\n",
                        package.module
                    ));
                }
                Layout::ModuleTree => {
                    entry.push_str(&format!("\n{doc}{cfg}pub mod {};\n", package.module));
                    files.push(write(
                        &out.join(module).join("mod.rs"),
                        &format!("{HEADER}{modules}"),
                    )?);
                }
            }
        }
        let entry_name = match self.layout {
            Layout::OutDir => "wix_api.rs",
            Layout::ModuleTree => "mod.rs",
        };
        files.insert(0, write(&out.join(entry_name), &entry)?);
        Ok(Generated {
            files,
            inputs,
            warnings: model.warnings,
        })
    }
}

/// The first line of every generated file.
const HEADER: &str = "// Generated by wixgen from the Wix API reference. Do not edit.\n\n";

/// A package's variant modules, documented, each pointing at its file.
fn variant_modules(
    package: &resolve::PackageModel,
    variants: &[(resolve::Variant, String)],
    layout: Layout,
) -> String {
    let mut text = String::new();
    for (index, (variant, file)) in variants.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        for line in emit::doc_lines(&emit::variant_doc(package, *variant)) {
            text.push_str(&format!("/// {line}\n"));
        }
        text.push_str(emit::MODULE_ALLOWS);
        text.push('\n');
        match layout {
            Layout::OutDir => text.push_str(&format!(
                "pub mod {} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n}}\n",
                variant.module()
            )),
            Layout::ModuleTree => text.push_str(&format!("pub mod {};\n", variant.module())),
        }
    }
    text
}

/// Writes only when the contents change, so that an unchanged build touches nothing.
fn write(path: &Path, contents: &str) -> Result<PathBuf, Error> {
    let failed = |e: std::io::Error| Error(format!("{}: {e}", path.display()));
    if !std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        std::fs::write(path, contents).map_err(failed)?;
    }
    Ok(path.to_path_buf())
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
