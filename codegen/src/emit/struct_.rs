//! Structs: documented fields, optional ones `None` when absent and left out when `None`, ONE-OF
//! groups flattened in, and a private map keeping the fields the docs don't list. Serde comes
//! from the runtime's `wire_struct!`, given each field's JSON name (also each field's
//! `doc(alias)`): far less code to compile than serde's derive with a flattened map, which
//! buffers every object.
//!
//! Structs are `#[non_exhaustive]` and the map is private, so that a field the docs add later
//! breaks no user's struct literal: values are built with `new` (the required fields) and a
//! `with_` setter per optional field. All of these are `#[inline]`: compiled where they are
//! used, not for every struct of the bindings.

use super::docs::{alias, doc, separator};
use super::{ident, plumbing, runtime, Std};
use crate::resolve::{FieldModel, OneOfField, RustIdent, RustType, StructModel};
use proc_macro2::{Ident, Punct, Spacing, TokenStream};
use quote::quote;

pub fn struct_(model: &StructModel, std: &Std) -> TokenStream {
    let name = ident(&model.name);
    let docs = doc(&model.doc);
    let derives = if model.default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let fields = model.fields.iter().map(|f| field(f, std));
    let groups = model.one_ofs.iter().map(|group| {
        let field = ident(&group.ident);
        let ty = ident(&group.enum_name);
        let ty = if group.required {
            quote!(#ty)
        } else {
            std.optional(quote!(#ty))
        };
        quote!(pub #field: #ty,)
    });
    let extra = ident(&model.extra);
    let (unlisted, wire_struct) = (plumbing("Unlisted"), plumbing("wire_struct"));
    // The JSON side: each field's name, and how the groups are flattened in.
    let table = model.fields.iter().map(|f| {
        let (field, json) = (ident(&f.ident), &f.json);
        let with = if f.field_mask {
            Some(field_mask_with(f.required))
        } else {
            wire_with(&f.ty, f.required)
        };
        let with = with.map(|with| quote!(, #with));
        quote!(, #field(#json #with))
    });
    // A joint `@` prints as `@group`, as the macro documents it.
    let at = Punct::new('@', Spacing::Joint);
    let group_table = model.one_ofs.iter().map(|group| {
        let field = ident(&group.ident);
        let presence = if group.required {
            quote!(required)
        } else {
            quote!(optional)
        };
        quote!(, #at group #field(#presence))
    });
    let methods = methods(model, std);
    let (impl_separator, wire_separator) = (separator(), separator());
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #(#groups)*
            /// JSON fields the docs don't list, kept so that what the server sent goes back unchanged.
            #extra: #unlisted,
        }

        #impl_separator
        impl #name {
            #methods
        }

        #wire_separator
        #wire_struct!(#name, #extra #(#table)* #(#group_table)*);
    }
}

/// The constructor, the setters and the accessors of the unknown fields.
fn methods(model: &StructModel, std: &Std) -> TokenStream {
    let constructor = ident(&model.constructor);
    let extra = ident(&model.extra);
    let (json_object, unlisted) = (runtime("JsonObject"), plumbing("Unlisted"));
    let new = if model.default {
        let docs = doc(&format!(
            "A new `{}` with every field unset; set them with the `with_` methods.",
            model.name
        ));
        quote! {
            #docs
            #[inline]
            pub fn #constructor() -> Self {
                Self::default()
            }
        }
    } else {
        let docs = doc(&format!(
            "A new `{}` from its required fields; the optional ones start unset (set them with the \
             `with_` methods).",
            model.name
        ));
        let fields = model
            .fields
            .iter()
            .map(|f| (f.required, arg(&f.ident, &f.ty, std)));
        let groups = model
            .one_ofs
            .iter()
            .map(|g| (g.required, group_arg(g, std)));
        let (required, optional): (Vec<_>, Vec<_>) = fields.chain(groups).partition(|(r, _)| *r);
        let params = required.iter().map(|(_, arg)| &arg.param);
        let inits = required.iter().map(|(_, arg)| arg.init());
        let unset = optional.iter().map(|(_, arg)| {
            let field = &arg.field;
            quote!(#field: None,)
        });
        quote! {
            #docs
            #[inline]
            pub fn #constructor(#(#params),*) -> Self {
                Self {
                    #(#inits)*
                    #(#unset)*
                    #extra: #unlisted::new(),
                }
            }
        }
    };
    let field_setters = model.fields.iter().filter_map(|f| {
        let name = f.setter.as_ref()?;
        Some(setter(name, arg(&f.ident, &f.ty, std)))
    });
    let group_setters = model.one_ofs.iter().filter_map(|g| {
        let name = g.setter.as_ref()?;
        Some(setter(name, group_arg(g, std)))
    });
    let [get, get_mut] = &model.extra_accessors;
    let (get, get_mut) = (ident(get), ident(get_mut));
    let get_doc = doc("The JSON fields the docs don't list, as the server sent them.");
    let get_mut_doc = doc(
        "The JSON fields the docs don't list, to change what is sent; a key that a documented \
         field also has is sent as that field holds it.",
    );
    let (get_separator, get_mut_separator) = (separator(), separator());
    quote! {
        #new
        #(#field_setters)*
        #(#group_setters)*

        #get_separator
        #get_doc
        #[inline]
        pub fn #get(&self) -> &#json_object {
            self.#extra.get()
        }

        #get_mut_separator
        #get_mut_doc
        #[inline]
        pub fn #get_mut(&mut self) -> &mut #json_object {
            self.#extra.get_mut()
        }
    }
}

/// A field as an argument of the constructor or of its setter.
struct Arg {
    field: Ident,
    /// `name: Type`: strings as `impl Into<String>`, a boxed type unboxed.
    param: TokenStream,
    /// The field's value from the argument (`name.into()`), `None` when it is the argument.
    converted: Option<TokenStream>,
}

impl Arg {
    /// The field's initializer in `Self { … }`.
    fn init(&self) -> TokenStream {
        let field = &self.field;
        match &self.converted {
            Some(value) => quote!(#field: #value,),
            None => quote!(#field,),
        }
    }

    fn value(&self) -> TokenStream {
        let field = &self.field;
        self.converted.clone().unwrap_or_else(|| quote!(#field))
    }
}

fn arg(field: &RustIdent, ty: &RustType, std: &Std) -> Arg {
    let field = ident(field);
    let (ty, converted) = match ty {
        RustType::String => (std.into(std.string.clone()), Some(quote!(#field.into()))),
        RustType::Boxed(inner) => {
            let boxed = &std.boxed;
            (std.ty(inner), Some(quote!(#boxed::new(#field))))
        }
        other => (std.ty(other), None),
    };
    Arg {
        param: quote!(#field: #ty),
        field,
        converted,
    }
}

fn group_arg(group: &OneOfField, std: &Std) -> Arg {
    arg(&group.ident, &RustType::Named(group.enum_name.clone()), std)
}

/// `with_name(value)`: sets an optional field and returns the value, for chaining.
fn setter(name: &RustIdent, arg: Arg) -> TokenStream {
    let (name, docs) = (ident(name), doc(&format!("Sets `{}`.", arg.field)));
    let (field, param, value) = (&arg.field, &arg.param, arg.value());
    let separator = separator();
    quote! {
        #separator
        #docs
        #[inline]
        pub fn #name(mut self, #param) -> Self {
            self.#field = Some(#value);
            self
        }
    }
}

fn field(model: &FieldModel, std: &Std) -> TokenStream {
    let name = ident(&model.ident);
    let docs = doc(&model.doc);
    let alias = alias(&model.json, &model.ident);
    let ty = std.ty(&model.ty);
    let ty = if model.required { ty } else { std.optional(ty) };
    quote! {
        #docs
        #alias
        pub #name: #ty,
    }
}

/// A field mask's serde helper: a list of paths in Rust, one comma-separated string on the wire.
fn field_mask_with(required: bool) -> TokenStream {
    if required {
        quote!(field_mask)
    } else {
        quote!(field_mask::option)
    }
}

/// Types whose JSON form on the Wix wire is not serde's own, through the runtime's serde helpers:
/// timestamps as RFC 3339 with milliseconds; numbers as the proto3 JSON mapping writes them
/// (`"NaN"`, `"Infinity"`, numeric strings).
fn wire_with(ty: &RustType, required: bool) -> Option<TokenStream> {
    let element = match ty {
        RustType::Vec(inner) => inner.as_ref(),
        other => other,
    };
    let helper = match element {
        RustType::Date => quote!(timestamp),
        RustType::Number | RustType::Integer => quote!(proto3),
        _ => return None,
    };
    let module = match (matches!(ty, RustType::Vec(_)), required) {
        (false, true) => None,
        (false, false) => Some(quote!(::option)),
        (true, true) => Some(quote!(::vec)),
        (true, false) => Some(quote!(::option_vec)),
    };
    Some(quote!(#helper #module))
}
