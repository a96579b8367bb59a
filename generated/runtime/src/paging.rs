//! Pages of list and query methods as streams: the generated `<method>_pages` and
//! `<method>_stream` methods follow the paging the method documents.
//!
//! - **Cursor paging** (`cursorPaging {limit, cursor}` in the request, `pagingMetadata.cursors.next`
//!   in the answer): the first request goes as given; each following one carries only the
//!   cursor and the first request's limit ("Following requests use the cursor token and not
//!   `filter` or `sort`"). It ends when there is no next cursor or `hasNext` is false; a cursor
//!   the server already gave ends it with an error instead of a loop.
//! - **Offset paging** (`paging {limit, offset}`, `pagingMetadata {count, offset, total}`):
//!   each following request is the first one with the offset moved past the items received.
//!   It ends on an empty page, at `total`, or with an error when the offset does not advance.

use crate::client::{self, Answer, Client, Endpoint};
use crate::error::{ApiError, Error, MethodError};
use crate::wire::shape::{answer_to_sdk, Shape};
use futures_core::Stream;
use futures_util::{stream, StreamExt};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

/// How a method pages: where the paging object is in the (REST) request.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `cursorPaging {limit, cursor}` at this path of keys (`["query", "cursorPaging"]`).
    Cursor(&'static [&'static str]),
    /// `paging {limit, offset}` at this path of keys (`["query", "paging"]`).
    Offset(&'static [&'static str]),
}

impl Paging {
    /// The path of keys to the paging object in the request.
    fn path(self) -> &'static [&'static str] {
        // Two arms, not an or-pattern with bindings: rustc 1.85 to 1.88 crash on the latter.
        match self {
            Paging::Cursor(path) => path,
            Paging::Offset(path) => path,
        }
    }
}

/// A page's JSON (renamed for SDK calls) and the answer it came in, for decode errors.
struct RawPage {
    value: Value,
    answer: Answer,
    repeatable: bool,
}

type RawPages = Pin<Box<dyn Stream<Item = Result<RawPage, Error<ApiError>>> + Send>>;

/// The pages of a paged method: what `<method>_pages` returns.
///
/// The paging itself (requests, cursors, offsets) is one stream shared by every method; this
/// adapter only reads each page into `Resp` and the method's error type, so a method's pages cost
/// its crate no more code than the method's own call.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<Resp, E> {
    raw: RawPages,
    types: PhantomData<fn() -> (Resp, E)>,
}

impl<Resp, E> Pages<Resp, E> {
    fn new(raw: RawPages) -> Self {
        Self {
            raw,
            types: PhantomData,
        }
    }
}

impl<Resp: DeserializeOwned, E: MethodError> Stream for Pages<Resp, E> {
    type Item = Result<Resp, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.raw.as_mut().poll_next(cx).map(|page| {
            page.map(|page| match page {
                Ok(page) => client::decode(page.value, &page.answer, page.repeatable),
                Err(error) => Err(error.for_method()),
            })
        })
    }
}

/// What the stream keeps between pages.
struct State {
    client: Client,
    endpoint: Endpoint,
    paging: Paging,
    response_shape: Option<&'static Shape>,
    sdk: bool,
    /// The request of the next page; `None` when the stream is done.
    next: Option<Result<Value, Error<ApiError>>>,
    /// The first request's page size, which cursor requests repeat.
    limit: Option<Value>,
    cursors: HashSet<String>,
}

/// The pages of a paged call whose first request is `first`: one stream, shared by every
/// method and not generic, so compiled once, read into `Resp` by [`Pages`].
pub(crate) fn pages<Resp, E>(
    client: &Client,
    endpoint: Endpoint,
    paging: Paging,
    first: Result<Value, Error<ApiError>>,
    response_shape: Option<&'static Shape>,
    sdk: bool,
) -> Pages<Resp, E> {
    Pages::new(page_stream(
        client,
        endpoint,
        paging,
        first,
        response_shape,
        sdk,
    ))
}

/// The stream every paged method shares.
fn page_stream(
    client: &Client,
    endpoint: Endpoint,
    paging: Paging,
    first: Result<Value, Error<ApiError>>,
    response_shape: Option<&'static Shape>,
    sdk: bool,
) -> RawPages {
    let state = State {
        client: client.clone(),
        endpoint,
        paging,
        response_shape,
        sdk,
        limit: first
            .as_ref()
            .ok()
            .and_then(|first| at(first, paging.path())?.get("limit").cloned()),
        next: Some(first),
        cursors: HashSet::new(),
    };
    stream::unfold(state, |mut state| async move {
        let request = match state.next.take()? {
            Ok(request) => request,
            Err(error) => return Some((Err(error), state)),
        };
        let page = state.page(&request).await;
        if page.is_err() {
            // An error ends the stream once it is yielded.
            state.next = None;
        }
        Some((page, state))
    })
    .boxed()
}

impl State {
    /// Fetches one page and prepares the request of the next (or ends the stream).
    async fn page(&mut self, request: &Value) -> Result<RawPage, Error<ApiError>> {
        let repeatable = self.endpoint.idempotent;
        let answer = self.client.execute(&self.endpoint, request).await?;
        let raw = client::parse(&answer, None, false, repeatable)?;
        let next = match self.paging {
            Paging::Cursor(path) => self.after_cursor(&raw, path),
            Paging::Offset(path) => self.after_offset(&raw, request, path),
        };
        self.next = match next {
            Some(Err(message)) => Some(Err(client::decode_error(&answer, repeatable, message))),
            Some(Ok(request)) => Some(Ok(request)),
            None => None,
        };
        let mut value = raw;
        if self.sdk {
            answer_to_sdk(self.response_shape, &mut value);
        }
        Ok(RawPage {
            value,
            answer,
            repeatable,
        })
    }

    /// The request after a page of cursor paging: the cursor and the first request's limit.
    fn after_cursor(&mut self, raw: &Value, path: &[&str]) -> Option<Result<Value, String>> {
        let metadata = raw.get("pagingMetadata")?;
        if metadata.get("hasNext").and_then(Value::as_bool) == Some(false) {
            return None;
        }
        let cursor = metadata
            .get("cursors")
            .and_then(|c| c.get("next"))
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())?;
        if !self.cursors.insert(cursor.to_string()) {
            return Some(Err(format!(
                "the server gave the cursor `{cursor}` a second time; paging stops instead of looping"
            )));
        }
        let mut paging = Map::new();
        paging.insert("cursor".into(), Value::String(cursor.to_string()));
        if let Some(limit) = &self.limit {
            paging.insert("limit".into(), limit.clone());
        }
        let mut next = Value::Object(paging);
        for key in path.iter().rev() {
            let mut parent = Map::new();
            parent.insert(key.to_string(), next);
            next = Value::Object(parent);
        }
        Some(Ok(next))
    }

    /// The request after a page of offset paging: the same request, the offset moved on.
    fn after_offset(
        &self,
        raw: &Value,
        request: &Value,
        path: &[&str],
    ) -> Option<Result<Value, String>> {
        let metadata = raw.get("pagingMetadata")?;
        let number = |key: &str| {
            metadata.get(key).and_then(|v| match v {
                Value::String(text) => text.parse::<u64>().ok(),
                other => other.as_u64(),
            })
        };
        let count = number("count")?;
        let offset = number("offset").unwrap_or(0);
        let next_offset = offset + count;
        if count == 0 || number("total").is_some_and(|total| next_offset >= total) {
            return None;
        }
        let asked = at(request, path)
            .and_then(|p| p.get("offset"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if next_offset <= asked {
            return Some(Err(format!(
                "the offset does not advance ({asked} asked, {next_offset} next); paging stops instead of looping"
            )));
        }
        let mut next = request.clone();
        let mut target = &mut next;
        for key in path {
            let object = target.as_object_mut()?;
            target = object
                .entry(key.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
        }
        target
            .as_object_mut()?
            .insert("offset".into(), Value::from(next_offset));
        Some(Ok(next))
    }
}

/// The value at a path of keys.
fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| value.get(key))
}

/// The items of every page, one by one: what generated `<method>_stream` methods return. An
/// error ends the stream after it is yielded.
#[doc(hidden)]
pub fn items<S, Resp, T, E>(pages: S, take: fn(Resp) -> Vec<T>) -> Items<S, Resp, T>
where
    S: Stream<Item = Result<Resp, Error<E>>>,
{
    Items {
        pages,
        take,
        current: Vec::new().into_iter(),
    }
}

/// The stream of [`items`].
#[must_use = "streams do nothing unless polled"]
pub struct Items<S, Resp, T> {
    pages: S,
    take: fn(Resp) -> Vec<T>,
    current: std::vec::IntoIter<T>,
}

// Nothing inside is ever pinned but `pages`, which is `Unpin` itself.
impl<S: Unpin, Resp, T> Unpin for Items<S, Resp, T> {}

impl<S, Resp, T, E> Stream for Items<S, Resp, T>
where
    S: Stream<Item = Result<Resp, Error<E>>> + Unpin,
{
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.current = (this.take)(page).into_iter(),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
