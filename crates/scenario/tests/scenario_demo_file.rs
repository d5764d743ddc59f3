//! The committed demo scenario is exactly what the generator makes of the demo's
//! arguments, and the demo's planning settings name its ERGs and learning paths, so the
//! files and the generator cannot drift apart unnoticed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code: a failed expectation is a failed test"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use ladder_scenario::INTERESTS;
use ladder_succession::PlanningConfig;

/// `ladder gen --employees 200 --years 2 --seed 2025 --start 2025-01-01`, as `ops/demo`
/// documents it.
fn demo() -> ladder_scenario::Settings {
    common::settings(200, 2, 2025)
}

fn committed_path() -> PathBuf {
    scenarios().join("demo.jsonl")
}

fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ops/scenarios")
}

#[test]
fn the_committed_demo_scenario_is_what_the_generator_makes() {
    let path = committed_path();
    let generated = common::jsonl(&demo());
    // LADDER_BLESS=1 writes a missing file, as for the golden event vectors; an existing
    // file is never overwritten by a test.
    if !path.exists() && std::env::var_os("LADDER_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err}; write it with `ladder gen --employees 200 --years 2 \
             --seed 2025 --out ops/scenarios/demo.jsonl`",
            path.display()
        )
    });
    assert!(
        committed == generated,
        "{} differs from the generator's output ({} bytes committed, {} generated); if the \
         generator changed on purpose, regenerate it with `ladder gen --employees 200 \
         --years 2 --seed 2025 --out ops/scenarios/demo.jsonl`",
        path.display(),
        committed.len(),
        generated.len()
    );
}

#[test]
fn the_demo_has_two_hundred_people_in_six_groups() {
    let lines = common::generated(&demo());
    let groups = lines.iter().filter(|l| l.command == "register-erg").count();
    assert_eq!(groups, 6);
    let employees: BTreeSet<&str> = common::named(&lines, "onboard-employee")
        .into_iter()
        .map(|l| common::text(l, "employee_id"))
        .collect();
    assert_eq!(employees.len(), 200);
    let fields = [
        "employee_id",
        "owner_id",
        "lead_id",
        "sponsor_id",
        "mentor_id",
        "mentee_id",
        "candidate_id",
    ];
    let named: BTreeSet<&str> = lines
        .iter()
        .flat_map(|l| fields.iter().filter_map(|f| l.body.get(*f)?.as_str()))
        .collect();
    assert!(named.is_subset(&employees), "everyone named was onboarded");
    // The only actors who are not employees: the ERG tool and the HRIS.
    let services: BTreeSet<&str> = lines
        .iter()
        .map(|l| common::text(l, "actor"))
        .filter(|actor| !employees.contains(actor))
        .collect();
    assert_eq!(services.len(), 2, "{services:?}");
}

#[test]
fn the_planning_settings_suggest_the_demo_groups_and_learning_paths() {
    let path = scenarios().join("planning.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let config = PlanningConfig::from_toml(&text).unwrap();
    let mut interests = INTERESTS.map(str::to_owned).to_vec();
    interests.sort();
    assert_eq!(config.interest_ids(), Some(interests));

    let lines = common::generated(&demo());
    let groups: BTreeMap<&str, &str> = common::named(&lines, "register-erg")
        .into_iter()
        .map(|l| (common::text(l, "erg_id"), common::text(l, "name")))
        .collect();
    let mut suggested = BTreeSet::new();
    let mut paths = BTreeSet::new();
    for interest in INTERESTS {
        let entry = config.interest(interest).unwrap();
        assert!(
            !entry.learning_paths.is_empty(),
            "{interest} suggests a path"
        );
        for erg in &entry.ergs {
            let id = erg.erg_id.to_string();
            assert_eq!(
                groups.get(id.as_str()),
                Some(&erg.label.as_str()),
                "{interest}"
            );
            suggested.insert(id);
        }
        for path in &entry.learning_paths {
            assert!(
                path.activity_id
                    .starts_with("https://lms.example.org/paths/"),
                "{}",
                path.activity_id
            );
            paths.insert(path.activity_id.clone());
        }
    }
    assert_eq!(
        suggested.len(),
        groups.len(),
        "every demo group is suggested"
    );
    // Every path the demo's LMS reports a completion of is one the table suggests.
    let completed: BTreeSet<String> = common::statements(&demo())
        .iter()
        .filter_map(|s| s["object"]["id"].as_str())
        .filter(|id| id.contains("/paths/"))
        .map(str::to_owned)
        .collect();
    assert!(!completed.is_empty());
    assert!(completed.is_subset(&paths), "{completed:?}");
}

#[test]
fn the_planning_settings_assign_every_demo_event_to_the_erg_that_runs_it() {
    let path = scenarios().join("planning.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    let config = PlanningConfig::from_toml(&text).unwrap();
    let lines = common::generated(&demo());
    // The generator names each group's events after the group: lowercase words, hyphens.
    let slug = |name: &str| -> String {
        name.to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    };
    let runs: BTreeMap<String, String> = common::named(&lines, "register-erg")
        .into_iter()
        .map(|l| {
            (
                slug(common::text(l, "name")),
                common::text(l, "erg_id").to_owned(),
            )
        })
        .collect();
    let events: BTreeSet<String> = common::statements(&demo())
        .iter()
        .filter_map(|s| s["object"]["id"].as_str())
        .filter(|id| id.starts_with("https://lms.example.org/events/"))
        .map(str::to_owned)
        .collect();
    assert!(events.len() > 10, "{events:?}");
    for event in &events {
        let group = event
            .trim_start_matches("https://lms.example.org/events/")
            .split('/')
            .next()
            .unwrap();
        let erg = config.erg_of_activity(event).map(|id| id.to_string());
        assert_eq!(erg.as_ref(), runs.get(group), "{event}");
    }
    let groups: BTreeSet<&str> = events.iter().filter_map(|e| e.split('/').nth(4)).collect();
    assert_eq!(groups.len(), runs.len(), "every demo group runs events");
}
