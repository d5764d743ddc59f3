//! The generated scenario as the requests a node receives, each with the aggregates it
//! touches, so that [`crate::schedule`] can send unrelated ones together.
//!
//! The lines are those of `ladder gen` (the same settings give the same bytes), read back
//! the way `ladder load` reads them. A command's aggregates come from the domain's own
//! parse (`target` and `references`); a batch of xAPI statements from `ladder-xapi`'s
//! mapping, which the node applies to the same bytes: each learning statement writes
//! its learner's LMS account (which the HRIS's `link-lms-account` created, so it comes
//! after the link and after the learner's earlier statements) and its statement id; a
//! void reads the id of the statement it withdraws.

use anyhow::{Context, Result, bail};
use bytes::Bytes;
use jiff::ToSpan;
use jiff::civil::Date;
use ladder_domain::{Command, CommandBody};
use ladder_scenario::Settings;
use ladder_xapi::{Mapping, Outcome};
use proto_events::AggregateKind;
use serde::Deserialize;
use uuid::Uuid;

use crate::schedule::Access;

/// What lines of the stream wait for each other on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    /// An aggregate, as the event log's subject names it.
    Aggregate(AggregateKind, Uuid),
    /// A learning statement, which a void may withdraw.
    Statement(Uuid),
}

/// Where a line goes.
#[derive(Clone, Debug)]
pub(crate) enum Request {
    /// A command on `ladder.cmd.<name>`.
    Command { subject: String },
    /// A batch of this many xAPI statements on the xAPI subject.
    Statements { count: usize },
}

/// One line of the stream, encoded as it is sent.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    pub(crate) request: Request,
    pub(crate) body: Bytes,
}

/// The whole stream and what the queries are asked about.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) lines: Vec<Line>,
    /// Per line, what it touches.
    pub(crate) access: Vec<Access<Key>>,
    pub(crate) commands: usize,
    pub(crate) statements: usize,
    /// Size of the stream as `ladder gen` writes it.
    pub(crate) jsonl_bytes: usize,
    /// The positions defined, in stream order.
    pub(crate) positions: Vec<Uuid>,
    /// The employees onboarded, in stream order.
    pub(crate) employees: Vec<Uuid>,
    /// The scenario's last day: the `as_of` of the planning queries.
    pub(crate) last_day: Date,
}

/// One line as `ladder load` reads it.
#[derive(Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum Raw {
    Command {
        command: String,
        body: serde_json::Value,
    },
    Xapi {
        xapi: serde_json::Value,
    },
}

/// Generates the scenario of `settings` and prepares every line.
pub(crate) fn prepare(settings: &Settings, mapping: &Mapping) -> Result<Prepared> {
    let scenario = ladder_scenario::generate(settings).context("cannot generate the scenario")?;
    let mut jsonl = Vec::new();
    scenario
        .write_jsonl(&mut jsonl)
        .context("cannot write the scenario's lines")?;
    let expected = scenario.lines();
    drop(scenario);
    let mut prepared = Prepared {
        lines: Vec::with_capacity(expected),
        access: Vec::with_capacity(expected),
        commands: 0,
        statements: 0,
        jsonl_bytes: jsonl.len(),
        positions: Vec::new(),
        employees: Vec::new(),
        last_day: last_day(settings.start, settings.years)?,
    };
    for (number, raw) in (1..).zip(jsonl.split(|b| *b == b'\n')) {
        if raw.is_empty() {
            continue;
        }
        let raw: Raw = serde_json::from_slice(raw)
            .with_context(|| format!("line {number} of the scenario is not a line of it"))?;
        let (line, access) = match raw {
            Raw::Command { command, body } => prepared.command(&command, &body),
            Raw::Xapi { xapi } => prepared.statements(&xapi, mapping),
        }
        .with_context(|| format!("line {number} of the scenario"))?;
        prepared.lines.push(line);
        prepared.access.push(access);
    }
    if prepared.lines.len() != expected {
        bail!(
            "read {} lines back from a scenario of {expected}",
            prepared.lines.len()
        );
    }
    Ok(prepared)
}

impl Prepared {
    fn command(&mut self, name: &str, body: &serde_json::Value) -> Result<(Line, Access<Key>)> {
        let body = serde_json::to_vec(body).context("cannot encode a command body")?;
        let command = Command::parse(name, &body).context("the generator wrote a bad command")?;
        let (kind, id) = command.target();
        match &command.body {
            CommandBody::DefinePosition(define) => self.positions.push(define.position_id),
            CommandBody::OnboardEmployee(onboard) => self.employees.push(onboard.employee_id),
            _ => {}
        }
        self.commands += 1;
        let access = Access {
            reads: command
                .references()
                .into_iter()
                .map(|(kind, id)| Key::Aggregate(kind, id))
                .collect(),
            writes: vec![Key::Aggregate(kind, id)],
        };
        let request = Request::Command {
            subject: format!("ladder.cmd.{name}"),
        };
        Ok((
            Line {
                request,
                body: body.into(),
            },
            access,
        ))
    }

    fn statements(
        &mut self,
        batch: &serde_json::Value,
        mapping: &Mapping,
    ) -> Result<(Line, Access<Key>)> {
        let body = serde_json::to_vec(batch).context("cannot encode statements")?;
        let outcomes = ladder_xapi::ingest(&body, mapping)
            .context("the generator wrote statements that are not a batch")?;
        let mut access = Access {
            reads: Vec::new(),
            writes: Vec::new(),
        };
        for outcome in &outcomes {
            // A statement the node would reject or ignore waits for nothing; the load
            // reports it as not accepted.
            match outcome {
                Ok(Outcome::Learning(fact)) => {
                    access
                        .writes
                        .push(Key::Aggregate(AggregateKind::LmsAccount, fact.account_id));
                    access.writes.push(Key::Statement(fact.statement_id));
                }
                Ok(Outcome::Void(void)) => access.reads.push(Key::Statement(void.target)),
                Ok(Outcome::Ignored(_)) | Err(_) => {}
            }
        }
        self.statements += outcomes.len();
        let request = Request::Statements {
            count: outcomes.len(),
        };
        Ok((
            Line {
                request,
                body: body.into(),
            },
            access,
        ))
    }
}

/// The last day of a scenario of `years` years from `start`.
pub(crate) fn last_day(start: Date, years: u32) -> Result<Date> {
    start
        .checked_add(i64::from(years).years())
        .and_then(Date::yesterday)
        .with_context(|| format!("{years} years from {start} is not a date"))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "test code: a failed expectation is a failed test"
)]
mod tests {
    use super::*;

    #[test]
    fn the_last_day_is_the_eve_of_the_anniversary() {
        let start = jiff::civil::date(2025, 1, 1);
        assert_eq!(last_day(start, 3).unwrap(), jiff::civil::date(2027, 12, 31));
        let leap = jiff::civil::date(2024, 3, 1);
        assert_eq!(last_day(leap, 1).unwrap(), jiff::civil::date(2025, 2, 28));
    }

    #[test]
    fn a_small_scenario_is_read_back_with_its_aggregates() {
        let settings = Settings {
            employees: 60,
            years: 1,
            seed: 3,
            start: ladder_scenario::DEFAULT_START,
        };
        let scenario = ladder_scenario::generate(&settings).unwrap();

        let prepared = prepare(&settings, &Mapping::default()).unwrap();

        assert_eq!(prepared.lines.len(), scenario.lines());
        assert_eq!(prepared.commands, scenario.commands().len());
        assert_eq!(prepared.statements, scenario.statements());
        assert_eq!(prepared.employees.len(), 60);
        // Every command writes its own aggregate; a budget request reads its ERG, which
        // an earlier line wrote.
        let budget = prepared
            .lines
            .iter()
            .position(|l| {
                matches!(&l.request, Request::Command { subject } if subject == "ladder.cmd.request-budget")
            })
            .unwrap();
        let erg = prepared.access[budget].reads[0];
        assert!(matches!(erg, Key::Aggregate(AggregateKind::Erg, _)));
        assert!(
            prepared.access[..budget]
                .iter()
                .any(|a| a.writes.contains(&erg))
        );
        // Every learner's account a batch writes was linked by an earlier line.
        let mut checked = 0;
        for (index, line) in prepared.lines.iter().enumerate() {
            if !matches!(line.request, Request::Statements { .. }) {
                continue;
            }
            for key in &prepared.access[index].writes {
                if matches!(key, Key::Aggregate(AggregateKind::LmsAccount, _)) {
                    let linked = prepared.lines[..index].iter().zip(&prepared.access).any(
                        |(line, access)| {
                            matches!(&line.request, Request::Command { subject }
                                if subject == "ladder.cmd.link-lms-account")
                                && access.writes.contains(key)
                        },
                    );
                    assert!(linked, "a statement before its account's link");
                    checked += 1;
                }
            }
        }
        assert!(checked > 0, "the scenario holds learning statements");
    }
}
