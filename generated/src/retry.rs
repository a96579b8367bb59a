//! Retries: exponential backoff with full jitter on 429, 503 and connection failures, honouring
//! `Retry-After`, capped in attempts and total time, for calls that are safe to repeat.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// No retry starts after this much time has passed since the first attempt.
    pub max_elapsed: Duration,
    /// Retry calls that are not known to be safe to repeat (POSTs that create or change).
    pub retry_all_methods: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
            retry_all_methods: false,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1): `Retry-After` when the
    /// server gave one (capped by `max_backoff`), else a random share of the exponential backoff.
    pub fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_backoff);
        }
        let exponential = self
            .initial_backoff
            .saturating_mul(1 << attempt.saturating_sub(1).min(16));
        let ceiling = exponential.min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }

    pub(crate) fn allows(&self, idempotent: bool) -> bool {
        self.max_attempts > 1 && (idempotent || self.retry_all_methods)
    }
}

/// `Retry-After` in seconds (the form Wix sends).
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_within_its_caps() {
        let policy = RetryPolicy::default();
        for attempt in 1..20 {
            let wait = policy.backoff(attempt, None);
            assert!(wait <= policy.max_backoff);
            assert!(wait <= policy.initial_backoff * 2u32.pow((attempt - 1).min(16)));
        }
        assert_eq!(
            policy.backoff(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            policy.backoff(1, Some(Duration::from_secs(600))),
            policy.max_backoff
        );
        assert!(!RetryPolicy::disabled().allows(true));
        assert!(!policy.allows(false));
    }
}
