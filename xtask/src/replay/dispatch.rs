//! `dispatch.rs` of the scratch crate: one function per generated method, taking the case's JSON
//! and a client, building the typed arguments with serde, calling the method and returning its
//! result as JSON; and `call`, which finds a function by its dispatch name. Everything comes from
//! the model.

use wixgen::resolve::{MethodKind, MethodModel, Model, PackageModel, RustType, VariantModel};

/// The dispatch name of `method` of `variant` in `package`: unique in the scratch crate.
pub fn name(package: &PackageModel, variant: &VariantModel, method: &MethodModel) -> String {
    format!(
        "{}__{}__{}",
        variant.variant.module(),
        package.module.bare(),
        method.ident.bare()
    )
}

/// The source of `dispatch.rs` for every method of `model`.
pub fn source(model: &Model) -> String {
    let mut arms = String::new();
    let mut functions = String::new();
    for package in &model.packages {
        for variant in [&package.sdk, &package.rest] {
            for method in &variant.methods {
                let name = name(package, variant, method);
                arms.push_str(&format!(
                    "        \"{name}\" => Box::pin({name}(client, input)),\n"
                ));
                let module = format!(
                    "crate::bindings::{}::{}",
                    package.module,
                    variant.variant.module()
                );
                functions.push_str(&format!(
                    "\nasync fn {name}(client: &Client, input: Value) -> Result<Value, Failure> {{\n{}}}\n",
                    call(&module, variant, method)
                ));
            }
        }
    }
    format!(
        "{}\
#![allow(non_snake_case)]

use crate::{{arg, done, request, Failure}};
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use wixgen_runtime::Client;

/// A dispatched call in progress.
pub type Call<'a> = Pin<Box<dyn Future<Output = Result<Value, Failure>> + 'a>>;

/// The call of the method dispatched as `name`, with `input` (SDK: the arguments by name; REST:
/// the request).
pub fn call<'a>(name: &str, client: &'a Client, input: Value) -> Option<Call<'a>> {{
    Some(match name {{
{arms}        _ => return None,
    }})
}}
{functions}",
        wixgen::HEADER
    )
}

/// The body of one dispatch function: the typed arguments from `input`, the call, its result.
/// (The one place that knows how generated methods take their arguments.)
fn call(module: &str, variant: &VariantModel, method: &MethodModel) -> String {
    let handle = format!("{module}::{}::new(client)", variant.handle);
    let ident = &method.ident;
    match &method.kind {
        MethodKind::Rest { request, .. } => format!(
            "    let request: {module}::{request} = request(input)?;\n    done({handle}.{ident}(&request).await)\n"
        ),
        MethodKind::Sdk { args, options, .. } => {
            let fields = args
                .iter()
                .map(|a| (&a.field, false))
                .chain(options.iter().map(|o| (o, true)));
            let mut body = String::new();
            let mut names = Vec::new();
            for (index, (field, is_options)) in fields.enumerate() {
                // Typed here: the methods take `impl Into<…>`, which does not say what to decode.
                let ty = rust_type(module, &field.ty);
                let ty = if field.required && !is_options {
                    ty
                } else {
                    format!("Option<{ty}>")
                };
                body.push_str(&format!(
                    "    let a{index}: {ty} = arg(&input, {:?})?;\n",
                    field.json
                ));
                names.push(format!("a{index}"));
            }
            body.push_str(&format!(
                "    done({handle}.{ident}({}).await)\n",
                names.join(", ")
            ));
            body
        }
    }
}

/// A model type as Rust source, its named types in `module`.
fn rust_type(module: &str, ty: &RustType) -> String {
    match ty {
        RustType::String => "String".to_string(),
        RustType::Integer => "i64".to_string(),
        RustType::Number => "f64".to_string(),
        RustType::Boolean => "bool".to_string(),
        RustType::Object => "wixgen_runtime::JsonObject".to_string(),
        RustType::Any => "wixgen_runtime::Json".to_string(),
        RustType::Date => "wixgen_runtime::Timestamp".to_string(),
        RustType::Vec(inner) => format!("Vec<{}>", rust_type(module, inner)),
        RustType::Boxed(inner) => format!("Box<{}>", rust_type(module, inner)),
        RustType::Named(name) => format!("{module}::{}", name.as_str()),
    }
}
