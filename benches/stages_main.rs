//! Times the pipeline's stages once on a corpus written by `corpus`: `stages <DIR>`.
//! Reports the line-scan floor, the import (pages → IR), resolve + emit (tokens) and
//! prettyplease separately on one core, and the whole pipeline on all cores.

use std::path::Path;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: stages <DIR>"));
    let full = dir.join("full-docs.md");
    if std::env::args().nth(2).as_deref() == Some("--end-to-end") {
        // Alone, for its peak memory: page file → formatted Rust in memory.
        let import = wixgen::import::import(&[full], None).unwrap();
        let rendered = wixgen::Builder::new()
            .schema(import.packages.into_values().collect())
            .render()
            .unwrap();
        println!("{} files", rendered.files.len());
        return;
    }
    let text = std::fs::read_to_string(&full).unwrap();
    let mb = text.len() as f64 / 1e6;
    let (lines, scan) = timed(|| text.bytes().filter(|b| *b == b'\n').count());
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    // A first read warms the allocator and the page cache; the second one is timed.
    drop(one_core.install(|| wixgen::docs::read(&text, Path::new("full-docs.md"))));
    let (_, read_one) =
        timed(|| one_core.install(|| wixgen::docs::read(&text, Path::new("full-docs.md"))));
    let (_, read_all) = timed(|| wixgen::docs::read(&text, Path::new("full-docs.md")));
    let packages = wixgen_bench::read_packages(&text);
    let (model, resolve) = timed(|| one_core.install(|| wixgen::resolve::resolve(&packages)));
    let (tokens, emit) = timed(|| wixgen_bench::items(&model));
    let (bytes, format) = timed(|| {
        tokens
            .into_iter()
            .map(|t| wixgen::emit::format(t).unwrap().len())
            .sum::<usize>()
    });
    let (rendered, end_to_end) = timed(|| {
        let import = wixgen::import::import(std::slice::from_ref(&full), None).unwrap();
        wixgen::Builder::new()
            .schema(import.packages.into_values().collect())
            .render()
            .unwrap()
    });
    let secs = |d: Duration| d.as_secs_f64();
    println!(
        "input {mb:.1} MB, {lines} lines, {} methods",
        rendered.methods / 2
    );
    println!(
        "line scan          {:>8.3} s  {:>7.1} MB/s",
        secs(scan),
        mb / secs(scan)
    );
    println!(
        "import, 1 core     {:>8.3} s  {:>7.1} MB/s  ({:.1}x the scan)",
        secs(read_one),
        mb / secs(read_one),
        secs(read_one) / secs(scan)
    );
    println!(
        "import, all cores  {:>8.3} s  {:>7.1} MB/s",
        secs(read_all),
        mb / secs(read_all)
    );
    println!("resolve, 1 core    {:>8.3} s", secs(resolve));
    println!("emit, 1 core       {:>8.3} s", secs(emit));
    println!(
        "prettyplease, 1    {:>8.3} s  ({:.0}% of generation)",
        secs(format),
        100.0 * secs(format) / (secs(format) + secs(emit) + secs(resolve))
    );
    println!(
        "end to end, all    {:>8.3} s  ({} files, {:.1} MB of Rust)",
        secs(end_to_end),
        rendered.files.len(),
        bytes as f64 / 1e6
    );
}
