//! Politeness: one request at a time per host, a pause between them, a global cap on requests.
//!
//! The pause for a host is max(our floor, the host's robots.txt Crawl-delay), capped so that a
//! site asking for an hour between pages cannot stall the crawl (such pages wait for the cap).
//! A per-host async mutex serialises requests; the instant of the last response is kept, and the
//! next request waits until that instant plus the pause. (`governor`'s rate limiter counts
//! requests per period but cannot hold a host to "one in flight", so this is hand-written.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Pause settings shared by all hosts.
#[derive(Debug, Clone, Copy)]
pub struct Pacing {
    /// The smallest pause between two requests to one host.
    pub floor: Duration,
    /// The largest pause we honour, whatever Crawl-delay says.
    pub cap: Duration,
}

impl Pacing {
    /// The pause for a host whose robots.txt asks for `crawl_delay` seconds.
    pub fn delay_for(&self, crawl_delay: Option<f32>) -> Duration {
        let asked = crawl_delay
            .filter(|d| d.is_finite() && *d > 0.0)
            .map(Duration::from_secs_f32)
            .unwrap_or_default();
        asked.max(self.floor).min(self.cap.max(self.floor))
    }
}

#[derive(Debug)]
struct HostSlot {
    last: Option<Instant>,
    delay: Duration,
}

/// Grants permission to send one request to a host.
#[derive(Clone)]
pub struct Gate {
    hosts: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<HostSlot>>>>>,
    global: Arc<Semaphore>,
    pacing: Pacing,
}

/// Held while a request is in flight; dropping it frees the host and the global slot.
pub struct Permit {
    slot: OwnedMutexGuard<HostSlot>,
    _global: OwnedSemaphorePermit,
}

impl Drop for Permit {
    fn drop(&mut self) {
        // The pause counts from the end of a request, so slow hosts are not hammered either.
        self.slot.last = Some(Instant::now());
    }
}

impl Gate {
    /// A gate allowing `concurrency` requests at once over all hosts.
    pub fn new(concurrency: usize, pacing: Pacing) -> Self {
        Gate {
            hosts: Arc::new(Mutex::new(HashMap::new())),
            global: Arc::new(Semaphore::new(concurrency.max(1))),
            pacing,
        }
    }

    fn slot(&self, host: &str) -> Arc<tokio::sync::Mutex<HostSlot>> {
        let mut hosts = self
            .hosts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        hosts
            .entry(host.to_string())
            .or_insert_with(|| {
                Arc::new(tokio::sync::Mutex::new(HostSlot {
                    last: None,
                    delay: self.pacing.floor,
                }))
            })
            .clone()
    }

    /// Sets a host's pause from its robots.txt Crawl-delay.
    pub async fn set_crawl_delay(&self, host: &str, crawl_delay: Option<f32>) {
        let slot = self.slot(host);
        slot.lock().await.delay = self.pacing.delay_for(crawl_delay);
    }

    /// Waits until `host` is free and its pause has passed, then returns the permit to send.
    pub async fn acquire(&self, host: &str) -> Permit {
        let slot = self.slot(host).lock_owned().await;
        if let Some(last) = slot.last {
            tokio::time::sleep_until(last + slot.delay).await;
        }
        let global = match self.global.clone().acquire_owned().await {
            Ok(permit) => permit,
            // The semaphore is never closed; if it were, fall back to a fresh one-slot permit.
            Err(_) => match Arc::new(Semaphore::new(1)).acquire_owned().await {
                Ok(permit) => permit,
                Err(_) => unreachable!("a new semaphore is open"),
            },
        };
        Permit {
            slot,
            _global: global,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawl_delay_is_floored_and_capped() {
        let pacing = Pacing {
            floor: Duration::from_millis(500),
            cap: Duration::from_secs(10),
        };
        assert_eq!(pacing.delay_for(None), Duration::from_millis(500));
        assert_eq!(pacing.delay_for(Some(0.1)), Duration::from_millis(500));
        assert_eq!(pacing.delay_for(Some(3.0)), Duration::from_secs(3));
        assert_eq!(pacing.delay_for(Some(3600.0)), Duration::from_secs(10));
    }

    #[tokio::test]
    async fn one_host_waits_for_its_pause() {
        let gate = Gate::new(
            4,
            Pacing {
                floor: Duration::from_millis(50),
                cap: Duration::from_secs(1),
            },
        );
        let start = std::time::Instant::now();
        for _ in 0..3 {
            drop(gate.acquire("a.gov.vn").await);
        }
        assert!(start.elapsed() >= Duration::from_millis(100));
    }
}
