//! App authentication (OAuth client credentials, as the JavaScript SDK's `AppStrategy`) and
//! token sources, against a token endpoint and an API on 127.0.0.1.

use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use wix_api::{resources, Client, Error, RetryPolicy, TokenFuture, TokenSource};

#[path = "../runtime/tests/support/mod.rs"]
mod support;

const APP_ID: &str = "app-1";
const SECRET: &str = "app-secret-9c1e";
const INSTANCE: &str = "instance-7";

/// A token endpoint handing out `token-1`, `token-2`, … valid for `expires_in` seconds.
struct Tokens {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        // Slow enough that concurrent callers overlap the request.
        ResponseTemplate::new(200)
            .set_delay(Duration::from_millis(50))
            .set_body_json(json!({"access_token": format!("token-{n}"), "token_type": "Bearer", "expires_in": self.expires_in}))
    }
}

async fn token_endpoint(server: &MockServer, expires_in: u64) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(body_json(json!({
            "grant_type": "client_credentials",
            "client_id": APP_ID,
            "client_secret": SECRET,
            "instance_id": INSTANCE,
        })))
        .respond_with(Tokens {
            issued: issued.clone(),
            expires_in,
        })
        .mount(server)
        .await;
    issued
}

async fn api(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"resourceTypes": []})))
        .mount(server)
        .await;
}

fn app_client(server: &MockServer) -> Client {
    Client::builder()
        .app(APP_ID, SECRET, INSTANCE)
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

async fn query(client: &Client) -> Result<(), Error<resources::rest::QueryResourceTypesError>> {
    resources::rest::Resources::new(client)
        .query_resource_types(&Default::default())
        .await
        .map(|_| ())
}

/// The `Authorization` headers the API received.
async fn authorizations(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() != "/oauth2/token")
        .map(|r| {
            r.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn a_hundred_concurrent_calls_share_one_token_request() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 14400).await;
    api(&server).await;
    let client = app_client(&server);
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { query(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    let sent = authorizations(&server).await;
    assert_eq!(sent.len(), 100);
    assert!(
        sent.iter().all(|a| a == "token-1"),
        "sent as the token itself: {:?}",
        &sent[..3]
    );
}

#[tokio::test]
async fn a_token_is_fetched_again_ahead_of_its_expiry() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 1).await;
    api(&server).await;
    let client = app_client(&server);
    query(&client).await.unwrap();
    query(&client).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 1, "cached while valid");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    query(&client).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        authorizations(&server).await,
        ["token-1", "token-1", "token-2"]
    );
}

#[tokio::test]
async fn a_401_drops_the_token_and_retries_the_call_once_with_a_new_one() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 14400).await;
    Mock::given(method("POST"))
        .and(path("/bookings/v2/resources/resource-types/query"))
        .and(header("authorization", "token-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "token revoked"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/bookings/v2/resources/resource-types/query"))
        .and(header("authorization", "token-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"resourceTypes": []})))
        .mount(&server)
        .await;
    let client = app_client(&server);
    query(&client).await.unwrap();
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(authorizations(&server).await, ["token-1", "token-2"]);

    // A token refused twice is the caller's problem: one retry only.
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 14400).await;
    Mock::given(method("POST"))
        .and(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "no access"})))
        .mount(&server)
        .await;
    let error = query(&app_client(&server)).await.unwrap_err();
    assert_eq!(error.api_error().map(|e| e.status), Some(401));
    assert_eq!(issued.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn bad_credentials_give_the_endpoints_answer_and_never_the_secret() {
    let server = MockServer::start().await;
    // An endpoint that even echoes the secret back.
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": "invalid_client", "message": format!("bad secret {SECRET}")}),
        ))
        .mount(&server)
        .await;
    api(&server).await;
    let client = app_client(&server);
    let error = query(&client).await.unwrap_err();
    let Error::Auth(auth) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(auth.status, Some(400));
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!text.contains(SECRET), "{text}");
    }
    assert!(error.to_string().contains("invalid_client"), "{error}");
    assert!(
        authorizations(&server).await.is_empty(),
        "no API call without a token"
    );
}

/// A source of the caller's: a member token that fails once it is refused.
#[derive(Debug)]
struct MemberToken {
    asked: AtomicUsize,
}

impl TokenSource for MemberToken {
    fn token<'a>(&'a self, _: &'a reqwest::Client, _: &'a str) -> TokenFuture<'a> {
        Box::pin(async move {
            let n = self.asked.fetch_add(1, Ordering::SeqCst);
            Ok(format!("member-{n}"))
        })
    }
}

#[tokio::test]
async fn a_token_source_of_the_callers_own_is_asked_before_each_call() {
    let server = MockServer::start().await;
    api(&server).await;
    let source = Arc::new(MemberToken {
        asked: AtomicUsize::new(0),
    });
    let client = Client::builder()
        .token_source(source.clone())
        .base_url(server.uri())
        .build()
        .unwrap();
    query(&client).await.unwrap();
    query(&client).await.unwrap();
    assert_eq!(authorizations(&server).await, ["member-0", "member-1"]);
    let both = Client::builder()
        .api_key("k")
        .app(APP_ID, SECRET, INSTANCE)
        .build()
        .unwrap_err();
    assert!(both.to_string().contains("give one of"), "{both}");
}

#[tokio::test]
async fn neither_secret_nor_token_shows_in_tracing_output() {
    let capture = support::Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    token_endpoint(&server, 14400).await;
    api(&server).await;
    query(&app_client(&server)).await.unwrap();
    let lines = capture.text();
    assert!(lines.contains("span wix_api.call"), "{lines}");
    assert!(
        !lines.contains(SECRET) && !lines.contains("token-1"),
        "{lines}"
    );
}
