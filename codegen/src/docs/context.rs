//! What every stage reports through: the file being read, its lines for snippets, and the
//! diagnostics collected for the page being read.

use super::lines::Line;
use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// The byte offset of every [`Checkpoints::EVERY`]th character of the file's long lines, so that a
/// diagnostic's snippet on a page collapsed onto one long line is found without counting the
/// characters before it (which made many diagnostics on such a line quadratic).
pub(crate) struct Checkpoints(std::collections::HashMap<usize, Vec<usize>>);

impl Checkpoints {
    const EVERY: usize = 1024;

    pub fn new(physical: &[&str]) -> Self {
        let long = physical
            .iter()
            .enumerate()
            .filter(|(_, l)| l.len() > Self::EVERY);
        Checkpoints(
            long.map(|(index, line)| {
                let offsets = line.char_indices().step_by(Self::EVERY).map(|(i, _)| i);
                (index, offsets.collect())
            })
            .collect(),
        )
    }

    /// `text` (line `index`) from character `skip` on, at most `MAX` characters.
    fn snippet(&self, index: usize, text: &str, skip: usize) -> String {
        const MAX: usize = 160;
        let (start, skip) = match self.0.get(&index) {
            Some(offsets) => {
                let at = (skip / Self::EVERY).min(offsets.len().saturating_sub(1));
                (
                    offsets.get(at).copied().unwrap_or(0),
                    skip - at * Self::EVERY,
                )
            }
            None => (0, skip),
        };
        text[start..].chars().skip(skip).take(MAX).collect()
    }
}

/// A point in a page's diagnostics. A later stage that reads a part of the page an earlier stage
/// only set aside (a listing, a tree) reports at the point where that part was met, so that
/// diagnostics stay in page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Mark(usize);

/// The reading context handed to every stage: where diagnostics point and where they go.
pub(crate) struct Context<'a> {
    pub file: &'a Path,
    /// The file's lines as written, for snippets.
    pub physical: &'a [&'a str],
    pub checkpoints: &'a Checkpoints,
    pub diagnostics: Vec<Diagnostic>,
    /// First line of the page being read.
    pub page_line: usize,
}

impl Context<'_> {
    pub fn location(&self, line: usize, column: usize) -> Location {
        Location {
            file: self.file.to_path_buf(),
            line,
            column,
        }
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The current point in the diagnostics.
    pub fn mark(&self) -> Mark {
        Mark(self.diagnostics.len())
    }

    /// Runs one stage per `(mark, input)`, marks in page order, each stage's diagnostics
    /// placed at its mark instead of the end. Only the diagnostics after the first mark move,
    /// once: a stage run inside another's (nesting inside a listing) costs its own part.
    pub fn at_each<T, R>(
        &mut self,
        inputs: impl IntoIterator<Item = (Mark, T)>,
        mut stage: impl FnMut(&mut Self, T) -> R,
    ) -> Vec<R> {
        let mut inputs = inputs.into_iter().peekable();
        let Some(&(Mark(first), _)) = inputs.peek() else {
            return Vec::new();
        };
        let first = first.min(self.diagnostics.len());
        let mut later = self.diagnostics.split_off(first).into_iter();
        let mut placed = first;
        let mut results = Vec::new();
        for (Mark(at), input) in inputs {
            self.diagnostics
                .extend(later.by_ref().take(at.saturating_sub(placed)));
            placed = placed.max(at);
            results.push(stage(self, input));
        }
        self.diagnostics.extend(later);
        results
    }

    fn push(&mut self, mut diagnostic: Diagnostic) -> &mut Diagnostic {
        let Location { line, column, .. } = diagnostic.location;
        let index = line.wrapping_sub(1);
        if let Some(text) = self.physical.get(index) {
            let snippet = self
                .checkpoints
                .snippet(index, text, column.saturating_sub(1));
            diagnostic.snippet(snippet.trim_end());
        }
        self.diagnostics.push(diagnostic);
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn error_at(
        &mut self,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let location = self.location(line, column);
        self.push(Diagnostic::error(location, message))
    }

    pub fn warning_at(
        &mut self,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let location = self.location(line, column);
        self.push(Diagnostic::warning(location, message))
    }

    /// An error at byte `offset` of `line`.
    pub fn error(
        &mut self,
        line: &Line<'_>,
        offset: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.error_at(line.line, line.column_at(offset), message)
    }
}
