//! `wixgen diff`: every kind of change on a real page mutated in that way, its classification,
//! the markdown a pull request gets, the `git:REV` sides, and the docs-change loop end to end.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use wixgen::diff::{self, Change, Impact};
use wixgen::schema::Package;

/// The seed page (a real page, kept as a fixture so that edits of `schema/docs` do not move it).
fn seed() -> String {
    std::fs::read_to_string(
        support::repo().join("tests/fixtures/seed/create-referred-friend.restored.md"),
    )
    .unwrap()
}

fn import(text: &str) -> Vec<Package> {
    let (document, diagnostics) = support::read(text);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    let methods = document.methods;
    vec![Package {
        package: methods[0].package.clone(),
        methods,
    }]
}

/// A change as the tests compare it: surface, kind, impact and path.
type Found = (Option<&'static str>, &'static str, Impact, String);

/// A page edit, what it is, and the changes it must give.
type Case = (&'static str, Box<dyn Fn(String) -> String>, Vec<Found>);

/// The changes `mutate` makes to the seed page.
fn changes(mutate: impl Fn(String) -> String) -> Vec<Found> {
    let old = import(&seed());
    let new = import(&mutate(seed()));
    diff::diff(&old, &new)
        .into_iter()
        .map(|c| (c.surface, c.kind, c.impact, c.path))
        .collect()
}

const FRIEND_REST: &str = "     - name: updatedDate | type: string | description: Date and time the referred friend was last updated.\n";

#[test]
fn every_kind_of_change_is_found_and_classed() {
    use Impact::{Additive, Breaking};
    let rest = Some("rest");
    let sdk = Some("sdk");
    let path = |p: &str| p.to_string();
    let cases: Vec<Case> = vec![
        (
            "a response field added",
            Box::new(|p| {
                p.replacen(FRIEND_REST, &format!("{FRIEND_REST}     - name: source | type: string | description: Where the friend came from.\n"), 1)
            }),
            vec![(
                rest,
                "field_added",
                Additive,
                path("returns.referredFriend.source"),
            )],
        ),
        (
            "a response field removed",
            Box::new(|p| {
                p.replacen("     - name: contactId | type: string | description: Contact GUID of the referred friend.\n", "", 1)
            }),
            vec![(
                rest,
                "field_removed",
                Breaking,
                path("returns.referredFriend.contactId"),
            )],
        ),
        (
            "a field retyped",
            Box::new(|p| {
                p.replacen(
                    "name: revision | type: string",
                    "name: revision | type: integer",
                    1,
                )
            }),
            vec![(
                rest,
                "field_retyped",
                Breaking,
                path("returns.referredFriend.revision"),
            )],
        ),
        (
            "a request field made required",
            Box::new(|p| {
                p.replacen(
                    "description: Referral code for the referred friend.\n",
                    "description: Referral code for the referred friend. | required: true\n",
                    1,
                )
            }),
            vec![(rest, "field_made_required", Breaking, path("referralCode"))],
        ),
        (
            "the URL changed",
            Box::new(|p| {
                p.replace(
                    "https://www.wixapis.com/v1/referred-friends",
                    "https://www.wixapis.com/v2/referred-friends",
                )
            }),
            vec![(rest, "url_changed", Breaking, path(""))],
        ),
        (
            "the HTTP method changed",
            Box::new(|p| p.replacen(" Method: POST\n", " Method: PUT\n", 1)),
            vec![(rest, "http_method_changed", Breaking, path(""))],
        ),
        (
            "an enum value added and one removed",
            Box::new(|p| {
                p.replacen(
                    "          -     UNKNOWN: Unknown status.\n",
                    "          -     INVITED: Invited.\n",
                    1,
                )
            }),
            vec![
                (
                    rest,
                    "enum_value_added",
                    Additive,
                    path("returns.referredFriend.status"),
                ),
                (
                    rest,
                    "enum_value_removed",
                    Breaking,
                    path("returns.referredFriend.status"),
                ),
            ],
        ),
        (
            "a documented error removed",
            Box::new(|p| {
                let line = p
                    .lines()
                    .find(|l| l.contains("Application Code: MEMBER_NOT_ELIGIBLE"))
                    .unwrap()
                    .to_string();
                p.replacen(&format!("{line}\n"), "", 1)
            }),
            vec![(rest, "error_removed", Breaking, path(""))],
        ),
        (
            "a documented error added",
            Box::new(|p| {
                let line = p
                    .lines()
                    .find(|l| l.contains("Application Code: MEMBER_NOT_ELIGIBLE"))
                    .unwrap()
                    .to_string();
                let more = line.replace("MEMBER_NOT_ELIGIBLE", "CODE_EXPIRED");
                p.replacen(&format!("{line}\n"), &format!("{line}\n{more}\n"), 1)
            }),
            vec![(rest, "error_added", Additive, path(""))],
        ),
        (
            "an SDK positional argument added",
            Box::new(|p| {
                p.replace(
                    "createReferredFriend(options)",
                    "createReferredFriend(referralCode, options)",
                )
            }),
            vec![(sdk, "argument_added", Breaking, path("referralCode"))],
        ),
        (
            "the method removed",
            Box::new(|p| p.replace("# CreateReferredFriend", "# CreateReferredFriendLater")),
            vec![
                (None, "method_added", Additive, path("")),
                (None, "method_removed", Breaking, path("")),
            ],
        ),
    ];
    for (what, mutate, expected) in cases {
        let found = changes(mutate);
        assert_eq!(found.len(), expected.len(), "{what}: {found:?}");
        for change in &expected {
            assert!(
                found.iter().any(|f| f.0 == change.0
                    && f.1 == change.1
                    && f.2 == change.2
                    && f.3 == change.3),
                "{what}: {change:?} not in {found:?}"
            );
        }
    }
    assert!(changes(|p| p).is_empty(), "no change, nothing reported");
}

#[test]
fn arguments_moved_removed_and_fields_made_optional_read_both_ways() {
    // The same edits read backwards: what was added is removed, what was required is optional.
    let edited = seed()
        .replacen(
            "description: Referral code for the referred friend.\n",
            "description: Referral code for the referred friend. | required: true\n",
            1,
        )
        .replace(
            "createReferredFriend(options)",
            "createReferredFriend(referralCode, options)",
        );
    let found: Vec<(&str, Impact)> = diff::diff(&import(&edited), &import(&seed()))
        .iter()
        .map(|c| (c.kind, c.impact))
        .collect();
    assert!(
        found.contains(&("field_made_optional", Impact::Breaking)),
        "{found:?}"
    );
    assert!(
        found.contains(&("argument_removed", Impact::Breaking)),
        "{found:?}"
    );
    let swapped = seed().replace(
        "createReferredFriend(options)",
        "createReferredFriend(a, options)",
    );
    let moved = seed().replace(
        "createReferredFriend(options)",
        "createReferredFriend(options, a)",
    );
    let found: Vec<&str> = diff::diff(&import(&swapped), &import(&moved))
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(found, ["arguments_reordered"]);
}

#[test]
fn one_of_membership_changes_are_breaking() {
    let rest = |members: &str| {
        support::page(
            &format!(" Method: doThing\n URL: https://www.wixapis.com/things/v1/things\n Method: POST\n Method parameters:\n  param name: thing | type: Thing\n    - ONE-OF:\n{members}"),
            "",
        )
    };
    let a = "      - name: byId | type: string | description: By id.\n      - name: byName | type: string | description: By name.\n";
    let b = format!("{a}      - name: byEmail | type: string | description: By email.\n");
    let changes = diff::diff(&import(&rest(a)), &import(&rest(&b)));
    let kinds: Vec<(&str, Impact)> = changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert!(
        kinds.contains(&("one_of_changed", Impact::Breaking)),
        "{changes:?}"
    );
    assert!(
        kinds.contains(&("field_added", Impact::Additive)),
        "{changes:?}"
    );
}

fn example_changes() -> Vec<Change> {
    let old = import(&seed());
    let new = import(
        &seed()
            .replacen(FRIEND_REST, &format!("{FRIEND_REST}     - name: source | type: string | description: Where the friend came from.\n"), 1)
            .replace("https://www.wixapis.com/v1/referred-friends", "https://www.wixapis.com/v2/referred-friends"),
    );
    diff::diff(&old, &new)
}

#[test]
fn the_markdown_for_a_pull_request() {
    insta::assert_snapshot!("markdown", diff::markdown(&example_changes()));
}

#[test]
fn the_json_is_stable_and_documented() {
    let json: serde_json::Value = serde_json::from_str(&diff::json(&example_changes())).unwrap();
    assert_eq!(json["breaking"], 1);
    assert_eq!(json["additive"], 1);
    let added = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "field_added")
        .unwrap();
    assert_eq!(added["package"], "referralProgram");
    assert_eq!(added["method"], "ReferredFriends.CreateReferredFriend");
    assert_eq!(added["surface"], "rest");
    assert_eq!(added["impact"], "additive");
    assert_eq!(added["path"], "returns.referredFriend.source");
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Copies the schema fixture (a copy of the checked-in schema: pages, YAML, overrides, manifest)
/// into `to`. Never the working tree's `schema/`, which is the user's to edit.
fn copy_schema(to: &Path) {
    let from = support::schema_fixture();
    std::fs::create_dir_all(to.join("docs")).unwrap();
    for dir in [from.clone(), from.join("docs")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                let relative = path.strip_prefix(&from).unwrap();
                std::fs::copy(&path, to.join(relative)).unwrap();
            }
        }
    }
}

/// The user's loop after Wix adds a field to a page: import is clean, `wixgen diff` (git:HEAD
/// against the working tree) names the field as additive, and the bindings change by exactly
/// that field (those of the schema before the edit against those after it).
#[test]
fn a_docs_edit_gives_a_clean_import_one_additive_change_and_one_bindings_diff() {
    let git = Command::new("git").arg("--version").output();
    if !git.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED a_docs_edit…: no git command on this machine");
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let schema = repo.path().join("schema");
    copy_schema(&schema);
    assert!(run(repo.path(), "git", &["init", "-q"]).status.success());
    assert!(run(repo.path(), "git", &["add", "."]).status.success());
    assert!(run(repo.path(), "git", &["commit", "-qm", "schema"])
        .status
        .success());

    let before = support::schema_bindings(&schema);
    let page = schema.join("docs/create-referred-friend.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let sdk_line = "     - name: _updatedDate | type: Date | description: Date and time the referred friend was last updated.\n";
    let field = "     - name: source | type: string | description: Where the friend came from.\n";
    let edited = original
        .replacen(FRIEND_REST, &format!("{FRIEND_REST}{field}"), 1)
        .replacen(sdk_line, &format!("{sdk_line}{field}"), 1);
    assert_ne!(edited, original);
    std::fs::write(&page, edited).unwrap();

    let wixgen = env!("CARGO_BIN_EXE_wixgen");
    let import = run(
        repo.path(),
        wixgen,
        &["import", "schema/docs", "--out", "schema"],
    );
    assert_eq!(import.status.code(), Some(0), "{}", text(&import));
    assert!(
        !text(&import).lines().any(|l| l.starts_with("error")),
        "{}",
        text(&import)
    );
    assert!(text(&import).contains("0 errors"), "{}", text(&import));

    let diff = run(repo.path(), wixgen, &["diff", "--fail-on", "breaking"]);
    assert_eq!(diff.status.code(), Some(0), "{}", text(&diff));
    let out = text(&diff);
    assert!(
        out.contains("additive  REST `returns.referredFriend.source`: field added (string)"),
        "{out}"
    );
    assert!(
        out.contains("additive  SDK `returns.referredFriend.source`: field added (string)"),
        "{out}"
    );
    assert!(out.contains("0 breaking, 2 additive"), "{out}");
    let any = run(
        repo.path(),
        wixgen,
        &["diff", "--fail-on", "any", "--format", "json"],
    );
    assert_eq!(any.status.code(), Some(1), "{}", text(&any));
    let old_schema = repo.path().join("old");
    copy_schema(&old_schema);
    let url = std::fs::read_to_string(schema.join("referralProgram.yaml"))
        .unwrap()
        .replace("referral_friends/v1", "referral_friends/v2");
    std::fs::write(old_schema.join("referralProgram.yaml"), url).unwrap();
    let breaking = run(
        repo.path(),
        wixgen,
        &["diff", "old", "schema", "--fail-on", "breaking"],
    );
    assert_eq!(breaking.status.code(), Some(1), "{}", text(&breaking));
    assert!(
        text(&breaking).contains("breaking  REST URL"),
        "{}",
        text(&breaking)
    );

    // The bindings: only referral_program changes, by added lines about `source`.
    let after = support::schema_bindings(&schema);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, code) in after {
        let before = &before[&name];
        if !name.starts_with("referral_program") {
            assert_eq!(before, &code, "{name} unchanged");
            continue;
        }
        let old: Vec<&str> = before.lines().collect();
        let new: Vec<&str> = code.lines().collect();
        let added: Vec<&&str> = new.iter().filter(|l| !old.contains(l)).collect();
        // The serde tables (`::wixgen_runtime::__rt::wire_struct!(…)`) are filled line by line by the
        // formatter: a field added to one rewraps it.
        assert!(
            outside_tables(&old).all(|l| new.contains(l)),
            "{name}: nothing removed"
        );
        assert!(
            added
                .iter()
                .any(|l| l.contains("pub source: Option<String>")),
            "{name}: {added:?}"
        );
        assert!(
            added
                .iter()
                .any(|l| l.contains("Where the friend came from.")),
            "{name}: {added:?}"
        );
        if name == "referral_program@sdk" {
            // The README shows this very change as its snapshot diff.
            let readme = std::fs::read_to_string(support::repo().join("README.md")).unwrap();
            let shown = readme
                .split("```diff\n")
                .nth(1)
                .and_then(|d| d.split("```").next())
                .unwrap();
            for line in &added {
                assert!(
                    shown.contains(&format!("+{line}\n")),
                    "README omits +{line:?}"
                );
            }
            for line in shown.lines() {
                // An added line may repeat one the file already has (`#[inline]`): it must be in
                // the new code, and what only the new code has must be shown.
                if let Some(line) = line.strip_prefix('+') {
                    assert!(new.contains(&line), "README adds {line:?}");
                } else if let Some(line) = line.strip_prefix(' ') {
                    assert!(old.contains(&line), "README keeps {line:?}");
                }
            }
        }
    }
}

/// The lines of generated code outside the runtime macro calls that list fields and values.
fn outside_tables<'a>(lines: &'a [&'a str]) -> impl Iterator<Item = &'a &'a str> {
    let mut in_table = false;
    lines.iter().filter(move |line| {
        let starts = line.starts_with("::wixgen_runtime::");
        in_table |= starts;
        let outside = !in_table;
        if in_table && line.ends_with(");") {
            in_table = false;
        }
        outside
    })
}
