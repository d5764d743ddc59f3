//! The harness of Ladder's integration tests: real nats-server processes, Ladder
//! nodes in-process or as `ladder serve` children, and clients for both fronts.
//!
//! Every test starts its own `nats-server` through [`ladder_testkit::NatsServer`]
//! (a free loopback port, a temporary store) and its own node on a temporary data
//! directory, so tests run side by side without sharing anything. Nothing here
//! sleeps to let time pass: waits poll a condition against a deadline
//! ([`eventually`]) or use the queries' `min_seq` (read-your-writes).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test harness: a failed expectation is a failed test"
)]

mod callers;
mod command;
mod commits;
pub mod competency;
pub mod development;
mod http;
mod nats;
mod node;
pub mod openapi;
pub mod privacy;
mod process;
mod reply;
mod story;
mod stream;
mod wait;
pub mod xapi;

pub use callers::Callers;
pub use command::{Cmd, DAY, cmd};
pub use commits::{commit_of, event_ids_of};
pub use http::Http;
pub use nats::NatsFront;
pub use node::{Node, NodeOptions, serve_config};
pub use process::LadderProcess;
pub use reply::{Accepted, Reply};
pub use story::{Recorded, Story};
pub use stream::{all_messages, stored_message, subject_messages};
pub use wait::{DEADLINE, eventually};

/// Starts a nats-server for one test; blocking, as the testkit is.
pub fn nats_server() -> ladder_testkit::NatsServer {
    ladder_testkit::NatsServer::start().expect("start nats-server (run ops/install-nats once)")
}
