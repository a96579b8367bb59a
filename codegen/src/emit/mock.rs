//! Typed mocks of a variant module's methods (`<package>::rest::mock`, `<package>::sdk::mock`),
//! generated when asked (`Builder::mocks`): per method one function naming the endpoint and the
//! method's types; matching, answering and the server are the runtime's `testing` feature.

use super::docs::{doc, separator};
use super::{client, ident, runtime, Std};
use crate::resolve::{MethodKind, MethodModel, PackageModel, RustIdent, Variant, VariantModel};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The `mock` module of `model`, a variant of `package`.
pub fn module(package: &PackageModel, model: &VariantModel) -> TokenStream {
    let std = Std::new(model.full_paths);
    let mocks = model
        .methods
        .iter()
        .map(|m| method(package, model, m, &std));
    let docs = doc(&format!(
        "Typed mocks of this module's methods, for tests of code that calls them: \
         `server.expect(mock::<method>().when(|request| …).respond(response))` on a \
         `{}::MockServer` (the runtime's `testing` feature). Calls are matched on the \
         method's REST request type.",
        super::RUNTIME_CRATE
    ));
    quote! {
        #docs
        pub mod mock {
            #[allow(unused_imports)]
            use super::*;

            #(#mocks)*
        }
    }
}

fn method(
    package: &PackageModel,
    model: &VariantModel,
    method: &MethodModel,
    std: &Std,
) -> TokenStream {
    let name = ident(&method.ident);
    let error = ident(&method.error);
    let endpoint = client::endpoint(method);
    let method_mock = runtime("MethodMock");
    let (request, response, constructor) = match &method.kind {
        MethodKind::Rest { request, response } => {
            let request = ident(request);
            (
                quote!(#request),
                response,
                quote!(#method_mock::rest(#endpoint)),
            )
        }
        MethodKind::Sdk {
            response,
            response_shape,
            answer_field,
            ..
        } => {
            let shape = match response_shape {
                Some(shape) => {
                    let shape = ident(shape);
                    quote!(Some(&#shape))
                }
                None => quote!(None),
            };
            let field = answer_field.as_ref().map(|field| {
                let json = &field.json;
                quote!(.answer_field(#json))
            });
            (
                sdk_request_type(package, method),
                response,
                quote!(#method_mock::sdk(#endpoint, #shape) #field),
            )
        }
    };
    let optional = method.kind.optional_answer();
    let response = match response {
        Some(ty) if optional => std.optional(std.ty(ty)),
        Some(ty) => std.ty(ty),
        None => quote!(()),
    };
    let answer = match model.variant {
        Variant::Rest => "",
        Variant::Sdk => " The response is SDK-named, sent as the server would send it.",
    };
    let docs = doc(&format!(
        "Expects calls of `{}` (`{} {}`): `.when(…)` conditions on the request, then \
         `.respond(…)` or `.fail(…)`.{answer}",
        method.wire_name,
        method.http_method.as_str(),
        method.path
    ));
    let separator = separator();
    quote! {
        #separator
        #docs
        pub fn #name() -> #method_mock<#request, #response, #error> {
            #constructor
        }
    }
}

/// What an SDK method's calls are matched on: the REST request type of the same method in the
/// `rest` module beside it, or the request's JSON when that module is not generated.
fn sdk_request_type(package: &PackageModel, method: &MethodModel) -> TokenStream {
    let rest_request: Option<&RustIdent> = package.rest.methods.iter().find_map(|rest| match &rest
        .kind
    {
        MethodKind::Rest { request, .. } if rest.wire_name == method.wire_name => Some(request),
        _ => None,
    });
    match rest_request {
        Some(request) => {
            let (rest, request) = (format_ident!("{}", Variant::Rest.module()), ident(request));
            quote!(super::super::#rest::#request)
        }
        None => runtime("Json"),
    }
}
