//! wixgen: Wix API reference pages → typed Rust bindings.
//!
//! The pipeline runs one way: doc pages ([`docs`]) → schema IR ([`schema`], saved as YAML) →
//! bindings. [`import`] drives the first stage over files and directories.

pub mod diagnostics;
pub mod docs;
pub mod import;
pub mod overrides;
pub mod schema;
