//! `dispatch.rs` of the scratch crate: one function per generated method, taking the case's JSON
//! and a client, building the typed arguments with serde, calling the method and returning its
//! result as JSON; and `call`, which finds a function by its dispatch name. Everything comes from
//! the model.

use wixgen::resolve::{
    MethodKind, MethodModel, Model, PackageModel, QueryBuilderModel, RustType, VariantModel,
};

/// The dispatch name of `method` of `variant` in `package`: unique in the scratch crate.
pub fn name(package: &PackageModel, variant: &VariantModel, method: &MethodModel) -> String {
    format!(
        "{}__{}__{}",
        variant.variant.module(),
        package.module.bare(),
        method.ident.bare()
    )
}

/// The dispatch name of the query builder of `method`: its chain replayed, then `find()`.
pub fn builder_name(
    package: &PackageModel,
    variant: &VariantModel,
    method: &MethodModel,
) -> String {
    format!("{}__builder", name(package, variant, method))
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
                functions.push_str(&function(&name, &call(&module, variant, method)));
                if let Some(builder) = &method.builder {
                    let name = builder_name(package, variant, method);
                    arms.push_str(&format!(
                        "        \"{name}\" => Box::pin({name}(client, input)),\n"
                    ));
                    functions.push_str(&function(&name, &builder_call(&module, variant, builder)));
                }
            }
        }
    }
    format!(
        "{}\
#![allow(non_snake_case)]

use crate::{{arg, chain, done, found, request, Failure}};
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
/// One dispatch function: `body` reads the case's arguments from `input`, when it has any.
fn function(name: &str, body: &str) -> String {
    let input = if body.contains("input") {
        "input"
    } else {
        "_input"
    };
    format!("\nasync fn {name}(client: &Client, {input}: Value) -> Result<Value, Failure> {{\n{body}}}\n")
}

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

/// The body of a builder's dispatch function: each recorded op as the typed call (field paths
/// matched to the field enum), then `find()` and the public surface of its result.
fn builder_call(module: &str, variant: &VariantModel, builder: &QueryBuilderModel) -> String {
    let handle = format!("{module}::{}::new(client)", variant.handle);
    let fields = format!("{module}::{}", builder.fields);
    let mut arms = String::new();
    let model = variant
        .query_fields
        .iter()
        .find(|q| q.name == builder.fields);
    for field in model.iter().flat_map(|m| &m.fields) {
        arms.push_str(&format!(
            "            {:?} => {fields}::{},\n",
            field.path, field.ident
        ));
    }
    // A path the page does not list goes by the catch-all, as the JS SDK takes any path.
    let other = model.map_or_else(|| "Path".to_string(), |m| m.other.to_string());
    let skip = if builder.cursor {
        String::new()
    } else {
        "            \"skip\" => builder.skip(op.count(0)?),\n".to_string()
    };
    format!(
        "    let field = |op: &crate::ChainOp| -> Result<{fields}, Failure> {{
        Ok(match op.path()? {{
{arms}            other => {fields}::{other}(Box::leak(other.to_string().into_boxed_str())),
        }})
    }};
    let mut builder = {handle}.{ident}();
    for op in chain(&input)? {{
        builder = match op.op.as_str() {{
            \"eq\" => builder.eq(field(&op)?, op.value(1)?),
            \"ne\" => builder.ne(field(&op)?, op.value(1)?),
            \"gt\" => builder.gt(field(&op)?, op.value(1)?),
            \"ge\" => builder.ge(field(&op)?, op.value(1)?),
            \"lt\" => builder.lt(field(&op)?, op.value(1)?),
            \"le\" => builder.le(field(&op)?, op.value(1)?),
            \"between\" => builder.between(field(&op)?, op.value(1)?, op.value(2)?),
            \"in\" => builder.is_in(field(&op)?, op.values(1)?),
            \"hasSome\" => builder.has_some(field(&op)?, op.values(1)?),
            \"hasAll\" => builder.has_all(field(&op)?, op.values(1)?),
            \"startsWith\" => builder.starts_with(field(&op)?, op.value(1)?.as_json().as_str().unwrap_or_default()),
            \"exists\" => builder.exists(field(&op)?, op.value(1)?.as_json().as_bool().unwrap_or(true)),
            \"isEmpty\" => builder.is_empty(field(&op)?),
            \"isNotEmpty\" => builder.is_not_empty(field(&op)?),
            \"ascending\" => builder.ascending(field(&op)?),
            \"descending\" => builder.descending(field(&op)?),
            \"limit\" => builder.limit(op.count(0)?),
{skip}            _ => return Err(op.unknown()),
        }};
    }}
    found(builder.find().await, {cursor})
",
        ident = builder.ident,
        cursor = builder.cursor,
    )
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
