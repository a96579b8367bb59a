//! Structs: documented fields with their exact JSON names, optional ones skipped when `None`,
//! ONE-OF groups flattened in, and a map keeping the fields the docs don't list.
//!
//! Field names follow serde's `camelCase` rule from the Rust name; a field gets its own
//! `rename` only where that rule does not give its JSON name (`_id`, `foo_bar`).

use super::{docs::doc, ident, serde_derive, Std};
use crate::resolve::{FieldModel, RustType, StructModel};
use proc_macro2::TokenStream;
use quote::quote;

pub fn struct_(model: &StructModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let derives = if model.default {
        serde_derive(quote!(Debug, Clone, PartialEq, Default,))
    } else {
        serde_derive(quote!(Debug, Clone, PartialEq,))
    };
    // Where every field is optional, serde fills missing ones from the struct's default; a
    // required field stays required when decoding.
    let all_optional = model.default && model.fields.iter().all(|f| !f.required);
    let container = if all_optional {
        quote!(#[serde(crate = "::wix_api::__private::serde", default, rename_all = "camelCase")])
    } else {
        quote!(#[serde(crate = "::wix_api::__private::serde", rename_all = "camelCase")])
    };
    let fields = model.fields.iter().map(|f| field(f, all_optional, std));
    let groups = model.one_ofs.iter().map(|group| {
        let field = ident(&group.ident);
        let ty = ident(&group.enum_name);
        if group.required {
            quote! {
                #[serde(flatten)]
                pub #field: #ty,
            }
        } else {
            let (ty, is_none) = (std.optional(quote!(#ty)), std.is_none);
            let default = (!all_optional).then(|| quote!(default,));
            quote! {
                #[serde(flatten, #default skip_serializing_if = #is_none)]
                pub #field: #ty,
            }
        }
    });
    let extra = ident(&model.extra);
    quote! {
        #docs
        #derives
        #container
        pub struct #name {
            #(#fields)*
            #(#groups)*
            /// JSON fields the docs don't list, kept so that what the server sent goes back unchanged.
            #[serde(flatten)]
            pub #extra: ::wix_api::JsonObject,
        }
    }
}

fn field(model: &FieldModel, container_default: bool, std: &Std) -> TokenStream {
    let name = ident(&model.ident);
    let docs = doc(&model.doc);
    let mut options = Vec::new();
    let json = &model.json;
    if serde_camel_case(&model.ident) != *json {
        options.push(quote!(rename = #json));
    }
    let ty = std.ty(&model.ty);
    let ty = if model.required {
        ty
    } else {
        if !container_default {
            options.push(quote!(default));
        }
        let is_none = std.is_none;
        options.push(quote!(skip_serializing_if = #is_none));
        std.optional(ty)
    };
    options.extend(wire_with(&model.ty, model.required));
    let attr = (!options.is_empty()).then(|| quote!(#[serde(#(#options),*)]));
    quote! {
        #docs
        #attr
        pub #name: #ty,
    }
}

/// The JSON name serde's `rename_all = "camelCase"` gives a field (serde's own rule).
fn serde_camel_case(ident: &str) -> String {
    let field = ident.strip_prefix("r#").unwrap_or(ident);
    let mut pascal = String::with_capacity(field.len());
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    let mut chars = pascal.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Types whose JSON form is not serde's own (WIRE.md), through the runtime's serde helpers:
/// timestamps as RFC 3339 with milliseconds; numbers as the proto3 JSON mapping writes them
/// (`"NaN"`, `"Infinity"`, numeric strings).
fn wire_with(ty: &RustType, required: bool) -> Option<TokenStream> {
    let element = match ty {
        RustType::Vec(inner) => inner.as_ref(),
        other => other,
    };
    let helper = match element {
        RustType::Date => "timestamp",
        RustType::Number | RustType::Integer => "proto3",
        _ => return None,
    };
    let module = match (matches!(ty, RustType::Vec(_)), required) {
        (false, true) => "",
        (false, false) => "::option",
        (true, true) => "::vec",
        (true, false) => "::option_vec",
    };
    let path = format!("::wix_api::wire::{helper}{module}");
    Some(quote!(with = #path))
}

#[cfg(test)]
mod tests {
    use super::serde_camel_case;

    #[test]
    fn matches_serde_camel_case() {
        assert_eq!(serde_camel_case("referral_code"), "referralCode");
        assert_eq!(serde_camel_case("r#type"), "type");
        assert_eq!(serde_camel_case("id"), "id");
        assert_eq!(serde_camel_case("foo_bar_2"), "fooBar2");
        assert_eq!(serde_camel_case("self_"), "self");
        assert_eq!(serde_camel_case("_3d_model"), "3dModel");
    }
}
