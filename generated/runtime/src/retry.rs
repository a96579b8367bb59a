//! Retries: exponential backoff with full jitter on 429, 503 and connection failures, honouring
//! `Retry-After`, capped in attempts and total time, for calls that are safe to repeat.

use std::time::Duration;

/// When and how often a call is retried; the default retries calls that are safe to repeat
/// up to three attempts within 30 seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// The ceiling of the first wait; each following one doubles it.
    pub initial_backoff: Duration,
    /// The longest wait between attempts, `Retry-After` included.
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

/// The longest `Retry-After` taken as given; anything longer (or unreadable) is this long, and
/// the policy's `max_backoff` caps it further.
const RETRY_AFTER_CAP: Duration = Duration::from_secs(3600);

/// `Retry-After` in seconds (the form Wix sends). Whatever the server sends, this never
/// panics: a value out of range (`1e20`) is capped, a negative or unreadable one ignored.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    let seconds = value.trim().parse::<f64>().ok().filter(|s| *s >= 0.0)?;
    Some(Duration::try_from_secs_f64(seconds).map_or(RETRY_AFTER_CAP, |d| d.min(RETRY_AFTER_CAP)))
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
        let header = |value: &str| {
            let mut headers = reqwest::header::HeaderMap::new();
            headers.insert(reqwest::header::RETRY_AFTER, value.parse().unwrap());
            retry_after(&headers)
        };
        assert_eq!(header("2"), Some(Duration::from_secs(2)));
        assert_eq!(header("1e20"), Some(RETRY_AFTER_CAP));
        assert_eq!(header("inf"), Some(RETRY_AFTER_CAP));
        assert_eq!(header("-1"), None);
        assert_eq!(header("NaN"), None);
        assert_eq!(header("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert!(!policy.allows(false));
    }
}
