//! The HTTP client generated methods call through: authentication, request encoding, retries,
//! error mapping and tracing.

use crate::auth::Auth;
use crate::builder::ClientBuilder;
use crate::contract::HttpMethod;
use crate::error::{ApiError, Error, MethodError};
use crate::paging::{self, Pages, Paging};
use crate::retry::{self, RetryPolicy};
use crate::wire::answer_field::{missing_field, take_answer_field};
use crate::wire::paths::fill_path;
use crate::wire::query::query_pairs;
use crate::wire::required::missing_required;
use crate::wire::sdk_request::SdkRequest;
use crate::wire::shape::{answer_to_sdk, request_to_rest, Shape};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

const REQUEST_ID: &str = "x-wix-request-id";

/// The reqwest spelling of a method.
fn reqwest_method(method: HttpMethod) -> reqwest::Method {
    match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
        HttpMethod::Put => reqwest::Method::PUT,
        HttpMethod::Patch => reqwest::Method::PATCH,
        HttpMethod::Delete => reqwest::Method::DELETE,
    }
}

/// A documented REST endpoint: `Endpoint::post("createReferredFriend", "/v1/…")`. GETs are
/// safe to repeat; other methods only when marked [`Endpoint::idempotent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// The REST method name (`createReferredFriend`).
    pub name: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path below the base URL, with `{templates}`.
    pub path: &'static str,
    /// Safe to repeat: retried on 429 and 503.
    pub idempotent: bool,
    /// Paths the request must hold whenever their parent is there (`order.lineItems`; in
    /// every element of an array on the way): checked before anything is sent.
    pub required: &'static [&'static str],
    /// A GET or DELETE whose docs declare lists of objects or free-form objects in the
    /// request: sent whole as `.r` whenever anything in it is nested.
    pub complex_query: bool,
}

impl Endpoint {
    /// An endpoint with nothing required beyond the top level; idempotent when a GET.
    pub const fn new(method: HttpMethod, name: &'static str, path: &'static str) -> Self {
        let idempotent = matches!(method, HttpMethod::Get);
        Endpoint {
            name,
            method,
            path,
            idempotent,
            required: &[],
            complex_query: false,
        }
    }

    /// A GET endpoint.
    pub const fn get(name: &'static str, path: &'static str) -> Self {
        Self::new(HttpMethod::Get, name, path)
    }

    /// A POST endpoint.
    pub const fn post(name: &'static str, path: &'static str) -> Self {
        Self::new(HttpMethod::Post, name, path)
    }

    /// A PUT endpoint.
    pub const fn put(name: &'static str, path: &'static str) -> Self {
        Self::new(HttpMethod::Put, name, path)
    }

    /// A PATCH endpoint.
    pub const fn patch(name: &'static str, path: &'static str) -> Self {
        Self::new(HttpMethod::Patch, name, path)
    }

    /// A DELETE endpoint.
    pub const fn delete(name: &'static str, path: &'static str) -> Self {
        Self::new(HttpMethod::Delete, name, path)
    }

    /// Whether the call is safe to repeat (and so retried on 429 and 503).
    pub const fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// Required paths below the top level, checked before sending.
    pub const fn required(mut self, paths: &'static [&'static str]) -> Self {
        self.required = paths;
        self
    }

    /// Marks a GET or DELETE whose request is sent whole as `.r` when anything in it is
    /// nested: its docs declare lists of objects or free-form objects in the request.
    pub const fn complex_query(mut self) -> Self {
        self.complex_query = true;
        self
    }
}

/// Which site or account an API key acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    None,
    Site(String),
    Account(String),
}

/// A Wix API client. Cheap to clone; share one across tasks.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// What a client holds, as [`ClientBuilder::build`] checked it.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    /// Without a trailing `/`: paths are appended to it.
    pub(crate) base_url: String,
    pub(crate) auth: Auth,
    pub(crate) target: Target,
    pub(crate) retry: RetryPolicy,
    /// The per-attempt limit, when this crate set the HTTP client's (for error messages).
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_response_bytes: u64,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = self.inner.auth.describe();
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &auth)
            .field("target", &self.inner.target)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

/// The body of a successful answer.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) body: String,
}

impl Client {
    /// Starts configuring a client: authentication, the site or account, limits and retries.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Calls a REST endpoint with a REST-named request (what `rest` methods do).
    #[doc(hidden)]
    pub async fn call<Req, Resp, E>(
        &self,
        endpoint: &Endpoint,
        request: &Req,
    ) -> Result<Resp, Error<E>>
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned,
        E: MethodError,
    {
        let value = rest_request(endpoint, request)?;
        let answer = self
            .execute(endpoint, &value)
            .await
            .map_err(Error::for_method)?;
        decode_body(&answer, endpoint.idempotent)
    }

    /// Calls a REST endpoint with SDK-shaped arguments (what `sdk` methods do): keys are renamed
    /// to REST on the way out and back to SDK names on the way in. With an `answer_field`, the
    /// method returns that field of the answer (`service` of `{"service": {…}}`), as the
    /// JavaScript SDK does.
    #[doc(hidden)]
    pub async fn call_sdk<Resp, E>(
        &self,
        endpoint: &Endpoint,
        request: SdkRequest,
        request_shape: Option<&Shape>,
        response_shape: Option<&Shape>,
        answer_field: Option<&str>,
    ) -> Result<Resp, Error<E>>
    where
        Resp: DeserializeOwned,
        E: MethodError,
    {
        let value = sdk_request(endpoint, request, request_shape)?;
        let answer = self
            .execute(endpoint, &value)
            .await
            .map_err(Error::for_method)?;
        let repeatable = endpoint.idempotent;
        let Some(field) = answer_field else {
            let value = parse(&answer, response_shape, true, repeatable)?;
            return decode(value, &answer, repeatable);
        };
        let whole = parse(&answer, None, false, repeatable)?;
        let mut value = take_answer_field(whole, field);
        answer_to_sdk(response_shape, &mut value);
        // Absent is `null`: `None` for an optional answer, else an error saying what is missing.
        let absent = value.is_null();
        Resp::deserialize(value).map_err(|e| {
            let message = if absent {
                missing_field(field)
            } else {
                e.to_string()
            };
            decode_error(&answer, repeatable, message)
        })
    }

    /// The pages of a REST-named paged call (what generated `rest` methods use).
    #[doc(hidden)]
    pub fn pages<Req, Resp, E>(
        &self,
        endpoint: Endpoint,
        paging: Paging,
        request: &Req,
    ) -> Pages<Resp, E>
    where
        Req: Serialize + ?Sized,
    {
        let first = rest_request(&endpoint, request);
        paging::pages(self, endpoint, paging, first, None, false)
    }

    /// The pages of an SDK-shaped paged call (what generated `sdk` methods use).
    #[doc(hidden)]
    pub fn pages_sdk<Resp, E>(
        &self,
        endpoint: Endpoint,
        paging: Paging,
        request: SdkRequest,
        request_shape: Option<&'static Shape>,
        response_shape: Option<&'static Shape>,
    ) -> Pages<Resp, E> {
        let first = sdk_request(&endpoint, request, request_shape);
        paging::pages(self, endpoint, paging, first, response_shape, true)
    }

    /// One call on the wire, retries and all. Not generic: one copy of this (large) future
    /// serves every method; callers turn the API error into their method's error.
    pub(crate) async fn execute(
        &self,
        endpoint: &Endpoint,
        request: &Value,
    ) -> Result<Answer, Error<ApiError>> {
        let path = fill_path(endpoint.path, request).map_err(Error::InvalidRequest)?;
        let span = tracing::info_span!(
            "wix_api.call",
            method = endpoint.name,
            http.method = ?endpoint.method,
            path = %path,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        self.execute_with_retries(endpoint, &path, request, &span)
            .instrument(span.clone())
            .await
    }

    async fn execute_with_retries(
        &self,
        endpoint: &Endpoint,
        path: &str,
        request: &Value,
        span: &tracing::Span,
    ) -> Result<Answer, Error<ApiError>> {
        let policy = &self.inner.retry;
        let retries = policy.allows(endpoint.idempotent);
        let started = Instant::now();
        let mut attempt = 1;
        let mut token_refreshed = false;
        loop {
            span.record("attempt", attempt);
            let token = match &self.inner.auth {
                Auth::Source(source) => Some(
                    source
                        .token(&self.inner.http, &self.inner.base_url)
                        .await
                        .map_err(Error::Auth)?,
                ),
                _ => None,
            };
            let outcome = self.send(endpoint, path, request, token.as_deref()).await;
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            // A token the API refuses is dropped and the call made once more with a new one: a
            // 401 means the call was not processed, so this is safe for any call.
            if let (Ok(response), Auth::Source(source), Some(token)) =
                (&outcome, &self.inner.auth, &token)
            {
                if response.status() == reqwest::StatusCode::UNAUTHORIZED && !token_refreshed {
                    source.invalidate(token);
                    token_refreshed = true;
                    continue;
                }
            }
            let retry_after = match &outcome {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                    match response.status().as_u16() {
                        429 | 503 => Some(retry::retry_after(response.headers())),
                        _ => None,
                    }
                }
                // No answer came (refused, reset or closed before the response): nothing was
                // processed that an idempotent retry could repeat harmfully.
                Err(error) if error.is_connect() || error.is_request() && !error.is_timeout() => {
                    Some(None)
                }
                Err(_) => None,
            };
            let more = retries && attempt < policy.max_attempts;
            if let (Some(wait), true) = (retry_after, more) {
                let wait = policy.backoff(attempt, wait);
                if started.elapsed() + wait <= policy.max_elapsed {
                    tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                    continue;
                }
            }
            return match outcome {
                Ok(response) => self.read(response, started).await,
                Err(error) if error.is_timeout() => Err(self.timeout(started)),
                Err(error) => Err(Error::Transport(error.without_url())),
            };
        }
    }

    /// One attempt; `token` is the source's token for it, when the client has a source.
    async fn send(
        &self,
        endpoint: &Endpoint,
        path: &str,
        request: &Value,
        token: Option<&str>,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let inner = &self.inner;
        let url = format!("{}{path}", inner.base_url);
        let mut builder = inner.http.request(reqwest_method(endpoint.method), url);
        if let Some(value) = inner.auth.fixed().or(token) {
            builder = builder.header(reqwest::header::AUTHORIZATION, value);
        }
        builder = match &inner.target {
            Target::None => builder,
            Target::Site(id) => builder.header("wix-site-id", id),
            Target::Account(id) => builder.header("wix-account-id", id),
        };
        builder = if endpoint.method.uses_query() {
            builder.query(&query_pairs(request, endpoint.complex_query))
        } else {
            builder.json(request)
        };
        builder.send().await
    }

    /// A timeout error naming the limit that was hit (the elapsed time with a client of the
    /// caller's, whose limits this crate does not know).
    fn timeout<E>(&self, started: Instant) -> Error<E> {
        Error::Timeout(self.inner.timeout.unwrap_or_else(|| started.elapsed()))
    }

    /// A successful answer, or the method's typed error; at most `max_response_bytes` read.
    async fn read(
        &self,
        mut response: reqwest::Response,
        started: Instant,
    ) -> Result<Answer, Error<ApiError>> {
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let limit = self.inner.max_response_bytes;
        let too_large = || Error::ResponseTooLarge { status, limit };
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() as u64 + chunk.len() as u64 > limit {
                        return Err(too_large());
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(error) if error.is_timeout() => return Err(self.timeout(started)),
                Err(error) => return Err(Error::Transport(error.without_url())),
            }
        }
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if (200..300).contains(&status) {
            Ok(Answer {
                status,
                request_id,
                body,
            })
        } else {
            Err(Error::Api(ApiError::from_response(
                status, request_id, &body,
            )))
        }
    }
}

/// A missing required field, named as the request has it, fails the call before it is sent.
fn check_required<E>(endpoint: &Endpoint, request: &Value) -> Result<(), Error<E>> {
    match missing_required(request, endpoint.required) {
        Some(path) => Err(Error::InvalidRequest(format!(
            "`{path}` is required (`{}` documents it so)",
            endpoint.name
        ))),
        None => Ok(()),
    }
}

/// A REST-named request as the JSON sent, its required fields checked.
pub(crate) fn rest_request<Req: Serialize + ?Sized, E>(
    endpoint: &Endpoint,
    request: &Req,
) -> Result<Value, Error<E>> {
    let value = serde_json::to_value(request)
        .map_err(|e| Error::InvalidRequest(format!("the request does not serialize: {e}")))?;
    check_required(endpoint, &value)?;
    Ok(value)
}

/// SDK-shaped arguments as the REST JSON sent: required fields checked in SDK names, then
/// reshaped and renamed as the JavaScript SDK does.
pub(crate) fn sdk_request<E>(
    endpoint: &Endpoint,
    request: SdkRequest,
    request_shape: Option<&Shape>,
) -> Result<Value, Error<E>> {
    let mut value = request
        .into_value()
        .map_err(|e| Error::InvalidRequest(format!("an argument does not serialize: {e}")))?;
    check_required(endpoint, &value)?;
    request_to_rest(request_shape, &mut value);
    Ok(value)
}

/// The answer's body as JSON text; an empty body reads as `null`.
fn body_text(answer: &Answer) -> &str {
    if answer.body.trim().is_empty() {
        "null"
    } else {
        &answer.body
    }
}

/// The answer's JSON; for SDK calls (`sdk`), reshaped and renamed as the JavaScript SDK does.
pub(crate) fn parse<E>(
    answer: &Answer,
    shape: Option<&Shape>,
    sdk: bool,
    repeatable: bool,
) -> Result<Value, Error<E>> {
    let mut value: Value = serde_json::from_str(body_text(answer))
        .map_err(|e| decode_error(answer, repeatable, e.to_string()))?;
    if sdk {
        answer_to_sdk(shape, &mut value);
    }
    Ok(value)
}

/// The answer's body read straight into `Resp`, with no JSON tree in between (REST calls, which
/// rename nothing). A failure names the path of the field that failed (`referredFriend.count`):
/// generated types name it themselves (`wire::fields`), and serde_json the position; for other
/// types the body is read once more, through serde_path_to_error, which only failures pay for.
pub(crate) fn decode_body<Resp: DeserializeOwned, E>(
    answer: &Answer,
    repeatable: bool,
) -> Result<Resp, Error<E>> {
    let text = body_text(answer);
    serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        if message.starts_with("at `") {
            // A generated type named the field (and serde_json the position).
            return decode_error(answer, repeatable, message);
        }
        let again = serde_path_to_error::deserialize::<_, Resp>(
            &mut serde_json::Deserializer::from_str(text),
        );
        let message = match again {
            Err(e) if e.path().to_string() != "." => format!("at `{}`: {}", e.path(), e.inner()),
            _ => error.to_string(),
        };
        decode_error(answer, repeatable, message)
    })
}

/// The answer's JSON (renamed for SDK calls) as `Resp`; generated types name the path of a
/// field that fails.
pub(crate) fn decode<Resp: DeserializeOwned, E>(
    value: Value,
    answer: &Answer,
    repeatable: bool,
) -> Result<Resp, Error<E>> {
    Resp::deserialize(value).map_err(|e| decode_error(answer, repeatable, e.to_string()))
}

pub(crate) fn decode_error<E>(answer: &Answer, repeatable: bool, message: String) -> Error<E> {
    Error::Decode {
        status: answer.status,
        message,
        body: answer.body.clone(),
        request_id: answer.request_id.clone(),
        repeatable,
    }
}
