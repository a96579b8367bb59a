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
        let nested = match &f.nested {
            Some(shape) => {
                let shape = ident(shape);
                quote!(Some(&#shape))
            }
            None => quote!(None),
        };
        quote! { ::wix_api::ShapeField { sdk: #sdk, rest: #rest, nested: #nested }, }
    });
    quote! {
        static #name: ::wix_api::Shape = ::wix_api::Shape { fields: &[#(#fields)*] };
    }
}
