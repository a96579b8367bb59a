//! Diagnostics: errors and warnings that point at a place in an input file.

use std::fmt;
use std::path::PathBuf;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth a look; the input still imports.
    Warning,
    /// The input is wrong: nothing is written (or the page is skipped with `--keep-going`).
    Error,
}

/// A position in an input file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    /// The file, as given.
    pub file: PathBuf,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

/// An error or warning about an input, at a place in it; displayed as `error: file:line:column:
/// message` with the offending line and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the input.
    pub location: Location,
    /// What is wrong, in one line.
    pub message: String,
    /// What the reader expected to find, when there is something to say.
    pub expected: Option<String>,
    /// The offending source line.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, location, message)
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, location, message)
    }

    fn new(severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location,
            message: message.into(),
            expected: None,
            snippet: None,
        }
    }

    /// Says what was expected instead.
    pub fn expected(&mut self, expected: impl Into<String>) -> &mut Self {
        self.expected = Some(expected.into());
        self
    }

    /// Shows the offending source line.
    pub fn snippet(&mut self, line: impl Into<String>) -> &mut Self {
        self.snippet = Some(line.into());
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Diagnostic {
    /// The diagnostic as shown to a user: in ANSI colour when `color` (a terminal), plain text
    /// otherwise (which is also its `Display`).
    pub fn render(&self, color: bool) -> String {
        let label = match self.severity {
            Severity::Error => paint(color, "1;31", "error"),
            Severity::Warning => paint(color, "1;33", "warning"),
        };
        let Location { file, line, column } = &self.location;
        let place = paint(color, "1", &format!("{}:{line}:{column}", file.display()));
        let mut text = format!("{label}: {place}: {}", self.message);
        if let Some(snippet) = &self.snippet {
            let shown: String = snippet.chars().take(160).collect();
            let ellipsis = if shown.len() < snippet.len() {
                "…"
            } else {
                ""
            };
            text.push_str(&format!(
                "\n    {} {shown}{ellipsis}",
                paint(color, "34", "|")
            ));
        }
        if let Some(expected) = &self.expected {
            text.push_str(&format!(
                "\n    {} {expected}",
                paint(color, "36", "= expected:")
            ));
        }
        text
    }
}

/// `text` in the ANSI style `code` when `color`, else as it is.
pub fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// `count` and `noun` in agreement: `1 error`, `2 errors`, `0 errors` (the nouns counted are
/// regular: the plural adds an `s`).
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}
