//! Real answers of the corpus read and written by the generated types, against serde-derived
//! structs of the same shapes: an order (`getOrder`), a product (`getProduct`, catalog v3), a
//! blog post with rich content (`getPost`) and a bookings service (`getService`).
//!
//! - `rest`: the body read straight into the REST response type, as the client does.
//! - `sdk`: the body parsed into a tree, the answer field taken, reshaped with the method's
//!   response shape (`Shape::to_sdk`: media, addresses), renamed (`rest_names_to_sdk`), then
//!   read into the SDK type; `sdk-parse`, `sdk-walk` and `sdk-read` time each step alone.
//! - `rest-documented`: the same with only the fields the docs list, the undocumented ones
//!   (which the generated types keep and the derived ones drop) taken out.
//! - `encode-*`: the decoded value written back to JSON text.
//!
//! `cargo bench -p wixgen-decode-bench`; BENCHMARKS.md has the numbers.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wixgen_decode_bench::{answer, derived, generated};
use wixgen_runtime::__rt::{rest_names_to_sdk, Shape};

/// The SDK's answer: parsed, the answer field taken, reshaped and renamed, as `call_sdk` does.
fn sdk_tree(body: &str, field: Option<&str>, shape: &Shape) -> Value {
    let whole: Value = serde_json::from_str(body).unwrap();
    let mut value = match field {
        Some(field) => whole.get(field).cloned().unwrap_or(Value::Null),
        None => whole,
    };
    walk(&mut value, shape);
    value
}

fn walk(value: &mut Value, shape: &Shape) {
    shape.to_sdk(value);
    rest_names_to_sdk(value);
}

/// One shape: both variants of the generated types and of the derived ones.
fn shape<GRest, DRest, GSdk, DSdk>(
    c: &mut Criterion,
    name: &str,
    field: Option<&str>,
    response_shape: &Shape,
) where
    GRest: DeserializeOwned + Serialize,
    DRest: DeserializeOwned + Serialize,
    GSdk: DeserializeOwned + Serialize,
    DSdk: DeserializeOwned + Serialize,
{
    let body = answer(name);
    let tree = sdk_tree(&body, field, response_shape);
    // Every type reads the whole answer (a derived type ignoring a field would read less).
    check_round_trip::<GRest>(&body, &serde_json::from_str(&body).unwrap());
    check_round_trip::<GSdk>(&tree.to_string(), &tree);

    let mut group = c.benchmark_group(name);
    group
        .sample_size(30)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(2));
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("rest/generated", |b| {
        b.iter(|| serde_json::from_str::<GRest>(&body).unwrap())
    });
    group.bench_function("rest/derived", |b| {
        b.iter(|| serde_json::from_str::<DRest>(&body).unwrap())
    });
    // The same answer with only the fields the docs list (what the derived type writes back):
    // the rest of the gap is what keeping the undocumented fields costs.
    let documented = serde_json::to_string(&decode::<DRest>(&body)).unwrap();
    group.bench_function("rest-documented/generated", |b| {
        b.iter(|| serde_json::from_str::<GRest>(&documented).unwrap())
    });
    group.bench_function("rest-documented/derived", |b| {
        b.iter(|| serde_json::from_str::<DRest>(&documented).unwrap())
    });
    group.bench_function("sdk/generated", |b| {
        b.iter(|| GSdk::deserialize(sdk_tree(&body, field, response_shape)).unwrap())
    });
    group.bench_function("sdk/derived", |b| {
        b.iter(|| DSdk::deserialize(sdk_tree(&body, field, response_shape)).unwrap())
    });
    group.bench_function("sdk-parse", |b| {
        b.iter(|| serde_json::from_str::<Value>(&body).unwrap())
    });
    group.bench_function("sdk-walk", |b| {
        let parsed = serde_json::from_str::<Value>(&body).unwrap();
        let value = match field {
            Some(field) => parsed[field].clone(),
            None => parsed,
        };
        b.iter_batched(
            || value.clone(),
            |mut value| walk(&mut value, response_shape),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("sdk-read/generated", |b| {
        b.iter_batched(|| tree.clone(), GSdk::deserialize, BatchSize::SmallInput)
    });
    group.bench_function("sdk-read/derived", |b| {
        b.iter_batched(|| tree.clone(), DSdk::deserialize, BatchSize::SmallInput)
    });
    let (g_rest, d_rest): (GRest, DRest) = (decode(&body), decode(&body));
    let tree_text = tree.to_string();
    let (g_sdk, d_sdk): (GSdk, DSdk) = (decode(&tree_text), decode(&tree_text));
    group.bench_function("encode-rest/generated", |b| {
        b.iter(|| serde_json::to_string(&g_rest).unwrap())
    });
    group.bench_function("encode-rest/derived", |b| {
        b.iter(|| serde_json::to_string(&d_rest).unwrap())
    });
    group.bench_function("encode-sdk/generated", |b| {
        b.iter(|| serde_json::to_string(&g_sdk).unwrap())
    });
    group.bench_function("encode-sdk/derived", |b| {
        b.iter(|| serde_json::to_string(&d_sdk).unwrap())
    });
    group.finish();
}

fn decode<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).unwrap()
}

/// The generated type writes back what it read: nothing was dropped on the way (numbers
/// compared as doubles: a double field writes `5` back as `5.0`).
fn check_round_trip<T: DeserializeOwned + Serialize>(text: &str, expected: &Value) {
    let value: T = decode(text);
    let written = serde_json::to_value(&value).unwrap();
    assert_eq!(as_doubles(written), as_doubles(expected.clone()));
}

fn as_doubles(value: Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Number(n), Value::from),
        Value::Array(items) => items.into_iter().map(as_doubles).collect(),
        Value::Object(map) => map.into_iter().map(|(k, v)| (k, as_doubles(v))).collect(),
        other => other,
    }
}

fn corpus(c: &mut Criterion) {
    use generated::{catalog_v3, orders, posts, services};
    shape::<
        orders::rest::GetOrderResponse,
        derived::orders::rest::GetOrderResponse,
        orders::sdk::Order,
        derived::orders::sdk::Order,
    >(c, "order", Some("order"), &orders::sdk::ORDER_WIRE);
    shape::<
        catalog_v3::rest::V3GetProductResponse,
        derived::catalog_v3::rest::V3GetProductResponse,
        catalog_v3::sdk::V3Product,
        derived::catalog_v3::sdk::V3Product,
    >(
        c,
        "product",
        Some("product"),
        &catalog_v3::sdk::V3_PRODUCT_WIRE,
    );
    shape::<
        posts::rest::GetPostResponse,
        derived::posts::rest::GetPostResponse,
        posts::sdk::GetPostResponse,
        derived::posts::sdk::GetPostResponse,
    >(c, "post", None, &posts::sdk::GET_POST_RESPONSE_WIRE);
    shape::<
        services::rest::GetServiceResponse,
        derived::services::rest::GetServiceResponse,
        services::sdk::Service,
        derived::services::sdk::Service,
    >(c, "service", Some("service"), &services::sdk::SERVICE_WIRE);
}

criterion_group!(benches, corpus);
criterion_main!(benches);
