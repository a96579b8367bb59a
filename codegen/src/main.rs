//! The `wixgen` command line.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wixgen::import::{self, OVERRIDES_FILE};

/// Exit codes: 0 success, 1 errors in the input (or stale output with --check), 2 usage.
#[derive(Parser)]
#[command(
    name = "wixgen",
    version,
    about = "Wix API reference pages → typed Rust bindings"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Read Wix method pages and write the schema IR as YAML, one file per package.
    #[command(after_help = "Examples:\n  \
        wixgen import ../shared/wix-docs --out schema\n  \
        wixgen import llms-full.txt --out schema\n  \
        wixgen import schema/docs --out schema --check   # exit 1 when schema/ is stale\n\n\
        DIR/overrides.yaml, when present, patches the imported IR on every import.")]
    Import {
        /// Page files (.md, or a concatenated full-docs file) or directories of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The schema directory to write.
        #[arg(long)]
        out: PathBuf,
        /// Write nothing; exit 1 when DIR differs from what import would write.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Import { paths, out, check } => run_import(&paths, &out, check, cli.quiet),
    }
}

fn run_import(paths: &[PathBuf], out: &Path, check: bool, quiet: bool) -> ExitCode {
    let overrides_path = out.join(OVERRIDES_FILE);
    let overrides_text = std::fs::read_to_string(&overrides_path).ok();
    let overrides = overrides_text
        .as_deref()
        .map(|text| (text, overrides_path.as_path()));
    let result = match import::import(paths, overrides) {
        Ok(result) => result,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for diagnostic in &result.diagnostics {
        if !quiet || diagnostic.is_error() {
            eprintln!("{diagnostic}\n");
        }
    }
    if !quiet {
        for line in &result.applied_overrides {
            eprintln!("override applied: {line}");
        }
        for (title, at) in &result.skipped {
            eprintln!("skipped page `{title}` ({}:{})", at.file.display(), at.line);
        }
    }
    let files = match result.render() {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: the schema could not be serialized: {e}");
            return ExitCode::from(1);
        }
    };
    let summary = result.summary();
    if check {
        return match import::stale_files(out, &files) {
            Ok(stale) if stale.is_empty() && !result.has_errors() => {
                if !quiet {
                    println!("{} is up to date: {summary}", out.display());
                }
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                for name in &stale {
                    eprintln!("stale: {}", out.join(name).display());
                }
                eprintln!(
                    "{} is not what `wixgen import` would write; run it without --check",
                    out.display()
                );
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("error: {}: {e}", out.display());
                ExitCode::from(2)
            }
        };
    }
    if let Err(e) = import::write(out, &files) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    if !quiet {
        println!(
            "wrote {} package files to {}: {summary}",
            files.len(),
            out.display()
        );
    }
    if result.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
