//! Recursion: a type that would contain itself holds the recursive field in a `Box`, and one
//! that would require itself has that requirement dropped.

use super::{RustIdent, RustType, StructModel, TypeModel};
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

/// Makes optional each required field or group through which a type would require itself
/// (directly, or through required fields, required groups and the first member of a group):
/// no finite JSON holds such a value, and a struct is read starting from a blank value of each
/// field, which for such a type would never end.
pub(super) fn unrequire_cycles(types: &mut [TypeModel]) {
    while let Some((at, field)) = requirement_through_itself(types) {
        let TypeModel::Struct(model) = &mut types[at] else {
            unreachable!("only structs have requirements to drop")
        };
        match field {
            Requirement::Field(i) => model.fields[i].required = false,
            Requirement::Group(i) => model.one_ofs[i].required = false,
        }
        super::definitions::name_setters(model);
    }
}

/// A struct's required field or group, by position.
#[derive(Clone, Copy)]
enum Requirement {
    Field(usize),
    Group(usize),
}

/// The first struct (by position) with a requirement leading back to itself, and which.
fn requirement_through_itself(types: &[TypeModel]) -> Option<(usize, Requirement)> {
    let edges: BTreeMap<&RustIdent, Vec<RustIdent>> = types
        .iter()
        .map(|t| (t.name(), required_types(t)))
        .collect();
    let requires = |from: &RustIdent| {
        walk::reachable([from.clone()], |next| {
            edges.get(next).into_iter().flatten().cloned()
        })
    };
    types.iter().enumerate().find_map(|(at, model)| {
        let TypeModel::Struct(s) = model else {
            return None;
        };
        requirements(s)
            .find(|(target, _)| requires(target).contains(&s.name))
            .map(|(_, requirement)| (at, requirement))
    })
}

/// A struct's required fields (not behind a `Vec`) and groups, with the types they hold.
fn requirements(s: &StructModel) -> impl Iterator<Item = (RustIdent, Requirement)> + '_ {
    let fields = s.fields.iter().enumerate().filter(|(_, f)| f.required);
    let groups = s.one_ofs.iter().enumerate().filter(|(_, g)| g.required);
    fields
        .filter_map(|(i, f)| Some((held(&f.ty)?, Requirement::Field(i))))
        .chain(groups.map(|(i, g)| (g.enum_name.clone(), Requirement::Group(i))))
}

/// The types a value of `model` cannot be without: a struct's requirements, and a group's
/// first member (its blank value).
fn required_types(model: &TypeModel) -> Vec<RustIdent> {
    match model {
        TypeModel::Struct(s) => requirements(s).map(|(target, _)| target).collect(),
        TypeModel::OneOf(o) => o
            .variants
            .first()
            .and_then(|v| held(&v.ty))
            .into_iter()
            .collect(),
        TypeModel::Enum(_) => Vec::new(),
    }
}

/// The named type a field holds inline or boxed.
fn held(ty: &RustType) -> Option<RustIdent> {
    match ty {
        RustType::Named(name) => Some(name.clone()),
        RustType::Boxed(inner) => held(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{FieldModel, OneOfField, OneOfModel, OneOfVariant, StructModel};

    fn field(name: &str, ty: RustType, required: bool) -> FieldModel {
        FieldModel {
            ident: RustIdent::new(name),
            json: name.to_string(),
            ty,
            required,
            doc: String::new(),
            setter: None,
            field_mask: false,
        }
    }

    fn named(name: &str) -> RustType {
        RustType::Named(RustIdent::new(name))
    }

    fn structure(name: &str, fields: Vec<FieldModel>, groups: Vec<(&str, bool)>) -> TypeModel {
        let mut model = StructModel {
            name: RustIdent::new(name),
            doc: String::new(),
            fields,
            one_ofs: groups
                .into_iter()
                .map(|(group, required)| OneOfField {
                    ident: RustIdent::new("choice"),
                    enum_name: RustIdent::new(group),
                    required,
                    setter: None,
                })
                .collect(),
            extra: RustIdent::new("extra"),
            extra_accessors: ["extra", "extra_mut"].map(RustIdent::new),
            constructor: RustIdent::new("new"),
            default: false,
        };
        crate::resolve::definitions::name_setters(&mut model);
        TypeModel::Struct(model)
    }

    fn group(name: &str, members: &[&str]) -> TypeModel {
        TypeModel::OneOf(OneOfModel {
            name: RustIdent::new(name),
            doc: String::new(),
            variants: members
                .iter()
                .map(|m| OneOfVariant {
                    ident: RustIdent::new(m),
                    json: m.to_string(),
                    ty: named(m),
                    doc: String::new(),
                })
                .collect(),
        })
    }

    fn requirements(types: &[TypeModel]) -> Vec<(String, bool, Option<String>)> {
        let mut out = Vec::new();
        for model in types {
            if let TypeModel::Struct(s) = model {
                for f in &s.fields {
                    let setter = f.setter.as_ref().map(|s| s.bare().to_string());
                    out.push((format!("{}.{}", s.name.bare(), f.json), f.required, setter));
                }
                for g in &s.one_ofs {
                    let setter = g.setter.as_ref().map(|s| s.bare().to_string());
                    out.push((
                        format!("{}.{}", s.name.bare(), g.enum_name.bare()),
                        g.required,
                        setter,
                    ));
                }
            }
        }
        out
    }

    #[test]
    fn a_type_requiring_itself_is_not_required_to_and_other_recursion_is_kept() {
        let mut types = vec![
            // Node requires Node through its boxed `next`: dropped, and given a setter.
            structure(
                "Node",
                vec![
                    field("next", RustType::Boxed(Box::new(named("Node"))), true),
                    field("children", RustType::Vec(Box::new(named("Node"))), true),
                ],
                vec![],
            ),
            // Branch requires its group, whose first member is Branch: the group is dropped;
            // Leaf, the second member, asks nothing.
            structure(
                "Branch",
                vec![field("label", RustType::String, true)],
                vec![("Pick", true)],
            ),
            group("Pick", &["Branch", "Leaf"]),
            structure("Leaf", vec![], vec![]),
            // Holder requires Leaf, which requires nothing back: kept.
            structure("Holder", vec![field("leaf", named("Leaf"), true)], vec![]),
        ];
        box_recursion(&mut types);
        unrequire_cycles(&mut types);
        let expect = |name: &str, required: bool, setter: Option<&str>| {
            (name.to_string(), required, setter.map(str::to_string))
        };
        assert_eq!(
            requirements(&types),
            [
                expect("Node.next", false, Some("with_next")),
                expect("Node.children", true, None),
                expect("Branch.label", true, None),
                expect("Branch.Pick", false, Some("with_choice")),
                expect("Holder.leaf", true, None),
            ]
        );
    }
}
