//! Helpers shared by the workspace tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use wixgen::diagnostics::Diagnostic;
use wixgen::docs::{self, Document};
use wixgen::schema::Method;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The copy of the checked-in schema (pages, YAML, overrides, manifest) that tests read: an edit
/// of the user's `schema/` shows up only in the bindings snapshots, never in another test.
pub fn schema_fixture() -> PathBuf {
    repo().join("tests/fixtures/schema")
}

/// The reader and emitter fixture pages: `tests/fixtures` without the schema copy (whose pages
/// the bindings snapshots cover).
pub fn page_fixtures() -> Vec<PathBuf> {
    let dir = repo().join("tests/fixtures");
    let schema = schema_fixture();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| *path != schema)
        .collect();
    paths.sort();
    paths
}

/// `../shared/wix-docs` beside the repository, when this machine has it. Tests that need it
/// print why they skip, straight to the terminal so the reason shows under `cargo test`.
pub fn shared_docs(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("WIXGEN_SHARED_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/wix-docs"));
    if dir.is_dir() {
        return Some(dir);
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {} is absent (set WIXGEN_SHARED_DOCS to the Wix pages to run it)",
        dir.display()
    );
    None
}

/// Reads a page given as text.
pub fn read(text: &str) -> (Document, Vec<Diagnostic>) {
    docs::read(text, Path::new("page.md"))
}

/// Reads a page that must give exactly one method and no errors.
pub fn one_method(text: &str) -> (Method, Vec<Diagnostic>) {
    let (mut document, diagnostics) = read(text);
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "unexpected errors:\n{}",
        errors.join("\n")
    );
    assert_eq!(document.methods.len(), 1, "expected one method");
    (document.methods.remove(0), diagnostics)
}

/// Whether some warning's message contains `text`.
pub fn warned(diagnostics: &[Diagnostic], text: &str) -> bool {
    diagnostics
        .iter()
        .any(|d| !d.is_error() && d.message.contains(text))
}

/// A page around a REST listing body and an SDK listing body (each without fences).
pub fn page(rest: &str, sdk: &str) -> String {
    let mut page = String::from(
        "# DoThing\n\n# Package: things\n\n# Namespace: Things\n\n# Method link: https://dev.wix.com/x.md\n\n\
         ## Permission Scopes:\nManage Things: SCOPE.THINGS.MANAGE\n\n## Introduction\n\nDoes a thing.\n\n---\n\n",
    );
    if !rest.is_empty() {
        page.push_str("## REST API\n\n### Schema\n\n```\n");
        page.push_str(rest);
        page.push_str("\n```\n\n---\n\n");
    }
    if !sdk.is_empty() {
        page.push_str("## JavaScript SDK\n\n### Schema\n\n```\n");
        page.push_str(sdk);
        page.push_str("\n```\n\n---\n");
    }
    page
}

/// A page whose request nests fields exactly as deep as the reader allows
/// ([`wixgen::schema::MAX_DEPTH`]), in package `limits`: it must import and compile.
pub fn deepest_page() -> String {
    let depth = wixgen::schema::MAX_DEPTH;
    let mut listing = String::from(
        " Method: nestDeeply\n Description: Nests.\n URL: https://www.wixapis.com/limits/v1/deep\n Method: POST\n Method parameters:\n  param name: t0 | type: T0 | description: Level 1.\n",
    );
    for level in 2..depth {
        listing.push_str(&format!(
            "{}- name: t{} | type: T{} | description: Level {level}.\n",
            " ".repeat(level * 2),
            level - 1,
            level - 1
        ));
    }
    listing.push_str(&format!(
        "{}- name: leaf | type: string | description: The bottom.\n",
        " ".repeat(depth * 2)
    ));
    page(&listing, "")
        .replace("# DoThing", "# NestDeeply")
        .replace("# Package: things", "# Package: limits")
}

/// The bindings of `schema/` as `wix-api`'s build script generates them: file name (without
/// `.rs`, as `<module>@<variant>`) → code.
pub fn schema_bindings(schema: &Path) -> std::collections::BTreeMap<String, String> {
    let rendered = wixgen::Builder::new()
        .schema_dir(schema)
        .cargo_features(true)
        .render()
        .unwrap();
    rendered
        .files
        .into_iter()
        .filter(|(file, _)| file != Path::new("wix_api.rs"))
        .map(|(file, code)| {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let (module, variant) = stem.rsplit_once('_').unwrap();
            (format!("{module}@{variant}"), code)
        })
        .collect()
}
