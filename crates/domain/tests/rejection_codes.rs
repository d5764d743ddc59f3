//! Rejection codes: stable kebab-case names publishers match on, one per rule.

use std::collections::BTreeSet;

use jiff::civil::date;
use ladder_domain::Rejection;
use uuid::Uuid;

const ID: Uuid = Uuid::from_u128(0x0190_f5a4_5c7e_7d2a_9b1e_3f4a_5b6c_7d01);

/// Every rule with the code it must keep.
fn every_rejection() -> Vec<(Rejection, &'static str)> {
    let day = date(2026, 6, 30);
    vec![
        (
            Rejection::ErgAlreadyRegistered { erg_id: ID },
            "erg-already-registered",
        ),
        (Rejection::UnknownErg { erg_id: ID }, "unknown-erg"),
        (
            Rejection::ChairAlreadyAssigned {
                holder: ID,
                since: day,
            },
            "chair-already-assigned",
        ),
        (
            Rejection::RoleAlreadyHeld {
                employee_id: ID,
                role: "chair",
                since: day,
            },
            "role-already-held",
        ),
        (
            Rejection::RoleNotHeld {
                employee_id: ID,
                role: "chair",
            },
            "role-not-held",
        ),
        (
            Rejection::RoleAlreadyEnded {
                employee_id: ID,
                role: "chair",
                ended: day,
            },
            "role-already-ended",
        ),
        (
            Rejection::RoleEndsBeforeStart {
                start: day,
                end: day,
            },
            "role-ends-before-start",
        ),
        (
            Rejection::BudgetAlreadyExists { budget_id: ID },
            "budget-already-exists",
        ),
        (Rejection::UnknownBudget { budget_id: ID }, "unknown-budget"),
        (Rejection::OwnerCannotApprove, "owner-cannot-approve"),
        (Rejection::OwnerCannotReject, "owner-cannot-reject"),
        (
            Rejection::BudgetAlreadyDecided { status: "approved" },
            "budget-already-decided",
        ),
        (
            Rejection::ApprovalExceedsRequest {
                requested: 1,
                approved: 2,
            },
            "approval-exceeds-request",
        ),
        (
            Rejection::BudgetNotApproved {
                status: "requested",
            },
            "budget-not-approved",
        ),
        (Rejection::BudgetAlreadyClosed, "budget-already-closed"),
        (
            Rejection::ProjectAlreadyExists { project_id: ID },
            "project-already-exists",
        ),
        (
            Rejection::UnknownProject { project_id: ID },
            "unknown-project",
        ),
        (Rejection::SponsorIsLead, "sponsor-is-lead"),
        (Rejection::LeadCannotSignOff, "lead-cannot-sign-off"),
        (
            Rejection::NotTheSponsor {
                sponsor_id: ID,
                actor: ID,
            },
            "not-the-sponsor",
        ),
        (
            Rejection::ProjectAlreadyCompleted,
            "project-already-completed",
        ),
        (
            Rejection::CommandIdReused { command_id: ID },
            "command-id-reused",
        ),
        (
            Rejection::EmployeeAlreadyDeparted {
                employee_id: ID,
                departure_date: day,
            },
            "employee-already-departed",
        ),
        (
            Rejection::EmployeeNotYetHired {
                employee_id: ID,
                hire_date: day,
            },
            "employee-not-yet-hired",
        ),
        (
            Rejection::LevelBeyondFramework {
                competency: "delivery".to_owned(),
                requested: 4,
                highest: 3,
            },
            "level-beyond-framework",
        ),
        (
            Rejection::DateOutOfOrder {
                field: "effective_date",
                date: day,
                step: "the budget request",
                step_date: day,
            },
            "date-out-of-order",
        ),
    ]
}

#[test]
fn every_rule_keeps_its_code() {
    for (rejection, code) in every_rejection() {
        assert_eq!(rejection.code(), code, "{rejection:?}");
    }
}

#[test]
fn codes_are_distinct_kebab_case() {
    let codes: Vec<&str> = every_rejection().iter().map(|(r, _)| r.code()).collect();
    let distinct: BTreeSet<&str> = codes.iter().copied().collect();

    assert_eq!(distinct.len(), codes.len());
    for code in codes {
        let kebab = code
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
        assert!(kebab, "{code}");
    }
}

#[test]
fn messages_carry_the_details_without_a_trailing_period() {
    for (rejection, _) in every_rejection() {
        let message = rejection.to_string();

        assert!(
            !message.is_empty() && !message.ends_with('.'),
            "{message:?}"
        );
    }
    let chair = Rejection::ChairAlreadyAssigned {
        holder: ID,
        since: date(2026, 1, 1),
    };
    let exceeds = Rejection::ApprovalExceedsRequest {
        requested: 12_500,
        approved: 12_501,
    };
    assert_eq!(
        chair.to_string(),
        "a new chair's term would overlap the term of chair \
         0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d01, which began 2026-01-01"
    );
    assert_eq!(
        exceeds.to_string(),
        "approved amount 12501 exceeds the requested 12500"
    );
}

#[test]
fn an_out_of_order_date_names_both_dates_and_the_earlier_step() {
    let rejection = Rejection::DateOutOfOrder {
        field: "effective_date",
        date: date(2025, 1, 1),
        step: "the budget approval",
        step_date: date(2026, 1, 1),
    };

    assert_eq!(
        rejection.to_string(),
        "effective_date 2025-01-01 is before the budget approval on 2026-01-01"
    );
}

#[test]
fn a_sign_off_by_someone_else_names_the_sponsor_and_the_actor() {
    let rejection = Rejection::NotTheSponsor {
        sponsor_id: ID,
        actor: Uuid::from_u128(0xb757),
    };

    assert_eq!(
        rejection.to_string(),
        "only the project's sponsor 0190f5a4-5c7e-7d2a-9b1e-3f4a5b6c7d01 can sign it off, \
         not 00000000-0000-0000-0000-00000000b757"
    );
}
