//! The client handle of a variant module and its async methods.

use super::{docs::doc, ident, Std};
use crate::resolve::{MethodKind, MethodModel, VariantModel};
use crate::schema::HttpMethod;
use proc_macro2::TokenStream;
use quote::quote;

pub fn handle(model: &VariantModel, std: &Std) -> TokenStream {
    let name = ident(&model.handle);
    let methods = model.methods.iter().map(|m| method(m, std));
    let docs = doc(&format!(
        "The methods of this module, called through a borrowed `wix_api::Client`: `{}::new(&client)`.",
        model.handle
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            client: &'a ::wix_api::Client,
        }

        impl<'a> #name<'a> {
            /// Calls this module's methods through `client`.
            pub fn new(client: &'a ::wix_api::Client) -> Self {
                Self { client }
            }

            #(#methods)*
        }
    }
}

fn endpoint(model: &MethodModel) -> TokenStream {
    let (name, path) = (&model.wire_name, &model.path);
    let constructor = match model.http_method {
        HttpMethod::Get => quote!(get),
        HttpMethod::Post => quote!(post),
        HttpMethod::Put => quote!(put),
        HttpMethod::Patch => quote!(patch),
        HttpMethod::Delete => quote!(delete),
    };
    // GETs are idempotent by default, other verbs not: say so only when the method differs.
    let idempotent = model.idempotent;
    let marked = (idempotent != (model.http_method == HttpMethod::Get))
        .then(|| quote!(.idempotent(#idempotent)));
    let required = &model.required;
    let required = (!required.is_empty()).then(|| quote!(.required(&[#(#required),*])));
    quote! { &::wix_api::Endpoint::#constructor(#name, #path) #marked #required }
}

fn method(model: &MethodModel, std: &Std) -> TokenStream {
    let name = ident(&model.ident);
    let docs = doc(&model.doc);
    let error = ident(&model.error);
    let result = &std.result;
    let endpoint = endpoint(model);
    let (params, response, call) = match &model.kind {
        MethodKind::Rest { request, response } => {
            let request = ident(request);
            (
                quote!(request: &#request),
                response,
                quote!(self.client.call(#endpoint, request)),
            )
        }
        MethodKind::Sdk {
            args,
            options,
            response,
            request_shape,
            response_shape,
        } => {
            let shape = |name: &Option<String>| match name {
                Some(name) => {
                    let name = ident(name);
                    quote!(Some(&#name))
                }
                None => quote!(None),
            };
            let (request_shape, response_shape) = (shape(request_shape), shape(response_shape));
            let params = args.iter().chain(options).map(|arg| {
                let ident = ident(&arg.ident);
                let ty = std.ty(&arg.ty);
                let ty = if arg.required || options.as_ref() == Some(arg) {
                    ty
                } else {
                    std.optional(ty)
                };
                quote!(#ident: #ty)
            });
            let inserts = args.iter().map(|arg| {
                let (ident, json) = (ident(&arg.ident), &arg.json);
                quote!(.arg(#json, &#ident))
            });
            let merge = options.iter().map(|arg| {
                let ident = ident(&arg.ident);
                quote!(.options(&#ident))
            });
            let call = quote! {
                self.client.call_sdk(
                    #endpoint,
                    ::wix_api::SdkRequest::new() #(#inserts)* #(#merge)*,
                    #request_shape,
                    #response_shape,
                )
            };
            (quote!(#(#params),*), response, call)
        }
    };
    let (output, body) = match response {
        Some(ty) => (std.ty(ty), quote!(#call.await)),
        None => (
            quote!(()),
            quote!(#call.await.map(|::wix_api::NoContent| ())),
        ),
    };
    quote! {
        #docs
        pub async fn #name(&self, #params) -> #result<#output, ::wix_api::Error<#error>> {
            #body
        }
    }
}
