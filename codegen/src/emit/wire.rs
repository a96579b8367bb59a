//! SDK ↔ REST shapes: statics telling the runtime which keys to rename where, derived from the
//! pairing of a method's two listings.

use super::ident;
use crate::resolve::ShapeModel;
use proc_macro2::TokenStream;
use quote::quote;

pub fn shape(model: &ShapeModel) -> TokenStream {
    let name = ident(&model.name);
    let fields = model.fields.iter().map(|f| {
        let (sdk, rest) = (&f.sdk, &f.rest);
        match &f.nested {
            _ if f.field_mask => quote! { ::wix_api::ShapeField::field_mask(#sdk, #rest), },
            Some(shape) => {
                let shape = ident(shape);
                quote! { ::wix_api::ShapeField::nested(#sdk, #rest, &#shape), }
            }
            None => quote! { ::wix_api::ShapeField::rename(#sdk, #rest), },
        }
    });
    quote! {
        static #name: ::wix_api::Shape = ::wix_api::Shape { fields: &[#(#fields)*] };
    }
}
