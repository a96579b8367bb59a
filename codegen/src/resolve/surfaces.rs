//! The methods a variant module is made of, each seen through the variant's surface.

use super::types::Local;
use super::Variant;
use crate::schema::{Fields, Method, Package, PossibleError, ReturnType, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// One method's view of the variant's surface.
pub(super) struct Surface<'a> {
    pub method: &'a Method,
    pub params: &'a Fields,
    pub returns: Option<&'a ReturnType>,
    pub required: &'a [String],
    pub errors: &'a [PossibleError],
    pub types: &'a BTreeMap<String, TypeDef>,
    pub description: &'a str,
}

/// `method`'s surface in `variant`, if it has one.
fn surface(method: &Method, variant: Variant) -> Option<Surface<'_>> {
    match variant {
        Variant::Rest => method.rest.as_ref().map(|r| Surface {
            method,
            params: &r.params,
            returns: r.returns.as_ref(),
            required: &r.required,
            errors: &r.errors,
            types: &r.types,
            description: &r.description,
        }),
        Variant::Sdk => method.sdk.as_ref().map(|s| Surface {
            method,
            params: &s.params,
            returns: s.returns.as_ref(),
            required: &s.required,
            errors: if s.errors.is_empty() {
                method.rest.as_ref().map_or(&s.errors, |r| &r.errors)
            } else {
                &s.errors
            },
            types: &s.types,
            description: &s.description,
        }),
    }
}

pub(super) fn rest_name(method: &Method) -> &str {
    method.rest.as_ref().map_or(&method.name, |r| &r.method)
}

/// The package's methods, sorted, seen through `variant`'s surface; a method without a REST
/// surface has nothing to call and is left out.
pub(super) fn collect<'p>(
    package: &'p Package,
    variant: Variant,
    notes: &mut BTreeSet<String>,
) -> Vec<Surface<'p>> {
    let mut sorted: Vec<&Method> = package.methods.iter().collect();
    sorted.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    let mut surfaces = Vec::new();
    for method in sorted {
        match (surface(method, variant), &method.rest) {
            (Some(s), Some(_)) => surfaces.push(s),
            (Some(_), None) => {
                notes.insert(format!(
                    "`{}` has no REST surface to call: it is left out of the SDK variant",
                    method.name
                ));
            }
            (None, _) => {}
        }
    }
    surfaces
}

/// Each surface's named types, for the type space.
pub(super) fn locals<'s>(surfaces: &'s [Surface<'_>]) -> Vec<Local<'s>> {
    surfaces
        .iter()
        .map(|s| Local {
            method: &s.method.name,
            types: s.types,
        })
        .collect()
}
