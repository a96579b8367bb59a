//! The pages under `--pages`, each imported on its own so that a page that fails makes only its
//! own cases `not-run`, and where each page's method is in the model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use wixgen::resolve::{MethodModel, Model, PackageModel, VariantModel};
use wixgen::schema::{Method, Package};

/// Each page (by its path relative to the pages directory, with `/`): its methods, or why it
/// did not import.
pub struct Pages {
    pub pages: BTreeMap<String, Result<Vec<Method>, String>>,
}

impl Pages {
    /// Imports every page under `dir`.
    pub fn import(dir: &Path) -> std::io::Result<Pages> {
        let files = wixgen::import::collect_files(&[dir.to_path_buf()])?.files;
        let mut pages = BTreeMap::new();
        for file in files {
            let key = relative(dir, &file);
            let imported =
                wixgen::import::import_files(std::slice::from_ref(&file), None, &mut |_| {})?;
            let outcome = if imported.has_errors() {
                Err(format!(
                    "the page does not import: {}",
                    imported.error_messages().join("; ")
                ))
            } else {
                Ok(imported
                    .packages
                    .into_values()
                    .flat_map(|p| p.methods)
                    .collect())
            };
            pages.insert(key, outcome);
        }
        Ok(Pages { pages })
    }

    /// The methods of every page that imported, grouped by package.
    pub fn packages(&self) -> Vec<Package> {
        let mut packages: BTreeMap<&str, Package> = BTreeMap::new();
        for method in self.pages.values().flatten().flatten() {
            packages
                .entry(&method.package)
                .or_insert_with(|| Package {
                    package: method.package.clone(),
                    methods: Vec::new(),
                })
                .methods
                .push(method.clone());
        }
        packages.into_values().collect()
    }

    /// The method of `page` whose SDK name is `sdk_method` (a page documents one method).
    pub fn method(&self, page: &str, sdk_method: &str) -> Result<&Method, String> {
        let methods = match self.pages.get(page) {
            None => return Err(format!("no page `{page}` under --pages")),
            Some(Err(e)) => return Err(e.clone()),
            Some(Ok(methods)) => methods,
        };
        methods
            .iter()
            .find(|m| m.sdk.as_ref().is_some_and(|s| s.method == sdk_method))
            .ok_or_else(|| format!("the page `{page}` documents no SDK method `{sdk_method}`"))
    }
}

fn relative(dir: &Path, file: &Path) -> String {
    let relative: PathBuf = file.strip_prefix(dir).unwrap_or(file).to_path_buf();
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A method's place in the model: its package and, per variant, its method model.
pub struct Located<'m> {
    pub package: &'m PackageModel,
    pub sdk: Option<&'m MethodModel>,
    pub rest: Option<&'m MethodModel>,
}

/// Where `method` (by package and page title) is in `model`. The model knows each method's
/// page title through its error enum, which every method has one of.
pub fn locate<'m>(model: &'m Model, method: &Method) -> Result<Located<'m>, String> {
    let package = model
        .packages
        .iter()
        .find(|p| p.wix_name == method.package)
        .ok_or_else(|| format!("package `{}` was not generated", method.package))?;
    let find = |variant: &'m VariantModel| {
        let mut errors = variant.errors.iter().filter(|e| e.method == method.name);
        let error = errors.next()?;
        if errors.next().is_some() {
            return None;
        }
        variant.methods.iter().find(|m| m.error == error.name)
    };
    Ok(Located {
        package,
        sdk: find(&package.sdk),
        rest: find(&package.rest),
    })
}
