//! What several test binaries share: one valid body for every command in the catalogue, for
//! the parsing and digest tests, and given/when/then on aggregates, for the rule tests.

#![allow(
    dead_code,
    reason = "shared by several test binaries; each uses a part"
)]

pub(crate) mod erg;
pub(crate) mod fields;
pub(crate) mod given;
pub(crate) mod succession;

use serde_json::{Value, json};

/// Every command name with a body that parses, every optional field present.
pub(crate) fn catalogue() -> Vec<(&'static str, Value)> {
    let meta = json!({
        "command_id": "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d01",
        "actor": "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d02",
        "effective_date": "2026-01-15",
        "correlation_id": "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d03",
        "causation_id": "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d04",
    });
    let erg = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e01";
    let employee = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e02";
    let budget = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e03";
    let project = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e04";
    let sponsor = "0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7e05";
    let bodies = [
        (
            "register-erg",
            json!({ "erg_id": erg, "name": "Veterans in Tech", "sensitive": true }),
        ),
        (
            "assign-erg-role",
            json!({
                "erg_id": erg, "employee_id": employee, "role": "chair",
                "term_start": "2026-01-01",
            }),
        ),
        (
            "end-erg-role",
            json!({
                "erg_id": erg, "employee_id": employee, "role": "chair",
                "term_end": "2026-06-30",
            }),
        ),
        (
            "request-budget",
            json!({
                "budget_id": budget, "erg_id": erg, "owner_id": employee,
                "amount_minor": 12_500, "currency": "EUR", "purpose": "Summit catering",
            }),
        ),
        (
            "approve-budget",
            json!({ "budget_id": budget, "approved_minor": 10_000 }),
        ),
        (
            "reject-budget",
            json!({ "budget_id": budget, "reason": "Over the cap" }),
        ),
        (
            "close-budget",
            json!({ "budget_id": budget, "spent_minor": 9_750 }),
        ),
        (
            "start-project",
            json!({
                "project_id": project, "title": "Mentoring circle", "lead_id": employee,
                "sponsor_id": sponsor, "erg_id": erg, "kind": "mentoring-circle",
            }),
        ),
        (
            "complete-project",
            json!({ "project_id": project, "outcome": "Twelve pairs matched" }),
        ),
        (
            "link-lms-account",
            json!({
                "employee_id": employee, "home_page": "https://lms.example.org",
                "account_name": "4711",
            }),
        ),
        (
            "start-mentorship",
            json!({
                "mentorship_id": project, "mentor_id": sponsor, "mentee_id": employee,
                "focus_competency": "budget-management",
            }),
        ),
        (
            "record-mentorship-milestone",
            json!({ "mentorship_id": project, "summary": "First budget drafted together" }),
        ),
        ("complete-mentorship", json!({ "mentorship_id": project })),
        (
            "define-position",
            json!({
                "position_id": project, "title": "Head of Community Programmes",
                "criticality": "critical",
                "requirements": [{ "competency": "budget-management", "level": 2 }],
            }),
        ),
        (
            "nominate-successor",
            json!({
                "position_id": project, "candidate_id": employee,
                "readiness_override": "ready-soon", "reason": "Acting lead since March",
            }),
        ),
        (
            "withdraw-nomination",
            json!({ "position_id": project, "candidate_id": employee, "reason": "Moved team" }),
        ),
        (
            "fill-position",
            json!({
                "position_id": project, "employee_id": employee, "cost_minor": 500_000,
                "currency": "EUR",
            }),
        ),
        (
            "onboard-employee",
            json!({
                "employee_id": employee, "hire_date": "2024-02-29", "org_unit": "eng-platform",
                "job_level": "L4", "interests": ["veterans", "public-speaking"],
            }),
        ),
        (
            "record-departure",
            json!({ "employee_id": employee, "departure_date": "2026-11-30" }),
        ),
        (
            "grant-visibility-consent",
            json!({ "employee_id": employee }),
        ),
        (
            "withdraw-visibility-consent",
            json!({ "employee_id": employee }),
        ),
    ];
    bodies
        .into_iter()
        .map(|(name, mut body)| {
            let fields = body.as_object_mut().expect("bodies are objects");
            for (key, value) in meta.as_object().expect("meta is an object") {
                fields.insert(key.clone(), value.clone());
            }
            (name, body)
        })
        .collect()
}
