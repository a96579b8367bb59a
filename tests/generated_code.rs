//! The generated code, in snapshots of two kinds:
//!
//! - `bindings__<package>@<variant>`: the bindings of the checked-in `schema/`, generated as
//!   `wix-api`'s build script does. A change in `schema/docs` shows up as exactly these diffs.
//! - `generated_code__<page>@<variant>`: reader and emitter fixtures (`tests/fixtures`, and
//!   `../shared/wix-docs` when present), one page at a time. They never read `schema/`, so an
//!   edit of the user's pages cannot conflict with them.
//!
//! Apart from the bindings snapshots (and the feature list checked against `schema/`'s packages),
//! tests read the schema's copy in `tests/fixtures/schema`.
//!
//! And one scratch crate holding every fixture at once that must build with
//! `#![deny(warnings)]`, pass clippy and round-trip the pages' example bodies.

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use wixgen::resolve::{self, MethodKind};
use wixgen::schema::Package;
use wixgen::{emit, import, Builder, Layout, Variants};

/// Fixture pages: the reader and emitter fixtures, and the shared pages.
fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs = support::page_fixtures();
    dirs.extend(support::shared_docs("generated_code (shared pages)"));
    dirs
}

fn import_pages(paths: &[PathBuf]) -> Vec<Package> {
    let result = import::import(paths, None).unwrap();
    let errors = result.error_messages();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    result.packages.into_values().collect()
}

/// The generated code of `packages`, one string per package and variant.
fn generate(packages: &[Package]) -> BTreeMap<String, String> {
    let model = resolve::resolve(packages);
    let mut out = BTreeMap::new();
    for package in &model.packages {
        for variant in [&package.rest, &package.sdk] {
            if !variant.is_empty() {
                let code = emit::format(emit::variant_items(variant)).unwrap();
                out.insert(
                    format!("{}@{}", package.module, variant.variant.module()),
                    code,
                );
            }
        }
    }
    out
}

#[test]
fn snapshot_of_the_bindings_of_the_checked_in_schema() {
    let bindings = support::schema_bindings(&support::repo().join("schema"));
    assert!(
        bindings.contains_key("referral_program@rest"),
        "{:?}",
        bindings.keys()
    );
    for (name, code) in bindings {
        insta::assert_snapshot!(format!("bindings__{name}"), code);
    }
}

#[test]
fn snapshot_of_every_fixture_page_and_variant() {
    let files = import::collect_files(&fixture_dirs()).unwrap().files;
    let mut seen = BTreeMap::new();
    for file in files {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        if seen
            .insert(stem.clone(), text.clone())
            .is_some_and(|earlier| earlier == text)
        {
            continue; // the same page in two directories
        }
        for (key, code) in generate(&import_pages(std::slice::from_ref(&file))) {
            let variant = key.rsplit('@').next().unwrap();
            insta::assert_snapshot!(format!("{stem}@{variant}"), code);
        }
    }
}

#[test]
fn pages_of_one_package_share_one_type_table() {
    // Two pages define the enum `Status` with different values: one type holds both, under the
    // name it had (a page added later adds to a type, never renames it).
    let packages = import_pages(&support::page_fixtures());
    let model = resolve::resolve(&packages);
    let rest = &model.packages[0].rest;
    let names: Vec<&str> = rest.types.iter().map(|t| t.name().as_str()).collect();
    assert!(
        names.contains(&"Status") && !names.iter().any(|n| n.ends_with("StatusStatus")),
        "{names:?}"
    );
    assert!(
        !model.warnings.iter().any(|w| w.contains("`Status`")),
        "values some page leaves out are no conflict: {:?}",
        model.warnings
    );
    insta::assert_snapshot!(
        "fixtures-together@rest",
        generate(&packages)["hostile@rest"]
    );
}

#[test]
fn output_does_not_depend_on_input_order() {
    let mut packages = import_pages(&fixture_dirs());
    let forward = generate(&packages);
    packages.reverse();
    for package in &mut packages {
        package.methods.reverse();
    }
    assert_eq!(generate(&packages), forward);
}

/// A crate beside the workspace's target directory, reused between runs.
#[test]
fn converted_fields_get_converting_shapes_in_the_sdk_variant_only() {
    let dir = scratch_dir().join("converted-page");
    std::fs::create_dir_all(&dir).unwrap();
    let rest = " Method: doThing\n Description: Does a thing.\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n Method parameters:\n   param name: thing | type: Thing\n     - name: cover | type: Image\n        - name: id | type: string\n        - name: url | type: string\n        - name: height | type: integer\n        - name: width | type: integer\n Return type: DoThingResponse\n  - name: thing | type: Thing\n";
    let sdk = " Method: wixClientAdmin.things.Things.doThing(thing)\n Description: Does a thing.\n Method parameters:\n   param name: thing | type: Thing\n     - name: cover | type: string\n Return type: PROMISE<Thing>\n";
    let file = dir.join("do-thing.md");
    std::fs::write(&file, support::page(rest, sdk)).unwrap();
    let code = generate(&import_pages(&[file]));
    let converted = "ShapeField::converted(\"cover\", \"cover\", ::wixgen_runtime::__rt::Conversion::Image, None";
    let sdk = code["things@sdk"].split_whitespace().collect::<String>();
    assert!(
        sdk.contains(&converted.split_whitespace().collect::<String>()),
        "{}",
        code["things@sdk"]
    );
    assert!(
        sdk.contains("pubcover:Option<String>")
            || sdk.contains("pubcover:::std::option::Option<::std::string::String>"),
        "the SDK type stays a string:\n{}",
        code["things@sdk"]
    );
    assert!(!code["things@rest"].contains("Conversion"));
}

fn scratch_dir() -> PathBuf {
    support::repo().join("target/wixgen-scratch")
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .arg("--offline")
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{stderr}\n{stdout}"
    );
}

#[test]
fn generated_code_builds_without_warnings_passes_clippy_and_rustdoc_and_round_trips_examples() {
    let dir = scratch_dir();
    let _ = std::fs::remove_dir_all(dir.join("src"));
    let mut packages = import_pages(&fixture_dirs());
    // Nesting at the reader's limit compiles too (rustc's recursion limit is the bound).
    let (deepest, diagnostics) = support::one_method(&support::deepest_page());
    assert!(
        !diagnostics.iter().any(|d| d.message.contains("nested")),
        "{diagnostics:?}"
    );
    packages.push(Package {
        package: "limits".into(),
        methods: vec![deepest],
    });
    let schema = dir.join("schema");
    let _ = std::fs::remove_dir_all(&schema);
    std::fs::create_dir_all(&schema).unwrap();
    for package in &packages {
        std::fs::write(
            schema.join(import::file_name(&package.package)),
            wixgen::schema::to_yaml(package).unwrap(),
        )
        .unwrap();
    }
    Builder::new()
        .schema_dir(&schema)
        .out_dir(dir.join("src/generated"))
        .layout(Layout::ModuleTree)
        // The typed mocks of every hostile name must compile, lint and document cleanly too.
        .mocks(true)
        .build()
        .unwrap();
    let runtime = support::repo().join("generated/runtime");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"wixgen-scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nwixgen-runtime = {{ path = {:?}, features = [\"testing\"] }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    )
    .unwrap();
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(support::repo().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    std::fs::write(dir.join("src/lib.rs"), scratch_lib(&packages)).unwrap();
    cargo(&dir, &["test", "--quiet"]);
    cargo(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
    );
    // The docs' markdown must be safe for rustdoc too (RUSTDOCFLAGS denies warnings).
    cargo(&dir, &["doc", "--quiet", "--no-deps"]);
}

/// The scratch crate's root: the generated modules and a round-trip test per example body.
fn scratch_lib(packages: &[Package]) -> String {
    let model = resolve::resolve(packages);
    let mut tests = String::new();
    for (package, ir) in model.packages.iter().zip(packages) {
        for method in &package.rest.methods {
            let MethodKind::Rest { request, .. } = &method.kind else {
                continue;
            };
            let Some(rest) = ir
                .methods
                .iter()
                .filter_map(|m| m.rest.as_ref())
                .find(|r| r.method == method.wire_name)
            else {
                continue;
            };
            for (index, example) in rest.examples.iter().enumerate() {
                let Some(body) = &example.body else { continue };
                writeln!(
                    tests,
                    "    #[test]\n    fn {}_{}_example_{index}() {{\n        round_trip::<crate::generated::{}::rest::{request}>(r##\"{body}\"##);\n    }}\n",
                    package.module, method.ident, package.module
                )
                .unwrap();
            }
        }
    }
    assert_eq!(model.packages.len(), packages.len());
    format!(
        "{SCRATCH_HEAD}\n#[cfg(test)]\nmod examples {{\n    use super::round_trip;\n\n{tests}}}\n"
    )
}

const SCRATCH_HEAD: &str = r##"#![deny(warnings)]

pub mod generated;

#[cfg(test)]
use wixgen_runtime::__rt::serde_json::{self, json, Value};

/// `null` and absent are the same to the generated types.
#[cfg(test)]
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// A documented example body decodes into the request type and encodes back the same.
#[cfg(test)]
fn round_trip<T: wixgen_runtime::__rt::serde::Serialize + wixgen_runtime::__rt::serde::de::DeserializeOwned>(body: &str) {
    let sent: Value = serde_json::from_str(body).unwrap();
    let decoded: T = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), without_nulls(sent));
}

#[cfg(test)]
mod behaviour {
    use super::*;
    use crate::generated::hostile;
    use crate::generated::referral_program::sdk::{ReferredFriend, Status};

    #[test]
    fn unknown_enum_values_and_unknown_fields_survive() {
        let sent = json!({"_id": "f1", "status": "BRAND_NEW", "_createdDate": "2024-08-12T08:12:17.813Z", "mood": {"x": 1}});
        let friend: ReferredFriend = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(friend.id.as_deref(), Some("f1"));
        assert_eq!(friend.status, Some(Status::Unrecognized("BRAND_NEW".into())));
        assert_eq!(friend.created_date.unwrap().timestamp_millis(), 1723450337813);
        assert_eq!(friend.extra()["mood"], json!({"x": 1}));
        assert_eq!(serde_json::to_value(&friend).unwrap(), sent);
        let known: ReferredFriend = serde_json::from_value(json!({"status": "SIGN_UP_COMPLETED"})).unwrap();
        assert_eq!(known.status, Some(Status::SignUpCompleted));
        assert_eq!(Status::SignUpCompleted.to_string(), "SIGN_UP_COMPLETED");
    }

    #[test]
    fn one_of_groups_stay_flat_and_recursive_types_nest() {
        use hostile::rest::{TreeNode, TreeNodeLeafOrBranch};
        let sent = json!({"label": "root", "branch": {"label": "child", "leaf": "x"}, "children": [{"label": "c", "leaf": "y"}]});
        let tree: TreeNode = serde_json::from_value(sent.clone()).unwrap();
        let Some(TreeNodeLeafOrBranch::Branch(child)) = &tree.leaf_or_branch else { panic!("{tree:?}") };
        assert_eq!(child.leaf_or_branch, Some(TreeNodeLeafOrBranch::Leaf("x".into())));
        assert_eq!(serde_json::to_value(&tree).unwrap(), sent);
    }

    /// `<T as NoDefault<_>>::check` names one impl when `T` has no `Default`, and is ambiguous
    /// (a compile error) when it has: a static check that a type cannot be built empty.
    trait NoDefault<Marker> {
        fn check() {}
    }
    impl<T> NoDefault<()> for T {}
    struct IfDefault;
    impl<T: Default> NoDefault<IfDefault> for T {}

    // A request with required fields has only its constructor, which takes them: it cannot go
    // out with them left empty (`..Default::default()` would send `""`). Named types below the
    // top level have no required fields (each method checks its own required paths).
    const _: fn() = || {
        <hostile::rest::OptionRequest as NoDefault<_>>::check();
    };

    #[test]
    fn hostile_names_are_usable() {
        let self_ = hostile::rest::Self_::new().with_id("s").with_self_("S");
        let request = hostile::rest::OptionRequest::new("t", self_);
        let value = serde_json::to_value(&request).unwrap();
        assert_eq!(value, json!({"type": "t", "self": {"id": "s", "Self": "S"}}));
        // Fields named like the constructor and the accessors keep their names; so do those.
        let result = hostile::rest::Result::new().with_new("n").with_extra("e").with_extra_mut("m");
        assert_eq!(result.extra.as_deref(), Some("e"));
        assert!(result.extra().is_empty());
        let mut more = result.clone();
        more.extra_mut().insert("more".into(), json!(1));
        let value = serde_json::to_value(&more).unwrap();
        assert_eq!(value, json!({"new": "n", "extra": "e", "extraMut": "m", "more": 1}));
        let kind: hostile::rest::Unknown = serde_json::from_value(json!("UNRECOGNIZED")).unwrap();
        assert_eq!(kind, hostile::rest::Unknown::Unrecognized);
        let odd: hostile::rest::Unknown = serde_json::from_value(json!("NEW")).unwrap();
        assert_eq!(odd, hostile::rest::Unknown::UnrecognizedValue("NEW".into()));
    }
}
"##;

#[test]
fn mocks_are_generated_only_when_asked_and_match_sdk_calls_on_the_rest_request() {
    let code = |mocks: bool, variants: Variants| {
        let rendered = Builder::new()
            .schema_dir(support::repo().join("schema"))
            .variants(variants)
            .mocks(mocks)
            .render()
            .unwrap();
        rendered
            .files
            .into_iter()
            .map(|(_, code)| code)
            .collect::<String>()
    };
    assert!(!code(false, Variants::Both).contains("pub mod mock"));
    let both = code(true, Variants::Both);
    assert!(both.contains("pub mod mock"));
    assert!(both.contains("super::super::rest::CreateReferredFriendRequest"));
    assert!(both.contains("MethodMock::sdk("));
    // Without the `rest` module, SDK calls are matched on their JSON.
    let sdk = code(true, Variants::Sdk);
    assert!(
        sdk.contains("MethodMock<\n        ::wixgen_runtime::Json,"),
        "{sdk}"
    );
    assert!(!sdk.contains("super::super::rest"));
}

#[test]
fn wix_api_has_one_feature_per_schema_package() {
    let (model, _) = Builder::new()
        .schema_dir(support::repo().join("schema"))
        .model()
        .unwrap();
    let manifest = std::fs::read_to_string(support::repo().join("generated/Cargo.toml")).unwrap();
    let features: Vec<&str> = manifest
        .split("[features]")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(name, _)| name.trim()))
        // The features that are no package: the default set, and the typed mocks.
        .filter(|name| !["default", "testing"].contains(name))
        .collect();
    let packages: Vec<&str> = model.packages.iter().map(|p| p.feature.as_str()).collect();
    assert_eq!(
        features, packages,
        "generated/Cargo.toml [features] must list one feature per schema package"
    );
    let default = manifest
        .lines()
        .find(|l| l.starts_with("default = "))
        .unwrap();
    for feature in packages {
        assert!(
            default.contains(&format!("\"{feature}\"")),
            "`{feature}` is not a default feature"
        );
    }
}

#[test]
fn a_build_with_unchanged_inputs_writes_nothing_and_a_changed_input_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema");
    std::fs::create_dir(&schema).unwrap();
    let yaml =
        std::fs::read_to_string(support::schema_fixture().join("referralProgram.yaml")).unwrap();
    std::fs::write(schema.join("referralProgram.yaml"), &yaml).unwrap();
    let out = dir.path().join("out");
    let build = || {
        Builder::new()
            .schema_dir(&schema)
            .out_dir(&out)
            .cargo_rerun(true)
            .build()
            .unwrap()
    };
    let first = build();
    assert!(!first.unchanged && first.files.len() == 3);
    let second = build();
    assert!(second.unchanged && second.files.is_empty());
    assert_eq!(
        second.inputs, first.inputs,
        "the inputs are still reported for cargo:rerun-if-changed"
    );

    // An edited output is regenerated.
    let rest = out.join("referral_program_rest.rs");
    std::fs::write(&rest, "// edited\n").unwrap();
    assert!(!build().unchanged);
    assert!(std::fs::read_to_string(&rest)
        .unwrap()
        .starts_with(wixgen::HEADER));
    assert!(build().unchanged);

    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        schema.join("referralProgram.yaml"),
        yaml.replace("Created referred friend.", "The new friend."),
    )
    .unwrap();
    let third = build();
    assert!(!third.unchanged);
    assert!(
        std::fs::read_to_string(out.join("referral_program_rest.rs"))
            .unwrap()
            .contains("The new friend.")
    );
}

/// A page of `updateThing(_id, thing)` with path `{thing.id}`, returning `thing`.
fn update_thing_page(sdk_returns: &str, rest_answer: &str) -> String {
    let rest = format!(
        " Method: updateThing\n URL: https://www.wixapis.com/things/v1/things/{{thing.id}}\n Method: PATCH\n Required parameters: thing, thing.id\n Method parameters:\n  param name: thing | type: Thing | description: The thing. | required: true\n     - name: id | type: string | description: Thing ID. | required: true\n     - name: name | type: string | description: Name.\n Return type: UpdateThingResponse\n{rest_answer}"
    );
    let sdk = format!(
        " Method: wixClientAdmin.things.Things.updateThing(_id, thing)\n Required parameters: _id, thing\n Method parameters:\n  param name: _id | type: string | description: Thing ID. | required: true\n  param name: thing | type: UpdateThing | required: true\n     - name: _id | type: string | description: Thing ID.\n     - name: name | type: string | description: Name.\n Return type: {sdk_returns}"
    );
    support::page(&rest, &sdk).replace("# DoThing", "# UpdateThing")
}

fn sdk_kind_of(page: &str) -> MethodKind {
    let (method, _) = support::one_method(page);
    let package = Package {
        package: "things".into(),
        methods: vec![method],
    };
    let model = resolve::resolve(&[package]);
    model.packages[0].sdk.methods[0].kind.clone()
}

#[test]
fn an_sdk_method_returns_the_one_answer_field_of_its_return_type_and_places_its_id() {
    let thing_answer = "  - name: thing | type: Thing | description: The thing.\n     - name: id | type: string | description: Thing ID.\n     - name: name | type: string | description: Name.\n  - name: etag | type: string | description: A version.\n";
    let thing_returns = "PROMISE<Thing>\n  - name: _id | type: string | description: Thing ID.\n  - name: name | type: string | description: Name.\n";
    let MethodKind::Sdk {
        args, answer_field, ..
    } = sdk_kind_of(&update_thing_page(thing_returns, thing_answer))
    else {
        panic!("an SDK method")
    };
    assert_eq!(
        answer_field,
        Some(resolve::AnswerField {
            json: "thing".into(),
            optional: false
        })
    );
    let placements: Vec<(&str, &resolve::Placement)> = args
        .iter()
        .map(|a| (a.field.json.as_str(), &a.placement))
        .collect();
    assert_eq!(
        placements,
        [
            (
                "_id",
                &resolve::Placement::Inside {
                    object: "thing".into(),
                    key: "id".into()
                }
            ),
            ("thing", &resolve::Placement::TopLevel)
        ]
    );

    // A scalar: the one field of that type, optional (the JS SDK returns `undefined` without it).
    let id_answer = "  - name: id | type: string | description: Thing ID.\n  - name: count | type: integer | description: How many.\n";
    let MethodKind::Sdk { answer_field, .. } =
        sdk_kind_of(&update_thing_page("PROMISE<string>\n", id_answer))
    else {
        panic!("an SDK method")
    };
    assert_eq!(
        answer_field,
        Some(resolve::AnswerField {
            json: "id".into(),
            optional: true
        })
    );

    // Two fields of the type (or the whole answer's type): the whole answer.
    let two = format!("{thing_answer}  - name: previous | type: Thing | description: Before.\n");
    let MethodKind::Sdk { answer_field, .. } = sdk_kind_of(&update_thing_page(thing_returns, &two))
    else {
        panic!("an SDK method")
    };
    assert_eq!(answer_field, None);
    let whole = "PROMISE<UpdateThingResponse>\n  - name: thing | type: Thing | description: The thing.\n     - name: _id | type: string | description: Thing ID.\n  - name: etag | type: string | description: A version.\n";
    let MethodKind::Sdk { answer_field, .. } = sdk_kind_of(&update_thing_page(whole, thing_answer))
    else {
        panic!("an SDK method")
    };
    assert_eq!(answer_field, None);
}

#[test]
fn an_object_argument_of_top_level_rest_fields_is_spread_like_options() {
    let rest = " Method: moveThing\n URL: https://www.wixapis.com/things/v1/things/{thingId}/shelves/{shelfId}\n Method: PATCH\n Required parameters: thingId, shelfId\n Method parameters:\n  param name: shelfId | type: string | description: Shelf ID. | required: true\n  param name: sortOrder | type: integer | description: Order.\n  param name: thingId | type: string | description: Thing ID. | required: true\n Return type: MoveThingResponse\n  - name: sortOrder | type: integer | description: Order.\n";
    let sdk = " Method: wixClientAdmin.things.Things.moveThing(identifiers, options)\n Required parameters: identifiers, identifiers.thingId, identifiers.shelfId\n Method parameters:\n  param name: identifiers | type: MoveThingIdentifiers | required: true\n     - name: thingId | type: string | description: Thing ID. | required: true\n     - name: shelfId | type: string | description: Shelf ID. | required: true\n  param name: options | type: MoveThingOptions\n     - name: sortOrder | type: integer | description: Order.\n Return type: PROMISE<MoveThingResponse>\n  - name: sortOrder | type: integer | description: Order.\n";
    let page = support::page(rest, sdk).replace("# DoThing", "# MoveThing");
    let MethodKind::Sdk {
        args,
        options,
        answer_field,
        ..
    } = sdk_kind_of(&page)
    else {
        panic!("an SDK method")
    };
    assert_eq!(args.len(), 1);
    assert_eq!(args[0].placement, resolve::Placement::Spread);
    assert!(options.is_some());
    assert_eq!(answer_field, None);
}

/// The code generated from one page (`support::page`) read from a scratch file.
fn generate_page(rest: &str, sdk: &str) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("do-thing.md");
    std::fs::write(&path, support::page(rest, sdk)).unwrap();
    generate(&import_pages(&[path]))
}

#[test]
fn what_the_sdk_may_leave_out_is_optional_in_request_types() {
    // As `bulkGetCommentReactions`: REST marks `contextId` required, the SDK takes it in its
    // optional `options`, and its recorded call sends neither; `appId` is a required argument.
    let rest = " Method: doThing\n Description: Does.\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n Required parameters: appId, contextId, item.name\n Method parameters:\n   param name: appId | type: appId | description: App. | required: true\n   param name: contextId | type: contextId | description: Context. | required: true\n   param name: item | type: Item\n        - name: name | type: string | description: Name. | required: true\n";
    let sdk = " Method: wixClientAdmin.things.Things.doThing(appId, options)\n Description: Does.\n Required parameters: appId, options.contextId, options.item.name\n Method parameters:\n   param name: appId | type: string | description: App. | required: true\n   param name: options | type: DoThingOptions  none\n        - name: contextId | type: string | description: Context.\n        - name: item | type: Item | description: Item.\n           - name: name | type: string | description: Name.\n";
    let code = generate_page(rest, sdk);
    let rest = &code["things@rest"];
    assert!(rest.contains("pub app_id: String,"), "{rest}");
    assert!(rest.contains("pub context_id: Option<String>,"), "{rest}");
    // Nested: an `Option` in the type, checked per method before sending.
    assert!(rest.contains("pub name: Option<String>,"), "{rest}");
    assert!(rest.contains(".required(&[\"item.name\"])"), "{rest}");
    let sdk = &code["things@sdk"];
    assert!(sdk.contains("app_id: impl Into<String>,"), "{sdk}");
    assert!(sdk.contains("pub context_id: Option<String>,"), "{sdk}");
    assert!(sdk.contains(".required(&[\"item.name\"])"), "{sdk}");
}

#[test]
fn rest_field_masks_and_complex_gets_take_their_wire_form() {
    let rest = " Method: doThing\n Description: Does.\n URL: https://www.wixapis.com/things/v1/things\n Method: GET\n Method parameters:\n   param name: mask | type: array | description: Explicit list of fields to update.\n   param name: sorting | type: array<Sorting>\n        - name: fieldName | type: string | description: Field.\n";
    let code = generate_page(rest, "");
    let rest = &code["things@rest"];
    assert!(
        rest.contains("mask(\"mask\", field_mask::option)"),
        "{rest}"
    );
    assert!(rest.contains("pub mask: Option<Vec<String>>,"), "{rest}");
    assert!(rest.contains(".complex_query()"), "{rest}");
}

#[test]
fn rich_content_is_returned_verbatim_and_typed_in_rest_names() {
    let rest = " Method: getPost\n Description: Gets.\n URL: https://www.wixapis.com/blog/v3/posts/{postId}\n Method: GET\n Required parameters: postId\n Method parameters:\n   param name: postId | type: string | description: Post. | required: true\n Return type: GetPostResponse\n   - name: post | type: Post | description: The post.\n      - name: id | type: string | description: Post ID.\n      - name: richContent | type: RichContent | description: Body.\n         - name: nodes | type: array<Node> | description: Nodes.\n            - name: id | type: string | description: Node ID.\n         - name: metadata | type: Metadata | description: Metadata.\n            - name: id | type: string | description: Object ID.\n";
    let sdk = " Method: wixClientAdmin.things.Things.getPost(postId)\n Description: Gets.\n Required parameters: postId\n Method parameters:\n   param name: postId | type: string | description: Post. | required: true\n Return type: PROMISE<GetPostResponse>\n   - name: post | type: Post | description: The post.\n      - name: _id | type: string | description: Post ID.\n      - name: richContent | type: RichContent | description: Body.\n         - name: nodes | type: array<Node> | description: Nodes.\n            - name: id | type: string | description: Node ID.\n         - name: metadata | type: Metadata | description: Metadata.\n            - name: _id | type: string | description: Object ID.\n";
    let code = generate_page(rest, sdk);
    let sdk = &code["things@sdk"];
    assert!(
        sdk.contains("ShapeField::verbatim(\"richContent\")"),
        "{sdk}"
    );
    assert!(!code["things@rest"].contains("verbatim"));
    // Inside it, the SDK's types read REST's names: the post's id is `_id`, the document's
    // `id`, whatever the SDK listing calls it.
    assert!(sdk.contains(r#"Post, extra, id("_id")"#), "{sdk}");
    assert!(
        sdk.contains(r#"wire_struct!(Metadata, extra, id("id"));"#),
        "{sdk}"
    );
}
