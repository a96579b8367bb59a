//! The generated clients against a real HTTP server on 127.0.0.1: what goes out on the wire,
//! what comes back, typed errors, retries, timeouts and secrets.

use base64::Engine;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};
use wix_api::{referral_program, resources, time_slots};
use wix_api::{ApiError, Client, DocumentedError, Error, MethodError, RetryPolicy};
use wixgen::schema::{Method, Package};
use wixgen_runtime::__rt::{Endpoint, HttpMethod, SdkRequest};

#[path = "../runtime/tests/support/mod.rs"]
mod support;

use support::AnyError;

const KEY: &str = "secret-api-key-7f3a";
const SITE: &str = "site-1234";

/// The IR of the schema's copy in `tests/fixtures/schema` (the bindings come from `schema/`; an
/// edit there must show up only in the bindings snapshots).
fn schema() -> Vec<Package> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/schema");
    wixgen::load_schema(&dir).unwrap().0
}

fn ir_method(name: &str) -> Method {
    schema()
        .into_iter()
        .flat_map(|p| p.methods)
        .find(|m| m.name == name)
        .unwrap()
}

/// The first curl example's body of a method, with nulls dropped (the types treat null as absent).
fn example_body(name: &str) -> Value {
    fn without_nulls(value: Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k, without_nulls(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
            other => other,
        }
    }
    let rest = ir_method(name).rest.unwrap();
    without_nulls(rest.examples.iter().find_map(|e| e.body.clone()).unwrap())
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(KEY)
        .site_id(SITE)
        .base_url(server.uri())
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap()
}

/// A mock for one documented call: verb, path, auth headers and (for bodies) the exact JSON.
fn expect_call(verb: &str, route: &str, body: Option<Value>) -> wiremock::MockBuilder {
    let mut mock = Mock::given(method(verb))
        .and(path(route))
        .and(header("authorization", KEY))
        .and(header("wix-site-id", SITE));
    if let Some(body) = body {
        mock = mock
            .and(header("content-type", "application/json"))
            .and(body_json(body));
    }
    mock
}

fn friend_json() -> Value {
    json!({"referredFriend": {"id": "f-1", "contactId": "c-1", "status": "SIGN_UP_COMPLETED", "revision": "3",
        "createdDate": "2024-08-12T08:12:17.813Z", "updatedDate": "2024-08-13T09:00:00.000Z"}})
}

#[tokio::test]
async fn create_referred_friend_rest() {
    let server = MockServer::start().await;
    let body = example_body("CreateReferredFriend");
    expect_call(
        "POST",
        "/referral_friends/v1/referred-friends",
        Some(body.clone()),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(friend_json()))
    .expect(1)
    .mount(&server)
    .await;
    let request: referral_program::rest::CreateReferredFriendRequest =
        serde_json::from_value(body).unwrap();
    let response = referral_program::rest::ReferralProgram::new(&client(&server))
        .create_referred_friend(&request)
        .await
        .unwrap();
    let friend = response.referred_friend.unwrap();
    assert_eq!(friend.id.as_deref(), Some("f-1"));
    assert_eq!(
        friend.status,
        Some(referral_program::rest::Status::SignUpCompleted)
    );
    assert_eq!(
        friend.created_date.as_deref(),
        Some("2024-08-12T08:12:17.813Z")
    );
}

#[tokio::test]
async fn create_referred_friend_sdk_renames_both_ways() {
    let server = MockServer::start().await;
    expect_call(
        "POST",
        "/referral_friends/v1/referred-friends",
        Some(json!({"referralCode": "9zb9JvjwrvQF"})),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(friend_json()))
    .expect(1)
    .mount(&server)
    .await;
    let options = referral_program::sdk::CreateReferredFriendOptions::new()
        .with_referral_code("9zb9JvjwrvQF");
    let response = referral_program::sdk::ReferralProgram::new(&client(&server))
        .create_referred_friend(options)
        .await
        .unwrap();
    let friend = response.referred_friend.unwrap();
    // `id`/`createdDate` on the wire are `_id`/`_createdDate` (a timestamp) on the Rust side.
    assert_eq!(friend.id.as_deref(), Some("f-1"));
    assert_eq!(
        friend.created_date.unwrap().timestamp_millis(),
        1723450337813
    );
    let as_sdk = serde_json::to_value(&friend).unwrap();
    assert_eq!(as_sdk["_id"], "f-1");
    assert_eq!(as_sdk["_createdDate"], "2024-08-12T08:12:17.813Z");
    assert!(as_sdk.get("id").is_none());
}

#[tokio::test]
async fn query_resource_types_both_variants() {
    let server = MockServer::start().await;
    let body = example_body("QueryResourceTypes");
    let answer = json!({"resourceTypes": [{"id": "rt-1", "name": "meeting room", "createdDate": "2024-01-01T00:00:00.000Z"}],
        "pagingMetadata": {"count": 1, "cursors": {"next": "n"}, "hasNext": true}});
    expect_call(
        "POST",
        "/bookings/v2/resources/resource-types/query",
        Some(body.clone()),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(answer))
    .expect(2)
    .mount(&server)
    .await;
    let client = client(&server);
    let request: resources::rest::QueryResourceTypesRequest =
        serde_json::from_value(body.clone()).unwrap();
    let rest = resources::rest::Resources::new(&client)
        .query_resource_types(&request)
        .await
        .unwrap();
    assert_eq!(rest.resource_types.unwrap()[0].id.as_deref(), Some("rt-1"));
    assert_eq!(
        rest.paging_metadata
            .unwrap()
            .cursors
            .unwrap()
            .next
            .as_deref(),
        Some("n")
    );

    let query: resources::sdk::ResourceTypeQuery =
        serde_json::from_value(body["query"].clone()).unwrap();
    let sdk = resources::sdk::Resources::new(&client)
        .query_resource_types(query)
        .await
        .unwrap();
    let first = &sdk.resource_types.unwrap()[0];
    assert_eq!(first.id.as_deref(), Some("rt-1"));
    assert_eq!(first.created_date.unwrap().timestamp(), 1704067200);
}

#[tokio::test]
async fn get_availability_time_slot_both_variants() {
    let server = MockServer::start().await;
    let body = example_body("GetAvailabilityTimeSlot");
    let answer = json!({"timeSlot": {"serviceId": "s", "location": {"id": "loc", "locationType": "BUSINESS"},
        "availableResources": [{"resourceTypeId": "rt", "resources": [{"id": "r-1", "name": "Dr. A"}]}]}, "timeZone": "UTC"});
    expect_call(
        "POST",
        "/_api/service-availability/v2/time-slots/get",
        Some(body.clone()),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(answer))
    .expect(2)
    .mount(&server)
    .await;
    let client = client(&server);
    let request: time_slots::rest::GetAvailabilityTimeSlotRequest =
        serde_json::from_value(body.clone()).unwrap();
    let rest = time_slots::rest::TimeSlots::new(&client)
        .get_availability_time_slot(&request)
        .await
        .unwrap();
    assert_eq!(
        rest.time_slot.unwrap().location.unwrap().location_type,
        Some(time_slots::rest::LocationType::Business)
    );

    // The SDK call sends the same body: positional arguments by name, `_id` as `id`.
    let location = time_slots::sdk::Location::new()
        .with_id("b4698671-3412-49b5-bff1-f50d4d0fe3b3")
        .with_location_type(time_slots::sdk::LocationType::Business);
    let options: time_slots::sdk::GetAvailabilityTimeSlotOptions =
        serde_json::from_value(json!({"resourceTypes": body["resourceTypes"].clone()})).unwrap();
    let sdk = time_slots::sdk::TimeSlots::new(&client)
        .get_availability_time_slot(
            body["serviceId"].as_str().unwrap(),
            body["localStartDate"].as_str().unwrap(),
            body["localEndDate"].as_str().unwrap(),
            body["timeZone"].as_str().unwrap(),
            location,
            options,
        )
        .await
        .unwrap();
    let slot = sdk.time_slot.unwrap();
    assert_eq!(slot.location.unwrap().id.as_deref(), Some("loc"));
    assert_eq!(
        slot.available_resources.unwrap()[0]
            .resources
            .as_ref()
            .unwrap()[0]
            .id
            .as_deref(),
        Some("r-1")
    );
}

/// A request with required fields has no `Default` (so `..Default::default()` cannot send them
/// as `""`): `new` takes them, and they go out; optional ones set by `with_` go out too, the
/// others not at all.
#[tokio::test]
async fn a_request_built_with_new_sends_its_required_fields() {
    let server = MockServer::start().await;
    let sent = json!({"serviceId": "svc", "localStartDate": "2026-01-30T13:30:00",
        "localEndDate": "2026-01-30T14:00:00", "timeZone": "UTC"});
    expect_call(
        "POST",
        "/_api/service-availability/v2/time-slots/get",
        Some(sent),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
    .expect(1)
    .mount(&server)
    .await;
    let request = time_slots::rest::GetAvailabilityTimeSlotRequest::new(
        "2026-01-30T14:00:00",
        "2026-01-30T13:30:00",
        String::from("svc"),
    )
    .with_time_zone("UTC");
    time_slots::rest::TimeSlots::new(&client(&server))
        .get_availability_time_slot(&request)
        .await
        .unwrap();
}

/// An SDK method's options are optional: `None` sends none of their fields, the value sends
/// them.
#[tokio::test]
async fn an_sdk_method_takes_none_or_a_value_for_its_options() {
    let server = MockServer::start().await;
    for body in [json!({}), json!({"referralCode": "code"})] {
        expect_call("POST", "/referral_friends/v1/referred-friends", Some(body))
            .respond_with(ResponseTemplate::new(200).set_body_json(friend_json()))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let methods = referral_program::sdk::ReferralProgram::new(&client);
    methods.create_referred_friend(None).await.unwrap();
    let options =
        referral_program::sdk::CreateReferredFriendOptions::new().with_referral_code("code");
    methods.create_referred_friend(options).await.unwrap();
}

/// What a failed call said: the documented error it matched, and the API error.
fn typed<E: MethodError>(
    result: Result<impl std::fmt::Debug, Error<E>>,
) -> (Option<DocumentedError>, ApiError) {
    match result {
        Err(Error::Api(error)) => (error.documented(), error.api_error().clone()),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Calls a method in one variant with a minimal valid request.
async fn call(client: &Client, name: &str, sdk: bool) -> (Option<DocumentedError>, ApiError) {
    match (name, sdk) {
        ("CreateReferredFriend", false) => typed(
            referral_program::rest::ReferralProgram::new(client)
                .create_referred_friend(&Default::default())
                .await,
        ),
        ("CreateReferredFriend", true) => typed(
            referral_program::sdk::ReferralProgram::new(client)
                .create_referred_friend(None)
                .await,
        ),
        ("QueryResourceTypes", false) => typed(
            resources::rest::Resources::new(client)
                .query_resource_types(&Default::default())
                .await,
        ),
        ("QueryResourceTypes", true) => typed(
            resources::sdk::Resources::new(client)
                .query_resource_types(Default::default())
                .await,
        ),
        ("GetAvailabilityTimeSlot", false) => typed(
            time_slots::rest::TimeSlots::new(client)
                .get_availability_time_slot(&time_slots::rest::GetAvailabilityTimeSlotRequest::new(
                    "b", "a", "s",
                ))
                .await,
        ),
        ("GetAvailabilityTimeSlot", true) => typed(
            time_slots::sdk::TimeSlots::new(client)
                .get_availability_time_slot(
                    "s",
                    "a",
                    "b",
                    "UTC",
                    time_slots::sdk::Location::new(),
                    None,
                )
                .await,
        ),
        _ => panic!("no call written for {name}: add it here"),
    }
}

fn error_body(code: &str) -> Value {
    json!({"message": format!("failed with {code}"), "details": {"applicationError": {"code": code, "description": "d", "data": {"k": "v"}}}})
}

#[tokio::test]
async fn every_documented_error_arrives_as_its_variant_in_both_variants() {
    let methods: Vec<Method> = schema().into_iter().flat_map(|p| p.methods).collect();
    let mut checked = 0;
    for method in &methods {
        let rest = method.rest.as_ref().unwrap();
        let route = rest
            .url
            .strip_prefix("https://www.wixapis.com")
            .unwrap()
            .to_string();
        for error in &rest.errors {
            for sdk in [false, true] {
                let server = MockServer::start().await;
                Mock::given(path(route.as_str()))
                    .respond_with(
                        ResponseTemplate::new(error.http_code)
                            .set_body_json(error_body(&error.code))
                            .insert_header("x-wix-request-id", "req-42"),
                    )
                    .mount(&server)
                    .await;
                let (documented, api) = call(&client(&server), &method.name, sdk).await;
                let documented = documented
                    .unwrap_or_else(|| panic!("{} {} was not typed", method.name, error.code));
                assert_eq!(
                    (documented.code, documented.http_code, documented.status),
                    (error.code.as_str(), error.http_code, error.status.as_str())
                );
                assert_eq!(api.request_id.as_deref(), Some("req-42"));
                assert_eq!(api.application.unwrap().data["k"], "v");
                checked += 1;
            }
        }
        // Undocumented codes arrive as the structured fallback.
        let server = MockServer::start().await;
        Mock::given(path(route.as_str()))
            .respond_with(ResponseTemplate::new(409).set_body_json(error_body("SOMETHING_NEW")))
            .mount(&server)
            .await;
        for sdk in [false, true] {
            let (documented, api) = call(&client(&server), &method.name, sdk).await;
            assert_eq!(documented, None);
            assert_eq!(
                (api.status, api.application_code(), api.status_code()),
                (409, Some("SOMETHING_NEW"), "ALREADY_EXISTS")
            );
        }
    }
    assert_eq!(
        checked,
        2 * methods
            .iter()
            .map(|m| m.rest.as_ref().unwrap().errors.len())
            .sum::<usize>()
    );
    assert!(checked >= 10);
}

#[tokio::test]
async fn an_html_502_is_a_readable_error() {
    let server = MockServer::start().await;
    Mock::given(path("/referral_friends/v1/referred-friends"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            "text/html",
        ))
        .mount(&server)
        .await;
    let result = referral_program::rest::ReferralProgram::new(&client(&server))
        .create_referred_friend(&Default::default())
        .await;
    let error = result.unwrap_err();
    assert_eq!(error.to_string(), "HTTP 502 UNKNOWN: 502 Bad Gateway");
    let Error::Api(referral_program::rest::CreateReferredFriendError::Other(api)) = error else {
        panic!("{error:?}")
    };
    assert!(api.body.contains("nginx"));
}

#[tokio::test]
async fn a_success_that_does_not_decode_keeps_the_body() {
    let server = MockServer::start().await;
    Mock::given(path("/referral_friends/v1/referred-friends"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("not json", "text/plain"))
        .mount(&server)
        .await;
    let error = referral_program::rest::ReferralProgram::new(&client(&server))
        .create_referred_friend(&Default::default())
        .await
        .unwrap_err();
    let Error::Decode { status, body, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!((*status, body.as_str()), (200, "not json"));
    // CreateReferredFriend is not safe to repeat: the message says the call went through.
    assert!(
        error.to_string().contains("the server accepted the call")
            && error.to_string().contains("do not simply repeat it"),
        "{error}"
    );
}

#[tokio::test]
async fn numbers_arrive_as_the_proto3_mapping_writes_them_in_both_variants() {
    let server = MockServer::start().await;
    Mock::given(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "resourceTypes": [],
            "pagingMetadata": {"count": "2", "cursors": {"next": "n"}, "hasNext": false}
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let rest = resources::rest::Resources::new(&client)
        .query_resource_types(&Default::default())
        .await
        .unwrap();
    assert_eq!(rest.paging_metadata.unwrap().count, Some(2));
    let sdk = resources::sdk::Resources::new(&client)
        .query_resource_types(Default::default())
        .await
        .unwrap();
    assert_eq!(sdk.paging_metadata.unwrap().count, Some(2));
}

#[tokio::test]
async fn a_field_that_does_not_decode_is_named_by_its_path() {
    let server = MockServer::start().await;
    Mock::given(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "resourceTypes": [{"name": "room", "createdDate": "yesterday"}]
        })))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = resources::sdk::Resources::new(&client)
        .query_resource_types(Default::default())
        .await
        .unwrap_err();
    let Error::Decode { message, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        message.starts_with("at `resourceTypes._createdDate`: "),
        "{message}"
    );
    assert!(
        message.contains("`yesterday` is not an RFC 3339 timestamp"),
        "{message}"
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_and_succeeds() {
    let server = MockServer::start().await;
    Mock::given(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"resourceTypes": []})))
        .mount(&server)
        .await;
    let started = Instant::now();
    let response = resources::rest::Resources::new(&client(&server))
        .query_resource_types(&Default::default())
        .await
        .unwrap();
    assert_eq!(response.resource_types, Some(vec![]));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After: 1 was not honoured"
    );
}

#[tokio::test]
async fn a_call_that_is_not_safe_to_repeat_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/referral_friends/v1/referred-friends"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let (documented, api) = call(&client(&server), "CreateReferredFriend", false).await;
    assert_eq!(
        (documented, api.status, api.message.as_str()),
        (None, 503, "Service Unavailable")
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn retries_stop_at_the_attempt_cap_and_can_be_disabled() {
    let server = MockServer::start().await;
    Mock::given(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let _ = call(&client(&server), "QueryResourceTypes", false).await;
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    let server = MockServer::start().await;
    Mock::given(path("/bookings/v2/resources/resource-types/query"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let no_retries = Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let _ = call(&no_retries, "QueryResourceTypes", false).await;
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_slow_server_hits_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(path("/referral_friends/v1/referred-friends"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(friend_json())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let result = referral_program::rest::ReferralProgram::new(&client)
        .create_referred_friend(&Default::default())
        .await;
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
}

#[tokio::test]
async fn get_requests_carry_the_request_in_the_query_and_fill_path_templates() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things/v1/things/a%2Fb"))
        .and(query_param("paging.limit", "5"))
        .and(query_param("ids", "x"))
        .and(query_param("q", "a b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let endpoint = Endpoint {
        name: "getThing",
        method: HttpMethod::Get,
        path: "/things/v1/things/{thing.id}",
        idempotent: true,
        required: &[],
        complex_query: false,
    };
    let request = json!({"thing": {"id": "a/b"}, "paging": {"limit": 5}, "ids": ["x", "y"], "q": "a b", "none": null});
    let answer: Value = client(&server)
        .call::<_, _, AnyError>(&endpoint, &request)
        .await
        .unwrap();
    assert_eq!(answer, json!({"ok": true}));
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.url.query(),
        Some("ids=x&ids=y&paging.limit=5&q=a+b&thing.id=a%2Fb")
    );
    assert!(sent.body.is_empty());

    let missing = client(&server)
        .call::<_, Value, AnyError>(&endpoint, &json!({}))
        .await
        .unwrap_err();
    assert!(
        matches!(&missing, Error::InvalidRequest(m) if m.contains("`thing.id`")),
        "{missing:?}"
    );
}

#[tokio::test]
async fn a_complex_get_sends_its_nested_request_whole_as_dot_r() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let endpoint = Endpoint::get("listMembers", "/members/v1/members").complex_query();
    // Recorded (`listMembers`): the SDK's `_createdDate` in a sort travels renamed.
    let request = json!({"paging": {"limit": 10}, "sort": [{"fieldName": "_createdDate"}]});
    client(&server)
        .call_sdk::<Value, AnyError>(
            &endpoint,
            SdkRequest::new().options(&request),
            None,
            None,
            None,
        )
        .await
        .unwrap();
    let sent = &server.received_requests().await.unwrap()[0];
    let (key, value) = sent.url.query_pairs().next().unwrap();
    assert_eq!(key, ".r");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value.as_bytes())
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&bytes).unwrap(),
        json!({"paging": {"limit": 10}, "sort": [{"fieldName": "createdDate"}]})
    );
}

#[tokio::test]
async fn account_level_and_token_auth_headers() {
    let server = MockServer::start().await;
    Mock::given(header("wix-account-id", "acc-1"))
        .and(header("authorization", KEY))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("authorization", "token-xyz"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let endpoint = Endpoint {
        name: "x",
        method: HttpMethod::Post,
        path: "/x",
        idempotent: false,
        required: &[],
        complex_query: false,
    };
    let account = Client::builder()
        .api_key(KEY)
        .account_id("acc-1")
        .base_url(server.uri())
        .build()
        .unwrap();
    account
        .call::<_, wixgen_runtime::__rt::NoContent, AnyError>(&endpoint, &json!({}))
        .await
        .unwrap();
    let token = Client::builder()
        .access_token("token-xyz")
        .base_url(server.uri())
        .build()
        .unwrap();
    token
        .call::<_, wixgen_runtime::__rt::NoContent, AnyError>(&endpoint, &json!({}))
        .await
        .unwrap();
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    assert!(
        requests[1].headers.get("wix-site-id").is_none()
            && requests[1].headers.get("wix-account-id").is_none()
    );
    assert!(Client::builder()
        .api_key(KEY)
        .access_token("t")
        .build()
        .is_err());
    assert!(Client::builder()
        .site_id("s")
        .account_id("a")
        .build()
        .is_err());
}

#[test]
fn secrets_never_show_in_debug_output() {
    let client = Client::builder()
        .api_key(KEY)
        .site_id(SITE)
        .build()
        .unwrap();
    let shown = format!("{client:?} {client:#?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains("redacted") && shown.contains(SITE));
    let token = Client::builder().access_token(KEY).build().unwrap();
    assert!(!format!("{token:?}").contains(KEY));
}

mod observability {
    use super::*;
    use crate::support::Capture;

    #[tokio::test]
    async fn each_call_is_a_span_with_method_path_status_attempt_and_duration_and_no_secret() {
        let capture = Capture::default();
        let _guard = tracing::subscriber::set_default(capture.clone());
        let server = MockServer::start().await;
        Mock::given(path("/bookings/v2/resources/resource-types/query"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(path("/bookings/v2/resources/resource-types/query"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&server)
            .await;
        resources::rest::Resources::new(&client(&server))
            .query_resource_types(&Default::default())
            .await
            .unwrap();
        let lines = capture.0.lock().unwrap().join("\n");
        assert!(
            lines.contains("span wix_api.call method=\"queryResourceTypes\""),
            "{lines}"
        );
        assert!(
            lines.contains("path=/bookings/v2/resources/resource-types/query"),
            "{lines}"
        );
        assert!(lines.contains("attempt=2"), "{lines}");
        assert!(
            lines.contains("status=503") && lines.contains("status=200"),
            "{lines}"
        );
        assert!(lines.contains("duration_ms="), "{lines}");
        assert!(!lines.contains(KEY), "{lines}");
    }
}

#[tokio::test]
async fn the_example_runs_against_a_local_server() {
    let server = MockServer::start().await;
    expect_call(
        "POST",
        "/referral_friends/v1/referred-friends",
        Some(json!({"referralCode": "CODE-1"})),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(friend_json()))
    .expect(1)
    .mount(&server)
    .await;
    let deps = std::env::current_exe().unwrap();
    let example = deps
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(format!(
            "create_referred_friend{}",
            std::env::consts::EXE_SUFFIX
        ));
    assert!(
        example.exists(),
        "{} is not built: run `cargo test -p wix-api` (it builds the examples)",
        example.display()
    );
    let uri = server.uri();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(example)
            .env("WIX_API_KEY", KEY)
            .env("WIX_SITE_ID", SITE)
            .env("WIX_REFERRAL_CODE", "CODE-1")
            .env("WIX_BASE_URL", uri)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.trim(),
        "referred friend f-1 (status SIGN_UP_COMPLETED)"
    );
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let result = resources::rest::Resources::new(&client)
        .query_resource_types(&Default::default())
        .await;
    let Err(Error::Transport(error)) = result else {
        panic!("{result:?}")
    };
    assert!(error.is_connect(), "{error}");
}

#[tokio::test]
async fn a_missing_required_field_fails_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = client(&server);
    // As `tests/fixtures/required-paths.md` generates it: REST names, and SDK names.
    let rest = Endpoint::post("placeOrder", "/orders/v1/orders")
        .required(&["order.lineItems", "order.notes.id"]);
    let order = json!({"order": {"lineItems": [], "notes": [{"id": "n-1"}, {"text": "no id"}]}});
    let error = client
        .call::<Value, Value, AnyError>(&rest, &order)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("`order.notes[1].id` is required")),
        "{error:?}"
    );
    let sdk = Endpoint::post("placeOrder", "/orders/v1/orders").required(&["order.notes._id"]);
    let options = json!({"order": {"notes": [{"text": "no id"}]}});
    let error = client
        .call_sdk::<Value, AnyError>(
            &sdk,
            wixgen_runtime::__rt::SdkRequest::new().options(&options),
            None,
            None,
            None,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("`order.notes[0]._id` is required")),
        "{error:?}"
    );
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "nothing was sent"
    );

    // With the field there, the call goes out.
    let order = json!({"order": {"lineItems": [{"quantity": 1}], "notes": [{"id": "n-1"}]}});
    client
        .call::<Value, Value, AnyError>(&rest, &order)
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// `updateThing(_id, thing)` at `{thing.id}`, as generated code calls it, answered `answer`.
async fn update_thing<Resp: serde::de::DeserializeOwned>(
    server: &MockServer,
    answer_field: Option<&str>,
) -> Result<Resp, Error<AnyError>> {
    const ENDPOINT: Endpoint = Endpoint::patch("updateThing", "/things/v1/things/{thing.id}");
    let thing =
        json!({"_id": "caller-own", "name": "n", "_createdDate": "2024-08-12T08:12:17.813Z"});
    let request = wixgen_runtime::__rt::SdkRequest::new()
        .arg_into("thing", "id", "t-1")
        .arg("thing", &thing);
    client(server)
        .call_sdk(&ENDPOINT, request, None, None, answer_field)
        .await
}

#[tokio::test]
async fn an_sdk_id_argument_goes_into_its_entity_and_the_callers_own_key_stays() {
    let server = MockServer::start().await;
    // `id` from the argument fills the path; the caller's `_id` is not renamed over it.
    expect_call(
        "PATCH",
        "/things/v1/things/t-1",
        Some(json!({"thing": {"id": "t-1", "_id": "caller-own", "name": "n", "createdDate": "2024-08-12T08:12:17.813Z"}})),
    )
    .respond_with(ResponseTemplate::new(200).set_body_json(json!({"thing": {"id": "t-1"}})))
    .expect(1)
    .mount(&server)
    .await;
    let answer: Value = update_thing(&server, None).await.unwrap();
    assert_eq!(answer, json!({"thing": {"_id": "t-1"}}));
}

#[tokio::test]
async fn an_sdk_method_returns_its_answer_field_renamed_and_a_missing_one_as_said() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"thing": {"id": "t-1", "createdDate": "2024-08-12T08:12:17.813Z"}, "etag": "e"}),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let thing: Value = update_thing(&server, Some("thing")).await.unwrap();
    assert_eq!(
        thing,
        json!({"_id": "t-1", "_createdDate": "2024-08-12T08:12:17.813Z"})
    );

    // Without the field: `None` for an optional answer (a scalar), an error naming it otherwise.
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"etag": "e"})))
        .mount(&server)
        .await;
    let id: Option<String> = update_thing(&server, Some("id")).await.unwrap();
    assert_eq!(id, None);
    #[derive(Debug, serde::Deserialize)]
    struct Thing {
        #[serde(rename = "_id")]
        _id: Option<String>,
    }
    let missing = update_thing::<Thing>(&server, Some("thing"))
        .await
        .unwrap_err();
    assert!(
        matches!(&missing, Error::Decode { message, .. } if message.contains("no `thing`")),
        "{missing:?}"
    );
}
