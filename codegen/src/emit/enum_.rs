//! Open enums: the documented values with their exact wire spelling, and a catch-all that keeps
//! any other value so that a value Wix adds tomorrow round-trips unchanged. The conversions
//! come from the runtime's `wire_enum!`, given each variant's wire value. `#[non_exhaustive]`:
//! a value the docs add later is a new variant, which breaks no user's `match`.

use super::docs::{alias, doc, separator};
use super::{ident, plumbing, Std};
use crate::resolve::EnumModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn enum_(model: &EnumModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let string = &std.string;
    let catch_all = ident(&model.catch_all);
    let wire_enum = plumbing("wire_enum");
    let variants = model.values.iter().map(|v| {
        let docs = doc(&v.doc);
        let alias = alias(&v.value, &v.ident);
        let ident = ident(&v.ident);
        quote! { #docs #alias #ident, }
    });
    let values = model.values.iter().map(|v| {
        let (ident, value) = (ident(&v.ident), &v.value);
        quote! { , #ident(#value) }
    });
    let separator = separator();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value these bindings do not know, kept as sent.
            #catch_all(#string),
        }

        #separator
        #wire_enum!(#name, #catch_all #(#values)*);
    }
}
