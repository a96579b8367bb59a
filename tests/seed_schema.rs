//! The seed page as delivered (collapsed onto one line, a reader fixture in
//! `tests/fixtures/seed/`) gives the same IR as its restored copy; the schema fixture (a copy of
//! the checked-in schema) is exactly what `wixgen import` writes from its `docs`. That the
//! checked-in `schema/` is up to date is CI's `wixgen import schema/docs --out schema --check`.

mod support;

use wixgen::import::{self, OVERRIDES_FILE};
use wixgen::schema::{self, Method};

fn read_seed(name: &str) -> Method {
    let path = support::repo().join("tests/fixtures/seed").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let (document, diagnostics) = wixgen::docs::read(&text, &path);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    assert_eq!(document.methods.len(), 1);
    document.methods.into_iter().next().unwrap()
}

#[test]
fn flattened_and_restored_seed_give_the_same_ir() {
    let flattened = read_seed("create-referred-friend.flattened.md");
    let restored = read_seed("create-referred-friend.restored.md");
    assert_eq!(
        import::without_code_layout(&flattened),
        import::without_code_layout(&restored)
    );
    // The restored page keeps the code's lines.
    assert!(restored.sdk.unwrap().examples[1].code.contains('\n'));
    // Nesting was inferred on the flattened page: the response holds the friend, which holds
    // the status enum and the fields after it.
    let rest = flattened.rest.unwrap();
    let schema::TypeDef::Struct(friend) = &rest.types["ReferredFriend"] else {
        panic!()
    };
    let names: Vec<&str> = friend.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "contactId",
            "referringCustomerId",
            "status",
            "revision",
            "createdDate",
            "updatedDate"
        ]
    );
    assert!(matches!(&rest.types["Status"], schema::TypeDef::Enum(v) if v.len() == 3));
}

#[test]
fn the_schema_fixture_is_what_import_writes() {
    let dir = support::schema_fixture();
    let overrides = std::fs::read_to_string(dir.join(OVERRIDES_FILE)).ok();
    let overrides_path = dir.join(OVERRIDES_FILE);
    let result = import::import(
        &[dir.join("docs")],
        overrides.as_deref().map(|t| (t, overrides_path.as_path())),
    )
    .unwrap();
    assert!(!result.has_errors());
    let stale = import::stale_files(&dir, &result.render().unwrap());
    assert!(
        stale.is_empty(),
        "tests/fixtures/schema is stale ({stale:?}): run `cargo run -p wixgen -- import tests/fixtures/schema/docs --out tests/fixtures/schema`"
    );
}

#[test]
fn yaml_round_trip_is_identical() {
    let mut dirs = vec![support::repo().join("tests/fixtures")];
    dirs.extend(support::shared_docs("yaml_round_trip (shared pages)"));
    let result = import::import(&dirs, None).unwrap();
    assert!(!result.packages.is_empty());
    for package in result.packages.values() {
        let yaml = schema::to_yaml(package).unwrap();
        let back = schema::from_yaml(&yaml).unwrap();
        assert_eq!(&back, package);
        assert_eq!(schema::to_yaml(&back).unwrap(), yaml, "YAML is stable");
    }
}

#[test]
fn file_order_does_not_change_the_result() {
    let seed = support::repo().join("tests/fixtures/seed");
    let forward = [
        seed.join("create-referred-friend.restored.md"),
        seed.join("create-referred-friend.flattened.md"),
    ];
    let backward = [forward[1].clone(), forward[0].clone()];
    let render =
        |paths: &[std::path::PathBuf]| import::import(paths, None).unwrap().render().unwrap();
    assert_eq!(render(&forward), render(&backward));
}
