//! Typed mocks as a user's tests use them: the client pointed at a `MockServer`, calls of REST
//! and SDK methods answered with typed responses and typed errors, calls that match no
//! expectation, and call counts.

// Values are built as code outside the crate must build `#[non_exhaustive]` types: from
// `Default`, then field by field.
#![allow(clippy::field_reassign_with_default)]

use wix_api::referral_program::{rest, sdk};
use wix_api::resources::{rest as resources_rest, sdk as resources_sdk};
use wix_api::{ApiError, Error, MockServer, TryStreamExt};

fn referred_friend_response(id: &str) -> rest::CreateReferredFriendResponse {
    let mut friend = rest::ReferredFriend::default();
    friend.id = Some(id.into());
    friend.status = Some(rest::Status::SignUpCompleted);
    let mut response = rest::CreateReferredFriendResponse::default();
    response.referred_friend = Some(friend);
    response
}

fn request_with_code(code: &str) -> rest::CreateReferredFriendRequest {
    let mut request = rest::CreateReferredFriendRequest::default();
    request.referral_code = Some(code.into());
    request
}

#[tokio::test]
async fn a_rest_call_gets_the_typed_response_its_request_matches() {
    let server = MockServer::start().await;
    let expected = server.expect(
        rest::mock::create_referred_friend()
            .when(|request| request.referral_code.as_deref() == Some("9zb9"))
            .respond(referred_friend_response("friend-1")),
    );
    let client = server.client();

    let response = rest::ReferralProgram::new(&client)
        .create_referred_friend(&request_with_code("9zb9"))
        .await
        .unwrap();

    assert_eq!(response, referred_friend_response("friend-1"));
    assert_eq!(expected.calls(), 1);
}

#[tokio::test]
async fn an_sdk_call_gets_its_sdk_typed_response_back_as_given() {
    let server = MockServer::start().await;
    let created: wix_api::Timestamp = "2024-05-01T10:00:00.123Z".parse().unwrap();
    let mut friend = sdk::ReferredFriend::default();
    friend.id = Some("friend-2".into());
    friend.created_date = Some(created);
    let mut answer = sdk::CreateReferredFriendResponse::default();
    answer.referred_friend = Some(friend);
    // SDK calls travel REST-shaped: they are matched on the REST request type.
    server.expect(
        sdk::mock::create_referred_friend()
            .when(|request: &rest::CreateReferredFriendRequest| {
                request.referral_code.as_deref() == Some("sdk-code")
            })
            .respond(answer.clone())
            .times(1),
    );
    let client = server.client();
    let mut options = sdk::CreateReferredFriendOptions::default();
    options.referral_code = Some("sdk-code".into());

    let response = sdk::ReferralProgram::new(&client)
        .create_referred_friend(options)
        .await
        .unwrap();

    assert_eq!(response, answer);
}

#[tokio::test]
async fn a_typed_error_comes_back_as_the_same_variant() {
    let server = MockServer::start().await;
    server.expect(rest::mock::create_referred_friend().fail(
        rest::CreateReferredFriendError::MemberNotEligible(ApiError::mocked("already referred")),
    ));
    let client = server.client();

    let error = rest::ReferralProgram::new(&client)
        .create_referred_friend(&request_with_code("any"))
        .await
        .unwrap_err();

    let Error::Api(rest::CreateReferredFriendError::MemberNotEligible(api)) = error else {
        panic!("not the documented variant: {error:?}");
    };
    assert_eq!(api.status, 428);
    assert_eq!(api.message, "already referred");
    assert_eq!(api.application_code(), Some("MEMBER_NOT_ELIGIBLE"));
}

#[tokio::test]
async fn expectations_answer_in_turn_and_count_their_calls() {
    let server = MockServer::start().await;
    let first = server.expect(
        rest::mock::create_referred_friend()
            .respond(referred_friend_response("first"))
            .times(1),
    );
    let then = server
        .expect(rest::mock::create_referred_friend().respond(referred_friend_response("then")));
    let client = server.client();
    let program = rest::ReferralProgram::new(&client);

    let mut ids = Vec::new();
    for _ in 0..3 {
        let response = program
            .create_referred_friend(&request_with_code("x"))
            .await
            .unwrap();
        ids.push(response.referred_friend.and_then(|f| f.id).unwrap());
    }

    assert_eq!(ids, ["first", "then", "then"]);
    assert_eq!((first.calls(), then.calls()), (1, 2));
    server.verify();
}

#[tokio::test]
async fn a_paged_sdk_stream_reads_mocked_pages() {
    let server = MockServer::start().await;
    let mut resource_type = resources_sdk::ResourceType::default();
    resource_type.id = Some("type-1".into());
    resource_type.name = Some("Rooms".into());
    let mut page = resources_sdk::QueryResourceTypesResponse::default();
    page.resource_types = Some(vec![resource_type.clone()]);
    server.expect(
        resources_sdk::mock::query_resource_types()
            .when(|request: &resources_rest::QueryResourceTypesRequest| {
                let paging = request
                    .query
                    .as_ref()
                    .and_then(|q| q.cursor_paging.as_ref());
                paging.and_then(|p| p.limit) == Some(10)
            })
            .respond(page),
    );
    let client = server.client();
    let mut paging = resources_sdk::CursorPaging::default();
    paging.limit = Some(10);
    let mut query = resources_sdk::ResourceTypeQuery::default();
    query.cursor_paging = Some(paging);

    let items: Vec<_> = resources_sdk::Resources::new(&client)
        .query_resource_types_stream(query)
        .try_collect()
        .await
        .unwrap();

    assert_eq!(items, [resource_type]);
}

#[tokio::test]
#[should_panic(
    expected = "a call matched no expectation: POST /referral_friends/v1/referred-friends"
)]
async fn a_call_matching_no_expectation_fails_with_what_was_called() {
    let server = MockServer::start().await;
    server.expect(
        rest::mock::create_referred_friend()
            .when(|request| request.referral_code.as_deref() == Some("expected"))
            .respond(referred_friend_response("never"))
            .times(0),
    );
    let client = server.client();

    let error = rest::ReferralProgram::new(&client)
        .create_referred_friend(&request_with_code("unexpected"))
        .await
        .unwrap_err();

    // The call itself says what happened; the server's drop then fails the test.
    let message = error.to_string();
    assert!(
        message.contains("no mock expectation matched POST"),
        "{message}"
    );
    assert!(
        message.contains(r#""referralCode":"unexpected""#),
        "{message}"
    );
    assert!(message.contains("`createReferredFriend`"), "{message}");
}

#[tokio::test]
#[should_panic(expected = "was expected 2 time(s) and called 1 time(s)")]
async fn too_few_calls_fail_the_test() {
    let server = MockServer::start().await;
    server.expect(
        rest::mock::create_referred_friend()
            .respond(referred_friend_response("once"))
            .times(2),
    );
    let client = server.client();
    rest::ReferralProgram::new(&client)
        .create_referred_friend(&request_with_code("x"))
        .await
        .unwrap();
}

#[path = "../runtime/tests/support/mod.rs"]
mod support;

/// An SDK method returning one field of its answer: the mock is given that field and sends the
/// whole answer, which the client takes the field out of again.
#[tokio::test]
async fn a_mock_of_an_sdk_method_returning_one_field_sends_it_inside_the_answer() {
    use serde_json::{json, Value};
    use wixgen_runtime::__rt::{Endpoint, SdkRequest};
    const ENDPOINT: Endpoint = Endpoint::post("createThing", "/things/v1/things");
    let server = MockServer::start().await;
    server.expect(
        wix_api::MethodMock::<Value, Value, support::AnyError>::sdk(ENDPOINT, None)
            .answer_field("thing")
            .respond(json!({"_id": "t-1"})),
    );
    let client = server.client();
    let thing: Value = client
        .call_sdk::<Value, support::AnyError>(
            &ENDPOINT,
            SdkRequest::new(),
            None,
            None,
            Some("thing"),
        )
        .await
        .unwrap();
    assert_eq!(thing, json!({"_id": "t-1"}));
}
