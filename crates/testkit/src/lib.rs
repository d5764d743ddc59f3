//! Test support: real nats-server processes on free loopback ports.
//!
//! Ladder's integration tests and benchmarks run against the same event log as production, a
//! JetStream server, never a mock. [`NatsServer`] starts one `nats-server` process per test with
//! the shipped configuration (`ops/nats-server.conf`, which fsyncs every write), on a loopback
//! port of its own and with a temporary storage directory, and stops it when dropped. Restart
//! and crash tests keep the port and the storage directory across [`NatsServer::restart`].
//!
//! The binary is never installed from here: run `ops/install-nats` once, or point
//! `LADDER_NATS_SERVER` at a `nats-server` 2.11.0 or newer (see [`nats_server_binary`]).
//!
//! Everything is synchronous, so sync tests and async tests (inside a runtime, where blocking a
//! few hundred milliseconds at start-up is acceptable) use the same calls.

mod binary;
mod child;
mod error;
mod port;
mod server;

pub use binary::{nats_server_binary, workspace_root};
pub use child::ChildGuard;
pub use error::TestkitError;
pub use port::free_port;
pub use server::{NatsServer, ServerOptions};
