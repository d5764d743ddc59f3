//! A scenario with a sensitive ERG and an open one, and what planners may and may not read
//! of it: the shared part of the privacy tests.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::{Cmd, Reply, cmd};

pub const SENSITIVE_NAME: &str = "Pride at Work";
pub const OPEN_NAME: &str = "Toastmasters Club";
/// A project kind that names the sensitive group, as free kebab-case text may.
pub const SENSITIVE_KIND: &str = "pride-at-work-summit";

/// The people and groups of the scenario.
#[derive(Debug)]
pub struct World {
    pub hr: Uuid,
    pub approver: Uuid,
    pub sponsor: Uuid,
    /// Chair of the sensitive ERG, committee member of the other.
    pub employee: Uuid,
    pub sensitive: Uuid,
    pub open: Uuid,
    pub budget: Uuid,
    pub project: Uuid,
}

impl World {
    pub fn new() -> World {
        World {
            hr: Uuid::now_v7(),
            approver: Uuid::now_v7(),
            sponsor: Uuid::now_v7(),
            employee: Uuid::now_v7(),
            sensitive: Uuid::now_v7(),
            open: Uuid::now_v7(),
            budget: Uuid::now_v7(),
            project: Uuid::now_v7(),
        }
    }

    pub fn commands(&self) -> Vec<Cmd> {
        let (hr, e) = (self.hr, self.employee);
        vec![
            cmd::register_erg(hr, self.sensitive, SENSITIVE_NAME)
                .with("sensitive", true)
                .on("2025-01-01"),
            cmd::register_erg(hr, self.open, OPEN_NAME).on("2025-01-01"),
            cmd::assign_role(hr, self.sensitive, e, "chair", "2025-01-10").on("2025-01-10"),
            cmd::assign_role(hr, self.open, e, "committee-member", "2025-02-01").on("2025-02-01"),
            cmd::request_budget(self.budget, self.sensitive, e, 100_000).on("2025-03-01"),
            cmd::approve_budget(self.approver, self.budget, 100_000).on("2025-03-02"),
            cmd::close_budget(e, self.budget, 95_000).on("2025-04-30"),
            cmd::start_project(self.project, e, self.sponsor, Some(self.sensitive))
                .with("title", format!("{SENSITIVE_NAME} summit"))
                .with("kind", SENSITIVE_KIND)
                .on("2025-03-01"),
            cmd::complete_project(self.sponsor, self.project, "Two hundred attendees")
                .on("2025-06-30"),
        ]
    }

    pub fn consent(&self, name: &'static str) -> Cmd {
        Cmd::new(name, self.employee, json!({"employee_id": self.employee}))
    }

    pub fn evidence_path(&self, seq: u64) -> String {
        format!("/v1/employees/{}/evidence?min_seq={seq}", self.employee)
    }

    pub fn explain_path(&self, seq: u64) -> String {
        format!(
            "/v1/employees/{}/competencies/community-leadership/explain?as_of=2026-01-01&min_seq={seq}",
            self.employee
        )
    }

    /// Whether the text of an answer names the sensitive ERG anywhere.
    pub fn names_sensitive(&self, body: &Value) -> bool {
        let text = body.to_string();
        text.contains(&self.sensitive.to_string())
            || text.contains(SENSITIVE_NAME)
            || text.contains(SENSITIVE_KIND)
    }
}

pub fn ok(reply: Reply, context: &str) -> Value {
    assert_eq!(reply.status, 200, "{context}: {reply:?}");
    reply.body
}

pub fn items<'a>(evidence: &'a Value, kind: &str) -> Vec<&'a Value> {
    evidence["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .collect()
}

/// A planner's evidence answer while the sensitive ERG is withheld.
pub fn assert_withheld(world: &World, evidence: &Value, context: &str) {
    assert!(!world.names_sensitive(evidence), "{context}: {evidence:#}");
    let roles = items(evidence, "erg-role");
    assert_eq!(roles.len(), 2, "{context}: {evidence:#}");
    let chair = roles.iter().find(|e| e["role"] == "chair").unwrap();
    assert_eq!(chair["erg"], "an employee network", "{context}: {chair}");
    assert!(chair.get("erg_id").is_none(), "{context}: {chair}");
    // The other ERG is named as ever.
    let member = roles
        .iter()
        .find(|e| e["role"] == "committee-member")
        .unwrap();
    assert_eq!(member["erg_id"], json!(world.open), "{context}: {member}");
    assert!(member.get("erg").is_none(), "{context}: {member}");
    let budget = &items(evidence, "budget-managed")[0];
    assert_eq!(budget["erg"], "an employee network", "{context}: {budget}");
    let project = &items(evidence, "project-led")[0];
    assert_eq!(
        project["title"], "a project of an employee network",
        "{context}"
    );
    assert_eq!(project["project_kind"], "withheld", "{context}: {project}");
}

/// An evidence answer that names the sensitive ERG as stored.
pub fn assert_shown(world: &World, evidence: &Value, context: &str) {
    let chair = items(evidence, "erg-role")
        .into_iter()
        .find(|e| e["role"] == "chair")
        .unwrap();
    assert_eq!(
        chair["erg_id"],
        json!(world.sensitive),
        "{context}: {chair}"
    );
    assert!(chair.get("erg").is_none(), "{context}: {chair}");
    let project = &items(evidence, "project-led")[0];
    assert_eq!(
        project["title"],
        format!("{SENSITIVE_NAME} summit"),
        "{context}"
    );
    assert_eq!(project["project_kind"], SENSITIVE_KIND, "{context}");
}

impl Default for World {
    fn default() -> Self {
        World::new()
    }
}
