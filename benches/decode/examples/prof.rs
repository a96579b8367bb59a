//! Profiling: `KIND=order/g N=20 prof` decodes one answer N times.
use std::hint::black_box;
use wixgen_decode_bench::{answer, derived, generated};

fn run<T: serde::de::DeserializeOwned>(body: &str, n: usize) {
    for _ in 0..n {
        black_box(serde_json::from_str::<T>(black_box(body)).unwrap());
    }
}

fn main() {
    let kind = std::env::var("KIND").unwrap();
    let n: usize = std::env::var("N").unwrap().parse().unwrap();
    let (shape, rest) = kind.split_once('/').unwrap();
    let (who, doc) = match rest.split_once('/') {
        Some((w, d)) => (w, d == "doc"),
        None => (rest, false),
    };
    let mut body = answer(shape);
    macro_rules! pick {
        ($($s:literal => $g:ty, $d:ty;)*) => {
            match shape {
                $($s => {
                    if doc { body = serde_json::to_string(&serde_json::from_str::<$d>(&body).unwrap()).unwrap(); }
                    if who == "g" { run::<$g>(&body, n) } else { run::<$d>(&body, n) }
                })*
                _ => panic!(),
            }
        };
    }
    pick! {
        "order" => generated::orders::rest::GetOrderResponse, derived::orders::rest::GetOrderResponse;
        "service" => generated::services::rest::GetServiceResponse, derived::services::rest::GetServiceResponse;
        "product" => generated::catalog_v3::rest::V3GetProductResponse, derived::catalog_v3::rest::V3GetProductResponse;
        "post" => generated::posts::rest::GetPostResponse, derived::posts::rest::GetPostResponse;
    }
}
