//! Type docs from the page: what the page says of the fields that hold a type.

use super::{FieldModel, MethodKind, MethodModel, RustIdent, RustType, TypeModel};
use std::collections::BTreeMap;

/// Puts in front of each type's doc the most common description among the fields holding it:
/// SDK arguments (in method order), then the fields and ONE-OF members of `types` (in their
/// order), the earliest on a tie.
pub(super) fn from_holders(types: &mut [TypeModel], methods: &[MethodModel]) {
    let arguments = methods.iter().flat_map(|m| match &m.kind {
        MethodKind::Sdk { args, options, .. } => {
            args.iter().map(|a| &a.field).chain(options).collect()
        }
        MethodKind::Rest { .. } => Vec::<&FieldModel>::new(),
    });
    let mut found: Vec<(&RustType, &str)> = arguments.map(|f| (&f.ty, f.doc.as_str())).collect();
    for model in types.iter() {
        match model {
            TypeModel::Struct(s) => found.extend(s.fields.iter().map(|f| (&f.ty, f.doc.as_str()))),
            TypeModel::OneOf(o) => found.extend(o.variants.iter().map(|v| (&v.ty, v.doc.as_str()))),
            TypeModel::Enum(_) => {}
        }
    }
    // Type name → its holders' descriptions, each with how often it appears, earliest first.
    let mut counts: BTreeMap<&RustIdent, Vec<(&str, usize)>> = BTreeMap::new();
    for (ty, doc) in found {
        let (Some(name), false) = (held_name(ty), doc.trim().is_empty()) else {
            continue;
        };
        let seen = counts.entry(name).or_default();
        match seen.iter_mut().find(|(d, _)| *d == doc) {
            Some((_, count)) => *count += 1,
            None => seen.push((doc, 1)),
        }
    }
    let chosen: BTreeMap<RustIdent, String> = counts
        .into_iter()
        .filter_map(|(name, seen)| {
            // `max_by_key` keeps the last of equal maxima: reversed, that is the earliest.
            let (doc, _) = seen.into_iter().rev().max_by_key(|(_, count)| *count)?;
            Some((name.clone(), doc.trim().to_string()))
        })
        .collect();
    for model in types.iter_mut() {
        let (name, doc) = match model {
            TypeModel::Struct(s) => (&s.name, &mut s.doc),
            TypeModel::Enum(e) => (&e.name, &mut e.doc),
            TypeModel::OneOf(o) => (&o.name, &mut o.doc),
        };
        if let Some(description) = chosen.get(name) {
            *doc = format!("{description}\n\n{doc}");
        }
    }
}

/// The named type a field holds, through `Vec` and `Box`.
fn held_name(ty: &RustType) -> Option<&RustIdent> {
    match ty {
        RustType::Named(name) => Some(name),
        RustType::Vec(inner) | RustType::Boxed(inner) => held_name(inner),
        _ => None,
    }
}
