//! Where the `Authorization` header comes from: a fixed API key or access token, Wix app
//! credentials exchanged for short-lived tokens (as the JavaScript SDK's `AppStrategy` does),
//! or a [`TokenSource`] of your own.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A future a [`TokenSource`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, AuthError>> + Send + 'a>>;

/// Supplies the value of the `Authorization` header, for tokens the client does not know how to
/// get: visitor or member tokens, elevated tokens, a cache shared between processes. The
/// client asks before each attempt; after a 401 it calls [`TokenSource::invalidate`] with the
/// rejected token and retries the call once with a fresh one.
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// The token to send. `http` and `base_url` are the client's, for sources that fetch.
    fn token<'a>(&'a self, http: &'a reqwest::Client, base_url: &'a str) -> TokenFuture<'a>;

    /// The API rejected `token` (401): do not hand it out again.
    fn invalidate(&self, _token: &str) {}
}

/// Getting a token failed: the token endpoint's answer (never the secret), or why it could not
/// be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    /// The token endpoint's HTTP status, when it answered.
    pub status: Option<u16>,
    /// What went wrong, with the secret redacted.
    pub message: String,
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "authentication failed: HTTP {status}: {}", self.message),
            None => write!(f, "authentication failed: {}", self.message),
        }
    }
}

impl std::error::Error for AuthError {}

/// Wix app credentials (OAuth client credentials): `POST {base_url}/oauth2/token` with the app
/// id, secret and instance id gives an access token, cached and fetched again ahead of its
/// expiry. Concurrent calls while there is no valid token wait for one request.
pub struct AppCredentials {
    app_id: String,
    app_secret: String,
    instance_id: String,
    cached: tokio::sync::Mutex<Option<Cached>>,
}

struct Cached {
    token: String,
    /// When to fetch a new one: ahead of the expiry the endpoint gave.
    refresh_at: Instant,
}

impl fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCredentials")
            .field("app_id", &self.app_id)
            .field("app_secret", &"<redacted>")
            .field("instance_id", &self.instance_id)
            .finish()
    }
}

/// The token endpoint's answer.
#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// How long a token is taken to live when the endpoint does not say (Wix gives 4 hours).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(4 * 3600);

impl AppCredentials {
    /// The credentials of the app `app_id` installed as `instance_id`; no token is fetched
    /// before the first call.
    pub fn new(
        app_id: impl Into<String>,
        app_secret: impl Into<String>,
        instance_id: impl Into<String>,
    ) -> Self {
        AppCredentials {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
            instance_id: instance_id.into(),
            cached: tokio::sync::Mutex::new(None),
        }
    }

    /// The first of the three parts that is empty or blank (`"app secret"`), when one is: the
    /// token endpoint would refuse every request.
    pub(crate) fn blank_part(&self) -> Option<&'static str> {
        [
            ("app id", &self.app_id),
            ("app secret", &self.app_secret),
            ("instance id", &self.instance_id),
        ]
        .into_iter()
        .find(|(_, value)| value.trim().is_empty())
        .map(|(part, _)| part)
    }

    /// The secret replaced wherever a server echoed it.
    fn redact(&self, text: &str) -> String {
        if self.app_secret.is_empty() {
            text.to_string()
        } else {
            text.replace(&self.app_secret, "<redacted>")
        }
    }

    async fn fetch(&self, http: &reqwest::Client, base_url: &str) -> Result<Cached, AuthError> {
        let body = serde_json::json!({
            "grant_type": "client_credentials",
            "client_id": self.app_id,
            "client_secret": self.app_secret,
            "instance_id": self.instance_id,
        });
        let url = format!("{base_url}/oauth2/token");
        let failed = |status: Option<u16>, message: String| AuthError {
            status,
            message: self.redact(&message),
        };
        let response = http.post(&url).json(&body).send().await.map_err(|e| {
            failed(
                None,
                format!(
                    "the token endpoint {url} did not answer: {}",
                    e.without_url()
                ),
            )
        })?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(|e| {
            failed(
                Some(status),
                format!("the answer could not be read: {}", e.without_url()),
            )
        })?;
        if !(200..300).contains(&status) {
            let excerpt: String = text.chars().take(500).collect();
            return Err(failed(
                Some(status),
                format!("the token endpoint {url} refused the app credentials: {excerpt}"),
            ));
        }
        let answer: TokenAnswer = serde_json::from_str(&text).map_err(|e| {
            failed(
                Some(status),
                format!("the token endpoint's answer has no access token: {e}"),
            )
        })?;
        let lifetime = answer
            .expires_in
            .map_or(DEFAULT_LIFETIME, Duration::from_secs);
        // Refreshed when a tenth of its life is left (at most a minute early), so that a call
        // never starts with a token about to expire.
        let margin = (lifetime / 10).min(Duration::from_secs(60));
        Ok(Cached {
            token: answer.access_token,
            refresh_at: Instant::now() + lifetime - margin,
        })
    }
}

impl TokenSource for AppCredentials {
    fn token<'a>(&'a self, http: &'a reqwest::Client, base_url: &'a str) -> TokenFuture<'a> {
        Box::pin(async move {
            // Held while fetching: callers arriving meanwhile wait and then find the new token.
            let mut cached = self.cached.lock().await;
            if let Some(valid) = cached.as_ref().filter(|c| Instant::now() < c.refresh_at) {
                return Ok(valid.token.clone());
            }
            let fresh = self.fetch(http, base_url).await?;
            let token = fresh.token.clone();
            *cached = Some(fresh);
            Ok(token)
        })
    }

    fn invalidate(&self, token: &str) {
        if let Ok(mut cached) = self.cached.try_lock() {
            if cached.as_ref().is_some_and(|c| c.token == token) {
                *cached = None;
            }
        }
    }
}

/// A fixed API key or access token.
#[derive(Clone)]
pub(crate) struct Fixed(pub(crate) String);

impl Fixed {
    /// The header value.
    pub(crate) fn text(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How a client authenticates.
#[derive(Debug, Clone)]
pub(crate) enum Auth {
    None,
    /// `Authorization: <API key>` plus the site or account it acts on.
    ApiKey(Fixed),
    /// `Authorization: <OAuth or app-instance access token>`.
    AccessToken(Fixed),
    /// Tokens from a source: app credentials or the caller's own.
    Source(Arc<dyn TokenSource>),
}

impl Auth {
    /// What `Debug` shows of the client's authentication.
    pub(crate) fn describe(&self) -> String {
        match self {
            Auth::None => "none".into(),
            Auth::ApiKey(_) => "api key <redacted>".into(),
            Auth::AccessToken(_) => "access token <redacted>".into(),
            Auth::Source(source) => format!("{source:?}"),
        }
    }

    /// The fixed header value, when there is one (checked when the client is built).
    pub(crate) fn fixed(&self) -> Option<&str> {
        match self {
            Auth::ApiKey(Fixed(value)) | Auth::AccessToken(Fixed(value)) => Some(value),
            Auth::None | Auth::Source(_) => None,
        }
    }
}
