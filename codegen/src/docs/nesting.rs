//! Nesting: a listing's flat tree lines nested by relative indentation (or, on a
//! flattened page, by the types the lines name) into the parameter and return-type trees.

use super::context::Context;
use super::syntax::{FieldLine, FlatTree, Header, Item, ItemKind, ListingSyntax, Section};
use crate::schema::MAX_DEPTH;

/// One tree line with the lines nested under it.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: ItemKind,
    pub line: usize,
    pub column: usize,
    pub indent: usize,
    pub children: Vec<Node>,
}

impl Node {
    /// The field line, unless the node is a ONE-OF group or an enum.
    pub fn field(&self) -> Option<&FieldLine> {
        match &self.kind {
            ItemKind::Field(field) => Some(field),
            _ => None,
        }
    }
}

impl From<Item> for Node {
    fn from(item: Item) -> Self {
        Node {
            kind: item.kind,
            line: item.line,
            column: item.column,
            indent: item.indent,
            children: Vec::new(),
        }
    }
}

/// A listing with its trees nested.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    pub header: Header,
    pub params: Vec<Node>,
    pub returns: Vec<Node>,
}

/// Nests every run of tree lines; the last run of a section is that section's tree.
pub(crate) fn nest(cx: &mut Context<'_>, syntax: ListingSyntax) -> Listing {
    let mut listing = Listing {
        header: syntax.header,
        ..Listing::default()
    };
    let runs = syntax.trees.into_iter().map(|run| (run.mark, run));
    for (section, tree) in cx.at_each(runs, |cx, run| (run.section, nest_run(cx, run))) {
        match section {
            Section::Params => listing.params = tree,
            Section::Returns => listing.returns = tree,
            Section::Header | Section::Errors => {}
        }
    }
    listing
}

fn nest_run(cx: &mut Context<'_>, run: FlatTree) -> Vec<Node> {
    let mut items: Vec<Node> = run.items.into_iter().map(Node::from).collect();
    if run.flattened {
        if items
            .iter()
            .any(|n| matches!(n.kind, ItemKind::OneOf { .. }))
        {
            let first = &items[0];
            cx.warning_at(
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
        cx.error_at(
            node.line,
            node.column,
            format!("fields nested more than {MAX_DEPTH} levels deep"),
        )
        .expected(format!("at most {MAX_DEPTH} levels of nesting"));
    }
    tree
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
        if matches!(&item.kind, ItemKind::Field(field) if field.param) {
            depth = 0;
        } else if opens {
            depth += 1;
        }
        item.indent = depth * 2 + 2;
        opens = match &item.kind {
            ItemKind::Field(field) => {
                let name = field.ty.expanded_name();
                name.is_some_and(|name| expanded.insert(name.to_string()))
            }
            ItemKind::OneOf { .. } => true,
            ItemKind::Enum(_) => {
                // What follows an enum is a sibling of the field that owns it.
                depth = depth.saturating_sub(1);
                false
            }
        };
    }
}
