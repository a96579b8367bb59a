//! Keeping a directory of generated files in step, for `import` (schema YAML) and
//! [`crate::Builder`] (Rust):
//!
//! - every file is written to a temporary file beside it and renamed into place, so a crash or
//!   Ctrl-C never leaves a half-written file; a file that already holds its contents is not
//!   touched;
//! - the directory's manifest ([`MANIFEST`]) lists the files wixgen wrote there. Only those are
//!   ever removed, never through a symbolic link and never outside the directory: whatever else
//!   lives in the directory is the user's. It may also record the arguments `wixgen generate`
//!   was given ([`record_arguments`]), so that `wixgen check` uses the same ones.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The file in an output directory listing, one relative path a line, what wixgen wrote there.
pub const MANIFEST: &str = ".wixgen-manifest";

const MANIFEST_HEADER: &str =
    "# Files written by wixgen; it removes only these when they are no longer produced.\n";

/// The manifest line recording the arguments that generated the directory.
const ARGUMENTS_PREFIX: &str = "# generated with: ";

/// The arguments [`record_arguments`] recorded in `dir`'s manifest, if any.
pub fn recorded_arguments(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    text.lines()
        .find_map(|line| line.strip_prefix(ARGUMENTS_PREFIX))
        .map(str::to_string)
}

/// Records `arguments` (the options `wixgen generate` was given, on one line) in `dir`'s
/// manifest, which keeps its list of files.
pub fn record_arguments(dir: &Path, arguments: &str) -> io::Result<()> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path)?;
    let files = without_arguments(&text);
    let arguments = arguments.replace(['\n', '\r'], " ");
    write_if_changed(&path, &with_arguments(&files, Some(&arguments)))
}

/// A manifest without its arguments line.
fn without_arguments(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with(ARGUMENTS_PREFIX))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// A manifest (as [`manifest`] writes it) with `arguments` recorded after its header.
fn with_arguments(manifest: &str, arguments: Option<&str>) -> String {
    match (arguments, manifest.strip_prefix(MANIFEST_HEADER)) {
        (Some(arguments), Some(files)) => {
            format!("{MANIFEST_HEADER}{ARGUMENTS_PREFIX}{arguments}\n{files}")
        }
        _ => manifest.to_string(),
    }
}

/// Writes `contents` to `path` atomically, unless the file already holds it.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)?;
    let mut file = tempfile::Builder::new()
        .prefix(".wixgen-")
        .suffix(".tmp")
        .tempfile_in(parent)?;
    file.write_all(contents.as_bytes())?;
    // Files written by hand are readable by others; keep the umask's default, not 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `files` (paths relative to `dir`), removes the files the previous manifest lists that
/// are no longer produced, and records the new manifest.
pub fn sync(dir: &Path, files: &[(PathBuf, String)]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (file, _) in files {
        inside(dir, file)?;
    }
    for (file, contents) in files {
        let path = dir.join(file);
        write_if_changed(&path, contents)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    }
    for file in no_longer_produced(dir, files) {
        let path = dir.join(&file);
        // Only a regular file is removed: a link or directory in its place is the user's.
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        if regular && inside(dir, &file).is_ok() {
            std::fs::remove_file(&path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        }
    }
    // The recorded arguments stay until the next `record_arguments`.
    let arguments = recorded_arguments(dir);
    write_if_changed(
        &dir.join(MANIFEST),
        &with_arguments(&manifest(files), arguments.as_deref()),
    )
}

/// Files that differ from `files` or are missing, files the manifest lists that would be
/// removed, and a manifest that is not the one `sync` would write; sorted.
pub fn stale(dir: &Path, files: &[(PathBuf, String)]) -> Vec<String> {
    let mut stale = Vec::new();
    for (file, contents) in files {
        let path = dir.join(file);
        match std::fs::read(&path) {
            Ok(existing) if existing == contents.as_bytes() => {}
            Ok(_) => stale.push(format!("{} (differs)", path.display())),
            Err(_) => stale.push(format!("{} (missing)", path.display())),
        }
    }
    for file in no_longer_produced(dir, files) {
        let path = dir.join(file);
        if std::fs::symlink_metadata(&path).is_ok() {
            stale.push(format!("{} (no longer produced)", path.display()));
        }
    }
    let path = dir.join(MANIFEST);
    let listed = std::fs::read_to_string(&path).ok();
    if listed.as_deref().map(without_arguments) != Some(manifest(files)) {
        stale.push(format!(
            "{} (not the list of files written)",
            path.display()
        ));
    }
    stale.sort();
    stale
}

/// The files the manifest in `dir` lists that are not among `files`. Entries that are not plain
/// relative paths inside `dir` are never taken: a hand-edited manifest cannot reach outside.
fn no_longer_produced(dir: &Path, files: &[(PathBuf, String)]) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(PathBuf::from)
        .filter(|path| is_plain_relative(path))
        .filter(|path| !files.iter().any(|(file, _)| file == path))
        .collect()
}

fn manifest(files: &[(PathBuf, String)]) -> String {
    let mut names: Vec<String> = files
        .iter()
        .map(|(file, _)| file.to_string_lossy().replace('\\', "/"))
        .collect();
    names.sort();
    let mut text = String::from(MANIFEST_HEADER);
    for name in names {
        text.push_str(&name);
        text.push('\n');
    }
    text
}

/// A relative path made only of plain names (no `..`, no root, no prefix).
fn is_plain_relative(path: &Path) -> bool {
    path.components().next().is_some()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// `Ok` when `file` is a plain relative path whose directories below `dir` are real directories,
/// not symbolic links: what is written or removed there stays inside `dir`.
fn inside(dir: &Path, file: &Path) -> io::Result<()> {
    if !is_plain_relative(file) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a path inside the output directory", file.display()),
        ));
    }
    let mut path = dir.to_path_buf();
    let mut components = file.components().peekable();
    while let Some(component) = components.next() {
        path.push(component);
        if components.peek().is_none() {
            break;
        }
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a symbolic link; wixgen writes and removes files only in real \
                     directories inside the output directory",
                    path.display()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<(PathBuf, String)> {
        names
            .iter()
            .map(|n| (PathBuf::from(n), format!("contents of {n}\n")))
            .collect()
    }

    #[test]
    fn removes_only_what_the_manifest_lists() {
        let dir = tempfile::tempdir().unwrap();
        sync(dir.path(), &files(&["a.rs", "p/b.rs"])).unwrap();
        std::fs::write(dir.path().join("mine.rs"), "// Generated by wixgen\n").unwrap();
        sync(dir.path(), &files(&["a.rs"])).unwrap();
        assert!(dir.path().join("a.rs").exists());
        assert!(!dir.path().join("p/b.rs").exists());
        assert!(
            dir.path().join("mine.rs").exists(),
            "a file wixgen did not write is kept"
        );
    }

    #[test]
    fn a_manifest_entry_outside_the_directory_is_never_taken() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(root.path().join("victim.rs"), "x").unwrap();
        std::fs::write(dir.join(MANIFEST), "../victim.rs\n/etc/passwd\n").unwrap();
        sync(&dir, &files(&["a.rs"])).unwrap();
        assert!(root.path().join("victim.rs").exists());
    }

    #[cfg(unix)]
    #[test]
    fn nothing_is_removed_or_written_through_a_symbolic_link() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        let other = root.path().join("other");
        std::fs::create_dir_all(other.join("p")).unwrap();
        std::fs::write(other.join("p/b.rs"), "theirs").unwrap();
        sync(&dir, &files(&["a.rs", "p/b.rs"])).unwrap();
        // The user replaces the package directory with a link to another tree.
        std::fs::remove_dir_all(dir.join("p")).unwrap();
        std::os::unix::fs::symlink(other.join("p"), dir.join("p")).unwrap();
        sync(&dir, &files(&["a.rs"])).unwrap();
        assert_eq!(
            std::fs::read_to_string(other.join("p/b.rs")).unwrap(),
            "theirs"
        );
        let error = sync(&dir, &files(&["a.rs", "p/b.rs"])).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
        assert_eq!(
            std::fs::read_to_string(other.join("p/b.rs")).unwrap(),
            "theirs"
        );
    }

    #[test]
    fn recorded_arguments_survive_a_sync_and_are_no_difference() {
        let dir = tempfile::tempdir().unwrap();
        let wanted = files(&["a.rs"]);
        sync(dir.path(), &wanted).unwrap();
        assert_eq!(recorded_arguments(dir.path()), None);
        record_arguments(dir.path(), "--variant rest").unwrap();
        sync(dir.path(), &wanted).unwrap();
        assert_eq!(
            recorded_arguments(dir.path()).as_deref(),
            Some("--variant rest")
        );
        assert!(stale(dir.path(), &wanted).is_empty());
        record_arguments(dir.path(), "--variant sdk").unwrap();
        assert_eq!(
            recorded_arguments(dir.path()).as_deref(),
            Some("--variant sdk")
        );
        let text = std::fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        assert_eq!(text.matches("a.rs").count(), 1, "{text}");
    }

    #[test]
    fn unchanged_files_are_not_rewritten_and_stale_names_the_difference() {
        let dir = tempfile::tempdir().unwrap();
        let wanted = files(&["a.rs"]);
        sync(dir.path(), &wanted).unwrap();
        let modified = std::fs::metadata(dir.path().join("a.rs"))
            .unwrap()
            .modified()
            .unwrap();
        sync(dir.path(), &wanted).unwrap();
        assert_eq!(
            std::fs::metadata(dir.path().join("a.rs"))
                .unwrap()
                .modified()
                .unwrap(),
            modified
        );
        assert!(stale(dir.path(), &wanted).is_empty());
        let stale = stale(dir.path(), &files(&["b.rs"]));
        assert_eq!(stale.len(), 3, "{stale:?}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
