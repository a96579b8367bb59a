//! Fields: one listing's trees turned into IR fields and the surface's type table —
//! named types defined once and referred to by name, merged expansions, ONE-OF groups — and its
//! return type.

use super::context::Context;
use super::merge::define;
use super::nesting::{Listing, Node};
use super::syntax::{self, ItemKind, Returned};
use crate::schema::{EnumValue, Field, Fields, OneOf, ReturnType, Type, TypeDef};
use heck::ToUpperCamelCase;
use std::collections::BTreeMap;

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

/// One listing's fields and types while a method is assembled.
#[derive(Debug, Default)]
pub(crate) struct Side {
    pub params: Fields,
    pub returns: Option<Type>,
    pub types: TypeTable,
    /// Where diagnostics about this side point.
    pub at: (usize, usize),
    /// Paths of fields named for ids that nothing on the page types (typed as GUID strings).
    pub guessed_ids: Vec<String>,
}

/// Fields and types of one listing. `fallback_return` names an SDK `PROMISE` with fields;
/// `heading_line` is where diagnostics point when the listing has no `Method:` line.
pub(crate) fn side(
    cx: &mut Context<'_>,
    listing: &Listing,
    heading_line: usize,
    fallback_return: Option<&String>,
) -> Side {
    let mut types = TypeTable::new();
    let params = tree_fields(cx, &listing.params, &mut types);
    let returns = return_type(cx, listing, &mut types, fallback_return);
    Side {
        params,
        returns: returns.and_then(|r| r.ty),
        types,
        at: listing
            .header
            .method
            .as_ref()
            .map_or((heading_line, 1), |m| (m.line, m.column)),
        guessed_ids: Vec::new(),
    }
}

/// Converts a listing tree into fields, defining the named types it expands in `types`.
fn tree_fields(cx: &mut Context<'_>, nodes: &[Node], types: &mut TypeTable) -> Fields {
    let mut fields = Fields::default();
    for node in nodes {
        match &node.kind {
            ItemKind::Field(_) => {
                if let Some(field) = field(cx, node, types) {
                    fields.fields.push(field);
                }
            }
            ItemKind::OneOf { required } => {
                let id = fields.one_ofs.len() as u32 + 1;
                fields.one_ofs.push(OneOf {
                    id,
                    required: *required,
                });
                let members = tree_fields(cx, &node.children, types);
                if !members.one_ofs.is_empty() {
                    cx.warning_at(
                            node.line,
                            node.column,
                            "a ONE-OF group nested directly in another; its members joined the outer group",
                        );
                }
                if members.fields.is_empty() {
                    cx.warning_at(node.line, node.column, "a ONE-OF group with no members");
                }
                fields
                    .fields
                    .extend(members.fields.into_iter().map(|f| Field {
                        one_of: Some(id),
                        ..f
                    }));
            }
            ItemKind::Enum(_) => {
                cx.warning_at(
                    node.line,
                    node.column,
                    "enum values not under a field were ignored",
                );
            }
        }
    }
    dedupe_fields(cx, nodes, &mut fields);
    fields
}

/// Two fields with one JSON name would be two Rust fields writing one key: identical
/// repeats are merged with a warning, differing ones are an error at the second.
fn dedupe_fields(cx: &mut Context<'_>, nodes: &[Node], fields: &mut Fields) {
    let mut kept: Vec<Field> = Vec::with_capacity(fields.fields.len());
    for field in std::mem::take(&mut fields.fields) {
        let Some(first) = kept.iter().find(|f| f.name == field.name) else {
            kept.push(field);
            continue;
        };
        let (line, column) = nth_field_position(nodes, &field.name, 1);
        if *first == field {
            cx.warning_at(
                line,
                column,
                format!(
                    "field `{}` is listed twice; the copies are the same and were merged",
                    field.name
                ),
            );
        } else {
            cx.error_at(
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

fn field(cx: &mut Context<'_>, node: &Node, types: &mut TypeTable) -> Option<Field> {
    let line = node.field()?;
    let mut ty = match &line.ty.parsed {
        Ok(ty) => ty.clone(),
        Err(problem) => {
            cx.error_at(
                node.line,
                node.column,
                format!("field `{}` has an unknown type: {problem}", line.name),
            )
            .expected(
                "string, integer, number, boolean, object, Date, array, array<T> or a type name",
            );
            return None;
        }
    };
    // Bytes travel as one base64 string; the properties listed beneath are the JavaScript
    // typed array's own, no fields of the wire.
    let bytes = is_byte_array(&ty);
    if bytes {
        ty = ty.with_element(Type::String);
    }
    if !bytes && !node.children.is_empty() {
        let def = definition(cx, node, types);
        let name = match ty.element() {
            Type::Named(name) => name.clone(),
            other => {
                let name = type_name_from(&line.name);
                // A bare `array` with an enum block or fields beneath it: they are its
                // element, as the page gives it. Under a scalar they contradict the type.
                if *other != Type::Any {
                    cx.warning_at(
                        node.line,
                        node.column,
                        format!(
                        "field `{}` of type `{other}` has nested fields; they were named `{name}`",
                        line.name
                    ),
                    );
                }
                ty = ty.with_element(Type::Named(name.clone()));
                name
            }
        };
        if let Some(def) = def {
            define(cx, types, &name, def, (node.line, node.column));
        }
    }
    let field_mask = names_field_mask(&line.name) && is_list_of_paths(&ty);
    if field_mask {
        ty = Type::Array(Box::new(Type::String));
    }
    Some(Field {
        name: line.name.clone(),
        ty,
        description: line.description.clone(),
        required: line.required,
        one_of: None,
        rest_name: None,
        field_mask,
        conversion: None,
        inferred: false,
    })
}

/// Field masks are named so throughout the Wix API (`fieldMask`, `mask`, `updateMask`): a
/// protobuf `FieldMask`, which travels as one comma-separated string whatever the listing says.
fn names_field_mask(name: &str) -> bool {
    name == "mask" || name.ends_with("Mask")
}

/// Wix lists a bytes field as the JavaScript `Uint8Array` the SDK hands out; REST and the SDK's
/// JSON carry it as a base64 string.
fn is_byte_array(ty: &Type) -> bool {
    matches!(ty.element(), Type::Named(name) if name == "Uint8Array")
}

/// A list whose elements are paths: `array<string>`, or a bare `array`.
fn is_list_of_paths(ty: &Type) -> bool {
    matches!(ty, Type::Array(inner) if matches!(**inner, Type::String | Type::Any))
}

/// The type a field's children define: an enum (from `- enum:`) or a struct.
fn definition(cx: &mut Context<'_>, node: &Node, types: &mut TypeTable) -> Option<TypeDef> {
    let mut values: Vec<EnumValue> = Vec::new();
    let mut members = Vec::new();
    for child in &node.children {
        match &child.kind {
            ItemKind::Enum(enum_values) => {
                values.extend(enum_values.iter().cloned());
                if !child.children.is_empty() {
                    cx.warning_at(
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
                cx.warning_at(
                    node.line,
                    node.column,
                    format!("enum value `{}` is listed twice; merged", value.value),
                );
            }
            Some(_) => {
                cx.error_at(
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
        (true, false) => Some(TypeDef::Struct(tree_fields(cx, &members, types))),
        (false, false) => {
            cx.error_at(
                node.line,
                node.column,
                "a type with both enum values and fields",
            )
            .expected("either `- enum:` values or `- name:` fields under a field");
            None
        }
        (true, true) => {
            cx.warning_at(node.line, node.column, "an enum without values");
            Some(TypeDef::Enum(Vec::new()))
        }
    }
}

/// The declared return type; with fields under it, the struct they define (named by the
/// declaration, else by `fallback`).
fn return_type(
    cx: &mut Context<'_>,
    listing: &Listing,
    types: &mut TypeTable,
    fallback: Option<&String>,
) -> Option<ReturnType> {
    let declared = listing.header.return_decl.as_ref()?;
    let text = declared.value.as_str();
    let returned = syntax::returned(text);
    if returned == Returned::Malformed {
        cx.error_at(
            declared.line,
            declared.column,
            format!("unrecognized return type `{text}`"),
        )
        .expected("`PROMISE`, `PROMISE<TypeName>` or `TypeName`");
        return None;
    }
    let ty = if listing.returns.is_empty() {
        match returned {
            Returned::Type(Ok(ty)) => Some(ty),
            Returned::Type(Err(problem)) => {
                cx.error_at(
                    declared.line,
                    declared.column,
                    format!("unrecognized return type: {problem}"),
                )
                .expected("`PROMISE`, `PROMISE<TypeName>` or `TypeName`");
                return None;
            }
            Returned::Nothing | Returned::Malformed => None,
        }
    } else {
        let name = match (returned, fallback) {
            (Returned::Type(Ok(Type::Named(name))), _) => name,
            (Returned::Type(_), _) => {
                cx.error_at(
                    declared.line,
                    declared.column,
                    format!("the return type `{text}` has fields but is no type name"),
                )
                .expected("`TypeName` or `PROMISE<TypeName>` above the fields");
                return None;
            }
            (_, Some(fallback)) => fallback.clone(),
            (_, None) => "Response".to_string(),
        };
        let fields = tree_fields(cx, &listing.returns, types);
        define(
            cx,
            types,
            &name,
            TypeDef::Struct(fields),
            (declared.line, declared.column),
        );
        Some(Type::Named(name))
    };
    Some(ReturnType {
        declared: text.to_string(),
        ty,
    })
}

/// Where the `n`th (0-based) field line named `name` among `nodes` and their ONE-OF groups is.
fn nth_field_position(nodes: &[Node], name: &str, n: usize) -> (usize, usize) {
    let mut found = nodes
        .iter()
        .flat_map(|node| match node.kind {
            ItemKind::OneOf { .. } => node.children.iter().collect::<Vec<_>>(),
            _ => vec![node],
        })
        .filter(|node| node.field().is_some_and(|f| f.name == name));
    found
        .nth(n)
        .or_else(|| nodes.first())
        .map_or((1, 1), |node| (node.line, node.column))
}
