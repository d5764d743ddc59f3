//! Every generated line is accepted when replayed in stream order, as the service handles it.
//!
//! Commands are parsed and decided against the folded history of their aggregate, the
//! aggregates that exist and the folded history of the employees they name as successors
//! or internal fills, with the default framework's competencies and levels and the
//! scenario's interest list configured. Statement batches are validated and mapped with the default
//! xAPI mapping; each statement must become a learning record of a linked account or the
//! voiding of a recorded statement of the same LMS, decided as the learning commands the
//! service issues for them. Nothing is ignored: the generator sends nothing Ladder drops.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Entry, Line, effective, generated, settings};
use jiff::civil::date;
use ladder_domain::command::{RecordLearning, RevokeLearning};
use ladder_domain::{AggregateState, Command, CommandBody, CommandMeta, References, decide};
use ladder_scenario::{INTERESTS, Settings, generate};
use ladder_xapi::{Mapping, Outcome};
use proto_events::AggregateKind;
use uuid::Uuid;

/// What a replay accepted, and what it refused, one line of text each.
#[derive(Debug, Default)]
struct Replay {
    states: BTreeMap<(AggregateKind, Uuid), AggregateState>,
    references: References,
    /// Recorded statement → its learner and issuer, as the read models answer a void.
    owners: BTreeMap<Uuid, (Uuid, String)>,
    commands: usize,
    learning: BTreeMap<&'static str, usize>,
    voids: usize,
    rejections: Vec<String>,
    /// The latest effective date a command carried: the day an undated command (a void)
    /// is recorded on, as the stream is replayed in date order.
    day: Option<jiff::civil::Date>,
}

impl Replay {
    fn new() -> Replay {
        let framework = ladder_competency::erg_leadership().unwrap();
        let mut references = References::default();
        references.set_competency_levels(framework.competencies().iter().map(|c| {
            let highest = c
                .levels()
                .last()
                .map_or(0, ladder_competency::Level::number);
            (c.id().to_owned(), highest)
        }));
        references.set_interests(INTERESTS.iter().map(|i| (*i).to_owned()));
        Replay {
            references,
            ..Replay::default()
        }
    }

    /// Decides `command`; `Err` holds the rejection's code and text.
    fn decide(&mut self, command: &Command) -> Result<(), String> {
        // As the handler does: an employee a command names is known by their history.
        for (kind, id) in command.references() {
            if let Some(AggregateState::Employee(employee)) = self.states.get(&(kind, id)) {
                self.references.insert_employee(id, employee.clone());
            }
        }
        self.day = self.day.max(command.meta.effective_date);
        let day = self.day.expect("the stream opens with a dated command");
        self.references.set_recorded_on(day);
        let on = command.meta.effective_date.unwrap_or(day);
        let (kind, id) = command.target();
        let state = self
            .states
            .entry((kind, id))
            .or_insert_with(|| AggregateState::empty(kind));
        let events = decide(command, state, &self.references)
            .map_err(|rejection| format!("rejected ({}): {rejection}", rejection.code()))?;
        for event in &events {
            state.apply(event, on);
        }
        self.references.insert(kind, id);
        Ok(())
    }

    fn command(&mut self, place: &str, line: &Line) {
        let body = serde_json::to_vec(&line.body).unwrap();
        let command = Command::parse(&line.command, &body)
            .unwrap_or_else(|err| panic!("{place}: {} does not parse: {err}", line.command));
        self.commands += 1;
        if let Err(why) = self.decide(&command) {
            self.rejections
                .push(format!("{place}: {} {why}", line.command));
        }
    }

    fn statements(&mut self, place: &str, statements: &[serde_json::Value]) {
        let body = serde_json::to_vec(statements).unwrap();
        let outcomes = ladder_xapi::ingest(&body, &Mapping::default()).unwrap();
        assert_eq!(outcomes.len(), statements.len());
        for outcome in outcomes {
            let result = match outcome {
                Err(err) => Err(format!("invalid: {err}")),
                Ok(Outcome::Ignored(ignored)) => Err(format!("ignored: {}", ignored.reason)),
                Ok(Outcome::Learning(fact)) => self.record(&fact),
                Ok(Outcome::Void(void)) => self.void(&void),
            };
            if let Err(why) = result {
                self.rejections.push(format!("{place}: statement {why}"));
            }
        }
    }

    /// What the service does with a learning fact: find the employee the account is
    /// linked to, and record it under the statement's id.
    fn record(&mut self, fact: &ladder_xapi::LearningFact) -> Result<(), String> {
        let employee = match self
            .states
            .get(&(AggregateKind::LmsAccount, fact.account_id))
        {
            Some(AggregateState::LmsAccount(account)) => account.linked.as_ref(),
            _ => None,
        }
        .map(|linked| linked.employee_id)
        .ok_or_else(|| format!("{} from an unlinked account", fact.statement_id))?;
        let body = CommandBody::RecordLearning(RecordLearning {
            employee_id: employee,
            statement_id: fact.statement_id,
            kind: fact.kind,
            activity_id: fact.activity_id.clone(),
            issuer: fact.issuer.clone(),
            issuer_trusted: true,
            content_digest: None,
        });
        self.internal(fact.statement_id, fact.occurred_on, body)?;
        self.owners
            .insert(fact.statement_id, (employee, fact.issuer.clone()));
        *self.learning.entry(fact.kind.as_str()).or_default() += 1;
        Ok(())
    }

    /// What the service does with a void: find whose record the target is, check that the
    /// same LMS reported it, and revoke it.
    fn void(&mut self, void: &ladder_xapi::Void) -> Result<(), String> {
        let (employee, issuer) = self
            .owners
            .get(&void.target)
            .cloned()
            .ok_or_else(|| format!("{} voids an unrecorded statement", void.statement_id))?;
        if issuer != void.issuer {
            return Err(format!("{} voids another LMS's record", void.statement_id));
        }
        let body = CommandBody::RevokeLearning(RevokeLearning {
            employee_id: employee,
            statement_id: void.target,
            voided_by: void.statement_id,
        });
        self.internal(void.statement_id, None, body)?;
        self.voids += 1;
        Ok(())
    }

    fn internal(
        &mut self,
        statement_id: Uuid,
        effective_date: Option<jiff::civil::Date>,
        body: CommandBody,
    ) -> Result<(), String> {
        let meta = CommandMeta {
            command_id: statement_id,
            actor: Uuid::nil(),
            effective_date,
            correlation_id: None,
            causation_id: None,
        };
        let command = Command::internal(meta, body).map_err(|err| err.to_string())?;
        self.decide(&command)
    }
}

/// Replays the whole stream of `settings`.
fn replay(settings: &Settings) -> Replay {
    let mut replay = Replay::new();
    for (number, entry) in (1..).zip(common::entries(&common::jsonl(settings))) {
        let place = format!("line {number}");
        match entry {
            Entry::Command(line) => replay.command(&place, &line),
            Entry::Xapi(batch) => replay.statements(&place, &batch.xapi),
        }
    }
    replay
}

fn assert_accepted(settings: &Settings) -> Replay {
    let replay = replay(settings);
    assert!(replay.commands > 0);
    assert!(
        replay.rejections.is_empty(),
        "{} lines or statements refused for {settings:?}, first: {:?}",
        replay.rejections.len(),
        &replay.rejections[..replay.rejections.len().min(5)]
    );
    replay
}

#[test]
fn the_demo_scenario_is_accepted_line_by_line() {
    let replay = assert_accepted(&settings(200, 2, 2025));
    // The demo exercises every kind of learning record and a void.
    for kind in [
        "module-completed",
        "certification-awarded",
        "event-attended",
    ] {
        assert!(
            replay.learning.get(kind).is_some_and(|n| *n > 0),
            "no {kind} in {:?}",
            replay.learning
        );
    }
    assert!(replay.voids > 0);
}

#[test]
fn other_seeds_are_accepted_too() {
    for seed in [1, 2, 3, 99, u64::MAX] {
        assert_accepted(&settings(200, 2, seed));
    }
}

#[test]
fn the_smallest_workforce_is_accepted() {
    assert_accepted(&settings(ladder_scenario::MIN_EMPLOYEES, 3, 5));
}

#[test]
fn a_larger_workforce_over_three_years_is_accepted() {
    let replay = assert_accepted(&settings(3_000, 3, 8));
    let records: usize = replay.learning.values().sum();
    assert!(records > 5_000, "{records} learning records");
    assert!(replay.voids >= 10, "{} voids", replay.voids);
}

#[test]
fn a_start_in_the_middle_of_a_quarter_and_a_leap_year_is_accepted() {
    assert_accepted(&Settings {
        employees: 500,
        years: 2,
        seed: 4,
        start: date(2027, 5, 20),
    });
}

#[test]
fn the_written_lines_parse_back_into_the_generated_commands() {
    let settings = settings(300, 2, 6);
    let scenario = generate(&settings).unwrap();
    let bytes = common::jsonl(&settings);
    let entries = common::entries(&bytes);
    assert_eq!(entries.len(), scenario.lines());
    let lines = generated(&settings);
    assert_eq!(lines.len(), scenario.commands().len());
    for (line, command) in lines.iter().zip(scenario.commands()) {
        let body = serde_json::to_vec(&line.body).unwrap();
        assert_eq!(&Command::parse(&line.command, &body).unwrap(), command);
    }
    let statements = common::statements(&settings);
    assert_eq!(statements.len(), scenario.statements());
}

#[test]
fn ids_are_unique_and_dates_never_go_back() {
    let settings = settings(3_000, 3, 9);
    let bytes = common::jsonl(&settings);
    let mut ids = BTreeSet::new();
    let mut last = None;
    let mut lines = 0;
    for entry in common::entries(&bytes) {
        let dated: Vec<(String, jiff::civil::Date)> = match &entry {
            Entry::Command(line) => {
                vec![(common::text(line, "command_id").to_owned(), effective(line))]
            }
            Entry::Xapi(batch) => {
                assert!((1..=50).contains(&batch.xapi.len()));
                batch
                    .xapi
                    .iter()
                    .map(|s| {
                        (
                            s["id"].as_str().unwrap().to_owned(),
                            common::statement_date(s),
                        )
                    })
                    .collect()
            }
        };
        for (id, day) in dated {
            assert!(ids.insert(id.clone()), "{id} is used twice");
            assert!(
                last.is_none_or(|last| last <= day),
                "{id} goes back to {day}"
            );
            last = Some(day);
            lines += 1;
        }
    }
    assert_eq!(ids.len(), lines);
    // Everything but the hires happens within the scenario's three years.
    let commands = generated(&settings);
    let within = commands
        .iter()
        .filter(|l| l.command != "onboard-employee")
        .map(effective);
    assert!(within.clone().all(|d| d >= settings.start));
    assert!(within.clone().all(|d| d <= date(2027, 12, 31)));
}
