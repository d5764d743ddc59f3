//! Slates while commands keep arriving. Each sample sends one command that changes one
//! person (a new hire, through the NATS command API), waits untimed until the node has
//! applied it, then times one slate. That slate finds the node's level cache one commit
//! behind and brings it forward, which is what a planner meets on a node in use: the warm
//! samples of [`crate::queries`] are taken while nothing changes.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use bytes::Bytes;
use reqwest::Url;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::progress;
use crate::queries::{SLATE_LIMIT, Targets, get};

/// What the slates after a change measured.
#[derive(Debug)]
pub(crate) struct Changed {
    pub(crate) samples: Vec<Duration>,
    /// The bytes of all timed answers.
    pub(crate) bytes: u64,
}

/// `rounds` times: onboard a new employee, wait until the node applied it, time a slate.
pub(crate) async fn measure(
    base: &str,
    nats: &async_nats::Client,
    targets: &Targets,
    rounds: usize,
) -> Result<Changed> {
    if targets.positions.is_empty() {
        bail!("the scenario defines no positions");
    }
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(1)
        .build()
        .context("cannot build an HTTP client")?;
    let as_of = targets.as_of.to_string();
    let hris = Uuid::now_v7();
    let bar = progress::bar("slates after a change", rounds as u64);
    let mut changed = Changed {
        samples: Vec::with_capacity(rounds),
        bytes: 0,
    };
    for round in 0..rounds {
        let employee = Uuid::now_v7();
        let seq = onboard(nats, hris, employee, &as_of).await?;
        let applied = Url::parse_with_params(
            &format!("{base}/v1/employees/{employee}/evidence"),
            &[("min_seq", seq.to_string())],
        )
        .context("cannot build the evidence URL")?;
        get(&client, applied).await?;

        let position = targets.positions[round % targets.positions.len()];
        let slate = Url::parse_with_params(
            &format!("{base}/v1/positions/{position}/candidates"),
            &[
                ("as_of", as_of.as_str()),
                ("limit", &SLATE_LIMIT.to_string()),
            ],
        )
        .context("cannot build the slate URL")?;
        let started = Instant::now();
        let body = get(&client, slate).await?;
        changed.samples.push(started.elapsed());
        changed.bytes += body.len() as u64;
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(changed)
}

/// Onboards `employee` on `day`; returns the stream sequence of the commit.
async fn onboard(nats: &async_nats::Client, hris: Uuid, employee: Uuid, day: &str) -> Result<u64> {
    let body = json!({
        "command_id": Uuid::now_v7(), "actor": hris, "effective_date": day,
        "employee_id": employee, "hire_date": day, "org_unit": "eng-platform",
        "job_level": "L3", "interests": [],
    });
    let body: Bytes = serde_json::to_vec(&body)
        .context("cannot encode a command")?
        .into();
    let reply = nats
        .request("ladder.cmd.onboard-employee", body)
        .await
        .context("onboard-employee request failed")?;
    let reply: Value =
        serde_json::from_slice(&reply.payload).context("onboard-employee: a reply not JSON")?;
    match (reply["status"].as_str(), reply["stream_seq"].as_u64()) {
        (Some("accepted"), Some(seq)) => Ok(seq),
        _ => bail!("onboard-employee was not accepted: {reply}"),
    }
}
