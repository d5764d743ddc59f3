//! The planners' and mentors' side of the stream: positions with framework requirements,
//! nominations before fills, internal and external fills with realistic costs, and
//! mentorships that only their mentee confirms.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{effective, generated, named, number, settings, text};

fn competencies() -> BTreeSet<String> {
    let framework = ladder_competency::erg_leadership().unwrap();
    framework
        .competencies()
        .iter()
        .map(|c| c.id().to_owned())
        .collect()
}

#[test]
fn there_is_a_position_per_two_hundred_employees_and_four_at_least() {
    let count = |employees| named(&generated(&settings(employees, 1, 41)), "define-position").len();
    assert_eq!(count(20), 4);
    assert_eq!(count(200), 4);
    assert_eq!(count(3_000), 15);
}

#[test]
fn positions_require_framework_competencies_at_levels_one_to_three() {
    let lines = generated(&settings(3_000, 3, 42));
    let known = competencies();
    let mut criticalities = BTreeSet::new();
    for position in named(&lines, "define-position") {
        criticalities.insert(text(position, "criticality"));
        let requirements = position.body["requirements"].as_array().unwrap();
        assert!((2..=4).contains(&requirements.len()));
        let ids: BTreeSet<&str> = requirements
            .iter()
            .map(|r| r["competency"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), requirements.len(), "each competency once");
        for requirement in requirements {
            assert!(known.contains(requirement["competency"].as_str().unwrap()));
            assert!((1..=3).contains(&requirement["level"].as_u64().unwrap()));
        }
    }
    let all = ["critical", "high", "standard"];
    assert_eq!(criticalities, all.into_iter().collect());
}

#[test]
fn nominations_precede_the_fill_and_fills_cost_what_hiring_costs() {
    let lines = generated(&settings(3_000, 3, 43));
    let hired: BTreeSet<&str> = named(&lines, "onboard-employee")
        .into_iter()
        .map(|l| text(l, "employee_id"))
        .collect();
    let defined: BTreeMap<&str, jiff::civil::Date> = named(&lines, "define-position")
        .into_iter()
        .map(|l| (text(l, "position_id"), effective(l)))
        .collect();
    let mut nominated: BTreeMap<(&str, &str), jiff::civil::Date> = BTreeMap::new();
    let mut filled: BTreeMap<&str, jiff::civil::Date> = BTreeMap::new();
    let (mut overrides, mut withdrawals, mut internal, mut external) = (0, 0, 0, 0);
    for line in &lines {
        let position = match line.body.get("position_id") {
            Some(id) => id.as_str().unwrap(),
            None => continue,
        };
        assert!(
            !filled.contains_key(position),
            "{} after the fill",
            line.command
        );
        match line.command.as_str() {
            "define-position" => {}
            "nominate-successor" => {
                let candidate = text(line, "candidate_id");
                assert!(hired.contains(candidate));
                assert!(effective(line) > defined[position]);
                assert_ne!(
                    text(line, "actor"),
                    candidate,
                    "nobody nominates themselves"
                );
                nominated.insert((position, candidate), effective(line));
                if line.body.get("readiness_override").is_some() {
                    assert!(!text(line, "reason").is_empty());
                    overrides += 1;
                }
            }
            "withdraw-nomination" => {
                let candidate = text(line, "candidate_id");
                let since = nominated.remove(&(position, candidate)).unwrap();
                assert!(effective(line) > since);
                withdrawals += 1;
            }
            "fill-position" => {
                filled.insert(position, effective(line));
                match line.body.get("employee_id") {
                    Some(employee) => {
                        assert!(hired.contains(employee.as_str().unwrap()));
                        internal += 1;
                        if line.body.get("cost_minor").is_some() {
                            let cost = number(line, "cost_minor") / 100;
                            assert!((1_500..=9_000).contains(&cost), "moving costs {cost}");
                        }
                    }
                    None => {
                        external += 1;
                        assert_eq!(text(line, "currency"), "EUR");
                        let cost = number(line, "cost_minor") / 100;
                        assert!((12_000..=95_000).contains(&cost), "hiring costs {cost}");
                    }
                }
            }
            other => panic!("{other} names a position"),
        }
    }
    let positions = defined.len();
    assert!(
        nominated.len() >= positions,
        "{} standing nominations",
        nominated.len()
    );
    assert!(
        overrides > 0 && withdrawals > 0,
        "{overrides} overrides, {withdrawals} withdrawn"
    );
    assert!(
        internal > 0 && external > 0,
        "{internal} internal, {external} external"
    );
    assert!(filled.len() < positions, "some positions are still open");
}

#[test]
fn even_a_small_scenario_fills_from_inside_and_outside_and_leaves_a_position_open() {
    for seed in [2025, 1, 7] {
        let lines = generated(&settings(200, 2, seed));
        let fills = named(&lines, "fill-position");
        let internal = fills.iter().filter(|l| l.body.get("employee_id").is_some());
        let costed = internal
            .clone()
            .filter(|l| l.body.get("cost_minor").is_some());
        assert_eq!(internal.count(), 2, "seed {seed}");
        assert_eq!(costed.count(), 1, "seed {seed}");
        assert_eq!(
            fills.len(),
            3,
            "one external fill and one open position, seed {seed}"
        );
        assert_eq!(named(&lines, "define-position").len(), 4);
    }
}

#[test]
fn mentorships_focus_on_a_framework_competency_and_only_the_mentee_completes_them() {
    let lines = generated(&settings(3_000, 3, 44));
    let known = competencies();
    let mut running: BTreeMap<&str, (&str, &str, jiff::civil::Date)> = BTreeMap::new();
    let mut milestones: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut started, mut completed) = (0, 0);
    let mut mentors: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &lines {
        match line.command.as_str() {
            "start-mentorship" => {
                started += 1;
                let (mentor, mentee) = (text(line, "mentor_id"), text(line, "mentee_id"));
                assert_ne!(mentor, mentee);
                assert_eq!(text(line, "actor"), mentor);
                assert!(known.contains(text(line, "focus_competency")));
                running.insert(
                    text(line, "mentorship_id"),
                    (mentor, mentee, effective(line)),
                );
            }
            "record-mentorship-milestone" => {
                let id = text(line, "mentorship_id");
                let (mentor, mentee, since) = running[id];
                assert!(effective(line) > since);
                assert!([mentor, mentee].contains(&text(line, "actor")));
                *milestones.entry(id).or_default() += 1;
            }
            "complete-mentorship" => {
                let (mentor, mentee, since) = running.remove(text(line, "mentorship_id")).unwrap();
                assert_eq!(text(line, "actor"), mentee, "the mentee confirms");
                assert!(effective(line) > since);
                *mentors.entry(mentor).or_default() += 1;
                completed += 1;
            }
            _ => {}
        }
    }
    assert!(started > 100, "{started} mentorships");
    assert!(milestones.values().all(|n| (1..=3).contains(n)));
    assert!(
        milestones.len() * 10 > started * 6,
        "most record milestones"
    );
    let percent = completed * 100 / started;
    assert!((55..=90).contains(&percent), "{percent}% completed");
    // Mentorship leads take on several mentees: the evidence of developing others.
    assert!(mentors.values().any(|n| *n >= 3), "{mentors:?}");
}
