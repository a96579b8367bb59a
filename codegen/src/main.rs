//! The `wixgen` command line.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wixgen::diagnostics::{self, counted, Diagnostic};
use wixgen::import::{self, OVERRIDES_FILE};
use wixgen::{Builder, Layout, Variants};

// The reader and the emitter allocate many small strings and token trees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The default schema (`schema/*.yaml`), embedded by build.rs when the CLI is built.
const DEFAULT_SCHEMA: &str = include_str!(concat!(env!("OUT_DIR"), "/default_schema.yaml"));

/// The `--schema` value that names the embedded default schema.
const EMBEDDED: &str = "embedded";

/// The schema `wixgen diff` compares with git:HEAD when given no sides.
const DEFAULT_DIFF_NEW: &str = "schema";

/// Where `wixgen` without arguments writes.
const DEFAULT_OUT: &str = "wixgen-out";

const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  errors in the input, or stale output (--check, check)\n  2  usage: bad arguments, missing paths, unwritable output";

/// Wix API reference pages → typed Rust bindings.
///
/// Without a subcommand, generates bindings for the embedded default schema (the schema this
/// wixgen was built with) into ./wixgen-out, whatever the current directory holds.
#[derive(Parser)]
#[command(name = "wixgen", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print every file read and written, and the generator's own decisions.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Read Wix method pages and write the schema (YAML), one file per package.
    #[command(after_help = "Examples:\n  \
        wixgen import ../shared/wix-docs --out schema\n  \
        wixgen import llms-full.txt --out schema\n  \
        wixgen import schema/docs --out schema --check   # exit 1 when schema/ is stale\n\n\
        DIR/overrides.yaml, when present, patches the imported schema on every import.\n\
        With errors, nothing is written (see --keep-going); reading no page at all is an error.")]
    Import(ImportArgs),
    /// Write Rust bindings as a module tree to check in (mod.rs, <package>/rest.rs, …).
    #[command(after_help = "Examples:\n  \
        wixgen generate --out src/wix\n  \
        wixgen generate --schema schema --out src/wix --variant rest --package referralProgram\n\n\
        Then `#[allow(dead_code)] mod wix;` in src/main.rs or src/lib.rs (the line printed after\n\
        generating has the `#[path]` for another directory), with the `wix-api` crate as a\n\
        dependency. The options given are recorded in DIR/.wixgen-manifest for `wixgen check`.")]
    Generate(GenerateArgs),
    /// Download Wix method pages (a method page, a menu of them, or a full-docs file).
    #[command(after_help = "Examples:\n  \
        wixgen fetch https://dev.wix.com/docs/api-reference/business-management/marketing/referral-program/referred-friends/create-referred-friend --out schema/docs\n  \
        wixgen fetch https://dev.wix.com/docs/api-reference/business-solutions/bookings.md --out schema/docs   # a menu: every method under it\n  \
        wixgen fetch --refresh schema/docs             # every page again, from its own `# Method link:`\n\n\
        Pages keep their ETag/Last-Modified in DIR/.wixgen-fetch.json: an unchanged portal costs no\n\
        downloads, and only changed files are rewritten. Exit 1 when a page is gone (404) or a URL failed.")]
    Fetch(FetchArgs),
    /// What changed in the API between two schemas, each change classed breaking or additive.
    #[command(
        after_help = "Each side is a schema directory or git:REV (the schema/ directory at that\n\
        revision, read with the git command line; git:REV:PATH for another directory).\n\n\
        Examples:\n  \
        wixgen diff                                    # git:HEAD against ./schema\n  \
        wixgen diff --format markdown > api-changes.md # a pull-request comment\n  \
        wixgen diff git:main schema --fail-on breaking # in CI\n  \
        wixgen diff old-schema new-schema --format json"
    )]
    Diff(DiffArgs),
    /// Exit 1, naming the stale files, when checked-in bindings differ from what generate writes.
    #[command(after_help = "Examples:\n  \
        wixgen check --out src/wix                       # in CI\n  \
        wixgen check --schema schema --out src/wix --variant rest\n\n\
        The options `wixgen generate` was given (recorded in DIR/.wixgen-manifest) are used;\n\
        an option given here replaces the recorded one.")]
    Check(GenerateArgs),
}

#[derive(clap::Args)]
struct ImportArgs {
    /// Page files (.md, or a concatenated full-docs file) or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The schema directory to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write nothing; exit 1 when DIR differs from what import would write.
    #[arg(long)]
    check: bool,
    /// Write despite errors: pages that import are written, and a method whose page failed
    /// keeps its previously imported version (exit code 1 all the same).
    #[arg(long)]
    keep_going: bool,
}

#[derive(clap::Args)]
struct FetchArgs {
    /// Page URLs (with or without `.md`), menu pages or full-docs files.
    #[arg(required_unless_present = "refresh")]
    urls: Vec<String>,
    /// Where the pages go, one file per method.
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "refresh",
        conflicts_with = "refresh"
    )]
    out: Option<PathBuf>,
    /// Fetch every page in DIR again and say which changed, which are new and which are gone.
    #[arg(long, value_name = "DIR")]
    refresh: Option<PathBuf>,
    /// Replaces https://dev.wix.com in every URL (a mirror; plain http only for loopback).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Requests at a time.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
}

#[derive(clap::Args)]
struct DiffArgs {
    /// The schema before: a directory or git:REV.
    #[arg(default_value = "git:HEAD")]
    old: String,
    /// The schema after: a directory or git:REV.
    #[arg(default_value = DEFAULT_DIFF_NEW)]
    new: String,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Exit 1 when a change of this kind is present.
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any change at all.
    Any,
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// The schema directory, or `embedded` for the schema this wixgen was built with. Defaults
    /// to ./schema when that directory exists, else the embedded schema. A schema without
    /// package files is an error.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,
    /// Where the module tree goes.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Which naming to generate [default: both].
    #[arg(long, value_enum)]
    variant: Option<VariantArg>,
    /// Only this package (its Wix name, e.g. referralProgram); may be repeated.
    #[arg(long = "package", value_name = "NAME")]
    packages: Vec<String>,
    /// Also generate typed mocks (a `mock` module per variant), which need the runtime's
    /// `testing` feature.
    #[arg(long)]
    mocks: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum VariantArg {
    Rest,
    Sdk,
    Both,
}

/// How much to print, and whether in colour.
struct Report {
    quiet: bool,
    verbose: bool,
    color: bool,
}

impl Report {
    fn paint(&self, code: &str, text: &str) -> String {
        diagnostics::paint(self.color, code, text)
    }

    fn diagnostic(&self, diagnostic: &Diagnostic) {
        if !self.quiet || diagnostic.is_error() {
            eprintln!("{}\n", diagnostic.render(self.color));
        }
    }

    fn warning(&self, text: &str) {
        if !self.quiet {
            eprintln!("{}: {text}", self.paint("1;33", "warning"));
        }
    }

    /// Whether each of `count` warnings is printed: with `--verbose`, or when they are few;
    /// otherwise [`Report::warning_kinds`] counts them.
    fn lists_warnings(&self, count: usize) -> bool {
        const FEW: usize = 10;
        self.verbose || count <= FEW
    }

    /// How many warnings of each kind there were, unless each was printed.
    fn warning_kinds<'m>(&self, messages: impl Iterator<Item = &'m str>) {
        let messages: Vec<&str> = messages.collect();
        if self.quiet || self.lists_warnings(messages.len()) {
            return;
        }
        eprintln!(
            "{}: {} warnings, by kind (`--verbose` lists each where it is):",
            self.paint("1;33", "warning"),
            messages.len()
        );
        for (count, kind) in import::warning_kinds(messages) {
            eprintln!("{count:>6}  {kind}");
        }
    }

    fn error(&self, text: &str) {
        eprintln!("{}: {text}", self.paint("1;31", "error"));
    }

    fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    fn note(&self, text: &str) {
        if self.verbose {
            eprintln!("{text}");
        }
    }

    fn summary(&self, text: &str) {
        if !self.quiet {
            println!("{text}");
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let report = Report {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Some(Command::Import(args)) => run_import(&args, &report),
        Some(Command::Generate(args)) => run_generate(&args, &report),
        Some(Command::Check(args)) => run_check(&args, &report),
        Some(Command::Diff(args)) => run_diff(&args, &report),
        Some(Command::Fetch(args)) => run_fetch(&args, &report),
        None => {
            let args = GenerateArgs {
                schema: Some(PathBuf::from(EMBEDDED)),
                out: PathBuf::from(DEFAULT_OUT),
                variant: None,
                packages: Vec::new(),
                mocks: false,
            };
            run_generate(&args, &report)
        }
    }
}

fn run_import(args: &ImportArgs, report: &Report) -> ExitCode {
    let out = args.out.as_path();
    if out.exists() && !out.is_dir() {
        report.error(&format!("--out {}: not a directory", out.display()));
        return ExitCode::from(2);
    }
    let inputs = match import::collect_files(&args.paths) {
        Ok(inputs) => inputs,
        Err(e) => {
            report.error(&e.to_string());
            return ExitCode::from(2);
        }
    };
    for warning in &inputs.warnings {
        report.warning(warning);
    }
    let overrides_path = out.join(OVERRIDES_FILE);
    let overrides_text = match std::fs::read_to_string(&overrides_path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            report.error(&format!(
                "{}: cannot be read: {e}",
                overrides_path.display()
            ));
            return ExitCode::from(2);
        }
    };
    let overrides = overrides_text
        .as_deref()
        .map(|text| (text, overrides_path.as_path()));
    let bar = progress_bar(&inputs.files, report);
    for file in &inputs.files {
        report.note(&format!("reading {}", file.display()));
    }
    let result = import::import_files(&inputs.files, overrides, &mut |bytes| {
        if let Some(bar) = &bar {
            bar.inc(bytes);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut result = match result {
        Ok(result) => result,
        Err(e) => {
            report.error(&e.to_string());
            return ExitCode::from(2);
        }
    };
    let warnings = result.diagnostics.iter().filter(|d| !d.is_error()).count();
    for diagnostic in &result.diagnostics {
        if diagnostic.is_error() || report.lists_warnings(warnings) {
            report.diagnostic(diagnostic);
        }
    }
    report.warning_kinds(
        result
            .diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .map(|d| d.message.as_str()),
    );
    for line in &result.applied_overrides {
        report.info(&format!("override applied: {line}"));
    }
    for (title, at) in &result.skipped {
        report.warning(&format!(
            "skipped page `{title}` ({}:{})",
            at.file.display(),
            at.line
        ));
    }
    if result.pages == 0 {
        report.error(&format!(
            "no pages found in {}; nothing written",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return ExitCode::from(1);
    }
    let failed = result.has_errors();
    if failed && args.keep_going && !args.check {
        let previous = match wixgen::load_schema(out) {
            Ok((packages, _)) => packages,
            Err(_) if !out.exists() => Vec::new(),
            Err(e) => {
                report.error(&format!("the previous schema cannot be read: {e}"));
                return ExitCode::from(1);
            }
        };
        for line in result.keep_previous(previous) {
            report.warning(&line);
        }
    }
    let files = match result.render() {
        Ok(files) => files,
        Err(e) => {
            report.error(&format!("the schema could not be serialized: {e}"));
            return ExitCode::from(1);
        }
    };
    let summary = result.summary();
    if args.check {
        let stale = import::stale_files(out, &files);
        if stale.is_empty() && !failed {
            report.summary(&format!("{} is up to date: {summary}", out.display()));
            return ExitCode::SUCCESS;
        }
        for file in &stale {
            eprintln!("stale: {file}");
        }
        report.error(&format!(
            "{} is not what `wixgen import` would write; run it without --check",
            out.display()
        ));
        return ExitCode::from(1);
    }
    if failed && !args.keep_going {
        report.error(&format!(
            "{}; nothing written to {} (--keep-going writes the pages that imported)",
            counted(summary.errors, "error"),
            out.display()
        ));
        return ExitCode::from(1);
    }
    if let Err(e) = import::write(out, &files) {
        report.error(&format!("{}: {e}", out.display()));
        return ExitCode::from(2);
    }
    for (name, _) in &files {
        report.note(&format!("wrote {}", out.join(name).display()));
    }
    report.summary(&format!(
        "wrote {} to {}: {summary}",
        counted(files.len(), "package file"),
        out.display()
    ));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A progress bar over bytes read, on a terminal and for inputs worth waiting for.
fn progress_bar(files: &[PathBuf], report: &Report) -> Option<indicatif::ProgressBar> {
    const LARGE: u64 = 4 << 20;
    let total: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    if report.quiet || total < LARGE || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {bytes}/{total_bytes} {binary_bytes_per_sec} {eta}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// A builder for the arguments: the given schema, else ./schema, else the embedded one.
fn builder(args: &GenerateArgs, report: &Report) -> Result<Builder, ExitCode> {
    if args.out.exists() && !args.out.is_dir() {
        report.error(&format!("--out {}: not a directory", args.out.display()));
        return Err(ExitCode::from(2));
    }
    let mut builder = Builder::new()
        .out_dir(&args.out)
        .layout(Layout::ModuleTree)
        .mocks(args.mocks);
    let schema = match &args.schema {
        Some(dir) if dir.as_os_str() == EMBEDDED => None,
        Some(dir) if !dir.is_dir() => {
            report.error(&format!("--schema {}: no such directory", dir.display()));
            return Err(ExitCode::from(2));
        }
        Some(dir) => Some(dir.as_path()),
        None => Some(Path::new("schema")).filter(|dir| dir.is_dir()),
    };
    builder = match schema {
        Some(dir) => {
            report.note(&format!("using the schema in {}", dir.display()));
            builder.schema_dir(dir)
        }
        None => match embedded_schema() {
            Ok(packages) if !packages.is_empty() => {
                report.note("using the embedded default schema");
                builder.schema(packages)
            }
            Ok(_) => {
                report.error(
                    "no schema: pass --schema DIR (this wixgen has no embedded default schema)",
                );
                return Err(ExitCode::from(2));
            }
            Err(e) => {
                report.error(&e);
                return Err(ExitCode::from(1));
            }
        },
    };
    builder = builder.variants(variants(args.variant.unwrap_or(VariantArg::Both)));
    for package in &args.packages {
        builder = builder.package(package);
    }
    Ok(builder)
}

fn variants(arg: VariantArg) -> Variants {
    match arg {
        VariantArg::Rest => Variants::Rest,
        VariantArg::Sdk => Variants::Sdk,
        VariantArg::Both => Variants::Both,
    }
}

/// The exit code for a builder error: 2 for the environment, 1 for the input.
fn exit_code(error: &wixgen::Error) -> ExitCode {
    match error.kind {
        wixgen::ErrorKind::Environment => ExitCode::from(2),
        wixgen::ErrorKind::Input => ExitCode::from(1),
    }
}

fn embedded_schema() -> Result<Vec<wixgen::schema::Package>, String> {
    let path = Path::new("<embedded schema>");
    DEFAULT_SCHEMA
        .split("---\n")
        .filter(|doc| !doc.trim().is_empty())
        .map(|doc| wixgen::parse_schema(doc, path).map_err(|e| e.to_string()))
        .collect()
}

fn run_generate(args: &GenerateArgs, report: &Report) -> ExitCode {
    let builder = match builder(args, report) {
        Ok(builder) => builder,
        Err(code) => return code,
    };
    match builder.build() {
        Ok(rendered) => {
            if report.lists_warnings(rendered.warnings.len()) {
                for warning in &rendered.warnings {
                    report.warning(warning);
                }
            }
            report.warning_kinds(rendered.warnings.iter().map(String::as_str));
            for (file, _) in &rendered.files {
                report.note(&format!("wrote {}", args.out.join(file).display()));
            }
            if let Err(e) = wixgen::record_arguments(&args.out, &generation_arguments(args)) {
                report.error(&format!("{}: {e}", args.out.display()));
                return ExitCode::from(2);
            }
            let variant = args.variant.unwrap_or(VariantArg::Both);
            report.summary(&format!(
                "generated {}, {} ({}) into {} ({})\n{}",
                counted(rendered.packages, "package"),
                counted(rendered.methods, "client method"),
                match variant {
                    VariantArg::Rest => "REST naming",
                    VariantArg::Sdk => "SDK naming",
                    VariantArg::Both => "REST and SDK naming",
                },
                args.out.display(),
                counted(rendered.files.len(), "file"),
                module_hint(&args.out),
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            report.error(&e.to_string());
            exit_code(&e)
        }
    }
}

/// The options that choose what `generate` writes (not `--out`), as recorded for `check`.
fn generation_arguments(args: &GenerateArgs) -> String {
    let mut words = Vec::new();
    if let Some(schema) = &args.schema {
        words.extend(["--schema".to_string(), schema.display().to_string()]);
    }
    if let Some(variant) = args.variant {
        let name = variant
            .to_possible_value()
            .map(|v| v.get_name().to_string());
        words.extend(["--variant".to_string(), name.unwrap_or_default()]);
    }
    for package in &args.packages {
        words.extend(["--package".to_string(), package.clone()]);
    }
    if args.mocks {
        words.push("--mocks".to_string());
    }
    shell_words::join(words)
}

/// `args` completed by the options recorded by the `generate` that wrote `--out`: an option
/// given on the command line wins.
fn with_recorded_arguments(args: &GenerateArgs, report: &Report) -> GenerateArgs {
    let given = GenerateArgs {
        schema: args.schema.clone(),
        out: args.out.clone(),
        variant: args.variant,
        packages: args.packages.clone(),
        mocks: args.mocks,
    };
    let Some(recorded) = wixgen::recorded_arguments(&args.out) else {
        return given;
    };
    let parsed = shell_words::split(&recorded)
        .map_err(|e| e.to_string())
        .and_then(|words| {
            let command = ["wixgen", "check", "--out", "."].map(String::from);
            Cli::try_parse_from(command.into_iter().chain(words)).map_err(|e| e.to_string())
        });
    let recorded = match parsed {
        Ok(Cli {
            command: Some(Command::Check(recorded)),
            ..
        }) => recorded,
        Ok(_) => return given,
        Err(e) => {
            report.warning(&format!(
                "{}: the recorded `generate` options cannot be read ({}); using only those given",
                args.out.join(wixgen::MANIFEST).display(),
                e.lines().next().unwrap_or_default()
            ));
            return given;
        }
    };
    report.note(&format!(
        "recorded options: {}",
        generation_arguments(&recorded)
    ));
    GenerateArgs {
        schema: given.schema.or(recorded.schema),
        variant: given.variant.or(recorded.variant),
        packages: if given.packages.is_empty() {
            recorded.packages
        } else {
            given.packages
        },
        out: given.out,
        mocks: given.mocks || recorded.mocks,
    }
}

/// How to use the module tree in `out` from the crate's `src/main.rs` or `src/lib.rs`, as it is
/// pasted there: a `#[path]` is relative to the directory of the file that holds it. The allow
/// keeps a private module quiet about the API it does not call.
fn module_hint(out: &Path) -> String {
    const ALLOW: &str = "#[allow(dead_code)]";
    let out = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| is_identifier(n))
        .unwrap_or("wix");
    // The crate whose src/ holds main.rs or lib.rs (not a virtual workspace manifest).
    let root = out
        .ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("src").is_dir());
    let Some(root) = root else {
        return format!(
            "use it with `{ALLOW} #[path = \"{}\"] mod {name};` and the `wix-api` crate as a dependency",
            out.join("mod.rs").display()
        );
    };
    let src = root.join("src");
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .and_then(|cwd| src.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| src.clone());
    let files = format!("{0}/main.rs or {0}/lib.rs", shown.display());
    let module = if out.parent() == Some(src.as_path()) && out.file_name() == Some(name.as_ref()) {
        format!("{ALLOW} mod {name};")
    } else {
        let relative = match out.strip_prefix(&src) {
            Ok(inside) => inside.to_path_buf(),
            Err(_) => match out.strip_prefix(root) {
                Ok(beside) => Path::new("..").join(beside),
                Err(_) => out.clone(),
            },
        };
        let path = relative.join("mod.rs").to_string_lossy().replace('\\', "/");
        format!("{ALLOW} #[path = \"{path}\"] mod {name};")
    };
    format!("use it with `{module}` in {files}, and the `wix-api` crate as a dependency")
}

/// Whether `name` can name a module as it is (an identifier, not a keyword).
fn is_identifier(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok()
}

fn run_check(args: &GenerateArgs, report: &Report) -> ExitCode {
    let args = &with_recorded_arguments(args, report);
    let builder = match builder(args, report) {
        Ok(builder) => builder,
        Err(code) => return code,
    };
    match builder.stale() {
        Ok(stale) if stale.is_empty() => {
            report.summary(&format!("{} is up to date", args.out.display()));
            ExitCode::SUCCESS
        }
        Ok(stale) => {
            for file in &stale {
                eprintln!("stale: {file}");
            }
            report.error(&format!(
                "{} differs from what `wixgen generate` writes; run it and commit the result",
                args.out.display()
            ));
            ExitCode::from(1)
        }
        Err(e) => {
            report.error(&e.to_string());
            exit_code(&e)
        }
    }
}

fn run_diff(args: &DiffArgs, report: &Report) -> ExitCode {
    let sides = load_side(&args.old).and_then(|old| Ok((old, load_side(&args.new)?)));
    let (old, new) = match sides {
        Ok(sides) => sides,
        Err(e) => {
            report.error(&e);
            return ExitCode::from(2);
        }
    };
    let changes = wixgen::diff::diff(&old, &new);
    let out = match args.format {
        DiffFormat::Text => {
            wixgen::diff::text(&changes, report.color && std::io::stdout().is_terminal())
        }
        DiffFormat::Markdown => wixgen::diff::markdown(&changes),
        DiffFormat::Json => wixgen::diff::json(&changes),
    };
    print!("{out}");
    let (breaking, _) = wixgen::diff::counts(&changes);
    let failed = match args.fail_on {
        Some(FailOn::Breaking) => breaking > 0,
        Some(FailOn::Any) => !changes.is_empty(),
        None => false,
    };
    if failed {
        report.error(&format!(
            "{} ({breaking} breaking) between {} and {}",
            counted(changes.len(), "change"),
            args.old,
            args.new
        ));
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One side of a diff: a schema directory, or `git:REV[:PATH]` (PATH defaults to `schema`,
/// relative to the current directory), read through the git command line.
fn load_side(spec: &str) -> Result<Vec<wixgen::schema::Package>, String> {
    const INSTEAD: &str = "pass two schema directories (`wixgen diff OLD_DIR NEW_DIR`)";
    let Some(git) = spec.strip_prefix("git:") else {
        let dir = Path::new(spec);
        if !dir.is_dir() {
            let hint = if spec == DEFAULT_DIFF_NEW {
                format!("; run wixgen diff at the top of the repository, or {INSTEAD}")
            } else {
                String::new()
            };
            return Err(format!("{spec}: no such schema directory{hint}"));
        }
        return wixgen::load_schema(dir)
            .map(|(packages, _)| packages)
            .map_err(|e| e.to_string());
    };
    let (rev, path) = git.split_once(':').unwrap_or((git, "schema"));
    let run = |args: &[&str]| -> Result<String, String> {
        let output = std::process::Command::new("git")
            .args(args)
            .output()
            .map_err(|e| format!("{spec}: git could not be run ({e}); {INSTEAD}"))?;
        if !output.status.success() {
            return Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        String::from_utf8(output.stdout).map_err(|e| format!("git {}: {e}", args.join(" ")))
    };
    // Said plainly, before git's own words: the usual mistake is running outside the repository.
    if run(&["rev-parse", "--is-inside-work-tree"]).is_err() {
        return Err(format!(
            "{spec} reads the schema from git, but {} is not inside a git repository: run wixgen \
             diff inside the repository, or {INSTEAD}",
            std::env::current_dir().map_or(".".into(), |d| d.display().to_string())
        ));
    }
    if run(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])
    .is_err()
    {
        return Err(format!(
            "{spec}: `{rev}` is no commit in this repository (none made yet?); {INSTEAD}"
        ));
    }
    // The path is relative to the current directory; the names listed are from the top.
    let dir = format!("{}/", path.trim_end_matches('/'));
    let listing = run(&["ls-tree", "--full-name", "--name-only", rev, "--", &dir])?;
    let mut packages = Vec::new();
    for file in listing
        .lines()
        .filter(|f| f.ends_with(".yaml") && !f.ends_with(&format!("/{OVERRIDES_FILE}")))
    {
        let text = run(&["show", &format!("{rev}:{file}")])?;
        let shown = format!("{rev}:{file}");
        packages.push(wixgen::parse_schema(&text, Path::new(&shown)).map_err(|e| e.to_string())?);
    }
    Ok(packages)
}

fn run_fetch(args: &FetchArgs, report: &Report) -> ExitCode {
    let options = wixgen::fetch::Options {
        base_url: args.base_url.clone(),
        concurrency: args.concurrency,
        ..Default::default()
    };
    let bar = (!report.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("fetching");
        bar
    });
    let progress = || {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let (dir, result) = match (&args.refresh, &args.out) {
        (Some(dir), _) => (dir, wixgen::fetch::refresh(dir, options, &progress)),
        (None, Some(dir)) => (
            dir,
            wixgen::fetch::fetch(&args.urls, dir, options, &progress),
        ),
        (None, None) => {
            report.error("give --out DIR with the URLs, or --refresh DIR");
            return ExitCode::from(2);
        }
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let fetched = match result {
        Ok(fetched) => fetched,
        Err(e) => {
            report.error(&e);
            return ExitCode::from(2);
        }
    };
    for (label, list) in [
        ("new", &fetched.new),
        ("changed", &fetched.changed),
        ("gone (404; the file is kept)", &fetched.gone),
        ("skipped", &fetched.skipped),
        ("failed", &fetched.failed),
    ] {
        for item in list {
            println!("{label}: {item}");
        }
    }
    for item in &fetched.unchanged {
        report.note(&format!("unchanged: {item}"));
    }
    report.summary(&format!(
        "{}: {} new, {} changed, {} unchanged, {} gone, {} skipped (not method pages), {} failed",
        dir.display(),
        fetched.new.len(),
        fetched.changed.len(),
        fetched.unchanged.len(),
        fetched.gone.len(),
        fetched.skipped.len(),
        fetched.failed.len()
    ));
    if fetched.gone.is_empty() && fetched.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
