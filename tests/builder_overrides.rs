//! `Builder::overrides`: an overrides file patches what a build reads, pages or a schema alike,
//! and is an input of the build like the pages are.

mod support;

use std::path::{Path, PathBuf};
use wixgen::{Builder, ErrorKind, Rendered};

/// Renames GetAvailabilityTimeSlot's SDK type `ResourceType` (a patch that does not apply
/// already: the repository's own `schema/overrides.yaml` has none).
const RENAME: &str = "\
- method: GetAvailabilityTimeSlot
  surface: sdk
  rename_type: { from: ResourceType, to: ResourceTypeFilter }
";

fn write_overrides(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("overrides.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

fn time_slots_sdk(rendered: &Rendered) -> &str {
    rendered
        .files
        .iter()
        .find(|(file, _)| file == Path::new("time_slots_sdk.rs"))
        .map(|(_, code)| code.as_str())
        .expect("the time_slots SDK file")
}

#[test]
fn overrides_apply_to_pages_and_to_a_schema_directory_alike() {
    let dir = tempfile::tempdir().unwrap();
    let overrides = write_overrides(dir.path(), RENAME);
    let from_pages = Builder::new()
        .pages(support::repo().join("schema/docs"))
        .overrides(&overrides)
        .render()
        .unwrap();
    let code = time_slots_sdk(&from_pages);
    assert!(code.contains("pub struct ResourceTypeFilter {"), "{code}");
    assert!(!code.contains("pub struct ResourceType {"), "{code}");
    assert!(
        from_pages.inputs.contains(&overrides),
        "{:?}",
        from_pages.inputs
    );

    let plain = Builder::new()
        .pages(support::repo().join("schema/docs"))
        .render()
        .unwrap();
    assert!(time_slots_sdk(&plain).contains("pub struct ResourceType {"));

    let from_schema = Builder::new()
        .schema_dir(support::repo().join("schema"))
        .overrides(&overrides)
        .render()
        .unwrap();
    assert_eq!(from_schema.files, from_pages.files);
    assert!(from_schema.inputs.contains(&overrides));
}

#[test]
fn a_patch_that_matches_nothing_fails_the_build_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let overrides = write_overrides(
        dir.path(),
        &format!("{RENAME}- method: NoSuchMethod\n  url: https://www.wixapis.com/x\n"),
    );
    let error = Builder::new()
        .pages(support::repo().join("schema/docs"))
        .overrides(&overrides)
        .render()
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Input);
    let line = format!("{}:4:", overrides.display());
    assert!(error.message.contains(&line), "{}", error.message);
    assert!(error.message.contains("NoSuchMethod"), "{}", error.message);

    let malformed = write_overrides(dir.path(), "- method: [\n");
    let error = Builder::new()
        .pages(support::repo().join("schema/docs"))
        .overrides(&malformed)
        .render()
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Input, "{}", error.message);
}

#[test]
fn a_missing_overrides_file_is_an_environment_error() {
    let dir = tempfile::tempdir().unwrap();
    let error = Builder::new()
        .schema_dir(support::repo().join("schema"))
        .overrides(dir.path().join("absent.yaml"))
        .render()
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Environment, "{}", error.message);
}

#[test]
fn an_edited_overrides_file_reruns_a_build_script() {
    let dir = tempfile::tempdir().unwrap();
    let overrides = write_overrides(dir.path(), RENAME);
    let out = dir.path().join("out");
    let build = || {
        Builder::new()
            .pages(support::repo().join("schema/docs"))
            .overrides(&overrides)
            .out_dir(&out)
            .cargo_rerun(true)
            .build()
            .unwrap()
    };
    assert!(!build().unchanged);
    let again = build();
    assert!(again.unchanged);
    assert!(
        again.inputs.contains(&overrides),
        "rerun-if-changed names it"
    );

    std::thread::sleep(std::time::Duration::from_millis(20));
    write_overrides(
        dir.path(),
        &RENAME.replace("ResourceTypeFilter", "ResourceKind"),
    );
    assert!(!build().unchanged);
    let code = std::fs::read_to_string(out.join("time_slots_sdk.rs")).unwrap();
    assert!(code.contains("pub struct ResourceKind {"));
}
