//! The page's sections: headings, permission scopes, introduction, and the REST and SDK
//! sections with their schema listing (set aside as lines) and examples.

use super::context::{Context, Mark};
use super::lines::Line;
use crate::schema::PermissionScope;

/// A value with the position of the line it came from.
#[derive(Debug, Clone)]
pub(crate) struct At<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

/// One page cut into its sections.
#[derive(Debug, Default)]
pub(crate) struct Page<'l, 'a> {
    pub name: Option<At<String>>,
    pub package: Option<String>,
    pub namespace: Option<String>,
    pub link: Option<String>,
    pub scopes: Vec<PermissionScope>,
    pub introduction: String,
    pub rest: Option<Surface>,
    pub sdk: Option<Surface>,
    /// Every schema listing on the page in page order, a replaced one too: each is checked.
    pub listings: Vec<ListingText<'l, 'a>>,
}

/// The lines between a `### Schema` block's fences, and where in the page's diagnostics the
/// listing's own belong.
#[derive(Debug)]
pub(crate) struct ListingText<'l, 'a> {
    pub lines: &'l [Line<'a>],
    pub mark: Mark,
}

/// A `## REST API` or `## JavaScript SDK` section.
#[derive(Debug)]
pub(crate) struct Surface {
    pub heading_line: usize,
    /// The section's listing: an index into [`Page::listings`].
    pub listing: Option<usize>,
    pub examples: Vec<Example>,
}

/// An example under `### Examples`: its heading, the text after it, and its code block.
#[derive(Debug)]
pub(crate) struct Example {
    pub title: String,
    pub description: String,
    pub language: String,
    pub code: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Top,
    Scopes,
    Introduction,
    Rest(Part),
    Sdk(Part),
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Start,
    Schema,
    Examples,
}

/// An example heading waiting for its code block.
struct PendingExample {
    title: String,
    description: Vec<String>,
}

/// Cuts one page (the lines from its `# Title` or preamble to the next page) into its sections.
pub(crate) fn split<'l, 'a>(cx: &mut Context<'_>, lines: &'l [Line<'a>]) -> Page<'l, 'a> {
    let mut page = Page::default();
    let mut state = State::Top;
    let mut introduction: Vec<&str> = Vec::new();
    let mut pending: Option<PendingExample> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.trimmed();
        i += 1;
        if text.starts_with("```") {
            let Some(end) = lines[i..].iter().position(|l| l.trimmed() == "```") else {
                cx.error(line, line.indent(), "a code block that is never closed")
                    .expected("a closing ``` line");
                break;
            };
            let body = &lines[i..i + end];
            i += end + 1;
            match state {
                State::Introduction => {
                    introduction.push(line.text);
                    introduction.extend(body.iter().map(|l| l.text));
                    introduction.push("```");
                }
                State::Rest(Part::Schema) | State::Sdk(Part::Schema) => {
                    let index = page.listings.len();
                    page.listings.push(ListingText {
                        lines: body,
                        mark: cx.mark(),
                    });
                    if let Some(surface) = surface_mut(&mut page, state) {
                        surface.listing = Some(index);
                    }
                }
                State::Rest(Part::Examples) | State::Sdk(Part::Examples) => {
                    let example = pending.take().unwrap_or(PendingExample {
                        title: String::new(),
                        description: Vec::new(),
                    });
                    if let Some(surface) = surface_mut(&mut page, state) {
                        surface.examples.push(Example {
                            title: example.title,
                            description: example.description.join("\n"),
                            language: text.trim_start_matches('`').trim().to_string(),
                            code: body.iter().map(|l| l.text).collect::<Vec<_>>().join("\n"),
                            line: line.line,
                            column: line.column,
                        });
                    }
                }
                _ => warn_ignored(cx, line, "a code block outside a schema or examples"),
            }
            continue;
        }
        if let Some(heading) = text.strip_prefix("# ") {
            title(cx, line, heading.trim(), &mut page);
            state = State::Top;
            continue;
        }
        if text == "---" {
            state = State::Top;
            continue;
        }
        if let Some(heading) = text.strip_prefix("## ") {
            let next = match heading.trim() {
                "Permission Scopes:" => Some(State::Scopes),
                "Introduction" => Some(State::Introduction),
                "REST API" => Some(State::Rest(Part::Start)),
                "JavaScript SDK" => Some(State::Sdk(Part::Start)),
                _ => None,
            };
            match next {
                Some(next) => {
                    state = next;
                    open_surface(cx, &mut page, state, line);
                    continue;
                }
                None if state == State::Introduction => {}
                None => {
                    warn_ignored(cx, line, "an unknown section heading");
                    continue;
                }
            }
        }
        if let Some(heading) = text.strip_prefix("### ") {
            if let State::Rest(_) | State::Sdk(_) = state {
                let heading = heading.trim();
                let part = match (heading, state) {
                    ("Schema", _) => Part::Schema,
                    ("Examples", _) => Part::Examples,
                    (_, State::Rest(Part::Examples) | State::Sdk(Part::Examples)) => {
                        if let Some(unused) = pending.replace(PendingExample {
                            title: heading.to_string(),
                            description: Vec::new(),
                        }) {
                            cx.warning_at(
                                line.line,
                                line.column,
                                format!("example `{}` has no code block", unused.title),
                            );
                        }
                        continue;
                    }
                    _ => {
                        warn_ignored(cx, line, "an unknown heading in an API section");
                        continue;
                    }
                };
                state = match state {
                    State::Rest(_) => State::Rest(part),
                    _ => State::Sdk(part),
                };
                continue;
            }
        }
        match state {
            State::Scopes if !text.is_empty() => scope(cx, line, &mut page),
            State::Introduction => introduction.push(line.text),
            State::Rest(Part::Examples) | State::Sdk(Part::Examples) if !text.is_empty() => {
                match pending.as_mut() {
                    Some(example) => example.description.push(text.to_string()),
                    None => warn_ignored(cx, line, "text in examples outside an example"),
                }
            }
            _ if text.is_empty() || text.starts_with('>') && page.name.is_none() => {}
            _ => warn_ignored(cx, line, "text outside any section"),
        }
    }
    page.introduction = introduction.join("\n").trim().to_string();
    page
}

fn title(cx: &mut Context<'_>, line: &Line<'_>, heading: &str, page: &mut Page<'_, '_>) {
    let slot = if let Some(value) = heading.strip_prefix("Package:") {
        (&mut page.package, value)
    } else if let Some(value) = heading.strip_prefix("Namespace:") {
        (&mut page.namespace, value)
    } else if let Some(value) = heading.strip_prefix("Method link:") {
        (&mut page.link, value)
    } else {
        if page.name.is_some() {
            cx.error(line, line.indent(), "a second page title inside one page")
                .expected("`# Package:`, `# Namespace:` or `# Method link:`");
            return;
        }
        page.name = Some(At {
            value: heading.to_string(),
            line: line.line,
            column: line.column,
        });
        return;
    };
    let value = slot.1.trim();
    if value.is_empty() {
        cx.error(line, line.indent(), "an empty page attribute")
            .expected("a value after the colon");
    } else {
        *slot.0 = Some(value.to_string());
    }
}

/// `Display Name: SCOPE.ID` — the display name may itself hold `:`.
fn scope(cx: &mut Context<'_>, line: &Line<'_>, page: &mut Page<'_, '_>) {
    match line.trimmed().rsplit_once(": ") {
        Some((name, id)) if !id.contains(' ') => page.scopes.push(PermissionScope {
            name: name.trim().to_string(),
            id: id.trim().to_string(),
        }),
        _ => {
            cx.error(line, line.indent(), "unrecognized permission scope")
                .expected("`Display Name: SCOPE.ID`");
        }
    }
}

fn open_surface(cx: &mut Context<'_>, page: &mut Page<'_, '_>, state: State, line: &Line<'_>) {
    let slot = match state {
        State::Rest(_) => &mut page.rest,
        State::Sdk(_) => &mut page.sdk,
        _ => return,
    };
    if slot.is_some() {
        cx.error(
            line,
            line.indent(),
            "a second section of the same kind on one page",
        )
        .expected("one `## REST API` and one `## JavaScript SDK` per page");
    }
    *slot = Some(Surface {
        heading_line: line.line,
        listing: None,
        examples: Vec::new(),
    });
}

fn warn_ignored(cx: &mut Context<'_>, line: &Line<'_>, what: &str) {
    cx.warning_at(line.line, line.column, format!("{what} was ignored"));
}

fn surface_mut<'p>(page: &'p mut Page<'_, '_>, state: State) -> Option<&'p mut Surface> {
    match state {
        State::Rest(_) => page.rest.as_mut(),
        State::Sdk(_) => page.sdk.as_mut(),
        _ => None,
    }
}

/// A page's title and the attributes every method needs.
pub(crate) struct Heading {
    pub title: At<String>,
    pub package: Option<String>,
    pub namespace: Option<String>,
}

/// Checks what a page must have before its API sections are read: a title, `# Package:` and
/// `# Namespace:`, and an API section with a schema listing. `None` without a title.
pub(crate) fn heading(
    cx: &mut Context<'_>,
    page: &mut Page<'_, '_>,
    first_line: usize,
) -> Option<Heading> {
    let Some(title) = page.name.take() else {
        cx.error_at(first_line, 1, "a page without a title")
            .expected("`# MethodName` as the page's first heading");
        return None;
    };
    let package = required_attr(cx, page.package.take(), &title, "# Package: <name>");
    let namespace = required_attr(cx, page.namespace.take(), &title, "# Namespace: <name>");
    if page.rest.is_none() && page.sdk.is_none() {
        cx.error_at(title.line, title.column, "a page without an API section")
            .expected("`## REST API` or `## JavaScript SDK` with a `### Schema`");
    }
    for surface in [&page.rest, &page.sdk].into_iter().flatten() {
        if surface.listing.is_none() {
            cx.error_at(
                surface.heading_line,
                1,
                "an API section without a schema listing",
            )
            .expected("`### Schema` followed by a ``` block");
        }
    }
    Some(Heading {
        title,
        package,
        namespace,
    })
}

/// A page attribute that must be there: an error at the title when it is not.
fn required_attr(
    cx: &mut Context<'_>,
    value: Option<String>,
    title: &At<String>,
    expected: &str,
) -> Option<String> {
    if value.is_none() {
        cx.error_at(
            title.line,
            title.column,
            format!("page `{}` lacks a heading", title.value),
        )
        .expected(format!("`{expected}`"));
    }
    value
}
