//! The replay runner: calls each job's generated method against a local server that answers the
//! recorded response, and writes down the request it received and the value the method returned.
//! Written into the scratch crate by `cargo xtask replay`; comparing is left to the xtask.

#[allow(clippy::all, dead_code, unused_imports)]
mod bindings;
#[allow(clippy::all)]
mod dispatch;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wiremock::{matchers::any, Mock, MockServer, ResponseTemplate};

/// One call to make (written by the xtask).
#[derive(Deserialize)]
struct Job {
    id: String,
    dispatch: String,
    input: Value,
    response: Value,
}

/// What one call did.
#[derive(Serialize)]
struct Done {
    id: String,
    /// The request the server received (`None` when none was sent).
    request: Option<Value>,
    /// The value returned, serialized.
    result: Option<Value>,
    /// The input did not fit the method's Rust types.
    input_error: Option<String>,
    /// The method returned an error.
    call_error: Option<String>,
}

/// A failure of one dispatched call.
pub enum Failure {
    /// The case's JSON does not deserialize into the method's arguments.
    Input(String),
    /// The method returned an error.
    Call(String),
}

/// The SDK argument `name` (the xtask keys the positional arguments by their names); an
/// absent one reads as `null`, so that options the JS call left out are `None` here too.
pub fn arg<T: serde::de::DeserializeOwned>(
    args: &Value,
    name: &str,
) -> Result<T, Failure> {
    let value = args.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| Failure::Input(format!("argument `{name}`: {e}")))
}

/// A REST request built from the case's JSON.
pub fn request<T: serde::de::DeserializeOwned>(input: Value) -> Result<T, Failure> {
    serde_json::from_value(input).map_err(|e| Failure::Input(format!("the request: {e}")))
}

/// The returned value as JSON.
pub fn done<T: Serialize, E: std::fmt::Display>(
    result: Result<T, wixgen_runtime::Error<E>>,
) -> Result<Value, Failure> {
    let value = result.map_err(|e| Failure::Call(e.to_string()))?;
    serde_json::to_value(value).map_err(|e| Failure::Call(format!("not serializable: {e}")))
}

fn request_json(request: &wiremock::Request) -> Value {
    let query: Vec<Value> = request
        .url
        .query_pairs()
        .map(|(k, v)| Value::from(vec![k.into_owned(), v.into_owned()]))
        .collect();
    let body = if request.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&request.body).unwrap_or_else(|_| {
            Value::String(String::from_utf8_lossy(&request.body).into_owned())
        })
    };
    serde_json::json!({
        "method": request.method.as_str(),
        "path": request.url.path(),
        "query": query,
        "body": body,
    })
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let mut argv = std::env::args().skip(1);
    let (Some(jobs), Some(out)) = (argv.next(), argv.next()) else {
        return Err("usage: replay-runner JOBS.json OUT.json".into());
    };
    let text = std::fs::read_to_string(&jobs).map_err(|e| format!("{jobs}: {e}"))?;
    let jobs: Vec<Job> = serde_json::from_str(&text).map_err(|e| format!("{jobs}: {e}"))?;
    let server = MockServer::start().await;
    let client = wixgen_runtime::Client::builder()
        .base_url(server.uri())
        .build()
        .map_err(|e| e.to_string())?;
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs {
        server.reset().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(&job.response))
            .mount(&server)
            .await;
        let outcome = match dispatch::call(&job.dispatch, &client, job.input) {
            Some(call) => call.await,
            None => Err(Failure::Input(format!("no method `{}`", job.dispatch))),
        };
        let request = server
            .received_requests()
            .await
            .unwrap_or_default()
            .first()
            .map(request_json);
        let (result, input_error, call_error) = match outcome {
            Ok(value) => (Some(value), None, None),
            Err(Failure::Input(e)) => (None, Some(e), None),
            Err(Failure::Call(e)) => (None, None, Some(e)),
        };
        results.push(Done {
            id: job.id,
            request,
            result,
            input_error,
            call_error,
        });
    }
    let text = serde_json::to_string(&results).map_err(|e| e.to_string())?;
    std::fs::write(&out, text).map_err(|e| format!("{out}: {e}"))
}
