//! Query builders: the JavaScript SDK's `queryPosts().eq("_id", id).ascending("_createdDate")
//! .limit(2).find()`, typed. The generated `<method>_builder()` of an SDK query method returns a
//! [`QueryBuilder`] whose fields are the entity's field enum (a [`QueryField`]); this module
//! holds everything else: the conditions, the `query` object they become, paging and the
//! [`QueryResult`] of `find()`.
//!
//! On the wire, as the JavaScript SDK sends it: the conditions in order as
//! `filter: {"$and": [{field: value}, {field: {"$gte": value}}, …]}` (`filter: {}` without
//! conditions), `sort: [{fieldName, order: "ASC" | "DESC"}]`, and `cursorPaging: {limit}` or
//! `paging: {limit, offset}` as the method pages, the limit 50 unless one is set: the JS
//! builder's own default, whatever a method's description says its server defaults to. Field names are SDK names, sent under their
//! REST names by the contract's renames (`_createdDate` as `createdDate`, in each segment of a
//! dotted path); dates travel as RFC 3339 with milliseconds.

use crate::client::{self, Client, Endpoint};
use crate::contract::SDK_RENAMES;
use crate::error::{Error, MethodError};
use crate::wire::sdk_request::SdkRequest;
use crate::wire::shape::Shape;
use crate::{Json, Timestamp};
use chrono::SecondsFormat;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// The page size of a query without `limit(…)`, as the JavaScript SDK's builders send it.
const DEFAULT_LIMIT: u64 = 50;

/// The type parameters a builder or result only names: neither owned nor required to be
/// `Send` or `Sync`.
type Marker<T> = PhantomData<fn() -> T>;

/// A field of an entity that queries filter and sort on: generated per entity as an enum of
/// its documented fields (`PostField::CreatedDate`).
pub trait QueryField: Copy {
    /// The field's path in SDK names (`_createdDate`, `address.city`).
    fn path(self) -> &'static str;
}

/// A value a condition compares a field with: text, a number, a boolean, a date
/// (`chrono::DateTime<Utc>`, sent as RFC 3339 with milliseconds) or any JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryValue(Value);

impl QueryValue {
    /// The value as it is sent.
    pub fn as_json(&self) -> &Json {
        &self.0
    }
}

macro_rules! query_value_from {
    ($($ty:ty),*) => {$(
        impl From<$ty> for QueryValue {
            fn from(value: $ty) -> Self {
                QueryValue(Value::from(value))
            }
        }
    )*};
}
query_value_from!(&str, String, bool, i32, i64, u32, u64, f64, Json);

impl From<&String> for QueryValue {
    fn from(value: &String) -> Self {
        QueryValue(Value::from(value.as_str()))
    }
}

impl From<Timestamp> for QueryValue {
    fn from(value: Timestamp) -> Self {
        QueryValue(Value::from(
            value.to_rfc3339_opts(SecondsFormat::Millis, true),
        ))
    }
}

/// How a query method pages, and so what `limit` and `skip` become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QueryPaging {
    /// `cursorPaging {limit, cursor}`; the answer's `cursors` lead to the next page.
    Cursor,
    /// `paging {limit, offset}`; pages are counted from the offset.
    Offset,
}

/// The paging of a query method, as a type: [`CursorPaged`] or [`OffsetPaged`] (only the
/// latter offers `skip`).
pub trait QueryPagingKind: sealed::Sealed {
    #[doc(hidden)]
    const PAGING: QueryPagingTag;
}

/// The paging a [`QueryPagingKind`] stands for (runtime-internal).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct QueryPagingTag(QueryPaging);

/// A method that pages by cursor: `limit` sends `cursorPaging {limit}`, the answer's cursors
/// lead to the next and previous pages.
#[derive(Debug, Clone, Copy)]
pub enum CursorPaged {}

/// A method that pages by offset: `limit` and `skip` send `paging {limit, offset}`, the pages
/// are counted from the offset.
#[derive(Debug, Clone, Copy)]
pub enum OffsetPaged {}

impl QueryPagingKind for CursorPaged {
    const PAGING: QueryPagingTag = QueryPagingTag(QueryPaging::Cursor);
}

impl QueryPagingKind for OffsetPaged {
    const PAGING: QueryPagingTag = QueryPagingTag(QueryPaging::Offset);
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::CursorPaged {}
    impl Sealed for super::OffsetPaged {}
}

/// What a generated builder says of its method: the endpoint and the names around the query.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct QueryMethod {
    /// The method's endpoint.
    pub endpoint: Endpoint,
    /// The SDK argument the query object goes in (`query`).
    pub argument: &'static str,
    /// The answer's field holding the items (SDK names: `posts`).
    pub items: &'static str,
    /// The answer's field holding the paging metadata (`pagingMetadata`), if it has one.
    pub metadata: Option<&'static str>,
}

/// A query being built: conditions, sort, page size; `find()` sends it. Made by a generated
/// `<method>_builder()`; `F` is the entity's field enum, `Item` the entity, `O` the method's
/// options, `E` its error type, `P` its paging ([`CursorPaged`] or [`OffsetPaged`]).
#[must_use = "a query builder sends nothing until `find()`"]
pub struct QueryBuilder<'a, F, Item, O, E, P> {
    client: &'a Client,
    method: QueryMethod,
    request_shape: Option<&'static Shape>,
    response_shape: Option<&'static Shape>,
    state: QueryState,
    types: Marker<(F, Item, O, E, P)>,
}

impl<F, Item, O, E, P> fmt::Debug for QueryBuilder<'_, F, Item, O, E, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryBuilder")
            .field("method", &self.method.endpoint.name)
            .field("query", &self.state.query())
            .finish()
    }
}

impl<F, Item, O, E, P> Clone for QueryBuilder<'_, F, Item, O, E, P> {
    fn clone(&self) -> Self {
        Self {
            client: self.client,
            method: self.method,
            request_shape: self.request_shape,
            response_shape: self.response_shape,
            state: self.state.clone(),
            types: PhantomData,
        }
    }
}

/// The builder's state, not generic: compiled once for every method.
#[derive(Debug, Clone, PartialEq)]
struct QueryState {
    paging: QueryPaging,
    conditions: Vec<Value>,
    sort: Vec<Value>,
    limit: Option<u64>,
    skip: Option<u64>,
    cursor: Option<String>,
    options: Map<String, Value>,
    error: Option<String>,
}

/// A field's path as the wire names it: each segment through the contract's renames.
fn wire_path(path: &str) -> String {
    path.split('.')
        .map(|segment| {
            SDK_RENAMES
                .iter()
                .find(|(sdk, _)| *sdk == segment)
                .map_or(segment, |(_, rest)| rest)
        })
        .collect::<Vec<_>>()
        .join(".")
}

impl QueryState {
    fn new(paging: QueryPaging) -> Self {
        QueryState {
            paging,
            conditions: Vec::new(),
            sort: Vec::new(),
            limit: None,
            skip: None,
            cursor: None,
            options: Map::new(),
            error: None,
        }
    }

    fn condition(&mut self, path: &str, operator: Option<&str>, value: Value) {
        let value = match operator {
            Some(operator) => json!({ operator: value }),
            None => value,
        };
        self.conditions.push(json!({ wire_path(path): value }));
    }

    fn order(&mut self, path: &str, order: &str) {
        self.sort
            .push(json!({"fieldName": wire_path(path), "order": order}));
    }

    /// The limit of each page: the one set, or the JS builder's default.
    fn page_size(&self) -> u64 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }

    /// The `query` object sent: a follow-up cursor request carries only the cursor and limit.
    fn query(&self) -> Value {
        let mut query = Map::new();
        let limit = self.page_size();
        if let Some(cursor) = &self.cursor {
            query.insert(
                "cursorPaging".into(),
                json!({"limit": limit, "cursor": cursor}),
            );
            return query.into();
        }
        let filter = if self.conditions.is_empty() {
            json!({})
        } else {
            json!({"$and": self.conditions})
        };
        query.insert("filter".into(), filter);
        let paging = match self.paging {
            QueryPaging::Cursor => ("cursorPaging", json!({ "limit": limit })),
            QueryPaging::Offset => (
                "paging",
                json!({"limit": limit, "offset": self.skip.unwrap_or(0)}),
            ),
        };
        query.insert(paging.0.into(), paging.1);
        if !self.sort.is_empty() {
            query.insert("sort".into(), self.sort.clone().into());
        }
        query.into()
    }
}

impl<'a, F: QueryField, Item, O: Serialize, E, P: QueryPagingKind>
    QueryBuilder<'a, F, Item, O, E, P>
{
    /// A builder with no conditions (what a generated `<method>_builder()` returns).
    #[doc(hidden)]
    pub fn new(
        client: &'a Client,
        method: QueryMethod,
        request_shape: Option<&'static Shape>,
        response_shape: Option<&'static Shape>,
    ) -> Self {
        Self {
            client,
            method,
            request_shape,
            response_shape,
            state: QueryState::new(P::PAGING.0),
            types: PhantomData,
        }
    }

    fn condition(mut self, field: F, operator: Option<&str>, value: Value) -> Self {
        self.state.condition(field.path(), operator, value);
        self
    }

    /// Items whose `field` equals `value` (`{field: value}`).
    pub fn eq(self, field: F, value: impl Into<QueryValue>) -> Self {
        self.condition(field, None, value.into().0)
    }

    /// Items whose `field` does not equal `value` (`$ne`).
    pub fn ne(self, field: F, value: impl Into<QueryValue>) -> Self {
        self.condition(field, Some("$ne"), value.into().0)
    }

    /// Items whose `field` is greater than `value` (`$gt`).
    pub fn gt(self, field: F, value: impl Into<QueryValue>) -> Self {
        self.condition(field, Some("$gt"), value.into().0)
    }

    /// Items whose `field` is greater than or equal to `value` (`$gte`).
    pub fn ge(self, field: F, value: impl Into<QueryValue>) -> Self {
        self.condition(field, Some("$gte"), value.into().0)
    }

    /// Items whose `field` is less than `value` (`$lt`).
    pub fn lt(self, field: F, value: impl Into<QueryValue>) -> Self {
        self.condition(field, Some("$lt"), value.into().0)
    }

    /// Items whose `field` is less than or equal to `value` (`$lte`).
    pub fn le(self, field: F, value: impl Into<QueryValue>) -> Self {
        self.condition(field, Some("$lte"), value.into().0)
    }

    /// Items whose `field` is in `from` ≤ `field` < `to` (`$gte` and `$lt`).
    pub fn between(self, field: F, from: impl Into<QueryValue>, to: impl Into<QueryValue>) -> Self {
        self.ge(field, from).lt(field, to)
    }

    /// Items whose `field` is one of `values` (`$in`; the SDK's `in`).
    pub fn is_in<V: Into<QueryValue>>(self, field: F, values: impl IntoIterator<Item = V>) -> Self {
        let values: Vec<Value> = values.into_iter().map(|v| v.into().0).collect();
        self.condition(field, Some("$in"), values.into())
    }

    /// Items whose list `field` holds at least one of `values` (`$hasSome`).
    pub fn has_some<V: Into<QueryValue>>(
        self,
        field: F,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let values: Vec<Value> = values.into_iter().map(|v| v.into().0).collect();
        self.condition(field, Some("$hasSome"), values.into())
    }

    /// Items whose list `field` holds all of `values` (`$hasAll`).
    pub fn has_all<V: Into<QueryValue>>(
        self,
        field: F,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let values: Vec<Value> = values.into_iter().map(|v| v.into().0).collect();
        self.condition(field, Some("$hasAll"), values.into())
    }

    /// Items whose text `field` starts with `prefix` (`$startsWith`).
    pub fn starts_with(self, field: F, prefix: impl Into<String>) -> Self {
        self.condition(field, Some("$startsWith"), prefix.into().into())
    }

    /// Items whose `field` is set (`$exists: true`) or not (`false`).
    pub fn exists(self, field: F, exists: bool) -> Self {
        self.condition(field, Some("$exists"), exists.into())
    }

    /// Items whose `field` is empty or absent (`$isEmpty: true`).
    pub fn is_empty(self, field: F) -> Self {
        self.condition(field, Some("$isEmpty"), true.into())
    }

    /// Items whose `field` is not empty (`$isEmpty: false`).
    pub fn is_not_empty(self, field: F) -> Self {
        self.condition(field, Some("$isEmpty"), false.into())
    }

    /// Sorts by `field`, smallest first; sorts apply in the order they are added.
    pub fn ascending(mut self, field: F) -> Self {
        self.state.order(field.path(), "ASC");
        self
    }

    /// Sorts by `field`, largest first.
    pub fn descending(mut self, field: F) -> Self {
        self.state.order(field.path(), "DESC");
        self
    }

    /// At most `limit` items per page (50 otherwise, as the JavaScript SDK's builders send).
    pub fn limit(mut self, limit: u64) -> Self {
        self.state.limit = Some(limit);
        self
    }

    /// The method's options (the second argument of its `query_x(query, options)`).
    pub fn options(mut self, options: O) -> Self {
        match serde_json::to_value(&options) {
            Ok(Value::Object(fields)) => self.state.options = fields,
            Ok(_) => self.state.options.clear(),
            Err(e) => self.state.error = Some(format!("the options do not serialize: {e}")),
        }
        self
    }

    /// The `query` object `find()` sends, in REST names.
    pub fn query(&self) -> Json {
        self.state.query()
    }
}

impl<F: QueryField, Item, O: Serialize, E> QueryBuilder<'_, F, Item, O, E, OffsetPaged> {
    /// Skips the first `skip` items (offset paging only: cursor paging has no offset).
    pub fn skip(mut self, skip: u64) -> Self {
        self.state.skip = Some(skip);
        self
    }
}

impl<'a, F, Item: DeserializeOwned, O, E: MethodError, P> QueryBuilder<'a, F, Item, O, E, P> {
    /// Sends the query and reads the first page.
    pub async fn find(&self) -> Result<QueryResult<'a, F, Item, O, E, P>, Error<E>> {
        find(
            self.client,
            self.method,
            self.request_shape,
            self.response_shape,
            self.state.clone(),
        )
        .await
    }
}

async fn find<'a, F, Item: DeserializeOwned, O, E: MethodError, P>(
    client: &'a Client,
    method: QueryMethod,
    request_shape: Option<&'static Shape>,
    response_shape: Option<&'static Shape>,
    state: QueryState,
) -> Result<QueryResult<'a, F, Item, O, E, P>, Error<E>> {
    if let Some(error) = &state.error {
        return Err(Error::InvalidRequest(error.clone()));
    }
    let request = SdkRequest::new()
        .arg(method.argument, &state.query())
        .options(&state.options);
    let endpoint = &method.endpoint;
    let value = client::sdk_request(endpoint, request, request_shape)?;
    let answer = client
        .execute(endpoint, &value)
        .await
        .map_err(Error::for_method)?;
    let mut value = client::parse(&answer, response_shape, true, endpoint.idempotent)?;
    let items = match value.get_mut(method.items).map(Value::take) {
        None | Some(Value::Null) => Vec::new(),
        Some(items) => Vec::<Item>::deserialize(items).map_err(|e| {
            client::decode_error(
                &answer,
                endpoint.idempotent,
                format!("at `{}`: {e}", method.items),
            )
        })?,
    };
    let metadata = method
        .metadata
        .and_then(|key| value.get(key))
        .unwrap_or(&Value::Null);
    let facts = PageFacts::read(&state, metadata);
    Ok(QueryResult {
        items,
        facts,
        client,
        method,
        request_shape,
        response_shape,
        state,
        types: PhantomData,
    })
}

/// The paging facts of one page, read from the answer's metadata and the request.
#[derive(Debug, Clone, Default, PartialEq)]
struct PageFacts {
    page_size: u64,
    next: Option<String>,
    prev: Option<String>,
    total_count: Option<u64>,
    current_page: Option<u64>,
    total_pages: Option<u64>,
    has_next: bool,
    has_prev: bool,
}

impl PageFacts {
    fn read(state: &QueryState, metadata: &Value) -> Self {
        let page_size = state.page_size();
        let text = |key: &str| {
            metadata
                .get("cursors")
                .and_then(|c| c.get(key))
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty())
                .map(String::from)
        };
        match state.paging {
            QueryPaging::Cursor => {
                let (next, prev) = (text("next"), text("prev"));
                PageFacts {
                    page_size,
                    has_next: next.is_some(),
                    has_prev: prev.is_some(),
                    next,
                    prev,
                    ..PageFacts::default()
                }
            }
            QueryPaging::Offset => {
                // A total the server could not count is no total.
                let counted = metadata.get("tooManyToCount").and_then(Value::as_bool) != Some(true);
                let total_count = metadata
                    .get("total")
                    .and_then(Value::as_u64)
                    .filter(|_| counted);
                let offset = state.skip.unwrap_or(0);
                let current_page = (page_size > 0).then(|| offset / page_size);
                let total_pages = total_count
                    .zip(Some(page_size).filter(|size| *size > 0))
                    .map(|(total, size)| total.div_ceil(size));
                let has_next = match (current_page, total_pages) {
                    (Some(current), Some(pages)) => current + 1 < pages,
                    // Without a total, the answer's own word.
                    _ => metadata.get("hasNext").and_then(Value::as_bool) == Some(true),
                };
                PageFacts {
                    page_size,
                    total_count,
                    current_page,
                    total_pages,
                    has_next,
                    has_prev: offset > 0,
                    ..PageFacts::default()
                }
            }
        }
    }
}

/// One page of a query's answer (what `find()` returns): the items and the paging facts, and
/// the way to the next and previous pages.
pub struct QueryResult<'a, F, Item, O, E, P> {
    items: Vec<Item>,
    facts: PageFacts,
    client: &'a Client,
    method: QueryMethod,
    request_shape: Option<&'static Shape>,
    response_shape: Option<&'static Shape>,
    state: QueryState,
    types: Marker<(F, O, E, P)>,
}

impl<F, Item: fmt::Debug, O, E, P> fmt::Debug for QueryResult<'_, F, Item, O, E, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryResult")
            .field("method", &self.method.endpoint.name)
            .field("items", &self.items)
            .field("facts", &self.facts)
            .finish()
    }
}

impl<F, Item, O, E, P> QueryResult<'_, F, Item, O, E, P> {
    /// The page's items.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The page's items, owned.
    pub fn into_items(self) -> Vec<Item> {
        self.items
    }

    /// How many items the page holds.
    pub fn length(&self) -> usize {
        self.items.len()
    }

    /// The page size asked for (`limit`), else the number of items received.
    pub fn page_size(&self) -> u64 {
        self.facts.page_size
    }

    /// Cursor paging: the cursor of the next page, if there is one.
    pub fn next_cursor(&self) -> Option<&str> {
        self.facts.next.as_deref()
    }

    /// Cursor paging: the cursor of the previous page, if there is one.
    pub fn prev_cursor(&self) -> Option<&str> {
        self.facts.prev.as_deref()
    }

    /// Offset paging: how many items match, when the server counted them.
    pub fn total_count(&self) -> Option<u64> {
        self.facts.total_count
    }

    /// Offset paging: the page's index, from 0.
    pub fn current_page(&self) -> Option<u64> {
        self.facts.current_page
    }

    /// Offset paging: how many pages there are, when the server counted the items.
    pub fn total_pages(&self) -> Option<u64> {
        self.facts.total_pages
    }

    /// Whether there is a page after this one.
    pub fn has_next(&self) -> bool {
        self.facts.has_next
    }

    /// Whether there is a page before this one.
    pub fn has_prev(&self) -> bool {
        self.facts.has_prev
    }

    /// The request of the page `forward` (or back) of this one.
    fn step(&self, forward: bool) -> QueryState {
        let mut state = self.state.clone();
        match state.paging {
            QueryPaging::Offset => {
                let offset = state.skip.unwrap_or(0);
                let size = self.facts.page_size;
                state.skip = Some(if forward {
                    offset + size
                } else {
                    offset.saturating_sub(size)
                });
            }
            _ => {
                let cursor = if forward {
                    &self.facts.next
                } else {
                    &self.facts.prev
                };
                state.cursor = cursor.clone();
            }
        }
        state
    }
}

impl<F, Item: DeserializeOwned, O, E: MethodError, P> QueryResult<'_, F, Item, O, E, P> {
    /// The next page; `None` when [`has_next`](Self::has_next) is false. A cursor request
    /// carries only the cursor and the limit, as the API asks.
    pub async fn next(&self) -> Result<Option<Self>, Error<E>> {
        if !self.has_next() {
            return Ok(None);
        }
        self.fetch(self.step(true)).await.map(Some)
    }

    /// The previous page; `None` when [`has_prev`](Self::has_prev) is false.
    pub async fn prev(&self) -> Result<Option<Self>, Error<E>> {
        if !self.has_prev() {
            return Ok(None);
        }
        self.fetch(self.step(false)).await.map(Some)
    }

    async fn fetch(&self, state: QueryState) -> Result<Self, Error<E>> {
        find(
            self.client,
            self.method,
            self.request_shape,
            self.response_shape,
            state,
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(paging: QueryPaging) -> QueryState {
        QueryState::new(paging)
    }

    #[test]
    fn conditions_become_one_and_in_wire_names() {
        let mut query = state(QueryPaging::Cursor);
        query.condition("_id", None, "a".into());
        query.condition(
            "_createdDate",
            Some("$gte"),
            "2025-01-03T11:02:02.102Z".into(),
        );
        query.condition("tier._updatedDate", Some("$lt"), 3.into());
        query.order("_createdDate", "ASC");
        query.limit = Some(2);
        assert_eq!(
            query.query(),
            json!({
                "filter": {"$and": [
                    {"id": "a"},
                    {"createdDate": {"$gte": "2025-01-03T11:02:02.102Z"}},
                    {"tier.updatedDate": {"$lt": 3}},
                ]},
                "cursorPaging": {"limit": 2},
                "sort": [{"fieldName": "createdDate", "order": "ASC"}],
            })
        );
    }

    #[test]
    fn an_empty_query_sends_an_empty_filter_and_the_default_limit() {
        // Recorded: `queryPosts().find()` and `queryServices().find()`, whatever the page says
        // the server's default is.
        assert_eq!(
            state(QueryPaging::Cursor).query(),
            json!({"filter": {}, "cursorPaging": {"limit": 50}})
        );
        assert_eq!(
            state(QueryPaging::Offset).query(),
            json!({"filter": {}, "paging": {"offset": 0, "limit": 50}})
        );
        assert_eq!(
            PageFacts::read(&state(QueryPaging::Cursor), &json!({})).page_size,
            50
        );
        let mut offset = state(QueryPaging::Offset);
        (offset.limit, offset.skip) = (Some(5), Some(10));
        assert_eq!(
            offset.query(),
            json!({"filter": {}, "paging": {"limit": 5, "offset": 10}})
        );
    }

    #[test]
    fn a_cursor_request_carries_only_cursor_and_limit() {
        let mut query = state(QueryPaging::Cursor);
        query.condition("_id", None, "a".into());
        query.order("title", "DESC");
        (query.limit, query.cursor) = (Some(2), Some("c2".into()));
        assert_eq!(
            query.query(),
            json!({"cursorPaging": {"limit": 2, "cursor": "c2"}})
        );
    }

    #[test]
    fn dates_travel_with_milliseconds() {
        let date: Timestamp = "2025-01-03T11:02:02.1Z".parse().unwrap();
        assert_eq!(
            QueryValue::from(date).as_json(),
            &json!("2025-01-03T11:02:02.100Z")
        );
    }

    #[test]
    fn cursor_facts_come_from_the_cursors() {
        let mut query = state(QueryPaging::Cursor);
        query.limit = Some(2);
        let facts = PageFacts::read(&query, &json!({"cursors": {"next": "n"}}));
        assert_eq!(facts.page_size, 2);
        assert_eq!(facts.next.as_deref(), Some("n"));
        assert!(facts.has_next && !facts.has_prev);
        let facts = PageFacts::read(&query, &json!({}));
        assert!(!facts.has_next && !facts.has_prev);
    }

    #[test]
    fn offset_facts_count_pages_from_the_total() {
        let mut query = state(QueryPaging::Offset);
        (query.limit, query.skip) = (Some(2), Some(4));
        let facts = PageFacts::read(&query, &json!({"total": 9, "count": 2}));
        assert_eq!(facts.total_count, Some(9));
        assert_eq!(facts.total_pages, Some(5));
        assert_eq!(facts.current_page, Some(2));
        assert!(facts.has_next && facts.has_prev);
        // Uncounted: no total, and the answer's `hasNext` decides.
        let facts = PageFacts::read(
            &query,
            &json!({"total": 9, "tooManyToCount": true, "hasNext": true}),
        );
        assert_eq!((facts.total_count, facts.total_pages), (None, None));
        assert!(facts.has_next);
        let last = PageFacts::read(&query, &json!({"total": 6}));
        assert!(!last.has_next);
    }

    #[test]
    fn the_next_offset_page_moves_by_the_page_size() {
        let mut query = state(QueryPaging::Offset);
        query.limit = Some(2);
        let facts = PageFacts::read(&query, &json!({"total": 9}));
        let mut next = query.clone();
        next.skip = Some(facts.page_size);
        assert_eq!(
            next.query(),
            json!({"filter": {}, "paging": {"limit": 2, "offset": 2}})
        );
    }
}
