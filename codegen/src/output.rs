//! Keeping a directory of generated files in step: writing only what changed, removing what is
//! no longer produced, and listing what differs. Used by `import` (schema YAML) and
//! [`crate::Builder`] (Rust); each says which files in the directory are its own.

use std::io;
use std::path::{Path, PathBuf};

/// Writes `contents` unless the file already holds it, so an unchanged run touches nothing.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, contents)
}

/// Writes `files` (paths relative to `dir`) and removes the `owned` files not among them.
pub fn sync(dir: &Path, files: &[(PathBuf, String)], owned: &[PathBuf]) -> io::Result<()> {
    for (file, contents) in files {
        write_if_changed(&dir.join(file), contents)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.join(file).display())))?;
    }
    for path in owned {
        if !files.iter().any(|(file, _)| dir.join(file) == *path) {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

/// Files that differ from `files`, are missing, or are `owned` but no longer produced; sorted.
pub fn stale(dir: &Path, files: &[(PathBuf, String)], owned: &[PathBuf]) -> Vec<String> {
    let mut stale = Vec::new();
    for (file, contents) in files {
        let path = dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == *contents => {}
            Ok(_) => stale.push(format!("{} (differs)", path.display())),
            Err(_) => stale.push(format!("{} (missing)", path.display())),
        }
    }
    for path in owned {
        if !files.iter().any(|(file, _)| dir.join(file) == *path) {
            stale.push(format!("{} (no longer produced)", path.display()));
        }
    }
    stale.sort();
    stale
}
