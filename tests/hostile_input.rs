//! The generator under hostile input: nothing the user has is lost, nothing hangs or overflows
//! the stack, and what cannot be right is a located diagnostic, never silently wrong output.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::{page, read, warned};

const REST_HEAD: &str = " Method: doThing\n Description: Does a thing.\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n";
const SDK_HEAD: &str =
    " Method: wixClientAdmin.things.Things.doThing(options)\n Description: Does a thing.\n";

fn wixgen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("wixgen runs")
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Every file under `dir` with its contents, sorted: to compare a directory before and after.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The 1-based number of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

/// A good page with a REST and an SDK listing; `field` is one more line under the params.
fn good_page(title: &str, field: &str) -> String {
    page(
        &format!("{REST_HEAD} Method parameters:\n  param name: thingId | type: string | description: The thing.\n{field}"),
        &format!("{SDK_HEAD} Method parameters:\n  param name: options | type: DoThingOptions\n    - name: thingId | type: string | description: The thing.\n"),
    )
    .replace("# DoThing", &format!("# {title}"))
}

/// A schema directory imported from one good page, and the pages directory.
fn imported() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let pages = root.path().join("pages");
    let schema = root.path().join("schema");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("do-thing.md"), good_page("DoThing", "")).unwrap();
    let run = wixgen_in(root.path(), &["import", "pages", "--out", "schema"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    (root, pages, schema)
}

#[test]
fn a_failing_import_writes_nothing_and_keep_going_keeps_the_previous_method() {
    let (root, pages, schema) = imported();
    let before = snapshot(&schema);
    // The page broken on purpose: an unknown HTTP method.
    std::fs::write(
        pages.join("do-thing.md"),
        good_page("DoThing", "").replace("Method: POST", "Method: FETCH"),
    )
    .unwrap();
    std::fs::write(pages.join("other.md"), good_page("OtherThing", "")).unwrap();
    let run = wixgen_in(root.path(), &["import", "pages", "--out", "schema"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("nothing written"), "{}", stderr(&run));
    assert_eq!(snapshot(&schema), before, "the schema is unchanged");

    let run = wixgen_in(
        root.path(),
        &["import", "pages", "--out", "schema", "--keep-going"],
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains(
            "things.Things.DoThing: its page failed; the previously imported version is kept"
        ),
        "{}",
        stderr(&run)
    );
    let yaml = std::fs::read_to_string(schema.join("things.yaml")).unwrap();
    let old = String::from_utf8(before[1].1.clone()).unwrap();
    assert!(
        yaml.contains("name: OtherThing"),
        "the page that imported is written"
    );
    assert!(
        yaml.contains("name: DoThing") && yaml.contains("http_method: POST"),
        "{yaml}"
    );
    assert!(old.contains("http_method: POST"));
}

#[test]
fn an_import_that_reads_no_page_is_an_error_and_deletes_nothing() {
    let (root, pages, schema) = imported();
    let before = snapshot(&schema);
    let empty = root.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("notes.txt"), "no pages here").unwrap();
    std::fs::write(empty.join("blank.md"), "\n\n").unwrap();
    for input in ["empty", "empty/blank.md"] {
        let run = wixgen_in(root.path(), &["import", input, "--out", "schema"]);
        assert_eq!(run.status.code(), Some(1), "{input}: {}", stderr(&run));
        assert!(stderr(&run).contains("no pages found"), "{}", stderr(&run));
        assert_eq!(snapshot(&schema), before, "{input}");
    }
    drop(pages);
}

#[test]
fn line_endings_and_a_byte_order_mark_are_normalised_at_the_entrance() {
    // A lone carriage return inside the introduction's text, and a whole page with them.
    let text = good_page("DoThing", "").replacen("Does a thing.", "Does a thing.\rSecond line.", 1);
    let cr_only = format!("\u{feff}{}", text.replace('\n', "\r"));
    let (document, diagnostics) = read(&cr_only);
    assert_eq!(document.methods.len(), 1, "{diagnostics:?}");
    let method = &document.methods[0];
    assert_eq!(method.name, "DoThing");
    assert_eq!(method.description, "Does a thing.\nSecond line.");
    let crlf = good_page("DoThing", "").replace('\n', "\r\n");
    assert_eq!(
        read(&crlf).0.methods,
        read(&good_page("DoThing", "")).0.methods
    );

    // The generated code carries no carriage return (rustc rejects one in a doc comment).
    let package = wixgen::schema::Package {
        package: "things".into(),
        methods: document.methods,
    };
    let out = tempfile::tempdir().unwrap();
    let rendered = wixgen::Builder::new()
        .schema(vec![package])
        .out_dir(out.path())
        .build()
        .unwrap();
    assert!(rendered.files.iter().all(|(_, code)| !code.contains('\r')));
}

#[test]
fn nesting_beyond_the_limit_is_a_located_error_not_a_crash() {
    // 4,000 levels of fields in a listing.
    let mut rest = format!("{REST_HEAD} Method parameters:\n  param name: t0 | type: T0\n");
    for level in 1..4000 {
        rest.push_str(&format!(
            "{}- name: t{level} | type: T{level}\n",
            " ".repeat(level * 2 + 2)
        ));
    }
    let (document, diagnostics) = read(&page(&rest, ""));
    assert!(document.methods.is_empty());
    let error = diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.contains("nested more than 32 levels"))
        .expect("a depth error");
    assert_eq!(
        error.location.line,
        line_of(&page(&rest, ""), "- name: t32 |"),
        "{error}"
    );

    // 10,000 nested arrays.
    let deep = format!("{}string{}", "array<".repeat(10_000), ">".repeat(10_000));
    let field = format!("  param name: deep | type: {deep}\n");
    let (_, diagnostics) = read(&good_page("DoThing", &field));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("nested more than 32 levels")),
        "{diagnostics:?}"
    );
}

#[test]
fn hostile_schema_files_are_rejected_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    // A chain of 10,000 named types, each holding the next.
    let mut yaml = String::from(
        "package: p\nmethods:\n- name: M\n  package: p\n  namespace: N\n  rest:\n    method: m\n    http_method: POST\n    url: https://www.wixapis.com/m\n    params:\n      fields:\n      - name: a\n        type: T0\n    types:\n",
    );
    for i in 0..10_000 {
        yaml.push_str(&format!(
            "      T{i}: !struct\n        fields:\n        - name: next\n          type: T{}\n",
            i + 1
        ));
    }
    std::fs::write(dir.path().join("p.yaml"), yaml).unwrap();
    let error = wixgen::load_schema(dir.path()).unwrap_err();
    assert!(
        error.to_string().contains("p.yaml") && error.to_string().contains("more than 32 levels"),
        "{error}"
    );

    // 20,000 nested YAML sequences.
    let deep = format!(
        "package: p\nmethods: {}{}\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    std::fs::write(dir.path().join("p.yaml"), deep).unwrap();
    let error = wixgen::load_schema(dir.path()).unwrap_err();
    assert!(error.to_string().contains("p.yaml"), "{error}");

    // One JSON name twice in a type.
    let twice = "package: p\nmethods:\n- name: M\n  package: p\n  namespace: N\n  rest:\n    method: m\n    http_method: POST\n    url: https://www.wixapis.com/m\n    types:\n      T: !struct\n        fields:\n        - name: a\n          type: string\n        - name: a\n          type: integer\n";
    std::fs::write(dir.path().join("p.yaml"), twice).unwrap();
    let error = wixgen::load_schema(dir.path()).unwrap_err();
    assert!(
        error.to_string().contains("type `T` lists `a` twice"),
        "{error}"
    );
}

#[test]
fn repeated_fields_and_enum_values_are_merged_when_identical_and_errors_when_not() {
    let same = "    - name: a | type: string | description: A.\n";
    let rest = format!("{REST_HEAD} Method parameters:\n  param name: t | type: T\n{same}{same}  param name: s | type: S\n    - enum:\n      -   ONE: One.\n      -   ONE: One.\n");
    let (document, diagnostics) = read(&page(&rest, ""));
    assert_eq!(document.methods.len(), 1, "{diagnostics:?}");
    assert!(warned(&diagnostics, "field `a` is listed twice"));
    assert!(warned(&diagnostics, "enum value `ONE` is listed twice"));

    let rest = format!("{REST_HEAD} Method parameters:\n  param name: t | type: T\n{same}    - name: a | type: integer\n");
    let (document, diagnostics) = read(&page(&rest, ""));
    assert!(document.methods.is_empty());
    let error = diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert!(error
        .message
        .contains("field `a` is listed twice with different contents"));
    assert_eq!(
        error.location.line,
        line_of(&page(&rest, ""), "type: integer"),
        "{error}"
    );
}

#[test]
fn truncated_pages_are_warned_about() {
    let full = good_page(
        "DoThing",
        "  param name: loc | type: Location\n    - name: city | type: string\n",
    );
    let (_, diagnostics) = read(&full);
    assert!(!warned(&diagnostics, "cut short"), "{diagnostics:?}");
    // Cut before the SDK section.
    let cut = &full[..full.find("## JavaScript SDK").unwrap()];
    let (document, diagnostics) = read(cut);
    assert_eq!(document.methods.len(), 1);
    assert!(
        warned(&diagnostics, "no usable `## JavaScript SDK` section"),
        "{diagnostics:?}"
    );
    // A listing that ends where a type's fields would begin.
    let cut = full.replace("    - name: city | type: string\n", "");
    let (_, diagnostics) = read(&cut);
    assert!(
        warned(
            &diagnostics,
            "names type `Location` but never lists its fields"
        ),
        "{diagnostics:?}"
    );
    // A missing closing fence.
    let (_, diagnostics) = read(
        full.trim_end()
            .trim_end_matches("---")
            .trim_end()
            .trim_end_matches("```"),
    );
    assert!(diagnostics
        .iter()
        .any(|d| d.is_error() && d.message.contains("never closed")));
}

#[test]
fn urls_off_the_api_host_are_warned_and_plain_http_is_refused() {
    let page = |url: &str| {
        good_page("DoThing", "").replace("https://www.wixapis.com/things/v1/things", url)
    };
    let (document, diagnostics) = read(&page("http://169.254.169.254/latest/meta-data"));
    assert!(document.methods.is_empty());
    assert!(diagnostics
        .iter()
        .any(|d| d.is_error() && d.message.contains("is not https")));
    let (document, diagnostics) = read(&page("https://api.example.com/things"));
    assert_eq!(document.methods.len(), 1);
    assert!(warned(&diagnostics, "is not on www.wixapis.com"));
}

#[test]
fn invalid_overrides_are_errors() {
    let (root, _pages, schema) = imported();
    let before = snapshot(&schema);
    let overrides = schema.join("overrides.yaml");
    let cases: [(&[u8], &str, i32); 3] = [
        (
            b"- method: DoThing\n  rename_type: { from: DoThingOptions, to: \"a b-c\" }\n",
            "is not a type name",
            1,
        ),
        (
            b"- method: DoThing\n  url: \"htp:/x y\"\n",
            "not an absolute URL",
            1,
        ),
        (b"\xff\xfe not text", "cannot be read", 2),
    ];
    for (text, message, code) in cases {
        std::fs::write(&overrides, text).unwrap();
        let run = wixgen_in(root.path(), &["import", "pages", "--out", "schema"]);
        assert_eq!(run.status.code(), Some(code), "{}", stderr(&run));
        assert!(stderr(&run).contains(message), "{}", stderr(&run));
    }
    std::fs::remove_file(&overrides).unwrap();
    std::fs::create_dir(&overrides).unwrap();
    let run = wixgen_in(root.path(), &["import", "pages", "--out", "schema"]);
    assert_eq!(run.status.code(), Some(2), "a directory: {}", stderr(&run));
    std::fs::remove_dir(&overrides).unwrap();
    assert_eq!(snapshot(&schema), before);
}

#[test]
fn a_package_differing_only_in_case_never_renames_the_existing_module() {
    let (root, pages, _schema) = imported();
    let run = wixgen_in(
        root.path(),
        &["generate", "--schema", "schema", "--out", "before"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    std::fs::write(
        pages.join("other.md"),
        good_page("OtherThing", "").replace("# Package: things", "# Package: Things"),
    )
    .unwrap();
    let run = wixgen_in(root.path(), &["import", "pages", "--out", "schema"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let run = wixgen_in(
        root.path(),
        &["generate", "--schema", "schema", "--out", "after"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("warning: package `Things` is named `things_2` in Rust"),
        "shown without -v: {}",
        stderr(&run)
    );
    let before = std::fs::read_to_string(root.path().join("before/things/rest.rs")).unwrap();
    let after = std::fs::read_to_string(root.path().join("after/things/rest.rs")).unwrap();
    assert_eq!(
        before, after,
        "the existing module keeps its name and contents"
    );
}

#[cfg(unix)]
#[test]
fn link_loops_and_fifos_among_the_inputs_neither_hang_nor_repeat() {
    let root = tempfile::tempdir().unwrap();
    let pages = root.path().join("pages");
    std::fs::create_dir_all(pages.join("a")).unwrap();
    std::fs::write(pages.join("a/do-thing.md"), good_page("DoThing", "")).unwrap();
    std::os::unix::fs::symlink("..", pages.join("a/up")).unwrap();
    std::os::unix::fs::symlink(".", pages.join("self")).unwrap();
    let fifo = pages.join("pipe.md");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let inputs = wixgen::import::collect_files(std::slice::from_ref(&pages)).unwrap();
    assert_eq!(inputs.files, vec![pages.join("a/do-thing.md")]);
    assert!(
        inputs
            .warnings
            .iter()
            .any(|w| w.contains("pipe.md: not a regular file")),
        "{:?}",
        inputs.warnings
    );
}

#[cfg(unix)]
#[test]
fn generate_never_removes_through_a_link_or_outside_its_directory() {
    let (root, _pages, _schema) = imported();
    let out = root.path().join("out");
    let run = wixgen_in(
        root.path(),
        &["generate", "--schema", "schema", "--out", "out"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    std::os::unix::fs::symlink(".", out.join("self")).unwrap();
    // A tree of generated files one level below: `--out` above it must not touch it.
    let run = wixgen_in(
        root.path(),
        &[
            "generate",
            "--schema",
            "schema",
            "--out",
            ".",
            "--variant",
            "rest",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    for file in ["mod.rs", "things/mod.rs", "things/rest.rs", "things/sdk.rs"] {
        assert!(out.join(file).exists(), "{file}");
    }
    let run = wixgen_in(
        root.path(),
        &[
            "generate",
            "--schema",
            "schema",
            "--out",
            "out",
            "--variant",
            "rest",
        ],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        !out.join("things/sdk.rs").exists(),
        "its own file no longer produced is removed"
    );
    assert!(out.join("things/rest.rs").exists() && out.join("self").exists());
}

#[test]
fn exit_codes_are_2_for_the_environment_and_1_for_the_input() {
    let (root, _pages, _schema) = imported();
    std::fs::write(root.path().join("a-file"), "").unwrap();
    std::fs::create_dir(root.path().join("empty-schema")).unwrap();
    let cases: [(&[&str], i32, &str); 5] = [
        (
            &["generate", "--schema", "missing", "--out", "x"],
            2,
            "no such directory",
        ),
        (
            &["generate", "--schema", "schema", "--out", "a-file"],
            2,
            "not a directory",
        ),
        (
            &["check", "--schema", "schema", "--out", "a-file"],
            2,
            "not a directory",
        ),
        (
            &["import", "pages", "--out", "a-file"],
            2,
            "not a directory",
        ),
        (
            &["generate", "--schema", "empty-schema", "--out", "x"],
            1,
            "no package files",
        ),
    ];
    for (args, code, message) in cases {
        let run = wixgen_in(root.path(), args);
        assert_eq!(run.status.code(), Some(code), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains(message), "{args:?}: {}", stderr(&run));
    }
}

#[test]
fn no_arguments_use_the_embedded_schema_whatever_the_directory_holds() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("schema")).unwrap();
    std::fs::write(root.path().join("schema/unrelated.yaml"), "not: a schema\n").unwrap();
    let run = wixgen_in(root.path(), &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(String::from_utf8_lossy(&run.stdout).contains("generated 3 packages"));
}

#[test]
fn build_scripts_see_warnings_once_each_and_capped() {
    let mut warnings: Vec<String> = (0..30)
        .map(|i| format!("warning number {i}\n  spread"))
        .collect();
    warnings.push("warning number 0\n  spread".into());
    let lines = wixgen::cargo_warnings(&warnings);
    assert_eq!(lines.len(), 21);
    assert_eq!(lines[0], "cargo:warning=wixgen: warning number 0 spread");
    assert_eq!(
        lines[20],
        "cargo:warning=wixgen: … and 10 more warnings (run `wixgen generate -v` to see all)"
    );
}

/// Two pages of one package, each with its own `Thing`: `a` and `b` are the field lines.
fn thing_pages(a: &str, b: &str) -> Vec<wixgen::schema::Package> {
    let page = |title: &str, lines: &str| {
        page(
            &format!("{REST_HEAD} Method parameters:\n  param name: thing | type: Thing\n{lines}"),
            "",
        )
        .replace("# DoThing", &format!("# {title}"))
        .replace(
            "Method: doThing",
            &format!("Method: {}", title.to_lowercase()),
        )
    };
    let mut methods = Vec::new();
    for (title, lines) in [("First", a), ("Second", b)] {
        let (mut document, _) = read(&page(title, lines));
        methods.append(&mut document.methods);
    }
    assert_eq!(methods.len(), 2);
    vec![wixgen::schema::Package {
        package: "things".into(),
        methods,
    }]
}

#[test]
fn a_page_that_defines_a_type_differently_adds_to_it_or_is_the_one_renamed() {
    let name = "    - name: name | type: string | description: The name.\n";
    let size = "    - name: size | type: integer | description: The size.\n";
    let alone = wixgen::resolve::resolve(&thing_pages(name, name));
    let merged = wixgen::resolve::resolve(&thing_pages(name, &format!("{name}{size}")));
    let names = |model: &wixgen::resolve::Model| -> Vec<String> {
        model.packages[0]
            .rest
            .types
            .iter()
            .map(|t| t.name().to_string())
            .collect()
    };
    assert_eq!(
        names(&alone),
        names(&merged),
        "a field more keeps the type's name"
    );
    assert!(
        merged.warnings.is_empty(),
        "a page listing fewer fields (a request leaving out read-only ones) is no conflict: {:?}",
        merged.warnings
    );
    // Fewer fields, a ONE-OF group numbered differently, a bare `array` the other page types:
    // still one type, the union.
    let first = "    - ONE-OF:\n      - name: a | type: string\n      - name: b | type: string\n    - ONE-OF:\n      - name: c | type: string\n      - name: d | type: string\n    - name: tags | type: array\n";
    let second = "    - ONE-OF:\n      - name: c | type: string\n      - name: d | type: string\n    - name: tags | type: array<string>\n    - name: size | type: integer\n";
    let subset = wixgen::resolve::resolve(&thing_pages(first, second));
    let things: Vec<String> = names(&subset)
        .into_iter()
        .filter(|n| n.contains("Thing") && !n.ends_with("Request"))
        .collect();
    assert_eq!(things, ["Thing", "ThingAOrB", "ThingCOrD"]);
    assert!(subset.warnings.is_empty(), "{:?}", subset.warnings);
    // A field typed differently cannot be one type: a name of its own, said in a warning.
    let other = "    - name: name | type: integer | description: A number now.\n";
    let split = wixgen::resolve::resolve(&thing_pages(name, other));
    assert!(
        names(&split).contains(&"SecondThing".to_string()),
        "{:?}",
        names(&split)
    );
    assert_eq!(
        split.warnings,
        ["type `Thing` is defined 2 ways by the pages (`name` is `string` on one and `integer` on another), so it is 2 Rust types: `Thing` as most pages define it, and `SecondThing` (Second), each named after the first method using it"]
    );
}

#[test]
fn large_one_of_groups_are_named_by_what_their_members_share() {
    let group = |members: &[&str]| {
        let lines: String = members
            .iter()
            .map(|m| format!("      - name: {m} | type: string | description: {m}.\n"))
            .collect();
        let rest = format!("{REST_HEAD} Method parameters:\n  param name: target | type: Target\n    - ONE-OF:\n{lines}");
        let (document, diagnostics) = read(&page(&rest, ""));
        assert_eq!(document.methods.len(), 1, "{diagnostics:?}");
        let model = wixgen::resolve::resolve(&[wixgen::schema::Package {
            package: "things".into(),
            methods: document.methods,
        }]);
        model.packages[0]
            .rest
            .types
            .iter()
            .map(|t| t.name().to_string())
            .filter(|n| n.starts_with("Target") && n != "Target")
            .collect::<Vec<_>>()
    };
    assert_eq!(
        group(&["bookingId", "sessionId", "eventId", "orderId"]),
        ["TargetId"]
    );
    assert_eq!(
        group(&["byName", "byEmail", "byPhone", "byAddress"]),
        ["TargetChoice"]
    );
    assert_eq!(
        group(&["name", "email"]),
        ["TargetNameOrEmail"],
        "small groups list their members"
    );
}

#[test]
fn markdown_flattened_into_descriptions_never_breaks_a_listing() {
    // Descriptions are arbitrary markdown on one line: headings, lists, links, inline code
    // fences, and text that looks like listing syntax.
    let markdown = [
        "### Heading - item one - item two",
        "see [the docs](https://dev.wix.com/a|b) and `x | y`",
        "```json {\"a\": 1} ``` then ```",
        "- name: fake | type: Fake | description: not a field",
        "param name: fake | type: Fake",
        "Return type: Fake Method parameters: Required parameters: fake",
        "- enum: A, B - ONE-OF: - required: true",
        "# Package: other # Namespace: Other ## REST API",
        "1. first 2. second > quoted <br/> **bold** _it_ | required: maybe",
    ];
    for text in markdown {
        let rest = format!(
            "{REST_HEAD} Method parameters:\n   param name: thing | type: Thing | description: {text} | required: true\n        - name: name | type: string | description: {text}\n        - name: size | type: integer | description: {text}\n Return type: DoThingResponse\n  - name: thing | type: Thing | description: {text}\n"
        );
        let (document, diagnostics) = read(&page(&rest, ""));
        let errors: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{text}: {errors:?}");
        assert_eq!(document.methods.len(), 1, "{text}");
        let rest = document.methods[0].rest.as_ref().unwrap();
        assert_eq!(rest.params.fields.len(), 1, "{text}: {:?}", rest.params);
        let thing = rest.types.get("Thing").and_then(|d| d.as_struct());
        let names: Vec<&str> = thing
            .map(|f| f.fields.iter().map(|f| f.name.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(names, ["name", "size"], "{text}");
        assert!(!rest.types.contains_key("Fake"), "{text}");
        assert!(!warned(&diagnostics, "Fake"), "{text}: {diagnostics:?}");
    }
}

#[test]
fn many_warnings_are_counted_by_kind_and_verbose_lists_each() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..11 {
        let rest = format!(
            "{REST_HEAD} Method parameters:\n  param name: tags{i} | type: array | description: Tags.\n"
        );
        let text = page(&rest, "")
            .replace("# DoThing", &format!("# DoThing{i}"))
            .replace("Method: doThing", &format!("Method: doThing{i}"));
        std::fs::write(dir.path().join(format!("p{i}.md")), text).unwrap();
    }
    let out = dir.path().join("schema");
    std::fs::create_dir(&out).unwrap();
    let args = |verbose: bool| {
        let mut args = vec!["import", ".", "--out", "schema"];
        if verbose {
            args.push("--verbose");
        }
        wixgen_in(dir.path(), &args)
    };
    let quiet = stderr(&args(false));
    assert!(quiet.contains("22 warnings, by kind"), "{quiet}");
    assert!(
        quiet.contains("    11  nothing on the page (the other listing, an enum block, the examples) types `…`"),
        "{quiet}"
    );
    assert!(
        !quiet.contains("tags3"),
        "each is listed only with --verbose: {quiet}"
    );
    let verbose = stderr(&args(true));
    assert!(verbose.contains("types `tags3` (REST)"), "{verbose}");
    assert_eq!(
        wixgen::import::warning_kinds(["type `A` is `x`, `y`", "type `B` is `z`"]),
        [(2, "type `…` is `…`".to_string())]
    );
}
