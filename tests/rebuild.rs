//! A build script's rebuild after one package changed: the other packages' files keep their
//! bytes and modification times, and only the changed package is generated again.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use wixgen::Builder;

fn builder(schema: &Path, out: &Path) -> Builder {
    Builder::new()
        .schema_dir(schema)
        .out_dir(out)
        .cargo_rerun(true)
}

/// The generated files (not wixgen's records), sorted.
fn generated(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn one_package_changed_rewrites_only_its_files() {
    let root = tempfile::tempdir().unwrap();
    let schema = root.path().join("schema");
    let out = root.path().join("out");
    std::fs::create_dir(&schema).unwrap();
    let repo_schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    for package in ["referralProgram", "resources", "timeSlots"] {
        let name = format!("{package}.yaml");
        std::fs::copy(repo_schema.join(&name), schema.join(&name)).unwrap();
    }
    let first = builder(&schema, &out).build().unwrap();
    assert_eq!(first.reused, 0);

    // An old modification time on every file: any rewrite shows, whatever the clock's grain.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let files = generated(&out);
    for file in &files {
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let bytes: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();

    // One method's description changes in one package.
    let resources = schema.join("resources.yaml");
    let text = std::fs::read_to_string(&resources).unwrap();
    let edited = text.replacen(
        "Retrieves up to 100 resource types",
        "Retrieves at most 100 resource types",
        1,
    );
    assert_ne!(edited, text, "the description to edit is in the schema");
    std::fs::write(&resources, edited).unwrap();

    let second = builder(&schema, &out).build().unwrap();
    assert!(!second.unchanged);
    assert_eq!(
        second.reused, 4,
        "both variants of the two unchanged packages are kept, not generated again"
    );
    assert_eq!(generated(&out), files, "the same files");
    for (file, before) in files.iter().zip(&bytes) {
        let name = file.file_name().unwrap().to_string_lossy();
        let after = std::fs::read_to_string(file).unwrap();
        if name.starts_with("resources_") {
            assert_ne!(&after, before, "{name} holds the edit");
            assert_ne!(modified(file), old, "{name} was rewritten");
        } else {
            assert_eq!(&after, before, "{name} keeps its bytes");
            assert_eq!(modified(file), old, "{name} keeps its modification time");
        }
    }
    assert!(std::fs::read_to_string(out.join("resources_rest.rs"))
        .unwrap()
        .contains("Retrieves at most 100 resource types"));

    // What was kept is what generating from scratch writes.
    let fresh = builder(&schema, &out).render().unwrap();
    for (file, contents) in &fresh.files {
        assert_eq!(
            &std::fs::read_to_string(out.join(file)).unwrap(),
            contents,
            "{}",
            file.display()
        );
    }
    // Nothing changed since: nothing is generated.
    assert!(builder(&schema, &out).build().unwrap().unchanged);
}
