//! The schema listing inside a `### Schema` fence: header lines, the parameter and return-type
//! trees (nested by relative indentation) and the possible errors.

use super::lines::Line;
use super::segments;
use super::Reader;
use crate::schema::{EnumValue, PossibleError, MAX_DEPTH};

/// A value with the position of the line it came from.
#[derive(Debug, Clone)]
pub(crate) struct At<T> {
    pub value: T,
    pub line: usize,
    pub column: usize,
}

impl At<String> {
    /// `value` (trimmed), placed where `line`'s text starts.
    fn on(line: &Line<'_>, value: &str) -> Self {
        At {
            value: value.trim().to_string(),
            line: line.line,
            column: line.column_at(line.indent()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldLine {
    /// Written as a top-level `param name:` line.
    pub param: bool,
    pub name: String,
    /// The type as written (`array<Foo>`, `serviceId`, `string`).
    pub ty: String,
    pub description: String,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeKind {
    Field(FieldLine),
    OneOf { required: bool },
    Enum(Vec<EnumValue>),
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub line: usize,
    pub column: usize,
    pub indent: usize,
    pub children: Vec<Node>,
}

impl Node {
    pub fn field(&self) -> Option<&FieldLine> {
        match &self.kind {
            NodeKind::Field(field) => Some(field),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The first `Method:`: REST method name, or the SDK call with its arguments.
    pub method: Option<At<String>>,
    pub description: String,
    pub url: Option<At<String>>,
    /// The second `Method:` (REST only): the HTTP verb.
    pub http_method: Option<At<String>>,
    pub required: Vec<String>,
    pub params: Vec<Node>,
    pub return_decl: Option<At<String>>,
    pub returns: Vec<Node>,
    pub errors: Vec<PossibleError>,
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Header,
    Params,
    Returns,
    Errors,
}

const FIELD_KEYS: [&str; 5] = ["param name:", "name:", "type:", "description:", "required:"];
const ERROR_KEYS: [&str; 4] = [
    "HTTP Code:",
    "Status Code:",
    "Application Code:",
    "Description:",
];

impl Reader<'_> {
    /// Parses the lines between a listing's fences.
    pub(crate) fn listing(&mut self, lines: &[Line<'_>]) -> Listing {
        let mut listing = Listing::default();
        let mut section = Section::Header;
        let mut items: Vec<Node> = Vec::new();
        let mut flattened = false;
        for line in lines {
            let text = line.trimmed();
            if text.is_empty() {
                continue;
            }
            flattened |= line.flattened;
            if let Some(rest) = text.strip_prefix("Method parameters:") {
                self.expect_empty(line, rest, "`Method parameters:` alone on its line");
                section = Section::Params;
            } else if let Some(rest) = text.strip_prefix("Return type:") {
                self.finish_tree(&mut items, flattened, section, &mut listing);
                listing.return_decl = Some(At::on(line, rest));
                section = Section::Returns;
            } else if let Some(rest) = text.strip_prefix("Possible Errors:") {
                self.finish_tree(&mut items, flattened, section, &mut listing);
                self.expect_empty(line, rest, "`Possible Errors:` alone on its line");
                section = Section::Errors;
            } else if section == Section::Header
                || !is_tree_line(text) && section != Section::Errors
            {
                self.header_line(line, &mut listing, section);
            } else if section == Section::Errors {
                if let Some(error) = self.error_line(line) {
                    listing.errors.push(error);
                }
            } else if let Some(node) = self.tree_line(line, &mut items) {
                items.push(node);
            }
        }
        self.finish_tree(&mut items, flattened, section, &mut listing);
        listing
    }

    fn expect_empty(&mut self, line: &Line<'_>, rest: &str, expected: &str) {
        if !rest.trim().is_empty() {
            self.error(
                line,
                line.indent(),
                "unexpected text after the section header",
            )
            .expected(expected);
        }
    }

    fn header_line(&mut self, line: &Line<'_>, listing: &mut Listing, section: Section) {
        let text = line.trimmed();
        let at = |value: &str| At::on(line, value);
        if section == Section::Header {
            if let Some(rest) = text.strip_prefix("Method:") {
                if listing.method.is_none() {
                    listing.method = Some(at(rest));
                } else if listing.http_method.is_none() {
                    listing.http_method = Some(at(rest));
                } else {
                    self.error(line, line.indent(), "a third `Method:` line")
                        .expected(
                            "`Method:` with the method name, then `Method:` with the HTTP verb",
                        );
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
        self.error(line, line.indent(), "unrecognized line in a schema listing")
            .expected(
                "`Method:`, `Description:`, `URL:`, `Required parameters:`, `Method parameters:`, \
             `param name: …`, `- name: …`, `Return type:` or `Possible Errors:`",
            );
    }

    /// One line of a parameter or return-type tree. Enum values are folded into their enum.
    fn tree_line(&mut self, line: &Line<'_>, items: &mut [Node]) -> Option<Node> {
        let text = line.trimmed();
        let indent = line.indent();
        let node = |kind| Node {
            kind,
            line: line.line,
            column: line.column_at(indent),
            indent,
            children: Vec::new(),
        };
        if let Some(rest) = text.strip_prefix("- ONE-OF:") {
            let rest = rest.trim().trim_start_matches('-').trim();
            let required = match rest {
                "" => false,
                "required: true" => true,
                _ => {
                    self.error(line, indent, "unexpected text after `- ONE-OF:`")
                        .expected("`- ONE-OF:` or `- ONE-OF: - required: true`");
                    false
                }
            };
            return Some(node(NodeKind::OneOf { required }));
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
            return Some(node(NodeKind::Enum(values)));
        }
        if text.starts_with("param name:") || text.starts_with("- name:") {
            return self.field_line(line).map(|f| node(NodeKind::Field(f)));
        }
        // `-     VALUE: description` continues the enum just above it.
        if let Some(Node {
            kind: NodeKind::Enum(values),
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
        self.error(line, indent, "unrecognized line in a parameter tree")
            .expected(
                "`param name: <name> | type: <type> …`, `- name: <name> | type: <type> …`, \
             `- ONE-OF:`, `- enum:` or an enum value `-   VALUE: description`",
            );
        None
    }

    fn field_line(&mut self, line: &Line<'_>) -> Option<FieldLine> {
        let text = line.trimmed();
        let body = text.strip_prefix("- ").unwrap_or(text);
        let segments = match segments::split(body, &FIELD_KEYS) {
            Ok(segments) => segments,
            Err(stray) => {
                self.error(
                    line,
                    line.indent(),
                    format!("stray text {stray} in a field line"),
                )
                .expected("`name: <name> | type: <type> | description: <text>`");
                return None;
            }
        };
        let mut field = FieldLine {
            param: text.starts_with("param name:"),
            name: String::new(),
            ty: String::new(),
            description: String::new(),
            required: false,
        };
        for (key, value) in segments {
            match key {
                "param name:" | "name:" => field.name = value,
                // SDK lines may end with a bare `none` marker: `type: XOptions  none`.
                "type:" => field.ty = value.strip_suffix(" none").unwrap_or(&value).trim().into(),
                "description:" => field.description = value,
                _ => field.required = value == "true",
            }
        }
        if field.name.is_empty() {
            self.error(line, line.indent(), "a field line without a name")
                .expected("`name: <name>`");
            return None;
        }
        if field.ty.is_empty() {
            self.error(
                line,
                line.indent(),
                format!("field `{}` has no type", field.name),
            )
            .expected("`| type: <type>` after the name");
            return None;
        }
        Some(field)
    }

    fn error_line(&mut self, line: &Line<'_>) -> Option<PossibleError> {
        let expected = "`HTTP Code: <n> | Status Code: <STATUS> | Application Code: <CODE> | \
                        Description: <text>`";
        let segments = match segments::split(line.trimmed(), &ERROR_KEYS) {
            Ok(segments) => segments,
            Err(stray) => {
                self.error(
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
                self.error(line, line.indent(), "incomplete possible-error line")
                    .expected(expected);
                None
            }
        }
    }

    fn finish_tree(
        &mut self,
        items: &mut Vec<Node>,
        flattened: bool,
        section: Section,
        listing: &mut Listing,
    ) {
        let mut items = std::mem::take(items);
        if flattened {
            if items
                .iter()
                .any(|n| matches!(n.kind, NodeKind::OneOf { .. }))
            {
                let first = &items[0];
                self.warning_at(
                    first.line,
                    first.column,
                    "a flattened listing holds a ONE-OF group: its members were taken to be \
                     the fields that follow it",
                );
            }
            infer_indents(&mut items);
        }
        let (tree, too_deep) = build_tree(items);
        for node in too_deep {
            self.error_at(
                node.line,
                node.column,
                format!("fields nested more than {MAX_DEPTH} levels deep"),
            )
            .expected(format!("at most {MAX_DEPTH} levels of nesting"));
        }
        match section {
            Section::Params => listing.params = tree,
            Section::Returns => listing.returns = tree,
            Section::Header | Section::Errors => {}
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

/// Nests nodes under the nearest preceding node with smaller indentation. Returns the tree and
/// the nodes left out for nesting deeper than [`MAX_DEPTH`] (with everything under them), so
/// that no later recursion over the tree can exhaust the stack.
fn build_tree(items: Vec<Node>) -> (Vec<Node>, Vec<Node>) {
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<Node> = Vec::new();
    let mut too_deep = Vec::new();
    // While set: the indentation of a node left out; what is indented deeper goes with it.
    let mut skipping: Option<usize> = None;
    for item in items {
        if skipping.is_some_and(|indent| item.indent > indent) {
            continue;
        }
        skipping = None;
        while stack.last().is_some_and(|top| top.indent >= item.indent) {
            close(&mut stack, &mut roots);
        }
        if stack.len() >= MAX_DEPTH {
            skipping = Some(item.indent);
            too_deep.push(item);
            continue;
        }
        stack.push(item);
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    (roots, too_deep)
}

fn close(stack: &mut Vec<Node>, roots: &mut Vec<Node>) {
    if let Some(done) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => roots.push(done),
        }
    }
}

/// A flattened listing has no indentation: nest by types instead. A field whose named type was
/// not expanded yet in this listing takes the fields after it as its children; an enum belongs
/// to the field above it; ONE-OF members follow their group.
fn infer_indents(items: &mut [Node]) {
    let mut expanded = std::collections::HashSet::new();
    let mut depth = 0usize;
    let mut opens = false;
    for item in items.iter_mut() {
        if matches!(&item.kind, NodeKind::Field(field) if field.param) {
            depth = 0;
        } else if opens {
            depth += 1;
        }
        item.indent = depth * 2 + 2;
        opens = match &item.kind {
            NodeKind::Field(field) => {
                let element = element_type(&field.ty);
                !super::types::is_scalar(element) && expanded.insert(element.to_string())
            }
            NodeKind::OneOf { .. } => true,
            NodeKind::Enum(_) => {
                // What follows an enum is a sibling of the field that owns it.
                depth = depth.saturating_sub(1);
                false
            }
        };
    }
}

fn element_type(ty: &str) -> &str {
    let mut ty = ty.trim();
    while let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
        ty = inner;
    }
    ty
}
