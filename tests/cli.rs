//! The `wixgen` commands as a user runs them, in the repository, on the schema's copy in
//! `tests/fixtures/schema` (an edit of `schema/` must not move these tests).

mod support;

use std::process::{Command, Output};

/// The schema fixture and its pages, relative to the repository (the commands' directory).
const SCHEMA: &str = "tests/fixtures/schema";
const DOCS: &str = "tests/fixtures/schema/docs";

fn wixgen(args: &[&str]) -> Output {
    wixgen_in(&support::repo(), args)
}

fn wixgen_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("wixgen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_writes_yaml_and_prints_a_summary() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let run = wixgen(&["import", DOCS, "--out", out_dir]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(stdout.contains("3 pages, 3 methods, 27 named types (3 enums), 5 documented errors; 0 errors, 4 warnings"), "{stdout}");
    let written = std::fs::read_to_string(out.path().join("referralProgram.yaml")).unwrap();
    let checked_in =
        std::fs::read_to_string(support::schema_fixture().join("referralProgram.yaml")).unwrap();
    assert_eq!(written, checked_in);
    // The URL disagreement is reported with its position.
    assert!(
        text(&run.stderr).contains("create-referred-friend.md:33:2: the schema URL"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn check_passes_on_a_fresh_dir_and_fails_on_a_stale_one() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    assert_eq!(
        wixgen(&["import", DOCS, "--out", out_dir]).status.code(),
        Some(0)
    );
    let check = wixgen(&["import", DOCS, "--out", out_dir, "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));

    let file = out.path().join("referralProgram.yaml");
    let edited = std::fs::read_to_string(&file)
        .unwrap()
        .replace("MEMBER_NOT_ELIGIBLE", "EDITED");
    std::fs::write(&file, edited).unwrap();
    // A package file wixgen wrote before (in the manifest) that this import no longer produces.
    let mut manifest = std::fs::read_to_string(out.path().join(".wixgen-manifest")).unwrap();
    manifest.push_str("gone.yaml\n");
    std::fs::write(out.path().join(".wixgen-manifest"), manifest).unwrap();
    std::fs::write(out.path().join("gone.yaml"), "package: gone\nmethods: []\n").unwrap();
    // A file of the user's: never stale, never removed.
    std::fs::write(out.path().join("mine.yaml"), "package: mine\nmethods: []\n").unwrap();
    let stale = wixgen(&["import", DOCS, "--out", out_dir, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    let stderr = text(&stale.stderr);
    assert!(
        stderr.contains("referralProgram.yaml (differs)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gone.yaml (no longer produced)"),
        "{stderr}"
    );
    assert!(!stderr.contains("mine.yaml"), "{stderr}");
    // --check wrote nothing.
    assert!(std::fs::read_to_string(&file).unwrap().contains("EDITED"));
    let run = wixgen(&["import", DOCS, "--out", out_dir]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(!out.path().join("gone.yaml").exists());
    assert!(out.path().join("mine.yaml").exists());
}

#[test]
fn overrides_in_the_out_dir_are_applied_and_reported() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join("overrides.yaml"),
        "- method: CreateReferredFriend\n  url: https://www.wixapis.com/referrals/v2/friends\n",
    )
    .unwrap();
    let run = wixgen(&["import", DOCS, "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("override applied"),
        "{}",
        text(&run.stderr)
    );
    let yaml = std::fs::read_to_string(out.path().join("referralProgram.yaml")).unwrap();
    assert!(yaml.contains("url: https://www.wixapis.com/referrals/v2/friends"));
}

#[test]
fn exit_codes_tell_input_errors_from_usage_errors() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    assert_eq!(
        wixgen(&["import", "--out", out_dir]).status.code(),
        Some(2),
        "no paths"
    );
    assert_eq!(
        wixgen(&["import", "no/such/dir", "--out", out_dir])
            .status
            .code(),
        Some(2)
    );

    let bad = out.path().join("bad.md");
    std::fs::write(&bad, "# Broken\n\n# Package: p\n\n# Namespace: N\n\n## REST API\n\n### Schema\n\n```\n Method: broken\n Method: FETCH\n URL: https://x/y\n```\n").unwrap();
    let run = wixgen(&["import", bad.to_str().unwrap(), "--out", out_dir]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("bad.md:13:2: unknown HTTP method `FETCH`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected: GET, POST, PUT, PATCH or DELETE"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped page `Broken`"), "{stderr}");
}

#[test]
fn every_subcommand_help_shows_examples_and_the_exit_codes_are_documented() {
    for (command, example) in [
        ("import", "wixgen import ../shared/wix-docs --out schema"),
        ("generate", "wixgen generate --out src/wix"),
        ("check", "wixgen check --out src/wix"),
        ("fetch", "wixgen fetch --refresh schema/docs"),
        ("diff", "wixgen diff --format markdown"),
    ] {
        let help = text(&wixgen(&[command, "--help"]).stdout);
        assert!(
            help.contains("Examples:") && help.contains(example),
            "{command}: {help}"
        );
    }
    let help = text(&wixgen(&["--help"]).stdout);
    assert!(
        help.contains("Exit codes:") && help.contains("2  usage"),
        "{help}"
    );
}

#[test]
fn generate_writes_a_module_tree_and_check_finds_it_stale_after_an_edit() {
    let out = tempfile::tempdir().unwrap();
    let tree = out.path().join("wix");
    // The same selection for both commands: REST naming, one package.
    let selection = |command| {
        let out = tree.to_str().unwrap();
        let args = [
            "--schema",
            SCHEMA,
            "--out",
            out,
            "--variant",
            "rest",
            "--package",
            "referralProgram",
        ];
        wixgen(&[&[command][..], &args].concat())
    };
    // Both variants first: the SDK module is then generated, and listed in the manifest.
    let both = tree.to_str().unwrap();
    let run = wixgen(&[
        "generate",
        "--schema",
        SCHEMA,
        "--out",
        both,
        "--package",
        "referralProgram",
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(tree.join("referral_program/sdk.rs").exists());
    let stale = selection("check");
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        text(&stale.stderr).contains("referral_program/sdk.rs (no longer produced)"),
        "{}",
        text(&stale.stderr)
    );
    let run = selection("generate");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("generated 1 package, 1 client method (REST naming)"),
        "{}",
        text(&run.stdout)
    );
    assert!(tree.join("mod.rs").exists() && tree.join("referral_program/rest.rs").exists());
    assert!(
        !tree.join("referral_program/sdk.rs").exists(),
        "--variant rest writes no SDK module"
    );
    let modules = std::fs::read_to_string(tree.join("mod.rs")).unwrap();
    assert!(modules.contains("pub mod referral_program;") && !modules.contains("resources"));

    assert_eq!(selection("check").status.code(), Some(0));
    let rest = tree.join("referral_program/rest.rs");
    std::fs::write(
        &rest,
        std::fs::read_to_string(&rest)
            .unwrap()
            .replace("MemberNotEligible", "Edited"),
    )
    .unwrap();
    std::fs::write(
        tree.join("leftover.rs"),
        format!("{}\npub struct Old;\n", wixgen::HEADER),
    )
    .unwrap();
    let stale = selection("check");
    assert_eq!(stale.status.code(), Some(1));
    let stderr = text(&stale.stderr);
    assert!(
        stderr.contains("referral_program/rest.rs (differs)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("leftover.rs"),
        "a file wixgen did not write is the user's: {stderr}"
    );

    // generate repairs it and leaves the user's file alone.
    assert_eq!(selection("generate").status.code(), Some(0));
    assert!(tree.join("leftover.rs").exists());
    assert_eq!(selection("check").status.code(), Some(0));
}

#[test]
fn no_arguments_generate_the_default_schema() {
    let out = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .current_dir(out.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("generated 3 packages"),
        "{}",
        text(&run.stdout)
    );
    for file in [
        "mod.rs",
        "referral_program/rest.rs",
        "resources/sdk.rs",
        "time_slots/rest.rs",
    ] {
        assert!(out.path().join("wixgen-out").join(file).exists(), "{file}");
    }
}

#[test]
fn unknown_packages_and_bad_schema_files_are_reported() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let run = wixgen(&[
        "generate",
        "--schema",
        SCHEMA,
        "--out",
        out_dir,
        "--package",
        "nope",
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        text(&run.stderr).contains(
            "no package `nope` in the input (it has: referralProgram, resources, timeSlots)"
        ),
        "{}",
        text(&run.stderr)
    );

    let schema = out.path().join("schema");
    std::fs::create_dir(&schema).unwrap();
    std::fs::write(
        schema.join("bad.yaml"),
        "package: p\nmethods:\n- name: 3\n  oops: [\n",
    )
    .unwrap();
    let run = wixgen(&[
        "generate",
        "--schema",
        schema.to_str().unwrap(),
        "--out",
        out_dir,
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("bad.yaml:5:1: not a wixgen schema file"),
        "{stderr}"
    );
}

#[test]
fn check_uses_the_options_generate_was_given() {
    let out = tempfile::tempdir().unwrap();
    let tree = out.path().join("wix");
    let tree = tree.to_str().unwrap();
    let generate = wixgen(&[
        "generate",
        "--schema",
        SCHEMA,
        "--out",
        tree,
        "--variant",
        "sdk",
        "--package",
        "timeSlots",
    ]);
    assert_eq!(
        generate.status.code(),
        Some(0),
        "{}",
        text(&generate.stderr)
    );
    let manifest = std::fs::read_to_string(out.path().join("wix").join(wixgen::MANIFEST)).unwrap();
    assert!(
        manifest.contains(
            "# generated with: --schema tests/fixtures/schema --variant sdk --package timeSlots\n"
        ),
        "{manifest}"
    );
    // No options repeated: the recorded ones, so the tree is up to date.
    let check = wixgen(&["check", "--out", tree]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    // An option given replaces the recorded one.
    let both = wixgen(&["check", "--out", tree, "--variant", "both"]);
    assert_eq!(both.status.code(), Some(1), "{}", text(&both.stderr));
    assert!(
        text(&both.stderr).contains("time_slots/rest.rs (missing)"),
        "{}",
        text(&both.stderr)
    );
    // Generating again with other options records those.
    let rest = wixgen(&[
        "generate",
        "--schema",
        SCHEMA,
        "--out",
        tree,
        "--variant",
        "rest",
    ]);
    assert_eq!(rest.status.code(), Some(0), "{}", text(&rest.stderr));
    assert_eq!(wixgen(&["check", "--out", tree]).status.code(), Some(0));
}

#[test]
fn the_printed_module_line_works_where_it_is_pasted() {
    let krate = tempfile::tempdir().unwrap();
    std::fs::write(
        krate.path().join("Cargo.toml"),
        "[package]\nname = \"user\"\n",
    )
    .unwrap();
    std::fs::create_dir(krate.path().join("src")).unwrap();
    let schema = support::schema_fixture();
    let schema = schema.to_str().unwrap();
    let generate = |out: &str| {
        let run = wixgen_in(
            krate.path(),
            &["generate", "--schema", schema, "--out", out],
        );
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
        text(&run.stdout)
    };
    // Beside src/: the path is relative to src/, where main.rs and lib.rs are.
    let beside = generate("wixgen-out");
    assert!(
        beside.contains("`#[allow(dead_code)] #[path = \"../wixgen-out/mod.rs\"] mod wix;` in src/main.rs or src/lib.rs"),
        "{beside}"
    );
    // In src/: a plain `mod`.
    let inside = generate("src/bindings");
    assert!(
        inside.contains("`#[allow(dead_code)] mod bindings;` in src/main.rs or src/lib.rs"),
        "{inside}"
    );
}

#[test]
fn diff_outside_a_git_repository_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_wixgen"))
        .arg("diff")
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("is not inside a git repository")
            && stderr.contains("run wixgen diff inside the repository")
            && stderr.contains("pass two schema directories"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("fatal:"),
        "git's own words are not shown: {stderr}"
    );
}
