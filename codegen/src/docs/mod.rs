//! The reader: Wix method pages (the markdown the Wix docs portal serves for each method: a
//! preamble, headings, the REST and SDK listings, possible errors, examples) → schema IR.
//!
//! A file holds one page or many back to back. Each page is read on its own; a page with errors
//! is skipped and listed, the others still import. Reading is a row of stages, each a free
//! function in its own module from the previous stage's data to its own, importing only earlier
//! stages' types and the shared helpers (`context`: positions and diagnostics; `json`: example
//! values and their types; `merge`: one page's repeated expansions; `segments`: `a: x | b: y`):
//!
//! - `lines::split_lines`: the file's text → logical `Line`s, a flattened page's lines restored.
//! - `split_pages` (here): the lines → one slice of lines per page.
//! - `sections::split`: a page's lines → `Page`: title, attributes, scopes, introduction, REST
//!   and SDK sections with their examples, each schema listing set aside as its lines.
//! - `syntax::parse`: a listing's lines → `ListingSyntax`: header, possible errors, and flat
//!   runs of typed tree items (a field's type parsed once into a `schema::Type`).
//! - `nesting::nest`: the flat runs → `Listing` with parameter and return trees nested by
//!   indentation (on a flattened page, by the types the fields name).
//! - `sections::heading`: the page → its title, package and namespace, or an error.
//! - `curl::examples`: the REST section's examples → `CurlExample`s with their JSON bodies.
//! - `reconcile::repair`: both listings' trees and the bodies → trees whose inconsistent
//!   indentation the rest of the page corrects.
//! - `fields::side`: one listing's trees → `Side`: IR fields, type table, return type.
//! - `pairing::pair`: the REST and SDK sides and the bodies → both sides with the types the
//!   docs leave unknown taken from each other or the examples, SDK → REST renames recorded.
//! - `assemble::method`: the page, its listings' headers and sides → the IR `Method`.

mod assemble;
mod context;
mod conversions;
mod curl;
mod fields;
mod json;
mod lines;
mod merge;
mod nesting;
mod pairing;
mod reconcile;
mod sections;
mod segments;
mod syntax;

use crate::diagnostics::{Diagnostic, Location};
use crate::schema::{Method, Type};
use context::{Checkpoints, Context};
use lines::Line;
use serde_json::Value;
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
        let mut cx = Context {
            file,
            physical: &physical,
            checkpoints: &checkpoints,
            diagnostics: Vec::new(),
            page_line: first,
        };
        let (title, method) = read_page(&mut cx, page_lines, first);
        let method = method
            .filter(|method| match crate::schema::validate_method(method) {
                Ok(()) => true,
                Err(problem) => {
                    cx.error_at(first, 1, problem);
                    false
                }
            })
            .filter(|_| cx.error_count() == 0);
        let outcome = method.ok_or_else(|| {
            (
                title.unwrap_or_else(|| "?".to_string()),
                cx.location(first, 1),
            )
        });
        (outcome, cx.diagnostics)
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

/// The value of a page's `# Name: value` header (`name` without `# ` and the colon, e.g.
/// `Method link`), found in the logical lines the reader reads: on a collapsed page too.
pub fn page_header(text: &str, name: &str) -> Option<String> {
    let text = normalize(text);
    lines::split_lines(&text).iter().find_map(|line| {
        let heading = line.trimmed().strip_prefix("# ")?.trim_start();
        let value = heading.strip_prefix(name)?.strip_prefix(':')?.trim();
        (!value.is_empty()).then(|| value.to_string())
    })
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

/// One page through the stages: its title, when it has one (it names a skipped page), and its
/// method, unless the page is too broken to give one. `first` is the page's first line.
fn read_page(
    cx: &mut Context<'_>,
    lines: &[Line<'_>],
    first: usize,
) -> (Option<String>, Option<Method>) {
    let mut page = sections::split(cx, lines);
    let title = page.name.as_ref().map(|t| t.value.clone());
    // Each listing is parsed and nested where it stands on the page, even one that a later
    // listing of the same section replaces: its diagnostics come at its place.
    let texts = page.listings.iter().map(|text| (text.mark, text.lines));
    let mut listings: Vec<Option<nesting::Listing>> = cx.at_each(texts, |cx, lines| {
        let syntax = syntax::parse(cx, lines);
        Some(nesting::nest(cx, syntax))
    });
    let Some(heading) = sections::heading(cx, &mut page, first) else {
        return (title, None);
    };
    let mut listing_of = |surface: &Option<sections::Surface>| {
        let surface = surface.as_ref()?;
        let listing = listings.get_mut(surface.listing?)?.take()?;
        Some((surface.heading_line, listing))
    };
    let (mut rest, mut sdk) = (listing_of(&page.rest), listing_of(&page.sdk));
    let curls = page
        .rest
        .as_ref()
        .map_or_else(Vec::new, |s| curl::examples(cx, &s.examples));
    let bodies: Vec<Value> = curls.iter().filter_map(|c| c.body.clone()).collect();
    reconcile::repair(
        cx,
        rest.as_mut().map(|(_, l)| l),
        sdk.as_mut().map(|(_, l)| l),
        &bodies,
    );
    let mut rest_side = rest
        .as_ref()
        .map(|(line, listing)| fields::side(cx, listing, *line, None));
    // An SDK `PROMISE` with fields is named for the REST response.
    let fallback_return = rest_side
        .as_ref()
        .and_then(|s| s.returns.as_ref())
        .and_then(Type::named)
        .map_or_else(
            || fields::type_name_from(&format!("{}Response", heading.title.value)),
            String::from,
        );
    let mut sdk_side = sdk
        .as_ref()
        .map(|(line, listing)| fields::side(cx, listing, *line, Some(&fallback_return)));
    match (&mut rest_side, &mut sdk_side) {
        (Some(r), Some(s)) => pairing::pair(cx, r, s, &bodies),
        (Some(r), None) => pairing::resolve_alone(cx, r, &bodies, true),
        (None, Some(s)) => pairing::resolve_alone(cx, s, &bodies, false),
        (None, None) => {}
    }
    let read = |api: Option<(usize, nesting::Listing)>, side: Option<fields::Side>| {
        let ((heading_line, listing), side) = (api?, side?);
        Some(assemble::ReadSurface {
            heading_line,
            listing,
            side,
        })
    };
    let (rest, sdk) = (read(rest, rest_side), read(sdk, sdk_side));
    (title, assemble::method(cx, heading, page, rest, sdk, curls))
}
