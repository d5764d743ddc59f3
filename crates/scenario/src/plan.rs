//! Commands and xAPI statements planned on scenario days, put in an order the service
//! accepts.
//!
//! Each part of the generator plans its commands without regard to the others; the
//! plan then sorts them by day, and within a day by their step in a life cycle
//! (a registration before a role, a request before its decision, an LMS account link
//! before the account's statements). Sorting is stable, so commands of one day and step
//! keep the order they were planned in. Statements of one day that follow each other are
//! sent together, in batches as an LMS sends them.

use ladder_domain::{Command, CommandBody, CommandMeta, CommandName};
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::dice::Dice;
use crate::statement::Statement;

/// The most statements the LMS sends in one request.
const BATCH: usize = 50;

/// What happens on a day: a command or an LMS statement.
#[derive(Debug)]
enum Entry {
    Command(Command),
    Statement(Statement),
}

/// One entry and the scenario day it happens on.
#[derive(Debug)]
struct Planned {
    day: i32,
    step: u8,
    entry: Entry,
}

/// Statements sent in one request, after the first `after` commands of the stream.
#[derive(Debug, Clone)]
pub(crate) struct Batch {
    pub(crate) after: usize,
    pub(crate) statements: Vec<Statement>,
}

/// The stream in order: the commands, and the statement batches between them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stream {
    pub(crate) commands: Vec<Command>,
    pub(crate) batches: Vec<Batch>,
}

/// The commands planned so far.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    planned: Vec<Planned>,
}

/// Ties a command to the business transaction it belongs to.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    /// The first command of the transaction, e.g. the budget request.
    pub(crate) correlation: Uuid,
    /// The command this one answers, e.g. the approval a closing follows.
    pub(crate) causation: Uuid,
}

impl Plan {
    /// Plans the command `name` with `body`, issued by `actor` on `day`, with a command
    /// id drawn from `dice`; returns the command id.
    pub(crate) fn push(
        &mut self,
        day: i32,
        dice: &mut Dice,
        actor: Uuid,
        name: CommandName,
        body: CommandBody,
    ) -> Uuid {
        self.push_command(day, dice, actor, name, body, None)
    }

    /// The same for a command that follows an earlier one of its transaction.
    pub(crate) fn push_linked(
        &mut self,
        day: i32,
        dice: &mut Dice,
        actor: Uuid,
        name: CommandName,
        body: CommandBody,
        link: Link,
    ) -> Uuid {
        self.push_command(day, dice, actor, name, body, Some(link))
    }

    fn push_command(
        &mut self,
        day: i32,
        dice: &mut Dice,
        actor: Uuid,
        name: CommandName,
        body: CommandBody,
        link: Option<Link>,
    ) -> Uuid {
        let command_id = dice.uuid();
        let command = Command {
            name,
            meta: CommandMeta {
                command_id,
                actor,
                effective_date: None,
                correlation_id: link.map(|l| l.correlation),
                causation_id: link.map(|l| l.causation),
            },
            body,
        };
        self.planned.push(Planned {
            day,
            step: step(name),
            entry: Entry::Command(command),
        });
        command_id
    }

    /// Plans an LMS statement on `day`; on its day it follows every command.
    pub(crate) fn push_statement(&mut self, day: i32, statement: Statement) {
        self.planned.push(Planned {
            day,
            step: STATEMENT_STEP,
            entry: Entry::Statement(statement),
        });
    }

    /// The stream in order, each command with its day as effective date.
    pub(crate) fn into_stream(mut self, calendar: &Calendar) -> Stream {
        self.planned.sort_by_key(|p| (p.day, p.step));
        let mut stream = Stream::default();
        let mut batch_day = None;
        for planned in self.planned {
            match planned.entry {
                Entry::Command(mut command) => {
                    command.meta.effective_date = Some(calendar.date(planned.day));
                    stream.commands.push(command);
                }
                Entry::Statement(statement) => {
                    let after = stream.commands.len();
                    match stream.batches.last_mut() {
                        Some(batch)
                            if batch.after == after
                                && batch_day == Some(planned.day)
                                && batch.statements.len() < BATCH =>
                        {
                            batch.statements.push(statement);
                        }
                        _ => stream.batches.push(Batch {
                            after,
                            statements: vec![statement],
                        }),
                    }
                    batch_day = Some(planned.day);
                }
            }
        }
        stream
    }
}

/// A command's place among the commands of one day: what it depends on comes first.
/// Commands the generator does not plan have no entry and would come last.
const STEPS: [(CommandName, u8); 21] = [
    (CommandName::OnboardEmployee, 0),
    (CommandName::RegisterErg, 0),
    (CommandName::LinkLmsAccount, 1),
    // A handover ends the old term before the new one is assigned.
    (CommandName::EndErgRole, 1),
    (CommandName::AssignErgRole, 2),
    (CommandName::RequestBudget, 3),
    (CommandName::StartProject, 3),
    (CommandName::StartMentorship, 3),
    (CommandName::DefinePosition, 3),
    (CommandName::GrantVisibilityConsent, 3),
    (CommandName::ApproveBudget, 4),
    (CommandName::RejectBudget, 4),
    (CommandName::RecordMentorshipMilestone, 4),
    (CommandName::NominateSuccessor, 4),
    (CommandName::WithdrawVisibilityConsent, 4),
    (CommandName::CloseBudget, 5),
    (CommandName::CompleteProject, 5),
    (CommandName::CompleteMentorship, 5),
    (CommandName::WithdrawNomination, 5),
    (CommandName::FillPosition, 6),
    (CommandName::RecordDeparture, 7),
];

/// Statements come after the day's commands, so an account linked on a day can report
/// learning the same day.
const STATEMENT_STEP: u8 = 8;

fn step(name: CommandName) -> u8 {
    STEPS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(u8::MAX, |(_, step)| *step)
}
