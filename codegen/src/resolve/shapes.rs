//! SDK ↔ REST pairing: how the keys of SDK-named JSON are renamed to their REST names, and
//! which values the runtime converts (media strings, addresses).

use super::naming::{self, Names, RustIdent};
use super::rich_content;
use super::surfaces::Surface;
use super::types::{NameMap, TypeSpace};
use super::{MethodKind, MethodModel, Placement, ShapeField, ShapeModel};
use crate::schema::{walk, Fields, Type, TypeDef, SDK_RENAMES};
use std::collections::{BTreeMap, BTreeSet};

/// SDK ↔ REST key renames: a shape per struct that renames a key somewhere inside it, and per
/// method for its request (arguments plus options fields) and response.
pub(super) fn shapes(
    space: &TypeSpace,
    surfaces: &[Surface<'_>],
    methods: &mut [MethodModel],
) -> Vec<ShapeModel> {
    // Entries for the fields that need reshaping; `nested` names the field's type for now.
    let nested = |fields: &Fields, map: &NameMap, needs: &BTreeSet<RustIdent>| -> Vec<ShapeField> {
        fields
            .fields
            .iter()
            .filter_map(|f| {
                let target =
                    f.ty.named()
                        .and_then(|n| map.get(n))
                        .filter(|t| needs.contains(*t))
                        .cloned();
                // The runtime renames `_id`, `_createdDate` and `_updatedDate` everywhere; only
                // other renames need an entry.
                let renamed = f
                    .rest_name
                    .as_ref()
                    .is_some_and(|rest| !SDK_RENAMES.contains(&(f.name.as_str(), rest.as_str())));
                let converted = f.conversion.is_some();
                let verbatim = rich_content::is_rich_content(&f.ty);
                (renamed || f.field_mask || converted || verbatim || target.is_some()).then(|| {
                    ShapeField {
                        sdk: f.name.clone(),
                        rest: f.rest_name.clone().unwrap_or_else(|| f.name.clone()),
                        nested: target.filter(|_| !verbatim),
                        field_mask: f.field_mask,
                        conversion: f.conversion,
                        verbatim,
                    }
                })
            })
            .collect()
    };
    let mut needs: BTreeSet<RustIdent> = BTreeSet::new();
    loop {
        let before = needs.len();
        for (rust, (def, _)) in &space.globals {
            let needed = def
                .as_struct()
                .is_some_and(|fields| !nested(fields, space.map_of(rust), &needs).is_empty());
            if needed {
                needs.insert(rust.clone());
            }
        }
        if needs.len() == before {
            break;
        }
    }
    let mut statics = Names::new();
    let shape_names: BTreeMap<RustIdent, RustIdent> = needs
        .iter()
        .map(|rust| {
            (
                rust.clone(),
                statics
                    .allocate(&naming::shouty(rust.as_str()).suffixed("_WIRE"))
                    .0,
            )
        })
        .collect();
    let to_fields = |entries: Vec<ShapeField>| -> Vec<ShapeField> {
        entries
            .into_iter()
            .map(|field| ShapeField {
                nested: field.nested.map(|t| shape_names[&t].clone()),
                ..field
            })
            .collect()
    };
    let mut shapes: Vec<ShapeModel> = needs
        .iter()
        .map(|rust| {
            let (TypeDef::Struct(fields), _) = &space.globals[rust] else {
                unreachable!("only structs need shapes")
            };
            ShapeModel {
                name: shape_names[rust].clone(),
                fields: to_fields(nested(fields, space.map_of(rust), &needs)),
            }
        })
        .collect();
    for (index, (surface, method)) in surfaces.iter().zip(methods.iter_mut()).enumerate() {
        let map = &space.maps[index];
        let MethodKind::Sdk {
            args,
            options,
            request_shape,
            response_shape,
            ..
        } = &mut method.kind
        else {
            continue;
        };
        // Arguments and the options' fields form the request's top level; an argument placed
        // inside another's object travels under its REST name already.
        let placement = |name: &str| {
            args.iter()
                .find(|a| a.field.json == name)
                .map(|a| &a.placement)
        };
        let mut top = Fields::default();
        for field in &surface.params.fields {
            let spread = options.as_ref().is_some_and(|o| o.json == field.name)
                || placement(&field.name) == Some(&Placement::Spread);
            if matches!(placement(&field.name), Some(Placement::Inside { .. })) {
                continue;
            }
            match field.ty.named().and_then(|n| surface.types.get(n)) {
                Some(TypeDef::Struct(inner)) if spread => {
                    top.fields.extend(inner.fields.iter().cloned())
                }
                _ => top.fields.push(field.clone()),
            }
        }
        let entries = nested(&top, map, &needs);
        if !entries.is_empty() {
            let name = statics
                .allocate(&naming::shouty(&method.wire_name).suffixed("_REQUEST_WIRE"))
                .0;
            shapes.push(ShapeModel {
                name: name.clone(),
                fields: to_fields(entries),
            });
            *request_shape = Some(name);
        }
        *response_shape = surface
            .returns
            .and_then(|r| r.ty.as_ref())
            .and_then(Type::named)
            .and_then(|n| map.get(n))
            .and_then(|rust| shape_names.get(rust))
            .cloned();
    }
    // Only shapes a method uses (an options struct's own shape is merged into its request's).
    let roots: Vec<RustIdent> = methods
        .iter()
        .filter_map(|m| match &m.kind {
            MethodKind::Sdk {
                request_shape,
                response_shape,
                ..
            } => Some([request_shape.clone(), response_shape.clone()]),
            MethodKind::Rest { .. } => None,
        })
        .flatten()
        .flatten()
        .collect();
    let used = walk::reachable(roots, |name| {
        let shape = shapes.iter().find(|s| s.name == *name);
        shape
            .into_iter()
            .flat_map(|s| s.fields.iter().filter_map(|f| f.nested.clone()))
            .collect::<Vec<_>>()
    });
    shapes.retain(|s| used.contains(&s.name));
    shapes.sort_by(|a, b| a.name.cmp(&b.name));
    shapes
}
