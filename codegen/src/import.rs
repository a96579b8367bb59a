//! `import`: doc pages in files and directories → one IR [`Package`] per Wix package, written as
//! `<package>.yaml` in a schema directory (with `overrides.yaml` applied when it is there).

use crate::diagnostics::{Diagnostic, Location};
use crate::docs;
use crate::output;
use crate::overrides;
use crate::schema::{self, Method, Package, TypeDef};
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The file in a schema directory that patches the imported IR.
pub const OVERRIDES_FILE: &str = "overrides.yaml";

/// The outcome of reading a set of pages.
#[derive(Debug, Default)]
pub struct Import {
    /// The packages read, by Wix name.
    pub packages: BTreeMap<String, Package>,
    /// Errors and warnings about the pages, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// One line per applied override.
    pub applied_overrides: Vec<String>,
    /// Files read.
    pub files: usize,
    /// Pages found, skipped ones included.
    pub pages: usize,
    /// Pages left out because of errors.
    pub skipped: Vec<(String, Location)>,
}

/// Counts shown after an import.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Pages found.
    pub pages: usize,
    /// Methods imported.
    pub methods: usize,
    /// Named types (structs and enums), each package's counted once.
    pub named_types: usize,
    /// How many of the named types are enums.
    pub enums: usize,
    /// Errors the pages document as possible answers.
    pub possible_errors: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::diagnostics::counted;
        write!(
            f,
            "{}, {}, {}, {} ({}), {}; {}, {}",
            counted(self.files, "file"),
            counted(self.pages, "page"),
            counted(self.methods, "method"),
            counted(self.named_types, "named type"),
            counted(self.enums, "enum"),
            counted(self.possible_errors, "documented error"),
            counted(self.errors, "error"),
            counted(self.warnings, "warning")
        )
    }
}

impl Import {
    /// The counts shown after the import.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.files,
            pages: self.pages,
            errors: self.diagnostics.iter().filter(|d| d.is_error()).count(),
            ..Summary::default()
        };
        summary.warnings = self.diagnostics.len() - summary.errors;
        let mut types = std::collections::BTreeSet::new();
        for method in self.packages.values().flat_map(|p| &p.methods) {
            summary.methods += 1;
            let surfaces = [
                method.rest.as_ref().map(|r| (&r.types, r.errors.len())),
                method.sdk.as_ref().map(|s| (&s.types, 0)),
            ];
            for (table, errors) in surfaces.into_iter().flatten() {
                summary.possible_errors += errors;
                for (name, def) in table {
                    if types.insert((method.package.as_str(), name.as_str())) {
                        summary.named_types += 1;
                        summary.enums += usize::from(matches!(def, TypeDef::Enum(_)));
                    }
                }
            }
        }
        summary
    }

    /// The errors among the diagnostics, rendered.
    pub fn error_messages(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect()
    }

    /// Whether any diagnostic is an error (then nothing is written).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The files `write` would create in a schema directory: name → contents, sorted.
    pub fn render(&self) -> Result<Vec<(PathBuf, String)>, serde_yaml::Error> {
        self.packages
            .values()
            .map(|package| {
                Ok((
                    PathBuf::from(file_name(&package.package)),
                    schema::to_yaml(package)?,
                ))
            })
            .collect()
    }
}

/// Warnings grouped by kind: what a message says with its specifics (the names in backticks,
/// lists of them, numbers) left out. Returns `(count, kind)`, most frequent first, then by kind.
pub fn warning_kinds<'m>(messages: impl IntoIterator<Item = &'m str>) -> Vec<(usize, String)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for message in messages {
        *counts.entry(warning_kind(message)).or_default() += 1;
    }
    let mut kinds: Vec<(usize, String)> = counts.into_iter().map(|(k, n)| (n, k)).collect();
    kinds.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    kinds
}

/// The kind of one warning: its first line with every backticked name made `…`, a list of
/// them (`a`, `b (REST, SDK)`, …) one `…`, numbers `N`.
fn warning_kind(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    let mut kind = String::with_capacity(line.len());
    let mut in_name = false;
    for c in line.chars() {
        match c {
            '`' => {
                in_name = !in_name;
                if in_name {
                    kind.push_str("`…");
                } else {
                    kind.push('`');
                }
            }
            _ if in_name => {}
            '0'..='9' if kind.ends_with('N') => {}
            '0'..='9' => kind.push('N'),
            _ => kind.push(c),
        }
    }
    for list in [
        "`…` (REST, SDK), `…`",
        "`…` (REST), `…`",
        "`…` (SDK), `…`",
        "`…`, `…`",
    ] {
        while kind.contains(list) {
            kind = kind.replace(list, "`…`");
        }
    }
    for tail in [" (REST, SDK)", " (REST)", " (SDK)"] {
        kind = kind.replace(&format!("`…`{tail}"), "`…`");
    }
    kind
}

/// `<package>.yaml`, with anything but letters, digits, `-` and `_` replaced.
pub fn file_name(package: &str) -> String {
    let safe: String = package
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.yaml")
}

/// The page files under some paths, and what was passed over.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Files as given, and the `*.md` files in directories; each real file once, sorted, so
    /// that the order on the command line or on disk never changes the result.
    pub files: Vec<PathBuf>,
    /// One line per entry passed over (a FIFO or device named `*.md`, a directory visited
    /// already through a link).
    pub warnings: Vec<String>,
}

/// Every page file under `paths`. Symbolic links are followed, but each directory and file is
/// visited once (by its real path), so link loops end; entries that are not regular files are
/// passed over with a warning (reading a FIFO would block forever).
pub fn collect_files(paths: &[PathBuf]) -> io::Result<Inputs> {
    let mut inputs = Inputs::default();
    let mut seen_files = std::collections::BTreeSet::new();
    let mut seen_dirs = std::collections::BTreeSet::new();
    let mut pending: Vec<PathBuf> = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        if meta.is_dir() {
            pending.push(path.clone());
        } else if meta.is_file() {
            if seen_files.insert(std::fs::canonicalize(path)?) {
                inputs.files.push(path.clone());
            }
        } else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{}: not a regular file or directory", path.display()),
            ));
        }
    }
    // An explicit stack: directory depth never becomes recursion depth.
    while let Some(dir) = pending.pop() {
        let Ok(real) = std::fs::canonicalize(&dir) else {
            continue;
        };
        if !seen_dirs.insert(real) {
            inputs.warnings.push(format!(
                "{}: visited already (a link to a directory read before); skipped",
                dir.display()
            ));
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<io::Result<_>>()?;
        entries.sort();
        for path in entries.into_iter().rev() {
            // A dangling link has no metadata: it is no page.
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                if !meta.is_file() {
                    inputs.warnings.push(format!(
                        "{}: not a regular file (a FIFO, socket or device); skipped",
                        path.display()
                    ));
                } else if seen_files.insert(std::fs::canonicalize(&path)?) {
                    inputs.files.push(path);
                }
            }
        }
    }
    inputs.files.sort();
    Ok(inputs)
}

/// Reads the pages in `paths` and applies `overrides` (the text of an overrides file and its
/// path) to the result.
pub fn import(paths: &[PathBuf], overrides: Option<(&str, &Path)>) -> io::Result<Import> {
    import_files(&collect_files(paths)?.files, overrides, &mut |_| {})
}

/// [`import`] over files already collected; `progress` hears the size of each file read.
pub fn import_files(
    files: &[PathBuf],
    overrides: Option<(&str, &Path)>,
    progress: &mut dyn FnMut(u64),
) -> io::Result<Import> {
    let mut import = Import {
        files: files.len(),
        ..Import::default()
    };
    let mut found: Vec<(Method, bool, PathBuf)> = Vec::new();
    // Files are read on all cores, a batch at a time so that progress can be reported.
    for batch in files.chunks(64) {
        use rayon::prelude::*;
        let read: Vec<io::Result<_>> = batch
            .par_iter()
            .map(|file| {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", file.display())))?;
                let (document, diagnostics) = docs::read(&text, file);
                Ok((file, text.len(), document, diagnostics))
            })
            .collect();
        for result in read {
            let (file, bytes, document, diagnostics) = result?;
            progress(bytes as u64);
            import.pages += document.pages;
            import.skipped.extend(document.skipped);
            import.diagnostics.extend(diagnostics);
            let flattened = document.flattened;
            found.extend(
                document
                    .methods
                    .into_iter()
                    .map(|m| (m, flattened, file.clone())),
            );
        }
    }
    import.packages = merge_methods(found, &mut import.diagnostics);
    if let Some((text, path)) = overrides {
        match overrides::parse(text, path) {
            Ok(patches) => {
                let (applied, diagnostics) = overrides::apply(&patches, &mut import.packages, path);
                import.applied_overrides = applied;
                import.diagnostics.extend(diagnostics);
            }
            Err(diagnostic) => import.diagnostics.push(diagnostic),
        }
    }
    Ok(import)
}

/// Groups methods by package. The same method read twice (say, a page and its flattened copy)
/// is kept once when both say the same; when they disagree that is an error.
fn merge_methods(
    found: Vec<(Method, bool, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Package> {
    let mut by_key: BTreeMap<(String, String, String), (Method, bool, PathBuf)> = BTreeMap::new();
    for (method, flattened, file) in found {
        let key = (
            method.package.clone(),
            method.namespace.clone(),
            method.name.clone(),
        );
        match by_key.get_mut(&key) {
            None => {
                by_key.insert(key, (method, flattened, file));
            }
            Some(kept) if same_method(&kept.0, &method) => {
                // Prefer the copy whose examples kept their line breaks.
                if kept.1 && !flattened {
                    *kept = (method, flattened, file);
                }
            }
            Some(kept) => diagnostics.push(
                Diagnostic::error(
                    Location {
                        file: file.clone(),
                        line: 1,
                        column: 1,
                    },
                    format!(
                        "method `{}.{}.{}` is also documented in {} with different contents",
                        key.0,
                        key.1,
                        key.2,
                        kept.2.display()
                    ),
                )
                .expected("one description per method, or identical copies")
                .clone(),
            ),
        }
    }
    let mut packages: BTreeMap<String, Package> = BTreeMap::new();
    for ((package, _, _), (method, _, _)) in by_key {
        packages
            .entry(package.clone())
            .or_insert_with(|| Package {
                package,
                methods: Vec::new(),
            })
            .methods
            .push(method);
    }
    packages
}

/// Equal but for whitespace inside example code, which a flattened page cannot keep.
pub fn same_method(a: &Method, b: &Method) -> bool {
    a == b || without_code_layout(a) == without_code_layout(b)
}

/// The method with its SDK examples' code whitespace collapsed.
pub fn without_code_layout(method: &Method) -> Method {
    let mut method = method.clone();
    if let Some(sdk) = method.sdk.as_mut() {
        for example in &mut sdk.examples {
            example.code = example
                .code
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    method
}

impl Import {
    /// For `--keep-going`: puts back the previously imported version (from `previous`, the
    /// schema directory's packages) of every method whose page was skipped this time, so that a method never
    /// leaves the schema because its page stopped parsing. Returns one line per method kept.
    pub fn keep_previous(&mut self, previous: Vec<Package>) -> Vec<String> {
        let failed: std::collections::BTreeSet<&str> = self
            .skipped
            .iter()
            .map(|(title, _)| title.as_str())
            .collect();
        let mut kept = Vec::new();
        for package in previous {
            for method in package.methods {
                let title = method.name.as_str();
                let qualified = format!("{}.{}", method.package, method.name);
                if !failed.contains(title) && !failed.contains(qualified.as_str()) {
                    continue;
                }
                let target = self
                    .packages
                    .entry(method.package.clone())
                    .or_insert_with(|| Package {
                        package: method.package.clone(),
                        methods: Vec::new(),
                    });
                let present = target
                    .methods
                    .iter()
                    .any(|m| m.namespace == method.namespace && m.name == method.name);
                if !present {
                    kept.push(format!(
                        "{}.{}.{}: its page failed; the previously imported version is kept",
                        method.package, method.namespace, method.name
                    ));
                    target.methods.push(method);
                    target
                        .methods
                        .sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
                }
            }
        }
        kept
    }
}

/// Files in `dir` that differ from `expected`, are missing, or would be removed.
pub fn stale_files(dir: &Path, expected: &[(PathBuf, String)]) -> Vec<String> {
    output::stale(dir, expected)
}

/// Writes the rendered files into `dir` and removes package files it wrote before that are no
/// longer produced.
pub fn write(dir: &Path, files: &[(PathBuf, String)]) -> io::Result<()> {
    output::sync(dir, files)
}
