//! What the Rust side did against what the JS SDK did: every difference with its JSON path,
//! and the deliberate differences ([`Rule`]) that explain the rest.

use super::corpus::SentRequest;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use wixgen::schema::SDK_RENAMES;

/// Which generated method a difference comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    Sdk,
    Rest,
}

/// What differs: the request sent or the value returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Request,
    Result,
}

/// One difference; `"<<absent>>"` stands for a key one side does not have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub variant: Variant,
    pub side: Side,
    pub path: String,
    pub js: Value,
    pub rust: Value,
}

/// What a report writes for a key one side does not have.
pub const ABSENT: &str = "<<absent>>";

/// A deliberate difference: where the bindings do better than the JS SDK on purpose. Each is
/// documented, with its reason, in the README's section on recorded JS-SDK calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// A path value is percent-encoded as a path segment; the JS SDK inserts it raw.
    PathValuePercentEncoded,
    /// A request whose path value is missing is refused; the JS SDK sends `undefined`.
    MissingPathValueRefused,
    /// A request missing a path its method documents as required is refused; the JS SDK sends
    /// it for the server to refuse.
    RequiredPathRefused,
    /// A `null` the caller passes is not sent.
    CallerNullNotSent,
    /// A `null` in the answer decodes to "absent" and is not written back.
    AnswerNullIsAbsent,
    /// Instants compare to the millisecond, the precision of a JavaScript `Date`.
    InstantToTheMillisecond,
    /// A method that returns nothing returns `()`, where the JS SDK returns `undefined` or the
    /// empty answer `{}`.
    NothingReturnedIsUnit,
    /// A GET the JS SDK sends as `.r` goes as the same flat parameters: the page does not say
    /// which methods the SDK declares complex, and flat parameters carry this request whole.
    QueryFlatWhereItFits,
    /// A list of objects in a GET goes as `.r`; the JS SDK leaves it out of the query.
    QueryListOfObjectsKept,
    /// A number the JS SDK computes as `NaN` (pages of an uncounted total) is `None`.
    NanIsNone,
    /// An offset page without a total has a next page when the answer says `hasNext`; the JS
    /// SDK counts pages from the total only.
    OffsetHasNextFromTheAnswer,
    /// A request key the JS SDK leaves in its SDK name (`_id` inside rich content, in some
    /// methods) goes in the REST name, the only one REST reads.
    RequestInRestNames,
    /// Media with nothing to convert (no id, no url) is `null` in a list of media strings; the
    /// JS SDK writes its `undefined` there as the string `"undefined"`.
    MediaWithoutIdIsNullInAList,
    /// A media value or page URL in a field no listing of the method names travels and returns
    /// as given: the JS SDK converts it by typings the page does not show.
    UnlistedMediaAsGiven,
}

impl Rule {
    /// Every rule (the README documents each).
    #[cfg_attr(not(test), allow(dead_code))]
    pub const ALL: [Rule; 14] = [
        Rule::PathValuePercentEncoded,
        Rule::MissingPathValueRefused,
        Rule::RequiredPathRefused,
        Rule::CallerNullNotSent,
        Rule::AnswerNullIsAbsent,
        Rule::InstantToTheMillisecond,
        Rule::NothingReturnedIsUnit,
        Rule::QueryFlatWhereItFits,
        Rule::QueryListOfObjectsKept,
        Rule::NanIsNone,
        Rule::OffsetHasNextFromTheAnswer,
        Rule::RequestInRestNames,
        Rule::MediaWithoutIdIsNullInAList,
        Rule::UnlistedMediaAsGiven,
    ];

    /// The rule's name in reports and in the README.
    pub fn name(self) -> &'static str {
        match self {
            Rule::PathValuePercentEncoded => "path-value-percent-encoded",
            Rule::MissingPathValueRefused => "missing-path-value-refused",
            Rule::RequiredPathRefused => "required-path-refused",
            Rule::CallerNullNotSent => "caller-null-not-sent",
            Rule::AnswerNullIsAbsent => "answer-null-is-absent",
            Rule::InstantToTheMillisecond => "instant-to-the-millisecond",
            Rule::NothingReturnedIsUnit => "nothing-returned-is-unit",
            Rule::QueryFlatWhereItFits => "query-flat-where-it-fits",
            Rule::QueryListOfObjectsKept => "query-list-of-objects-kept",
            Rule::NanIsNone => "nan-is-none",
            Rule::OffsetHasNextFromTheAnswer => "offset-has-next-from-the-answer",
            Rule::RequestInRestNames => "request-in-rest-names",
            Rule::MediaWithoutIdIsNullInAList => "media-without-id-is-null-in-a-list",
            Rule::UnlistedMediaAsGiven => "unlisted-media-as-given",
        }
    }
}

/// The differences found so far and the rules that explained others.
#[derive(Debug, Default)]
pub struct Comparison {
    pub differences: Vec<Difference>,
    pub rules: BTreeSet<Rule>,
}

impl Comparison {
    fn differ(&mut self, variant: Variant, side: Side, path: &str, js: Value, rust: Value) {
        self.differences.push(Difference {
            variant,
            side,
            path: path.to_string(),
            js,
            rust,
        });
    }

    /// The request the Rust side sent (`None`: none, because of `refusal`) against the JS one.
    pub fn request(
        &mut self,
        variant: Variant,
        js: &SentRequest,
        rust: Option<&SentRequest>,
        refusal: Option<&str>,
    ) {
        let side = Side::Request;
        let Some(rust) = rust else {
            let missing_path_value = js.path.split('/').any(|s| s == "undefined");
            // The runtime's words for a documented required path left out (`client.rs`).
            let required_path = refusal.is_some_and(|r| r.contains("` is required (`"));
            if missing_path_value && refusal.is_some() {
                self.rules.insert(Rule::MissingPathValueRefused);
            } else if required_path {
                self.rules.insert(Rule::RequiredPathRefused);
            } else {
                let refusal = format!("<<not sent: {}>>", refusal.unwrap_or("no request"));
                let js = serde_json::to_value(js).unwrap_or_default();
                self.differ(variant, side, "request", js, refusal.into());
            }
            return;
        };
        if js.method != rust.method {
            let (a, b) = (js.method.clone().into(), rust.method.clone().into());
            self.differ(variant, side, "method", a, b);
        }
        if js.path != rust.path {
            let decoded = percent_encoding::percent_decode_str(&rust.path).decode_utf8_lossy();
            if decoded == js.path {
                self.rules.insert(Rule::PathValuePercentEncoded);
            } else {
                let (a, b) = (js.path.clone().into(), rust.path.clone().into());
                self.differ(variant, side, "path", a, b);
            }
        }
        self.query(variant, &js.query, &rust.query);
        self.json(variant, side, "body", &js.body, &rust.body);
    }

    /// Query pairs compare key by key: the order of keys is the order of a JS object's fields and
    /// says nothing, while the values of a repeated key keep their order (an array's). A `.r`
    /// parameter compares as the JSON it holds.
    fn query(&mut self, variant: Variant, js: &[(String, String)], rust: &[(String, String)]) {
        if let Some(rule) = same_query_otherwise_encoded(js, rust) {
            self.rules.insert(rule);
            return;
        }
        let (js, rust) = (by_key(js), by_key(rust));
        let keys: BTreeSet<&String> = js.keys().chain(rust.keys()).collect();
        for key in keys {
            let path = format!("query.{key}");
            let (a, b) = (js.get(key), rust.get(key));
            if a == b {
                continue;
            }
            if key == ".r" {
                let decoded = |v: Option<&Vec<String>>| match v.map(Vec::as_slice) {
                    Some([one]) => super::query::decode_r(one),
                    _ => None,
                };
                if let (Some(a), Some(b)) = (decoded(a), decoded(b)) {
                    self.json(variant, Side::Request, &path, &a, &b);
                    continue;
                }
            }
            let list =
                |v: Option<&Vec<String>>| v.map_or(ABSENT.into(), |v| Value::from(v.clone()));
            self.differ(variant, Side::Request, &path, list(a), list(b));
        }
    }

    /// The value the Rust method returned against the JS one (`rust` is `Err` when the method
    /// failed; `returns_nothing` for a method whose page declares no answer, which returns `()`).
    pub fn result(
        &mut self,
        variant: Variant,
        js: &Value,
        rust: Result<&Value, &str>,
        returns_nothing: bool,
    ) {
        match rust {
            // Only an empty answer: a JS value holding anything is still compared (and differs).
            Ok(Value::Null) if returns_nothing && is_empty_object(js) => {
                self.rules.insert(Rule::NothingReturnedIsUnit);
            }
            Ok(rust) => self.json(variant, Side::Result, "result", js, rust),
            Err(error) => {
                let error = format!("<<error: {error}>>");
                self.differ(variant, Side::Result, "result", js.clone(), error.into());
            }
        }
    }

    /// JSON equality with key order aside, numbers by value and instants as instants.
    pub fn json(&mut self, variant: Variant, side: Side, path: &str, js: &Value, rust: &Value) {
        match (js, rust) {
            (Value::Object(a), Value::Object(b)) => self.objects(variant, side, path, a, b),
            (Value::Array(a), Value::Array(b)) => {
                for index in 0..a.len().max(b.len()) {
                    let path = format!("{path}[{index}]");
                    match (a.get(index), b.get(index)) {
                        // No media string is `"undefined"`: it is JavaScript's `undefined`
                        // written as text, where Rust keeps the element as `null`.
                        (Some(Value::String(undefined)), Some(Value::Null))
                            if side == Side::Result && undefined == "undefined" =>
                        {
                            self.rules.insert(Rule::MediaWithoutIdIsNullInAList);
                        }
                        (Some(x), Some(y)) => self.json(variant, side, &path, x, y),
                        (x, y) => {
                            let absent = || Value::from(ABSENT);
                            let (x, y) = (
                                x.cloned().unwrap_or_else(absent),
                                y.cloned().unwrap_or_else(absent),
                            );
                            self.differ(variant, side, &path, x, y);
                        }
                    }
                }
            }
            (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
            (Value::String(a), Value::String(b)) if a != b => match same_instant(a, b) {
                Some(Precision::Full) => {}
                Some(Precision::Millisecond) => {
                    self.rules.insert(Rule::InstantToTheMillisecond);
                }
                None => self.differ(variant, side, path, js.clone(), rust.clone()),
            },
            (a, b) if a == b => {}
            _ if variant == Variant::Sdk && same_media_in_the_other_form(side, js, rust) => {
                self.rules.insert(Rule::UnlistedMediaAsGiven);
            }
            _ => self.differ(variant, side, path, js.clone(), rust.clone()),
        }
    }

    fn objects(
        &mut self,
        variant: Variant,
        side: Side,
        path: &str,
        js: &Map<String, Value>,
        rust: &Map<String, Value>,
    ) {
        let mut keys: BTreeSet<&String> = js.keys().chain(rust.keys()).collect();
        if side == Side::Request {
            // The same value under the SDK name in JS, under the REST name in Rust only.
            for (sdk, rest) in SDK_RENAMES {
                if let (Some(a), Some(b)) = (only(js, sdk, rest), only(rust, rest, sdk)) {
                    if a == b {
                        self.rules.insert(Rule::RequestInRestNames);
                        keys.retain(|k| k.as_str() != sdk && k.as_str() != rest);
                    }
                }
            }
        }
        for key in keys {
            let path = format!("{path}.{key}");
            match (js.get(key), rust.get(key)) {
                (Some(Value::Bool(false)), Some(Value::Bool(true)))
                    if side == Side::Result
                        && key == "hasNext"
                        && js.contains_key("currentPage")
                        && !js.contains_key("totalCount") =>
                {
                    self.rules.insert(Rule::OffsetHasNextFromTheAnswer);
                }
                (Some(a), Some(b)) => self.json(variant, side, &path, a, b),
                (Some(Value::Null), None) => {
                    self.rules.insert(match side {
                        Side::Request => Rule::CallerNullNotSent,
                        Side::Result => Rule::AnswerNullIsAbsent,
                    });
                }
                // `<<number NaN>>`, unmarked.
                (Some(Value::String(nan)), None) if side == Side::Result && nan == "NaN" => {
                    self.rules.insert(Rule::NanIsNone);
                }
                (Some(a), None) => self.differ(variant, side, &path, a.clone(), ABSENT.into()),
                (None, Some(b)) => self.differ(variant, side, &path, ABSENT.into(), b.clone()),
                (None, None) => {}
            }
        }
    }
}

/// Whether `rust` is the media value or page URL `js` is, in the other form: the SDK's string
/// where the JS SDK sent REST's object (a request), or REST's object where it returned the SDK's
/// string (a result), as the runtime's own conversions read them.
fn same_media_in_the_other_form(side: Side, js: &Value, rust: &Value) -> bool {
    use std::sync::OnceLock;
    use wixgen_runtime::__rt::{sdk_names_to_rest, Conversion, Shape, ShapeField};
    // One shape per conversion, converting the key `v`.
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        Conversion::ALL
            .iter()
            .map(|&conversion| Shape {
                fields: Vec::leak(vec![ShapeField::converted("v", "v", conversion, None)]),
            })
            .collect()
    });
    let (sdk, rest) = match side {
        Side::Request => (rust, js),
        Side::Result => (js, rust),
    };
    if !sdk.is_string() || !rest.is_object() {
        return false;
    }
    shapes.iter().any(|shape| match side {
        Side::Request => {
            let mut value = serde_json::json!({ "v": sdk });
            shape.to_rest(&mut value);
            value["v"] == *rest
        }
        Side::Result => {
            let mut value = serde_json::json!({ "v": rest });
            sdk_names_to_rest(&mut value);
            shape.to_sdk(&mut value);
            value["v"] == *sdk
        }
    })
}

/// The value of `key` in a map that has no `other`.
fn only<'a>(map: &'a Map<String, Value>, key: &str, other: &str) -> Option<&'a Value> {
    map.get(key).filter(|_| !map.contains_key(other))
}

fn is_empty_object(value: &Value) -> bool {
    value.as_object().is_some_and(Map::is_empty)
}

/// The deliberate difference that explains one side sending `.r` where the other sends flat
/// parameters: JS `.r` holding just what Rust sent flat, or Rust `.r` holding what JS sent
/// flat plus the lists of objects JS left out.
fn same_query_otherwise_encoded(
    js: &[(String, String)],
    rust: &[(String, String)],
) -> Option<Rule> {
    let dot_r = |pairs: &[(String, String)]| match pairs {
        [(key, value)] if key == ".r" => super::query::decode_r(value),
        _ => None,
    };
    match (dot_r(js), dot_r(rust)) {
        (Some(js_json), None) => {
            let (flat, _) = flat_pairs(&js_json);
            (flat == by_key(rust)).then_some(Rule::QueryFlatWhereItFits)
        }
        (None, Some(rust_json)) => {
            let (flat, dropped) = flat_pairs(&rust_json);
            (dropped && flat == by_key(js)).then_some(Rule::QueryListOfObjectsKept)
        }
        _ => None,
    }
}

/// A request as the JS SDK's `toURLSearchParams` flattens it: dotted keys, scalars as text,
/// nulls and empty containers left out, lists of objects dropped (and said so).
fn flat_pairs(value: &Value) -> (BTreeMap<String, Vec<String>>, bool) {
    fn walk(key: &str, value: &Value, out: &mut BTreeMap<String, Vec<String>>, dropped: &mut bool) {
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        match value {
            Value::Object(map) => {
                for (name, inner) in map {
                    let path = if key.is_empty() {
                        name.clone()
                    } else {
                        format!("{key}.{name}")
                    };
                    walk(&path, inner, out, dropped);
                }
            }
            Value::Array(items) => {
                for item in items {
                    match text(item) {
                        Some(t) => out.entry(key.to_string()).or_default().push(t),
                        None => *dropped |= !item.is_null(),
                    }
                }
            }
            scalar => {
                if let Some(t) = text(scalar) {
                    out.entry(key.to_string()).or_default().push(t);
                }
            }
        }
    }
    let (mut out, mut dropped) = (BTreeMap::new(), false);
    walk("", value, &mut out, &mut dropped);
    (out, dropped)
}

fn by_key(pairs: &[(String, String)]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in pairs {
        map.entry(key.clone()).or_default().push(value.clone());
    }
    map
}

/// How far two instants agree.
enum Precision {
    Full,
    Millisecond,
}

/// Whether two RFC 3339 texts are the same instant, exactly or to the millisecond.
fn same_instant(a: &str, b: &str) -> Option<Precision> {
    let a = chrono::DateTime::parse_from_rfc3339(a).ok()?;
    let b = chrono::DateTime::parse_from_rfc3339(b).ok()?;
    if a == b {
        Some(Precision::Full)
    } else if a.timestamp_millis() == b.timestamp_millis() {
        Some(Precision::Millisecond)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn compare(js: Value, rust: Value) -> Comparison {
        let mut comparison = Comparison::default();
        comparison.json(Variant::Sdk, Side::Result, "result", &js, &rust);
        comparison
    }

    #[test]
    fn every_rule_is_documented_in_the_readme() {
        let readme = include_str!("../../../README.md");
        for rule in Rule::ALL {
            assert!(
                readme.contains(&format!("| `{}` |", rule.name())),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn key_order_and_number_form_do_not_count() {
        let c = compare(
            json!({"a": 1, "b": [1.0, "x"]}),
            json!({"b": [1, "x"], "a": 1.0}),
        );
        assert!(c.differences.is_empty() && c.rules.is_empty());
    }

    #[test]
    fn every_difference_has_its_path() {
        let c = compare(
            json!({"a": {"b": [1, 2]}, "c": "x"}),
            json!({"a": {"b": [1, 3, 4]}, "d": "x"}),
        );
        let paths: Vec<&str> = c.differences.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            ["result.a.b[1]", "result.a.b[2]", "result.c", "result.d"]
        );
        assert_eq!(c.differences[2].rust, json!(ABSENT));
    }

    #[test]
    fn instants_compare_as_instants_and_the_millisecond_is_a_rule() {
        let c = compare(
            json!("2024-08-12T08:12:17.000Z"),
            json!("2024-08-12T08:12:17Z"),
        );
        assert!(c.differences.is_empty() && c.rules.is_empty());
        let c = compare(
            json!("2024-08-12T08:12:17.813Z"),
            json!("2024-08-12T08:12:17.813456Z"),
        );
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::InstantToTheMillisecond]));
        let c = compare(
            json!("2024-08-12T08:12:17.813Z"),
            json!("2024-08-12T08:12:17.814Z"),
        );
        assert_eq!(c.differences.len(), 1);
    }

    #[test]
    fn nulls_left_out_are_rules_and_nulls_added_are_differences() {
        let c = compare(json!({"a": null}), json!({}));
        assert_eq!(c.rules, BTreeSet::from([Rule::AnswerNullIsAbsent]));
        let c = compare(json!({}), json!({"a": null}));
        assert_eq!(c.differences.len(), 1);
    }

    #[test]
    fn an_sdk_name_sent_in_its_rest_name_is_a_rule_only_in_requests_and_for_the_same_value() {
        let request = |js: Value, rust: Value| {
            let mut c = Comparison::default();
            c.json(Variant::Sdk, Side::Request, "body", &js, &rust);
            c
        };
        let c = request(
            json!({"metadata": {"_id": "m"}}),
            json!({"metadata": {"id": "m"}}),
        );
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::RequestInRestNames]));
        let c = request(
            json!({"metadata": {"_id": "m"}}),
            json!({"metadata": {"id": "n"}}),
        );
        assert_eq!(c.differences.len(), 2);
        // Rust keeping the SDK name is a difference; so is the same in an answer.
        let c = request(
            json!({"metadata": {"id": "m"}}),
            json!({"metadata": {"_id": "m"}}),
        );
        assert_eq!(c.differences.len(), 2);
        let c = compare(
            json!({"metadata": {"_id": "m"}}),
            json!({"metadata": {"id": "m"}}),
        );
        assert_eq!(c.differences.len(), 2);
    }

    #[test]
    fn an_undefined_list_element_against_null_is_a_rule_and_nothing_else_is() {
        let c = compare(
            json!({"assets": ["undefined", "wix:audio://v1/a"]}),
            json!({"assets": [null, "wix:audio://v1/a"]}),
        );
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::MediaWithoutIdIsNullInAList]));
        let c = compare(json!({"assets": ["name-1"]}), json!({"assets": [null]}));
        assert_eq!(c.differences.len(), 1, "a real string lost is a difference");
        let c = compare(json!({"asset": "undefined"}), json!({"asset": null}));
        assert_eq!(
            c.differences.len(),
            1,
            "outside a list the JS SDK leaves the key out"
        );
        assert!(c.rules.is_empty());
    }

    #[test]
    fn media_in_the_other_form_is_a_rule_and_other_media_a_difference() {
        let image = "wix:image://v1/i1/a.jpg#originWidth=2&originHeight=1";
        let rest = json!({"id": "i1", "height": 1, "width": 2, "altText": "a.jpg",
            "filename": "a.jpg", "url": image});
        let mut c = Comparison::default();
        c.json(
            Variant::Sdk,
            Side::Request,
            "body",
            &json!({"m": rest}),
            &json!({"m": image}),
        );
        assert!(c.differences.is_empty(), "{:?}", c.differences);
        assert_eq!(c.rules, BTreeSet::from([Rule::UnlistedMediaAsGiven]));
        let c = compare(
            json!({"m": image}),
            json!({"m": {"_id": "i1", "height": 1, "width": 2, "filename": "a.jpg"}}),
        );
        assert!(c.differences.is_empty(), "{:?}", c.differences);
        // Another image, or the REST variant, is a difference.
        let c = compare(json!({"m": image}), json!({"m": {"_id": "i2"}}));
        assert_eq!(c.differences.len(), 1);
        let mut c = Comparison::default();
        c.json(
            Variant::Rest,
            Side::Result,
            "result",
            &json!({"m": image}),
            &json!({"m": rest}),
        );
        assert_eq!(c.differences.len(), 1);
    }

    #[test]
    fn nothing_returned_is_a_rule_only_against_an_empty_answer() {
        let mut c = Comparison::default();
        c.result(Variant::Sdk, &json!({}), Ok(&Value::Null), true);
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::NothingReturnedIsUnit]));
        let mut c = Comparison::default();
        c.result(Variant::Sdk, &Value::Null, Ok(&Value::Null), true);
        assert!(c.differences.is_empty() && c.rules.is_empty());
        let mut c = Comparison::default();
        c.result(Variant::Sdk, &json!({"a": 1}), Ok(&Value::Null), true);
        assert_eq!(c.differences.len(), 1);
        assert!(c.rules.is_empty());
        let mut c = Comparison::default();
        c.result(Variant::Sdk, &json!({}), Ok(&Value::Null), false);
        assert_eq!(c.differences.len(), 1);
    }

    fn sent(path: &str, query: &[(&str, &str)]) -> SentRequest {
        SentRequest {
            method: "GET".into(),
            path: path.into(),
            query: query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: Value::Null,
        }
    }

    #[test]
    fn query_keys_in_any_order_but_repeated_values_in_theirs() {
        let mut c = Comparison::default();
        let js = sent("/a", &[("x", "1"), ("ids", "a"), ("ids", "b")]);
        let rust = sent("/a", &[("ids", "a"), ("ids", "b"), ("x", "1")]);
        c.request(Variant::Rest, &js, Some(&rust), None);
        assert!(c.differences.is_empty());
        let rust = sent("/a", &[("ids", "b"), ("ids", "a"), ("x", "1")]);
        c.request(Variant::Rest, &js, Some(&rust), None);
        assert_eq!(c.differences[0].path, "query.ids");
    }

    #[test]
    fn the_same_query_as_dot_r_or_flat_is_a_rule() {
        let r = |json: &str| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
        };
        let mut c = Comparison::default();
        let js = sent(
            "/a",
            &[(".r", &r(r#"{"paging":{"limit":10},"flag":true}"#))],
        );
        let rust = sent("/a", &[("flag", "true"), ("paging.limit", "10")]);
        c.request(Variant::Sdk, &js, Some(&rust), None);
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::QueryFlatWhereItFits]));
        let mut c = Comparison::default();
        let js = sent("/a", &[("tree.ns", "s")]);
        let rust = sent(
            "/a",
            &[(".r", &r(r#"{"items":[{"id":"i"}],"tree":{"ns":"s"}}"#))],
        );
        c.request(Variant::Sdk, &js, Some(&rust), None);
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::QueryListOfObjectsKept]));
        // Rust `.r` with nothing JS left out is a difference, not a rule.
        let mut c = Comparison::default();
        let rust = sent("/a", &[(".r", &r(r#"{"tree":{"ns":"s"}}"#))]);
        c.request(Variant::Sdk, &js, Some(&rust), None);
        assert!(!c.differences.is_empty() && c.rules.is_empty());
    }

    #[test]
    fn an_encoded_path_value_is_a_rule() {
        let mut c = Comparison::default();
        c.request(
            Variant::Sdk,
            &sent("/a/b c", &[]),
            Some(&sent("/a%2Fb%20c", &[])),
            None,
        );
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::PathValuePercentEncoded]));
        let mut c = Comparison::default();
        c.request(
            Variant::Sdk,
            &sent("/a/undefined", &[]),
            None,
            Some("missing path value"),
        );
        assert_eq!(c.rules, BTreeSet::from([Rule::MissingPathValueRefused]));
        let mut c = Comparison::default();
        let refusal = "invalid request: `orders[1].order.id` is required (`bulkUpdateOrders` documents it so)";
        c.request(Variant::Rest, &sent("/a", &[]), None, Some(refusal));
        assert!(c.differences.is_empty());
        assert_eq!(c.rules, BTreeSet::from([Rule::RequiredPathRefused]));
    }
}
