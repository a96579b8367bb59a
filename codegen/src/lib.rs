//! wixgen: Wix API reference pages → typed Rust bindings.
//!
//! The pipeline runs one way: doc pages ([`docs`]) → schema IR ([`schema`], saved as YAML) →
//! model ([`resolve`]) → Rust ([`emit`]). [`import`] drives the first stage over files and
//! directories; [`Builder`] drives generation, for `build.rs`, the CLI and tests.

// docs.rs (`--cfg docsrs`, nightly): each item gated by a feature says which one.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

mod build_script;
mod builder;
pub mod diagnostics;
pub mod diff;
pub mod docs;
pub mod emit;
#[cfg(feature = "fetch")]
pub mod fetch;
mod generate;
pub mod import;
mod load;
mod output;
pub mod overrides;
pub mod resolve;
mod reuse;
pub mod schema;

pub use build_script::cargo_warnings;
pub use builder::{Builder, Error, ErrorKind, Layout, Rendered, Variants, HEADER};
pub use load::{load_schema, parse_schema};
pub use output::{record_arguments, recorded_arguments, MANIFEST};
