//! The hand-written runtime the generated code calls: everything in this folder is written by
//! hand, everything the build script writes is generated. One file per concern.

pub mod auth;
pub mod client;
pub mod error;
pub mod paging;
pub mod retry;
pub mod wire;
