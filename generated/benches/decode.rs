//! Decoding a large answer, as the client does it (REST: the body read straight into the
//! generated types; SDK: parsed, renamed, then read): QueryResourceTypes with 100 resource
//! types, in both variants.
//!
//! `cargo bench -p wix-api --bench decode`; BENCHMARKS.md has the numbers.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};
use wix_api::resources::{rest, sdk};

fn answer(items: usize) -> String {
    let types: Vec<Value> = (0..items)
        .map(|i| {
            json!({
                "id": format!("5eed{i:04}-0046-4046-8046-000000000046"),
                "revision": "3",
                "createdDate": "2025-01-01T10:00:00.000Z",
                "updatedDate": "2025-02-01T11:30:00.250Z",
                "name": format!("room {i}"),
                "extendedFields": {"namespaces": {"@acme/rooms": {"floor": i, "wing": "east"}}},
                "futureField": {"id": "x", "note": "a field the docs do not list"}
            })
        })
        .collect();
    json!({
        "resourceTypes": types,
        "pagingMetadata": {"count": items, "cursors": {"next": "bmV4dA=="}, "hasNext": true}
    })
    .to_string()
}

fn decode(c: &mut Criterion) {
    let body = answer(100);
    let mut group = c.benchmark_group("decode-100-resource-types");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("rest", |b| {
        // REST calls read the body straight into the response type.
        b.iter(|| serde_json::from_str::<rest::QueryResourceTypesResponse>(&body).unwrap())
    });
    group.bench_function("sdk", |b| {
        b.iter(|| {
            let mut value: Value = serde_json::from_str(&body).unwrap();
            wixgen_runtime::__rt::rest_names_to_sdk(&mut value);
            serde_json::from_value::<sdk::QueryResourceTypesResponse>(value).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
