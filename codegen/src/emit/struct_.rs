//! Structs: documented fields with their exact JSON names, optional ones skipped when `None`,
//! ONE-OF groups flattened in, and a map keeping the fields the docs don't list.

use super::{docs::doc, ident, serde_derive, Std};
use crate::resolve::{FieldModel, RustType, StructModel};
use proc_macro2::TokenStream;
use quote::quote;

pub fn struct_(model: &StructModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let default = model.default.then(|| quote!(Default,));
    let derives = serde_derive(quote!(Debug, Clone, PartialEq, #default));
    let fields = model.fields.iter().map(|f| field(f, std));
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
            quote! {
                #[serde(flatten, default, skip_serializing_if = #is_none)]
                pub #field: #ty,
            }
        }
    });
    let extra = ident(&model.extra);
    quote! {
        #docs
        #derives
        pub struct #name {
            #(#fields)*
            #(#groups)*
            /// JSON fields the docs don't list, kept so that what the server sent goes back unchanged.
            #[serde(flatten)]
            pub #extra: ::wix_api::JsonObject,
        }
    }
}

fn field(model: &FieldModel, std: &Std) -> TokenStream {
    let name = ident(&model.ident);
    let json = &model.json;
    let docs = doc(&model.doc);
    let ty = std.ty(&model.ty);
    let with = timestamp_with(&model.ty, model.required);
    if model.required {
        quote! {
            #docs
            #[serde(rename = #json #with)]
            pub #name: #ty,
        }
    } else {
        let (ty, is_none) = (std.optional(ty), std.is_none);
        quote! {
            #docs
            #[serde(rename = #json, default, skip_serializing_if = #is_none #with)]
            pub #name: #ty,
        }
    }
}

/// Timestamps travel as RFC 3339 with milliseconds (WIRE.md): the runtime's serde helpers.
fn timestamp_with(ty: &RustType, required: bool) -> Option<TokenStream> {
    let module = match (ty, required) {
        (RustType::Date, true) => "",
        (RustType::Date, false) => "::option",
        (RustType::Vec(inner), true) if **inner == RustType::Date => "::vec",
        (RustType::Vec(inner), false) if **inner == RustType::Date => "::option_vec",
        _ => return None,
    };
    let path = format!("::wix_api::wire::timestamp{module}");
    Some(quote!(, with = #path))
}
