//! Paged methods as streams: QueryResourceTypes (cursor paging inside `query`) against a local
//! server, in both variants.

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use wix_api::resources::{rest, sdk};
use wix_api::StreamExt;
use wix_api::{Client, Error};

const ROUTE: &str = "/bookings/v2/resources/resource-types/query";

/// Answers by the cursor the request carries: no cursor → page 1, `c2` → page 2, `c3` → page 3.
/// `broken` makes page 2 a 500; `repeat` makes page 2 hand out `c2` again.
struct Pages {
    broken: bool,
    repeat: bool,
}

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let cursor = body["query"]["cursorPaging"]["cursor"]
            .as_str()
            .map(String::from);
        let (page, next) = match cursor.as_deref() {
            None => (1, Some("c2")),
            Some("c2") if self.broken => {
                return ResponseTemplate::new(500).set_body_json(json!({"message": "page 2 broke"}))
            }
            Some("c2") if self.repeat => (2, Some("c2")),
            Some("c2") => (2, Some("c3")),
            Some(_) => (3, None),
        };
        let items: Vec<Value> = (1..=2)
            .map(|i| json!({"id": format!("p{page}-{i}"), "name": format!("room {page}.{i}")}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "resourceTypes": items,
            "pagingMetadata": {"count": 2, "cursors": {"next": next}, "hasNext": next.is_some()}
        }))
    }
}

async fn server(pages: Pages) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ROUTE))
        .respond_with(pages)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

fn first_request() -> rest::QueryResourceTypesRequest {
    serde_json::from_value(json!({"query": {
        "filter": {"name": {"$startsWith": "room"}},
        "sort": [{"fieldName": "name", "order": "ASC"}],
        "cursorPaging": {"limit": 2}
    }}))
    .unwrap()
}

async fn bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test]
async fn three_pages_stream_their_items_and_follow_ups_carry_only_the_cursor_and_limit() {
    let server = server(Pages {
        broken: false,
        repeat: false,
    })
    .await;
    let client = client(&server);
    let items: Vec<rest::ResourceType> = rest::Resources::new(&client)
        .query_resource_types_stream(&first_request())
        .map(Result::unwrap)
        .collect()
        .await;
    let ids: Vec<&str> = items.iter().map(|t| t.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["p1-1", "p1-2", "p2-1", "p2-2", "p3-1", "p3-2"]);
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0], serde_json::to_value(first_request()).unwrap());
    // No filter, no sort: the cursor and the first request's limit.
    assert_eq!(
        sent[1],
        json!({"query": {"cursorPaging": {"cursor": "c2", "limit": 2}}})
    );
    assert_eq!(
        sent[2],
        json!({"query": {"cursorPaging": {"cursor": "c3", "limit": 2}}})
    );
}

#[tokio::test]
async fn the_sdk_variant_pages_alike_and_gives_sdk_names() {
    let server = server(Pages {
        broken: false,
        repeat: false,
    })
    .await;
    let client = client(&server);
    let query: sdk::ResourceTypeQuery =
        serde_json::from_value(json!({"cursorPaging": {"limit": 2}})).unwrap();
    let pages: Vec<sdk::QueryResourceTypesResponse> = sdk::Resources::new(&client)
        .query_resource_types_pages(query)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(pages.len(), 3);
    let first = &pages[0].resource_types.as_ref().unwrap()[0];
    assert_eq!(first.id.as_deref(), Some("p1-1"));
    assert_eq!(serde_json::to_value(first).unwrap()["_id"], "p1-1");
    assert_eq!(
        bodies(&server).await[1],
        json!({"query": {"cursorPaging": {"cursor": "c2", "limit": 2}}})
    );
}

#[tokio::test]
async fn an_error_on_page_two_ends_the_stream_with_that_error() {
    let server = server(Pages {
        broken: true,
        repeat: false,
    })
    .await;
    let client = client(&server);
    let results: Vec<_> = rest::Resources::new(&client)
        .query_resource_types_stream(&first_request())
        .collect()
        .await;
    assert_eq!(results.len(), 3, "two items, then the error, then nothing");
    assert!(results[0].is_ok() && results[1].is_ok());
    let Err(error) = &results[2] else {
        panic!("{:?}", results[2])
    };
    assert_eq!(error.api_error().map(|e| e.status), Some(500));
    assert_eq!(bodies(&server).await.len(), 2);
}

#[tokio::test]
async fn a_server_that_repeats_a_cursor_ends_the_stream_with_an_error() {
    let server = server(Pages {
        broken: false,
        repeat: true,
    })
    .await;
    let client = client(&server);
    let pages: Vec<_> = rest::Resources::new(&client)
        .query_resource_types_pages(&first_request())
        .take(10)
        .collect()
        .await;
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert!(pages[0].is_ok() && pages[1].is_ok());
    let Err(Error::Decode { message, .. }) = &pages[2] else {
        panic!("{:?}", pages[2])
    };
    assert!(message.contains("cursor `c2` a second time"), "{message}");
    assert_eq!(
        bodies(&server).await.len(),
        2,
        "no request after the repeat"
    );
}

/// Offset paging through the runtime (no shared page documents it): `paging {limit, offset}`
/// answered with `pagingMetadata {count, offset, total}`.
#[tokio::test]
async fn offset_paging_moves_the_offset_and_stops_at_the_total() {
    struct Offsets;
    impl Respond for Offsets {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            let offset = body["paging"]["offset"].as_u64().unwrap_or(0);
            let count = 5u64.saturating_sub(offset).min(2);
            ResponseTemplate::new(200).set_body_json(json!({
                "items": (offset..offset + count).collect::<Vec<_>>(),
                "pagingMetadata": {"count": count, "offset": offset, "total": 5}
            }))
        }
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(Offsets)
        .mount(&server)
        .await;
    let client = client(&server);
    let endpoint =
        wixgen_runtime::__rt::Endpoint::post("listThings", "/things/list").idempotent(true);
    let request = json!({"filter": {"kind": "a"}, "paging": {"limit": 2}});
    let pages: Vec<Value> = client
        .pages::<Value, Value, wix_api::resources::rest::QueryResourceTypesError>(
            endpoint,
            wixgen_runtime::__rt::Paging::Offset(&["paging"]),
            &request,
        )
        .map(Result::unwrap)
        .collect()
        .await;
    let items: Vec<Value> = pages
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap().clone())
        .collect();
    assert_eq!(items, [0, 1, 2, 3, 4].map(Value::from));
    let sent = bodies(&server).await;
    assert_eq!(sent.len(), 3);
    // The filter stays: offset paging asks for the same query further on.
    assert_eq!(
        sent[2],
        json!({"filter": {"kind": "a"}, "paging": {"limit": 2, "offset": 4}})
    );
}
