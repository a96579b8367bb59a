//! The runtime of wixgen's bindings: the [`Client`] generated methods call through, its
//! authentication, errors, paging streams and retries, and the Wix wire format. Everything
//! here is written by hand; the bindings that call it are generated.
//!
//! Bindings generated into a crate of your own (`wixgen::Builder` in a `build.rs`) depend on
//! this crate; the `wix-api` crate re-exports it. The default `client` feature is the whole
//! runtime; without it only `contract`, the facts the generator shares with it, is compiled.
//! The `testing` feature adds typed mocks (`MockServer`, `MethodMock`) for tests of code
//! that calls the bindings.

// docs.rs (`--cfg docsrs`, nightly): each item gated by a feature says which one.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// The generator's side of the contract with generated code, not something users call.
#[doc(hidden)]
pub mod contract;

#[cfg(feature = "client")]
mod auth;
#[cfg(feature = "client")]
mod builder;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
pub mod paging;
#[cfg(feature = "client")]
pub mod query_builder;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "testing")]
mod testing;
#[cfg(feature = "client")]
mod wire;

/// The stream trait paged methods return, and the extension traits that read one
/// (`next().await`, `try_next().await`, `collect`), so that callers need no other crate.
#[cfg(feature = "client")]
pub use futures_core::Stream;
#[cfg(feature = "client")]
pub use futures_util::{StreamExt, TryStreamExt};

#[cfg(feature = "client")]
pub use auth::{AppCredentials, AuthError, TokenFuture, TokenSource};
#[cfg(feature = "client")]
pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
#[cfg(feature = "client")]
pub use client::Client;
#[cfg(feature = "client")]
pub use error::{
    ApiError, ApplicationError, BuildError, DocumentedError, Error, FieldViolation, MethodError,
};
#[cfg(feature = "client")]
pub use retry::RetryPolicy;
#[cfg(feature = "testing")]
pub use testing::{Expectation, Expected, MethodMock, MockServer};

/// Any JSON value.
#[cfg(feature = "client")]
pub type Json = serde_json::Value;
/// A free-form JSON object.
#[cfg(feature = "client")]
pub type JsonObject = serde_json::Map<String, serde_json::Value>;
/// A point in time; RFC 3339 with milliseconds on the wire.
#[cfg(feature = "client")]
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// The contract with generated code: everything bindings call besides what users call, in one
/// place. Generated code names it in full (`::wixgen_runtime::__rt::wire_struct!(…)`); it is not
/// for hand-written code and may change with the generator.
#[cfg(feature = "client")]
#[doc(hidden)]
pub mod __rt {
    pub use crate::client::Endpoint;
    pub use crate::contract::{Conversion, HttpMethod};
    pub use crate::paging::{items, Paging};
    pub use crate::query_builder::QueryMethod;
    pub use crate::wire::enums::{self, WireEnum};
    pub use crate::wire::field_mask;
    pub use crate::wire::fields;
    pub use crate::wire::no_content::NoContent;
    pub use crate::wire::paths::fill_path;
    pub use crate::wire::proto3;
    pub use crate::wire::query::query_pairs;
    pub use crate::wire::renames::{rest_names_to_sdk, sdk_names_to_rest};
    pub use crate::wire::required::missing_required;
    pub use crate::wire::sdk_request::SdkRequest;
    pub use crate::wire::shape::{Shape, ShapeField};
    pub use crate::wire::timestamp;
    pub use crate::wire::unlisted::Unlisted;
    pub use crate::{method_error, wire_enum, wire_one_of, wire_struct};

    // The crates generated code uses, reached through the runtime so users add nothing else.
    pub use chrono;
    pub use serde;
    pub use serde_json;
}
