//! Per-method error enums: one variant per documented application code, and one for any other
//! API error, each carrying the structured error the server sent. The trait impls come from
//! the runtime's `method_error!`, given each variant's documented codes. `#[non_exhaustive]`:
//! an error the docs add later breaks no user's `match`.

use super::docs::{doc, separator};
use super::{ident, plumbing, runtime};
use crate::resolve::ErrorModel;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn error_enum(model: &ErrorModel) -> TokenStream {
    let name = ident(&model.name);
    let other = ident(&model.other);
    let (api_error, method_error) = (runtime("ApiError"), plumbing("method_error"));
    let docs = doc(&format!(
        "The errors `{}` documents, and any other API error.",
        model.method
    ));
    let variants = model.variants.iter().map(|v| {
        let header = format!("{} {} `{}`", v.http_code, v.status, v.code);
        let docs = doc(&if v.doc.is_empty() {
            header
        } else {
            format!("{header}: {}", v.doc)
        });
        let ident = ident(&v.ident);
        quote! { #docs #ident(#api_error), }
    });
    let codes = model.variants.iter().map(|v| {
        let (ident, code, status) = (ident(&v.ident), &v.code, &v.status);
        let http = Literal::u16_unsuffixed(v.http_code);
        quote! { , #ident(#http, #status, #code) }
    });
    let separator = separator();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error the docs don't list for this method.
            #other(#api_error),
        }

        #separator
        #method_error!(#name, #other #(#codes)*);
    }
}
