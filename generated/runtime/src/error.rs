//! Errors: one type for the whole crate, generic over the method's typed error.

use crate::JsonObject;
use serde_json::Value;
use std::fmt;
use std::time::Duration;

/// What a call can fail with. `E` is the method's error enum: its documented application errors
/// and a variant for any other API error.
#[derive(Debug)]
pub enum Error<E> {
    /// The API answered with an error status.
    Api(E),
    /// No answer in time (the client's timeout).
    Timeout(Duration),
    /// The request did not reach the server or the answer did not arrive.
    Transport(reqwest::Error),
    /// The answer was not what the method documents.
    Decode {
        /// The HTTP status of the answer.
        status: u16,
        /// What does not decode, and where (`at referredFriend.createdDate: …`).
        message: String,
        /// The body as received.
        body: String,
        /// `X-Wix-Request-Id`, for Wix support.
        request_id: Option<String>,
        /// Whether the call is safe to repeat. When it is not and the status is a success, the
        /// server accepted the call (an entity may have been created): the message says so,
        /// and `body` holds what it answered.
        repeatable: bool,
    },
    /// The request could not be built (for example, a path parameter is missing, or a
    /// required field).
    InvalidRequest(String),
    /// No token to authenticate with: the token endpoint refused the app credentials, or the
    /// caller's [`TokenSource`](crate::TokenSource) failed.
    Auth(crate::AuthError),
    /// The answer was larger than the client's limit (see
    /// [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)); it
    /// was not read further.
    ResponseTooLarge {
        /// The HTTP status of the answer.
        status: u16,
        /// The client's limit, in bytes.
        limit: u64,
    },
}

impl Error<ApiError> {
    /// The same error, the API's answer made the method's typed error.
    pub(crate) fn for_method<E: MethodError>(self) -> Error<E> {
        match self {
            Error::Api(error) => Error::Api(E::from_api(error)),
            Error::Timeout(limit) => Error::Timeout(limit),
            Error::Transport(error) => Error::Transport(error),
            Error::Decode {
                status,
                message,
                body,
                request_id,
                repeatable,
            } => Error::Decode {
                status,
                message,
                body,
                request_id,
                repeatable,
            },
            Error::InvalidRequest(problem) => Error::InvalidRequest(problem),
            Error::ResponseTooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
            Error::Auth(error) => Error::Auth(error),
        }
    }
}

impl<E: MethodError> Error<E> {
    /// The structured API error, when the API answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error.api_error()),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(error) => error.fmt(f),
            Error::Timeout(after) => write!(f, "no answer within {after:?}"),
            Error::Transport(error) => {
                // reqwest's own text ("error sending request") says little; its causes say why.
                write!(f, "transport error: {error}")?;
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "HTTP {status}: the answer is larger than the limit of {limit} bytes; not read"
            ),
            Error::Decode {
                status,
                message,
                body,
                request_id,
                repeatable,
            } => {
                if (200..300).contains(status) && !repeatable {
                    write!(
                        f,
                        "HTTP {status}: the server accepted the call, but its answer does not \
                         decode ({message}); the call may have taken effect, so do not simply \
                         repeat it; body: {}",
                        excerpt(body)
                    )?;
                } else {
                    write!(
                        f,
                        "HTTP {status}: the response does not decode ({message}); body: {}",
                        excerpt(body)
                    )?;
                }
                write_request_id(f, request_id.as_deref())
            }
            Error::InvalidRequest(problem) => write!(f, "invalid request: {problem}"),
            Error::Auth(error) => error.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Error<E> {}

fn write_request_id(f: &mut fmt::Formatter<'_>, request_id: Option<&str>) -> fmt::Result {
    match request_id {
        Some(id) => write!(f, " (request id {id})"),
        None => Ok(()),
    }
}

fn excerpt(text: &str) -> String {
    const LIMIT: usize = 300;
    let text = text.trim();
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(LIMIT).collect::<String>())
    }
}

/// `text` cut to at most `limit` bytes at a character boundary, with `…` when cut.
fn truncated(text: &str, limit: usize) -> String {
    if text.len() <= limit {
        return text.to_string();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// An error answer from the API, whatever its body held.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The server's message, or a readable summary of a body that had none.
    pub message: String,
    /// The documented application error, when the body names one.
    pub application: Option<ApplicationError>,
    /// The fields a validation error names.
    pub violations: Vec<FieldViolation>,
    /// `X-Wix-Request-Id`, for Wix support.
    pub request_id: Option<String>,
    /// The body as received, at most its first [`ApiError::BODY_LIMIT`] bytes (cut at a
    /// character boundary, `…` appended when cut).
    pub body: String,
}

/// `details.applicationError`: the code a method documents under "Possible Errors".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApplicationError {
    /// The application code (`MEMBER_NOT_ELIGIBLE`).
    pub code: String,
    /// The server's description of it.
    pub description: String,
    /// Whatever data the error carried (`null` when none).
    pub data: Value,
}

/// One of `details.validationError.fieldViolations`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldViolation {
    /// The field's path in the request.
    pub field: String,
    /// What is wrong with it.
    pub description: String,
    /// Whatever else the violation carried.
    pub details: JsonObject,
}

impl ApiError {
    /// How much of an error body is kept.
    pub const BODY_LIMIT: usize = 4096;

    /// Reads an error answer: Wix's JSON error body, or any other body (empty, text, HTML).
    pub fn from_response(status: u16, request_id: Option<String>, body: &str) -> Self {
        let mut error = ApiError {
            status,
            request_id,
            body: truncated(body, Self::BODY_LIMIT),
            ..Default::default()
        };
        let json: Option<Value> = serde_json::from_str(body).ok();
        match json.as_ref().and_then(Value::as_object) {
            Some(object) => {
                let text =
                    |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
                error.message = text(object.get("message"));
                let details = object.get("details");
                if let Some(app) = details.and_then(|d| d.get("applicationError")) {
                    error.application = Some(ApplicationError {
                        code: text(app.get("code")),
                        description: text(app.get("description")),
                        data: app.get("data").cloned().unwrap_or(Value::Null),
                    });
                }
                let violations = details
                    .and_then(|d| d.get("validationError"))
                    .and_then(|v| v.get("fieldViolations"))
                    .and_then(Value::as_array);
                for violation in violations.into_iter().flatten() {
                    let mut details = violation.as_object().cloned().unwrap_or_default();
                    let mut take = |key: &str| {
                        details
                            .remove(key)
                            .and_then(|v| v.as_str().map(String::from))
                            .unwrap_or_default()
                    };
                    let (field, description) = (take("field"), take("description"));
                    error.violations.push(FieldViolation {
                        field,
                        description,
                        details,
                    });
                }
            }
            None => error.message = summarize(body),
        }
        if error.message.is_empty() {
            error.message = match &error.application {
                Some(app) if !app.description.is_empty() => app.description.clone(),
                _ => reason(status).to_string(),
            };
        }
        error
    }

    /// The application error code (`MEMBER_NOT_ELIGIBLE`), when the body has one.
    pub fn application_code(&self) -> Option<&str> {
        self.application.as_ref().map(|a| a.code.as_str())
    }

    /// The gRPC-style status Wix documents for this HTTP status (`FAILED_PRECONDITION`).
    pub fn status_code(&self) -> &'static str {
        status_code(self.status)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {}", self.status, self.status_code())?;
        if let Some(code) = self.application_code() {
            write!(f, " [{code}]")?;
        }
        write!(f, ": {}", self.message)?;
        for violation in &self.violations {
            write!(f, "; {}: {}", violation.field, violation.description)?;
        }
        write_request_id(f, self.request_id.as_deref())
    }
}

impl std::error::Error for ApiError {}

/// A readable message from a body that is not Wix JSON: an HTML page's title, or the text.
fn summarize(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>")) {
        if start + 7 <= end {
            return body[start + 7..end].trim().to_string();
        }
    }
    if lower.contains("<html") || lower.contains("<!doctype") {
        return String::new();
    }
    excerpt(body)
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("error")
}

/// The status name Wix's API errors carry for an HTTP status (the gRPC codes it maps them to).
pub(crate) fn status_code(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        428 => "FAILED_PRECONDITION",
        429 => "RESOURCE_EXHAUSTED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNKNOWN",
    }
}

/// A documented error: its HTTP code, status and application code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentedError {
    /// The documented HTTP code (`428`).
    pub http_code: u16,
    /// The documented status (`FAILED_PRECONDITION`).
    pub status: &'static str,
    /// The application code (`MEMBER_NOT_ELIGIBLE`).
    pub code: &'static str,
}

/// A method's error enum (generated): documented application errors and any other.
pub trait MethodError: Sized + fmt::Debug {
    /// The variant for an API error: by application code, else the catch-all.
    fn from_api(error: ApiError) -> Self;
    /// The error as received.
    fn api_error(&self) -> &ApiError;
    /// What the docs say about this variant; `None` for the catch-all.
    fn documented(&self) -> Option<DocumentedError>;

    /// The documented HTTP code, or the received one for an undocumented error.
    fn http_code(&self) -> u16 {
        self.documented()
            .map_or(self.api_error().status, |d| d.http_code)
    }

    /// The documented status (`FAILED_PRECONDITION`), or the standard one for the received code.
    fn status_code(&self) -> &'static str {
        self.documented()
            .map_or_else(|| self.api_error().status_code(), |d| d.status)
    }
}

/// [`MethodError`], `Display` and `Error` for a generated method error enum: the enum, its
/// catch-all variant, then each documented variant with its HTTP code, status and application
/// code (`Variant(428, "FAILED_PRECONDITION", "CODE")`). The methods are `#[inline]`, so they
/// are compiled in the crates that use them, not once per method in the bindings.
#[doc(hidden)]
#[macro_export]
macro_rules! method_error {
    ($name:ident, $other:ident, $($variant:ident($http:literal, $status:literal, $code:literal)),+ $(,)?) => {
        impl $crate::MethodError for $name {
            #[inline]
            fn from_api(error: $crate::ApiError) -> Self {
                match error.application_code() {
                    $(::std::option::Option::Some($code) => Self::$variant(error),)+
                    _ => Self::$other(error),
                }
            }

            #[inline]
            fn api_error(&self) -> &$crate::ApiError {
                match self {
                    $(Self::$variant(error))|+ | Self::$other(error) => error,
                }
            }

            #[inline]
            fn documented(&self) -> ::std::option::Option<$crate::DocumentedError> {
                match self {
                    $(Self::$variant(_) => ::std::option::Option::Some($crate::DocumentedError { http_code: $http, status: $status, code: $code }),)+
                    Self::$other(_) => ::std::option::Option::None,
                }
            }
        }

        $crate::method_error!(@traits $name);
    };
    ($name:ident, $other:ident $(,)?) => {
        impl $crate::MethodError for $name {
            #[inline]
            fn from_api(error: $crate::ApiError) -> Self {
                Self::$other(error)
            }

            #[inline]
            fn api_error(&self) -> &$crate::ApiError {
                let Self::$other(error) = self;
                error
            }

            #[inline]
            fn documented(&self) -> ::std::option::Option<$crate::DocumentedError> {
                ::std::option::Option::None
            }
        }

        $crate::method_error!(@traits $name);
    };
    (@traits $name:ident) => {
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt($crate::MethodError::api_error(self), f)
            }
        }

        impl ::std::error::Error for $name {}
    };
}

/// A client that cannot be built as configured: the builder setting to change and what it
/// expects. Never holds a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    setting: &'static str,
    problem: String,
}

impl BuildError {
    pub(crate) fn new(setting: &'static str, problem: impl Into<String>) -> Self {
        BuildError {
            setting,
            problem: problem.into(),
        }
    }

    /// The [`ClientBuilder`](crate::ClientBuilder) method whose value is refused (`base_url`,
    /// `site_id`, …).
    pub fn setting(&self) -> &'static str {
        self.setting
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.setting, self.problem)
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wix_error_bodies_are_structured() {
        let body = r#"{"message": "nope", "details": {"applicationError": {"code": "MEMBER_NOT_ELIGIBLE", "description": "d", "data": {"x": 1}}}}"#;
        let error = ApiError::from_response(428, Some("req-1".into()), body);
        assert_eq!(error.application_code(), Some("MEMBER_NOT_ELIGIBLE"));
        assert_eq!(error.application.as_ref().unwrap().data["x"], 1);
        assert_eq!(
            error.to_string(),
            "HTTP 428 FAILED_PRECONDITION [MEMBER_NOT_ELIGIBLE]: nope (request id req-1)"
        );

        let body = r#"{"message": "bad", "details": {"validationError": {"fieldViolations": [{"field": "referralCode", "description": "too long", "ruleName": "MAX"}]}}}"#;
        let error = ApiError::from_response(400, None, body);
        assert_eq!(error.violations[0].field, "referralCode");
        assert_eq!(error.violations[0].details["ruleName"], "MAX");
        assert_eq!(
            error.to_string(),
            "HTTP 400 INVALID_ARGUMENT: bad; referralCode: too long"
        );
    }

    #[test]
    fn other_bodies_still_read_well() {
        let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        assert_eq!(
            ApiError::from_response(502, None, html).message,
            "502 Bad Gateway"
        );
        assert_eq!(
            ApiError::from_response(503, None, "").message,
            "Service Unavailable"
        );
        assert_eq!(ApiError::from_response(500, None, "oops").message, "oops");
    }
}
