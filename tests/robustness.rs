//! No input panics the reader: arbitrary text, and real pages mutated at random.

mod support;

use proptest::prelude::*;
use std::path::Path;

/// The real pages: those in the schema fixture's `docs` and the seed fixtures, plus `../shared/wix-docs` when
/// present.
fn real_pages() -> &'static [String] {
    static PAGES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    PAGES.get_or_init(load_real_pages)
}

fn load_real_pages() -> Vec<String> {
    let mut dirs = vec![
        support::schema_fixture().join("docs"),
        support::repo().join("tests/fixtures/seed"),
    ];
    dirs.extend(support::shared_docs("robustness (shared pages)"));
    wixgen::import::collect_files(&dirs)
        .unwrap()
        .files
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

fn read_all(text: &str) {
    let (document, diagnostics) = wixgen::docs::read(text, Path::new("fuzz.md"));
    // Whatever was read must also survive the YAML round trip and generate valid Rust.
    let mut packages = Vec::new();
    for method in document.methods {
        let package = wixgen::schema::Package {
            package: method.package.clone(),
            methods: vec![method],
        };
        let yaml = wixgen::schema::to_yaml(&package).unwrap();
        assert_eq!(wixgen::schema::from_yaml(&yaml).unwrap(), package);
        packages.push(package);
    }
    if let Err(error) = wixgen::Builder::new().schema(packages).render() {
        panic!("generation failed: {error}");
    }
    for diagnostic in diagnostics {
        let _ = diagnostic.to_string();
    }
}

/// Fragments the format is made of, so that random text reaches deep into the reader.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("# Title\n# Package: p\n# Namespace: N\n".to_string()),
        Just("## REST API\n### Schema\n```\n".to_string()),
        Just("## JavaScript SDK\n### Schema\n```\n Method: a.b.c(x, options)\n".to_string()),
        Just("```\n".to_string()),
        Just(" Method: POST\n URL: https://www.wixapis.com/v1/{a.b}\n".to_string()),
        Just(" Method parameters:\n".to_string()),
        Just("   param name: x | type: x | description: d | required: true\n".to_string()),
        Just("     - name: y | type: array<Y>\n".to_string()),
        Just("    - ONE-OF: - required: true\n".to_string()),
        Just("          - enum:\n          -     A: a\n".to_string()),
        Just("          - enum: A, B\n".to_string()),
        Just(" Return type: PROMISE<R>\n  - name: _id | type: Date\n".to_string()),
        Just(" Possible Errors:\n   HTTP Code: 4 | Status Code: S | Application Code: C | Description: d\n".to_string()),
        Just("### Examples\n### t\n```curl\ncurl -X POST 'https://www.wixapis.com/v1' -d '{\"x\": [1]}'\n```\n".to_string()),
        Just("---\n".to_string()),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        read_all(&text);
    }

    #[test]
    fn text_built_from_format_fragments_never_panics(parts in prop::collection::vec(fragment(), 0..40)) {
        read_all(&parts.concat());
        read_all(&parts.concat().split_whitespace().collect::<Vec<_>>().join(" "));
    }

    #[test]
    fn mutated_real_pages_never_panic(
        page in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, "\\PC{0,8}"), 1..12),
    ) {
        let pages = real_pages();
        let mut text: Vec<char> = page.get(pages).chars().collect();
        for (at, kind, insert) in edits {
            if text.is_empty() {
                break;
            }
            let i = at.index(text.len());
            match kind {
                // Delete a run, insert text, duplicate a run, or drop a line break.
                0 => { text.drain(i..(i + 16).min(text.len())); }
                1 => { text.splice(i..i, insert.chars()); }
                2 => { let run: Vec<char> = text[i..(i + 64).min(text.len())].to_vec(); text.splice(i..i, run); }
                _ => { if let Some(nl) = text[i..].iter().position(|c| *c == '\n') { text[i + nl] = ' '; } }
            }
        }
        read_all(&text.into_iter().collect::<String>());
    }
}
