//! The page skeleton: headings, permission scopes, introduction, the REST and SDK sections with
//! their schema listing and examples.

use super::lines::Line;
use super::listing::{At, Listing};
use super::Reader;
use crate::schema::PermissionScope;

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub name: Option<At<String>>,
    pub package: Option<String>,
    pub namespace: Option<String>,
    pub link: Option<String>,
    pub scopes: Vec<PermissionScope>,
    pub introduction: String,
    pub rest: Option<Surface>,
    pub sdk: Option<Surface>,
}

/// A `## REST API` or `## JavaScript SDK` section.
#[derive(Debug)]
pub(crate) struct Surface {
    pub heading_line: usize,
    pub listing: Option<Listing>,
    pub examples: Vec<Example>,
}

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

impl Reader<'_> {
    /// Reads one page: the lines from its `# Title` (or preamble) to the next page.
    pub(crate) fn page(&mut self, lines: &[Line<'_>]) -> Page {
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
                    self.error(line, line.indent(), "a code block that is never closed")
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
                        let listing = self.listing(body);
                        if let Some(surface) = surface_mut(&mut page, state) {
                            surface.listing = Some(listing);
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
                    _ => self.warn_ignored(line, "a code block outside a schema or examples"),
                }
                continue;
            }
            if let Some(heading) = text.strip_prefix("# ") {
                self.title(line, heading.trim(), &mut page);
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
                        self.open_surface(&mut page, state, line);
                        continue;
                    }
                    None if state == State::Introduction => {}
                    None => {
                        self.warn_ignored(line, "an unknown section heading");
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
                                self.warning_at(
                                    line.line,
                                    line.column,
                                    format!("example `{}` has no code block", unused.title),
                                );
                            }
                            continue;
                        }
                        _ => {
                            self.warn_ignored(line, "an unknown heading in an API section");
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
                State::Scopes if !text.is_empty() => self.scope(line, &mut page),
                State::Introduction => introduction.push(line.text),
                State::Rest(Part::Examples) | State::Sdk(Part::Examples) if !text.is_empty() => {
                    match pending.as_mut() {
                        Some(example) => example.description.push(text.to_string()),
                        None => self.warn_ignored(line, "text in examples outside an example"),
                    }
                }
                _ if text.is_empty() || text.starts_with('>') && page.name.is_none() => {}
                _ => self.warn_ignored(line, "text outside any section"),
            }
        }
        page.introduction = introduction.join("\n").trim().to_string();
        page
    }

    fn title(&mut self, line: &Line<'_>, heading: &str, page: &mut Page) {
        let slot = if let Some(value) = heading.strip_prefix("Package:") {
            (&mut page.package, value)
        } else if let Some(value) = heading.strip_prefix("Namespace:") {
            (&mut page.namespace, value)
        } else if let Some(value) = heading.strip_prefix("Method link:") {
            (&mut page.link, value)
        } else {
            if page.name.is_some() {
                self.error(line, line.indent(), "a second page title inside one page")
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
            self.error(line, line.indent(), "an empty page attribute")
                .expected("a value after the colon");
        } else {
            *slot.0 = Some(value.to_string());
        }
    }

    /// `Display Name: SCOPE.ID` — the display name may itself hold `:`.
    fn scope(&mut self, line: &Line<'_>, page: &mut Page) {
        match line.trimmed().rsplit_once(": ") {
            Some((name, id)) if !id.contains(' ') => page.scopes.push(PermissionScope {
                name: name.trim().to_string(),
                id: id.trim().to_string(),
            }),
            _ => {
                self.error(line, line.indent(), "unrecognized permission scope")
                    .expected("`Display Name: SCOPE.ID`");
            }
        }
    }

    fn open_surface(&mut self, page: &mut Page, state: State, line: &Line<'_>) {
        let slot = match state {
            State::Rest(_) => &mut page.rest,
            State::Sdk(_) => &mut page.sdk,
            _ => return,
        };
        if slot.is_some() {
            self.error(
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

    fn warn_ignored(&mut self, line: &Line<'_>, what: &str) {
        self.warning_at(line.line, line.column, format!("{what} was ignored"));
    }
}

fn surface_mut(page: &mut Page, state: State) -> Option<&mut Surface> {
    match state {
        State::Rest(_) => page.rest.as_mut(),
        State::Sdk(_) => page.sdk.as_mut(),
        _ => None,
    }
}
