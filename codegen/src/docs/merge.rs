//! The one place where the reader merges: one page expanding a type name twice (in both
//! listings, or a placeholder renamed onto a name already expanded) gives one definition, the
//! union of the fields (or values) with the first one's order and types. Expansions listing
//! different subsets (a request leaves out read-only fields) are no conflict; only a real
//! contradiction (one field with two types, an enum and a struct) is warned of. The page's type table holds one definition per name, so this cannot wait;
//! whether definitions from different pages merge is for `resolve`, which sees them all.

use super::context::Context;
use crate::schema::{Field, OneOf, TypeDef};
use std::collections::BTreeMap;

/// Adds `def` under `name`, merging it with an earlier expansion of the same name.
pub(crate) fn define(
    cx: &mut Context<'_>,
    types: &mut BTreeMap<String, TypeDef>,
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
    if let Some(conflict) = merge(existing, def) {
        cx.warning_at(
            at.0,
            at.1,
            format!("type `{name}` is expanded more than once with contradicting contents; merged: {conflict}"),
        );
    }
}

/// Merges a second expansion into the first: the union of fields (or values), the first one's
/// order, descriptions and types kept, except that a type the docs left unknown (any JSON
/// value) takes the other expansion's. Returns the contradictions, if any.
fn merge(existing: &mut TypeDef, other: TypeDef) -> Option<String> {
    match (existing, other) {
        (TypeDef::Struct(first), TypeDef::Struct(second)) => {
            let mut notes = Vec::new();
            let mut groups: BTreeMap<u32, u32> = BTreeMap::new();
            for field in second.fields {
                match first.fields.iter_mut().find(|f| f.name == field.name) {
                    Some(known) if known.ty == field.ty => {}
                    Some(known) => match known.ty.unify(&field.ty) {
                        Some(ty) => known.ty = ty,
                        None => notes.push(format!(
                            "`{}` is `{}` in one and `{}` in another (kept `{}`)",
                            field.name, known.ty, field.ty, known.ty
                        )),
                    },
                    None => {
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
            (!notes.is_empty()).then(|| notes.join("; "))
        }
        (TypeDef::Enum(first), TypeDef::Enum(second)) => {
            for value in second {
                if !first.iter().any(|v| v.value == value.value) {
                    first.push(value);
                }
            }
            None
        }
        (_, _) => Some("an enum in one expansion and a struct in another (kept the first)".into()),
    }
}
