//! The client builder refuses, at `build()`, every combination of settings that cannot work,
//! naming the setting and what it expects but never a credential; the ones that work still do.

use std::sync::Arc;
use std::time::Duration;
use wixgen_runtime::{Client, ClientBuilder, RetryPolicy, TokenFuture, TokenSource};

const KEY: &str = "secret-api-key-7f3a";
const TOKEN: &str = "secret-token-91c2";
const APP_SECRET: &str = "secret-app-4d0e";

/// Hands out one fixed token.
#[derive(Debug)]
struct OneToken;

impl TokenSource for OneToken {
    fn token<'a>(&'a self, _: &'a reqwest::Client, _: &'a str) -> TokenFuture<'a> {
        Box::pin(async { Ok(TOKEN.to_string()) })
    }
}

fn key() -> ClientBuilder {
    Client::builder().api_key(KEY)
}

fn site_key() -> ClientBuilder {
    key().site_id("site-1")
}

fn app() -> ClientBuilder {
    Client::builder().app("app-1", APP_SECRET, "instance-1")
}

/// Each refused combination: the setting named and a phrase of what it expects.
fn refused() -> Vec<(&'static str, ClientBuilder, &'static str, &'static str)> {
    let source: Arc<dyn TokenSource> = Arc::new(OneToken);
    vec![
        (
            "no credentials for the Wix API",
            Client::builder(),
            "api_key",
            "no credentials",
        ),
        (
            "a site id is no credential",
            Client::builder().site_id("site-1"),
            "api_key",
            "no credentials",
        ),
        (
            "two kinds of credentials",
            site_key().access_token(TOKEN),
            "access_token",
            "not api_key and access_token",
        ),
        (
            "app credentials and a token source",
            app().token_source(source.clone()),
            "token_source",
            "not app and token_source",
        ),
        (
            "an API key alone",
            key(),
            "site_id",
            "acts on a site or an account",
        ),
        (
            "a site and an account",
            site_key().account_id("account-1"),
            "account_id",
            "not both",
        ),
        (
            "a site id with an access token",
            Client::builder().access_token(TOKEN).site_id("site-1"),
            "site_id",
            "expected only with api_key",
        ),
        (
            "an account id with app credentials",
            app().account_id("account-1"),
            "account_id",
            "expected only with api_key",
        ),
        (
            "an empty API key",
            Client::builder().api_key("").site_id("site-1"),
            "api_key",
            "API key is empty",
        ),
        (
            "a blank access token",
            Client::builder().access_token("  "),
            "access_token",
            "access token is empty",
        ),
        (
            "an empty app secret",
            Client::builder().app("app-1", "", "instance-1"),
            "app",
            "app secret is empty",
        ),
        (
            "an empty site id",
            key().site_id(""),
            "site_id",
            "site id is empty",
        ),
        (
            "a key with a line break",
            Client::builder()
                .api_key(format!("{KEY}\n"))
                .site_id("site-1"),
            "api_key",
            "characters an HTTP header cannot carry",
        ),
        (
            "an account id with a control character",
            key().account_id("account\u{7}"),
            "account_id",
            "characters an HTTP header cannot carry",
        ),
        (
            "a user agent with a line break",
            site_key().user_agent("agent\r\nx-injected: 1"),
            "user_agent",
            "characters an HTTP header cannot carry",
        ),
        (
            "an ftp base URL",
            site_key().base_url("ftp://www.wixapis.com"),
            "base_url",
            "not `ftp:`",
        ),
        (
            "a host without a scheme",
            site_key().base_url("www.wixapis.com"),
            "base_url",
            "does not parse",
        ),
        (
            "a base URL with a password",
            site_key().base_url(format!("https://user:{KEY}@proxy.example")),
            "base_url",
            "no user name or password",
        ),
        (
            "a base URL with a query",
            site_key().base_url(format!("https://proxy.example/?key={KEY}")),
            "base_url",
            "no query or fragment",
        ),
        (
            "an API key over plain http",
            site_key().base_url("http://proxy.example:8080"),
            "base_url",
            "in clear text",
        ),
        (
            "app credentials over plain http",
            app().base_url("http://10.0.0.7"),
            "base_url",
            "in clear text",
        ),
        (
            "a token source over plain http",
            Client::builder()
                .token_source(source)
                .base_url("http://wix.example"),
            "base_url",
            "in clear text",
        ),
        (
            "a zero timeout",
            site_key().timeout(Duration::ZERO),
            "timeout",
            "above zero",
        ),
        (
            "a zero connect timeout",
            site_key().connect_timeout(Duration::ZERO),
            "connect_timeout",
            "above zero",
        ),
        (
            "a zero response limit",
            site_key().max_response_bytes(0),
            "max_response_bytes",
            "above zero",
        ),
        (
            "no attempt at all",
            site_key().retry(RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            }),
            "retry",
            "`max_attempts` of 1 or more",
        ),
        (
            "a timeout for a client of one's own",
            site_key()
                .http_client(reqwest::Client::new())
                .timeout(Duration::from_secs(1)),
            "timeout",
            "not applied to a client given with http_client",
        ),
        (
            "a connect timeout for a client of one's own",
            site_key()
                .http_client(reqwest::Client::new())
                .connect_timeout(Duration::from_secs(1)),
            "connect_timeout",
            "not applied to a client given with http_client",
        ),
        (
            "a user agent for a client of one's own",
            site_key()
                .http_client(reqwest::Client::new())
                .user_agent("me"),
            "user_agent",
            "not applied to a client given with http_client",
        ),
        (
            "a client and a client builder",
            site_key()
                .http_client(reqwest::Client::new())
                .http_client_builder(reqwest::Client::builder()),
            "http_client_builder",
            "not both",
        ),
    ]
}

#[test]
fn each_combination_that_cannot_work_is_refused_with_its_setting() {
    for (case, builder, setting, expected) in refused() {
        let error = match builder.build() {
            Ok(client) => panic!("{case}: built {client:?}"),
            Err(error) => error,
        };
        let text = error.to_string();
        assert_eq!(error.setting(), setting, "{case}: {text}");
        assert!(text.starts_with(&format!("{setting}: ")), "{case}: {text}");
        assert!(text.contains(expected), "{case}: {text}");
        for secret in [KEY, TOKEN, APP_SECRET] {
            assert!(!text.contains(secret), "{case} shows a credential: {text}");
        }
    }
}

#[test]
fn combinations_that_work_are_built() {
    let source: Arc<dyn TokenSource> = Arc::new(OneToken);
    let working = [
        ("an API key on a site", site_key()),
        ("an API key on an account", key().account_id("account-1")),
        ("an access token", Client::builder().access_token(TOKEN)),
        ("app credentials", app()),
        (
            "a token source",
            Client::builder().token_source(source.clone()),
        ),
        (
            "a token source handing out API keys, with a site",
            Client::builder().token_source(source).site_id("site-1"),
        ),
        (
            "a test server on 127.0.0.1 without credentials",
            Client::builder().base_url("http://127.0.0.1:8080"),
        ),
        (
            "plain http to localhost with an API key",
            site_key().base_url("http://localhost:8080/"),
        ),
        (
            "plain http to ::1 with app credentials",
            app().base_url("http://[::1]:8080"),
        ),
        (
            "a proxy with a path prefix",
            site_key().base_url("https://proxy.example/wix/"),
        ),
        (
            "a proxy adding the credentials, over plain http",
            Client::builder()
                .site_id("site-1")
                .base_url("http://wix-proxy.internal:8080"),
        ),
        (
            "a client of one's own, with the limits the runtime applies",
            site_key()
                .http_client(reqwest::Client::new())
                .max_response_bytes(1024)
                .retry(RetryPolicy::disabled()),
        ),
        (
            "a client builder of one's own, with the runtime's settings",
            site_key()
                .http_client_builder(reqwest::Client::builder().pool_max_idle_per_host(1))
                .timeout(Duration::from_secs(1))
                .connect_timeout(Duration::from_millis(500))
                .user_agent("me"),
        ),
    ];
    for (case, builder) in working {
        if let Err(error) = builder.build() {
            panic!("{case}: {error}");
        }
    }
}
