//! The emitter: the model as Rust syntax (`quote!`), formatted by prettyplease.
//!
//! Generated code reaches the runtime through one stable path, `::wixgen_runtime` (`runtime`
//! for the types users see, `plumbing` for the runtime's contract with generated code,
//! `__rt`), and the crates it needs (serde, serde_json, chrono) through the runtime's
//! re-exports, so the same output works inside the `wix-api` crate, in a user's `build.rs`
//! output and as checked-in files.

mod client;
mod docs;
mod enum_;
mod errors;
mod mock;
mod one_of;
mod query_builder;
mod struct_;
mod wire;

use crate::resolve::{PackageModel, RustIdent, RustType, TypeModel, Variant, VariantModel};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

pub use docs::sanitize as doc_lines;

/// The crate generated code calls, by the name it has in every crate that depends on it.
pub const RUNTIME_CRATE: &str = "wixgen_runtime";

/// The module of the runtime that holds everything generated code calls besides what users see.
const PLUMBING_MODULE: &str = "__rt";

/// `::wixgen_runtime::<item>`: a runtime item users see (`Client`, `Error`, `Timestamp`, …).
pub(crate) fn runtime(item: &str) -> TokenStream {
    let (krate, item) = (
        format_ident!("{}", RUNTIME_CRATE),
        format_ident!("{}", item),
    );
    quote!(::#krate::#item)
}

/// `::wixgen_runtime::__rt::<item>`: a runtime item only generated code calls (`Endpoint`,
/// `Shape`, the serde macros, …).
pub(crate) fn plumbing(item: &str) -> TokenStream {
    let module = runtime(PLUMBING_MODULE);
    let item = format_ident!("{}", item);
    quote!(#module::#item)
}

/// Paths to std items: short, unless a generated type shadows the prelude.
#[derive(Clone)]
pub(crate) struct Std {
    pub option: TokenStream,
    pub string: TokenStream,
    pub vec: TokenStream,
    pub boxed: TokenStream,
    pub result: TokenStream,
    pub into: TokenStream,
}

impl Std {
    fn new(full: bool) -> Self {
        if full {
            Std {
                option: quote!(::std::option::Option),
                string: quote!(::std::string::String),
                vec: quote!(::std::vec::Vec),
                boxed: quote!(::std::boxed::Box),
                result: quote!(::std::result::Result),
                into: quote!(::std::convert::Into),
            }
        } else {
            Std {
                option: quote!(Option),
                string: quote!(String),
                vec: quote!(Vec),
                boxed: quote!(Box),
                result: quote!(Result),
                into: quote!(Into),
            }
        }
    }

    /// The Rust type of a model type.
    pub fn ty(&self, ty: &RustType) -> TokenStream {
        match ty {
            RustType::String => self.string.clone(),
            RustType::Integer => quote!(i64),
            RustType::Number => quote!(f64),
            RustType::Boolean => quote!(bool),
            RustType::Object => runtime("JsonObject"),
            RustType::Any => runtime("Json"),
            RustType::Date => runtime("Timestamp"),
            RustType::Vec(inner) => {
                let (vec, inner) = (&self.vec, self.ty(inner));
                quote!(#vec<#inner>)
            }
            RustType::Named(name) => {
                let name = ident(name);
                quote!(#name)
            }
            RustType::Boxed(inner) => {
                let (boxed, inner) = (&self.boxed, self.ty(inner));
                quote!(#boxed<#inner>)
            }
        }
    }

    pub fn optional(&self, ty: TokenStream) -> TokenStream {
        let option = &self.option;
        quote!(#option<#ty>)
    }

    /// `impl Into<ty>`: an argument callers may pass as anything that converts.
    pub fn into(&self, ty: TokenStream) -> TokenStream {
        let into = &self.into;
        quote!(impl #into<#ty>)
    }
}

/// An identifier, raw (`r#type`) when the model says so.
pub(crate) fn ident(name: &RustIdent) -> Ident {
    if name.is_raw() {
        Ident::new_raw(name.bare(), Span::call_site())
    } else {
        format_ident!("{}", name.as_str())
    }
}

/// A variant module's items, ready to format: tokens and the doc blocks they refer to.
pub struct Items {
    /// The module's items.
    pub tokens: TokenStream,
    docs: Vec<Vec<String>>,
}

/// The items of one variant module.
pub fn variant_items(model: &VariantModel) -> Items {
    let (tokens, docs) = docs::collect(|| variant_tokens(model));
    Items { tokens, docs }
}

fn variant_tokens(model: &VariantModel) -> TokenStream {
    let std = Std::new(model.full_paths);
    let handle = client::handle(model, &std);
    let errors = model.errors.iter().map(errors::error_enum);
    let types = model.types.iter().map(|t| match t {
        TypeModel::Struct(s) => struct_::struct_(s, &std),
        TypeModel::Enum(e) => enum_::enum_(e, &std),
        TypeModel::OneOf(o) => one_of::one_of(o, &std),
    });
    let shapes = model.shapes.iter().map(wire::shape);
    let query_fields = model.query_fields.iter().map(query_builder::field_enum);
    let items = errors
        .chain(types)
        .chain(query_fields)
        .chain(shapes)
        .map(|item| {
            let separator = docs::separator();
            quote! { #separator #item }
        });
    quote! {
        #handle
        #(#items)*
    }
}

/// The typed mocks of a variant module of `package` (its `mock` module), to append to its items.
pub fn mock_items(package: &PackageModel, model: &VariantModel) -> Items {
    let (tokens, docs) = docs::collect(|| mock::module(package, model));
    Items { tokens, docs }
}

/// The documentation of a variant module.
pub fn variant_doc(package: &PackageModel, variant: Variant) -> String {
    match variant {
        Variant::Rest => format!(
            "`{}` with REST naming: the JSON names of the HTTP API, one request struct per method.",
            package.wix_name
        ),
        Variant::Sdk => format!(
            "`{}` with SDK naming: the JavaScript SDK's names (`_id`, `Date`) and positional \
             arguments, converted to the REST shape on the wire.",
            package.wix_name
        ),
    }
}

/// Lints generated modules allow: long SDK argument lists, large ONE-OF variants and enum
/// variants sharing a prefix are what the API documents.
pub const MODULE_ALLOWS: &str =
    "#[allow(clippy::too_many_arguments, clippy::large_enum_variant, clippy::enum_variant_names)]";

/// Formats items as a Rust file. The emitter only builds valid syntax, so a parse failure is a
/// bug in it, reported with the offending tokens.
pub fn format(items: Items) -> Result<String, String> {
    let Items { tokens, docs } = items;
    let file: syn::File = syn::parse2(tokens.clone())
        .map_err(|e| format!("wixgen produced invalid Rust ({e}): {tokens}"))?;
    Ok(docs::expand(&prettyplease::unparse(&file), &docs))
}
