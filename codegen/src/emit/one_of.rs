//! ONE-OF groups: an enum with one variant per member, flattened into its parent so the JSON
//! stays flat (`{"slot": {…}}`) while the type system allows exactly one member.

use super::{docs::doc, ident, serde_derive, Std};
use crate::resolve::OneOfModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn one_of(model: &OneOfModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let derives = serde_derive(quote!(Debug, Clone, PartialEq,));
    let variants = model.variants.iter().map(|variant| {
        let docs = doc(&variant.doc);
        let ident = ident(&variant.ident);
        let json = &variant.json;
        let ty = std.ty(&variant.ty);
        quote! {
            #docs
            #[serde(rename = #json)]
            #ident(#ty),
        }
    });
    let keys = model.variants.iter().map(|variant| &variant.json);
    quote! {
        #docs
        #derives
        #[serde(crate = "::wix_api::__private::serde")]
        pub enum #name {
            #(#variants)*
        }

        impl ::wix_api::wire::fields::OneOfKeys for #name {
            const KEYS: &'static [&'static str] = &[#(#keys),*];
        }
    }
}
