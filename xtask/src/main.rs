//! The repository's own tooling, run as `cargo xtask <command>` (an alias in
//! `.cargo/config.toml`).
//!
//! - `replay --pages <DIR> --cases <DIR> --out <DIR>`: generates bindings from the pages and
//!   replays recorded JS-SDK calls against them (see the README's section on checking bindings
//!   against recorded JS-SDK calls). Exit 0 when every case is identical or explained by a
//!   deliberate difference, 1 when one differs or cannot run, 2 on bad arguments.

mod replay;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask replay --pages <DIR> --cases <DIR> --out <DIR>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("replay") => match replay_options(&args[1..]) {
            Ok(options) => match replay::run(&options) {
                Ok(summary) => {
                    println!("{summary}");
                    if summary.passed() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            },
            Err(e) => {
                eprintln!("error: {e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `--pages`, `--cases` and `--out`, each required once.
fn replay_options(args: &[String]) -> Result<replay::Options, String> {
    let (mut pages, mut cases, mut out) = (None, None, None);
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let slot = match flag.as_str() {
            "--pages" => &mut pages,
            "--cases" => &mut cases,
            "--out" => &mut out,
            other => return Err(format!("unknown argument `{other}`")),
        };
        let value = iter.next().ok_or(format!("{flag} needs a directory"))?;
        *slot = Some(PathBuf::from(value));
    }
    Ok(replay::Options {
        pages: pages.ok_or("--pages is required")?,
        cases: cases.ok_or("--cases is required")?,
        out: out.ok_or("--out is required")?,
    })
}
