//! Per-method error enums: one variant per documented application code, and one for any other
//! API error, each carrying the structured error the server sent.

use super::{docs::doc, ident, Std};
use crate::resolve::ErrorModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn error_enum(model: &ErrorModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let other = ident(&model.other);
    let option = &std.option;
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
        quote! { #docs #ident(::wix_api::ApiError), }
    });
    let from_api = model.variants.iter().map(|v| {
        let (ident, code) = (ident(&v.ident), &v.code);
        quote! { Some(#code) => Self::#ident(error), }
    });
    let idents: Vec<_> = model.variants.iter().map(|v| ident(&v.ident)).collect();
    let documented = model.variants.iter().map(|v| {
        let (ident, code, status) = (ident(&v.ident), &v.code, &v.status);
        let http = proc_macro2::Literal::u16_unsuffixed(v.http_code);
        quote! {
            Self::#ident(_) => Some(::wix_api::DocumentedError { http_code: #http, status: #status, code: #code }),
        }
    });
    let from_api_body = if model.variants.is_empty() {
        quote! { Self::#other(error) }
    } else {
        quote! {
            match error.application_code() {
                #(#from_api)*
                _ => Self::#other(error),
            }
        }
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// An error the docs don't list for this method.
            #other(::wix_api::ApiError),
        }

        impl ::wix_api::MethodError for #name {
            fn from_api(error: ::wix_api::ApiError) -> Self {
                #from_api_body
            }

            fn api_error(&self) -> &::wix_api::ApiError {
                match self {
                    #(Self::#idents(error) |)* Self::#other(error) => error,
                }
            }

            fn documented(&self) -> #option<::wix_api::DocumentedError> {
                match self {
                    #(#documented)*
                    Self::#other(_) => None,
                }
            }
        }

        ::wix_api::method_error_traits!(#name);
    }
}
