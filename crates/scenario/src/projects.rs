//! Projects: led by an employee, sponsored by a senior leader who signs them off.
//!
//! Each group runs up to two projects a year, led by one of its role holders, the first
//! often the group's annual plan, written by its chair and signed off by its sponsor; the
//! company runs cross-functional initiatives outside any group, about one a year per
//! 150 employees. A project takes six weeks to nine months; most are signed off by
//! their sponsor, a few stall, and those that would finish after the scenario's last
//! day are still running.

use ladder_domain::command::{CompleteProject, StartProject};
use ladder_domain::{CommandBody, CommandName};
use proto_events::ErgRole;
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::names::{ANNUAL_PLAN, COMMON_PROJECTS, INITIATIVES, outcome};
use crate::people::People;
use crate::plan::{Link, Plan};

/// Roles whose holders typically lead a group's project.
const LEADS: [ErgRole; 4] = [
    ErgRole::EventLead,
    ErgRole::MentorshipLead,
    ErgRole::CoChair,
    ErgRole::CommitteeMember,
];

/// Roles whose holders write the group's annual plan.
const PLANNERS: [ErgRole; 2] = [ErgRole::Chair, ErgRole::CoChair];

/// Employees per cross-functional initiative and year.
const EMPLOYEES_PER_INITIATIVE: u32 = 150;

/// What a project is, who runs it, and when it starts.
struct Project<'a> {
    day: i32,
    title: String,
    kind: &'a str,
    lead: Uuid,
    sponsor: Uuid,
    erg: Option<Uuid>,
}

/// Plans the projects of `erg`, year by year.
pub(crate) fn plan_erg(
    seed: u64,
    erg: &Erg,
    people: &People,
    calendar: &Calendar,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Projects(erg.index));
    for (first, last) in calendar.years() {
        let count = match dice.between(1, 100) {
            1..=20 => 0,
            21..=70 => 1,
            _ => 2,
        };
        for k in 0..count {
            let earliest = first.max(erg.registered + 14);
            if earliest > last {
                continue;
            }
            // The year's first project is often its annual plan, written early in the
            // year by the chair or a co-chair.
            let annual = k == 0 && dice.chance(45);
            let (day, leads) = if annual {
                let day = earliest + dice.between(0, (last - earliest).min(60));
                (day, erg.holders(day, &PLANNERS))
            } else {
                let day = earliest + dice.between(0, last - earliest);
                (day, erg.holders(day, &LEADS))
            };
            let Some(&lead) = dice.pick(&leads).or_else(|| dice.pick(&erg.members)) else {
                continue;
            };
            let sponsor = match dice.pick(&people.leaders) {
                Some(leader) if dice.chance(40) && !annual => *leader,
                _ => erg.sponsor,
            };
            let (title, kind) = if annual {
                ANNUAL_PLAN
            } else {
                match dice.pick(erg.theme.projects) {
                    Some(own) if dice.chance(60) => *own,
                    _ => dice
                        .pick(&COMMON_PROJECTS)
                        .copied()
                        .unwrap_or(("Member survey", "survey")),
                }
            };
            let year = calendar.date(day).year();
            let project = Project {
                day,
                title: format!("{title} ({year})"),
                kind,
                lead,
                sponsor,
                erg: Some(erg.id),
            };
            run(&mut dice, calendar, project, plan);
        }
    }
}

/// Plans the cross-functional initiatives, outside any group.
pub(crate) fn plan_initiatives(
    seed: u64,
    people: &People,
    calendar: &Calendar,
    employees: u32,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Initiatives);
    let per_year = (employees / EMPLOYEES_PER_INITIATIVE).max(1);
    for (first, last) in calendar.years() {
        for _ in 0..per_year {
            let day = first + dice.between(0, last - first);
            let pool = if dice.chance(40) {
                &people.participants
            } else {
                &people.others
            };
            let (Some(&lead), Some(&sponsor)) = (dice.pick(pool), dice.pick(&people.leaders))
            else {
                continue;
            };
            let Some(&(title, kind)) = dice.pick(&INITIATIVES) else {
                continue;
            };
            let year = calendar.date(day).year();
            let project = Project {
                day,
                title: format!("{title} ({year})"),
                kind,
                lead,
                sponsor,
                erg: None,
            };
            run(&mut dice, calendar, project, plan);
        }
    }
}

/// Plans the start and, unless it stalls or runs past the scenario, the sign-off.
fn run(dice: &mut Dice, calendar: &Calendar, project: Project<'_>, plan: &mut Plan) {
    let project_id = dice.uuid();
    let kind = project.kind.to_owned();
    let start = CommandBody::StartProject(StartProject {
        project_id,
        title: project.title,
        lead_id: project.lead,
        sponsor_id: project.sponsor,
        erg_id: project.erg,
        kind: kind.clone(),
    });
    let started = plan.push(
        project.day,
        dice,
        project.lead,
        CommandName::StartProject,
        start,
    );
    let finished = project.day + dice.between(45, 270);
    if !calendar.contains(finished) || !dice.chance(92) {
        return;
    }
    let people = dice.between(8, 120);
    let percent = dice.between(70, 97);
    let body = CommandBody::CompleteProject(CompleteProject {
        project_id,
        outcome: outcome(&kind, people, percent),
    });
    let link = Link {
        correlation: started,
        causation: started,
    };
    let name = CommandName::CompleteProject;
    plan.push_linked(finished, dice, project.sponsor, name, body, link);
}
