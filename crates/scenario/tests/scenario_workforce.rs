//! The HRIS's side of the stream: everyone onboarded first with a plausible profile, LMS
//! accounts linked early under numeric user ids, a few departures near the end after which
//! nobody names the leaver, and consent that only the employee gives or takes back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Entry, effective, generated, named, settings, text};
use jiff::ToSpan;
use jiff::civil::Date;
use ladder_scenario::{INTERESTS, LMS_HOME_PAGE};

#[test]
fn everyone_is_onboarded_once_before_the_start_with_a_plausible_profile() {
    let settings = settings(1_000, 2, 21);
    let lines = generated(&settings);
    let hires = named(&lines, "onboard-employee");
    assert_eq!(hires.len(), 1_000);
    let ids: BTreeSet<&str> = hires.iter().map(|l| text(l, "employee_id")).collect();
    assert_eq!(ids.len(), 1_000);
    // The stream opens with the hires, in hire order, each effective on its hire date.
    assert!(
        lines[..1_000]
            .iter()
            .all(|l| l.command == "onboard-employee")
    );
    let earliest = settings.start.checked_sub(25.years()).unwrap();
    let mut previous = earliest;
    for hire in &hires {
        let hired: Date = text(hire, "hire_date").parse().unwrap();
        assert_eq!(effective(hire), hired);
        assert!(hired >= previous && hired < settings.start, "{hired}");
        previous = hired;
    }
    let count = |field: &str| {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for hire in &hires {
            *counts.entry(text(hire, field)).or_default() += 1;
        }
        counts
    };
    let units = count("org_unit");
    assert!(units.len() >= 12, "{units:?}");
    for unit in ["eng-platform", "sales-emea", "finance", "people-ops"] {
        assert!(units.contains_key(unit), "{unit} in {units:?}");
    }
    let levels = count("job_level");
    let expected: BTreeSet<String> = (1..=7).map(|l| format!("L{l}")).collect();
    assert_eq!(
        levels
            .keys()
            .map(|l| (*l).to_owned())
            .collect::<BTreeSet<_>>(),
        expected
    );
    // A pyramid: more people in the middle than at the top.
    assert!(
        levels["L3"] > levels["L6"] && levels["L6"] > levels["L7"],
        "{levels:?}"
    );
}

#[test]
fn declared_interests_come_from_the_fixed_list() {
    let lines = generated(&settings(2_000, 2, 22));
    let hires = named(&lines, "onboard-employee");
    let mut declared = BTreeMap::new();
    let mut with_any = 0;
    for hire in &hires {
        let interests: Vec<&str> = hire.body["interests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_str().unwrap())
            .collect();
        let unique: BTreeSet<&str> = interests.iter().copied().collect();
        assert_eq!(unique.len(), interests.len(), "{interests:?} repeats one");
        with_any += usize::from(!interests.is_empty());
        for interest in interests {
            assert!(INTERESTS.contains(&interest), "{interest}");
            *declared.entry(interest).or_insert(0) += 1;
        }
    }
    assert_eq!(declared.len(), INTERESTS.len(), "{declared:?}");
    let percent = with_any * 100 / hires.len();
    assert!((40..=80).contains(&percent), "{percent}% declare interests");
}

#[test]
fn most_employees_get_one_numeric_lms_account_in_the_first_weeks() {
    let settings = settings(2_000, 2, 23);
    let lines = generated(&settings);
    let links = named(&lines, "link-lms-account");
    let linked: BTreeSet<&str> = links.iter().map(|l| text(l, "employee_id")).collect();
    assert_eq!(linked.len(), links.len(), "one account per employee");
    let percent = links.len() * 100 / 2_000;
    assert!((80..=95).contains(&percent), "{percent}% linked");
    let accounts: BTreeSet<u32> = links
        .iter()
        .map(|l| text(l, "account_name").parse().unwrap())
        .collect();
    assert_eq!(accounts.len(), links.len(), "account names are unique");
    let last_linking_day = settings.start.checked_add(20.days()).unwrap();
    for link in &links {
        assert_eq!(text(link, "home_page"), LMS_HOME_PAGE);
        assert!(effective(link) <= last_linking_day);
    }
}

#[test]
fn a_few_leave_near_the_end_and_nothing_names_them_afterwards() {
    let settings = settings(2_000, 3, 24);
    let bytes = common::jsonl(&settings);
    let lines = common::lines(&bytes);
    let hired: BTreeMap<&str, Date> = named(&lines, "onboard-employee")
        .into_iter()
        .map(|l| {
            (
                text(l, "employee_id"),
                text(l, "hire_date").parse().unwrap(),
            )
        })
        .collect();
    let departures = named(&lines, "record-departure");
    assert_eq!(departures.len(), 30, "1.5 percent leave");
    let end = settings.start.checked_add(3.years()).unwrap();
    let window = end.checked_sub(122.days()).unwrap();
    let mut left: BTreeMap<&str, Date> = BTreeMap::new();
    for departure in &departures {
        let who = text(departure, "employee_id");
        let last: Date = text(departure, "departure_date").parse().unwrap();
        assert!(last > hired[who] && last >= window && last < end, "{last}");
        assert_eq!(effective(departure), last);
        left.insert(who, last);
    }
    let accounts: BTreeMap<&str, &str> = named(&lines, "link-lms-account")
        .into_iter()
        .filter(|l| left.contains_key(text(l, "employee_id")))
        .map(|l| (text(l, "account_name"), text(l, "employee_id")))
        .collect();
    for entry in common::entries(&bytes) {
        match entry {
            Entry::Command(line) if line.command != "record-departure" => {
                let named_people = line.body.as_object().unwrap().values();
                for value in named_people.filter_map(|v| v.as_str()) {
                    if let Some(last) = left.get(value) {
                        assert!(effective(&line) <= *last, "{} names a leaver", line.command);
                    }
                }
            }
            Entry::Command(_) => {}
            Entry::Xapi(batch) => {
                for statement in &batch.xapi {
                    let account = statement["actor"]["account"]["name"].as_str().unwrap();
                    if let Some(who) = accounts.get(account) {
                        assert!(common::statement_date(statement) <= left[who]);
                    }
                }
            }
        }
    }
}

#[test]
fn consent_is_given_and_taken_back_by_the_employee_only() {
    let lines = generated(&settings(3_000, 3, 25));
    let mut consenting: BTreeSet<&str> = BTreeSet::new();
    let (mut grants, mut withdrawals) = (0, 0);
    for line in &lines {
        let who = match line.command.as_str() {
            "grant-visibility-consent" | "withdraw-visibility-consent" => text(line, "employee_id"),
            _ => continue,
        };
        assert_eq!(text(line, "actor"), who, "{} by someone else", line.command);
        if line.command == "grant-visibility-consent" {
            assert!(consenting.insert(who), "granted twice");
            grants += 1;
        } else {
            assert!(consenting.remove(who), "withdrawn without a grant");
            withdrawals += 1;
        }
    }
    // A quarter of the 30 percent who take part in ERGs, a fifth of them withdrawing.
    assert!((150..=300).contains(&grants), "{grants} grants");
    assert!(
        withdrawals > 0 && withdrawals * 4 < grants,
        "{withdrawals} withdrawals"
    );
}
