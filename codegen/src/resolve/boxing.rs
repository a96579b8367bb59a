//! Boxing recursion: a type that would contain itself holds the recursive field in a `Box`.

use super::{RustIdent, RustType, TypeModel};
use crate::schema::walk;
use std::collections::{BTreeMap, BTreeSet};

/// Boxes fields and ONE-OF variants that would make a type contain itself.
pub(super) fn box_recursion(types: &mut [TypeModel]) {
    let edges: BTreeMap<RustIdent, Vec<RustIdent>> = types
        .iter()
        .map(|t| (t.name().clone(), direct_refs(t)))
        .collect();
    // Per type: the types it holds inline, directly or through others.
    let mut reach: BTreeMap<RustIdent, BTreeSet<RustIdent>> = BTreeMap::new();
    let mut reaches = |from: &RustIdent, to: &RustIdent| {
        reach
            .entry(from.clone())
            .or_insert_with(|| {
                walk::reachable([from.clone()], |next| {
                    edges.get(next).into_iter().flatten().cloned()
                })
            })
            .contains(to)
    };
    for model in types.iter_mut() {
        let owner = model.name().clone();
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
fn direct_refs(model: &TypeModel) -> Vec<RustIdent> {
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
