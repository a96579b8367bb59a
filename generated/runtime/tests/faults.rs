//! The runtime under network faults and hostile servers on 127.0.0.1: every fault ends in a
//! bounded time with a bounded amount of memory and a readable error, and credentials never
//! leave for another origin.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::AnyError;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use wixgen_runtime::__rt::Endpoint;
use wixgen_runtime::{ApiError, Client, Error, RetryPolicy};

mod support;

const KEY: &str = "secret-api-key-7f3a";

fn client(base_url: String) -> Client {
    Client::builder()
        .api_key(KEY)
        .site_id("site-1")
        .base_url(base_url)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(20),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

async fn get(client: &Client) -> Result<Value, Error<AnyError>> {
    client
        .call::<Value, Value, AnyError>(&Endpoint::get("getThing", "/things"), &json!({}))
        .await
}

/// A raw server: each accepted connection is handed to `serve` with its index, on a thread.
fn raw_server(serve: impl Fn(usize, std::net::TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let serve = Arc::new(serve);
    std::thread::spawn(move || {
        for (index, stream) in listener.incoming().enumerate() {
            let Ok(stream) = stream else { return };
            let serve = serve.clone();
            std::thread::spawn(move || serve(index, stream));
        }
    });
    format!("http://{address}")
}

/// Reads a request's head (enough for these GETs without a body).
fn read_head(stream: &mut std::net::TcpStream) {
    let mut buffer = [0u8; 4096];
    let mut head = Vec::new();
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test]
async fn an_absurd_retry_after_is_capped_not_a_panic() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1e20"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let answer = get(&client(server.uri())).await.unwrap();
    assert_eq!(answer, json!({"ok": true}));
}

#[tokio::test]
async fn redirects_to_another_origin_are_refused_and_carry_nothing_there() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"stolen": true})))
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    let target = format!("{}/things", elsewhere.uri());
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", target.as_str()))
        .mount(&server)
        .await;
    let error = get(&client(server.uri())).await.unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("refused a redirect to") && text.contains(&target),
        "{text}"
    );
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    assert!(!text.contains(KEY));

    // Within the same origin, a redirect is followed.
    Mock::given(method("GET"))
        .and(path("/moved"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/here"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/here"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"here": true})))
        .mount(&server)
        .await;
    let answer = client(server.uri())
        .call::<Value, Value, AnyError>(&Endpoint::get("getThing", "/moved"), &json!({}))
        .await
        .unwrap();
    assert_eq!(answer, json!({"here": true}));
}

#[tokio::test]
async fn a_client_from_a_reqwest_builder_keeps_the_redirect_policy_and_the_timeout() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"stolen": true})))
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    let target = format!("{}/things", elsewhere.uri());
    Mock::given(method("GET"))
        .and(path("/things"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", target.as_str()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    // The builder's own redirect policy (follow anything) and timeout are replaced.
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::limited(10))
        .timeout(Duration::from_secs(30));
    let client = Client::builder()
        .api_key(KEY)
        .site_id("site-1")
        .base_url(server.uri())
        .http_client_builder(builder)
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let text = get(&client).await.unwrap_err().to_string();
    assert!(
        text.contains("refused a redirect to") && text.contains(&target),
        "{text}"
    );
    assert!(elsewhere.received_requests().await.unwrap().is_empty());

    let error = client
        .call::<Value, Value, AnyError>(&Endpoint::get("getSlow", "/slow"), &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout(limit) if limit == Duration::from_millis(300)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_dripping_body_times_out_and_says_the_real_limit() {
    let base = raw_server(|_, mut stream| {
        read_head(&mut stream);
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{",
        );
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(50));
            if stream.write_all(b" ").is_err() {
                return;
            }
        }
    });
    let client = Client::builder()
        .base_url(base)
        .timeout(Duration::from_millis(300))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = get(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Timeout(limit) if limit == Duration::from_millis(300)),
        "{error:?}"
    );
    assert_eq!(error.to_string(), "no answer within 300ms");
}

#[tokio::test]
async fn answers_larger_than_the_limit_are_not_read_and_error_bodies_are_cut() {
    // A chunked body with no length announced: counted as it arrives.
    let base = raw_server(|_, mut stream| {
        read_head(&mut stream);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
        let chunk = format!("{:x}\r\n{}\r\n", 1024, "x".repeat(1024));
        for _ in 0..1024 {
            if stream.write_all(chunk.as_bytes()).is_err() {
                return;
            }
        }
        let _ = stream.write_all(b"0\r\n\r\n");
    });
    let limited = Client::builder()
        .base_url(base)
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();
    let error = get(&limited).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                status: 200,
                limit: 65536
            }
        ),
        "{error:?}"
    );

    // A length announced above the limit is refused before reading.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_string("e".repeat(100_000)))
        .mount(&server)
        .await;
    let small = Client::builder()
        .base_url(server.uri())
        .max_response_bytes(1000)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    assert!(matches!(
        get(&small).await,
        Err(Error::ResponseTooLarge { status: 500, .. })
    ));
    // Under the limit, the error keeps only the start of its body.
    let Err(Error::Api(AnyError(api))) = get(&client(server.uri())).await else {
        panic!("an API error")
    };
    assert!(
        api.body.len() <= ApiError::BODY_LIMIT + "…".len(),
        "{}",
        api.body.len()
    );
}

#[tokio::test]
async fn a_connection_reset_before_the_answer_is_retried_for_a_safe_call() {
    let connections = Arc::new(AtomicUsize::new(0));
    let seen = connections.clone();
    let base = raw_server(move |index, mut stream| {
        seen.fetch_add(1, Ordering::SeqCst);
        read_head(&mut stream);
        if index == 0 {
            // Closed without an answer.
            let _ = stream.shutdown(std::net::Shutdown::Both);
            return;
        }
        let body = r#"{"ok":true}"#;
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
    });
    let answer = get(&client(base)).await.unwrap();
    assert_eq!(answer, json!({"ok": true}));
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn transport_and_decode_errors_say_why_and_where() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client_nowhere = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let text = get(&client_nowhere).await.unwrap_err().to_string();
    assert!(
        text.starts_with("transport error: error sending request: "),
        "{text}"
    );
    assert!(
        text.to_lowercase().contains("connect"),
        "the cause is named: {text}"
    );

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Thing {
        friend: Friend,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Friend {
        count: i64,
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"friend": {"count": "many"}})),
        )
        .mount(&server)
        .await;
    let error = client(server.uri())
        .call::<Value, Thing, AnyError>(&Endpoint::get("getThing", "/things"), &json!({}))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("at `friend.count`"), "{error}");
}
