//! The listing's syntax: each line between a `### Schema` block's fences parsed into a
//! typed item (header lines, field lines with their type parsed once, ONE-OF and enum lines,
//! possible errors), the tree lines kept flat, in the runs that nesting will shape.

use super::context::{Context, Mark};
use super::lines::Line;
use super::sections::At;
use super::segments;
use crate::schema::{EnumValue, PossibleError, Type};

/// `value` (trimmed), placed where `line`'s text starts.
fn at_line(line: &Line<'_>, value: &str) -> At<String> {
    At {
        value: value.trim().to_string(),
        line: line.line,
        column: line.column_at(line.indent()),
    }
}

/// A field's type as written and as parsed, once, into an IR type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeRef {
    /// As written (`array<Foo>`, `serviceId`, `string`), for diagnostics.
    pub written: String,
    /// The parsed type, or why it does not parse.
    pub parsed: Result<Type, String>,
}

impl TypeRef {
    fn parse(written: String) -> Self {
        let parsed = Type::parse(&written);
        TypeRef { written, parsed }
    }

    /// The name a field's nested lines define, when the type is no scalar: the element type's
    /// name (`array<Foo>` → `Foo`), or the text as written when it does not parse.
    pub fn expanded_name(&self) -> Option<&str> {
        match &self.parsed {
            Ok(ty) => ty.named(),
            Err(_) => Some(self.written.as_str()),
        }
    }
}

/// A `param name:` or `- name:` line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldLine {
    /// Written as a top-level `param name:` line.
    pub param: bool,
    pub name: String,
    pub ty: TypeRef,
    pub description: String,
    pub required: bool,
}

/// What a tree line says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ItemKind {
    Field(FieldLine),
    OneOf { required: bool },
    Enum(Vec<EnumValue>),
}

/// One line of a parameter or return-type tree, not nested yet.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub kind: ItemKind,
    pub line: usize,
    pub column: usize,
    pub indent: usize,
}

/// Which part of a listing a line is in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Section {
    Header,
    Params,
    Returns,
    Errors,
}

/// The tree lines of one run of a listing (up to the next `Return type:` or `Possible Errors:`
/// line, or the end), and where in the diagnostics nesting them reports.
#[derive(Debug)]
pub(crate) struct FlatTree {
    pub section: Section,
    pub items: Vec<Item>,
    /// Whether a line up to the run's end came from a flattened page: indentation means nothing.
    pub flattened: bool,
    pub mark: Mark,
}

/// A listing's header lines and possible errors.
#[derive(Debug, Default)]
pub(crate) struct Header {
    /// The first `Method:`: REST method name, or the SDK call with its arguments.
    pub method: Option<At<String>>,
    pub description: String,
    pub url: Option<At<String>>,
    /// The second `Method:` (REST only): the HTTP verb.
    pub http_method: Option<At<String>>,
    pub required: Vec<String>,
    /// The `Return type:` as written; [`returned`] says what it declares.
    pub return_decl: Option<At<String>>,
    pub errors: Vec<PossibleError>,
}

/// A listing's lines, parsed.
#[derive(Debug, Default)]
pub(crate) struct ListingSyntax {
    pub header: Header,
    pub trees: Vec<FlatTree>,
}

/// What a `Return type:` declares.
#[derive(Debug, PartialEq)]
pub(crate) enum Returned {
    /// `PROMISE` or nothing.
    Nothing,
    /// `TypeName`, `PROMISE<TypeName>`: the type, or why it does not parse.
    Type(Result<Type, String>),
    /// `PROMISE` followed by anything but `<…>`.
    Malformed,
}

/// Parses a `Return type:` value.
pub(crate) fn returned(text: &str) -> Returned {
    let inner = match text.strip_prefix("PROMISE") {
        Some("") => return Returned::Nothing,
        Some(rest) => match rest.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            Some(inner) => inner.trim(),
            None => return Returned::Malformed,
        },
        None if text.is_empty() => return Returned::Nothing,
        None => text,
    };
    Returned::Type(Type::parse(inner))
}

const FIELD_KEYS: [&str; 5] = ["param name:", "name:", "type:", "description:", "required:"];
const ERROR_KEYS: [&str; 4] = [
    "HTTP Code:",
    "Status Code:",
    "Application Code:",
    "Description:",
];

/// Parses the lines between a listing's fences.
pub(crate) fn parse(cx: &mut Context<'_>, lines: &[Line<'_>]) -> ListingSyntax {
    let mut listing = ListingSyntax::default();
    let mut section = Section::Header;
    let mut items: Vec<Item> = Vec::new();
    let mut flattened = false;
    for line in lines {
        let text = line.trimmed();
        if text.is_empty() {
            continue;
        }
        flattened |= line.flattened;
        if let Some(rest) = text.strip_prefix("Method parameters:") {
            expect_empty(cx, line, rest, "`Method parameters:` alone on its line");
            section = Section::Params;
        } else if let Some(rest) = text.strip_prefix("Return type:") {
            end_run(cx, &mut items, flattened, section, &mut listing.trees);
            listing.header.return_decl = Some(at_line(line, rest));
            section = Section::Returns;
        } else if let Some(rest) = text.strip_prefix("Possible Errors:") {
            end_run(cx, &mut items, flattened, section, &mut listing.trees);
            expect_empty(cx, line, rest, "`Possible Errors:` alone on its line");
            section = Section::Errors;
        } else if section == Section::Header || !is_tree_line(text) && section != Section::Errors {
            header_line(cx, line, &mut listing.header, section);
        } else if section == Section::Errors {
            if let Some(error) = error_line(cx, line) {
                listing.header.errors.push(error);
            }
        } else if let Some(item) = tree_line(cx, line, &mut items) {
            items.push(item);
        }
    }
    end_run(cx, &mut items, flattened, section, &mut listing.trees);
    listing
}

/// Ends a run of tree lines (at `Return type:`, `Possible Errors:` and the listing's end):
/// nesting reports about it at this point.
fn end_run(
    cx: &Context<'_>,
    items: &mut Vec<Item>,
    flattened: bool,
    section: Section,
    trees: &mut Vec<FlatTree>,
) {
    trees.push(FlatTree {
        section,
        items: std::mem::take(items),
        flattened,
        mark: cx.mark(),
    });
}

fn expect_empty(cx: &mut Context<'_>, line: &Line<'_>, rest: &str, expected: &str) {
    if !rest.trim().is_empty() {
        cx.error(
            line,
            line.indent(),
            "unexpected text after the section header",
        )
        .expected(expected);
    }
}

fn header_line(cx: &mut Context<'_>, line: &Line<'_>, listing: &mut Header, section: Section) {
    let text = line.trimmed();
    let at = |value: &str| at_line(line, value);
    if section == Section::Header {
        if let Some(rest) = text.strip_prefix("Method:") {
            if listing.method.is_none() {
                listing.method = Some(at(rest));
            } else if listing.http_method.is_none() {
                listing.http_method = Some(at(rest));
            } else {
                cx.error(line, line.indent(), "a third `Method:` line")
                    .expected("`Method:` with the method name, then `Method:` with the HTTP verb");
            }
            return;
        }
        if let Some(rest) = text.strip_prefix("Description:") {
            listing.description = rest.trim().to_string();
            return;
        }
        if let Some(rest) = text.strip_prefix("URL:") {
            listing.url = Some(at(rest));
            return;
        }
        if let Some(rest) = text.strip_prefix("Required parameters:") {
            listing.required = rest
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            return;
        }
    }
    cx.error(line, line.indent(), "unrecognized line in a schema listing")
        .expected(
            "`Method:`, `Description:`, `URL:`, `Required parameters:`, `Method parameters:`, \
             `param name: …`, `- name: …`, `Return type:` or `Possible Errors:`",
        );
}

/// One line of a parameter or return-type tree. Enum values are folded into their enum.
fn tree_line(cx: &mut Context<'_>, line: &Line<'_>, items: &mut [Item]) -> Option<Item> {
    let text = line.trimmed();
    let indent = line.indent();
    let node = |kind| Item {
        kind,
        line: line.line,
        column: line.column_at(indent),
        indent,
    };
    if let Some(rest) = text.strip_prefix("- ONE-OF:") {
        let rest = rest.trim().trim_start_matches('-').trim();
        let required = match rest {
            "" => false,
            "required: true" => true,
            _ => {
                cx.error(line, indent, "unexpected text after `- ONE-OF:`")
                    .expected("`- ONE-OF:` or `- ONE-OF: - required: true`");
                false
            }
        };
        return Some(node(ItemKind::OneOf { required }));
    }
    if let Some(rest) = text.strip_prefix("- enum:") {
        let values = rest
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| EnumValue {
                value: v.to_string(),
                description: String::new(),
            })
            .collect();
        return Some(node(ItemKind::Enum(values)));
    }
    if text.starts_with("param name:") || text.starts_with("- name:") {
        return field_line(cx, line).map(|f| node(ItemKind::Field(f)));
    }
    // `-     VALUE: description` continues the enum just above it.
    if let Some(Item {
        kind: ItemKind::Enum(values),
        indent: enum_indent,
        ..
    }) = items.last_mut()
    {
        if indent >= *enum_indent {
            if let Some(value) = enum_value(text) {
                values.push(value);
                return None;
            }
        }
    }
    cx.error(line, indent, "unrecognized line in a parameter tree")
        .expected(
            "`param name: <name> | type: <type> …`, `- name: <name> | type: <type> …`, \
             `- ONE-OF:`, `- enum:` or an enum value `-   VALUE: description`",
        );
    None
}

fn field_line(cx: &mut Context<'_>, line: &Line<'_>) -> Option<FieldLine> {
    let text = line.trimmed();
    let body = text.strip_prefix("- ").unwrap_or(text);
    let segments = match segments::split(body, &FIELD_KEYS, true) {
        Ok(segments) => segments,
        Err(stray) => {
            cx.error(
                line,
                line.indent(),
                format!("stray text {stray} in a field line"),
            )
            .expected("`name: <name> | type: <type> | description: <text>`");
            return None;
        }
    };
    let (mut name, mut ty, mut description, mut required) =
        (String::new(), String::new(), String::new(), false);
    for (key, value) in segments {
        match key {
            "param name:" | "name:" => name = value,
            // SDK lines may end with a bare `none` marker: `type: XOptions  none`.
            "type:" => ty = value.strip_suffix(" none").unwrap_or(&value).trim().into(),
            "description:" => description = value,
            _ => required = value == "true",
        }
    }
    if name.is_empty() {
        cx.error(line, line.indent(), "a field line without a name")
            .expected("`name: <name>`");
        return None;
    }
    if ty.is_empty() {
        cx.error(line, line.indent(), format!("field `{name}` has no type"))
            .expected("`| type: <type>` after the name");
        return None;
    }
    Some(FieldLine {
        param: text.starts_with("param name:"),
        name,
        ty: TypeRef::parse(ty),
        description,
        required,
    })
}

fn error_line(cx: &mut Context<'_>, line: &Line<'_>) -> Option<PossibleError> {
    let expected = "`HTTP Code: <n> | Status Code: <STATUS> | Application Code: <CODE> | \
                        Description: <text>`";
    let segments = match segments::split(line.trimmed(), &ERROR_KEYS, false) {
        Ok(segments) => segments,
        Err(stray) => {
            cx.error(
                line,
                line.indent(),
                format!("stray text {stray} in an error line"),
            )
            .expected(expected);
            return None;
        }
    };
    let get = |key: &str| {
        segments
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
    };
    let http_code = get("HTTP Code:").and_then(|code| code.parse::<u16>().ok());
    match (http_code, get("Status Code:"), get("Application Code:")) {
        (Some(http_code), Some(status), Some(code)) => Some(PossibleError {
            http_code,
            status,
            code,
            description: get("Description:").unwrap_or_default(),
        }),
        _ => {
            cx.error(line, line.indent(), "incomplete possible-error line")
                .expected(expected);
            None
        }
    }
}

fn is_tree_line(text: &str) -> bool {
    text.starts_with("param name:") || text.starts_with('-')
}

/// `VALUE: description` or `VALUE` after the leading `-`.
fn enum_value(text: &str) -> Option<EnumValue> {
    let rest = text.strip_prefix('-')?.trim();
    let (value, description) = match rest.split_once(':') {
        Some((value, description)) => (value.trim(), description.trim()),
        None => (rest, ""),
    };
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    valid.then(|| EnumValue {
        value: value.to_string(),
        description: description.to_string(),
    })
}
