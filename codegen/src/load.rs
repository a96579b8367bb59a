//! Reading generation's input: schema directories and doc pages.

use crate::builder::Error;
use crate::{import, overrides, schema};
use std::path::{Path, PathBuf};

/// Reads every `<package>.yaml` in `dir` (not `overrides.yaml`), in file-name order. Returns the
/// packages and the inputs read, the directory itself included (a new file reruns a build).
pub fn load_schema(dir: &Path) -> Result<(Vec<schema::Package>, Vec<PathBuf>), Error> {
    let paths = schema_files(dir)?;
    let mut packages = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
        packages.push(parse_schema(&text, path)?);
    }
    let mut inputs = vec![dir.to_path_buf()];
    inputs.extend(paths);
    Ok((packages, inputs))
}

/// The `<package>.yaml` files of a schema directory, sorted.
pub(crate) fn schema_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::environment(format!("{}: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| p.file_name().is_some_and(|n| n != import::OVERRIDES_FILE))
        .collect();
    paths.sort();
    Ok(paths)
}

/// One package's YAML, with a diagnostic naming the place that is wrong.
pub fn parse_schema(text: &str, path: &Path) -> Result<schema::Package, Error> {
    let package = schema::from_yaml(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        Error::input(format!(
            "{}:{line}:{column}: not a wixgen schema file: {e}\n    = expected: the YAML `wixgen import` writes",
            path.display()
        ))
    })?;
    schema::validate(&package)
        .map_err(|problem| Error::input(format!("{}: {problem}", path.display())))?;
    Ok(package)
}

/// Imports doc pages; any error in them fails the build with every diagnostic listed. Returns
/// the packages, the inputs read and the import's warnings.
pub(crate) fn load_pages(paths: &[PathBuf]) -> Result<Loaded, Error> {
    let collected = import::collect_files(paths).map_err(|e| Error::environment(e.to_string()))?;
    let result = import::import_files(&collected.files, None, &mut |_| {})
        .map_err(|e| Error::environment(e.to_string()))?;
    if result.has_errors() {
        let errors = result.error_messages();
        return Err(Error::input(format!(
            "the pages have {} errors:\n{}",
            errors.len(),
            errors.join("\n")
        )));
    }
    if result.pages == 0 {
        return Err(Error::input(format!(
            "no pages in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut inputs: Vec<PathBuf> = paths.iter().filter(|p| p.is_dir()).cloned().collect();
    inputs.extend(collected.files);
    let mut warnings = collected.warnings;
    warnings.extend(result.diagnostics.iter().map(|d| d.to_string()));
    Ok(Loaded {
        packages: result.packages.into_values().collect(),
        inputs,
        warnings,
    })
}

/// What a builder read: packages, the input files (for `cargo:rerun-if-changed`) and warnings.
pub(crate) struct Loaded {
    pub packages: Vec<schema::Package>,
    pub inputs: Vec<PathBuf>,
    pub warnings: Vec<String>,
}

/// The packages with the overrides file at `path` applied; every patch that fails is listed.
pub fn apply_overrides(
    packages: &[schema::Package],
    path: &Path,
) -> Result<Vec<schema::Package>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::environment(format!("{}: {e}", path.display())))?;
    let patches = overrides::parse(&text, path).map_err(|e| Error::input(e.to_string()))?;
    let mut by_name: std::collections::BTreeMap<String, schema::Package> = packages
        .iter()
        .map(|p| (p.package.clone(), p.clone()))
        .collect();
    let (_, errors) = overrides::apply(&patches, &mut by_name, path);
    if !errors.is_empty() {
        let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        return Err(Error::input(format!(
            "the overrides have {}:\n{}",
            crate::diagnostics::counted(errors.len(), "error"),
            errors.join("\n")
        )));
    }
    // In the input's order, which names follow.
    Ok(packages
        .iter()
        .filter_map(|p| by_name.remove(&p.package))
        .collect())
}
