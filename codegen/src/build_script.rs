//! What a build script needs beyond the files: `cargo:warning=` lines, and a fingerprint of
//! what the last run read and wrote, so that a rerun with nothing changed writes nothing.

use std::path::Path;

/// Written beside the output of a build script: the inputs and outputs (path, size,
/// modification time) and the settings. When all are the same, `build` returns at once: a build
/// script that reruns with nothing changed costs a directory listing.
pub(crate) const FINGERPRINT_FILE: &str = ".wixgen-fingerprint";

/// How many warnings a build script shows; the rest are counted.
const CARGO_WARNINGS: usize = 20;

/// `cargo:warning=` lines for a build script: each warning once (on one line, as cargo shows a
/// line per instruction), at most 20 of them, then how many more there are.
pub fn cargo_warnings(warnings: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let unique: Vec<String> = warnings
        .iter()
        .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|w| seen.insert(w.clone()))
        .collect();
    let mut lines: Vec<String> = unique
        .iter()
        .take(CARGO_WARNINGS)
        .map(|w| format!("cargo:warning=wixgen: {w}"))
        .collect();
    if unique.len() > CARGO_WARNINGS {
        lines.push(format!(
            "cargo:warning=wixgen: … and {} more warnings (run `wixgen generate -v` to see all)",
            unique.len() - CARGO_WARNINGS
        ));
    }
    lines
}

/// Size and modification time of each file (relative to `dir`), one line each; a missing file
/// gives a line that matches nothing recorded.
pub(crate) fn files_fingerprint<'n>(dir: &Path, names: impl Iterator<Item = &'n str>) -> String {
    let mut text = String::new();
    for name in names {
        let stamp = std::fs::metadata(dir.join(name)).ok().and_then(|meta| {
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!("{} {}", meta.len(), modified.as_nanos()))
        });
        text.push_str(&format!(
            "{name} {}\n",
            stamp.as_deref().unwrap_or("missing")
        ));
    }
    text
}
