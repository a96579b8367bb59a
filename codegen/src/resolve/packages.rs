//! Module names for packages: one namespace across all packages of the model.

use super::naming::{self, Names, RustIdent};
use crate::schema::Package;

/// Each package's module, in the order of `packages`; a name that clashes after case
/// conversion is numbered, with a warning (the lowerCamelCase spelling keeps the plain name).
pub(super) fn modules(packages: &[&Package], warnings: &mut Vec<String>) -> Vec<RustIdent> {
    let wanted: Vec<(&str, RustIdent)> = packages
        .iter()
        .map(|p| (p.package.as_str(), naming::snake(&p.package)))
        .collect();
    let allocated = Names::new().allocate_stably(&wanted, naming::is_lower_camel);
    let mut modules = Vec::with_capacity(allocated.len());
    for (package, (module, clashed)) in packages.iter().zip(allocated) {
        if clashed {
            warnings.push(format!(
                "package `{}` is named `{module}` in Rust: `{}` has its plain name (a name \
                 written in lowerCamelCase keeps it)",
                package.package,
                naming::snake(&package.package)
            ));
        }
        modules.push(module);
    }
    modules
}
