//! The type space of one variant module: named types of all methods merged by structure, names
//! allocated, and IR types turned into Rust types.

use super::naming::{self, Names};
use super::{
    EnumModel, EnumVariant, FieldModel, OneOfField, OneOfModel, OneOfVariant, RustType,
    StructModel, TypeModel,
};
use crate::schema::{walk, EnumValue, Field, Fields, Type, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// A method's named types as one surface documents them.
pub(super) struct Local<'a> {
    pub method: &'a str,
    pub types: &'a BTreeMap<String, TypeDef>,
}

/// The merged named types of a module.
pub(super) struct TypeSpace {
    /// Rust name → (definition, index of the method whose naming it uses).
    pub globals: BTreeMap<String, (TypeDef, usize)>,
    /// Per method: documented name → Rust name.
    pub maps: Vec<BTreeMap<String, String>>,
    /// For a type merged from several pages' definitions: the names its fields refer to, from
    /// all of those pages.
    merged_maps: BTreeMap<String, BTreeMap<String, String>>,
}

impl TypeSpace {
    /// How the named types that `rust`'s fields refer to are named.
    pub fn map_of(&self, rust: &str) -> &BTreeMap<String, String> {
        match self.merged_maps.get(rust) {
            Some(map) => map,
            None => &self.maps[self.globals[rust].1],
        }
    }

    /// Merges the methods' types: one Rust type per distinct structure of a name. When pages
    /// disagree in a way one type can hold (more enum values, more fields, the fields they
    /// share alike), the definitions are merged under the plain name: a page added later then
    /// adds to a type and never renames it. Otherwise the structure most methods use keeps the
    /// name and the others are prefixed with their method's name.
    pub fn build(locals: &[Local<'_>], names: &mut Names, warnings: &mut Vec<String>) -> Self {
        // documented name → structure → methods using it, in method order.
        let mut shapes: BTreeMap<&str, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        let mut interner = Interner::default();
        for (index, local) in locals.iter().enumerate() {
            let mut memo = BTreeMap::new();
            for name in local.types.keys() {
                let mut walk = Walk {
                    table: local.types,
                    stack: Vec::new(),
                    memo: &mut memo,
                    interner: &mut interner,
                };
                let sig = walk.signature(name);
                shapes
                    .entry(name)
                    .or_default()
                    .entry(sig)
                    .or_default()
                    .push(index);
            }
        }
        let mut globals = BTreeMap::new();
        let mut maps = vec![BTreeMap::new(); locals.len()];
        // Names written in PascalCase first: they keep the plain identifier when another
        // spelling converts to the same one, whatever else the input holds.
        let mut shapes: Vec<_> = shapes.into_iter().collect();
        shapes.sort_by_key(|(name, _)| (naming::pascal(name, "T") != *name, *name));
        // The names that end up as one Rust type: one structure everywhere, or definitions that
        // merge (which may depend on the types their fields refer to: found to a fixed point).
        let definitions = |name: &str, variants: &BTreeMap<String, Vec<usize>>| -> Vec<&TypeDef> {
            let mut groups: Vec<&Vec<usize>> = variants.values().collect();
            groups.sort_by_key(|users| users[0]);
            groups.iter().map(|u| &locals[u[0]].types[name]).collect()
        };
        let mut single_shape: BTreeSet<&str> = shapes
            .iter()
            .filter(|(_, variants)| variants.len() == 1)
            .map(|(name, _)| *name)
            .collect();
        loop {
            let mergeable: Vec<&str> = shapes
                .iter()
                .filter(|(name, _)| !single_shape.contains(*name))
                .filter(|(name, variants)| {
                    merge_definitions(&definitions(name, variants), &single_shape).is_some()
                })
                .map(|(name, _)| *name)
                .collect();
            if mergeable.is_empty() {
                break;
            }
            single_shape.extend(mergeable);
        }
        let mut merged_users: Vec<(String, Vec<usize>)> = Vec::new();
        for (name, variants) in shapes {
            if variants.len() > 1 {
                let defs = definitions(name, &variants);
                if let Some((def, what)) = merge_definitions(&defs, &single_shape) {
                    let wanted = naming::pascal(name, "T");
                    let (rust, _) = names.allocate(&wanted);
                    let mut users: Vec<usize> = variants.values().flatten().copied().collect();
                    users.sort_unstable();
                    let methods: Vec<&str> = users.iter().map(|&i| locals[i].method).collect();
                    warnings.push(format!(
                        "type `{name}` differs between pages ({}); merged into one type `{rust}`: {what}",
                        methods.join(", ")
                    ));
                    globals.insert(rust.clone(), (def, users[0]));
                    for &user in &users {
                        maps[user].insert(name.to_string(), rust.clone());
                    }
                    merged_users.push((rust, users));
                    continue;
                }
            }
            let mut ranked: Vec<&Vec<usize>> = variants.values().collect();
            ranked.sort_by_key(|users| (std::cmp::Reverse(users.len()), users[0]));
            for (rank, users) in ranked.iter().enumerate() {
                let wanted = if rank == 0 {
                    naming::pascal(name, "T")
                } else {
                    naming::pascal(&format!("{}{name}", locals[users[0]].method), "T")
                };
                let (rust, clashed) = names.allocate(&wanted);
                if clashed {
                    warnings.push(format!(
                        "type `{name}` is named `{rust}`: `{wanted}` was taken"
                    ));
                }
                if rank > 0 {
                    let theirs: Vec<&str> = ranked[0].iter().map(|&i| locals[i].method).collect();
                    let ours: Vec<&str> = users.iter().map(|&i| locals[i].method).collect();
                    warnings.push(format!(
                        "type `{name}` differs between pages: {} define it one way, {} another; the latter is named `{rust}`",
                        theirs.join(", "),
                        ours.join(", ")
                    ));
                }
                let representative = users[0];
                globals.insert(
                    rust.clone(),
                    (locals[representative].types[name].clone(), representative),
                );
                for &user in users.iter() {
                    maps[user].insert(name.to_string(), rust.clone());
                }
            }
        }
        let mut merged_maps = BTreeMap::new();
        for (rust, users) in merged_users {
            let mut map = BTreeMap::new();
            for user in users {
                for (documented, named) in &maps[user] {
                    map.entry(documented.clone())
                        .or_insert_with(|| named.clone());
                }
            }
            merged_maps.insert(rust, map);
        }
        TypeSpace {
            globals,
            maps,
            merged_maps,
        }
    }
}

/// One definition holding all of `defs` (in page order), and what was merged; `None` when
/// they cannot be one type: a struct and an enum, ONE-OF groups that differ, or a field that
/// two pages type differently. A field may refer to a named type only if every page that
/// defines that type defines it alike (`single_shape`), so that it has one Rust name.
fn merge_definitions(
    defs: &[&TypeDef],
    single_shape: &BTreeSet<&str>,
) -> Option<(TypeDef, String)> {
    match defs.first()? {
        TypeDef::Enum(_) => {
            let mut values: Vec<EnumValue> = Vec::new();
            for def in defs {
                let TypeDef::Enum(more) = def else {
                    return None;
                };
                for value in more {
                    if !values.iter().any(|v| v.value == value.value) {
                        values.push(value.clone());
                    }
                }
            }
            let all: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            Some((
                TypeDef::Enum(values.clone()),
                format!("the values {}", all.join(", ")),
            ))
        }
        TypeDef::Struct(first) => {
            let mut merged: Fields = first.clone();
            for def in &defs[1..] {
                let TypeDef::Struct(more) = def else {
                    return None;
                };
                if more.one_ofs != first.one_ofs {
                    return None;
                }
                for field in &more.fields {
                    match merged.get_mut(&field.name) {
                        Some(kept) => {
                            let alike = kept.ty == field.ty
                                && kept.rest_name == field.rest_name
                                && kept.field_mask == field.field_mask
                                && kept.one_of == field.one_of;
                            if !alike {
                                return None;
                            }
                            kept.required &= field.required;
                            if kept.description.is_empty() {
                                kept.description = field.description.clone();
                            }
                        }
                        None => merged.fields.push(Field {
                            required: false,
                            ..field.clone()
                        }),
                    }
                }
                // A field some page leaves out is required by none.
                for field in &mut merged.fields {
                    if more.get(&field.name).is_none() {
                        field.required = false;
                    }
                }
            }
            let refers_alike = merged.named_types().all(|name| single_shape.contains(name));
            if !refers_alike {
                return None;
            }
            let names: Vec<&str> = merged.fields.iter().map(|f| f.name.as_str()).collect();
            Some((
                TypeDef::Struct(merged.clone()),
                format!("the fields {}", names.join(", ")),
            ))
        }
    }
}

/// Signatures of nested types, each stored once and referred to by number: a type used twice
/// by its parent does not double the parent's signature (which made hostile schemas explode).
#[derive(Default)]
struct Interner(BTreeMap<String, usize>);

impl Interner {
    fn id(&mut self, signature: String) -> usize {
        let next = self.0.len();
        *self.0.entry(signature).or_insert(next)
    }
}

/// One method's table being walked for signatures.
struct Walk<'t, 'm> {
    table: &'t BTreeMap<String, TypeDef>,
    stack: Vec<&'t str>,
    memo: &'m mut BTreeMap<String, String>,
    interner: &'m mut Interner,
}

impl<'t> Walk<'t, '_> {
    /// A definition's structure, the types it refers to given by the number of their own
    /// structure (recursion cut by name); descriptions do not count. Each name is computed
    /// once, so the walk is linear in the table.
    fn signature(&mut self, name: &'t str) -> String {
        if let Some(done) = self.memo.get(name) {
            return done.clone();
        }
        let Some(def) = self.table.get(name) else {
            return format!("?{name}");
        };
        if self.stack.contains(&name) {
            return format!("@{name}");
        }
        self.stack.push(name);
        let sig = match def {
            TypeDef::Enum(values) => {
                let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
                format!("enum[{}]", values.join(","))
            }
            TypeDef::Struct(fields) => {
                let mut out = String::from("struct{");
                for field in &fields.fields {
                    let ty = self.type_signature(&field.ty);
                    out.push_str(&format!(
                        "{}>{}:{ty}:{}:{:?};",
                        field.name,
                        field.rest_name.as_deref().unwrap_or(""),
                        field.required,
                        field.one_of
                    ));
                }
                for group in &fields.one_ofs {
                    out.push_str(&format!("|{}:{}", group.id, group.required));
                }
                out.push('}');
                out
            }
        };
        self.stack.pop();
        self.memo.insert(name.to_string(), sig.clone());
        sig
    }

    fn type_signature(&mut self, ty: &'t Type) -> String {
        let (depth, element) = ty.layers();
        let element = match element {
            Type::Named(name) => {
                let sig = self.signature(name);
                format!("#{}", self.interner.id(sig))
            }
            other => other.to_string(),
        };
        format!("{}{element}{}", "[".repeat(depth), "]".repeat(depth))
    }
}

/// An IR type in Rust; a name no page defines becomes any JSON value, with a warning.
pub(super) fn rust_type(
    ty: &Type,
    map: &BTreeMap<String, String>,
    method: &str,
    warnings: &mut BTreeSet<String>,
) -> RustType {
    let (depth, element) = ty.layers();
    let element = match element {
        Type::String => RustType::String,
        Type::Integer => RustType::Integer,
        Type::Number => RustType::Number,
        Type::Boolean => RustType::Boolean,
        Type::Object => RustType::Object,
        Type::Date => RustType::Date,
        Type::Any => RustType::Any,
        Type::Named(name) => match map.get(name) {
            Some(rust) => RustType::Named(rust.clone()),
            None => {
                warnings.insert(format!(
                    "type `{name}` of `{method}` is defined on no page; it is generated as any JSON value"
                ));
                RustType::Any
            }
        },
        Type::Array(_) => unreachable!("layers() looks through every array"),
    };
    (0..depth).fold(element, |ty, _| RustType::Vec(Box::new(ty)))
}

/// The name of a ONE-OF group too large to list its members: what they share — the last words
/// of their names (`bookingId`, `sessionId`, … → `Id`) or their one named type — else
/// `Choice`; the allocator numbers it only when the struct has two such groups.
fn group_name(members: &[&crate::schema::Field]) -> String {
    let words = |name: &str| -> Vec<String> {
        let pascal = naming::pascal(name, "V");
        let mut words = Vec::new();
        for c in pascal.chars() {
            if c.is_ascii_uppercase() || words.is_empty() {
                words.push(String::new());
            }
            if let Some(last) = words.last_mut() {
                last.push(c);
            }
        }
        words
    };
    let all: Vec<Vec<String>> = members.iter().map(|m| words(&m.name)).collect();
    let shortest = all.iter().map(Vec::len).min().unwrap_or(0);
    let shared = (1..shortest)
        .take_while(|&n| {
            all.iter()
                .all(|w| w[w.len() - n..] == all[0][all[0].len() - n..])
        })
        .last();
    if let Some(n) = shared {
        return all[0][all[0].len() - n..].concat();
    }
    let types: BTreeSet<Option<&str>> = members.iter().map(|m| m.ty.named()).collect();
    match types.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(named)] => naming::pascal(named, "T"),
        _ => "Choice".to_string(),
    }
}

/// What a struct conversion needs to know about its context.
pub(super) struct StructContext<'a> {
    pub map: &'a BTreeMap<String, String>,
    pub method: &'a str,
    /// Fields (by JSON name) that required paths make required.
    pub required: BTreeSet<String>,
    /// Types reachable from a response are never strict: a server may leave any field out.
    pub lenient: bool,
}

/// A struct model from IR fields; its ONE-OF groups become enums added to `one_ofs`.
pub(super) fn struct_model(
    name: &str,
    doc: String,
    fields: &Fields,
    context: &StructContext<'_>,
    type_names: &mut Names,
    one_ofs: &mut Vec<TypeModel>,
    warnings: &mut BTreeSet<String>,
) -> StructModel {
    let mut idents = Names::new();
    let clash = |json: &str, ident: &str, warnings: &mut BTreeSet<String>| {
        warnings.insert(format!("field `{json}` of `{name}` is named `{ident}` in Rust: its name clashes after case conversion (a name in lowerCamelCase keeps the plain one)"));
    };
    let plain: Vec<&crate::schema::Field> = fields
        .fields
        .iter()
        .filter(|f| f.one_of.is_none())
        .collect();
    let wanted: Vec<(&str, String)> = plain
        .iter()
        .map(|f| (f.name.as_str(), naming::snake(&f.name)))
        .collect();
    let allocated = idents.allocate_stably(&wanted, naming::is_lower_camel);
    let mut ident = |json: &str, warnings: &mut BTreeSet<String>| {
        let (ident, clashed) = idents.allocate(&naming::snake(json));
        if clashed {
            clash(json, &ident, warnings);
        }
        ident
    };
    let mut model_fields = Vec::new();
    for (field, (field_ident, clashed)) in plain.into_iter().zip(allocated) {
        if clashed {
            clash(&field.name, &field_ident, warnings);
        }
        model_fields.push(FieldModel {
            ident: field_ident,
            json: field.name.clone(),
            ty: rust_type(&field.ty, context.map, context.method, warnings),
            required: !context.lenient
                && (field.required || context.required.contains(&field.name)),
            doc: field.description.clone(),
        });
    }
    let mut groups = Vec::new();
    for group in &fields.one_ofs {
        let members: Vec<_> = fields
            .fields
            .iter()
            .filter(|f| f.one_of == Some(group.id))
            .collect();
        if members.is_empty() {
            continue;
        }
        let wanted = if members.len() <= 3 {
            let joined: Vec<String> = members
                .iter()
                .map(|m| naming::pascal(&m.name, "V"))
                .collect();
            joined.join("Or")
        } else {
            group_name(&members)
        };
        let (enum_name, _) = type_names.allocate(&format!("{name}{wanted}"));
        let mut variant_names = Names::new();
        let variants = members
            .iter()
            .map(|member| OneOfVariant {
                ident: variant_names.allocate(&naming::pascal(&member.name, "V")).0,
                json: member.name.clone(),
                ty: rust_type(&member.ty, context.map, context.method, warnings),
                doc: member.description.clone(),
            })
            .collect();
        let names: Vec<String> = members.iter().map(|m| format!("`{}`", m.name)).collect();
        one_ofs.push(TypeModel::OneOf(OneOfModel {
            name: enum_name.clone(),
            doc: format!(
                "Exactly one of {} (a ONE-OF group of `{name}`).",
                names.join(", ")
            ),
            variants,
        }));
        groups.push(OneOfField {
            ident: ident(&naming::snake(&wanted), warnings),
            enum_name,
            required: !context.lenient && group.required,
        });
    }
    let extra = ident("extra", warnings);
    StructModel {
        name: name.to_string(),
        doc,
        fields: model_fields,
        one_ofs: groups,
        extra,
        default: true,
    }
}

pub(super) fn enum_model(
    name: &str,
    doc: String,
    values: &[crate::schema::EnumValue],
    warnings: &mut BTreeSet<String>,
) -> EnumModel {
    let mut idents = Names::new();
    let values = values
        .iter()
        .map(|value| {
            let (ident, clashed) = idents.allocate(&naming::pascal(&value.value, "V"));
            if clashed {
                warnings.insert(format!("value `{}` of enum `{name}` is named `{ident}`: its name clashes after case conversion", value.value));
            }
            EnumVariant {
                ident,
                value: value.value.clone(),
                doc: value.description.clone(),
            }
        })
        .collect();
    let catch_all = idents.allocate_preferring(&["Unrecognized", "UnrecognizedValue"]);
    EnumModel {
        name: name.to_string(),
        doc,
        values,
        catch_all,
    }
}

/// Boxes fields and ONE-OF variants that would make a type contain itself.
pub(super) fn box_recursion(types: &mut [TypeModel]) {
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|t| (t.name().to_string(), direct_refs(t)))
        .collect();
    // Per type: the types it holds inline, directly or through others.
    let mut reach: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut reaches = |from: &str, to: &str| {
        reach
            .entry(from.to_string())
            .or_insert_with(|| {
                walk::reachable([from.to_string()], |next| {
                    edges.get(next).into_iter().flatten().cloned()
                })
            })
            .contains(to)
    };
    for model in types.iter_mut() {
        let owner = model.name().to_string();
        let mut fix = |ty: &mut RustType| {
            if let RustType::Named(target) = ty {
                if reaches(target, &owner) {
                    *ty = RustType::Boxed(Box::new(ty.clone()));
                }
            }
        };
        match model {
            TypeModel::Struct(s) => s.fields.iter_mut().for_each(|f| fix(&mut f.ty)),
            TypeModel::OneOf(o) => o.variants.iter_mut().for_each(|v| fix(&mut v.ty)),
            TypeModel::Enum(_) => {}
        }
    }
}

/// Types held inline (not behind a `Vec`): a struct's fields and ONE-OF enums, an enum's variants.
fn direct_refs(model: &TypeModel) -> Vec<String> {
    let named = |ty: &RustType| match ty {
        RustType::Named(name) => Some(name.clone()),
        _ => None,
    };
    match model {
        TypeModel::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| named(&f.ty))
            .chain(s.one_ofs.iter().map(|g| g.enum_name.clone()))
            .collect(),
        TypeModel::OneOf(o) => o.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeModel::Enum(_) => Vec::new(),
    }
}

/// Marks the structs that can derive `Default`: every non-optional field has a default.
pub(super) fn mark_defaults(types: &mut [TypeModel]) {
    let mut defaultable: BTreeSet<String> = types
        .iter()
        .filter(|t| matches!(t, TypeModel::Struct(_)))
        .map(|t| t.name().to_string())
        .collect();
    loop {
        let before = defaultable.len();
        for model in types.iter() {
            if let TypeModel::Struct(s) = model {
                let ok = s
                    .fields
                    .iter()
                    .all(|f| !f.required || has_default(&f.ty, &defaultable))
                    && s.one_ofs.iter().all(|g| !g.required);
                if !ok {
                    defaultable.remove(&s.name);
                }
            }
        }
        if defaultable.len() == before {
            break;
        }
    }
    for model in types.iter_mut() {
        if let TypeModel::Struct(s) = model {
            s.default = defaultable.contains(&s.name);
        }
    }
}

fn has_default(ty: &RustType, defaultable: &BTreeSet<String>) -> bool {
    match ty {
        RustType::Named(name) => defaultable.contains(name),
        RustType::Boxed(inner) => has_default(inner, defaultable),
        _ => true,
    }
}
