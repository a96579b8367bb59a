//! The contract between the generator and the runtime, checked from both sides: what the
//! emitter writes into generated code must be what the runtime has. Both read the shared facts
//! from `wixgen_runtime::contract`; these tests fail when the code around them drifts apart.

use serde_json::json;
use wixgen::schema::{HttpMethod, Package};
use wixgen_runtime::__rt::{rest_names_to_sdk, sdk_names_to_rest, Endpoint};

fn schema() -> Vec<Package> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    wixgen::load_schema(&dir).unwrap().0
}

/// The generated code of `packages`, every variant of every package in one string.
fn generated(packages: &[Package]) -> String {
    let model = wixgen::resolve::resolve(packages);
    let mut code = String::new();
    for package in &model.packages {
        for variant in [&package.rest, &package.sdk] {
            if !variant.is_empty() {
                code.push_str(&wixgen::emit::format(wixgen::emit::variant_items(variant)).unwrap());
            }
        }
    }
    code
}

/// The runtime's `Endpoint` constructor of that name, called: a constructor the runtime lacks
/// does not compile here, a name the emitter invents is `None`.
fn construct(constructor: &str) -> Option<Endpoint> {
    let (name, path) = ("method", "/path");
    Some(match constructor {
        "get" => Endpoint::get(name, path),
        "post" => Endpoint::post(name, path),
        "put" => Endpoint::put(name, path),
        "patch" => Endpoint::patch(name, path),
        "delete" => Endpoint::delete(name, path),
        _ => return None,
    })
}

#[test]
fn every_http_method_the_generator_emits_is_an_endpoint_constructor_of_the_runtime() {
    let mut packages = schema();
    packages.truncate(1);
    packages[0].methods.truncate(1);
    for method in HttpMethod::ALL {
        if let Some(rest) = packages[0].methods[0].rest.as_mut() {
            rest.http_method = method;
        }
        let code = generated(&packages);
        let marker = format!("::{}::__rt::Endpoint::", wixgen::emit::RUNTIME_CRATE);
        let at = code.find(&marker).expect("a method calls an endpoint") + marker.len();
        let constructor: String = code[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let endpoint = construct(&constructor)
            .unwrap_or_else(|| panic!("the runtime has no `Endpoint::{constructor}`"));
        assert_eq!(endpoint.method, method, "`Endpoint::{constructor}`");
    }
}

#[test]
fn the_renames_the_runtime_applies_are_the_ones_the_generator_leaves_to_it() {
    for (sdk, rest) in wixgen::schema::SDK_RENAMES {
        let mut value = json!({ "outer": [{ sdk: 1 }], sdk: 2 });
        sdk_names_to_rest(&mut value);
        assert_eq!(value, json!({ "outer": [{ rest: 1 }], rest: 2 }), "`{sdk}`");
        rest_names_to_sdk(&mut value);
        assert_eq!(value, json!({ "outer": [{ sdk: 1 }], sdk: 2 }), "`{rest}`");
    }
    // Shapes list only the renames the runtime does not apply everywhere by itself.
    let model = wixgen::resolve::resolve(&schema());
    for package in &model.packages {
        for shape in &package.sdk.shapes {
            for field in &shape.fields {
                assert!(
                    !wixgen::schema::SDK_RENAMES
                        .contains(&(field.sdk.as_str(), field.rest.as_str())),
                    "shape `{}` repeats the runtime's rename `{}` → `{}`",
                    shape.name,
                    field.sdk,
                    field.rest
                );
            }
        }
    }
}
