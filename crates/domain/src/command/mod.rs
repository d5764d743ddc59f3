//! Commands as publishers send them, parsed strictly and checked field by field.
//!
//! A command arrives as a command name and a JSON object. Parsing refuses unknown
//! fields, names the field at fault, and checks each field on its own (lengths,
//! currency codes, amounts). Whether the command is *allowed* given history is
//! decided later, in [`crate::decide`].

mod bodies;
mod email;
pub(crate) mod json;
mod learning;
mod mentoring;
mod succession;
mod validate;

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use proto_events::{AggregateKind, Commit};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use bodies::{
    ApproveBudget, AssignErgRole, CloseBudget, CompleteProject, EndErgRole, RegisterErg,
    RejectBudget, RequestBudget, StartProject,
};
pub use email::address_in as email_address_in;
pub use learning::{RecordLearning, RevokeLearning};
pub use mentoring::{
    CompleteMentorship, LinkLmsAccount, RecordMentorshipMilestone, StartMentorship,
};
pub use succession::{
    DefinePosition, FillPosition, NominateSuccessor, OnboardEmployee, RecordDeparture,
    RequirementBody, VisibilityConsent, WithdrawNomination,
};
pub use validate::limits;

/// The names of the commands, a contract other teams code against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CommandName {
    /// `register-erg`
    RegisterErg,
    /// `assign-erg-role`
    AssignErgRole,
    /// `end-erg-role`
    EndErgRole,
    /// `request-budget`
    RequestBudget,
    /// `approve-budget`
    ApproveBudget,
    /// `reject-budget`
    RejectBudget,
    /// `close-budget`
    CloseBudget,
    /// `start-project`
    StartProject,
    /// `complete-project`
    CompleteProject,
    /// `link-lms-account`
    LinkLmsAccount,
    /// `start-mentorship`
    StartMentorship,
    /// `record-mentorship-milestone`
    RecordMentorshipMilestone,
    /// `complete-mentorship`
    CompleteMentorship,
    /// `record-learning`, issued by Ladder's xAPI ingestion only.
    RecordLearning,
    /// `revoke-learning`, issued by Ladder's xAPI ingestion only.
    RevokeLearning,
    /// `define-position`
    DefinePosition,
    /// `nominate-successor`
    NominateSuccessor,
    /// `withdraw-nomination`
    WithdrawNomination,
    /// `fill-position`
    FillPosition,
    /// `onboard-employee`
    OnboardEmployee,
    /// `record-departure`
    RecordDeparture,
    /// `grant-visibility-consent`
    GrantVisibilityConsent,
    /// `withdraw-visibility-consent`
    WithdrawVisibilityConsent,
}

impl CommandName {
    /// Every command, in catalogue order.
    pub const ALL: [CommandName; 23] = [
        CommandName::RegisterErg,
        CommandName::AssignErgRole,
        CommandName::EndErgRole,
        CommandName::RequestBudget,
        CommandName::ApproveBudget,
        CommandName::RejectBudget,
        CommandName::CloseBudget,
        CommandName::StartProject,
        CommandName::CompleteProject,
        CommandName::LinkLmsAccount,
        CommandName::StartMentorship,
        CommandName::RecordMentorshipMilestone,
        CommandName::CompleteMentorship,
        CommandName::RecordLearning,
        CommandName::RevokeLearning,
        CommandName::DefinePosition,
        CommandName::NominateSuccessor,
        CommandName::WithdrawNomination,
        CommandName::FillPosition,
        CommandName::OnboardEmployee,
        CommandName::RecordDeparture,
        CommandName::GrantVisibilityConsent,
        CommandName::WithdrawVisibilityConsent,
    ];

    /// The kebab-case name used in subjects and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            CommandName::RegisterErg => "register-erg",
            CommandName::AssignErgRole => "assign-erg-role",
            CommandName::EndErgRole => "end-erg-role",
            CommandName::RequestBudget => "request-budget",
            CommandName::ApproveBudget => "approve-budget",
            CommandName::RejectBudget => "reject-budget",
            CommandName::CloseBudget => "close-budget",
            CommandName::StartProject => "start-project",
            CommandName::CompleteProject => "complete-project",
            CommandName::LinkLmsAccount => "link-lms-account",
            CommandName::StartMentorship => "start-mentorship",
            CommandName::RecordMentorshipMilestone => "record-mentorship-milestone",
            CommandName::CompleteMentorship => "complete-mentorship",
            CommandName::RecordLearning => "record-learning",
            CommandName::RevokeLearning => "revoke-learning",
            CommandName::DefinePosition => "define-position",
            CommandName::NominateSuccessor => "nominate-successor",
            CommandName::WithdrawNomination => "withdraw-nomination",
            CommandName::FillPosition => "fill-position",
            CommandName::OnboardEmployee => "onboard-employee",
            CommandName::RecordDeparture => "record-departure",
            CommandName::GrantVisibilityConsent => "grant-visibility-consent",
            CommandName::WithdrawVisibilityConsent => "withdraw-visibility-consent",
        }
    }

    /// Whether publishers may send the command. Learning records come only through
    /// the xAPI endpoint, which validates statements and knows the trusted issuers.
    pub fn is_public(self) -> bool {
        !matches!(
            self,
            CommandName::RecordLearning | CommandName::RevokeLearning
        )
    }
}

impl fmt::Display for CommandName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CommandName {
    type Err = InvalidCommand;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| unknown_command(s))
    }
}

fn unknown_command(name: &str) -> InvalidCommand {
    let known: Vec<&str> = CommandName::ALL
        .iter()
        .filter(|c| c.is_public())
        .map(|c| c.as_str())
        .collect();
    InvalidCommand::body(format!(
        "unknown command `{name}`; known: {}",
        known.join(", ")
    ))
}

/// Fields every command carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CommandMeta {
    /// The idempotency key: a retry with the same id returns the original reply.
    #[serde(with = "json::id")]
    pub command_id: Uuid,
    /// Who issues the command: a person or a service.
    #[serde(with = "json::id")]
    pub actor: Uuid,
    /// When it happened in the business; the recorded day when absent. Not before the
    /// step of the same aggregate it follows (a budget's request, a project's start, …).
    #[serde(
        with = "json::opt_date",
        skip_serializing_if = "Option::is_none",
        default
    )]
    #[schema(value_type = Option<String>, format = Date)]
    pub effective_date: Option<Date>,
    /// Groups commands of one business transaction; the command id when absent.
    #[serde(
        default,
        with = "json::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub correlation_id: Option<Uuid>,
    /// The message that caused this command; the command id when absent.
    #[serde(
        default,
        with = "json::opt_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub causation_id: Option<Uuid>,
}

const META_FIELDS: [&str; 5] = [
    "command_id",
    "actor",
    "effective_date",
    "correlation_id",
    "causation_id",
];

/// The command-specific part of a command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CommandBody {
    /// See [`RegisterErg`].
    RegisterErg(RegisterErg),
    /// See [`AssignErgRole`].
    AssignErgRole(AssignErgRole),
    /// See [`EndErgRole`].
    EndErgRole(EndErgRole),
    /// See [`RequestBudget`].
    RequestBudget(RequestBudget),
    /// See [`ApproveBudget`].
    ApproveBudget(ApproveBudget),
    /// See [`RejectBudget`].
    RejectBudget(RejectBudget),
    /// See [`CloseBudget`].
    CloseBudget(CloseBudget),
    /// See [`StartProject`].
    StartProject(StartProject),
    /// See [`CompleteProject`].
    CompleteProject(CompleteProject),
    /// See [`LinkLmsAccount`].
    LinkLmsAccount(LinkLmsAccount),
    /// See [`StartMentorship`].
    StartMentorship(StartMentorship),
    /// See [`RecordMentorshipMilestone`].
    RecordMentorshipMilestone(RecordMentorshipMilestone),
    /// See [`CompleteMentorship`].
    CompleteMentorship(CompleteMentorship),
    /// See [`RecordLearning`].
    RecordLearning(RecordLearning),
    /// See [`RevokeLearning`].
    RevokeLearning(RevokeLearning),
    /// See [`DefinePosition`].
    DefinePosition(DefinePosition),
    /// See [`NominateSuccessor`].
    NominateSuccessor(NominateSuccessor),
    /// See [`WithdrawNomination`].
    WithdrawNomination(WithdrawNomination),
    /// See [`FillPosition`].
    FillPosition(FillPosition),
    /// See [`OnboardEmployee`].
    OnboardEmployee(OnboardEmployee),
    /// See [`RecordDeparture`].
    RecordDeparture(RecordDeparture),
    /// `grant-visibility-consent`; see [`VisibilityConsent`].
    GrantVisibilityConsent(VisibilityConsent),
    /// `withdraw-visibility-consent`; see [`VisibilityConsent`].
    WithdrawVisibilityConsent(VisibilityConsent),
}

/// A parsed, field-checked command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    /// Which command.
    pub name: CommandName,
    /// The shared fields.
    pub meta: CommandMeta,
    /// The command-specific fields.
    pub body: CommandBody,
}

/// A command that is malformed on its own, before any history is consulted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
pub struct InvalidCommand {
    /// The field at fault, as a path such as `term_start`; `None` for the body as a whole.
    pub field: Option<String>,
    /// What is wrong with it.
    pub message: String,
}

impl InvalidCommand {
    pub(crate) fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        InvalidCommand {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    fn body(message: impl Into<String>) -> Self {
        InvalidCommand {
            field: None,
            message: message.into(),
        }
    }
}

impl Command {
    /// Parses the JSON body of the command called `name`.
    ///
    /// Fails with [`InvalidCommand`] naming the field when the body is not an object,
    /// a field is missing, unknown or of the wrong type, or a value breaks a limit.
    pub fn parse(name: &str, json: &[u8]) -> Result<Command, InvalidCommand> {
        let name = CommandName::from_str(name)
            .ok()
            .filter(|c| c.is_public())
            .ok_or_else(|| unknown_command(name))?;
        let object = match serde_json::from_slice::<json::UniqueObject>(json) {
            Ok(object) => object.0,
            Err(err) if err.is_data() => {
                if !matches!(serde_json::from_slice(json), Ok(Value::Object(_))) {
                    return Err(InvalidCommand::body("the body must be a JSON object"));
                }
                let message = err.to_string();
                return Err(InvalidCommand {
                    field: backticked(&message),
                    message,
                });
            }
            Err(err) => return Err(InvalidCommand::body(format!("the body is not JSON: {err}"))),
        };
        let (meta, rest): (Map<String, Value>, Map<String, Value>) = object
            .into_iter()
            .partition(|(k, _)| META_FIELDS.contains(&k.as_str()));
        // The command's own fields first: a misspelt shared field (`actr`) is then
        // reported as unknown, which names the typo, rather than as a missing `actor`.
        let body = match name {
            CommandName::RegisterErg => CommandBody::RegisterErg(from_object(rest)?),
            CommandName::AssignErgRole => CommandBody::AssignErgRole(from_object(rest)?),
            CommandName::EndErgRole => CommandBody::EndErgRole(from_object(rest)?),
            CommandName::RequestBudget => CommandBody::RequestBudget(from_object(rest)?),
            CommandName::ApproveBudget => CommandBody::ApproveBudget(from_object(rest)?),
            CommandName::RejectBudget => CommandBody::RejectBudget(from_object(rest)?),
            CommandName::CloseBudget => CommandBody::CloseBudget(from_object(rest)?),
            CommandName::StartProject => CommandBody::StartProject(from_object(rest)?),
            CommandName::CompleteProject => CommandBody::CompleteProject(from_object(rest)?),
            CommandName::LinkLmsAccount => CommandBody::LinkLmsAccount(from_object(rest)?),
            CommandName::StartMentorship => CommandBody::StartMentorship(from_object(rest)?),
            CommandName::RecordMentorshipMilestone => {
                CommandBody::RecordMentorshipMilestone(from_object(rest)?)
            }
            CommandName::CompleteMentorship => CommandBody::CompleteMentorship(from_object(rest)?),
            CommandName::RecordLearning => CommandBody::RecordLearning(from_object(rest)?),
            CommandName::RevokeLearning => CommandBody::RevokeLearning(from_object(rest)?),
            CommandName::DefinePosition => CommandBody::DefinePosition(from_object(rest)?),
            CommandName::NominateSuccessor => CommandBody::NominateSuccessor(from_object(rest)?),
            CommandName::WithdrawNomination => CommandBody::WithdrawNomination(from_object(rest)?),
            CommandName::FillPosition => CommandBody::FillPosition(from_object(rest)?),
            CommandName::OnboardEmployee => CommandBody::OnboardEmployee(from_object(rest)?),
            CommandName::RecordDeparture => CommandBody::RecordDeparture(from_object(rest)?),
            CommandName::GrantVisibilityConsent => {
                CommandBody::GrantVisibilityConsent(from_object(rest)?)
            }
            CommandName::WithdrawVisibilityConsent => {
                CommandBody::WithdrawVisibilityConsent(from_object(rest)?)
            }
        };
        let meta: CommandMeta = from_object(meta)?;
        validate::body(&body)?;
        Ok(Command { name, meta, body })
    }

    /// SHA-256 over the canonical form of the command, so that a retry with the same
    /// id can be told apart from a different command that reuses the id.
    pub fn digest(&self) -> [u8; 32] {
        // Field order is fixed by the struct definitions, so equal commands give
        // equal bytes whatever order or spacing the publisher used. Learning commands
        // are keyed by their statement alone: their metadata (a default date for an
        // undated statement) is Ladder's own and may differ on a retry.
        let canonical = if self.name.is_public() {
            serde_json::to_vec(&(self.name.as_str(), &self.meta, &self.body))
        } else {
            serde_json::to_vec(&(self.name.as_str(), &self.body))
        };
        Sha256::digest(canonical.unwrap_or_default()).into()
    }

    /// Whether `commit`, found under this command's id, recorded this same command, so
    /// that its outcome is the answer; otherwise the id was reused for another command.
    pub fn recorded_in(&self, commit: &Commit) -> bool {
        commit.header.command_digest == self.digest()
    }

    /// The aggregate the command changes.
    pub fn target(&self) -> (AggregateKind, Uuid) {
        match &self.body {
            CommandBody::RegisterErg(c) => (AggregateKind::Erg, c.erg_id),
            CommandBody::AssignErgRole(c) => (AggregateKind::Erg, c.erg_id),
            CommandBody::EndErgRole(c) => (AggregateKind::Erg, c.erg_id),
            CommandBody::RequestBudget(c) => (AggregateKind::Budget, c.budget_id),
            CommandBody::ApproveBudget(c) => (AggregateKind::Budget, c.budget_id),
            CommandBody::RejectBudget(c) => (AggregateKind::Budget, c.budget_id),
            CommandBody::CloseBudget(c) => (AggregateKind::Budget, c.budget_id),
            CommandBody::StartProject(c) => (AggregateKind::Project, c.project_id),
            CommandBody::CompleteProject(c) => (AggregateKind::Project, c.project_id),
            CommandBody::LinkLmsAccount(c) => (
                AggregateKind::LmsAccount,
                proto_events::lms::account_id(&proto_events::lms::account_key(
                    &c.home_page,
                    &c.account_name,
                )),
            ),
            CommandBody::StartMentorship(c) => (AggregateKind::Mentorship, c.mentorship_id),
            CommandBody::RecordMentorshipMilestone(c) => {
                (AggregateKind::Mentorship, c.mentorship_id)
            }
            CommandBody::CompleteMentorship(c) => (AggregateKind::Mentorship, c.mentorship_id),
            CommandBody::RecordLearning(c) => (AggregateKind::Learning, c.employee_id),
            CommandBody::RevokeLearning(c) => (AggregateKind::Learning, c.employee_id),
            CommandBody::DefinePosition(c) => (AggregateKind::Position, c.position_id),
            CommandBody::NominateSuccessor(c) => (AggregateKind::Position, c.position_id),
            CommandBody::WithdrawNomination(c) => (AggregateKind::Position, c.position_id),
            CommandBody::FillPosition(c) => (AggregateKind::Position, c.position_id),
            CommandBody::OnboardEmployee(c) => (AggregateKind::Employee, c.employee_id),
            CommandBody::RecordDeparture(c) => (AggregateKind::Employee, c.employee_id),
            CommandBody::GrantVisibilityConsent(c) | CommandBody::WithdrawVisibilityConsent(c) => {
                (AggregateKind::Employee, c.employee_id)
            }
        }
    }

    /// A command Ladder issues itself (learning records from xAPI), checked like a
    /// published one.
    pub fn internal(meta: CommandMeta, body: CommandBody) -> Result<Command, InvalidCommand> {
        let name = match &body {
            CommandBody::RecordLearning(_) => CommandName::RecordLearning,
            CommandBody::RevokeLearning(_) => CommandName::RevokeLearning,
            _ => {
                return Err(InvalidCommand::body(
                    "only learning commands are issued internally",
                ));
            }
        };
        // The date comes from an LMS statement's timestamp, which no parser here checked.
        if let Some(date) = meta.effective_date {
            json::in_range(date)
                .map_err(|message| InvalidCommand::field("effective_date", message))?;
        }
        validate::body(&body)?;
        Ok(Command { name, meta, body })
    }

    /// Other aggregates that must already exist for the command to be accepted. The
    /// employees a planner names as successor or as the one who fills a position must be
    /// onboarded and not departed, so their history is consulted too; other commands may
    /// name people the HRIS has not onboarded yet.
    pub fn references(&self) -> Vec<(AggregateKind, Uuid)> {
        match &self.body {
            CommandBody::RequestBudget(c) => vec![(AggregateKind::Erg, c.erg_id)],
            CommandBody::StartProject(StartProject {
                erg_id: Some(erg_id),
                ..
            }) => {
                vec![(AggregateKind::Erg, *erg_id)]
            }
            CommandBody::NominateSuccessor(c) => vec![(AggregateKind::Employee, c.candidate_id)],
            CommandBody::FillPosition(FillPosition {
                employee_id: Some(employee_id),
                ..
            }) => vec![(AggregateKind::Employee, *employee_id)],
            _ => Vec::new(),
        }
    }
}

/// Deserializes a JSON object into `T`, naming the offending field on failure.
fn from_object<T: serde::de::DeserializeOwned>(
    object: Map<String, Value>,
) -> Result<T, InvalidCommand> {
    serde_path_to_error::deserialize(Value::Object(object)).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        // serde reports missing and unknown fields on the object itself; the
        // field's name is then inside the message, in backticks.
        let field = if path == "." {
            backticked(&inner)
        } else {
            Some(path)
        };
        InvalidCommand {
            field,
            message: inner,
        }
    })
}

fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}
