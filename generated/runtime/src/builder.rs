//! [`ClientBuilder`]: a client's settings, checked together when it is built, so that a client
//! that cannot work is refused with the setting to change instead of failing at its first call.

use crate::auth::{AppCredentials, Auth, Fixed, TokenSource};
use crate::client::{Client, Inner, Target};
use crate::contract::DEFAULT_BASE_URL;
use crate::error::BuildError;
use crate::retry::RetryPolicy;
use reqwest::header::HeaderValue;
use reqwest::Url;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// How long connecting may take, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one attempt (connecting, sending, the whole answer) may take, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest answer read, by default: far above any Wix response, far below what would hurt.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 << 20;
/// Redirects followed within the base URL's origin before giving up.
const MAX_REDIRECTS: usize = 5;

/// Configures a [`Client`]; [`ClientBuilder::build`] refuses settings that cannot work, with a
/// [`BuildError`] naming the setting (never showing a credential):
///
/// - **Credentials**: at most one of [`api_key`](Self::api_key),
///   [`access_token`](Self::access_token), [`app`](Self::app) and
///   [`token_source`](Self::token_source); a key, token or app credential must not be empty.
///   With none, a [`base_url`](Self::base_url) of your own is required (a proxy that adds the
///   credentials, a test server): the Wix API refuses every call without them.
/// - **Site or account**: an API key needs exactly one of [`site_id`](Self::site_id) and
///   [`account_id`](Self::account_id); an access token or app credentials take neither (the
///   token names its site and Wix reads these headers with API keys only). With a token source
///   (whose tokens may be API keys) or no credentials, at most one, as with an API key.
/// - **Header values**: the key, token, site id, account id and user agent must be text an HTTP
///   header can carry (no line break or control character).
/// - **Base URL**: an absolute `http` or `https` URL, without user name, password, query or
///   fragment (each method's path is appended to it). Plain `http` with credentials is for
///   this machine only (`localhost`, `127.0.0.1`, `::1`): elsewhere they would travel in clear
///   text.
/// - **Limits**: [`timeout`](Self::timeout), [`connect_timeout`](Self::connect_timeout) and
///   [`max_response_bytes`](Self::max_response_bytes) above zero; a [`retry`](Self::retry)
///   policy of at least one attempt.
/// - **HTTP client**: [`http_client`](Self::http_client) is used as it is, so it excludes
///   `timeout`, `connect_timeout`, `user_agent` and
///   [`http_client_builder`](Self::http_client_builder).
#[derive(Debug, Default)]
pub struct ClientBuilder {
    api_key: Option<Fixed>,
    access_token: Option<Fixed>,
    app: Option<AppCredentials>,
    token_source: Option<Arc<dyn TokenSource>>,
    site_id: Option<String>,
    account_id: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<u64>,
    retry: Option<RetryPolicy>,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    http_builder: Option<reqwest::ClientBuilder>,
}

impl ClientBuilder {
    /// Authenticates with an API key; name the site (`site_id`) or account (`account_id`) too.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(Fixed(key.into()));
        self
    }

    /// Authenticates with an OAuth or app-instance access token (no site or account id: the
    /// token names its site).
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(Fixed(token.into()));
        self
    }

    /// Authenticates as a Wix app installed on a site (OAuth client credentials, as the
    /// JavaScript SDK's `AppStrategy`): tokens come from `{base_url}/oauth2/token`, cached and
    /// fetched again ahead of expiry; a 401 fetches a new one and retries the call once.
    pub fn app(
        mut self,
        app_id: impl Into<String>,
        app_secret: impl Into<String>,
        instance_id: impl Into<String>,
    ) -> Self {
        self.app = Some(AppCredentials::new(app_id, app_secret, instance_id));
        self
    }

    /// Authenticates with tokens from a source of your own (visitor, member or elevated
    /// tokens, a shared cache).
    pub fn token_source(mut self, source: Arc<dyn TokenSource>) -> Self {
        self.token_source = Some(source);
        self
    }

    /// Site-level calls with an API key (most methods): sent as `wix-site-id`.
    pub fn site_id(mut self, id: impl Into<String>) -> Self {
        self.site_id = Some(id.into());
        self
    }

    /// Account-level calls with an API key: sent as `wix-account-id`.
    pub fn account_id(mut self, id: impl Into<String>) -> Self {
        self.account_id = Some(id.into());
        self
    }

    /// Defaults to `https://www.wixapis.com`; point it at a proxy or a test server
    /// (`http://127.0.0.1:8080`). Plain `http` with credentials only to this machine.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The time one attempt may take, answer included ([`DEFAULT_TIMEOUT`] when not set).
    /// Not with [`ClientBuilder::http_client`], whose own settings apply.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The time connecting may take ([`DEFAULT_CONNECT_TIMEOUT`] when not set). Not with
    /// [`ClientBuilder::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The largest answer (success or error) read before the call fails with
    /// [`Error::ResponseTooLarge`](crate::Error::ResponseTooLarge)
    /// ([`DEFAULT_MAX_RESPONSE_BYTES`] when not set). Applies to every HTTP client.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// When calls are retried ([`RetryPolicy::default`] when not set).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The `User-Agent` header (`wix-api-rust/<version>` when not set). Not with
    /// [`ClientBuilder::http_client`].
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Starts the HTTP client from a reqwest builder of yours (root certificates, proxies,
    /// connection pool, TLS settings), which [`build`](Self::build) completes as it does its
    /// own: the redirect policy (within the base URL's origin only), [`timeout`](Self::timeout),
    /// [`connect_timeout`](Self::connect_timeout) and [`user_agent`](Self::user_agent) (their
    /// defaults when not set) replace whatever `builder` says of them.
    pub fn http_client_builder(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http_builder = Some(builder);
        self
    }

    /// Brings a reqwest client of yours, used as it is. It gives up what the client this crate
    /// builds has: the redirect policy (reqwest's default follows up to 10 redirects to any
    /// host, and keeps `Authorization` on a redirect from https to plain http on the same host
    /// and port), the timeouts (reqwest's default waits for ever) and the user agent. Retries,
    /// authentication and [`max_response_bytes`](Self::max_response_bytes) still apply. Prefer
    /// [`http_client_builder`](Self::http_client_builder), which keeps them.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client, or the first setting that cannot work (see [`ClientBuilder`] for the rules).
    pub fn build(self) -> Result<Client, BuildError> {
        self.check_values()?;
        let base_url = self.checked_base_url()?;
        self.check_credentials(&base_url)?;
        self.check_http_client()?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let (http, timeout) = match self.http {
            Some(http) => (http, None),
            None => {
                let agent = self
                    .user_agent
                    .unwrap_or_else(|| format!("wix-api-rust/{}", env!("CARGO_PKG_VERSION")));
                let http = self
                    .http_builder
                    .unwrap_or_else(reqwest::Client::builder)
                    .user_agent(agent)
                    .timeout(timeout)
                    .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    .redirect(same_origin_redirects())
                    .build()
                    .map_err(|e| {
                        BuildError::new(
                            "http_client_builder",
                            format!("the HTTP client could not be built: {e}"),
                        )
                    })?;
                (http, Some(timeout))
            }
        };
        let auth = self
            .api_key
            .map(Auth::ApiKey)
            .or(self.access_token.map(Auth::AccessToken))
            .or(self.app.map(|app| Auth::Source(Arc::new(app))))
            .or(self.token_source.map(Auth::Source))
            .unwrap_or(Auth::None);
        let target = match (self.site_id, self.account_id) {
            (Some(site), _) => Target::Site(site),
            (None, Some(account)) => Target::Account(account),
            (None, None) => Target::None,
        };
        let base_url = self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: base_url.trim_end_matches('/').to_string(),
                auth,
                target,
                retry: self.retry.unwrap_or_default(),
                timeout,
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            }),
        })
    }

    /// Each setting on its own: header values that can be sent, limits above zero.
    fn check_values(&self) -> Result<(), BuildError> {
        for (setting, what, value) in [
            ("api_key", "API key", self.api_key.as_ref().map(Fixed::text)),
            (
                "access_token",
                "access token",
                self.access_token.as_ref().map(Fixed::text),
            ),
            ("site_id", "site id", self.site_id.as_deref()),
            ("account_id", "account id", self.account_id.as_deref()),
        ] {
            if let Some(value) = value {
                not_blank(setting, what, value)?;
                header_safe(setting, what, value)?;
            }
        }
        if let Some(agent) = &self.user_agent {
            header_safe("user_agent", "user agent", agent)?;
        }
        if let Some(part) = self.app.as_ref().and_then(AppCredentials::blank_part) {
            return Err(BuildError::new(
                "app",
                format!("the {part} is empty (often an unset or empty variable)"),
            ));
        }
        for (setting, value) in [
            ("timeout", self.timeout),
            ("connect_timeout", self.connect_timeout),
        ] {
            if value == Some(Duration::ZERO) {
                return Err(BuildError::new(
                    setting,
                    "expected a duration above zero: with zero every call would time out",
                ));
            }
        }
        if self.max_response_bytes == Some(0) {
            return Err(BuildError::new(
                "max_response_bytes",
                "expected a limit above zero: with zero no answer could be read",
            ));
        }
        if self.retry.as_ref().is_some_and(|r| r.max_attempts == 0) {
            return Err(BuildError::new(
                "retry",
                "expected `max_attempts` of 1 or more (the first attempt included; 1 turns \
                 retries off): with 0 no call would be made",
            ));
        }
        Ok(())
    }

    /// The base URL parsed: absolute http(s), nothing in it that would be sent to every call or
    /// break the paths appended to it. The URL itself is not shown: it may hold a secret.
    fn checked_base_url(&self) -> Result<Url, BuildError> {
        let text = self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        let refused = |problem: String| Err(BuildError::new("base_url", problem));
        let url = match Url::parse(text) {
            Ok(url) => url,
            Err(e) => {
                return refused(format!(
                    "expected an absolute http or https URL such as `{DEFAULT_BASE_URL}`; this \
                     one does not parse ({e})"
                ))
            }
        };
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return refused(format!(
                "expected an http or https URL with a host (`{DEFAULT_BASE_URL}`, \
                 `http://127.0.0.1:8080`), not `{}:`",
                url.scheme()
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return refused(
                "expected no user name or password in the URL: give credentials with api_key, \
                 access_token, app or token_source"
                    .into(),
            );
        }
        if url.query().is_some() || url.fragment().is_some() {
            return refused(
                "expected no query or fragment in the URL: each method's path is appended to it"
                    .into(),
            );
        }
        Ok(url)
    }

    /// Credentials, site and account together, and where they may be sent.
    fn check_credentials(&self, base_url: &Url) -> Result<(), BuildError> {
        let given: Vec<&str> = [
            ("api_key", self.api_key.is_some()),
            ("access_token", self.access_token.is_some()),
            ("app", self.app.is_some()),
            ("token_source", self.token_source.is_some()),
        ]
        .into_iter()
        .filter_map(|(setting, set)| set.then_some(setting))
        .collect();
        if given.len() > 1 {
            return Err(BuildError::new(
                given[1],
                format!(
                    "give one of an API key, an access token, app credentials or a token \
                     source, not {}",
                    given.join(" and ")
                ),
            ));
        }
        let credentials = given.first().copied();
        let target =
            match (&self.site_id, &self.account_id) {
                (Some(_), Some(_)) => return Err(BuildError::new(
                    "account_id",
                    "give a site id (site-level calls) or an account id (account-level calls), \
                     not both",
                )),
                (Some(_), None) => Some("site_id"),
                (None, Some(_)) => Some("account_id"),
                (None, None) => None,
            };
        match (credentials, target) {
            (Some("api_key"), None) => {
                return Err(BuildError::new(
                    "site_id",
                    "an API key acts on a site or an account: give site_id (site-level calls, \
                     most methods) or account_id (account-level calls)",
                ))
            }
            (Some(tokens @ ("access_token" | "app")), Some(target)) => {
                let names = if tokens == "app" {
                    "an app's tokens name their site"
                } else {
                    "an access token names its site"
                };
                return Err(BuildError::new(
                    target,
                    format!("expected only with api_key (Wix reads it with API keys): {names}"),
                ));
            }
            (None, _) if self.base_url.is_none() => {
                return Err(BuildError::new(
                    "api_key",
                    "no credentials: give api_key (with site_id or account_id), access_token, \
                     app or token_source; without them only a base_url of your own can answer \
                     (a proxy that adds them, a test server)",
                ))
            }
            _ => {}
        }
        if let (Some(setting), "http") = (credentials, base_url.scheme()) {
            if !is_this_machine(base_url) {
                return Err(BuildError::new(
                    "base_url",
                    format!(
                        "plain http to `{}` would send the {setting} credentials in clear text: \
                         use https (http is for localhost, 127.0.0.1 and ::1)",
                        base_url.host_str().unwrap_or_default()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A client of the caller's is used as it is: settings this crate would apply to its own
    /// would be silently lost.
    fn check_http_client(&self) -> Result<(), BuildError> {
        if self.http.is_none() {
            return Ok(());
        }
        if self.http_builder.is_some() {
            return Err(BuildError::new(
                "http_client_builder",
                "give http_client or http_client_builder, not both",
            ));
        }
        let lost = [
            ("timeout", self.timeout.is_some()),
            ("connect_timeout", self.connect_timeout.is_some()),
            ("user_agent", self.user_agent.is_some()),
        ]
        .into_iter()
        .find_map(|(setting, set)| set.then_some(setting));
        match lost {
            Some(setting) => Err(BuildError::new(
                setting,
                "not applied to a client given with http_client: set it on that client, or \
                 pass its reqwest builder to http_client_builder instead",
            )),
            None => Ok(()),
        }
    }
}

/// An empty value is most often an unset variable read as "".
fn not_blank(setting: &'static str, what: &str, value: &str) -> Result<(), BuildError> {
    if value.trim().is_empty() {
        return Err(BuildError::new(
            setting,
            format!("the {what} is empty (often an unset or empty variable)"),
        ));
    }
    Ok(())
}

fn header_safe(setting: &'static str, what: &str, value: &str) -> Result<(), BuildError> {
    if HeaderValue::from_str(value).is_err() {
        return Err(BuildError::new(
            setting,
            format!(
                "the {what} contains characters an HTTP header cannot carry (a line break or \
                 control character, often a trailing newline from a file or variable)"
            ),
        ));
    }
    Ok(())
}

/// Whether the URL's host is this machine (loopback), where plain http exposes nothing.
fn is_this_machine(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

/// Redirects are followed only within the origin (scheme, host and port) they start from, at
/// most [`MAX_REDIRECTS`]: the Wix API does not redirect, and following one elsewhere (or from
/// https to http) would send the credentials, site id and body to a party they are not for.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let Some(first) = attempt.previous().first() else {
            return attempt.follow();
        };
        if first.origin() != attempt.url().origin() {
            let location = format!(
                "refused a redirect to {} (another origin than {}://{})",
                attempt.url(),
                first.scheme(),
                first.host_str().unwrap_or_default()
            );
            attempt.error(location)
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else {
            attempt.follow()
        }
    })
}
