//! Rich content, the Ricos document every package's pages type as `RichContent` (a post's body,
//! a product's description, a comment): the JavaScript SDK returns it as REST sends it, its
//! `id`s unrenamed, whatever the SDK listing names them (recorded on blog posts, comments,
//! events and products). Its SDK types take the REST names, so what answers hold is read into
//! the fields, not left aside as unknown keys.

use crate::schema::{walk, Package, Type, TypeDef};
use std::collections::BTreeSet;

/// The name every page gives the rich content type.
const RICH_CONTENT: &str = "RichContent";

/// Whether a field of type `ty` holds rich content (or a list of it).
pub(super) fn is_rich_content(ty: &Type) -> bool {
    ty.named() == Some(RICH_CONTENT)
}

/// `package` with the SDK types inside rich content in their REST names; `None` when no SDK
/// listing of the package has rich content.
pub(super) fn in_rest_names(package: &Package) -> Option<Package> {
    let holds_rich_content = |package: &Package| {
        package.methods.iter().any(|m| {
            m.sdk
                .as_ref()
                .is_some_and(|s| s.types.contains_key(RICH_CONTENT))
        })
    };
    if !holds_rich_content(package) {
        return None;
    }
    let mut package = package.clone();
    for sdk in package.methods.iter_mut().filter_map(|m| m.sdk.as_mut()) {
        let inside: BTreeSet<String> =
            walk::reachable([RICH_CONTENT.to_string()], |name| {
                match sdk.types.get(name) {
                    Some(TypeDef::Struct(fields)) => {
                        fields.named_types().map(str::to_string).collect::<Vec<_>>()
                    }
                    _ => Vec::new(),
                }
            });
        for name in &inside {
            if let Some(TypeDef::Struct(fields)) = sdk.types.get_mut(name) {
                for field in &mut fields.fields {
                    if let Some(rest) = field.rest_name.take() {
                        field.name = rest;
                    }
                    // Returned as REST sends it: nothing inside is converted either.
                    field.conversion = None;
                }
            }
        }
    }
    Some(package)
}
