//! From listing trees to IR fields and per-surface type tables: named types defined once and
//! referred to by name, merged expansions, and ONE-OF groups.

use super::listing::{Node, NodeKind};
use super::Reader;
use crate::schema::{EnumValue, Field, Fields, OneOf, Type, TypeDef};
use heck::ToUpperCamelCase;
use std::collections::BTreeMap;

/// Type names the docs use for scalars (and `array` without an element type).
pub(crate) fn is_scalar(ty: &str) -> bool {
    matches!(
        ty,
        "string" | "integer" | "number" | "boolean" | "object" | "Date" | "array" | "any"
    )
}

/// A lower-case type name that is no scalar: a placeholder to resolve (`type: serviceId`).
pub(crate) fn is_placeholder(ty: &Type) -> bool {
    matches!(ty.element(), Type::Named(name) if name.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// An element type the docs left unknown: a placeholder or a bare `array`.
pub(crate) fn is_unresolved(ty: &Type) -> bool {
    is_placeholder(ty) || *ty.element() == Type::Any
}

/// A type name made from free text (a field name, a page title) for a type the docs leave
/// unnamed: `resourceTypes` → `ResourceTypes`, reduced to identifier characters.
pub(crate) fn type_name_from(text: &str) -> String {
    let name: String = text
        .to_upper_camel_case()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name
    } else {
        format!("T{name}")
    }
}

/// The named types of one surface of one method.
pub(crate) type TypeTable = BTreeMap<String, TypeDef>;

impl Reader<'_> {
    /// Converts a listing tree into fields, defining the named types it expands in `types`.
    pub(crate) fn fields(&mut self, nodes: &[Node], types: &mut TypeTable) -> Fields {
        let mut fields = Fields::default();
        for node in nodes {
            match &node.kind {
                NodeKind::Field(_) => {
                    if let Some(field) = self.field(node, types) {
                        fields.fields.push(field);
                    }
                }
                NodeKind::OneOf { required } => {
                    let id = fields.one_ofs.len() as u32 + 1;
                    fields.one_ofs.push(OneOf {
                        id,
                        required: *required,
                    });
                    let members = self.fields(&node.children, types);
                    if !members.one_ofs.is_empty() {
                        self.warning_at(
                            node.line,
                            node.column,
                            "a ONE-OF group nested directly in another; its members joined the outer group",
                        );
                    }
                    if members.fields.is_empty() {
                        self.warning_at(node.line, node.column, "a ONE-OF group with no members");
                    }
                    fields
                        .fields
                        .extend(members.fields.into_iter().map(|f| Field {
                            one_of: Some(id),
                            ..f
                        }));
                }
                NodeKind::Enum(_) => {
                    self.warning_at(
                        node.line,
                        node.column,
                        "enum values not under a field were ignored",
                    );
                }
            }
        }
        self.dedupe_fields(nodes, &mut fields);
        fields
    }

    /// Two fields with one JSON name would be two Rust fields writing one key: identical
    /// repeats are merged with a warning, differing ones are an error at the second.
    fn dedupe_fields(&mut self, nodes: &[Node], fields: &mut Fields) {
        let mut kept: Vec<Field> = Vec::with_capacity(fields.fields.len());
        for field in std::mem::take(&mut fields.fields) {
            let Some(first) = kept.iter().find(|f| f.name == field.name) else {
                kept.push(field);
                continue;
            };
            let (line, column) = nth_field_position(nodes, &field.name, 1);
            if *first == field {
                self.warning_at(
                    line,
                    column,
                    format!(
                        "field `{}` is listed twice; the copies are the same and were merged",
                        field.name
                    ),
                );
            } else {
                self.error_at(
                    line,
                    column,
                    format!(
                        "field `{}` is listed twice with different contents",
                        field.name
                    ),
                )
                .expected("each JSON name once in a type");
            }
        }
        fields.fields = kept;
    }

    fn field(&mut self, node: &Node, types: &mut TypeTable) -> Option<Field> {
        let line = node.field()?;
        let mut ty = match Type::parse(&line.ty) {
            Ok(ty) => ty,
            Err(problem) => {
                self.error_at(
                    node.line,
                    node.column,
                    format!("field `{}` has an unknown type: {problem}", line.name),
                )
                .expected("string, integer, number, boolean, object, Date, array, array<T> or a type name");
                return None;
            }
        };
        if !node.children.is_empty() {
            let def = self.definition(node, types);
            let name = match ty.element() {
                Type::Named(name) => name.clone(),
                other => {
                    let name = type_name_from(&line.name);
                    self.warning_at(
                        node.line,
                        node.column,
                        format!(
                            "field `{}` of type `{other}` has nested fields; they were named `{name}`",
                            line.name
                        ),
                    );
                    ty = ty.with_element(Type::Named(name.clone()));
                    name
                }
            };
            if let Some(def) = def {
                self.define(types, &name, def, (node.line, node.column));
            }
        }
        Some(Field {
            name: line.name.clone(),
            ty,
            description: line.description.clone(),
            required: line.required,
            one_of: None,
            rest_name: None,
            field_mask: false,
            inferred: false,
        })
    }

    /// The type a field's children define: an enum (from `- enum:`) or a struct.
    fn definition(&mut self, node: &Node, types: &mut TypeTable) -> Option<TypeDef> {
        let mut values: Vec<EnumValue> = Vec::new();
        let mut members = Vec::new();
        for child in &node.children {
            match &child.kind {
                NodeKind::Enum(enum_values) => {
                    values.extend(enum_values.iter().cloned());
                    if !child.children.is_empty() {
                        self.warning_at(
                            child.line,
                            child.column,
                            "lines nested under `- enum:` were ignored",
                        );
                    }
                }
                _ => members.push(child.clone()),
            }
        }
        let mut unique: Vec<EnumValue> = Vec::with_capacity(values.len());
        for value in values {
            match unique.iter().find(|v| v.value == value.value) {
                None => unique.push(value),
                Some(first) if *first == value || value.description.is_empty() => {
                    self.warning_at(
                        node.line,
                        node.column,
                        format!("enum value `{}` is listed twice; merged", value.value),
                    );
                }
                Some(_) => {
                    self.error_at(
                        node.line,
                        node.column,
                        format!(
                            "enum value `{}` is listed twice with different descriptions",
                            value.value
                        ),
                    )
                    .expected("each enum value once");
                }
            }
        }
        let values = unique;
        match (values.is_empty(), members.is_empty()) {
            (false, true) => Some(TypeDef::Enum(values)),
            (true, false) => Some(TypeDef::Struct(self.fields(&members, types))),
            (false, false) => {
                self.error_at(
                    node.line,
                    node.column,
                    "a type with both enum values and fields",
                )
                .expected("either `- enum:` values or `- name:` fields under a field");
                None
            }
            (true, true) => {
                self.warning_at(node.line, node.column, "an enum without values");
                Some(TypeDef::Enum(Vec::new()))
            }
        }
    }

    /// Adds `def` under `name`, merging it with an earlier expansion of the same name.
    pub(crate) fn define(
        &mut self,
        types: &mut TypeTable,
        name: &str,
        def: TypeDef,
        at: (usize, usize),
    ) {
        let Some(existing) = types.get_mut(name) else {
            types.insert(name.to_string(), def);
            return;
        };
        if *existing == def {
            return;
        }
        let note = merge(existing, def);
        self.warning_at(
            at.0,
            at.1,
            format!(
                "type `{name}` is expanded more than once with different contents; merged: {note}"
            ),
        );
    }
}

/// Where the `n`th (0-based) field line named `name` among `nodes` and their ONE-OF groups is.
fn nth_field_position(nodes: &[Node], name: &str, n: usize) -> (usize, usize) {
    let mut found = nodes
        .iter()
        .flat_map(|node| match node.kind {
            NodeKind::OneOf { .. } => node.children.iter().collect::<Vec<_>>(),
            _ => vec![node],
        })
        .filter(|node| node.field().is_some_and(|f| f.name == name));
    found
        .nth(n)
        .or_else(|| nodes.first())
        .map_or((1, 1), |node| (node.line, node.column))
}

/// Merges a second expansion into the first: the union of fields (or values), first one's
/// order and types kept. Returns what differed.
pub(crate) fn merge(existing: &mut TypeDef, other: TypeDef) -> String {
    match (existing, other) {
        (TypeDef::Struct(first), TypeDef::Struct(second)) => {
            let mut notes = Vec::new();
            let mut groups: BTreeMap<u32, u32> = BTreeMap::new();
            for field in second.fields {
                match first.get(&field.name) {
                    Some(known) if known.ty != field.ty => notes.push(format!(
                        "`{}` is `{}` in one and `{}` in another (kept `{}`)",
                        field.name, known.ty, field.ty, known.ty
                    )),
                    Some(_) => {}
                    None => {
                        notes.push(format!("added `{}`", field.name));
                        let one_of = field.one_of.map(|group| {
                            let required =
                                second.one_ofs.iter().any(|g| g.id == group && g.required);
                            *groups.entry(group).or_insert_with(|| {
                                let id = first.one_ofs.len() as u32 + 1;
                                first.one_ofs.push(OneOf { id, required });
                                id
                            })
                        });
                        first.fields.push(Field { one_of, ..field });
                    }
                }
            }
            if notes.is_empty() {
                "the same fields, described differently (kept the first)".to_string()
            } else {
                notes.join("; ")
            }
        }
        (TypeDef::Enum(first), TypeDef::Enum(second)) => {
            let mut added = Vec::new();
            for value in second {
                if !first.iter().any(|v| v.value == value.value) {
                    added.push(value.value.clone());
                    first.push(value);
                }
            }
            if added.is_empty() {
                "the same values, described differently (kept the first)".to_string()
            } else {
                format!("added values {}", added.join(", "))
            }
        }
        (_, _) => "an enum in one expansion and a struct in another (kept the first)".to_string(),
    }
}
