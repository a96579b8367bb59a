//! The generation steps behind [`crate::Builder`]: the wanted packages resolved into a model,
//! and the model rendered as files laid out as asked.

use crate::builder::{Error, Layout, Variants, HEADER};
use crate::reuse::{self, Reuse};
use crate::{emit, resolve, schema};
use std::path::{Path, PathBuf};

/// The model of the `wanted_packages` of `packages` (all when none is named), the variants not
/// wanted left empty.
pub(crate) fn model(
    packages: &[schema::Package],
    wanted_packages: &[String],
    variants: Variants,
) -> Result<resolve::Model, Error> {
    for wanted in wanted_packages {
        if !packages.iter().any(|p| &p.package == wanted) {
            let known: Vec<&str> = packages.iter().map(|p| p.package.as_str()).collect();
            return Err(Error::input(format!(
                "no package `{wanted}` in the input (it has: {})",
                known.join(", ")
            )));
        }
    }
    let packages = packages
        .iter()
        .filter(|p| wanted_packages.is_empty() || wanted_packages.contains(&p.package));
    let mut model = resolve::resolve(packages);
    for package in &mut model.packages {
        let dropped = match variants {
            Variants::Rest => Some(&mut package.sdk),
            Variants::Sdk => Some(&mut package.rest),
            Variants::Both => None,
        };
        if let Some(variant) = dropped {
            variant.methods.clear();
            variant.types.clear();
        }
    }
    Ok(model)
}

/// The files of `model`, entry file first, how many methods they hold, and the key of each
/// variant file (see [`reuse`]); with `mocks`, each variant module ends with its typed mocks.
/// A variant file `reuse` holds for its key is taken from there instead of being generated.
pub(crate) fn files(
    model: &resolve::Model,
    layout: Layout,
    features: bool,
    mocks: bool,
    reuse: &Reuse,
) -> Result<Generated, Error> {
    // Every package and variant is formatted on its own, on all cores.
    use rayon::prelude::*;
    let jobs: Vec<(&resolve::PackageModel, &resolve::VariantModel)> = model
        .packages
        .iter()
        .flat_map(|p| [(p, &p.rest), (p, &p.sdk)])
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let contents: Vec<(u64, VariantContents)> = jobs
        .par_iter()
        .map(|(p, v)| {
            let key = reuse::key(p, v, mocks);
            let file = variant_file(p, v.variant, layout);
            if let Some(kept) = reuse.contents(&file, key) {
                return (key, Ok((kept, true)));
            }
            (key, variant_contents(p, v, mocks).map(|c| (c, false)))
        })
        .collect();
    let mut contents = jobs.iter().zip(contents).peekable();
    let mut generated = Generated::default();
    let mut entry = String::from(HEADER);
    for package in &model.packages {
        let mut variants = Vec::new();
        while let Some(((_, variant), (key, contents))) =
            contents.next_if(|((p, _), _)| std::ptr::eq(*p, package))
        {
            generated.methods += variant.methods.len();
            let file = variant_file(package, variant.variant, layout);
            let (contents, kept) = contents.map_err(Error::input)?;
            generated.reused += usize::from(kept);
            generated.keys.push((file.clone(), key));
            generated.files.push((file.clone(), contents));
            variants.push((variant.variant, file));
        }
        let modules = variant_modules(package, &variants, layout);
        let cfg = if features {
            format!("#[cfg(feature = \"{}\")]\n", package.feature)
        } else {
            String::new()
        };
        let doc = format!("\n/// The Wix package `{}`.\n{cfg}", package.wix_name);
        match layout {
            Layout::Include => {
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
                entry.push_str(&format!("{doc}pub mod {} {{\n{body}}}\n", package.module));
            }
            Layout::ModuleTree => {
                entry.push_str(&format!("{doc}pub mod {};\n", package.module));
                generated.files.push((
                    Path::new(package.module.bare()).join("mod.rs"),
                    format!("{HEADER}\n{modules}"),
                ));
            }
        }
    }
    let entry_name = match layout {
        Layout::Include => "wix_api.rs",
        Layout::ModuleTree => "mod.rs",
    };
    generated
        .files
        .insert(0, (PathBuf::from(entry_name), entry));
    Ok(generated)
}

/// A variant file's contents and whether they were kept from the last build, or the emitter's
/// failure.
type VariantContents = Result<(String, bool), String>;

/// What [`files`] generated.
#[derive(Debug, Default)]
pub(crate) struct Generated {
    /// The files, entry file first.
    pub files: Vec<(PathBuf, String)>,
    /// How many methods they hold.
    pub methods: usize,
    /// Each variant file and the key of what it was generated from.
    pub keys: Vec<(PathBuf, u64)>,
    /// How many variant files were taken from the last build's.
    pub reused: usize,
}

/// Where a variant's file goes.
fn variant_file(
    package: &resolve::PackageModel,
    variant: resolve::Variant,
    layout: Layout,
) -> PathBuf {
    let module = package.module.bare();
    let name = variant.module();
    match layout {
        Layout::Include => PathBuf::from(format!("{module}_{name}.rs")),
        Layout::ModuleTree => Path::new(module).join(format!("{name}.rs")),
    }
}

/// A variant file: the header, the variant's items formatted, and with `mocks` its typed mocks.
fn variant_contents(
    package: &resolve::PackageModel,
    variant: &resolve::VariantModel,
    mocks: bool,
) -> Result<String, String> {
    let code = emit::format(emit::variant_items(variant))?;
    if !mocks || variant.methods.is_empty() {
        return Ok(format!("{HEADER}\n{code}"));
    }
    let mocks = emit::format(emit::mock_items(package, variant))?;
    Ok(format!("{HEADER}\n{code}\n{mocks}"))
}

/// A package's variant modules, documented, each pointing at its file.
fn variant_modules(
    package: &resolve::PackageModel,
    variants: &[(resolve::Variant, PathBuf)],
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
            Layout::Include => text.push_str(&format!(
                "pub mod {} {{\n    include!(\"{}\");\n}}\n",
                variant.module(),
                file.display()
            )),
            Layout::ModuleTree => text.push_str(&format!("pub mod {};\n", variant.module())),
        }
    }
    text
}
