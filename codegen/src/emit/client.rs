//! The client handle of a variant module and its async methods.

use super::docs::{doc, separator};
use super::{ident, plumbing, runtime, Std, RUNTIME_CRATE};
use crate::resolve::{
    FieldModel, MethodKind, MethodModel, Placement, RustIdent, RustType, VariantModel,
};
use crate::schema::HttpMethod;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn handle(model: &VariantModel, std: &Std) -> TokenStream {
    let name = ident(&model.handle);
    let client = runtime("Client");
    let methods = model.methods.iter().map(|m| method(m, std));
    let docs = doc(&format!(
        "The methods of this module, called through a borrowed `{RUNTIME_CRATE}::Client`: `{}::new(&client)`.",
        model.handle
    ));
    let separator = separator();
    quote! {
        #docs
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            client: &'a #client,
        }

        #separator
        impl<'a> #name<'a> {
            /// Calls this module's methods through `client`.
            pub fn new(client: &'a #client) -> Self {
                Self { client }
            }

            #(#methods)*
        }
    }
}

/// The method's endpoint, a constant expression.
pub(super) fn endpoint(model: &MethodModel) -> TokenStream {
    let (name, path) = (&model.wire_name, &model.path);
    // The runtime's constructor for the method, named by the contract both sides share.
    let constructor = format_ident!("{}", model.http_method.endpoint_constructor());
    let endpoint = plumbing("Endpoint");
    // GETs are idempotent by default, other verbs not: say so only when the method differs.
    let idempotent = model.idempotent;
    let marked = (idempotent != (model.http_method == HttpMethod::Get))
        .then(|| quote!(.idempotent(#idempotent)));
    let required = &model.required;
    let required = (!required.is_empty()).then(|| quote!(.required(&[#(#required),*])));
    let complex = model.complex_query.then(|| quote!(.complex_query()));
    quote! { #endpoint::#constructor(#name, #path) #marked #required #complex }
}

fn method(model: &MethodModel, std: &Std) -> TokenStream {
    let name = ident(&model.ident);
    let docs = doc(&model.doc);
    let error = ident(&model.error);
    let result = &std.result;
    let endpoint = endpoint(model);
    let error_type = runtime("Error");
    // The parameters, the statements converting them, the one call, and (for paged methods) the
    // call for a stream of pages.
    let (params, conversions, args, response, call, pages) = match &model.kind {
        MethodKind::Rest { request, response } => {
            let request = ident(request);
            (
                quote!(request: &#request),
                TokenStream::new(),
                quote!(request),
                response,
                quote!(self.client.call(&#endpoint, request)),
                quote!(self.client.pages(#endpoint, PAGING, request)),
            )
        }
        MethodKind::Sdk {
            args,
            options,
            response,
            answer_field,
            request_shape,
            response_shape,
        } => {
            let shape = |name: &Option<RustIdent>| match name {
                Some(name) => {
                    let name = ident(name);
                    quote!(Some(&#name))
                }
                None => quote!(None),
            };
            let (request_shape, response_shape) = (shape(request_shape), shape(response_shape));
            let fields = || args.iter().map(|a| &a.field).chain(options);
            let params = fields().map(|arg| sdk_param(arg, options, std));
            let (params, conversions): (Vec<_>, Vec<_>) = params.unzip();
            let names = fields().map(|arg| ident(&arg.ident));
            let inserts = args.iter().map(|arg| {
                let (ident, json) = (ident(&arg.field.ident), &arg.field.json);
                match &arg.placement {
                    Placement::TopLevel => quote!(.arg(#json, &#ident)),
                    Placement::Inside { object, key } => quote!(.arg_into(#object, #key, &#ident)),
                    Placement::Spread => quote!(.options(&#ident)),
                }
            });
            let merge = options.iter().map(|arg| {
                let ident = ident(&arg.ident);
                quote!(.options(&#ident))
            });
            let sdk_request = plumbing("SdkRequest");
            let request = quote!(#sdk_request::new() #(#inserts)* #(#merge)*);
            let field = match answer_field {
                Some(field) => {
                    let json = &field.json;
                    quote!(Some(#json))
                }
                None => quote!(None),
            };
            let call = quote! {
                self.client.call_sdk(&#endpoint, #request, #request_shape, #response_shape, #field)
            };
            let pages = quote! {
                self.client.pages_sdk(#endpoint, PAGING, #request, #request_shape, #response_shape)
            };
            (
                quote!(#(#params),*),
                quote!(#(#conversions)*),
                quote!(#(#names),*),
                response,
                call,
                pages,
            )
        }
    };
    let optional = model.kind.optional_answer();
    let (output, body) = match response {
        Some(ty) if optional => (std.optional(std.ty(ty)), quote!(#call.await)),
        Some(ty) => (std.ty(ty), quote!(#call.await)),
        None => (quote!(()), {
            let no_content = plumbing("NoContent");
            quote!(#call.await.map(|#no_content| ()))
        }),
    };
    let paged = model.paging.as_ref().map(|paging| {
        let (pages_name, stream_name) = (ident(&paging.pages_ident), ident(&paging.stream_ident));
        let keys = &paging.request_path;
        let kind = if paging.cursor {
            quote!(Cursor)
        } else {
            quote!(Offset)
        };
        let items = ident(&paging.items);
        let take = if paging.items_required {
            quote!(|page| page.#items)
        } else {
            quote!(|page| page.#items.unwrap_or_default())
        };
        let item = std.ty(&paging.item);
        let how = if paging.cursor {
            "Each request after the first carries only the cursor and the limit, as the API asks; \
             the stream ends when there is no next cursor, and with an error if the server repeats one."
        } else {
            "Each request after the first is the same request with the offset moved on; the stream \
             ends on an empty page or at the total."
        };
        let pages_doc = doc(&format!(
            "Every page of `{}`, fetched as the stream is read. {how} An error ends the stream.",
            model.wire_name
        ));
        let stream_doc = doc(&format!(
            "Every item of every page of `{}` (`{}`), one at a time.",
            model.wire_name, paging.pages_ident
        ));
        let (stream, paging, items) = (runtime("Stream"), plumbing("Paging"), plumbing("items"));
        // `#[inline]`: these only forward to the runtime, and are then compiled where they are
        // used instead of once each in the bindings crate.
        let (pages_separator, stream_separator) = (separator(), separator());
        quote! {
            #pages_separator
            #pages_doc
            #[inline]
            pub fn #pages_name(&self, #params) -> impl #stream<Item = #result<#output, #error_type<#error>>> + Send + Unpin + 'static {
                const PAGING: #paging = #paging::#kind(&[#(#keys),*]);
                #conversions
                #pages
            }

            #stream_separator
            #stream_doc
            #[inline]
            pub fn #stream_name(&self, #params) -> impl #stream<Item = #result<#item, #error_type<#error>>> + Send + Unpin + 'static {
                #items(self.#pages_name(#args), #take)
            }
        }
    });
    let builder = super::query_builder::builder_method(model, std);
    let separator = separator();
    quote! {
        #separator
        #docs
        pub async fn #name(&self, #params) -> #result<#output, #error_type<#error>> {
            #conversions
            #body
        }

        #paged
        #builder
    }
}

/// An SDK argument as a parameter, and the statement converting it (if it is converted):
/// strings as `impl Into<String>`, the options and optional arguments as `impl Into<Option<…>>`
/// (the value or `None`). Other arguments are taken as they are, so that only what converts is
/// generic.
fn sdk_param(
    arg: &FieldModel,
    options: &Option<FieldModel>,
    std: &Std,
) -> (TokenStream, TokenStream) {
    let name = ident(&arg.ident);
    let ty = std.ty(&arg.ty);
    let target = if !arg.required || options.as_ref() == Some(arg) {
        std.optional(ty)
    } else if arg.ty == RustType::String {
        ty
    } else {
        return (quote!(#name: #ty), TokenStream::new());
    };
    let param = std.into(target.clone());
    (
        quote!(#name: #param),
        quote!(let #name: #target = #name.into();),
    )
}
