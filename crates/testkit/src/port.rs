use std::collections::BTreeSet;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Mutex, PoisonError};

use crate::TestkitError;

/// The conventional NATS port. A developer's own server may listen there, and a test that
/// talked to it would read or write somebody else's data.
pub(crate) const RESERVED_PORT: u16 = 4222;

/// Ports already handed out by this process. The kernel may return a port again as soon as the
/// probing listener is closed, before the test server has bound it; remembering them keeps two
/// servers of one test binary from racing for the same port.
static ISSUED: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());

/// Returns a loopback port that nothing listens on right now, and never 4222.
///
/// The port is only free until somebody binds it; [`crate::NatsServer::start`] retries on a new
/// port if another process wins that race.
///
/// # Errors
///
/// [`TestkitError::FreePort`] if the operating system cannot bind a loopback socket.
pub fn free_port() -> Result<u16, TestkitError> {
    // Lock poisoning only means another test panicked while holding the set, which is intact.
    let mut issued = ISSUED.lock().unwrap_or_else(PoisonError::into_inner);
    // Rejected listeners stay open until a port is accepted, so the kernel cannot offer the
    // same rejected port again.
    let mut rejected = Vec::new();
    loop {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .map_err(|source| TestkitError::FreePort { source })?;
        let port = listener
            .local_addr()
            .map_err(|source| TestkitError::FreePort { source })?
            .port();
        if port != RESERVED_PORT && issued.insert(port) {
            return Ok(port);
        }
        rejected.push(listener);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_port_is_bindable_and_not_the_reserved_port() {
        let port = free_port().unwrap();
        assert_ne!(port, RESERVED_PORT);
        TcpListener::bind((Ipv4Addr::LOCALHOST, port)).unwrap();
    }

    #[test]
    fn free_port_does_not_repeat_within_a_process() {
        let ports: BTreeSet<u16> = (0..50).map(|_| free_port().unwrap()).collect();
        assert_eq!(ports.len(), 50);
    }
}
