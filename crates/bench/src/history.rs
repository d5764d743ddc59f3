//! A large, valid history written straight to JetStream, for the audit benchmark.
//!
//! Going through the command handler would take hours for a million events, so the
//! commits are built here with `proto-events`, chained per aggregate exactly as the
//! handler chains them, and appended the way the event log appends them: under the
//! aggregate's subject, with the expected last subject sequence and the command id as
//! message id. The stream then holds the same bytes Ladder writes. Many aggregates are
//! in flight at once; each aggregate's commits go one after another, as they must.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use async_nats::jetstream::{self, message::PublishMessage};
use futures::{StreamExt, TryStreamExt};
use jiff::Timestamp;
use jiff::civil::Date;
use proto_events::{
    AggregateKind, BudgetApproved, BudgetClosed, BudgetRequested, Commit, CommitHash, CommitHeader,
    Currency, ErgRegistered, ErgRole, ErgRoleAssigned, Event, EventRecord, GENESIS_HASH, Money,
    ProjectCompleted, ProjectStarted,
};
use uuid::Uuid;

use crate::progress;

/// Aggregates being appended at once.
const IN_FLIGHT: usize = 512;

/// The effective date of every event; the benchmark measures reading, not dates.
const DAY: Date = Date::constant(2026, 1, 5);

/// One aggregate's events, one per commit: (command name, actor, event).
struct Plan {
    kind: AggregateKind,
    id: Uuid,
    commits: Vec<(&'static str, Uuid, Event)>,
}

/// The aggregates of one ERG's activity, ten events: an ERG with four role
/// assignments, a budget requested, approved and closed, and a project started and
/// completed. The first `limit` events are kept.
fn unit(limit: usize, eur: Currency) -> Vec<Plan> {
    let id = Uuid::now_v7;
    let (erg, budget, project) = (id(), id(), id());
    let (admin, owner, approver, lead, sponsor) = (id(), id(), id(), id(), id());
    let money = |minor| Money {
        minor,
        currency: eur,
    };
    let mut erg_commits = vec![(
        "register-erg",
        admin,
        Event::ErgRegistered(ErgRegistered {
            name: "Benchmark group".to_owned(),
            sensitive: false,
        }),
    )];
    for role in [
        ErgRole::Chair,
        ErgRole::CoChair,
        ErgRole::Treasurer,
        ErgRole::EventLead,
    ] {
        erg_commits.push((
            "assign-erg-role",
            admin,
            Event::ErgRoleAssigned(ErgRoleAssigned {
                employee_id: id(),
                role,
                term_start: DAY,
            }),
        ));
    }
    let plans = vec![
        Plan {
            kind: AggregateKind::Erg,
            id: erg,
            commits: erg_commits,
        },
        Plan {
            kind: AggregateKind::Budget,
            id: budget,
            commits: vec![
                (
                    "request-budget",
                    owner,
                    Event::BudgetRequested(BudgetRequested {
                        erg_id: erg,
                        owner_id: owner,
                        amount: money(50_000),
                        purpose: "Speaker fees".to_owned(),
                    }),
                ),
                (
                    "approve-budget",
                    approver,
                    Event::BudgetApproved(BudgetApproved {
                        approver_id: approver,
                        approved: money(45_000),
                    }),
                ),
                (
                    "close-budget",
                    approver,
                    Event::BudgetClosed(BudgetClosed {
                        closed_by: approver,
                        spent: money(44_000),
                    }),
                ),
            ],
        },
        Plan {
            kind: AggregateKind::Project,
            id: project,
            commits: vec![
                (
                    "start-project",
                    lead,
                    Event::ProjectStarted(ProjectStarted {
                        title: "Mentoring circle".to_owned(),
                        lead_id: lead,
                        sponsor_id: sponsor,
                        erg_id: Some(erg),
                        kind: "mentoring-circle".to_owned(),
                    }),
                ),
                (
                    "complete-project",
                    sponsor,
                    Event::ProjectCompleted(ProjectCompleted {
                        signed_off_by: sponsor,
                        outcome: "Twelve pairs met monthly".to_owned(),
                    }),
                ),
            ],
        },
    ];
    let mut left = limit;
    plans
        .into_iter()
        .filter_map(|mut plan| {
            plan.commits.truncate(left);
            left -= plan.commits.len();
            (!plan.commits.is_empty()).then_some(plan)
        })
        .collect()
}

/// Appends one aggregate's commits in order, each chained to the one before.
async fn append(js: jetstream::Context, plan: Plan) -> Result<usize> {
    let subject = proto_events::subject::aggregate(plan.kind, plan.id);
    let (mut prev, mut last_seq) = (GENESIS_HASH, 0u64);
    let count = plan.commits.len();
    for (command, actor, event) in plan.commits {
        let command_id = Uuid::now_v7();
        let commit = Commit {
            header: CommitHeader {
                aggregate_kind: plan.kind,
                aggregate_id: plan.id,
                command: command.to_owned(),
                command_id,
                command_digest: CommitHash::of(command_id.as_bytes()).0,
                actor,
                correlation_id: command_id,
                causation_id: command_id,
                recorded_at: Timestamp::now(),
                prev_hash: prev,
            },
            events: vec![EventRecord {
                event_id: Uuid::now_v7(),
                effective_date: DAY,
                schema_version: event.event_type().current_version(),
                event,
            }],
        };
        let bytes = commit.encode().context("cannot encode a commit")?;
        prev = CommitHash::of(&bytes);
        let publish = PublishMessage::build()
            .payload(bytes.into())
            .message_id(command_id.to_string())
            .expected_last_subject_sequence(last_seq);
        let ack = js
            .send_publish(subject.clone(), publish)
            .await
            .context("cannot send a commit")?
            .await
            .context("a commit was not acknowledged")?;
        if ack.duplicate {
            bail!("a fresh command id was taken for a duplicate");
        }
        last_seq = ack.sequence;
    }
    Ok(count)
}

/// Writes `events` events (one per commit) into `LADDER_EVENTS` at `nats_url`;
/// returns how long it took.
pub(crate) async fn populate(nats_url: &str, events: usize) -> Result<Duration> {
    let client = async_nats::ConnectOptions::new()
        .name("ladder-bench-history")
        .connect(nats_url)
        .await
        .with_context(|| format!("cannot connect to NATS at {nats_url}"))?;
    let js = jetstream::ContextBuilder::new()
        .timeout(Duration::from_secs(60))
        .ack_timeout(Duration::from_secs(60))
        .build(client);
    let eur: Currency = "EUR".parse().context("EUR is a currency")?;
    let bar = progress::bar("writing history", events as u64);
    let started = Instant::now();
    let plans =
        (0..events.div_ceil(10)).flat_map(|u| unit(events.saturating_sub(u * 10).min(10), eur));
    futures::stream::iter(plans)
        .map(|plan| append(js.clone(), plan))
        .buffer_unordered(IN_FLIGHT)
        .try_for_each(|n| {
            bar.inc(n as u64);
            futures::future::ready(Ok(()))
        })
        .await?;
    bar.finish_and_clear();
    Ok(started.elapsed())
}
