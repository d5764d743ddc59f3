//! Mentorships: the social twenty percent, matched on a skill gap.
//!
//! Each group's mentorship lead (or, without one, its chair or a co-chair) takes on up to
//! three members a year; the company's mentoring programme pairs a senior leader with an
//! employee, about one pair a year per hundred employees. The mentor registers the
//! mentorship with the competency it focuses on; mentor or mentee record up to three
//! milestones; after three to nine months most mentees confirm it complete, which is the
//! evidence for the mentor. The rest lapse or run past the scenario.

use ladder_domain::command::{CompleteMentorship, RecordMentorshipMilestone, StartMentorship};
use ladder_domain::{CommandBody, CommandName};
use proto_events::ErgRole;
use uuid::Uuid;

use crate::calendar::Calendar;
use crate::catalogue::COMPETENCIES;
use crate::dice::{Dice, Stream};
use crate::ergs::Erg;
use crate::org::{MILESTONES, milestone};
use crate::people::People;
use crate::plan::{Link, Plan};

/// Who mentors in a group, most likely first.
const MENTORS: [ErgRole; 3] = [ErgRole::MentorshipLead, ErgRole::Chair, ErgRole::CoChair];
/// Employees per company mentorship and year.
const EMPLOYEES_PER_MENTORSHIP: u32 = 100;
/// How many milestones a mentorship records, with their weights.
const MILESTONE_COUNTS: [(i32, u32); 4] = [(0, 20), (1, 35), (2, 30), (3, 15)];
/// Chance that a mentorship that runs its course is confirmed by the mentee, in percent.
const COMPLETE_PERCENT: u32 = 85;

/// A mentor, a mentee, a focus and a first day.
struct Pair {
    mentor: Uuid,
    mentee: Uuid,
    focus: usize,
    day: i32,
}

/// Plans the groups' mentorships and the company programme's.
pub(crate) fn plan(
    seed: u64,
    people: &People,
    ergs: &[Erg],
    calendar: &Calendar,
    employees: u32,
    plan: &mut Plan,
) {
    let mut dice = Dice::new(seed, Stream::Mentoring);
    let years = calendar.years();
    for erg in ergs {
        for &(first, last) in &years {
            let earliest = first.max(erg.registered + 30);
            if earliest > last {
                continue;
            }
            for _ in 0..dice.between(0, 3) {
                let day = earliest + dice.between(0, last - earliest);
                let leads = erg.holders(day, &MENTORS[..1]);
                let seniors = erg.holders(day, &MENTORS);
                let mentor = match dice.pick(&leads) {
                    Some(lead) if dice.chance(70) => *lead,
                    _ => match dice.pick(&seniors) {
                        Some(senior) => *senior,
                        None => continue,
                    },
                };
                let Some(&mentee) = dice.pick(&erg.members).filter(|m| **m != mentor) else {
                    continue;
                };
                let focus = dice.below(COMPETENCIES.len());
                let pair = Pair {
                    mentor,
                    mentee,
                    focus,
                    day,
                };
                run(&mut dice, calendar, &pair, plan);
            }
        }
    }
    let per_year = (employees / EMPLOYEES_PER_MENTORSHIP).max(1);
    for &(first, last) in &years {
        for _ in 0..per_year {
            let day = dice.between(first, last);
            let pool = if dice.chance(40) {
                &people.participants
            } else {
                &people.others
            };
            let (Some(&mentor), Some(&mentee)) = (dice.pick(&people.leaders), dice.pick(pool))
            else {
                continue;
            };
            let focus = dice.below(COMPETENCIES.len());
            let pair = Pair {
                mentor,
                mentee,
                focus,
                day,
            };
            run(&mut dice, calendar, &pair, plan);
        }
    }
}

fn run(dice: &mut Dice, calendar: &Calendar, pair: &Pair, plan: &mut Plan) {
    let Some(&(competency, name)) = COMPETENCIES.get(pair.focus) else {
        return;
    };
    let mentorship_id = dice.uuid();
    let start = CommandBody::StartMentorship(StartMentorship {
        mentorship_id,
        mentor_id: pair.mentor,
        mentee_id: pair.mentee,
        focus_competency: competency.to_owned(),
    });
    let started = plan.push(
        pair.day,
        dice,
        pair.mentor,
        CommandName::StartMentorship,
        start,
    );
    let link = Link {
        correlation: started,
        causation: started,
    };
    let length = dice.between(90, 270);
    let milestones = dice.weighted(&MILESTONE_COUNTS).copied().unwrap_or(0);
    for k in 1..=milestones {
        let day = pair.day + length * k / (milestones + 1);
        let template = dice.pick(&MILESTONES).copied().unwrap_or("Progress on {}");
        let actor = if dice.chance(70) {
            pair.mentor
        } else {
            pair.mentee
        };
        if !calendar.contains(day) {
            break;
        }
        let body = CommandBody::RecordMentorshipMilestone(RecordMentorshipMilestone {
            mentorship_id,
            summary: milestone(template, name),
        });
        let name = CommandName::RecordMentorshipMilestone;
        plan.push_linked(day, dice, actor, name, body, link);
    }
    let end = pair.day + length;
    if calendar.contains(end) && dice.chance(COMPLETE_PERCENT) {
        let body = CommandBody::CompleteMentorship(CompleteMentorship { mentorship_id });
        let name = CommandName::CompleteMentorship;
        // The mentee confirms it: the verification of the mentor's evidence.
        plan.push_linked(end, dice, pair.mentee, name, body, link);
    }
}
