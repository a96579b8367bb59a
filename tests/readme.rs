//! The README's snippets that are not Rust (those compile as doctests of `wix-api`): the
//! overrides example applies to the repository's pages, the dependency snippets enable what the
//! Rust snippets use at the crates' versions, and the commands name real packages, examples and
//! CLI arguments.

mod support;

use std::collections::BTreeSet;
use std::process::Command;
use wixgen::Builder;

fn readme() -> String {
    std::fs::read_to_string(support::repo().join("README.md")).unwrap()
}

/// The fenced blocks of `text` whose info string is `lang` (or starts with `lang,`).
fn blocks(text: &str, lang: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Inside a block: `Some(text)` for one of `lang`, `None` for another language's.
    let mut inside: Option<Option<String>> = None;
    for line in text.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut inside, fence) {
            (None, Some(info)) => {
                let wanted = info == lang || info.starts_with(&format!("{lang},"));
                inside = Some(wanted.then(String::new));
            }
            (Some(block), Some(_)) => {
                found.extend(block.take());
                inside = None;
            }
            (Some(Some(block)), None) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    found
}

/// A crate's `version` from its manifest.
fn version(manifest: &str) -> String {
    let text = std::fs::read_to_string(support::repo().join(manifest)).unwrap();
    let line = text.lines().find(|l| l.starts_with("version = ")).unwrap();
    line.trim_start_matches("version = ")
        .trim_matches('"')
        .to_string()
}

#[test]
fn the_overrides_example_applies_to_the_repository_pages() {
    let text = readme();
    let yaml = blocks(&text, "yaml")
        .into_iter()
        .find(|b| b.contains("rename_type:"))
        .expect("the overrides example");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("overrides.yaml");
    std::fs::write(&path, &yaml).unwrap();
    let patches = wixgen::overrides::parse(&yaml, &path).unwrap();
    assert_eq!(patches.len(), 3);

    let rendered = Builder::new()
        .pages(support::repo().join("schema/docs"))
        .overrides(&path)
        .render()
        .unwrap_or_else(|e| panic!("{e}"));
    let sdk = rendered
        .files
        .iter()
        .find(|(file, _)| file.ends_with("time_slots_sdk.rs"))
        .map(|(_, code)| code)
        .unwrap();
    assert!(sdk.contains("pub struct ResourceTypeFilter {"));
}

#[test]
fn the_dependency_snippets_enable_what_the_rust_snippets_use_at_the_crates_versions() {
    let text = readme();
    let toml = blocks(&text, "toml");
    let wix_api = toml
        .iter()
        .flat_map(|b| b.lines())
        .find(|l| l.starts_with("wix-api = "))
        .expect("a wix-api dependency");
    let (model, _) = Builder::new()
        .schema_dir(support::repo().join("schema"))
        .model()
        .unwrap();
    for snippet in blocks(&text, "rust") {
        for package in &model.packages {
            let module = package.module.bare();
            if snippet.contains(&format!("wix_api::{module}::")) {
                assert!(
                    wix_api.contains(&format!("\"{}\"", package.feature)),
                    "a README snippet uses `wix_api::{module}`; `{wix_api}` lacks its feature"
                );
            }
        }
    }

    let versions = [
        ("wix-api", version("generated/Cargo.toml")),
        ("wixgen-runtime", version("generated/runtime/Cargo.toml")),
        ("wixgen", version("codegen/Cargo.toml")),
    ];
    let mut seen = BTreeSet::new();
    for line in toml.iter().flat_map(|b| b.lines()) {
        let Some((name, spec)) = line.split_once(" = ") else {
            continue;
        };
        if let Some((_, version)) = versions.iter().find(|(crate_, _)| *crate_ == name) {
            assert!(
                spec.starts_with(&format!("\"{version}\""))
                    || spec.contains(&format!("version = \"{version}\"")),
                "{line}: not the crate's version {version}"
            );
            seen.insert(name);
        }
    }
    assert_eq!(seen.len(), versions.len(), "every published crate is shown");
}

/// Every command line of the README: fenced `sh` lines, workflow `run:` lines and inline code.
fn commands(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = blocks(text, "sh")
        .iter()
        .flat_map(|b| b.lines().map(String::from))
        .collect();
    lines.extend(
        blocks(text, "yaml")
            .iter()
            .flat_map(|b| b.lines())
            .filter_map(|l| l.trim_start().strip_prefix("- run: ").map(String::from)),
    );
    lines.extend(text.split('`').skip(1).step_by(2).map(String::from));
    lines
        .into_iter()
        .map(|l| l.split(" #").next().unwrap_or_default().trim().to_string())
        .map(|l| {
            l.split(['>', '|'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        // Environment settings before the command.
        .map(|l| {
            l.split_whitespace()
                .skip_while(|w| w.contains('=') && !w.starts_with('-'))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| l.starts_with("cargo ") || l.starts_with("wixgen "))
        .collect()
}

#[test]
fn the_commands_name_real_packages_examples_and_cli_arguments() {
    let text = readme();
    let members = ["wixgen", "wix-api", "wixgen-runtime", "wixgen-bench"];
    let commands = commands(&text);
    assert!(commands.iter().any(|c| c == "cargo install --path codegen"));
    let mut checked = 0;
    for command in &commands {
        let words: Vec<&str> = command.split_whitespace().collect();
        if let Some(at) = words.iter().position(|w| *w == "-p") {
            let package = words.get(at + 1).copied().unwrap_or_default();
            assert!(
                members.contains(&package),
                "{command}: no package `{package}`"
            );
        }
        if let Some(at) = words.iter().position(|w| *w == "--example") {
            let example = words.get(at + 1).copied().unwrap_or_default();
            let file = support::repo().join(format!("generated/examples/{example}.rs"));
            assert!(file.is_file(), "{command}: no example `{example}`");
        }
        if let Some(at) = words.iter().position(|w| *w == "--path") {
            let dir = words.get(at + 1).copied().unwrap_or_default();
            let manifest = std::fs::read_to_string(support::repo().join(dir).join("Cargo.toml"));
            assert!(
                manifest.is_ok_and(|m| m.contains("[[bin]]")),
                "{command}: `{dir}` has no binary to install"
            );
        }
        // The generator's own arguments, up to a placeholder: clap rejects an unknown one
        // before it shows the help.
        let args: Vec<&str> = match words.iter().position(|w| *w == "--") {
            Some(at) if command.contains("-p wixgen ") => words[at + 1..].to_vec(),
            _ if words.first() == Some(&"wixgen") => words[1..].to_vec(),
            _ => continue,
        };
        let args: Vec<&str> = args
            .into_iter()
            .take_while(|a| !a.contains(['<', '…', '[']))
            .collect();
        if args.first().is_none_or(|a| a.starts_with('-')) {
            continue;
        }
        let run = Command::new(env!("CARGO_BIN_EXE_wixgen"))
            .args(&args)
            .arg("--help")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} wixgen commands found");
}
