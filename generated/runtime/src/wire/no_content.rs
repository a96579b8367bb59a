//! Empty answers: a method that documents no response body still gets one (often `{}` or
//! nothing), which must decode without failing the call.

/// A response without a documented body: accepts anything, including nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| NoContent)
    }
}
