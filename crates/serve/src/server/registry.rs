//! The open connections, which of them are idle, and closing the longest-idle one under pressure.
//!
//! A connection is *busy* from the moment a request head has been read until its response body
//! has been sent, and *idle* otherwise: waiting for a first request, trickling a header in, or kept
//! alive between requests. When the server is at its connection limit (or the process runs out of
//! file descriptors), the connection idle for longest is closed to make room, so a flood of silent
//! or slow clients cannot lock out a client that sends a whole request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::Notify;

/// One connection's state, shared by its task and the registry.
#[derive(Debug)]
pub struct Connection {
    /// Requests being answered (head read, body not yet sent).
    busy: AtomicUsize,
    /// Whether it ever delivered a whole request head.
    served: AtomicBool,
    /// When it last became idle, in milliseconds since the registry started.
    idle_since_ms: AtomicU64,
    /// Told when the registry closes this connection to make room.
    pub evicted: Notify,
    started: Instant,
}

impl Connection {
    fn now_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// Marks a request as started; the guard marks it finished when dropped (with its body).
    pub fn busy(self: &Arc<Self>) -> BusyGuard {
        self.busy.fetch_add(1, Ordering::AcqRel);
        self.served.store(true, Ordering::Release);
        BusyGuard(self.clone())
    }

    /// When idle, its place in the eviction order: never-served first, then longest idle.
    fn eviction_order(&self) -> Option<(bool, u64)> {
        (self.busy.load(Ordering::Acquire) == 0).then(|| {
            (
                self.served.load(Ordering::Acquire),
                self.idle_since_ms.load(Ordering::Acquire),
            )
        })
    }
}

/// A request in progress on a connection; dropping it ends the request.
#[derive(Debug)]
pub struct BusyGuard(Arc<Connection>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        let conn = &self.0;
        conn.idle_since_ms.store(conn.now_ms(), Ordering::Release);
        conn.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Every open connection of one server.
#[derive(Debug)]
pub struct Registry {
    connections: Mutex<HashMap<u64, Arc<Connection>>>,
    next_id: AtomicU64,
    started: Instant,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            connections: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(0),
            started: Instant::now(),
        }
    }
}

impl Registry {
    /// Registers a new (idle) connection.
    pub fn open(&self) -> (u64, Arc<Connection>) {
        let conn = Arc::new(Connection {
            busy: AtomicUsize::new(0),
            served: AtomicBool::new(false),
            idle_since_ms: AtomicU64::new(0),
            evicted: Notify::new(),
            started: self.started,
        });
        conn.idle_since_ms.store(conn.now_ms(), Ordering::Release);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut map) = self.connections.lock() {
            map.insert(id, conn.clone());
        }
        (id, conn)
    }

    /// Forgets a closed connection.
    pub fn close(&self, id: u64) {
        if let Ok(mut map) = self.connections.lock() {
            map.remove(&id);
        }
    }

    /// Connections open.
    pub fn len(&self) -> usize {
        self.connections.lock().map(|m| m.len()).unwrap_or(0)
    }

    /// True when no connection is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Closes an idle connection, never-served ones first, longest idle first; false when every
    /// connection is busy.
    pub fn evict_idle(&self) -> bool {
        let Ok(mut map) = self.connections.lock() else {
            return false;
        };
        let oldest = map
            .iter()
            .filter_map(|(id, c)| c.eviction_order().map(|order| (order, *id)))
            .min();
        match oldest.and_then(|(_, id)| map.remove(&id)) {
            Some(conn) => {
                conn.evicted.notify_one();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use futures_util::FutureExt;

    use super::*;

    #[test]
    fn a_client_that_sent_requests_outlives_newer_silent_connections() {
        let registry = Registry::default();
        let (_, client) = registry.open();
        drop(client.busy()); // one request answered, now kept alive and idle
        std::thread::sleep(std::time::Duration::from_millis(5));
        let (_, silent) = registry.open();
        assert!(registry.evict_idle());
        assert_eq!(registry.len(), 1);
        assert!(
            silent.evicted.notified().now_or_never().is_some(),
            "the silent one goes"
        );
        assert!(
            client.evicted.notified().now_or_never().is_none(),
            "the client stays"
        );
    }

    #[test]
    fn the_longest_idle_connection_goes_first_and_busy_ones_stay() {
        let registry = Registry::default();
        let (_, silent) = registry.open();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let (_, working) = registry.open();
        let (_, recent) = registry.open();
        let guard = working.busy();
        assert!(registry.evict_idle());
        assert_eq!(registry.len(), 2);
        // The silent one was told; the busy one is never chosen.
        assert!(registry.evict_idle());
        assert!(!registry.evict_idle(), "only a busy connection is left");
        drop(guard);
        assert!(registry.evict_idle());
        assert!(registry.is_empty());
        drop((silent, recent));
    }
}
