//! Query builders: the handle's `<method>_builder()` and the entity field enums it filters and
//! sorts on. Only the typed surface is generated; the runtime's `query_builder` module holds
//! the builder itself, so each builder costs a few lines.

use super::client::endpoint;
use super::docs::{alias, doc, separator};
use super::{ident, plumbing, runtime, Std};
use crate::resolve::{MethodKind, MethodModel, QueryFieldsModel, RustIdent};
use heck::ToLowerCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `::wixgen_runtime::query_builder::<item>`.
fn builder_item(item: &str) -> TokenStream {
    let (module, item) = (runtime("query_builder"), format_ident!("{}", item));
    quote!(#module::#item)
}

/// The `<method>_builder()` of a query method; nothing for other methods.
pub fn builder_method(model: &MethodModel, std: &Std) -> TokenStream {
    let (
        Some(builder),
        MethodKind::Sdk {
            request_shape,
            response_shape,
            ..
        },
    ) = (&model.builder, &model.kind)
    else {
        return TokenStream::new();
    };
    let shape = |name: &Option<RustIdent>| match name {
        Some(name) => {
            let name = ident(name);
            quote!(Some(&#name))
        }
        None => quote!(None),
    };
    let (request_shape, response_shape) = (shape(request_shape), shape(response_shape));
    let name = ident(&builder.ident);
    let fields = ident(&builder.fields);
    let item = std.ty(&builder.item);
    let options = builder
        .options
        .as_ref()
        .map_or_else(|| quote!(()), |ty| std.ty(ty));
    let error = ident(&model.error);
    let (paging, how) = if builder.cursor {
        (
            builder_item("CursorPaged"),
            "It pages by cursor: `next()` on the result fetches the next page.",
        )
    } else {
        (
            builder_item("OffsetPaged"),
            "It pages by offset: `skip(n)` starts further on, `next()` on the result fetches the next page.",
        )
    };
    let docs = doc(&format!(
        "A query builder for `{wire}`, as the JavaScript SDK's `{sdk}()`: chain conditions \
         (`eq`, `ge`, `is_in`, …) on `{fields}`, `ascending`/`descending` and `limit`, then \
         `find().await` sends the query and returns the first page. {how} The same request as \
         `{method}`.",
        wire = model.wire_name,
        sdk = model.ident.bare().to_lower_camel_case(),
        fields = builder.fields,
        method = model.ident,
    ));
    let (argument, items) = (&builder.argument, &builder.items);
    let metadata = match &builder.metadata {
        Some(key) => quote!(Some(#key)),
        None => quote!(None),
    };
    let endpoint = endpoint(model);
    let (query_method, query_builder) = (plumbing("QueryMethod"), builder_item("QueryBuilder"));
    let separator = separator();
    quote! {
        #separator
        #docs
        #[inline]
        pub fn #name(&self) -> #query_builder<'a, #fields, #item, #options, #error, #paging> {
            const METHOD: #query_method = #query_method {
                endpoint: #endpoint,
                argument: #argument,
                items: #items,
                metadata: #metadata,
            };
            #query_builder::new(self.client, METHOD, #request_shape, #response_shape)
        }
    }
}

/// An entity's field enum and its `QueryField` implementation.
pub fn field_enum(model: &QueryFieldsModel) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&format!(
        "The fields of `{}` a query builder filters and sorts on, by their SDK paths.",
        model.entity
    ));
    let variants = model.fields.iter().map(|field| {
        let docs = doc(&field.doc);
        let alias = alias(&field.path, &field.ident);
        let ident = ident(&field.ident);
        quote! { #docs #alias #ident, }
    });
    let arms = model.fields.iter().map(|field| {
        let (ident, path) = (ident(&field.ident), &field.path);
        quote! { #name::#ident => #path, }
    });
    let other = ident(&model.other);
    let query_field = builder_item("QueryField");
    let separator = separator();
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A field not listed here, by its SDK path (`"seoData.tags"`).
            #other(&'static str),
        }

        #separator
        impl #query_field for #name {
            fn path(self) -> &'static str {
                match self {
                    #(#arms)*
                    #name::#other(path) => path,
                }
            }
        }
    }
}
