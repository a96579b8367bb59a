//! Helpers shared by the runtime's tests.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Collects every span and event as text: install with `tracing::subscriber::set_default`.
#[derive(Clone, Default)]
pub struct Capture(pub Arc<Mutex<Vec<String>>>);

struct Text<'a>(&'a mut String);

impl Visit for Text<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Text(&mut line));
        let mut lines = self.0.lock().unwrap();
        lines.push(line);
        Id::from_u64(lines.len() as u64)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = String::from("record");
        values.record(&mut Text(&mut line));
        self.0.lock().unwrap().push(line);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = String::from("event");
        event.record(&mut Text(&mut line));
        self.0.lock().unwrap().push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

impl Capture {
    /// Everything recorded so far, a line per span, record or event.
    pub fn text(&self) -> String {
        self.0.lock().unwrap().join("\n")
    }
}

/// A method error for calls made through the runtime directly.
#[derive(Debug)]
pub struct AnyError(pub wixgen_runtime::ApiError);

impl wixgen_runtime::MethodError for AnyError {
    fn from_api(error: wixgen_runtime::ApiError) -> Self {
        AnyError(error)
    }
    fn api_error(&self) -> &wixgen_runtime::ApiError {
        &self.0
    }
    fn documented(&self) -> Option<wixgen_runtime::DocumentedError> {
        None
    }
}

impl std::fmt::Display for AnyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}
