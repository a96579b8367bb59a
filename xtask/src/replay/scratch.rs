//! The scratch crate under `<out>/crate`: the generated bindings of both variants, `dispatch.rs`
//! and the runner, built with its own target directory (kept across runs, so that a second run
//! only rebuilds what changed) and run once over every job.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The runner's source (compiled only in the scratch crate).
const RUNNER: &str = include_str!("../../runner/main.rs");

/// The workspace this xtask belongs to: the runtime and the lock file come from there.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One call for the runner to make.
#[derive(Debug, Serialize)]
pub struct Job {
    pub id: String,
    pub dispatch: String,
    pub input: Value,
    pub response: Value,
}

/// What the runner reports of one call.
#[derive(Debug, Deserialize)]
pub struct Done {
    pub id: String,
    pub request: Option<super::corpus::SentRequest>,
    pub result: Option<Value>,
    pub input_error: Option<String>,
    pub call_error: Option<String>,
}

/// The scratch crate's directory.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    pub fn new(out: &Path) -> Self {
        Scratch {
            dir: out.join("crate"),
        }
    }

    /// Where the generated bindings go (a module tree).
    pub fn bindings_dir(&self) -> PathBuf {
        self.dir.join("src/bindings")
    }

    /// Writes the manifest, the runner and `dispatch` (each only when it changed, so that cargo
    /// sees unchanged files as unchanged).
    pub fn write(&self, dispatch: &str) -> std::io::Result<()> {
        let runtime = workspace_root().join("generated/runtime");
        let manifest = format!(
            r#"# Written by `cargo xtask replay`.
[package]
name = "replay-runner"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
wixgen-runtime = {{ path = {runtime:?} }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
tokio = {{ version = "1", features = ["rt-multi-thread", "macros"] }}
wiremock = "0.6"

# Compile time is what counts here.
[profile.dev]
debug = false

# A workspace of its own, wherever --out is.
[workspace]
"#,
            runtime = runtime.display().to_string()
        );
        write_if_changed(&self.dir.join("Cargo.toml"), &manifest)?;
        write_if_changed(&self.dir.join("src/main.rs"), RUNNER)?;
        write_if_changed(&self.dir.join("src/dispatch.rs"), dispatch)?;
        // The workspace's lock: the same dependency versions, already downloaded.
        let lock = self.dir.join("Cargo.lock");
        if !lock.exists() {
            std::fs::copy(workspace_root().join("Cargo.lock"), lock)?;
        }
        Ok(())
    }

    /// Builds the runner; `Err` holds the compiler's complaint.
    pub fn build(&self) -> Result<PathBuf, String> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let target = self.dir.join("target");
        let output = Command::new(cargo)
            .arg("build")
            .arg("--quiet")
            .arg("--manifest-path")
            .arg(self.dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .arg("--message-format=short")
            .output()
            .map_err(|e| format!("cargo cannot be run: {e}"))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let errors: Vec<&str> = stderr
                .lines()
                .filter(|l| l.contains("error"))
                .take(20)
                .collect();
            return Err(format!(
                "the scratch crate does not compile: {}",
                errors.join("\n")
            ));
        }
        Ok(target
            .join("debug")
            .join(format!("replay-runner{}", std::env::consts::EXE_SUFFIX)))
    }

    /// Runs every job in one process.
    pub fn run(&self, runner: &Path, jobs: &[Job]) -> Result<Vec<Done>, String> {
        let jobs_file = self.dir.join("jobs.json");
        let done_file = self.dir.join("done.json");
        let text = serde_json::to_string(jobs).map_err(|e| e.to_string())?;
        std::fs::write(&jobs_file, text).map_err(|e| format!("{}: {e}", jobs_file.display()))?;
        let status = Command::new(runner)
            .arg(&jobs_file)
            .arg(&done_file)
            .status()
            .map_err(|e| format!("{}: {e}", runner.display()))?;
        if !status.success() {
            return Err(format!("the runner failed ({status})"));
        }
        let text = std::fs::read_to_string(&done_file)
            .map_err(|e| format!("{}: {e}", done_file.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", done_file.display()))
    }
}

fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)
}
