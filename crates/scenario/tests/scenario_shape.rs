//! The stream looks like an organisation's: the six company-wide groups, handovers,
//! budgets in every state, independently signed-off projects, about 30 percent of
//! the workforce in roles, and a size that grows with the workforce.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Line, effective, generated, named, number, settings, text};

/// Lines of one command keyed by the id field `key`.
fn by_id<'a>(lines: &'a [Line], command: &str, key: &str) -> BTreeMap<&'a str, &'a Line> {
    named(lines, command)
        .into_iter()
        .map(|l| (text(l, key), l))
        .collect()
}

#[test]
fn a_small_workforce_has_the_six_company_wide_groups() {
    let lines = generated(&settings(200, 2, 2025));
    let groups: Vec<(&str, bool)> = named(&lines, "register-erg")
        .into_iter()
        .map(|l| (text(l, "name"), l.body["sensitive"].as_bool().unwrap()))
        .collect();
    let expected = [
        ("Veterans in Tech", false),
        ("Women in Engineering", false),
        ("Black Professionals Network", false),
        ("Pride Alliance", true),
        ("Disability & Neurodiversity Network", true),
        ("Parents & Caregivers", false),
    ];
    let groups: BTreeSet<_> = groups.into_iter().collect();
    assert_eq!(groups, expected.into_iter().collect());
}

#[test]
fn the_number_of_groups_grows_with_the_workforce() {
    let count = |employees| named(&generated(&settings(employees, 1, 3)), "register-erg").len();
    assert_eq!(count(20), 6);
    assert_eq!(count(3_500), 100);
    assert_eq!(count(7_000), 200);
}

#[test]
fn every_group_older_than_eighteen_months_has_handed_its_chair_over() {
    let lines = generated(&settings(700, 2, 12));
    let cutoff = jiff::civil::date(2025, 7, 1);
    let groups: BTreeSet<&str> = named(&lines, "register-erg")
        .into_iter()
        .filter(|l| effective(l) < cutoff)
        .map(|l| text(l, "erg_id"))
        .collect();
    assert!(groups.len() >= 6);
    let chair_ends: BTreeSet<&str> = named(&lines, "end-erg-role")
        .into_iter()
        .filter(|l| text(l, "role") == "chair")
        .map(|l| text(l, "erg_id"))
        .collect();
    assert!(
        groups.is_subset(&chair_ends),
        "{} of {} handed over",
        chair_ends.len(),
        groups.len()
    );
    let roles: BTreeSet<&str> = named(&lines, "assign-erg-role")
        .into_iter()
        .map(|l| text(l, "role"))
        .collect();
    let all = [
        "chair",
        "co-chair",
        "treasurer",
        "committee-member",
        "event-lead",
        "mentorship-lead",
    ];
    assert_eq!(roles, all.into_iter().collect());
}

#[test]
fn ended_terms_last_six_months_at_least_and_mostly_at_most_eighteen() {
    let lines = generated(&settings(2_000, 3, 13));
    let mut starts: BTreeMap<(&str, &str, &str), jiff::civil::Date> = BTreeMap::new();
    let mut lengths = Vec::new();
    let key = |line| {
        (
            text(line, "erg_id"),
            text(line, "employee_id"),
            text(line, "role"),
        )
    };
    for line in &lines {
        match line.command.as_str() {
            "assign-erg-role" => {
                starts.insert(key(line), text(line, "term_start").parse().unwrap());
            }
            "end-erg-role" => {
                let end: jiff::civil::Date = text(line, "term_end").parse().unwrap();
                let days = (end - starts[&key(line)]).get_days() + 1;
                lengths.push(days);
            }
            _ => {}
        }
    }
    assert!(lengths.len() > 500, "{} ended terms", lengths.len());
    assert!(
        lengths.iter().all(|days| *days >= 183),
        "{:?}",
        lengths.iter().min()
    );
    let long = lengths.iter().filter(|days| **days > 548).count();
    assert!(
        long * 20 < lengths.len(),
        "{long} of {} terms ran past 18 months",
        lengths.len()
    );
}

#[test]
fn budgets_end_in_every_state_with_plausible_amounts() {
    let lines = generated(&settings(2_000, 3, 14));
    let requests = by_id(&lines, "request-budget", "budget_id");
    let approvals = by_id(&lines, "approve-budget", "budget_id");
    let rejections = by_id(&lines, "reject-budget", "budget_id");
    let closings = by_id(&lines, "close-budget", "budget_id");
    let share = |n: usize| n * 100 / requests.len();
    assert!(
        (75..=90).contains(&share(approvals.len())),
        "{} approved",
        approvals.len()
    );
    assert!(
        (7..=17).contains(&share(rejections.len())),
        "{} rejected",
        rejections.len()
    );
    let open_approved = approvals
        .keys()
        .filter(|id| !closings.contains_key(*id))
        .count();
    let undecided = requests
        .keys()
        .filter(|id| !approvals.contains_key(*id) && !rejections.contains_key(*id))
        .count();
    assert!(
        open_approved > 0 && share(open_approved) <= 10,
        "{open_approved} left open"
    );
    assert!(
        undecided > 0 && share(undecided) <= 5,
        "{undecided} undecided"
    );
    let currencies: BTreeSet<&str> = requests.values().map(|l| text(l, "currency")).collect();
    assert_eq!(currencies, ["EUR", "USD"].into_iter().collect());
    let (mut under, mut over) = (0, 0);
    for (id, close) in &closings {
        let request = requests[id];
        let approve = approvals[id];
        let (requested, approved) = (
            number(request, "amount_minor"),
            number(approve, "approved_minor"),
        );
        let spent = number(close, "spent_minor");
        assert!(approved <= requested);
        assert!(
            spent * 100 >= approved * 88 && spent * 100 <= approved * 106,
            "{spent} of {approved}"
        );
        under += usize::from(spent < approved);
        over += usize::from(spent > approved);
        assert!(effective(request) < effective(approve) && effective(approve) < effective(close));
        assert_eq!(approve.body["causation_id"], request.body["command_id"]);
        assert_eq!(close.body["correlation_id"], request.body["command_id"]);
        assert_ne!(approve.body["actor"], request.body["owner_id"]);
    }
    assert!(
        under > over && over > 0,
        "{under} closed under plan, {over} over"
    );
}

#[test]
fn projects_are_signed_off_by_their_sponsor_some_outside_any_group() {
    let lines = generated(&settings(2_000, 3, 15));
    let starts = by_id(&lines, "start-project", "project_id");
    let completions = by_id(&lines, "complete-project", "project_id");
    let outside = starts
        .values()
        .filter(|l| l.body.get("erg_id").is_none())
        .count();
    assert!(
        outside * 100 >= starts.len() * 10,
        "{outside} of {} outside groups",
        starts.len()
    );
    let running = starts.len() - completions.len();
    assert!(
        running > 0 && running * 100 <= starts.len() * 25,
        "{running} still running"
    );
    for (id, start) in &starts {
        assert_ne!(start.body["lead_id"], start.body["sponsor_id"]);
        assert_eq!(start.body["actor"], start.body["lead_id"]);
        if let Some(done) = completions.get(id) {
            assert_eq!(done.body["actor"], start.body["sponsor_id"]);
            assert!(effective(done) > effective(start));
        }
    }
}

#[test]
fn about_thirty_percent_of_the_workforce_hold_roles() {
    let employees = 3_000;
    let lines = generated(&settings(employees, 2, 16));
    let holders: BTreeSet<&str> = named(&lines, "assign-erg-role")
        .into_iter()
        .map(|l| text(l, "employee_id"))
        .collect();
    let percent = holders.len() * 100 / employees as usize;
    assert!((20..=35).contains(&percent), "{percent}% hold roles");
    let tool: BTreeSet<&str> = lines
        .iter()
        .filter(|l| l.command.contains("erg"))
        .map(|l| text(l, "actor"))
        .collect();
    assert_eq!(
        tool.len(),
        1,
        "one ERG tool records registrations and roles"
    );
    let tool = tool.into_iter().next().unwrap();
    assert!(!holders.contains(tool));
}

#[test]
fn the_stream_grows_in_proportion_to_the_workforce() {
    let size = |employees| generated(&settings(employees, 2, 17)).len();
    let (small, large) = (size(3_000), size(6_000));
    let ratio = large as f64 / small as f64;
    assert!(
        (1.85..=2.15).contains(&ratio),
        "{small} then {large} commands"
    );
}

#[test]
fn people_appear_as_ids_only() {
    let settings = settings(500, 2, 18);
    let bytes = common::jsonl(&settings);
    let written = String::from_utf8(bytes).unwrap();
    assert!(!written.contains('@'), "no e-mail addresses");
    assert!(
        !written.contains("mbox"),
        "no e-mail addresses in statements either"
    );
    let fields = [
        "actor",
        "employee_id",
        "owner_id",
        "lead_id",
        "sponsor_id",
        "mentor_id",
        "mentee_id",
        "candidate_id",
    ];
    for line in common::lines(written.as_bytes()) {
        for field in fields {
            if let Some(value) = line.body.get(field) {
                uuid::Uuid::parse_str(value.as_str().unwrap()).unwrap();
            }
        }
        if line.command == "link-lms-account" {
            let name = text(&line, "account_name");
            assert!(
                name.bytes().all(|b| b.is_ascii_digit()),
                "LMS accounts are numeric user ids, not {name}"
            );
        }
    }
    for statement in common::statements(&settings) {
        let name = statement["actor"]["account"]["name"].as_str().unwrap();
        assert!(name.bytes().all(|b| b.is_ascii_digit()), "{name}");
        assert_eq!(statement["actor"].as_object().unwrap().len(), 2);
    }
}
