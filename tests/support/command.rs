//! Commands as a publisher writes them: a name and a JSON body.

use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The effective date the builders write unless a test picks another with [`Cmd::on`];
/// explicit so that answers do not depend on the day the test runs.
pub const DAY: &str = "2026-01-05";

/// One command: its catalogue name and its JSON body, shared fields included.
#[derive(Clone, Debug, PartialEq)]
pub struct Cmd {
    /// E.g. `register-erg`.
    pub name: &'static str,
    /// The JSON object sent.
    pub body: Value,
}

impl Cmd {
    /// A command with a fresh `command_id`, `actor` and [`DAY`] as effective date,
    /// plus the command's own `fields`.
    pub fn new(name: &'static str, actor: Uuid, fields: Value) -> Cmd {
        let mut body = Map::new();
        body.insert("command_id".to_owned(), json!(Uuid::now_v7()));
        body.insert("actor".to_owned(), json!(actor));
        body.insert("effective_date".to_owned(), json!(DAY));
        let Value::Object(fields) = fields else {
            panic!("command fields must be a JSON object");
        };
        body.extend(fields);
        Cmd {
            name,
            body: Value::Object(body),
        }
    }

    /// The idempotency key.
    pub fn command_id(&self) -> Uuid {
        serde_json::from_value(self.body["command_id"].clone()).expect("command_id is a UUID")
    }

    /// The same command with `field` set to `value` (added or replaced).
    #[must_use]
    pub fn with(mut self, field: &str, value: impl Into<Value>) -> Cmd {
        self.object().insert(field.to_owned(), value.into());
        self
    }

    /// The same command without `field`.
    #[must_use]
    pub fn without(mut self, field: &str) -> Cmd {
        self.object().remove(field);
        self
    }

    /// The same command effective on `date` (`YYYY-MM-DD`).
    #[must_use]
    pub fn on(self, date: &str) -> Cmd {
        self.with("effective_date", date)
    }

    /// The same command under a fresh command id: a new command, not a retry.
    #[must_use]
    pub fn anew(self) -> Cmd {
        self.with("command_id", json!(Uuid::now_v7()))
    }

    /// The body as bytes, as sent on the wire.
    pub fn bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.body).expect("a JSON value serializes")
    }

    fn object(&mut self) -> &mut Map<String, Value> {
        self.body
            .as_object_mut()
            .expect("a command body is an object")
    }
}

/// Builders for each command of the catalogue, with valid values for every field.
pub mod cmd {
    use serde_json::json;
    use uuid::Uuid;

    use super::Cmd;

    /// `register-erg`, not sensitive.
    pub fn register_erg(actor: Uuid, erg_id: Uuid, name: &str) -> Cmd {
        Cmd::new(
            "register-erg",
            actor,
            json!({"erg_id": erg_id, "name": name, "sensitive": false}),
        )
    }

    /// `assign-erg-role`.
    pub fn assign_role(
        actor: Uuid,
        erg_id: Uuid,
        employee_id: Uuid,
        role: &str,
        term_start: &str,
    ) -> Cmd {
        Cmd::new(
            "assign-erg-role",
            actor,
            json!({
                "erg_id": erg_id,
                "employee_id": employee_id,
                "role": role,
                "term_start": term_start,
            }),
        )
    }

    /// `end-erg-role`.
    pub fn end_role(
        actor: Uuid,
        erg_id: Uuid,
        employee_id: Uuid,
        role: &str,
        term_end: &str,
    ) -> Cmd {
        Cmd::new(
            "end-erg-role",
            actor,
            json!({
                "erg_id": erg_id,
                "employee_id": employee_id,
                "role": role,
                "term_end": term_end,
            }),
        )
    }

    /// `request-budget` in EUR, issued by the owner.
    pub fn request_budget(budget_id: Uuid, erg_id: Uuid, owner_id: Uuid, amount_minor: u64) -> Cmd {
        Cmd::new(
            "request-budget",
            owner_id,
            json!({
                "budget_id": budget_id,
                "erg_id": erg_id,
                "owner_id": owner_id,
                "amount_minor": amount_minor,
                "currency": "EUR",
                "purpose": "Speaker fees for the spring panel",
            }),
        )
    }

    /// `approve-budget` by `approver`.
    pub fn approve_budget(approver: Uuid, budget_id: Uuid, approved_minor: u64) -> Cmd {
        Cmd::new(
            "approve-budget",
            approver,
            json!({"budget_id": budget_id, "approved_minor": approved_minor}),
        )
    }

    /// `reject-budget` by `approver`.
    pub fn reject_budget(approver: Uuid, budget_id: Uuid, reason: &str) -> Cmd {
        Cmd::new(
            "reject-budget",
            approver,
            json!({"budget_id": budget_id, "reason": reason}),
        )
    }

    /// `close-budget` by `actor`.
    pub fn close_budget(actor: Uuid, budget_id: Uuid, spent_minor: u64) -> Cmd {
        Cmd::new(
            "close-budget",
            actor,
            json!({"budget_id": budget_id, "spent_minor": spent_minor}),
        )
    }

    /// `start-project` issued by the lead, for `erg_id` when given.
    pub fn start_project(
        project_id: Uuid,
        lead_id: Uuid,
        sponsor_id: Uuid,
        erg_id: Option<Uuid>,
    ) -> Cmd {
        let command = Cmd::new(
            "start-project",
            lead_id,
            json!({
                "project_id": project_id,
                "title": "Mentoring circle for new managers",
                "lead_id": lead_id,
                "sponsor_id": sponsor_id,
                "kind": "mentoring-circle",
            }),
        );
        match erg_id {
            Some(erg_id) => command.with("erg_id", json!(erg_id)),
            None => command,
        }
    }

    /// `complete-project` signed off by `actor`.
    pub fn complete_project(actor: Uuid, project_id: Uuid, outcome: &str) -> Cmd {
        Cmd::new(
            "complete-project",
            actor,
            json!({"project_id": project_id, "outcome": outcome}),
        )
    }
}
