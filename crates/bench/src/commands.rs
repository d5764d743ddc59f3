//! Ladder's full command path: JSON commands over NATS request-reply to a node that
//! loads, decides and appends, timed from the client.

use std::ops::Range;

use anyhow::{Context, Result, bail};
use bytes::Bytes;
use ladder_service::STATUS_HEADER;
use serde_json::json;
use uuid::Uuid;

use crate::drive::{Driven, drive};
use crate::progress;

/// A client gives up on a command after this many conflict replies in a row, each of
/// which already means the node lost the race on the aggregate several times.
const MAX_CONFLICT_REPLIES: u64 = 100;

/// Commands on distinct aggregates, encoded before any clock starts: `count` new
/// ERGs, and `count` new budgets, one per ERG, so that each budget request also looks
/// up the aggregate it refers to. Budget `i` needs ERG `i` registered first.
#[derive(Debug)]
pub(crate) struct Distinct {
    register: Vec<Bytes>,
    request_budget: Vec<Bytes>,
}

impl Distinct {
    pub(crate) fn new(count: usize) -> Result<Distinct> {
        let actor = Uuid::now_v7();
        let ergs: Vec<Uuid> = (0..count).map(|_| Uuid::now_v7()).collect();
        let register = ergs
            .iter()
            .enumerate()
            .map(|(i, erg)| {
                encode(&json!({
                    "command_id": Uuid::now_v7(), "actor": actor,
                    "erg_id": erg, "name": format!("Benchmark group {i}"), "sensitive": false,
                }))
            })
            .collect::<Result<_>>()?;
        let request_budget = ergs
            .iter()
            .map(|erg| {
                encode(&json!({
                    "command_id": Uuid::now_v7(), "actor": actor,
                    "budget_id": Uuid::now_v7(), "erg_id": erg, "owner_id": Uuid::now_v7(),
                    "amount_minor": 12_500, "currency": "EUR", "purpose": "Summit catering",
                }))
            })
            .collect::<Result<_>>()?;
        Ok(Distinct {
            register,
            request_budget,
        })
    }

    /// Sends the ERG registrations `range`.
    pub(crate) async fn register(
        &self,
        client: &async_nats::Client,
        range: Range<usize>,
        concurrency: usize,
        label: &str,
    ) -> Result<Driven> {
        let bodies = self.register.get(range).context("no such commands")?;
        send_all(client, "register-erg", bodies, concurrency, label).await
    }

    /// Sends the budget requests `range`.
    pub(crate) async fn request_budget(
        &self,
        client: &async_nats::Client,
        range: Range<usize>,
        concurrency: usize,
        label: &str,
    ) -> Result<Driven> {
        let bodies = self.request_budget.get(range).context("no such commands")?;
        send_all(client, "request-budget", bodies, concurrency, label).await
    }
}

/// The first day of every term in the shared ERG, and the day it is registered.
const TERM_START: &str = "2026-01-01";

/// Commands that all change one aggregate: role assignments to one ERG, sent
/// concurrently, though each must be decided against the history the previous one
/// left.
#[derive(Debug)]
pub(crate) struct Shared {
    register: Bytes,
    assign: Vec<Bytes>,
}

impl Shared {
    pub(crate) fn new(count: usize) -> Result<Shared> {
        let actor = Uuid::now_v7();
        let erg = Uuid::now_v7();
        // Registered on the day the terms start: a term may not start before its group.
        let register = encode(&json!({
            "command_id": Uuid::now_v7(), "actor": actor, "effective_date": TERM_START,
            "erg_id": erg, "name": "Benchmark shared group", "sensitive": false,
        }))?;
        let assign = (0..count)
            .map(|_| {
                encode(&json!({
                    "command_id": Uuid::now_v7(), "actor": actor,
                    "erg_id": erg, "employee_id": Uuid::now_v7(),
                    "role": "committee-member", "term_start": TERM_START,
                }))
            })
            .collect::<Result<_>>()?;
        Ok(Shared { register, assign })
    }

    /// Registers the ERG (untimed), then sends every assignment to it.
    pub(crate) async fn run(
        &self,
        client: &async_nats::Client,
        concurrency: usize,
        label: &str,
    ) -> Result<Driven> {
        send(client, "ladder.cmd.register-erg", self.register.clone()).await?;
        send_all(client, "assign-erg-role", &self.assign, concurrency, label).await
    }
}

fn encode(body: &serde_json::Value) -> Result<Bytes> {
    Ok(serde_json::to_vec(body)
        .context("cannot encode a command")?
        .into())
}

/// Sends `bodies` as `command` with `concurrency` requests in flight. The retries in
/// the result are conflict replies.
async fn send_all(
    client: &async_nats::Client,
    command: &str,
    bodies: &[Bytes],
    concurrency: usize,
    label: &str,
) -> Result<Driven> {
    let bar = progress::bar(label, bodies.len() as u64);
    let subject = format!("ladder.cmd.{command}");
    let (client, bodies) = (client.clone(), bodies.to_vec());
    drive(bodies.len(), concurrency, &bar, move |i| {
        let (client, subject, body) = (client.clone(), subject.clone(), bodies[i].clone());
        async move { send(&client, &subject, body).await }
    })
    .await
    .with_context(|| format!("{label} failed"))
}

/// Sends one command until it is accepted, retrying conflicts with the same body (and
/// so the same command id), as a publisher is told to. Returns the conflicts met.
pub(crate) async fn send(client: &async_nats::Client, subject: &str, body: Bytes) -> Result<u64> {
    let mut conflicts = 0;
    loop {
        let reply = client
            .request(subject.to_owned(), body.clone())
            .await
            .with_context(|| format!("request on {subject} failed"))?;
        let status = reply
            .headers
            .as_ref()
            .and_then(|h| h.get(STATUS_HEADER))
            .map(|v| v.as_str().to_owned());
        match status.as_deref() {
            Some("200") => return Ok(conflicts),
            Some("409") if conflicts < MAX_CONFLICT_REPLIES => conflicts += 1,
            _ => bail!(
                "{subject} answered {}: {}",
                status.as_deref().unwrap_or("without a status"),
                String::from_utf8_lossy(&reply.payload)
            ),
        }
    }
}
