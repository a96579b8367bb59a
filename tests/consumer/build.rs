use std::io::Write;

fn main() {
    let out_dir = std::env::var("OUT_DIR").unwrap();
    // A marker for the test: one line per run of this script.
    let mut runs = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(format!("{out_dir}/build-runs.log"))
        .unwrap();
    writeln!(runs, "ran").unwrap();

    if let Err(error) = wixgen::Builder::new()
        .pages("pages")
        .variants(wixgen::Variants::Rest)
        .out_dir(&out_dir)
        .cargo_rerun(true)
        .build()
    {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
