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

/// One call of a recorded query-builder chain: `["eq", "_id", "5eed…"]`.
pub struct ChainOp {
    pub op: String,
    values: Vec<Value>,
    /// Which of `values` were JavaScript `Date`s.
    dates: Vec<bool>,
}

impl ChainOp {
    /// The field path the op names first.
    pub fn path(&self) -> Result<&str, Failure> {
        self.values
            .first()
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::Input(format!("`{}` names no field", self.op)))
    }

    /// Value `index` as a query value; a recorded `Date` as a timestamp.
    pub fn value(&self, index: usize) -> Result<wixgen_runtime::query_builder::QueryValue, Failure> {
        let value = self
            .values
            .get(index)
            .cloned()
            .ok_or_else(|| Failure::Input(format!("`{}` lacks value {index}", self.op)))?;
        if self.dates.get(index).copied().unwrap_or(false) {
            let text = value.as_str().unwrap_or_default();
            let date: wixgen_runtime::Timestamp = text
                .parse()
                .map_err(|e| Failure::Input(format!("`{text}` is no date: {e}")))?;
            return Ok(date.into());
        }
        Ok(value.into())
    }

    /// The values from `index` on, for `in` and `hasSome` (one array or several values).
    pub fn values(&self, index: usize) -> Result<Vec<wixgen_runtime::query_builder::QueryValue>, Failure> {
        match self.values.get(index) {
            Some(Value::Array(items)) => Ok(items.iter().cloned().map(Into::into).collect()),
            _ => (index..self.values.len()).map(|i| self.value(i)).collect(),
        }
    }

    /// Value `index` as a count (`limit`, `skip`).
    pub fn count(&self, index: usize) -> Result<u64, Failure> {
        self.values
            .get(index)
            .and_then(Value::as_u64)
            .ok_or_else(|| Failure::Input(format!("`{}` takes a count", self.op)))
    }

    /// An op the builder does not offer.
    pub fn unknown(&self) -> Failure {
        Failure::Input(format!("the builder has no `{}`", self.op))
    }
}

/// The recorded chain (`{"chain": [[op, …values], …], "dates": ["[1][2]", …]}`) as ops.
pub fn chain(input: &Value) -> Result<Vec<ChainOp>, Failure> {
    let dates: Vec<String> = input["dates"]
        .as_array()
        .map(|d| d.iter().filter_map(|p| p.as_str().map(String::from)).collect())
        .unwrap_or_default();
    let calls = input["chain"]
        .as_array()
        .ok_or_else(|| Failure::Input("no builder chain".into()))?;
    calls
        .iter()
        .enumerate()
        .map(|(index, call)| {
            let parts = call
                .as_array()
                .filter(|p| !p.is_empty())
                .ok_or_else(|| Failure::Input(format!("chain call {index} is not [op, …]")))?;
            let op = parts[0].as_str().unwrap_or_default().to_string();
            let values: Vec<Value> = parts[1..].to_vec();
            // `[1][2]`: call 1, element 2 (the op name is element 0).
            let dates = (1..parts.len())
                .map(|element| dates.contains(&format!("[{index}][{element}]")))
                .collect();
            Ok(ChainOp { op, values, dates })
        })
        .collect()
}

/// The public surface of what `find()` returned, as the corpus records the JS SDK's.
pub fn found<F, Item: Serialize, O, E: std::fmt::Display, P>(
    result: Result<wixgen_runtime::query_builder::QueryResult<'_, F, Item, O, E, P>, wixgen_runtime::Error<E>>,
    cursor: bool,
) -> Result<Value, Failure> {
    let page = result.map_err(|e| Failure::Call(e.to_string()))?;
    let items = serde_json::to_value(page.items())
        .map_err(|e| Failure::Call(format!("not serializable: {e}")))?;
    let mut surface = serde_json::Map::new();
    surface.insert("items".into(), items);
    surface.insert("length".into(), page.length().into());
    surface.insert("pageSize".into(), page.page_size().into());
    if cursor {
        let mut cursors = serde_json::Map::new();
        for (key, value) in [("next", page.next_cursor()), ("prev", page.prev_cursor())] {
            if let Some(value) = value {
                cursors.insert(key.into(), value.into());
            }
        }
        surface.insert("cursors".into(), cursors.into());
    } else {
        for (key, value) in [
            ("totalCount", page.total_count()),
            ("totalPages", page.total_pages()),
            ("currentPage", page.current_page()),
        ] {
            if let Some(value) = value {
                surface.insert(key.into(), value.into());
            }
        }
    }
    surface.insert("hasNext".into(), page.has_next().into());
    surface.insert("hasPrev".into(), page.has_prev().into());
    Ok(surface.into())
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
