//! Commands planned on scenario days, put in an order the service accepts.
//!
//! Each part of the generator plans its commands without regard to the others; the
//! plan then sorts them by day, and within a day by their step in a life cycle
//! (a registration before a role, a request before its decision). Sorting is stable,
//! so commands of one day and step keep the order they were planned in.

use ladder_domain::{Command, CommandBody, CommandMeta, CommandName};
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::dice::Dice;

/// One command and the scenario day it happens on.
#[derive(Debug)]
struct Planned {
    day: i32,
    step: u8,
    command: Command,
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
            command,
        });
        command_id
    }

    /// The commands in stream order, each with its day as effective date.
    pub(crate) fn into_commands(mut self, calendar: &Calendar) -> Vec<Command> {
        self.planned.sort_by_key(|p| (p.day, p.step));
        self.planned
            .into_iter()
            .map(|mut planned| {
                planned.command.meta.effective_date = Some(calendar.date(planned.day));
                planned.command
            })
            .collect()
    }
}

/// A command's place among the commands of one day: what it depends on comes first. A
/// table rather than a match, so that commands added to the catalogue, which the
/// generator does not plan, need no arm here.
const STEPS: [(CommandName, u8); 9] = [
    (CommandName::RegisterErg, 0),
    // A handover ends the old term before the new one is assigned.
    (CommandName::EndErgRole, 1),
    (CommandName::AssignErgRole, 2),
    (CommandName::RequestBudget, 3),
    (CommandName::StartProject, 3),
    (CommandName::ApproveBudget, 4),
    (CommandName::RejectBudget, 4),
    (CommandName::CloseBudget, 5),
    (CommandName::CompleteProject, 5),
];

fn step(name: CommandName) -> u8 {
    STEPS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(u8::MAX, |(_, step)| *step)
}
