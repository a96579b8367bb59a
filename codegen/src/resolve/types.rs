//! The type space of one variant module: the named types of all its methods keyed by structure
//! ([`TypeKey`]: same fields, same type), merged where one type can hold them, and named.

use super::key::{Keys, TypeKey};
use super::naming::{self, Names, RustIdent};
use crate::schema::{EnumValue, Field, Fields, OneOf, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// A method's named types as one surface documents them.
pub(super) struct Local<'a> {
    pub method: &'a str,
    pub types: &'a BTreeMap<String, TypeDef>,
}

/// A method's documented type names → the Rust names they have in the module.
pub(super) type NameMap = BTreeMap<String, RustIdent>;

/// The merged named types of a module.
pub(super) struct TypeSpace {
    /// Rust name → (definition, index of the method whose naming it uses).
    pub globals: BTreeMap<RustIdent, (TypeDef, usize)>,
    /// Per method: documented name → Rust name.
    pub maps: Vec<NameMap>,
    /// For a type merged from several pages' definitions: the names its fields refer to, from
    /// all of those pages.
    merged_maps: BTreeMap<RustIdent, NameMap>,
}

impl TypeSpace {
    /// How the named types that `rust`'s fields refer to are named.
    pub fn map_of(&self, rust: &RustIdent) -> &NameMap {
        match self.merged_maps.get(rust) {
            Some(map) => map,
            None => &self.maps[self.globals[rust].1],
        }
    }

    /// Names the merged types: one Rust type per distinct structure of a name. Names that
    /// [`merge`] found mergeable are one type under the plain name: a page added later then
    /// adds to a type and never renames it. Otherwise the structure most methods use keeps the
    /// name and the others are prefixed with their method's name.
    pub fn name(
        locals: &[Local<'_>],
        keyed: Keyed<'_>,
        single_shape: &BTreeSet<&str>,
        names: &mut Names,
        warnings: &mut Vec<String>,
    ) -> Self {
        let mut globals = BTreeMap::new();
        let mut maps = vec![BTreeMap::new(); locals.len()];
        let mut merged_users: Vec<(RustIdent, Vec<usize>)> = Vec::new();
        for (name, variants) in keyed.0 {
            if variants.len() > 1 {
                let defs = definitions(locals, name, &variants);
                // Pages listing different subsets of one type's fields: one type, the union,
                // nothing to warn of.
                if let Some(def) = merge_definitions(&defs, single_shape) {
                    let wanted = naming::pascal(name, "T");
                    let (rust, _) = names.allocate(&wanted);
                    let mut users: Vec<usize> = variants.values().flatten().copied().collect();
                    users.sort_unstable();
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
            let mut renamed = Vec::new();
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
                    renamed.push(format!("`{rust}` ({})", locals[users[0]].method));
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
            if !renamed.is_empty() {
                let defs = definitions(locals, name, &variants);
                warnings.push(format!(
                    "type `{name}` is defined {} ways by the pages ({}), so it is {} Rust types: `{}` as most pages define it, and {}, each named after the first method using it",
                    ranked.len(),
                    difference(&defs),
                    ranked.len(),
                    naming::pascal(name, "T"),
                    renamed.join(", ")
                ));
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

/// Each documented name's structures, by [`TypeKey`], with the methods using each (in method
/// order); names written in PascalCase first, then by name.
pub(super) struct Keyed<'a>(Vec<(&'a str, BTreeMap<TypeKey, Vec<usize>>)>);

/// Keys every named type of every method by its structure.
pub(super) fn collect<'a>(locals: &[Local<'a>]) -> Keyed<'a> {
    let mut by_name: BTreeMap<&str, BTreeMap<TypeKey, Vec<usize>>> = BTreeMap::new();
    let mut keys = Keys::default();
    for (index, local) in locals.iter().enumerate() {
        for (name, key) in keys.of_table(local.types) {
            by_name
                .entry(name)
                .or_default()
                .entry(key)
                .or_default()
                .push(index);
        }
    }
    // Names written in PascalCase first: they keep the plain identifier when another
    // spelling converts to the same one, whatever else the input holds.
    let mut keyed: Vec<_> = by_name.into_iter().collect();
    keyed.sort_by_key(|(name, _)| (naming::pascal(name, "T").as_str() != *name, *name));
    Keyed(keyed)
}

/// The names that end up as one Rust type: one structure everywhere, or definitions that
/// merge (which may depend on the types their fields refer to: found to a fixed point).
pub(super) fn merge<'a>(locals: &[Local<'_>], keyed: &Keyed<'a>) -> BTreeSet<&'a str> {
    let mut single_shape: BTreeSet<&str> = keyed
        .0
        .iter()
        .filter(|(_, variants)| variants.len() == 1)
        .map(|(name, _)| *name)
        .collect();
    loop {
        let mergeable: Vec<&str> = keyed
            .0
            .iter()
            .filter(|(name, _)| !single_shape.contains(*name))
            .filter(|(name, variants)| {
                merge_definitions(&definitions(locals, name, variants), &single_shape).is_some()
            })
            .map(|(name, _)| *name)
            .collect();
        if mergeable.is_empty() {
            return single_shape;
        }
        single_shape.extend(mergeable);
    }
}

/// A name's distinct definitions, in the order of the first method using each.
fn definitions<'l>(
    locals: &[Local<'l>],
    name: &str,
    variants: &BTreeMap<TypeKey, Vec<usize>>,
) -> Vec<&'l TypeDef> {
    let mut groups: Vec<&Vec<usize>> = variants.values().collect();
    groups.sort_by_key(|users| users[0]);
    groups.iter().map(|u| &locals[u[0]].types[name]).collect()
}

/// One definition holding all of `defs` (in page order), and what was merged; `None` when
/// they cannot be one type: a struct and an enum, or a field that two pages type differently
/// (a type one page leaves unknown takes the other's) or place in different ONE-OF groups.
/// Pages listing different subsets of the fields (a request leaves out read-only ones) merge
/// into the union. A field may refer to a named type only if every page that defines that type
/// defines it alike (`single_shape`), so that it has one Rust name.
fn merge_definitions(defs: &[&TypeDef], single_shape: &BTreeSet<&str>) -> Option<TypeDef> {
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
            Some(TypeDef::Enum(values))
        }
        TypeDef::Struct(first) => {
            let mut merged: Fields = first.clone();
            for def in &defs[1..] {
                let TypeDef::Struct(more) = def else {
                    return None;
                };
                merge_fields(&mut merged, more)?;
            }
            let refers_alike = merged.named_types().all(|name| single_shape.contains(name));
            if !refers_alike {
                return None;
            }
            Some(TypeDef::Struct(merged))
        }
    }
}

/// Merges `more` into `merged`: the union of the fields. `None` when a field contradicts
/// (another type, REST name or ONE-OF group). ONE-OF groups are matched by their members: a
/// group none of whose members `merged` lists yet is added as a new group.
fn merge_fields(merged: &mut Fields, more: &Fields) -> Option<()> {
    let mut groups: BTreeMap<u32, u32> = BTreeMap::new();
    for field in &more.fields {
        let (Some(theirs), Some(kept)) = (field.one_of, merged.get(&field.name)) else {
            continue;
        };
        let ours = kept.one_of?;
        if *groups.entry(theirs).or_insert(ours) != ours {
            return None;
        }
    }
    for field in &more.fields {
        let group = field.one_of.map(|theirs| {
            *groups.entry(theirs).or_insert_with(|| {
                let id = merged.one_ofs.iter().map(|g| g.id).max().unwrap_or(0) + 1;
                let required = more.one_ofs.iter().any(|g| g.id == theirs && g.required);
                merged.one_ofs.push(OneOf { id, required });
                id
            })
        });
        match merged.get_mut(&field.name) {
            Some(kept) => {
                if kept.one_of != group
                    || kept.field_mask != field.field_mask
                    || kept.conversion != field.conversion
                {
                    return None;
                }
                kept.ty = kept.ty.unify(&field.ty)?;
                kept.rest_name = match (&kept.rest_name, &field.rest_name) {
                    (Some(a), Some(b)) if a != b => return None,
                    (a, b) => a.clone().or_else(|| b.clone()),
                };
                kept.required &= field.required;
                if kept.description.is_empty() {
                    kept.description = field.description.clone();
                }
            }
            None => merged.fields.push(Field {
                required: false,
                one_of: group,
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
    Some(())
}

/// Why `defs` (one name's definitions, which do not merge) are no one type, said of the first
/// difference found: a field typed two ways, ONE-OF groups that differ, or a struct and an enum.
fn difference(defs: &[&TypeDef]) -> String {
    let structs: Vec<&Fields> = defs.iter().filter_map(|d| d.as_struct()).collect();
    if structs.len() != defs.len() {
        return "a struct on some, an enum on others".to_string();
    }
    for (i, a) in structs.iter().enumerate() {
        for b in &structs[i + 1..] {
            for field in &a.fields {
                let Some(other) = b.get(&field.name) else {
                    continue;
                };
                if field.ty.unify(&other.ty).is_none() {
                    return format!(
                        "`{}` is `{}` on one and `{}` on another",
                        field.name, field.ty, other.ty
                    );
                }
                if field.one_of.is_some() != other.one_of.is_some() {
                    return format!("`{}` is in a ONE-OF group on one only", field.name);
                }
                if field.rest_name != other.rest_name {
                    return format!("`{}` travels under two REST names", field.name);
                }
            }
        }
    }
    "their fields refer to types that differ themselves".to_string()
}
