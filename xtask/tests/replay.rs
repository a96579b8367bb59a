//! `cargo xtask replay` end to end over `xtask/tests/fixtures/replay`: the report's format, an outcome
//! for every case, builder cases not run with their reason, the exit code, and the cases the
//! bindings already get right (`sdk-oracle`) passing.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn replays_the_fixture_and_reports_every_case() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/replay");
    // A stable directory, so that the scratch crate builds incrementally from run to run.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("replay-fixture");
    let status = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("replay")
        .arg("--pages")
        .arg(fixture.join("pages"))
        .arg("--cases")
        .arg(fixture.join("cases"))
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert!(out.join("report.md").is_file());

    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "cases",
            "deliberate",
            "differs",
            "identical",
            "not_run",
            "results"
        ]
    );
    let results = report["results"].as_array().unwrap();
    let case_files = std::fs::read_dir(fixture.join("cases"))
        .unwrap()
        .flat_map(|dir| std::fs::read_dir(dir.unwrap().path()).unwrap())
        .count();
    assert_eq!(results.len(), case_files);
    assert_eq!(report["cases"], case_files);
    let count = |outcome: &str| results.iter().filter(|r| r["outcome"] == outcome).count();
    for (key, outcome) in [
        ("identical", "identical"),
        ("deliberate", "deliberate"),
        ("differs", "differs"),
        ("not_run", "not-run"),
    ] {
        assert_eq!(report[key], count(outcome), "{key}");
    }
    for result in results {
        let keys: Vec<&str> = result
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["case", "differences", "outcome", "reason", "rules"],
            "{result}"
        );
        let case = result["case"].as_str().unwrap();
        for difference in result["differences"].as_array().unwrap() {
            assert!(["sdk", "rest"].contains(&difference["variant"].as_str().unwrap()));
            assert!(["request", "result"].contains(&difference["side"].as_str().unwrap()));
            assert!(!difference["path"].as_str().unwrap().is_empty(), "{case}");
        }
        // Query builders replay through the generated builder.
        if case.ends_with("__builder") {
            assert_ne!(result["outcome"], "not-run", "{result}");
        }
        if case.starts_with("sdk-oracle/") {
            assert!(
                ["identical", "deliberate"].contains(&result["outcome"].as_str().unwrap()),
                "{result}"
            );
        }
    }
    // The oracle's cursor `null` is not sent: a deliberate difference, named.
    let null_cursor = results
        .iter()
        .find(|r| r["case"] == "sdk-oracle/qrt1_null_cursor")
        .unwrap();
    assert!(null_cursor["rules"]
        .as_array()
        .unwrap()
        .contains(&"caller-null-not-sent".into()));
    let passed = report["differs"] == 0 && report["not_run"] == 0;
    assert_eq!(status.code(), Some(if passed { 0 } else { 1 }));
}
