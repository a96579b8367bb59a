//! Which structs derive `Default`.

use super::{RustIdent, RustType, TypeModel};
use std::collections::BTreeSet;

/// Marks the structs that can derive `Default`: every non-optional field has a default.
pub(super) fn mark_defaults(types: &mut [TypeModel]) {
    let mut defaultable: BTreeSet<RustIdent> = types
        .iter()
        .filter(|t| matches!(t, TypeModel::Struct(_)))
        .map(|t| t.name().clone())
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

fn has_default(ty: &RustType, defaultable: &BTreeSet<RustIdent>) -> bool {
    match ty {
        RustType::Named(name) => defaultable.contains(name),
        RustType::Boxed(inner) => has_default(inner, defaultable),
        _ => true,
    }
}
