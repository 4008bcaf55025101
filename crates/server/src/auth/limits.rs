//! Rate limits on what anyone can call without an account: login attempts and anonymous
//! inquiries, per client address (GCRA buckets from `governor`, kept in memory).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// How many attempts a client may make, and over what period they are refilled.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    pub attempts: NonZeroU32,
    pub per: Duration,
}

pub struct RateLimits {
    login: DefaultKeyedRateLimiter<IpAddr>,
    inquiries: DefaultKeyedRateLimiter<IpAddr>,
}

impl RateLimits {
    pub fn new(login: Allowance, inquiries: Allowance) -> RateLimits {
        RateLimits { login: limiter(login), inquiries: limiter(inquiries) }
    }

    /// 10 logins a minute and 5 anonymous inquiries an hour from one address.
    pub fn production() -> RateLimits {
        let allowance = |attempts: u32, per: Duration| Allowance { attempts: NonZeroU32::new(attempts).unwrap(), per };
        RateLimits::new(allowance(10, Duration::from_secs(60)), allowance(5, Duration::from_secs(3600)))
    }

    pub fn check_login(&self, client: ClientAddress) -> Result<(), ApiError> {
        check(&self.login, client)
    }

    pub fn check_inquiry(&self, client: ClientAddress) -> Result<(), ApiError> {
        check(&self.inquiries, client)
    }
}

fn limiter(allowance: Allowance) -> DefaultKeyedRateLimiter<IpAddr> {
    let period = allowance.per / allowance.attempts.get();
    let quota = Quota::with_period(period).expect("a positive period").allow_burst(allowance.attempts);
    RateLimiter::keyed(quota)
}

fn check(limiter: &DefaultKeyedRateLimiter<IpAddr>, client: ClientAddress) -> Result<(), ApiError> {
    limiter.check_key(&client.0).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        ApiError::TooManyRequests { retry_after_seconds: wait.as_secs().max(1) }
    })
}

/// The address of the connection a request came on; unspecified when the service is
/// driven without a socket (tests), so that all such requests share one bucket.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
        Ok(ClientAddress(address.unwrap_or(IpAddr::from([0, 0, 0, 0]))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowance_is_spent_per_address() {
        let limits = RateLimits::new(
            Allowance { attempts: NonZeroU32::new(2).unwrap(), per: Duration::from_secs(60) },
            Allowance { attempts: NonZeroU32::new(1).unwrap(), per: Duration::from_secs(60) },
        );
        let (a, b) = (ClientAddress([10, 0, 0, 1].into()), ClientAddress([10, 0, 0, 2].into()));
        assert!(limits.check_login(a).is_ok());
        assert!(limits.check_login(a).is_ok());
        let refused = limits.check_login(a).unwrap_err();
        assert!(
            matches!(refused, ApiError::TooManyRequests { retry_after_seconds } if (1..=30).contains(&retry_after_seconds))
        );
        assert!(limits.check_login(b).is_ok());
        assert!(limits.check_inquiry(a).is_ok());
        assert!(limits.check_inquiry(a).is_err());
    }
}
