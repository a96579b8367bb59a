//! Structs: documented fields, optional ones `None` when absent and left out when `None`, ONE-OF
//! groups flattened in, and a map keeping the fields the docs don't list. Serde comes from the
//! runtime's `wire_struct!`, given each field's JSON name (also each field's `doc(alias)`): far less code to compile than serde's
//! derive with a flattened map, which buffers every object.

use super::docs::{alias, doc, separator};
use super::{ident, plumbing, runtime, Std};
use crate::resolve::{FieldModel, RustType, StructModel};
use proc_macro2::{Punct, Spacing, TokenStream};
use quote::quote;

pub fn struct_(model: &StructModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let derives = if model.default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let fields = model.fields.iter().map(|f| field(f, std));
    let groups = model.one_ofs.iter().map(|group| {
        let field = ident(&group.ident);
        let ty = ident(&group.enum_name);
        let ty = if group.required {
            quote!(#ty)
        } else {
            std.optional(quote!(#ty))
        };
        quote!(pub #field: #ty,)
    });
    let extra = ident(&model.extra);
    let (json_object, wire_struct) = (runtime("JsonObject"), plumbing("wire_struct"));
    // The JSON side: each field's name, and how the groups are flattened in.
    let table = model.fields.iter().map(|f| {
        let (field, json) = (ident(&f.ident), &f.json);
        let with = wire_with(&f.ty, f.required).map(|with| quote!(, #with));
        quote!(, #field(#json #with))
    });
    // A joint `@` prints as `@group`, as the macro documents it.
    let at = Punct::new('@', Spacing::Joint);
    let group_table = model.one_ofs.iter().map(|group| {
        let field = ident(&group.ident);
        let presence = if group.required {
            quote!(required)
        } else {
            quote!(optional)
        };
        quote!(, #at group #field(#presence))
    });
    let separator = separator();
    quote! {
        #docs
        #derives
        pub struct #name {
            #(#fields)*
            #(#groups)*
            /// JSON fields the docs don't list, kept so that what the server sent goes back unchanged.
            pub #extra: #json_object,
        }

        #separator
        #wire_struct!(#name, #extra #(#table)* #(#group_table)*);
    }
}

fn field(model: &FieldModel, std: &Std) -> TokenStream {
    let name = ident(&model.ident);
    let docs = doc(&model.doc);
    let alias = alias(&model.json, &model.ident);
    let ty = std.ty(&model.ty);
    let ty = if model.required { ty } else { std.optional(ty) };
    quote! {
        #docs
        #alias
        pub #name: #ty,
    }
}

/// Types whose JSON form on the Wix wire is not serde's own, through the runtime's serde helpers:
/// timestamps as RFC 3339 with milliseconds; numbers as the proto3 JSON mapping writes them
/// (`"NaN"`, `"Infinity"`, numeric strings).
fn wire_with(ty: &RustType, required: bool) -> Option<TokenStream> {
    let element = match ty {
        RustType::Vec(inner) => inner.as_ref(),
        other => other,
    };
    let helper = match element {
        RustType::Date => quote!(timestamp),
        RustType::Number | RustType::Integer => quote!(proto3),
        _ => return None,
    };
    let module = match (matches!(ty, RustType::Vec(_)), required) {
        (false, true) => None,
        (false, false) => Some(quote!(::option)),
        (true, true) => Some(quote!(::vec)),
        (true, false) => Some(quote!(::option_vec)),
    };
    Some(quote!(#helper #module))
}
