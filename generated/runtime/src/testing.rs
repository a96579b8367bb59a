//! Typed mocks, for testing code that calls the bindings: a [`MockServer`] on 127.0.0.1 that a
//! [`Client`] is pointed at, and per method (generated as `<package>::rest::mock::<method>()`
//! and `<package>::sdk::mock::<method>()`) a [`MethodMock`] that expects calls matching typed
//! request fields and answers them with a typed response or a typed error.
//!
//! Calls are matched on the REST request type in both variants: SDK calls travel REST-shaped,
//! and the REST request is what the server sees. SDK-typed responses are converted to the REST
//! shape the server would send (the same renames and shapes the client undoes), so that SDK
//! methods read them back as given.

use crate::client::Endpoint;
use crate::contract::HttpMethod;
use crate::error::{status_code, ApiError, MethodError};
use crate::retry::RetryPolicy;
use crate::wire::answer_field::wrap_answer_field;
use crate::wire::shape::{request_to_rest, Shape};
use crate::{Client, ClientBuilder};
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The status a call that matches no expectation is answered with: not retried by the client,
/// and not one the Wix API documents for a method.
const UNMATCHED_STATUS: u16 = 501;

/// A local HTTP server answering Wix API calls from expectations. Expectations are checked when
/// the server is dropped (or by [`MockServer::verify`]): a test fails when one was called a
/// number of times it does not allow, or when a call matched none of them.
pub struct MockServer {
    server: wiremock::MockServer,
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    rules: Mutex<Vec<Arc<Rule>>>,
    /// Calls that matched no expectation, described for the failure message.
    unmatched: Mutex<Vec<String>>,
}

impl State {
    fn rules(&self) -> MutexGuard<'_, Vec<Arc<Rule>>> {
        // A test that panicked while holding the lock left nothing half-done worth refusing.
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn unmatched(&self) -> MutexGuard<'_, Vec<String>> {
        self.unmatched.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("uri", &self.server.uri())
            .field("expectations", &self.state.rules().len())
            .finish()
    }
}

impl MockServer {
    /// Starts a server on a free port of 127.0.0.1 (within a Tokio runtime).
    pub async fn start() -> Self {
        let state = Arc::new(State::default());
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(Dispatch(state.clone()))
            .mount(&server)
            .await;
        MockServer { server, state }
    }

    /// The server's base URL (`http://127.0.0.1:<port>`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client builder pointed at this server, with test credentials (an API key and a site
    /// id) and no retries; add settings of your own before `build()`.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .api_key("test-api-key")
            .site_id("test-site-id")
            .base_url(self.uri())
            .retry(RetryPolicy::disabled())
    }

    /// A client pointed at this server (see [`MockServer::client_builder`]).
    pub fn client(&self) -> Client {
        self.client_builder()
            .build()
            .expect("the fixed test credentials are valid header values")
    }

    /// Adds an expectation; calls are answered by the first expectation that matches them and
    /// has calls left, else by the first that matches. The handle counts its calls.
    pub fn expect(&self, expectation: Expectation) -> Expected {
        let rule = Arc::new(expectation.0);
        self.state.rules().push(rule.clone());
        Expected(rule)
    }

    /// What is wrong so far: expectations called a number of times they do not allow, and
    /// calls that matched no expectation. Empty when all is as expected.
    pub fn failures(&self) -> Vec<String> {
        let mut failures: Vec<String> = self
            .state
            .rules()
            .iter()
            .filter_map(|rule| rule.count_failure())
            .collect();
        failures.extend(
            self.state
                .unmatched()
                .iter()
                .map(|call| format!("a call matched no expectation: {call}")),
        );
        failures
    }

    /// Panics, listing every failure, unless every expectation was called as it allows and
    /// every call matched one. Also done when the server is dropped.
    pub fn verify(&self) {
        let failures = self.failures();
        if !failures.is_empty() {
            panic!("mock expectations not met:\n- {}", failures.join("\n- "));
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // A test already failing says why on its own; a second panic would abort it.
        if !std::thread::panicking() {
            self.verify();
        }
    }
}

/// A handle on an expectation added to a [`MockServer`].
#[derive(Debug, Clone)]
pub struct Expected(Arc<Rule>);

impl Expected {
    /// How many calls this expectation answered.
    pub fn calls(&self) -> usize {
        self.0.calls.load(Ordering::SeqCst)
    }
}

/// How many calls an expectation wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Times {
    AtLeastOnce,
    Exactly(usize),
}

/// Decides whether a call's request (as JSON candidates) is one an expectation wants; `Err`
/// says why the request is not of the expected type.
type Matcher = Box<dyn Fn(&[Value]) -> Result<bool, String> + Send + Sync>;

/// An expected call of one method, with its answer: what [`MethodMock::respond`] and
/// [`MethodMock::fail`] build, for [`MockServer::expect`]. Expected at least once unless
/// [`Expectation::times`] says otherwise.
pub struct Expectation(Rule);

impl fmt::Debug for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Expectation {
    /// Expects exactly `n` calls (`0`: the method must not be called).
    pub fn times(mut self, n: usize) -> Self {
        self.0.times = Times::Exactly(n);
        self
    }
}

struct Rule {
    endpoint: Endpoint,
    matchers: Vec<Matcher>,
    /// The status and JSON body to answer with, or why the answer could not be built.
    reply: Result<(u16, String), String>,
    times: Times,
    calls: AtomicUsize,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation")
            .field("method", &self.endpoint.name)
            .field("conditions", &self.matchers.len())
            .field("times", &self.times)
            .field("calls", &self.calls.load(Ordering::SeqCst))
            .finish()
    }
}

impl Rule {
    fn label(&self) -> String {
        let endpoint = &self.endpoint;
        format!(
            "`{}` ({} {})",
            endpoint.name,
            endpoint.method.as_str(),
            endpoint.path
        )
    }

    fn exhausted(&self) -> bool {
        match self.times {
            Times::AtLeastOnce => false,
            Times::Exactly(n) => self.calls.load(Ordering::SeqCst) >= n,
        }
    }

    fn count_failure(&self) -> Option<String> {
        let calls = self.calls.load(Ordering::SeqCst);
        let wanted = match self.times {
            Times::AtLeastOnce if calls == 0 => "at least once".to_string(),
            Times::Exactly(n) if calls != n => format!("{n} time(s)"),
            _ => return None,
        };
        Some(format!(
            "{} was expected {wanted} and called {calls} time(s)",
            self.label()
        ))
    }

    /// Whether the call is for this endpoint and every condition holds; `Err` explains a
    /// request for this endpoint that does not decode as its type.
    fn matches(&self, method: &str, path: &str, request: &[Value]) -> Result<bool, String> {
        if self.endpoint.method.as_str() != method || !path_matches(self.endpoint.path, path) {
            return Ok(false);
        }
        for matcher in &self.matchers {
            if !matcher(request)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// The one wiremock responder: answers each call from the first expectation that matches it.
struct Dispatch(Arc<State>);

impl wiremock::Respond for Dispatch {
    fn respond(&self, request: &wiremock::Request) -> wiremock::ResponseTemplate {
        let method = request.method.as_str();
        let path = request.url.path();
        let candidates = request_candidates(request);
        let mut reasons = Vec::new();
        let chosen = {
            let rules = self.0.rules();
            let mut matching = rules.iter().filter(|rule| {
                rule.matches(method, path, &candidates)
                    .unwrap_or_else(|why| {
                        reasons.push(format!("{}: {why}", rule.label()));
                        false
                    })
            });
            let first = matching.next().cloned();
            let fresh = first
                .iter()
                .cloned()
                .chain(matching.cloned())
                .find(|rule| !rule.exhausted());
            fresh.or(first)
        };
        let Some(rule) = chosen else {
            return self.unmatched(method, request, &candidates, &reasons);
        };
        rule.calls.fetch_add(1, Ordering::SeqCst);
        match &rule.reply {
            Ok((status, body)) => wiremock::ResponseTemplate::new(*status)
                .set_body_raw(body.clone(), "application/json"),
            Err(why) => {
                let failure = format!("{}: the answer could not be built: {why}", rule.label());
                self.0.unmatched().push(failure.clone());
                error_answer(500, &failure)
            }
        }
    }
}

impl Dispatch {
    /// Records the call and answers with an error whose message says what was called and what
    /// was expected, so that the failing call itself explains the test's failure.
    fn unmatched(
        &self,
        method: &str,
        request: &wiremock::Request,
        candidates: &[Value],
        reasons: &[String],
    ) -> wiremock::ResponseTemplate {
        let url = match request.url.query() {
            Some(query) => format!("{}?{query}", request.url.path()),
            None => request.url.path().to_string(),
        };
        let body = candidates
            .first()
            .map_or_else(String::new, |value| value.to_string());
        let mut call = format!("{method} {url} with body {body}");
        if !reasons.is_empty() {
            call.push_str(&format!(" ({})", reasons.join("; ")));
        }
        let expected: Vec<String> = self.0.rules().iter().map(|rule| rule.label()).collect();
        let message = format!(
            "no mock expectation matched {call}; expected: {}",
            if expected.is_empty() {
                "nothing".to_string()
            } else {
                expected.join(", ")
            }
        );
        self.0.unmatched().push(call);
        error_answer(UNMATCHED_STATUS, &message)
    }
}

fn error_answer(status: u16, message: &str) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(status).set_body_raw(
        json!({ "message": message }).to_string(),
        "application/json",
    )
}

/// The REST request a call carried, as JSON: the body, or for GET and DELETE the query string
/// put back together. Query values arrive as text, so a second candidate reads `true`, `false`
/// and numbers as such; a request type decodes from one or the other.
fn request_candidates(request: &wiremock::Request) -> Vec<Value> {
    let uses_query = HttpMethod::parse(request.method.as_str()).is_some_and(|m| m.uses_query());
    if !uses_query {
        let body = if request.body.is_empty() {
            Value::Object(Map::new())
        } else {
            serde_json::from_slice(&request.body)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&request.body).into()))
        };
        return vec![body];
    }
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    if let [(key, whole)] = pairs.as_slice() {
        if key == ".r" {
            let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(whole)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok());
            return vec![json.unwrap_or(Value::Null)];
        }
    }
    let text = unflatten(&pairs, |text| Value::String(text.to_string()));
    let typed = unflatten(&pairs, |text| match text {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => serde_json::from_str::<serde_json::Number>(text)
            .map_or_else(|_| Value::String(text.to_string()), Value::Number),
    });
    vec![text, typed]
}

/// Dotted query keys as nested objects, repeated keys as arrays.
fn unflatten(pairs: &[(String, String)], scalar: impl Fn(&str) -> Value) -> Value {
    let mut root = Map::new();
    for (key, text) in pairs {
        let mut keys = key.split('.').peekable();
        let mut object = &mut root;
        while let Some(part) = keys.next() {
            if keys.peek().is_none() {
                match object.get_mut(part) {
                    Some(Value::Array(items)) => items.push(scalar(text)),
                    Some(previous) => {
                        let first = previous.take();
                        *previous = Value::Array(vec![first, scalar(text)]);
                    }
                    None => {
                        object.insert(part.to_string(), scalar(text));
                    }
                }
                break;
            }
            let next = object
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !next.is_object() {
                *next = Value::Object(Map::new());
            }
            let Value::Object(next) = next else { break };
            object = next;
        }
    }
    Value::Object(root)
}

/// Whether `path` is one `template` describes: each `{name}` stands for a non-empty run of
/// characters without `/`, and text around it is literal (`/v2/{bookingId}:confirm`).
fn path_matches(template: &str, path: &str) -> bool {
    let Some(open) = template.find('{') else {
        return template == path;
    };
    let Some(rest) = path.strip_prefix(&template[..open]) else {
        return false;
    };
    let Some(close) = template[open..].find('}').map(|i| open + i) else {
        return false;
    };
    let after = &template[close + 1..];
    // The parameter's value is the shortest run that lets the rest of the template match.
    let segment = rest.find('/').unwrap_or(rest.len());
    (1..=segment)
        .filter(|&end| rest.is_char_boundary(end))
        .any(|end| path_matches(after, &rest[end..]))
}

/// The types a [`MethodMock`] is of; `fn()` so that they need not be `Send` or `Sync`.
type Types<Req, Resp, E> = PhantomData<fn() -> (Req, Resp, E)>;

/// The mock of one generated method: conditions on its REST request (`Req`), then the answer,
/// a typed response (`Resp`) or a typed error (`E`). Generated per method as
/// `<package>::rest::mock::<method>()` and `<package>::sdk::mock::<method>()`.
pub struct MethodMock<Req, Resp, E> {
    endpoint: Endpoint,
    /// For SDK methods: the response is SDK-named, sent REST-named (through this shape, when
    /// the method has one).
    sdk_response: Option<Option<&'static Shape>>,
    /// For SDK methods that return one field of the REST answer: that field's key.
    answer_field: Option<&'static str>,
    matchers: Vec<Matcher>,
    types: Types<Req, Resp, E>,
}

impl<Req, Resp, E> fmt::Debug for MethodMock<Req, Resp, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MethodMock")
            .field("method", &self.endpoint.name)
            .field("conditions", &self.matchers.len())
            .finish()
    }
}

impl<Req, Resp, E> MethodMock<Req, Resp, E>
where
    Req: DeserializeOwned + 'static,
    Resp: Serialize,
    E: MethodError,
{
    /// The mock of a REST method (generated code calls this).
    #[doc(hidden)]
    pub fn rest(endpoint: Endpoint) -> Self {
        MethodMock {
            endpoint,
            sdk_response: None,
            answer_field: None,
            matchers: Vec::new(),
            types: PhantomData,
        }
    }

    /// The mock of an SDK method, whose response is reshaped by `response_shape` (generated
    /// code calls this).
    #[doc(hidden)]
    pub fn sdk(endpoint: Endpoint, response_shape: Option<&'static Shape>) -> Self {
        MethodMock {
            sdk_response: Some(response_shape),
            ..Self::rest(endpoint)
        }
    }

    /// An SDK method returning the field `key` of the REST answer: the response given is sent
    /// as that field (generated code calls this).
    #[doc(hidden)]
    pub fn answer_field(mut self, key: &'static str) -> Self {
        self.answer_field = Some(key);
        self
    }

    /// Matches only calls whose request, decoded as the method's REST request type, makes
    /// `condition` true; may be repeated (all must hold). A request that does not decode
    /// matches nothing, and the failure says why.
    pub fn when(mut self, condition: impl Fn(&Req) -> bool + Send + Sync + 'static) -> Self {
        self.matchers.push(Box::new(move |candidates: &[Value]| {
            let mut why = String::from("no request");
            for candidate in candidates {
                match Req::deserialize(candidate) {
                    Ok(request) => return Ok(condition(&request)),
                    Err(error) => why = error.to_string(),
                }
            }
            Err(format!(
                "the request does not decode as `{}`: {why}",
                std::any::type_name::<Req>()
            ))
        }));
        self
    }

    /// Answers matching calls with `response`, sent as the server would send it.
    pub fn respond(self, response: Resp) -> Expectation {
        let reply = serde_json::to_value(&response)
            .map(|mut value| {
                if let Some(shape) = self.sdk_response {
                    request_to_rest(shape, &mut value);
                }
                if let Some(field) = self.answer_field {
                    value = wrap_answer_field(value, field);
                }
                let body = if value.is_null() {
                    String::new()
                } else {
                    value.to_string()
                };
                (200, body)
            })
            .map_err(|e| format!("the response does not serialize: {e}"));
        self.expectation(reply)
    }

    /// Answers matching calls with `error` as the Wix error body (`message`,
    /// `details.applicationError`, `details.validationError`) and the HTTP status the docs give
    /// its variant, so that the client reads it back as the same variant.
    pub fn fail(self, error: E) -> Expectation {
        let reply = Ok(error_body(&error));
        self.expectation(reply)
    }

    fn expectation(self, reply: Result<(u16, String), String>) -> Expectation {
        Expectation(Rule {
            endpoint: self.endpoint,
            matchers: self.matchers,
            reply,
            times: Times::AtLeastOnce,
            calls: AtomicUsize::new(0),
        })
    }
}

/// The status and Wix error body that the client maps back to `error`.
fn error_body<E: MethodError>(error: &E) -> (u16, String) {
    let api = error.api_error();
    let documented = error.documented();
    let status = match (documented, api.status) {
        (Some(documented), _) => documented.http_code,
        (None, 0) => 500,
        (None, status) => status,
    };
    let mut details = Map::new();
    let application = api.application.as_ref();
    let code = documented
        .map(|d| d.code.to_string())
        .or_else(|| application.map(|a| a.code.clone()));
    if let Some(code) = code {
        let (description, data) = application.map_or((String::new(), Value::Null), |a| {
            (a.description.clone(), a.data.clone())
        });
        details.insert(
            "applicationError".into(),
            json!({ "code": code, "description": description, "data": data }),
        );
    }
    if !api.violations.is_empty() {
        let violations: Vec<Value> = api
            .violations
            .iter()
            .map(|v| {
                let mut object = v.details.clone();
                object.insert("field".into(), Value::String(v.field.clone()));
                object.insert("description".into(), Value::String(v.description.clone()));
                Value::Object(object)
            })
            .collect();
        details.insert(
            "validationError".into(),
            json!({ "fieldViolations": violations }),
        );
    }
    let message = if api.message.is_empty() {
        status_code(status).to_string()
    } else {
        api.message.clone()
    };
    let body = json!({ "message": message, "details": details });
    (status, body.to_string())
}

impl ApiError {
    /// An error for a mock to answer with (the `testing` feature): the message, the rest left
    /// empty (the status comes from the variant it is put in). For [`MethodMock::fail`]:
    /// `CreateReferredFriendError::MemberNotEligible(ApiError::mocked("not eligible"))`.
    pub fn mocked(message: impl Into<String>) -> Self {
        ApiError {
            message: message.into(),
            ..ApiError::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_match_their_paths_only() {
        assert!(path_matches("/v1/friends", "/v1/friends"));
        assert!(path_matches(
            "/v2/types/{resourceType.id}",
            "/v2/types/a%2Fb"
        ));
        assert!(path_matches("/v2/{bookingId}:confirm", "/v2/x:confirm"));
        assert!(!path_matches("/v2/{bookingId}:confirm", "/v2/x"));
        assert!(!path_matches("/v2/types/{id}", "/v2/types/"));
        assert!(!path_matches("/v2/types/{id}", "/v2/types/a/b"));
    }

    #[test]
    fn query_strings_are_put_back_together() {
        let pairs = [
            ("paging.limit", "5"),
            ("ids", "a"),
            ("ids", "b"),
            ("q", "x"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        let text = unflatten(&pairs, |t| Value::String(t.into()));
        assert_eq!(
            text,
            json!({"paging": {"limit": "5"}, "ids": ["a", "b"], "q": "x"})
        );
    }
}
