//! Given/when/then on one aggregate, without I/O: fold the commands accepted so far into a
//! state, then decide the next command against it.

use jiff::civil::Date;
use ladder_domain::command::limits;
use ladder_domain::{AggregateState, Command, References, Rejection, decide};
use proto_events::{AggregateKind, Event};
use serde_json::Value;
use uuid::Uuid;

/// A command name and its JSON body, as a publisher sends them.
pub(crate) type Named = (&'static str, Value);

/// The command id every body carries; no rule reads it.
pub(crate) const COMMAND: Uuid = Uuid::from_u128(0xc0de_0000_0000_0000_0000_0000_0000_0001);

/// The business date a given command without an `effective_date` is folded in with: the
/// earliest any command may carry, so that whatever date the command under test gives
/// follows it. Tests of date order date their given commands.
pub(crate) const UNDATED: Date = limits::EARLIEST_DATE;

/// One kind of aggregate and the references its commands are decided against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Aggregate {
    pub(crate) kind: AggregateKind,
    /// Builds the references; a function rather than a value so that an aggregate can be a
    /// `const` beside the ids of its test file.
    pub(crate) references: fn() -> References,
}

impl Aggregate {
    /// An aggregate whose commands need no other aggregate, framework or list to exist.
    pub(crate) const fn new(kind: AggregateKind) -> Self {
        Self {
            kind,
            references: References::default,
        }
    }

    /// The state after each command was accepted in turn; a refusal fails the test.
    pub(crate) fn given(&self, commands: &[Named]) -> AggregateState {
        let commands: Vec<Command> = commands.iter().cloned().map(parse).collect();
        self.given_commands(&commands)
    }

    /// As [`Aggregate::given`], for commands built in code, such as those Ladder issues itself.
    pub(crate) fn given_commands(&self, commands: &[Command]) -> AggregateState {
        let mut state = AggregateState::empty(self.kind);
        for command in commands {
            let events = self
                .when_command(&state, command)
                .unwrap_or_else(|rejection| {
                    panic!("given `{}` was rejected: {rejection}", command.name)
                });
            let on = command.meta.effective_date.unwrap_or(UNDATED);
            events.iter().for_each(|event| state.apply(event, on));
        }
        state
    }

    /// What the aggregate in `state` answers to `command`.
    pub(crate) fn when(
        &self,
        state: &AggregateState,
        command: Named,
    ) -> Result<Vec<Event>, Rejection> {
        when_with(state, command, &(self.references)())
    }

    /// As [`Aggregate::when`], for a command built in code.
    pub(crate) fn when_command(
        &self,
        state: &AggregateState,
        command: &Command,
    ) -> Result<Vec<Event>, Rejection> {
        decide(command, state, &(self.references)())
    }
}

/// What the aggregate in `state` answers to `command` when `references` stand instead of the
/// aggregate's own, as when a referenced aggregate is missing.
pub(crate) fn when_with(
    state: &AggregateState,
    command: Named,
    references: &References,
) -> Result<Vec<Event>, Rejection> {
    decide(&parse(command), state, references)
}

/// The command dated `day`.
pub(crate) fn on((name, mut body): Named, day: &str) -> Named {
    body["effective_date"] = Value::from(day);
    (name, body)
}

/// The command as Ladder's fronts parse it; a body that does not parse fails the test.
pub(crate) fn parse((name, body): Named) -> Command {
    Command::parse(name, body.to_string().as_bytes())
        .unwrap_or_else(|err| panic!("`{name}` does not parse: {err}"))
}

/// The code of the rejection `result` must hold.
pub(crate) fn code(result: Result<Vec<Event>, Rejection>) -> &'static str {
    result.expect_err("expected a rejection").code()
}
