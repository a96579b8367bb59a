//! wixgen's pipeline on generated corpora of 1,000 and 5,000 methods:
//!
//! - `scan`: the floor, counting the lines of the same bytes with memchr;
//! - `import/1-core`, `import/all-cores`: pages → IR;
//! - `resolve+emit/1-core`: IR → token streams; `prettyplease/1-core`: token streams → text;
//! - `end-to-end/all-cores`: page files → formatted Rust files in memory;
//! - `hostile/…`: shapes that were once quadratic — many pages collapsed onto one line, and a
//!   collapsed listing with an error on every field — at two sizes, to show the time is linear.
//!
//! Run with `cargo bench -p wixgen-bench`; BENCHMARKS.md has the numbers.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::path::{Path, PathBuf};
use std::time::Duration;
use wixgen::schema::Package;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZES: [usize; 2] = [1_000, 5_000];

/// The corpus as one file on disk, as `wixgen import llms-full.txt` reads it.
fn corpus_file(methods: usize, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("wixgen-bench-{methods}.md"));
    std::fs::write(&path, text).unwrap();
    path
}

fn pipeline(c: &mut Criterion) {
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    for methods in SIZES {
        let text = wixgen_bench::concatenated(methods, wixgen_bench::SEED);
        let mut group = c.benchmark_group(format!("{methods}-methods"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(8));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("scan", |b| {
            b.iter(|| memchr::memchr_iter(b'\n', text.as_bytes()).count())
        });
        group.bench_function("import/1-core", |b| {
            b.iter(|| one_core.install(|| wixgen::docs::read(&text, Path::new("corpus.md"))))
        });
        group.bench_function("import/all-cores", |b| {
            b.iter(|| wixgen::docs::read(&text, Path::new("corpus.md")))
        });

        let ir = wixgen_bench::read_packages(&text);
        group.bench_function("resolve+emit/1-core", |b| {
            b.iter_batched(
                || (),
                |()| {
                    let model = one_core.install(|| wixgen::resolve::resolve(&ir));
                    wixgen_bench::items(&model)
                },
                BatchSize::PerIteration,
            )
        });
        let model = wixgen::resolve::resolve(&ir);
        group.bench_function("prettyplease/1-core", |b| {
            b.iter_batched(
                || wixgen_bench::items(&model),
                |items| {
                    items
                        .into_iter()
                        .map(|i| wixgen::emit::format(i).unwrap().len())
                        .sum::<usize>()
                },
                BatchSize::PerIteration,
            )
        });
        let file = corpus_file(methods, &text);
        group.bench_function("end-to-end/all-cores", |b| {
            b.iter(|| {
                let import = wixgen::import::import(std::slice::from_ref(&file), None).unwrap();
                let packages: Vec<Package> = import.packages.into_values().collect();
                wixgen::Builder::new().schema(packages).render().unwrap()
            })
        });
        // A build script rerun with nothing changed: the fingerprint check alone.
        let schema = std::env::temp_dir().join(format!("wixgen-bench-schema-{methods}"));
        let out = std::env::temp_dir().join(format!("wixgen-bench-out-{methods}"));
        let _ = std::fs::remove_dir_all(&schema);
        std::fs::create_dir_all(&schema).unwrap();
        for package in &ir {
            let yaml = wixgen::schema::to_yaml(package).unwrap();
            std::fs::write(
                schema.join(wixgen::import::file_name(&package.package)),
                yaml,
            )
            .unwrap();
        }
        let builder = wixgen::Builder::new()
            .schema_dir(&schema)
            .out_dir(&out)
            .cargo_features(true)
            .cargo_rerun(true);
        builder.clone().build().unwrap();
        group.throughput(Throughput::Elements(1));
        group.bench_function("build-rs-no-op", |b| {
            b.iter(|| assert!(builder.up_to_date().is_some()))
        });
        group.finish();
    }
}

/// The seed's pages with their line breaks collapsed to spaces, `pages` of them on one line.
fn collapsed_pages(pages: usize) -> String {
    let page = wixgen_bench::concatenated(1, wixgen_bench::SEED).replace('\n', " ");
    vec![page; pages].join(" ")
}

/// One collapsed page whose listing holds `fields` lines, every other one an error.
fn collapsed_errors(fields: usize) -> String {
    let lines: Vec<String> = (0..fields)
        .map(|i| {
            if i % 2 == 0 {
                format!("param name: bad{i} | tpe: ??")
            } else {
                format!("- name: f{i} | type: NoSuch{i} | description: x")
            }
        })
        .collect();
    format!(
        "# M # Package: p # Namespace: N ## REST API ### Schema ``` Method: m URL: https://www.wixapis.com/x Method: POST Method parameters: {} Return type: R ``` ---",
        lines.join(" ")
    )
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for pages in [200, 1_600] {
        let text = collapsed_pages(pages);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{pages}-pages-on-one-line"), |b| {
            b.iter(|| wixgen::docs::read(&text, Path::new("one-line.md")))
        });
    }
    for fields in [2_500, 20_000] {
        let text = collapsed_errors(fields);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(
            format!("collapsed-listing-{}kb-of-errors", text.len() >> 10),
            |b| b.iter(|| wixgen::docs::read(&text, Path::new("errors.md"))),
        );
    }
    group.finish();
}

criterion_group!(benches, pipeline, hostile);
criterion_main!(benches);
