//! Diagnostics: errors and warnings that point at a place in an input file.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A position in an input file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    /// What the reader expected to find, when there is something to say.
    pub expected: Option<String>,
    /// The offending source line.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, location, message)
    }

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

    pub fn expected(&mut self, expected: impl Into<String>) -> &mut Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn snippet(&mut self, line: impl Into<String>) -> &mut Self {
        self.snippet = Some(line.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let Location { file, line, column } = &self.location;
        write!(
            f,
            "{label}: {}:{line}:{column}: {}",
            file.display(),
            self.message
        )?;
        if let Some(snippet) = &self.snippet {
            let shown: String = snippet.chars().take(160).collect();
            let ellipsis = if shown.len() < snippet.len() {
                "…"
            } else {
                ""
            };
            write!(f, "\n    | {shown}{ellipsis}")?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n    = expected: {expected}")?;
        }
        Ok(())
    }
}

/// Diagnostics collected during one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}
