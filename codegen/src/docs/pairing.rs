//! Pairing: the REST and SDK listings of one method, paired field by field (`_id` ↔ `id`), and the
//! types the docs leave unknown resolved: placeholders (`type: serviceId`) and bare `array`s take
//! their type from the other listing, then from the curl examples' JSON, then fall back to any
//! JSON value with a warning. Fields the SDK converts (media, page URLs, addresses) are marked
//! with their conversion (`conversions`).

use super::context::Context;
use super::conversions;
use super::fields::{type_name_from, Side};
use super::json::{common_type, join, values_at};
use super::merge::define;
use crate::schema::{Field, Fields, Type, TypeDef, SDK_RENAMES};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A lower-case type name that is no scalar: a placeholder to resolve (`type: serviceId`).
fn is_placeholder(ty: &Type) -> bool {
    matches!(ty.element(), Type::Named(name) if name.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// An element type the docs left unknown: a placeholder or a bare `array`.
fn is_unresolved(ty: &Type) -> bool {
    is_placeholder(ty) || *ty.element() == Type::Any
}

/// Where a list of fields lives: the top-level parameters or a named struct.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Loc {
    Params,
    Struct(String),
}

impl Side {
    fn fields(&self, loc: &Loc) -> Option<&Fields> {
        match loc {
            Loc::Params => Some(&self.params),
            Loc::Struct(name) => match self.types.get(name)? {
                TypeDef::Struct(fields) => Some(fields),
                TypeDef::Enum(_) => None,
            },
        }
    }

    fn fields_mut(&mut self, loc: &Loc) -> Option<&mut Fields> {
        match loc {
            Loc::Params => Some(&mut self.params),
            Loc::Struct(name) => match self.types.get_mut(name)? {
                TypeDef::Struct(fields) => Some(fields),
                TypeDef::Enum(_) => None,
            },
        }
    }

    fn struct_loc(&self, ty: &Type) -> Option<Loc> {
        let name = ty.named()?;
        matches!(self.types.get(name), Some(TypeDef::Struct(_))).then(|| Loc::Struct(name.into()))
    }

    /// The SDK `options` parameter, whose fields are REST top-level parameters.
    pub fn options_param(&self) -> Option<&Field> {
        self.params
            .fields
            .iter()
            .find(|f| f.name == "options" || f.ty.named().is_some_and(|n| n.ends_with("Options")))
    }

    /// The SDK field that carries REST top-level parameter `name`.
    fn top_level(&self, name: &str) -> Option<&Field> {
        if let Some(field) = self.params.get(name) {
            return Some(field);
        }
        let options = self.struct_loc(&self.options_param()?.ty)?;
        self.fields(&options)?.get(name)
    }
}

/// The counterpart of `name` in `fields`: the same name, or the name with `_` added or removed.
fn counterpart<'f>(fields: &'f Fields, name: &str) -> Option<&'f Field> {
    fields
        .get(name)
        .or_else(|| fields.get(&format!("_{name}")))
        .or_else(|| name.strip_prefix('_').and_then(|bare| fields.get(bare)))
}

/// Resolves unknown types on both sides and records SDK → REST renames.
pub(crate) fn pair(cx: &mut Context<'_>, rest: &mut Side, sdk: &mut Side, bodies: &[Value]) {
    empty_response(rest, sdk);
    resolve_rest(cx, rest, sdk, bodies);
    fill_missing(cx, rest, Some(sdk), true);
    resolve_sdk(cx, sdk, rest, bodies);
    fill_missing(cx, sdk, Some(rest), false);
    settle_unknown(cx, [Some(rest), Some(sdk)], bodies);
}

/// A REST return type named but never expanded while the SDK returns a bare `PROMISE` with no
/// fields: both listings say the method answers with no data, so the type is an empty object
/// (a delete's `{}`), not a listing cut short.
fn empty_response(rest: &mut Side, sdk: &Side) {
    let Some(name) = rest.returns.as_ref().and_then(Type::named) else {
        return;
    };
    if sdk.returns.is_none() && !rest.types.contains_key(name) {
        rest.types
            .insert(name.to_string(), TypeDef::Struct(Fields::default()));
    }
}

/// A surface documented without its counterpart: resolve from the examples alone.
pub(crate) fn resolve_alone(
    cx: &mut Context<'_>,
    side: &mut Side,
    bodies: &[Value],
    is_rest: bool,
) {
    let empty = Side::default();
    if is_rest {
        resolve_rest(cx, side, &empty, bodies);
    } else {
        resolve_sdk(cx, side, &empty, bodies);
    }
    fill_missing(cx, side, None, is_rest);
    let sides = if is_rest {
        [Some(side), None]
    } else {
        [None, Some(side)]
    };
    settle_unknown(cx, sides, bodies);
}

fn resolve_rest(cx: &mut Context<'_>, rest: &mut Side, sdk: &Side, bodies: &[Value]) {
    let mut queue: Vec<(Loc, Option<Loc>, String)> = vec![(Loc::Params, None, String::new())];
    if let (Some(r), Some(s)) = (&rest.returns, &sdk.returns) {
        if let (Some(r), Some(s)) = (rest.struct_loc(r), sdk.struct_loc(s)) {
            queue.push((r, Some(s), String::new()));
        }
    }
    let mut seen = BTreeSet::new();
    while let Some((loc, sdk_loc, path)) = queue.pop() {
        if !seen.insert(loc.clone()) {
            continue;
        }
        let Some(fields) = rest.fields(&loc).cloned() else {
            continue;
        };
        for (index, field) in fields.fields.iter().enumerate() {
            let field_path = join(&path, &field.name);
            let sdk_field = match &sdk_loc {
                None if loc == Loc::Params => sdk.top_level(&field.name),
                None => None,
                Some(sdk_loc) => sdk
                    .fields(sdk_loc)
                    .and_then(|f| counterpart(f, &field.name)),
            };
            let ty = resolve_rest_type(cx, rest, field, sdk_field, &field_path, bodies);
            if let Some(next) = rest.struct_loc(&ty) {
                let sdk_next = sdk_field.and_then(|s| sdk.struct_loc(&s.ty));
                queue.push((next, sdk_next, field_path));
            }
            if let Some(fields) = rest.fields_mut(&loc) {
                fields.fields[index].ty = ty;
            }
        }
    }
}

fn resolve_rest_type(
    cx: &mut Context<'_>,
    rest: &mut Side,
    field: &Field,
    sdk_field: Option<&Field>,
    path: &str,
    bodies: &[Value],
) -> Type {
    if !is_unresolved(&field.ty) {
        return field.ty.clone();
    }
    let expanded = field
        .ty
        .named()
        .filter(|name| is_placeholder(&field.ty) && rest.types.contains_key(*name))
        .map(String::from);
    if let Some(sdk_field) = sdk_field.filter(|s| !is_unresolved(&s.ty)) {
        let sdk_ty = to_rest_type(&sdk_field.ty);
        let resolved = match field.ty {
            Type::Array(_) => field.ty.with_element(sdk_ty.element().clone()),
            _ => sdk_ty,
        };
        if let Some(placeholder) = &expanded {
            let name = resolved
                .named()
                .map(String::from)
                .unwrap_or_else(|| type_name_from(&field.name));
            rename_type(cx, rest, placeholder, &name);
            return resolved.with_element(Type::Named(name));
        }
        return resolved;
    }
    if let Some(placeholder) = expanded {
        let name = type_name_from(&field.name);
        cx.warning_at(
                rest.at.0,
                rest.at.1,
                format!("`{path}` has the placeholder type `{placeholder}` and no typed counterpart in the SDK listing; its fields were named `{name}`"),
            );
        rename_type(cx, rest, &placeholder, &name);
        return field.ty.with_element(Type::Named(name));
    }
    type_from_examples(&field.ty, path, bodies, &mut rest.guessed_ids)
}

fn resolve_sdk(cx: &mut Context<'_>, sdk: &mut Side, rest: &Side, bodies: &[Value]) {
    let mut queue: Vec<(Loc, Option<Loc>, String)> = Vec::new();
    let options = sdk.options_param().map(|f| f.name.clone());
    let params = sdk.params.fields.clone();
    for (index, field) in params.iter().enumerate() {
        if Some(&field.name) == options.as_ref() {
            if let Some(loc) = sdk.struct_loc(&field.ty) {
                queue.push((loc, Some(Loc::Params), String::new()));
            }
            continue;
        }
        let rest_field = rest.params.get(&field.name);
        pair_sdk_field(
            cx,
            sdk,
            &Loc::Params,
            index,
            field,
            rest_field,
            "",
            bodies,
            &mut queue,
            rest,
        );
    }
    if let (Some(s), Some(r)) = (&sdk.returns, &rest.returns) {
        if let Some(s_loc) = sdk.struct_loc(s) {
            let (rest_loc, path) = returned_counterpart(s, r, rest);
            queue.push((s_loc, rest_loc, path));
        }
    }
    let mut seen = BTreeSet::new();
    while let Some((loc, rest_loc, path)) = queue.pop() {
        if !seen.insert(loc.clone()) {
            continue;
        }
        let Some(fields) = sdk.fields(&loc).cloned() else {
            continue;
        };
        for (index, field) in fields.fields.iter().enumerate() {
            let rest_field = rest_loc
                .as_ref()
                .and_then(|l| rest.fields(l))
                .and_then(|f| counterpart(f, &field.name));
            pair_sdk_field(
                cx, sdk, &loc, index, field, rest_field, &path, bodies, &mut queue, rest,
            );
        }
    }
}

/// The REST struct an SDK return type pairs with, and its path in the response: the REST
/// return type, or, when the SDK returns one field of it (`Service` out of `{service:
/// Service}`), that field's type.
fn returned_counterpart(
    sdk_returns: &Type,
    rest_returns: &Type,
    rest: &Side,
) -> (Option<Loc>, String) {
    let whole = (rest.struct_loc(rest_returns), String::new());
    let (Some(sdk_name), Some(rest_name)) = (sdk_returns.named(), rest_returns.named()) else {
        return whole;
    };
    let Some(fields) = whole.0.as_ref().and_then(|loc| rest.fields(loc)) else {
        return whole;
    };
    let mut carrying = fields.fields.iter().filter(|f| f.ty == *sdk_returns);
    match (carrying.next(), carrying.next()) {
        (Some(field), None) if sdk_name != rest_name => {
            (rest.struct_loc(&field.ty), field.name.clone())
        }
        _ => whole,
    }
}

#[allow(clippy::too_many_arguments)]
fn pair_sdk_field(
    cx: &mut Context<'_>,
    sdk: &mut Side,
    loc: &Loc,
    index: usize,
    field: &Field,
    rest_field: Option<&Field>,
    path: &str,
    bodies: &[Value],
    queue: &mut Vec<(Loc, Option<Loc>, String)>,
    rest: &Side,
) {
    let rest_name = rest_field.map_or(field.name.as_str(), |r| r.name.as_str());
    let rest_path = join(path, rest_name);
    let renamed = rest_field
        .filter(|r| r.name != field.name)
        .map(|r| r.name.clone());
    if let Some(rest_name) = &renamed {
        if !SDK_RENAMES.contains(&(field.name.as_str(), rest_name.as_str())) {
            cx.warning_at(
                    sdk.at.0,
                    sdk.at.1,
                    format!("SDK field `{}` pairs with REST `{rest_name}`, a rename outside `_id`, `_createdDate` and `_updatedDate`", join(path, &field.name)),
                );
        }
    }
    let resolved_rest = rest_field.filter(|r| !is_unresolved(&r.ty));
    let ty = if is_unresolved(&field.ty) {
        match resolved_rest {
            // The SDK holds media and page URLs as strings, whatever its listing leaves out.
            Some(rest_field) if conversions::string_form(&rest_field.ty, &rest.types).is_some() => {
                field.ty.with_element(Type::String)
            }
            Some(rest_field) => field.ty.with_element(rest_field.ty.element().clone()),
            None => type_from_examples(&field.ty, &rest_path, bodies, &mut sdk.guessed_ids),
        }
    } else {
        field.ty.clone()
    };
    let conversion =
        resolved_rest.and_then(|r| conversions::conversion(&ty, &sdk.types, &r.ty, &rest.types));
    if let Some(next) = sdk.struct_loc(&ty) {
        let rest_next = rest_field.and_then(|r| rest.struct_loc(&r.ty));
        queue.push((next, rest_next, rest_path));
    }
    // A list of paths in the SDK that REST documents as one string is a field mask.
    let paths = Type::Array(Box::new(Type::String));
    let field_mask = ty == paths && rest_field.is_some_and(|r| r.ty == Type::String);
    if let Some(target) = sdk.fields_mut(loc).and_then(|f| f.fields.get_mut(index)) {
        target.ty = ty;
        target.rest_name = renamed;
        target.field_mask |= field_mask;
        target.conversion = conversion;
    }
}

/// The type of a field the docs leave unknown, from the examples at `path`; a field named for
/// ids that they do not show either is typed as GUID strings and its path put in `guessed`
/// (said once per page, by `settle_unknown`).
fn type_from_examples(ty: &Type, path: &str, bodies: &[Value], guessed: &mut Vec<String>) -> Type {
    let field = path.rsplit('.').next().unwrap_or(path);
    match element_from(ty, values_at(bodies, path)) {
        Some(element) => ty.with_element(element),
        // Ids are GUID strings throughout the Wix API (Wix's own SDK types them `string`).
        None if names_ids(field) => {
            guessed.push(path.to_string());
            ty.with_element(Type::String)
        }
        // Said once per page, by `settle_unknown`, if the examples at the type's other uses
        // do not tell either.
        None => ty.with_element(Type::Any),
    }
}

/// The element type the example `values` of a field typed `ty` share, looking through as many
/// array layers as `ty` has.
fn element_from(ty: &Type, mut values: Vec<&Value>) -> Option<Type> {
    let mut layer = ty;
    while let Type::Array(inner) = layer {
        values = values
            .into_iter()
            .flat_map(|v| v.as_array().into_iter().flatten())
            .collect();
        layer = inner;
    }
    common_type(&values)
}

/// At most this many paths of one named type are looked up in the examples.
const PATHS_PER_TYPE: usize = 8;

/// The JSON paths (REST names) at which each struct of a side is used, from its parameters
/// down; an SDK `options` object's fields are top-level in REST.
fn type_paths(side: &Side) -> BTreeMap<String, Vec<String>> {
    let options = side.options_param().map(|f| f.name.clone());
    let mut paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stack: Vec<(&Field, String)> = Vec::new();
    for field in &side.params.fields {
        if Some(&field.name) == options.as_ref() {
            if let Some(name) = field.ty.named() {
                paths
                    .entry(name.to_string())
                    .or_default()
                    .push(String::new());
                if let Some(TypeDef::Struct(fields)) = side.types.get(name) {
                    stack.extend(fields.fields.iter().map(|f| (f, String::new())));
                }
            }
            continue;
        }
        stack.push((field, String::new()));
    }
    // Iterative and bounded: each type is entered at most `PATHS_PER_TYPE` times.
    while let Some((field, parent)) = stack.pop() {
        let Some(name) = field.ty.named() else {
            continue;
        };
        let Some(TypeDef::Struct(fields)) = side.types.get(name) else {
            continue;
        };
        let known = paths.entry(name.to_string()).or_default();
        if known.len() >= PATHS_PER_TYPE {
            continue;
        }
        let path = join(&parent, json_name(field));
        known.push(path.clone());
        stack.extend(fields.fields.iter().map(|f| (f, path.clone())));
    }
    paths
}

/// The name a field travels under in REST JSON.
fn json_name(field: &Field) -> &str {
    field
        .rest_name
        .as_deref()
        .unwrap_or_else(|| field.name.trim_start_matches('_'))
}

/// Fields whose type the docs leave unknown (a bare `array`, a placeholder nothing resolved)
/// typed from the examples at every path their struct is used at, not only the first; those
/// nothing types stay any JSON value, said in one warning for the page.
fn settle_unknown(cx: &mut Context<'_>, sides: [Option<&mut Side>; 2], bodies: &[Value]) {
    // `Type.field` (or a parameter's name) → the listings leaving it unknown.
    let mut unknown: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut ids: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut at = None;
    for (side, listing) in sides.into_iter().zip(["REST", "SDK"]) {
        let Some(side) = side else {
            continue;
        };
        at.get_or_insert(side.at);
        for path in std::mem::take(&mut side.guessed_ids) {
            ids.entry(path).or_default().insert(listing);
        }
        let paths = type_paths(side);
        let mut check = |field: &mut Field, owner: &str, paths: &[String]| {
            if field.inferred || *field.ty.element() != Type::Any {
                return;
            }
            let values = paths
                .iter()
                .flat_map(|p| values_at(bodies, &join(p, json_name(field))))
                .collect();
            match element_from(&field.ty, values) {
                Some(element) => field.ty = field.ty.with_element(element),
                None => {
                    let name = join(owner, json_name(field));
                    unknown.entry(name).or_default().insert(listing);
                }
            }
        };
        for field in &mut side.params.fields {
            check(field, "", &[String::new()]);
        }
        // The SDK `options` object's fields are REST top-level parameters.
        let options = side
            .options_param()
            .and_then(|f| f.ty.named())
            .map(String::from);
        for (name, def) in &mut side.types {
            let owner = if Some(name) == options.as_ref() {
                ""
            } else {
                name
            };
            if let TypeDef::Struct(fields) = def {
                let paths = paths.get(name).map_or(&[][..], Vec::as_slice);
                for field in &mut fields.fields {
                    check(field, owner, paths);
                }
            }
        }
    }
    let Some(at) = at else {
        return;
    };
    let listed = |fields: &BTreeMap<String, BTreeSet<&str>>| {
        let listed: Vec<String> = fields
            .iter()
            .map(|(path, listings)| {
                let listings: Vec<&str> = listings.iter().copied().collect();
                format!("`{path}` ({})", listings.join(", "))
            })
            .collect();
        listed.join(", ")
    };
    if !unknown.is_empty() {
        cx.warning_at(
            at.0,
            at.1,
            format!(
                "nothing on the page (the other listing, an enum block, the examples) types {}: a bare `array` or a placeholder, it holds any JSON value",
                listed(&unknown)
            ),
        );
    }
    if !ids.is_empty() {
        cx.warning_at(
            at.0,
            at.1,
            format!(
                "nothing on the page (the other listing, the examples) types {}: as a field named for ids, it is typed as GUID strings",
                listed(&ids)
            ),
        );
    }
}

fn rename_type(cx: &mut Context<'_>, side: &mut Side, from: &str, to: &str) {
    if let Some(def) = side.types.remove(from) {
        define(cx, &mut side.types, to, def, side.at);
    }
}

/// Named types a side refers to but never expands: taken from the other listing when it
/// expands them (converted to this side's naming), otherwise reported.
fn fill_missing(cx: &mut Context<'_>, side: &mut Side, other: Option<&Side>, is_rest: bool) {
    let mut reported = BTreeSet::new();
    loop {
        let missing: Vec<String> = referenced(side)
            .into_iter()
            .filter(|name| !side.types.contains_key(name) && !reported.contains(name))
            .collect();
        if missing.is_empty() {
            break;
        }
        for name in missing {
            match other.and_then(|o| o.types.get(&name)) {
                Some(def) => {
                    let def = if is_rest {
                        to_rest_def(def)
                    } else {
                        def.clone()
                    };
                    side.types.insert(name, def);
                }
                None => {
                    cx.warning_at(
                        side.at.0,
                        side.at.1,
                        format!("type `{name}` is used but never expanded on this page"),
                    );
                    reported.insert(name);
                }
            }
        }
    }
}

/// Every type name a side's fields refer to.
fn referenced(side: &Side) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |fields: &Fields| {
        for field in &fields.fields {
            if let Some(name) = field.ty.named() {
                names.insert(name.to_string());
            }
        }
    };
    add(&side.params);
    for def in side.types.values() {
        if let TypeDef::Struct(fields) = def {
            add(fields);
        }
    }
    if let Some(name) = side.returns.as_ref().and_then(Type::named) {
        names.insert(name.to_string());
    }
    names
}

/// An SDK type as REST writes it: `Date` is an RFC 3339 string.
fn to_rest_type(ty: &Type) -> Type {
    match ty.element() {
        Type::Date => ty.with_element(Type::String),
        _ => ty.clone(),
    }
}

/// An SDK definition as REST names it: `_id` → `id`, `Date` → `string`.
fn to_rest_def(def: &TypeDef) -> TypeDef {
    match def {
        TypeDef::Enum(values) => TypeDef::Enum(values.clone()),
        TypeDef::Struct(fields) => TypeDef::Struct(Fields {
            fields: fields
                .fields
                .iter()
                .map(|f| Field {
                    name: f.rest_name.clone().unwrap_or_else(|| {
                        SDK_RENAMES
                            .iter()
                            .find(|(sdk, _)| *sdk == f.name)
                            .map_or_else(|| f.name.clone(), |(_, rest)| rest.to_string())
                    }),
                    ty: to_rest_type(&f.ty),
                    rest_name: None,
                    field_mask: false,
                    conversion: None,
                    ..f.clone()
                })
                .collect(),
            one_ofs: fields.one_ofs.clone(),
        }),
    }
}

/// A field named for one id or many (`serviceId`, `resourceTypeIds`, `memberGuid`).
fn names_ids(field: &str) -> bool {
    ["Id", "Ids", "Guid", "Guids"]
        .iter()
        .any(|suffix| field.ends_with(suffix) && field.len() > suffix.len())
        || matches!(field, "id" | "ids" | "guid" | "_id")
}
