//! Generates the bindings of `pages/` (four real method pages of the corpus: an order, a
//! product, a blog post, a bookings service) into `OUT_DIR/generated`, and from them the
//! baseline: the same types as plain serde-derived structs (`OUT_DIR/derived`), each field under
//! its JSON name, the same `with` helpers for timestamps and proto3 numbers, ONE-OF members as
//! optional fields of their parent, open enums as derived enums with an `other` variant, and no
//! map of unknown fields.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::HashMap;
use std::path::Path;
use syn::parse::{ParseStream, Parser};
use syn::{Fields, Item, LitStr, Token, Type};

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=pages");
    println!("cargo:rerun-if-changed=build.rs");
    let rendered = wixgen::Builder::new()
        .pages("pages")
        .render()
        .unwrap_or_else(|error| panic!("{error}"));
    let (generated, derived) = (out.join("generated"), out.join("derived"));
    std::fs::create_dir_all(&generated).expect("OUT_DIR is writable");
    std::fs::create_dir_all(&derived).expect("OUT_DIR is writable");
    let mut modules: Vec<(String, String, String)> = Vec::new();
    for (path, text) in &rendered.files {
        // The bench reads an answer as the client does, with the method's response shape.
        let text = text.replace("\nstatic ", "\npub static ");
        write(&generated.join(path), &text);
        let name = path.to_string_lossy().trim_end_matches(".rs").to_string();
        if let Some((package, variant)) = name.rsplit_once('_') {
            if variant == "rest" || variant == "sdk" {
                let file = syn::parse_file(&text).expect("generated code parses");
                write(&derived.join(path), &derive_baseline(&file).to_string());
                modules.push((package.to_string(), variant.to_string(), path_text(path)));
            }
        }
    }
    modules.sort();
    let mut entry = String::new();
    let mut packages: Vec<&str> = modules.iter().map(|(p, _, _)| p.as_str()).collect();
    packages.dedup();
    for package in packages {
        entry.push_str("#[allow(dead_code, clippy::all)]\n");
        entry.push_str(&format!("pub mod {package} {{\n"));
        for (_, variant, file) in modules.iter().filter(|(p, _, _)| p == package) {
            entry.push_str(&format!(
                "    pub mod {variant} {{ include!(\"{file}\"); }}\n"
            ));
        }
        entry.push_str("}\n");
    }
    write(&derived.join("derived.rs"), &entry);
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("OUT_DIR is writable");
    }
}

/// One entry of a `wire_struct!` table.
enum Entry {
    Field {
        name: Ident,
        json: LitStr,
        with: Option<syn::Path>,
    },
    Group {
        name: Ident,
    },
}

/// The derived twin of every type a generated variant file reads and writes.
fn derive_baseline(file: &syn::File) -> TokenStream {
    let mut structs: HashMap<String, HashMap<String, Type>> = HashMap::new();
    let mut variants: HashMap<String, HashMap<String, Type>> = HashMap::new();
    let mut one_ofs: HashMap<String, Vec<(Ident, LitStr)>> = HashMap::new();
    let mut tables = Vec::new();
    let mut enums = Vec::new();
    for item in &file.items {
        match item {
            Item::Struct(item) => {
                if let Fields::Named(fields) = &item.fields {
                    let fields = fields.named.iter();
                    let fields = fields.filter_map(|f| Some((f.ident.as_ref()?, &f.ty)));
                    structs.insert(
                        item.ident.to_string(),
                        fields.map(|(n, t)| (n.to_string(), t.clone())).collect(),
                    );
                }
            }
            Item::Enum(item) => {
                let members = item.variants.iter().filter_map(|v| match &v.fields {
                    Fields::Unnamed(f) => {
                        Some((v.ident.to_string(), f.unnamed.first()?.ty.clone()))
                    }
                    _ => None,
                });
                variants.insert(item.ident.to_string(), members.collect());
            }
            Item::Macro(item) => {
                let Some(last) = item.mac.path.segments.last() else {
                    continue;
                };
                let tokens = item.mac.tokens.clone();
                match last.ident.to_string().as_str() {
                    "wire_struct" => tables.push(wire_struct.parse2(tokens).expect("a table")),
                    "wire_enum" => enums.push(wire_enum.parse2(tokens).expect("a table")),
                    "wire_one_of" => {
                        let (name, members) = wire_one_of.parse2(tokens).expect("a table");
                        one_ofs.insert(name.to_string(), members);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let mut out = TokenStream::new();
    for (name, entries) in &tables {
        let types = &structs[&name.to_string()];
        let mut fields = Vec::new();
        for entry in entries {
            match entry {
                Entry::Field { name, json, with } => {
                    let ty = &types[&name.to_string()];
                    let optional = is_option(ty).then(
                        || quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]),
                    );
                    let with = with.as_ref().map(|path| {
                        let path = LitStr::new(
                            &format!("wixgen_runtime::__rt::{}", quote!(#path)).replace(' ', ""),
                            json.span(),
                        );
                        quote!(#[serde(with = #path)])
                    });
                    fields.push(quote!(#[serde(rename = #json)] #optional #with pub #name: #ty));
                }
                Entry::Group { name } => {
                    let group = inner_name(&types[&name.to_string()]);
                    let member_types = &variants[&group];
                    for (index, (variant, json)) in one_ofs[&group].iter().enumerate() {
                        let ty = &member_types[&variant.to_string()];
                        let field = format_ident!("{name}_{index}");
                        fields.push(quote! {
                            #[serde(rename = #json, default, skip_serializing_if = "::std::option::Option::is_none")]
                            pub #field: ::std::option::Option<#ty>
                        });
                    }
                }
            }
        }
        out.extend(quote! {
            #[derive(Debug, ::serde::Deserialize, ::serde::Serialize)]
            pub struct #name { #(#fields,)* }
        });
    }
    for (name, other, members) in &enums {
        let members = members
            .iter()
            .map(|(v, json)| quote!(#[serde(rename = #json)] #v));
        out.extend(quote! {
            #[derive(Debug, ::serde::Deserialize, ::serde::Serialize)]
            pub enum #name { #(#members,)* #[serde(other)] #other }
        });
    }
    out
}

fn is_option(ty: &Type) -> bool {
    // A generated type may be called `Option` too; the standard one has an argument.
    last_segment(ty).is_some_and(|s| {
        s.ident == "Option" && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))
    })
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) => path.path.segments.last(),
        _ => None,
    }
}

/// The named type a group field holds, inside its `Option` if it has one.
fn inner_name(ty: &Type) -> String {
    let segment = last_segment(ty).expect("a named type");
    if is_option(ty) {
        if let syn::PathArguments::AngleBracketed(args) = &segment.arguments {
            if let Some(syn::GenericArgument::Type(inner)) = args.args.first() {
                return inner_name(inner);
            }
        }
    }
    segment.ident.to_string()
}

fn wire_struct(input: ParseStream) -> syn::Result<(Ident, Vec<Entry>)> {
    let name: Ident = input.parse()?;
    input.parse::<Token![,]>()?;
    let _extra: Ident = input.parse()?;
    let mut entries = Vec::new();
    while input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
        if input.parse::<Option<Token![@]>>()?.is_some() {
            let _group: Ident = input.parse()?;
            let name: Ident = input.parse()?;
            let presence;
            syn::parenthesized!(presence in input);
            let _: Ident = presence.parse()?;
            entries.push(Entry::Group { name });
        } else {
            let name: Ident = input.parse()?;
            let args;
            syn::parenthesized!(args in input);
            let json: LitStr = args.parse()?;
            let with = match args.parse::<Option<Token![,]>>()? {
                Some(_) => Some(args.parse::<syn::Path>()?),
                None => None,
            };
            entries.push(Entry::Field { name, json, with });
        }
    }
    Ok((name, entries))
}

type EnumTable = (Ident, Ident, Vec<(Ident, LitStr)>);

fn wire_enum(input: ParseStream) -> syn::Result<EnumTable> {
    let name: Ident = input.parse()?;
    input.parse::<Token![,]>()?;
    let other: Ident = input.parse()?;
    Ok((name, other, members(input)?))
}

fn wire_one_of(input: ParseStream) -> syn::Result<(Ident, Vec<(Ident, LitStr)>)> {
    let name: Ident = input.parse()?;
    Ok((name, members(input)?))
}

/// `, Variant("json")` repeated.
fn members(input: ParseStream) -> syn::Result<Vec<(Ident, LitStr)>> {
    let mut members = Vec::new();
    while input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
        let variant: Ident = input.parse()?;
        let json;
        syn::parenthesized!(json in input);
        members.push((variant, json.parse()?));
    }
    Ok(members)
}
