//! The SDK-naming bindings against what Wix's own JavaScript SDK sent and returned
//! (`../shared/sdk-oracle`, see its README): for every recorded case, the same request body on
//! the wire and the same decoded result (dates compared as instants).
//!
//! Deliberate differences, each normalised below with its reason:
//! - a `null` the caller passes (`cursorPaging.cursor: null`, qrt1) is not sent: Rust's
//!   `Option` has one "nothing", and Wix reads an absent field and a null one alike;
//! - a `null` in the answer (`cursors.prev: null`, `updatedDate: null`) decodes to `None`, which
//!   is not serialized back: the JS SDK keeps some nulls and drops others;
//! - timestamps keep the precision the server sent (`.123456Z`); JavaScript's `Date` keeps
//!   milliseconds, so instants are compared to the millisecond.

// The tests are named after the case files.
#![allow(non_snake_case)]

use serde::Serialize;
use serde_json::Value;
use std::path::PathBuf;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use wix_api::{referral_program, resources, time_slots, Client};

fn oracle_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("WIXGEN_SDK_ORACLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/sdk-oracle")
        });
    if dir.is_dir() {
        return Some(dir);
    }
    eprintln!(
        "SKIPPED sdk_oracle: {} is absent (set WIXGEN_SDK_ORACLE to the recorded cases to run it)",
        dir.display()
    );
    None
}

fn arg<T: serde::de::DeserializeOwned>(args: &[Value], index: usize) -> T {
    serde_json::from_value(args.get(index).cloned().unwrap_or(Value::Null))
        .unwrap_or_else(|e| panic!("argument {index} does not fit the Rust type: {e}"))
}

fn json<T: Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Calls the SDK-naming method a case names with its arguments; returns the decoded result.
async fn call(client: &Client, method: &str, args: &[Value]) -> Value {
    match method {
        "createReferredFriend" => json(
            referral_program::sdk::ReferralProgram::new(client)
                .create_referred_friend(arg::<
                    Option<referral_program::sdk::CreateReferredFriendOptions>,
                >(args, 0))
                .await
                .unwrap(),
        ),
        "getAvailabilityTimeSlot" => json(
            time_slots::sdk::TimeSlots::new(client)
                .get_availability_time_slot(
                    arg::<String>(args, 0),
                    arg::<String>(args, 1),
                    arg::<String>(args, 2),
                    arg::<String>(args, 3),
                    arg(args, 4),
                    arg::<Option<time_slots::sdk::GetAvailabilityTimeSlotOptions>>(args, 5),
                )
                .await
                .unwrap(),
        ),
        // The JS function's second argument (`options`, always `{}` here) has no fields: the
        // Rust method takes the query alone.
        "queryResourceTypes" => json(
            resources::sdk::Resources::new(client)
                .query_resource_types(arg(args, 0))
                .await
                .unwrap(),
        ),
        other => panic!("no Rust method for `{other}`: add it here"),
    }
}

/// Nulls removed at every depth (see the module's note).
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// The value at a path such as `resourceTypes[0]._createdDate`.
fn at_path<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    path.split('.').try_fold(value, |value, segment| {
        let (key, index) = match segment.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let value = value.get_mut(key)?;
        match index {
            Some(i) => value.get_mut(i),
            None => Some(value),
        }
    })
}

/// Dates at `paths` as milliseconds since the epoch, so that they compare as instants.
fn dates_as_instants(value: &mut Value, paths: &[String]) {
    for path in paths {
        if let Some(date) = at_path(value, path) {
            let text = date
                .as_str()
                .unwrap_or_else(|| panic!("{path}: not a date: {date}"));
            let instant = chrono::DateTime::parse_from_rfc3339(text)
                .unwrap_or_else(|e| panic!("{path}: `{text}`: {e}"));
            *date = Value::from(instant.timestamp_millis());
        }
    }
}

/// The recorded cases, each a test of its own below.
const CASES: [&str; 8] = [
    "crf1_rules_only",
    "ex_getAvailabilityTimeSlot_1",
    "ex_getAvailabilityTimeSlot_2",
    "ex_queryResourceTypes_1",
    "ex_queryResourceTypes_2",
    "gats2_all_fields",
    "qrt1_null_cursor",
    "qrt2_filter_sort_ids",
];

/// Replays one case: its arguments through the Rust SDK method, its answer from a local server.
async fn replay(name: &str) {
    let Some(dir) = oracle_dir() else { return };
    let text = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    let case: Value = serde_json::from_str(&text).unwrap();
    let sent = &case["rest_request_sent_by_js_sdk"];
    let server = MockServer::start().await;
    Mock::given(method(sent["method"].as_str().unwrap()))
        .respond_with(ResponseTemplate::new(200).set_body_json(&case["rest_response"]))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    let args = case["sdk_arguments"].as_array().unwrap();
    let mut result = call(&client, case["method"].as_str().unwrap(), args).await;

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{name}");
    let request = &requests[0];
    assert_eq!(request.method.as_str(), sent["method"], "{name}");
    assert_eq!(request.url.path(), sent["path"], "{name}");
    assert_eq!(
        sent["query"],
        Value::Array(Vec::new()),
        "{name}: POSTs carry no query"
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        without_nulls(&sent["body"]),
        "{name}: the request body"
    );

    let mut expected = without_nulls(&case["sdk_result_returned_by_js_sdk"]);
    let paths: Vec<String> =
        serde_json::from_value(case["sdk_result_date_paths"].clone()).unwrap_or_default();
    dates_as_instants(&mut expected, &paths);
    result = without_nulls(&result);
    dates_as_instants(&mut result, &paths);
    assert_eq!(result, expected, "{name}: the decoded result");
}

#[test]
fn every_recorded_case_has_its_test() {
    let Some(dir) = oracle_dir() else { return };
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(
        found,
        CASES,
        "a new case in {}: add a test for it",
        dir.display()
    );
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                replay(stringify!($name)).await;
            }
        )*
    };
}

cases!(
    crf1_rules_only,
    ex_getAvailabilityTimeSlot_1,
    ex_getAvailabilityTimeSlot_2,
    ex_queryResourceTypes_1,
    ex_queryResourceTypes_2,
    gats2_all_fields,
    qrt1_null_cursor,
    qrt2_filter_sort_ids,
);
