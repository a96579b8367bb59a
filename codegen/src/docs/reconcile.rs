//! Repairs inconsistent indentation (pages indent ONE-OF groups and nested types unevenly):
//! when a ONE-OF group (or a nested type's fields) sits less indented than its parent's other
//! fields, indentation alone nests the parent's later fields under the last member. Other
//! evidence on the page says where they belong: required paths, other expansions of the same
//! types, and the examples' JSON.

use super::context::Context;
use super::json::{join, values_at};
use super::nesting::{Listing, Node};
use super::syntax::ItemKind;
use crate::schema::Type;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One expansion of a named type: where it is (line, column) and the field names it lists.
type Expansion = ((usize, usize), BTreeSet<String>);

/// Every expansion of every named type on a page, by type name.
#[derive(Default)]
struct Expansions(BTreeMap<String, Vec<Expansion>>);

impl Expansions {
    pub fn collect<'n>(trees: impl IntoIterator<Item = &'n [Node]>) -> Self {
        let mut expansions = Expansions::default();
        for tree in trees {
            expansions.walk(tree);
        }
        expansions
    }

    fn walk(&mut self, nodes: &[Node]) {
        for node in nodes {
            if let Some(name) = node_type(node) {
                if !node.children.is_empty() {
                    let names = child_field_names(&node.children);
                    self.0
                        .entry(name.to_string())
                        .or_default()
                        .push(((node.line, node.column), names));
                }
            }
            self.walk(&node.children);
        }
    }

    /// Whether an expansion of `ty` other than the one at `except` lists `field`.
    fn others_have(&self, ty: &str, except: (usize, usize), field: &str) -> Option<bool> {
        let others: Vec<_> = self
            .0
            .get(ty)?
            .iter()
            .filter(|(at, _)| *at != except)
            .collect();
        if others.is_empty() {
            return None;
        }
        Some(others.iter().any(|(_, names)| names.contains(field)))
    }
}

/// Field names directly under a node, looking into ONE-OF groups; SDK `_id` counts as `id`.
fn child_field_names(children: &[Node]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for child in children {
        match &child.kind {
            ItemKind::Field(field) => {
                names.insert(field.name.trim_start_matches('_').to_string());
            }
            ItemKind::OneOf { .. } => names.extend(child_field_names(&child.children)),
            ItemKind::Enum(_) => {}
        }
    }
    names
}

/// The element type name of a field node (`array<Foo>` → `Foo`), if it names a type.
fn node_type(node: &Node) -> Option<&str> {
    node.field()?.ty.expanded_name()
}

/// What the page says about where a field belongs, besides indentation.
struct Evidence<'e> {
    pub required: &'e [String],
    pub expansions: &'e Expansions,
    /// The REST curl examples' JSON bodies.
    pub bodies: &'e [Value],
    /// SDK trees: paths are mapped to REST names (`options.` dropped, `_id` → `id`).
    pub sdk: bool,
}

impl Evidence<'_> {
    fn json_path(&self, path: &str) -> String {
        let segments = path.split('.').map(|s| s.trim_start_matches('_'));
        let segments: Vec<&str> = if self.sdk {
            segments.skip_while(|s| *s == "options").collect()
        } else {
            segments.collect()
        };
        segments.join(".")
    }

    /// Whether an example body holds `key` in an object at `path`.
    fn example_has(&self, path: &str, key: &str) -> bool {
        values_at(self.bodies, &self.json_path(path))
            .iter()
            .any(|v| v.get(key).is_some())
    }
}

/// Repairs nesting in both listings with the evidence the whole page gives: its required
/// paths, every expansion of each type in either listing, and the REST examples' bodies.
pub(crate) fn repair(
    cx: &mut Context<'_>,
    rest: Option<&mut Listing>,
    sdk: Option<&mut Listing>,
    bodies: &[Value],
) {
    let trees = [rest.as_deref(), sdk.as_deref()]
        .into_iter()
        .flatten()
        .flat_map(|l| [l.params.as_slice(), l.returns.as_slice()]);
    let expansions = Expansions::collect(trees);
    for (listing, sdk) in [(rest, false), (sdk, true)] {
        if let Some(listing) = listing {
            let required = listing.header.required.clone();
            let params = Evidence {
                required: &required,
                expansions: &expansions,
                bodies,
                sdk,
            };
            reconcile_nesting(cx, &mut listing.params, "", &params);
            // Response fields: the request examples say nothing about them.
            let returns = Evidence {
                required: &[],
                expansions: &expansions,
                bodies: &[],
                sdk,
            };
            reconcile_nesting(cx, &mut listing.returns, "", &returns);
        }
    }
}

/// Moves fields that indentation put under a field's last child (or under the last member
/// of its ONE-OF group) back to the field when the page says they belong there.
fn reconcile_nesting(
    cx: &mut Context<'_>,
    nodes: &mut [Node],
    path: &str,
    evidence: &Evidence<'_>,
) {
    for node in nodes.iter_mut() {
        let Some(name) = node.field().map(|f| f.name.clone()) else {
            continue;
        };
        let node_path = join(path, &name);
        reconcile_parent(cx, node, &node_path, evidence);
        reconcile_nesting(cx, &mut node.children, &node_path, evidence);
    }
}

fn reconcile_parent(
    cx: &mut Context<'_>,
    parent: &mut Node,
    parent_path: &str,
    evidence: &Evidence<'_>,
) {
    let parent_type = node_type(parent).map(String::from);
    let parent_at = (parent.line, parent.column);
    let parent_indent = parent.indent;
    // The holder is the parent's one field: nothing beside it shows the parent's own depth.
    let alone = parent.children.len() == 1;
    let own = child_field_names(&parent.children);
    let (holder, in_one_of) = match parent.children.last_mut() {
        Some(
            group @ Node {
                kind: ItemKind::OneOf { .. },
                ..
            },
        ) => match group.children.last_mut() {
            Some(member) => (member, true),
            None => return,
        },
        Some(last) => (last, false),
        None => return,
    };
    let Some(holder_name) = holder.field().map(|f| f.name.clone()) else {
        return;
    };
    let holder_type = node_type(holder).map(String::from);
    let holder_at = (holder.line, holder.column);
    let holder_path = join(parent_path, &holder_name);
    let belongs_to_parent = |child: &Node| {
        let Some(field) = child.field() else {
            return false;
        };
        let name = field.name.trim_start_matches('_');
        // A field the parent already lists is the holder's own: moving it would list it twice.
        if own.contains(name) {
            return false;
        }
        if evidence.example_has(parent_path, name) && !evidence.example_has(&holder_path, name) {
            return true;
        }
        // A required path naming the parent's field speaks of the parent's, unless the
        // holder's type lists the field wherever else the page expands it.
        let in_holder = holder_type
            .as_deref()
            .and_then(|t| evidence.expansions.others_have(t, holder_at, name));
        if in_holder != Some(true)
            && evidence
                .required
                .iter()
                .any(|r| *r == join(parent_path, name))
        {
            return true;
        }
        if holder_type.is_none() {
            // A scalar ONE-OF member cannot have fields of its own.
            return in_one_of;
        }
        let in_parent = parent_type
            .as_deref()
            .and_then(|t| evidence.expansions.others_have(t, parent_at, name));
        in_parent == Some(true) && in_holder != Some(true)
    };
    let evidence_says = holder.children.iter().position(belongs_to_parent);
    let Some(first) =
        evidence_says.or_else(|| ambiguous_split(parent_indent, holder, in_one_of || alone))
    else {
        return;
    };
    let moved = holder.children.split_off(first);
    let names: Vec<String> = moved
        .iter()
        .filter_map(|n| n.field().map(|f| format!("`{}`", f.name)))
        .collect();
    let (names, one) = (names.join(", "), names.len() == 1);
    let message = if evidence_says.is_some() {
        format!(
            "{names} {} indented under `{holder_path}`, but the page says {} to `{parent_path}`; moved",
            if one { "is" } else { "are" },
            if one { "it belongs" } else { "they belong" }
        )
    } else {
        format!(
            "{names} {} at the depth of both `{holder_path}`'s fields and `{parent_path}`'s, and nothing on the page tells which: `{holder_path}` keeps its leading scalars, {names} went to `{parent_path}` (an override can say otherwise)",
            if one { "is" } else { "are" },
        )
    };
    cx.warning_at(moved[0].line, moved[0].column, message);
    parent.children.extend(moved);
}

/// Where a holder's children may end and its parent's fields begin when only the layout can
/// tell. A holder stepped into by less than it steps to its children (a ONE-OF member at
/// parent + 2 with children at parent + 5, where the parent's own fields are too) leaves its
/// children's depth ambiguous (FORMAT.md) when it is a ONE-OF member or its parent's one field
/// (`member_like`): no sibling shows the parent's own depth. A member holds a few scalars
/// (paging: a limit and a cursor), so the first child that is no scalar starts the parent's
/// fields.
fn ambiguous_split(parent_indent: usize, holder: &Node, member_like: bool) -> Option<usize> {
    if !member_like {
        return None;
    }
    let into = holder.indent.checked_sub(parent_indent)?;
    let out = holder.children.first()?.indent.checked_sub(holder.indent)?;
    if into >= out {
        return None;
    }
    let scalar = |node: &Node| {
        node.field()
            .and_then(|f| f.ty.parsed.as_ref().ok())
            .is_some_and(|ty| {
                matches!(
                    ty,
                    Type::String | Type::Integer | Type::Number | Type::Boolean | Type::Date
                )
            })
    };
    let first = holder.children.iter().position(|n| !scalar(n))?;
    (first > 0).then_some(first)
}
