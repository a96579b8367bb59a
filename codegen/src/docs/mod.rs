//! The reader: Wix method pages (the markdown the Wix docs portal serves for each method: a
//! preamble, headings, the REST and SDK listings, possible errors, examples) → schema IR.
//!
//! A file holds one page or many back to back. Each page is read on its own; a page with errors
//! is skipped and listed, the others still import.

mod curl;
mod lines;
mod listing;
mod method;
mod page;
mod pairing;
mod reconcile;
mod segments;
mod types;

use crate::diagnostics::{Diagnostic, Location};
use crate::schema::Method;
use lines::Line;
use std::path::Path;

/// What one file held.
#[derive(Debug, Default)]
pub struct Document {
    /// The methods the file's pages describe, in page order.
    pub methods: Vec<Method>,
    /// Pages found, including skipped ones.
    pub pages: usize,
    /// Pages left out because of errors: their title (or `?`) and where they start.
    pub skipped: Vec<(String, Location)>,
    /// Whether the file arrived with its line structure collapsed.
    pub flattened: bool,
}

/// Files larger than this have their pages read on all cores.
const PARALLEL_BYTES: usize = 1 << 20;

/// Reads every page in `text`; `file` is used in diagnostics only.
pub fn read(text: &str, file: &Path) -> (Document, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let text = normalize(text);
    let text = text.as_ref();
    let lines = lines::split_lines(text);
    let physical: Vec<&str> = text.lines().collect();
    let checkpoints = Checkpoints::new(&physical);
    let pages = split_pages(&lines);
    let read_page = |page_lines: &&[Line<'_>]| {
        let first = page_lines.first().map_or(1, |l| l.line);
        let mut reader = Reader {
            file,
            physical: &physical,
            checkpoints: &checkpoints,
            diagnostics: Vec::new(),
            page_line: first,
        };
        let page = reader.page(page_lines);
        let title = page.name.as_ref().map(|t| t.value.clone());
        let method = reader
            .method(page, first)
            .filter(|method| match crate::schema::validate_method(method) {
                Ok(()) => true,
                Err(problem) => {
                    reader.error_at(first, 1, problem);
                    false
                }
            })
            .filter(|_| reader.error_count() == 0);
        let outcome = method.ok_or_else(|| {
            (
                title.unwrap_or_else(|| "?".to_string()),
                reader.location(first, 1),
            )
        });
        (outcome, reader.diagnostics)
    };
    let outcomes: Vec<_> = if text.len() > PARALLEL_BYTES {
        pages.par_iter().map(read_page).collect()
    } else {
        pages.iter().map(read_page).collect()
    };
    let mut document = Document {
        flattened: lines.iter().any(|l| l.flattened),
        pages: pages.len(),
        ..Document::default()
    };
    let mut diagnostics = Vec::new();
    for (outcome, page_diagnostics) in outcomes {
        match outcome {
            Ok(method) => document.methods.push(method),
            Err(skipped) => document.skipped.push(skipped),
        }
        diagnostics.extend(page_diagnostics);
    }
    (document, diagnostics)
}

/// The text with a leading byte-order mark removed and every line ending (`\r\n`, a lone `\r`)
/// made `\n`: once here, so that nothing after the entrance sees a carriage return (a lone one
/// would end up inside a generated doc comment, which Rust rejects).
fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// The byte offset of every [`Checkpoints::EVERY`]th character of the file's long lines, so that a
/// diagnostic's snippet on a page collapsed onto one long line is found without counting the
/// characters before it (which made many diagnostics on such a line quadratic).
struct Checkpoints(std::collections::HashMap<usize, Vec<usize>>);

impl Checkpoints {
    const EVERY: usize = 1024;

    fn new(physical: &[&str]) -> Self {
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

/// The text of each page in a file of pages with their line structure (the portal's full-docs
/// file), cut where the reader cuts them; a collapsed file is one piece.
pub fn page_texts(text: &str) -> Vec<String> {
    let text = normalize(text);
    let lines = lines::split_lines(&text);
    if lines.iter().any(|l| l.flattened) {
        return vec![text.into_owned()];
    }
    let physical: Vec<&str> = text.lines().collect();
    split_pages(&lines)
        .into_iter()
        .filter_map(|page| {
            let (first, last) = (page.first()?.line, page.last()?.line);
            Some(physical[first - 1..last].join("\n") + "\n")
        })
        .collect()
}

/// Cuts a file's lines into pages: a page starts at a `# Title` heading outside code blocks
/// (a `>` preamble before it belongs to it).
fn split_pages<'l, 'a>(lines: &'l [Line<'a>]) -> Vec<&'l [Line<'a>]> {
    let mut starts = Vec::new();
    let mut in_fence = false;
    let mut preamble_start = None;
    for (index, line) in lines.iter().enumerate() {
        let text = line.trimmed();
        if text.starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        if text.starts_with('>') {
            preamble_start.get_or_insert(index);
            continue;
        }
        let is_title = text.strip_prefix("# ").is_some_and(|heading| {
            !["Package:", "Namespace:", "Method link:"]
                .iter()
                .any(|attr| heading.trim_start().starts_with(attr))
        });
        if is_title {
            starts.push(preamble_start.take().unwrap_or(index));
        } else if !text.is_empty() {
            preamble_start = None;
        }
    }
    if starts.first() != Some(&0) && lines.iter().any(|l| !l.trimmed().is_empty()) {
        // Text before the first title is a page of its own: it gets its diagnostics.
        let has_content = lines[..starts.first().copied().unwrap_or(lines.len())]
            .iter()
            .any(|l| !l.trimmed().is_empty() && !l.trimmed().starts_with('>'));
        if has_content {
            starts.insert(0, 0);
        }
    }
    let mut pages = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        pages.push(&lines[start..end]);
    }
    pages
}

/// Reading state shared by the page, listing and assembly steps.
pub(crate) struct Reader<'a> {
    file: &'a Path,
    /// The file's lines as written, for snippets.
    physical: &'a [&'a str],
    checkpoints: &'a Checkpoints,
    diagnostics: Vec<Diagnostic>,
    /// First line of the page being read.
    page_line: usize,
}

impl Reader<'_> {
    fn location(&self, line: usize, column: usize) -> Location {
        Location {
            file: self.file.to_path_buf(),
            line,
            column,
        }
    }

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
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

    pub(crate) fn error_at(
        &mut self,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let location = self.location(line, column);
        self.push(Diagnostic::error(location, message))
    }

    pub(crate) fn warning_at(
        &mut self,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let location = self.location(line, column);
        self.push(Diagnostic::warning(location, message))
    }

    /// An error at byte `offset` of `line`.
    pub(crate) fn error(
        &mut self,
        line: &Line<'_>,
        offset: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.error_at(line.line, line.column_at(offset), message)
    }
}
