//! Named types, request structs and ONE-OF groups as Rust structs and enums: fields named,
//! IR types turned into Rust types, fields made required by required paths, response types
//! kept lenient.

use super::naming::{self, Names, RustIdent};
use super::surfaces::Surface;
use super::types::{NameMap, TypeSpace};
use super::{
    EnumModel, EnumVariant, FieldModel, OneOfField, OneOfModel, OneOfVariant, RustType,
    StructModel, TypeModel, Variant,
};
use crate::schema::{walk, Fields, Type, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// Types reachable from any method's response.
fn response_types(space: &TypeSpace, surfaces: &[Surface<'_>]) -> BTreeSet<RustIdent> {
    let roots = surfaces.iter().enumerate().filter_map(|(index, surface)| {
        let name = surface.returns?.ty.as_ref()?.named()?;
        space.maps[index].get(name).cloned()
    });
    walk::reachable(roots, |name| {
        let fields = space.globals.get(name).and_then(|(def, _)| def.as_struct());
        let map = space.map_of(name);
        fields
            .into_iter()
            .flat_map(|f| f.named_types())
            .filter_map(|next| map.get(next).cloned())
            .collect::<Vec<_>>()
    })
}

/// An IR type in Rust; a name no page defines becomes any JSON value, with a warning.
pub(super) fn rust_type(
    ty: &Type,
    map: &NameMap,
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
        for c in pascal.as_str().chars() {
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
        [Some(named)] => naming::pascal(named, "T").as_str().to_string(),
        _ => "Choice".to_string(),
    }
}

/// What a struct conversion needs to know about its context.
pub(super) struct StructContext<'a> {
    pub map: &'a NameMap,
    pub method: &'a str,
    /// Fields (by JSON name) that are plain `T`: a request's required top-level fields. The
    /// fields of named types are all `Option`s: one type serves many methods, each with
    /// required paths of its own (`product._id` to update, not to create), which each method
    /// checks on its requests before sending; and the JavaScript SDK sends what its caller
    /// gives, required or not.
    pub required: BTreeSet<String>,
    /// Types reachable from a response are never strict: a server may leave any field out.
    pub lenient: bool,
    /// REST types: field masks take their wire form (one string) in serde; the SDK variant's
    /// shapes convert them instead.
    pub wire_field_masks: bool,
}

/// A struct model from IR fields; its ONE-OF groups become enums added to `one_ofs`.
pub(super) fn struct_model(
    name: &RustIdent,
    doc: String,
    fields: &Fields,
    context: &StructContext<'_>,
    type_names: &mut Names,
    one_ofs: &mut Vec<TypeModel>,
    warnings: &mut BTreeSet<String>,
) -> StructModel {
    let mut idents = Names::new();
    let clash = |json: &str, ident: &RustIdent, warnings: &mut BTreeSet<String>| {
        warnings.insert(format!("field `{json}` of `{name}` is named `{ident}` in Rust: its name clashes after case conversion (a name in lowerCamelCase keeps the plain one)"));
    };
    let plain: Vec<&crate::schema::Field> = fields
        .fields
        .iter()
        .filter(|f| f.one_of.is_none())
        .collect();
    let wanted: Vec<(&str, RustIdent)> = plain
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
        let ty = rust_type(&field.ty, context.map, context.method, warnings);
        let paths = RustType::Vec(Box::new(RustType::String));
        model_fields.push(FieldModel {
            ident: field_ident,
            json: field.name.clone(),
            field_mask: context.wire_field_masks && field.field_mask && ty == paths,
            ty,
            required: !context.lenient && context.required.contains(&field.name),
            doc: field.description.clone(),
            setter: None,
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
                .map(|m| naming::pascal(&m.name, "V").as_str().to_string())
                .collect();
            joined.join("Or")
        } else {
            group_name(&members)
        };
        let (enum_name, _) = type_names.allocate(&RustIdent::new(&format!("{name}{wanted}")));
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
            ident: ident(naming::snake(&wanted).as_str(), warnings),
            enum_name,
            required: !context.lenient && group.required,
            setter: None,
        });
    }
    let extra = ident("extra", warnings);
    let mut model = StructModel {
        name: name.clone(),
        doc,
        fields: model_fields,
        one_ofs: groups,
        extra,
        extra_accessors: naming::EXTRA_ACCESSORS.map(RustIdent::new),
        constructor: RustIdent::new(naming::CONSTRUCTOR),
        default: false,
    };
    name_setters(&mut model);
    model
}

/// Gives each optional field and group its setter, in the struct's method namespace.
pub(super) fn name_setters(model: &mut StructModel) {
    let mut methods = naming::struct_method_namespace();
    let fields = model
        .fields
        .iter_mut()
        .map(|f| (&f.ident, f.required, &mut f.setter));
    let groups = model
        .one_ofs
        .iter_mut()
        .map(|g| (&g.ident, g.required, &mut g.setter));
    for (ident, required, setter) in fields.chain(groups) {
        if !required {
            *setter = Some(methods.allocate(&naming::setter(ident)).0);
        }
    }
}

pub(super) fn enum_model(
    name: &RustIdent,
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
        name: name.clone(),
        doc,
        values,
        catch_all,
    }
}

/// The models of the type space's named types: structs (their ONE-OF enums added to
/// `one_ofs`) and enums, each documented with the methods that use it.
pub(super) fn named_types(
    space: &TypeSpace,
    surfaces: &[Surface<'_>],
    variant: Variant,
    type_names: &mut Names,
    one_ofs: &mut Vec<TypeModel>,
    notes: &mut BTreeSet<String>,
) -> Vec<TypeModel> {
    let lenient = response_types(space, surfaces);
    let mut users: BTreeMap<&RustIdent, Vec<&str>> = BTreeMap::new();
    for (index, map) in space.maps.iter().enumerate() {
        for rust in map.values() {
            users
                .entry(rust)
                .or_default()
                .push(&surfaces[index].method.name);
        }
    }

    let mut models: Vec<TypeModel> = Vec::new();
    for (rust, (def, representative)) in &space.globals {
        let doc = format!(
            "Used by {}.",
            users[rust]
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let method = &surfaces[*representative].method.name;
        models.push(match def {
            TypeDef::Struct(fields) => {
                let context = StructContext {
                    map: space.map_of(rust),
                    method,
                    required: BTreeSet::new(),
                    lenient: lenient.contains(rust),
                    wire_field_masks: variant == Variant::Rest,
                };
                TypeModel::Struct(struct_model(
                    rust, doc, fields, &context, type_names, one_ofs, notes,
                ))
            }
            TypeDef::Enum(values) => TypeModel::Enum(enum_model(rust, doc, values, notes)),
        });
    }
    models
}
