//! SDK ↔ REST shapes: statics telling the runtime which keys to rename where, derived from the
//! pairing of a method's two listings.

use super::{ident, plumbing};
use crate::resolve::ShapeModel;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn shape(model: &ShapeModel) -> TokenStream {
    let name = ident(&model.name);
    let (shape, field) = (plumbing("Shape"), plumbing("ShapeField"));
    let fields = model.fields.iter().map(|f| {
        let (sdk, rest) = (&f.sdk, &f.rest);
        if let Some(conversion) = f.conversion {
            let kind = plumbing("Conversion");
            let variant = format_ident!("{}", conversion.variant_name());
            let nested = match &f.nested {
                Some(shape) => {
                    let shape = ident(shape);
                    quote! { Some(&#shape) }
                }
                None => quote! { None },
            };
            return quote! { #field::converted(#sdk, #rest, #kind::#variant, #nested), };
        }
        match &f.nested {
            _ if f.verbatim => quote! { #field::verbatim(#sdk), },
            _ if f.field_mask => quote! { #field::field_mask(#sdk, #rest), },
            Some(shape) => {
                let nested = ident(shape);
                quote! { #field::nested(#sdk, #rest, &#nested), }
            }
            None => quote! { #field::rename(#sdk, #rest), },
        }
    });
    quote! {
        static #name: #shape = #shape { fields: &[#(#fields)*] };
    }
}
