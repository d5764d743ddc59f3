//! One ERG leader's year, the happy path through every aggregate, with the
//! answers the read models must give once it is recorded.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::command::{Cmd, cmd};
use crate::reply::Accepted;

/// The people and things of the story; all ids fresh per test.
#[derive(Clone, Debug)]
pub struct Story {
    /// The HR partner who registers the ERG and assigns its chair.
    pub hr: Uuid,
    /// The employee who chairs the ERG, owns the budget and leads the project.
    pub chair: Uuid,
    /// The finance partner who approves the budget.
    pub approver: Uuid,
    /// The executive who sponsors and signs off the project.
    pub sponsor: Uuid,
    /// The ERG.
    pub erg_id: Uuid,
    /// The budget.
    pub budget_id: Uuid,
    /// The project.
    pub project_id: Uuid,
}

/// The accepted replies of [`Story::commands`], in order.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `register-erg`
    pub register: Accepted,
    /// `assign-erg-role` (chair)
    pub assign: Accepted,
    /// `request-budget`
    pub request: Accepted,
    /// `approve-budget`
    pub approve: Accepted,
    /// `close-budget`
    pub close: Accepted,
    /// `start-project`
    pub start: Accepted,
    /// `complete-project`
    pub complete: Accepted,
}

impl Recorded {
    /// From the replies in the order of [`Story::commands`].
    pub fn new(replies: &[Accepted]) -> Recorded {
        let [register, assign, request, approve, close, start, complete] = replies else {
            panic!(
                "the story has seven commands, got {} replies",
                replies.len()
            );
        };
        Recorded {
            register: register.clone(),
            assign: assign.clone(),
            request: request.clone(),
            approve: approve.clone(),
            close: close.clone(),
            start: start.clone(),
            complete: complete.clone(),
        }
    }

    /// The stream sequence of the last command.
    pub fn last_seq(&self) -> u64 {
        self.complete.stream_seq
    }
}

const ERG_NAME: &str = "Veterans in Tech";
const OUTCOME: &str = "Twelve new managers matched with mentors";

impl Story {
    /// Fresh ids for everyone.
    pub fn new() -> Story {
        Story {
            hr: Uuid::now_v7(),
            chair: Uuid::now_v7(),
            approver: Uuid::now_v7(),
            sponsor: Uuid::now_v7(),
            erg_id: Uuid::now_v7(),
            budget_id: Uuid::now_v7(),
            project_id: Uuid::now_v7(),
        }
    }

    /// The seven commands, each with its own effective date.
    pub fn commands(&self) -> Vec<Cmd> {
        vec![
            cmd::register_erg(self.hr, self.erg_id, ERG_NAME).on("2026-01-05"),
            cmd::assign_role(self.hr, self.erg_id, self.chair, "chair", "2026-01-10")
                .on("2026-01-10"),
            cmd::request_budget(self.budget_id, self.erg_id, self.chair, 250_000).on("2026-02-01"),
            cmd::approve_budget(self.approver, self.budget_id, 200_000).on("2026-02-03"),
            cmd::close_budget(self.chair, self.budget_id, 185_000).on("2026-03-31"),
            cmd::start_project(self.project_id, self.chair, self.sponsor, Some(self.erg_id))
                .on("2026-02-10"),
            cmd::complete_project(self.sponsor, self.project_id, OUTCOME).on("2026-06-30"),
        ]
    }

    /// `GET /v1/ergs/{erg_id}` once the story is recorded.
    pub fn expected_erg(&self, r: &Recorded) -> Value {
        json!({
            "erg_id": self.erg_id,
            "name": ERG_NAME,
            "sensitive": false,
            "registered_on": "2026-01-05",
            "roles": [{
                "employee_id": self.chair,
                "role": "chair",
                "term_start": "2026-01-10",
                "assigned_by": self.hr,
                "event_ids": r.assign.event_ids,
            }],
        })
    }

    /// `GET /v1/budgets/{budget_id}` once the story is recorded.
    pub fn expected_budget(&self, r: &Recorded) -> Value {
        json!({
            "budget_id": self.budget_id,
            "erg_id": self.erg_id,
            "owner_id": self.chair,
            "status": "closed",
            "currency": "EUR",
            "requested_minor": 250_000,
            "approved_minor": 200_000,
            "spent_minor": 185_000,
            "purpose": "Speaker fees for the spring panel",
            "requested_on": "2026-02-01",
            "decided_by": self.approver,
            "decided_on": "2026-02-03",
            "closed_on": "2026-03-31",
            "event_ids": [r.request.event_ids[0], r.approve.event_ids[0], r.close.event_ids[0]],
        })
    }

    /// `GET /v1/projects/{project_id}` once the story is recorded.
    pub fn expected_project(&self, r: &Recorded) -> Value {
        json!({
            "project_id": self.project_id,
            "title": "Mentoring circle for new managers",
            "kind": "mentoring-circle",
            "status": "completed",
            "lead_id": self.chair,
            "sponsor_id": self.sponsor,
            "erg_id": self.erg_id,
            "started_on": "2026-02-10",
            "signed_off_by": self.sponsor,
            "completed_on": "2026-06-30",
            "outcome": OUTCOME,
            "event_ids": [r.start.event_ids[0], r.complete.event_ids[0]],
        })
    }

    /// `GET /v1/employees/{chair}/evidence`: one piece per kind, in stream order,
    /// each resting on the events the commands returned and attested by the person
    /// who assigned, approved or signed off.
    pub fn expected_chair_evidence(&self, r: &Recorded) -> Value {
        json!({
            "employee_id": self.chair,
            "evidence": [
                {
                    "kind": "erg-role",
                    "source_event_ids": r.assign.event_ids,
                    "attested_by": self.hr,
                    "verified": true,
                    "effective_date": "2026-01-10",
                    "erg_id": self.erg_id,
                    "role": "chair",
                },
                {
                    "kind": "budget-managed",
                    "source_event_ids": [
                        r.request.event_ids[0],
                        r.approve.event_ids[0],
                        r.close.event_ids[0],
                    ],
                    "attested_by": self.approver,
                    "verified": true,
                    "effective_date": "2026-03-31",
                    "erg_id": self.erg_id,
                    "budget_id": self.budget_id,
                    "currency": "EUR",
                    "approved_minor": 200_000,
                    "spent_minor": 185_000,
                },
                {
                    "kind": "project-led",
                    "source_event_ids": [r.start.event_ids[0], r.complete.event_ids[0]],
                    "attested_by": self.sponsor,
                    "verified": true,
                    "effective_date": "2026-06-30",
                    "erg_id": self.erg_id,
                    "project_id": self.project_id,
                    "title": "Mentoring circle for new managers",
                    "project_kind": "mentoring-circle",
                },
            ],
        })
    }
}

impl Default for Story {
    fn default() -> Self {
        Story::new()
    }
}
