//! The model: what the emitter writes, with every name decided.
//!
//! Per Wix package and naming variant (REST or SDK) there is one table of named types across all
//! methods and pages of the package: structurally identical definitions merge, conflicting ones
//! get distinct names (with a warning naming the pages). Recursive fields are boxed, Rust
//! identifiers come from heck with keywords escaped and clashes resolved, and SDK fields know the
//! REST names they travel under.
//!
//! [`resolve`] runs the passes in order; each pass is a function of its own module.

mod boxing;
mod builders;
mod defaults;
mod definitions;
mod describe;
mod key;
mod methods;
mod model;
pub mod naming;
mod packages;
mod rich_content;
mod sdk_call;
mod shapes;
mod surfaces;
mod types;

pub use model::*;

use crate::schema::Package;
use std::collections::BTreeSet;
use types::TypeSpace;

/// Builds the model of `packages`, sorted by package name whatever their order.
pub fn resolve<'p>(packages: impl IntoIterator<Item = &'p Package>) -> Model {
    let mut sorted: Vec<&Package> = packages.into_iter().collect();
    sorted.sort_by(|a, b| a.package.cmp(&b.package));
    let mut warnings = Vec::new();
    let modules = packages::modules(&sorted, &mut warnings);
    // Packages are independent: their variants are resolved on all cores.
    use rayon::prelude::*;
    let resolved: Vec<(PackageModel, Vec<String>)> = sorted
        .par_iter()
        .zip(modules)
        .map(|(package, module)| {
            let mut notes = Vec::new();
            let model = PackageModel {
                wix_name: package.package.clone(),
                feature: module.bare().replace('_', "-"),
                rest: variant(package, Variant::Rest, &mut notes),
                sdk: variant(package, Variant::Sdk, &mut notes),
                module,
            };
            (model, notes)
        })
        .collect();
    let mut packages = Vec::with_capacity(resolved.len());
    for (package, notes) in resolved {
        packages.push(package);
        warnings.extend(notes);
    }
    // The REST and SDK variants of a package often note the same thing: say it once.
    let mut seen = BTreeSet::new();
    warnings.retain(|warning| seen.insert(warning.clone()));
    Model { packages, warnings }
}

/// One variant module of a package, pass by pass.
fn variant(package: &Package, variant: Variant, warnings: &mut Vec<String>) -> VariantModel {
    let in_rest_names = match variant {
        Variant::Sdk => rich_content::in_rest_names(package),
        Variant::Rest => None,
    };
    let package = in_rest_names.as_ref().unwrap_or(package);
    let mut notes = BTreeSet::new();
    // Collect the methods the variant can call.
    let surfaces = surfaces::collect(package, variant, &mut notes);
    let mut type_names = naming::type_namespace();
    let handle = type_names
        .allocate(&naming::pascal(&package.package, "T"))
        .0;
    // Key the named types by structure, merge what one type can hold, name them.
    let locals = surfaces::locals(&surfaces);
    let keyed = types::collect(&locals);
    let single_shape = types::merge(&locals, &keyed);
    let space = TypeSpace::name(&locals, keyed, &single_shape, &mut type_names, warnings);
    // Turn them into Rust structs and enums; then the methods, their requests and errors.
    let mut one_ofs = Vec::new();
    let mut types = definitions::named_types(
        &space,
        &surfaces,
        variant,
        &mut type_names,
        &mut one_ofs,
        &mut notes,
    );
    let (mut methods, errors) = methods::methods(
        &space,
        &surfaces,
        variant,
        &mut types,
        &mut type_names,
        &mut one_ofs,
        &mut notes,
    );
    types.extend(one_ofs);
    boxing::box_recursion(&mut types);
    boxing::unrequire_cycles(&mut types);
    defaults::mark_defaults(&mut types);
    types.sort_by(|a, b| a.name().cmp(b.name()));
    // Open each type's doc with what the page says of the fields holding it.
    describe::from_holders(&mut types, &methods);
    // Pair SDK names with the REST names they travel under.
    let shapes = match variant {
        Variant::Rest => Vec::new(),
        Variant::Sdk => shapes::shapes(&space, &surfaces, &mut methods),
    };
    // Query methods get a builder, and their entities a field enum.
    let query_fields = match variant {
        Variant::Rest => Vec::new(),
        Variant::Sdk => builders::query_builders(&mut methods, &types, &mut type_names),
    };
    let full_paths = naming::shadows_prelude(
        types
            .iter()
            .map(TypeModel::name)
            .chain(errors.iter().map(|e| &e.name))
            .chain(query_fields.iter().map(|q| &q.name))
            .chain([&handle]),
    );
    warnings.extend(notes);
    VariantModel {
        variant,
        handle,
        types,
        errors,
        methods,
        shapes,
        query_fields,
        full_paths,
    }
}
