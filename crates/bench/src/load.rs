//! Sending a prepared stream through a node's NATS front with many lines in flight,
//! each only after the lines it depends on (see [`crate::schedule`]), and checking that
//! the node accepted every command and every statement.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use ladder_service::XAPI_SUBJECT;
use serde::Deserialize;

use crate::commands;
use crate::progress;
use crate::schedule::Schedule;
use crate::stream::{Line, Prepared, Request};

/// How often a batch is sent again when a void in it found the statements before it
/// not yet in the read models (the node waits 5 s for them each time).
const MAX_RESENDS: u64 = 20;

/// What loading the stream took.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) elapsed: Duration,
    /// Commands accepted: all of them.
    pub(crate) commands: usize,
    /// Statements accepted: all of them.
    pub(crate) statements: usize,
    /// Conflict replies that were retried; only other nodes cause them.
    pub(crate) conflict_replies: u64,
    /// Statement batches sent again because a void came before the read models had
    /// the statements it withdraws.
    pub(crate) resent_batches: u64,
}

/// Sends every line of `prepared` with at most `concurrency` in flight. Fails on the
/// first line the node does not accept in full.
pub(crate) async fn load(
    client: &async_nats::Client,
    prepared: &Prepared,
    concurrency: usize,
) -> Result<Loaded> {
    let mut schedule = Schedule::new(&prepared.access);
    let bar = progress::bar("loading the scenario", prepared.lines.len() as u64);
    let mut in_flight = FuturesUnordered::new();
    let mut loaded = Loaded {
        elapsed: Duration::ZERO,
        commands: 0,
        statements: 0,
        conflict_replies: 0,
        resent_batches: 0,
    };
    let started = Instant::now();
    loop {
        while in_flight.len() < concurrency.max(1) {
            let Some(index) = schedule.next() else { break };
            let line = &prepared.lines[index];
            in_flight.push(send_line(client.clone(), line.clone(), index));
        }
        let Some((index, sent)) = in_flight.next().await else {
            break;
        };
        let retries = sent.with_context(|| format!("line {} of the scenario", index + 1))?;
        match prepared.lines[index].request {
            Request::Command { .. } => {
                loaded.commands += 1;
                loaded.conflict_replies += retries;
            }
            Request::Statements { count } => {
                loaded.statements += count;
                loaded.resent_batches += retries;
            }
        }
        schedule.finish(index);
        bar.inc(1);
    }
    loaded.elapsed = started.elapsed();
    bar.finish_and_clear();
    // Lines only ever wait for earlier lines, so the schedule cannot stall; this
    // guards the count in the report.
    if !schedule.is_complete() {
        bail!("the load stopped with lines still waiting");
    }
    Ok(loaded)
}

/// Sends one line until the node accepted it; the result is `index` and the retries.
async fn send_line(client: async_nats::Client, line: Line, index: usize) -> (usize, Result<u64>) {
    let sent = match line.request {
        Request::Command { subject } => commands::send(&client, &subject, line.body).await,
        Request::Statements { count } => send_statements(&client, line.body, count).await,
    };
    (index, sent)
}

/// The node's reply to a batch of statements.
#[derive(Debug, Deserialize)]
struct XapiReply {
    results: Vec<StatementResult>,
}

#[derive(Debug, Deserialize)]
struct StatementResult {
    status: String,
    code: Option<String>,
    message: Option<String>,
}

/// What to do after a batch's reply.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Accepted,
    /// A void came too early; the same batch is to be sent again.
    Resend,
    Refused(String),
}

/// Judges the results of a batch of `count` statements. Every statement must be
/// accepted; on a resend, those accepted the time before are duplicates.
fn judge(results: &[StatementResult], count: usize, resent: bool) -> Verdict {
    if results.len() != count {
        return Verdict::Refused(format!("{} results for {count} statements", results.len()));
    }
    let mut resend = false;
    for (position, result) in results.iter().enumerate() {
        match (result.status.as_str(), result.code.as_deref()) {
            ("accepted", _) => {}
            ("duplicate", _) if resent => {}
            ("rejected", Some("not-yet-projected")) => resend = true,
            (status, code) => {
                return Verdict::Refused(format!(
                    "statement {} of {count} {status} ({}): {}",
                    position + 1,
                    code.unwrap_or("no code"),
                    result.message.as_deref().unwrap_or("no message")
                ));
            }
        }
    }
    if resend {
        Verdict::Resend
    } else {
        Verdict::Accepted
    }
}

/// Sends a batch of `count` statements until every one is accepted. Returns the
/// resends.
async fn send_statements(client: &async_nats::Client, body: Bytes, count: usize) -> Result<u64> {
    for resends in 0..=MAX_RESENDS {
        let reply = client
            .request(XAPI_SUBJECT, body.clone())
            .await
            .with_context(|| format!("request on {XAPI_SUBJECT} failed"))?;
        let parsed: XapiReply = serde_json::from_slice(&reply.payload).with_context(|| {
            format!(
                "{XAPI_SUBJECT} answered {}",
                String::from_utf8_lossy(&reply.payload)
            )
        })?;
        match judge(&parsed.results, count, resends > 0) {
            Verdict::Accepted => return Ok(resends),
            Verdict::Resend => {}
            Verdict::Refused(why) => bail!("{XAPI_SUBJECT} did not accept a batch: {why}"),
        }
    }
    bail!("a batch of statements still found its voids too early after {MAX_RESENDS} resends")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(status: &str, code: Option<&str>) -> StatementResult {
        StatementResult {
            status: status.to_owned(),
            code: code.map(str::to_owned),
            message: None,
        }
    }

    #[test]
    fn a_batch_counts_only_when_every_statement_is_accepted() {
        let accepted = [result("accepted", None), result("accepted", None)];
        assert_eq!(judge(&accepted, 2, false), Verdict::Accepted);

        let ignored = [
            result("accepted", None),
            result("ignored", Some("unmapped-verb")),
        ];
        assert!(matches!(judge(&ignored, 2, false), Verdict::Refused(_)));

        let short = [result("accepted", None)];
        assert!(matches!(judge(&short, 2, false), Verdict::Refused(_)));
    }

    #[test]
    fn an_early_void_sends_the_batch_again_and_duplicates_then_count() {
        let early = [
            result("accepted", None),
            result("rejected", Some("not-yet-projected")),
        ];
        assert_eq!(judge(&early, 2, false), Verdict::Resend);

        let again = [result("duplicate", None), result("accepted", None)];
        assert_eq!(judge(&again, 2, true), Verdict::Accepted);
        // A duplicate on the first send means the statement was there before the load.
        assert!(matches!(judge(&again, 2, false), Verdict::Refused(_)));
    }

    #[test]
    fn other_rejections_are_refusals() {
        let unknown = [result("rejected", Some("unknown-actor"))];
        assert!(matches!(judge(&unknown, 1, false), Verdict::Refused(_)));
    }
}
