//! Query builders on the wire: QueryResourceTypes's builder (cursor paging inside `query`)
//! against a local server: the query object sent, the page read, the next page by cursor.

use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use wix_api::resources::sdk::{ResourceTypeField, Resources};
use wix_api::Client;

const ROUTE: &str = "/bookings/v2/resources/resource-types/query";

/// Page 1 without a cursor (next cursor `c2`), page 2 for `c2` (no next cursor).
struct Pages;

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let second = body["query"]["cursorPaging"]["cursor"] == "c2";
        let (id, cursors) = if second {
            ("r2", json!({"prev": "c1"}))
        } else {
            ("r1", json!({"next": "c2"}))
        };
        ResponseTemplate::new(200).set_body_json(json!({
            "resourceTypes": [{"id": id, "name": "room", "createdDate": "2025-01-06T14:05:05.105Z"}],
            "pagingMetadata": {"count": 1, "cursors": cursors},
        }))
    }
}

#[tokio::test]
async fn the_builder_sends_the_query_and_pages_by_cursor() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ROUTE))
        .respond_with(Pages)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let since: wix_api::Timestamp = "2025-01-03T11:02:02.102Z".parse().unwrap();
    let page = Resources::new(&client)
        .query_resource_types_builder()
        .eq(ResourceTypeField::Id, "r1")
        .ge(ResourceTypeField::CreatedDate, since)
        .is_in(ResourceTypeField::Name, ["room", "hall"])
        .ascending(ResourceTypeField::CreatedDate)
        .limit(2)
        .find()
        .await
        .unwrap();

    let sent = server.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(
        body,
        json!({"query": {
            "filter": {"$and": [
                {"id": "r1"},
                {"createdDate": {"$gte": "2025-01-03T11:02:02.102Z"}},
                {"name": {"$in": ["room", "hall"]}},
            ]},
            "cursorPaging": {"limit": 2},
            "sort": [{"fieldName": "createdDate", "order": "ASC"}],
        }})
    );
    assert_eq!(page.length(), 1);
    assert_eq!(page.items()[0].id.as_deref(), Some("r1"));
    assert!(
        page.items()[0].created_date.is_some(),
        "dates decode in SDK names"
    );
    assert_eq!((page.page_size(), page.next_cursor()), (2, Some("c2")));
    assert!(page.has_next() && !page.has_prev());

    let next = page.next().await.unwrap().expect("a next page");
    let sent = server.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(
        body,
        json!({"query": {"cursorPaging": {"limit": 2, "cursor": "c2"}}})
    );
    assert_eq!(next.items()[0].id.as_deref(), Some("r2"));
    assert!(!next.has_next() && next.has_prev());
    assert!(next.next().await.unwrap().is_none());
}

#[tokio::test]
async fn an_unlisted_field_goes_by_its_path() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ROUTE))
        .respond_with(Pages)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    Resources::new(&client)
        .query_resource_types_builder()
        .eq(ResourceTypeField::Path("tags._id"), "t")
        .find()
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(
        body,
        json!({"query": {
            "filter": {"$and": [{"tags.id": "t"}]},
            "cursorPaging": {"limit": 50}
        }})
    );
}
