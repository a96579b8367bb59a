//! ONE-OF groups: an enum with one variant per member, flattened into its parent so the JSON
//! stays flat (`{"slot": {…}}`) while the type system allows exactly one member.
//! `#[non_exhaustive]`: a member the docs add later breaks no user's `match`.

use super::docs::{alias, doc, separator};
use super::{ident, plumbing, Std};
use crate::resolve::OneOfModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn one_of(model: &OneOfModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let wire_one_of = plumbing("wire_one_of");
    let variants = model.variants.iter().map(|variant| {
        let docs = doc(&variant.doc);
        let alias = alias(&variant.json, &variant.ident);
        let ident = ident(&variant.ident);
        let ty = std.ty(&variant.ty);
        quote! {
            #docs
            #alias
            #ident(#ty),
        }
    });
    let table = model.variants.iter().map(|variant| {
        let (ident, json) = (ident(&variant.ident), &variant.json);
        quote!(#ident(#json))
    });
    let separator = separator();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        #separator
        #wire_one_of!(#name, #(#table),*);
    }
}
